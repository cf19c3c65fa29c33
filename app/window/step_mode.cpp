// SPDX-License-Identifier: MIT
#include "step_mode.h"

#include "app/view/timeline_view.h"
#include "run_controller.h"
#include "step_panel.h"

#include <QEvent>
#include <QVariant>

#include <algorithm>
#include <string>
#include <vector>

namespace tl {

StepMode::StepMode(RunController& controller, StepPanel* panel, view::TimelineView* timeline, QObject* parent)
    : QObject(parent), controller_(controller), panel_(panel), timeline_(timeline)
{
    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, &StepMode::refresh);
    connect(timeline_, &view::TimelineView::laneClicked, this, [this](LaneId lane) {
        if (controller_.stepper() && on_)
            stepLane(lane);
    });
    connect(panel_, &StepPanel::stepRequested, this, [this](LaneId lane) { stepLane(lane); });
}

void StepMode::setOn(bool on)
{
    on_ = on;
    controller_.setStepMode(on);
}

bool StepMode::stepOnce()
{
    const bool ok = controller_.step();
    refresh();
    return ok;
}

bool StepMode::stepLane(LaneId lane)
{
    const bool ok = controller_.stepThread(lane);
    refresh();
    return ok;
}

bool StepMode::replay()
{
    if (controller_.lastSchedule().empty())
        return false;
    on_ = false;
    return controller_.replayLast();
}

void StepMode::followRun(bool live)
{
    if (live && on_)
        timer_.start();
    else
        timer_.stop();
}

bool StepMode::event(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        version_ = ~uint64_t(0);
        refresh();
    }
    return QObject::event(e);
}

QString StepMode::describe(Ev what, const QString& name, int64_t a)
{
    switch (what) {
    case Ev::HoldBegin: return tr("acquire %1").arg(name);
    case Ev::Release: return tr("release %1").arg(name);
    case Ev::Set: return tr("set %1").arg(name);
    case Ev::Clear: return tr("clear %1").arg(name);
    case Ev::Notify: return tr("notify(%1) %2").arg(a ? a : 1).arg(name);
    case Ev::NotifyAll: return tr("notify_all %1").arg(name);
    case Ev::Put: return tr("put into %1").arg(name);
    case Ev::Get: return tr("get from %1").arg(name);
    case Ev::TaskDone: return tr("task_done %1").arg(name);
    case Ev::Join: return name.isEmpty() ? tr("join a thread") : tr("join %1").arg(name);
    case Ev::BarrierPass: return tr("wait on barrier %1").arg(name);
    case Ev::BarrierBroken: return tr("abort barrier %1").arg(name);
    case Ev::Submit: return tr("submit to %1").arg(name);
    case Ev::Cancel: return tr("cancel %1").arg(name);
    case Ev::FutureState: return tr("wait for %1").arg(name);
    case Ev::VarRead: return tr("read %1").arg(name);
    case Ev::VarWrite: return tr("write %1 to %2").arg(a).arg(name);
    case Ev::StateChange: {
        const auto s = static_cast<State>(a);
        if (s == State::Sleep)
            return tr("sleep");
        if (s == State::Io)
            return tr("wait for I/O");
        return tr("wait on %1").arg(name);
    }
    default: {
        const std::string_view event = eventName(what);
        const QString e = QString::fromUtf8(event.data(), qsizetype(event.size()));
        return name.isEmpty() ? e : e + QLatin1Char(' ') + name;
    }
    }
}

void StepMode::refresh()
{
    StepController* stepper = controller_.stepper();
    const bool live = stepper && on_;
    if (!live) {
        version_ = ~uint64_t(0);
        if (!annotations_.isEmpty()) {
            annotations_.clear();
            timeline_->setAnnotations(annotations_);
        }
        if (!panel_->rows().empty() || panel_->property("stepMode").toBool() != on_) {
            panel_->setRows({}, on_);
            panel_->setProperty("stepMode", on_);
        }
        return;
    }
    const uint64_t version = stepper->version();
    const Trace& trace = controller_.trace();
    if (version == version_ && trace.generation() == traceGeneration_)
        return;
    version_ = version;
    traceGeneration_ = trace.generation();
    auto pending = stepper->pending();
    std::sort(pending.begin(), pending.end(), [](const auto& x, const auto& y) { return x.arrival < y.arrival; });
    QMap<LaneId, QString> annotations;
    std::vector<StepPanel::Row> rows;
    for (const auto& p : pending) {
        // The trace may not have ingested the object yet (polled every 16 ms): name it by id then.
        std::string name = p.object < trace.objects.size() ? trace.objectName(p.object) : std::string();
        if (name.empty() && p.object != 0)
            name = '#' + std::to_string(p.object);  // a char, not "#": GCC 12 -Wrestrict misfires on that
        const QString what = describe(p.what, QString::fromStdString(name), p.a);
        annotations.insert(p.lane, QStringLiteral("▶ ") + what);
        QString thread =
            p.lane < trace.lanes.size() ? QString::fromStdString(trace.lanes[p.lane].info.name) : QString();
        if (thread.isEmpty())
            thread = tr("lane %1").arg(p.lane);
        rows.push_back({p.lane, thread, what});
    }
    annotations_ = annotations;
    timeline_->setAnnotations(annotations_);
    panel_->setRows(std::move(rows), true);
    panel_->setProperty("stepMode", true);
}

}  // namespace tl
