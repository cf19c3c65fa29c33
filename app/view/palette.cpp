// SPDX-License-Identifier: MIT
#include "palette.h"

#include <QObject>

namespace tl::view {

StateFamily stateFamily(State s) noexcept
{
    switch (s) {
    case State::Run: return StateFamily::Run;
    case State::Sleep: return StateFamily::Sleep;
    case State::Io: return StateFamily::Io;
    case State::Idle: return StateFamily::Idle;
    case State::WaitGil: return StateFamily::WaitGil;
    default: return StateFamily::Wait;
    }
}

QColor familyColor(StateFamily f, bool dark)
{
    // Okabe–Ito: bluish green #009E73, vermillion #D55E00, reddish purple #CC79A7; sleep and
    // io are desaturated blues so they recede; idle is barely there.
    switch (f) {
    case StateFamily::Run: return dark ? QColor(0x1f, 0xb8, 0x8a) : QColor(0x00, 0x9e, 0x73);
    case StateFamily::Wait: return dark ? QColor(0xf0, 0x6e, 0x1a) : QColor(0xd5, 0x5e, 0x00);
    case StateFamily::WaitGil: return dark ? QColor(0xd8, 0x8c, 0xb8) : QColor(0xcc, 0x79, 0xa7);
    case StateFamily::Sleep: return dark ? QColor(0x4a, 0x5e, 0x72) : QColor(0xb4, 0xcb, 0xdf);
    case StateFamily::Io: return dark ? QColor(0x3b, 0x6e, 0x99) : QColor(0x86, 0xb4, 0xd8);
    case StateFamily::Idle: return dark ? QColor(0x34, 0x38, 0x3e) : QColor(0xe6, 0xe8, 0xeb);
    case StateFamily::Count: break;
    }
    return Qt::gray;
}

QColor stateColor(State s, bool dark)
{
    const QColor base = familyColor(stateFamily(s), dark);
    // Waits stay one family; the queue/future/join kinds are a shade darker than lock-like
    // waits so neighbouring waits of different kinds remain distinguishable.
    switch (s) {
    case State::WaitQueueGet:
    case State::WaitQueuePut: return dark ? QColor(0xe0, 0x5a, 0x10) : QColor(0xc0, 0x4a, 0x00);
    case State::WaitFuture:
    case State::WaitJoin:
    case State::WaitResult: return dark ? QColor(0xf5, 0x8a, 0x3c) : QColor(0xe0, 0x75, 0x20);
    case State::WaitCondition:
    case State::WaitEvent:
    case State::WaitBarrier: return dark ? QColor(0xe8, 0x62, 0x20) : QColor(0xcc, 0x55, 0x00);
    default: return base;
    }
}

QString stateLabel(State s)
{
    switch (s) {
    case State::Run: return QObject::tr("running");
    case State::Sleep: return QObject::tr("sleeping");
    case State::Io: return QObject::tr("waiting for I/O");
    case State::Idle: return QObject::tr("idle");
    case State::WaitGil: return QObject::tr("waiting for the GIL");
    case State::WaitLock: return QObject::tr("waiting: lock");
    case State::WaitRLock: return QObject::tr("waiting: rlock");
    case State::WaitCondition: return QObject::tr("waiting: condition");
    case State::WaitEvent: return QObject::tr("waiting: event");
    case State::WaitSemaphore: return QObject::tr("waiting: semaphore");
    case State::WaitBarrier: return QObject::tr("waiting: barrier");
    case State::WaitQueueGet: return QObject::tr("waiting: queue get");
    case State::WaitQueuePut: return QObject::tr("waiting: queue put");
    case State::WaitFuture: return QObject::tr("waiting: future");
    case State::WaitJoin: return QObject::tr("waiting: join");
    case State::WaitResult: return QObject::tr("waiting: result");
    case State::Count: break;
    }
    return QString::fromUtf8(stateName(s).data(), qsizetype(stateName(s).size()));
}

QString familyLabel(StateFamily f)
{
    switch (f) {
    case StateFamily::Run: return QObject::tr("running");
    case StateFamily::Wait: return QObject::tr("waiting (lock, queue, event…)");
    case StateFamily::WaitGil: return QObject::tr("waiting for the GIL");
    case StateFamily::Sleep: return QObject::tr("sleeping");
    case StateFamily::Io: return QObject::tr("I/O");
    case StateFamily::Idle: return QObject::tr("idle");
    case StateFamily::Count: break;
    }
    return {};
}

int statePriority(State s) noexcept
{
    switch (stateFamily(s)) {
    case StateFamily::Wait: return 5;
    case StateFamily::WaitGil: return 4;
    case StateFamily::Run: return 3;
    case StateFamily::Io: return 2;
    case StateFamily::Sleep: return 2;
    case StateFamily::Idle: return 1;
    case StateFamily::Count: break;
    }
    return 0;
}

QColor objectColor(ObjectId id, bool dark)
{
    // Okabe–Ito blue, orange, sky blue, yellow-ish ochre, plus Tol's indigo, wine, olive, teal:
    // none of them is a state colour, so a hold band never reads as a state.
    static const QRgb light[] = {0x0072b2, 0xe69f00, 0x56b4e9, 0x332288, 0xb8a000, 0x882255, 0x44aa99, 0x999933};
    static const QRgb darkSet[] = {0x3d9be0, 0xf2b233, 0x7cc8f0, 0x8877dd, 0xe0cc40, 0xcc5588, 0x66ccbb, 0xc2c25a};
    const size_t n = sizeof(light) / sizeof(light[0]);
    const size_t i = id == 0 ? 0 : size_t(id - 1) % n;
    return QColor::fromRgb(dark ? darkSet[i] : light[i]);
}

QColor flowColor(FlowKind k, bool dark)
{
    switch (k) {
    case FlowKind::Handoff: return dark ? QColor(0xf0, 0xe4, 0x42) : QColor(0x33, 0x33, 0x33);
    case FlowKind::Wake: return dark ? QColor(0xd8, 0x8c, 0xb8) : QColor(0x88, 0x22, 0x55);
    case FlowKind::Item: return dark ? QColor(0x7c, 0xc8, 0xf0) : QColor(0x00, 0x72, 0xb2);
    case FlowKind::Done: return dark ? QColor(0x66, 0xcc, 0xbb) : QColor(0x00, 0x6e, 0x50);
    case FlowKind::Count: break;
    }
    return Qt::gray;
}

const Theme& theme(bool dark)
{
    static const Theme light{QColor(0xff, 0xff, 0xff),     QColor(0xf6, 0xf7, 0xf9),     QColor(0xf0, 0xf2, 0xf5),
                             QColor(0x1d, 0x21, 0x27),     QColor(0x5f, 0x67, 0x72),     QColor(0xd9, 0xdd, 0xe3),
                             QColor(0xf0, 0xf2, 0xf5),     QColor(0x00, 0x72, 0xb2, 40), QColor(0x00, 0x72, 0xb2),
                             QColor(0x00, 0x00, 0x00, 28), QColor(0xd5, 0x00, 0x6a),     QColor(0xe0, 0x00, 0x00),
                             QColor(0x00, 0x00, 0x00),     QColor(0x4a, 0x52, 0x5c),     QColor(0x33, 0x33, 0x33)};
    static const Theme darkT{QColor(0x1e, 0x20, 0x24),     QColor(0x24, 0x27, 0x2c),     QColor(0x2a, 0x2d, 0x33),
                             QColor(0xe6, 0xe8, 0xeb),     QColor(0xa0, 0xa7, 0xb0),     QColor(0x3a, 0x3f, 0x47),
                             QColor(0x2a, 0x2d, 0x33),     QColor(0x56, 0xb4, 0xe9, 50), QColor(0x56, 0xb4, 0xe9),
                             QColor(0xff, 0xff, 0xff, 30), QColor(0xff, 0x4f, 0xa3),     QColor(0xff, 0x40, 0x40),
                             QColor(0xff, 0xff, 0xff),     QColor(0xb0, 0xb7, 0xc0),     QColor(0xe6, 0xe8, 0xeb)};
    return dark ? darkT : light;
}

QColor textOn(const QColor& fill)
{
    const double l = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return l > 0.55 ? QColor(0x1d, 0x21, 0x27) : QColor(0xff, 0xff, 0xff);
}

}  // namespace tl::view
