// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "engine/control/run.h"
#include "engine/control/step.h"
#include "engine/pytrace/program.h"
#include "scenarios/runner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <vector>

namespace tl {

// Runs one scenario at a time for the window and feeds its Trace.
//
// Threading contract: a GUI-thread object. The scenario's threads live inside the Run; this
// object only polls the run's recorder from a QTimer (every ~16 ms) and never blocks the GUI
// thread: abort() returns at once, and a run that is replaced while still stopping is kept
// in a "retiring" list and destroyed (joined) only once it has finished on its own.
//
// The Trace is owned here; a new run replaces it (traceReset), so views must re-read
// trace() after traceReset and never keep references across it.
class RunController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Stopping, Finished };
    Q_ENUM(State)

    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;  // aborts a live run and joins it (the engine stops within ~200 ms)

    // Starts `scenario` (which must outlive the run: a Registry entry). A live run is aborted
    // and retired first. Returns false (and emits finished with "error") when the scenario
    // cannot start.
    bool start(const Scenario& scenario, const ParamValues& params, const RunOptions& options, uint64_t seed = 1,
               const std::vector<LaneId>* replay = nullptr);
    // Traces a real Python program (pytrace::Program) into a new trace, streamed like a lesson.
    // Returns false (and emits finished with "error" and the reason) when it cannot start.
    bool startPython(const pytrace::ProgramOptions& options);
    // The program of the live or last Python run (empty script: the last run was a lesson).
    const pytrace::ProgramOptions& pythonOptions() const { return pythonOptions_; }
    // What the live or last Python program printed (stdout and stderr).
    QString pythonOutput() const;
    // Same scenario (or Python program), parameters and options as the last start; false when
    // there was none.
    bool rerun();
    // Step mode (see StepController). setStepMode: the next run starts paused at its first gates;
    // a live run is paused (on) or let run free (off).
    void setStepMode(bool on);
    bool stepMode() const { return options_.step; }
    // The live run's stepper, or nullptr when no run is live.
    StepController* stepper();
    bool step();  // the earliest parked thread goes on; false if none
    bool stepThread(LaneId lane);  // that thread goes on; false if it is not parked
    void continueRun();  // leave step mode, all gates open
    std::vector<StepController::Pending> pending();
    // Gate-pass order of the last finished run (empty if it was never stepped).
    const std::vector<LaneId>& lastSchedule() const { return lastSchedule_; }
    // Re-runs the last scenario with its parameters, following lastSchedule(); false if none.
    bool replayLast();
    // Asks the live run to stop; returns at once. finished("aborted", ...) follows.
    void abort();
    // Shows a trace that did not come from a run here (an opened file). Aborts a live run.
    void setTrace(Trace trace);

    State state() const { return state_; }
    bool isRunning() const { return state_ == State::Running || state_ == State::Stopping; }
    const Trace& trace() const { return *trace_; }
    // The trace, shared, once nothing changes it any more (a finished run, an opened file; a
    // new run makes a new Trace): views may then read it from other threads. Null while live.
    std::shared_ptr<const Trace> finishedTrace() const;
    const Scenario* scenario() const { return scenario_; }
    const ParamValues& params() const { return params_; }
    const RunOptions& options() const { return options_; }
    // Wall time of the live (or last) run in ns.
    int64_t elapsedNs() const;
    // Poll period (ms); 16 by default.
    void setPollInterval(int ms) { timer_.setInterval(ms); }

signals:
    void traceReset();  // trace() is a new object (new run, opened file)
    void started();
    void traceUpdated(quint64 generation);  // new events were ingested
    // status: finished | aborted | deadlock | error; message: the engine's explanation.
    void finished(const QString& status, const QString& message);
    void stateChanged(tl::RunController::State state);

private:
    void poll();
    void pollPython();
    void setState(State s);
    void retireLive();

    QTimer timer_;
    std::unique_ptr<ScenarioRun> live_;
    std::vector<std::unique_ptr<ScenarioRun>> retiring_;
    // A live Python program (at most one of live_ and python_ is set) and the ones still ending.
    std::unique_ptr<pytrace::Program> python_;
    std::vector<std::unique_ptr<pytrace::Program>> retiringPython_;
    pytrace::ProgramOptions pythonOptions_;
    QString pythonOutput_;
    std::shared_ptr<Trace> trace_;
    const Scenario* scenario_ = nullptr;
    ParamValues params_;
    RunOptions options_;
    uint64_t seed_ = 1;
    State state_ = State::Idle;
    QElapsedTimer clock_;
    int64_t lastElapsed_ = 0;
    std::vector<LaneId> lastSchedule_;
    std::vector<LaneId> liveReplay_;  // the schedule the live run follows (empty: none)
};

}  // namespace tl
