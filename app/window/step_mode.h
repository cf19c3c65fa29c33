// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "engine/record/event.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>
#include <functional>

namespace tl {

class RunController;
class StepPanel;
namespace view {
class TimelineView;
}

// Step mode (issue 10): a run whose threads park at their next synchronization step. This
// polls the run's stepper and shows what each parked thread is about to do, in the step panel
// and at the lane's end on the timeline; lane clicks and the panel's buttons step a thread.
//
// Threading contract: GUI thread only; the stepper is polled, never waited on.
class StepMode : public QObject {
    Q_OBJECT
public:
    StepMode(RunController& controller, StepPanel* panel, view::TimelineView* timeline, QObject* parent = nullptr);

    // On: the next run starts paused / the live run pauses; off: it runs free.
    void setOn(bool on);
    bool isOn() const { return on_; }
    bool stepOnce();  // the earliest parked thread goes on
    bool stepLane(LaneId lane);  // that thread goes on
    // Re-runs the last stepped run's lesson and parameters following its schedule, step mode
    // off; false if there is none.
    bool replay();
    // Polls every 30 ms while a step-mode run is live, not otherwise.
    void followRun(bool live);
    // Polls the stepper now.
    void refresh();
    const QMap<LaneId, QString>& annotations() const { return annotations_; }
    // "acquire lock_a", "put into jobs" ... in the current language, for the step lines.
    static QString describe(Ev what, const QString& objectName, int64_t a);
    // What a thread that is not at a step is doing ("blocked: waiting for lock_a", "finished").
    static QString whatHolds(const Lane& lane, const std::function<QString(ObjectId)>& objectName);

protected:
    bool event(QEvent* e) override;  // a language switch: the step lines again

private:
    RunController& controller_;
    StepPanel* panel_;
    view::TimelineView* timeline_;
    bool on_ = false;
    QTimer timer_;  // polls the stepper while a step-mode run is live
    uint64_t version_ = ~uint64_t(0);
    uint64_t traceGeneration_ = ~uint64_t(0);  // names resolve as the trace ingests them
    QMap<LaneId, QString> annotations_;
};

}  // namespace tl
