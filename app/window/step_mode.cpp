// SPDX-License-Identifier: MIT
#include "step_mode.h"

#include "app/view/palette.h"
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

QString StepMode::whatHolds(const Lane& lane, const std::function<QString(ObjectId)>& objectName)
{
    // A thread not at a step: say why, so none vanishes from the list unexplained.
    if (lane.end >= 0)
        return tr("finished");
    if (lane.intervals.empty())
        return tr("starting");
    const Interval& last = lane.intervals.back();
    switch (view::stateFamily(last.state)) {
    case view::StateFamily::Run: return tr("running to its next step");
    case view::StateFamily::Sleep: return tr("sleeping (time.sleep)");
    case view::StateFamily::Io: return tr("waiting for I/O");
    case view::StateFamily::Idle: return tr("idle, waiting for a task");
    case view::StateFamily::WaitGil: return tr("waiting for the GIL");
    default: break;
    }
    const QString name = objectName(last.object);
    return name.isEmpty() ? tr("blocked by another thread") : tr("blocked: waiting for %1").arg(name);
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
    const auto pending = stepper->pending();
    const auto earliest = std::min_element(pending.begin(), pending.end(),
                                           [](const auto& x, const auto& y) { return x.arrival < y.arrival; });
    auto objectName = [&](ObjectId id) {
        // The trace may not have ingested the object yet (polled every 30 ms): name it by id then.
        std::string name = id < trace.objects.size() ? trace.objectName(id) : std::string();
        if (name.empty() && id != 0)
            name = '#' + std::to_string(id);  // a char, not "#": GCC 12 -Wrestrict misfires on that
        return QString::fromStdString(name);
    };
    QMap<LaneId, QString> annotations;
    std::vector<StepPanel::Row> rows;
    // Every thread in lane order, numbered by its lane: thread 2 is key 2 all run long.
    size_t lanes = trace.lanes.size();
    for (const auto& p : pending)
        lanes = std::max<size_t>(lanes, p.lane + 1u);
    for (size_t lane = 0; lane < lanes; ++lane) {
        StepPanel::Row row;
        row.lane = LaneId(lane);
        row.number = int(lane) + 1;
        row.thread = lane < trace.lanes.size() ? QString::fromStdString(trace.lanes[lane].info.name) : QString();
        if (row.thread.isEmpty())
            row.thread = tr("thread %1").arg(row.number);
        const auto at = std::find_if(pending.begin(), pending.end(), [&](const auto& p) { return p.lane == lane; });
        if (at != pending.end()) {
            row.atStep = true;
            row.next = at == earliest;
            row.what = describe(at->what, objectName(at->object), at->a);
            annotations.insert(row.lane, QStringLiteral("▶ ") + row.what);
        } else if (lane < trace.lanes.size()) {
            row.what = whatHolds(trace.lanes[lane], objectName);
        }
        rows.push_back(std::move(row));
    }
    // The shared variables' values as the threads last wrote (or read) them.
    QStringList variables;
    for (const ObjectInfo& o : trace.objects) {
        if (o.kind != ObjectKind::Variable || o.id == 0)
            continue;
        const auto last = std::find_if(trace.instants.rbegin(), trace.instants.rend(), [&](const Instant& in) {
            return in.object == o.id && (in.type == Ev::VarWrite || in.type == Ev::VarRead);
        });
        if (last != trace.instants.rend())
            variables << QStringLiteral("%1 = %2").arg(QString::fromStdString(o.name)).arg(last->a);
    }
    annotations_ = annotations;
    timeline_->setAnnotations(annotations_);
    panel_->setRows(std::move(rows), true, variables);
    panel_->setProperty("stepMode", true);
}

}  // namespace tl
