// SPDX-License-Identifier: MIT
#include "run_controller.h"

#include <exception>

namespace tl {

RunController::RunController(QObject* parent) : QObject(parent), trace_(std::make_shared<Trace>())
{
    timer_.setObjectName(QStringLiteral("pollTimer"));
    timer_.setInterval(16);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &RunController::poll);
}

RunController::~RunController()
{
    if (live_)
        live_->abort();
    for (auto& r : retiring_)
        r->abort();
    python_.reset();  // ends its process tree
    retiringPython_.clear();
    // Destroying a Run joins its threads; at shutdown that is the right place to wait.
    live_.reset();
    retiring_.clear();
}

void RunController::setState(State s)
{
    if (state_ == s)
        return;
    state_ = s;
    emit stateChanged(s);
}

void RunController::retireLive()
{
    if (python_) {
        if (!python_->finished())
            python_->abort();
        retiringPython_.push_back(std::move(python_));
    }
    if (!live_)
        return;
    if (!live_->finished())
        live_->abort();
    retiring_.push_back(std::move(live_));
}

bool RunController::start(const Scenario& scenario, const ParamValues& params, const RunOptions& options, uint64_t seed,
                          const std::vector<LaneId>* replay)
{
    retireLive();
    // Rebind the values to this scenario's own parameter list (the caller's may be a copy,
    // or params_ itself when re-running: build the new values before replacing it).
    ParamValues bound(&scenario.params);
    for (const auto& [name, value] : params.values())
        if (bound.find(name))
            bound.setNumber(name, value);
    scenario_ = &scenario;
    pythonOptions_ = {};
    params_ = std::move(bound);
    options_ = options;
    seed_ = seed;
    trace_ = std::make_shared<Trace>();
    emit traceReset();
    clock_.start();
    lastElapsed_ = 0;
    try {
        live_ = std::make_unique<ScenarioRun>(scenario, params_, options_, seed_);
        liveReplay_ = replay ? *replay : std::vector<LaneId>{};
        if (replay)
            live_->run().step().replay(*replay);  // before start: the engine's contract
        live_->start();
    } catch (const std::exception& e) {
        live_.reset();
        RunResult r{"error", e.what()};
        trace_->finish(0, r);
        setState(State::Finished);
        emit finished(QStringLiteral("error"), QString::fromStdString(e.what()));
        return false;
    }
    setState(State::Running);
    timer_.start();
    emit started();
    return true;
}

bool RunController::startPython(const pytrace::ProgramOptions& options)
{
    retireLive();
    scenario_ = nullptr;
    pythonOptions_ = options;
    pythonOutput_.clear();
    lastSchedule_.clear();
    trace_ = std::make_shared<Trace>();
    emit traceReset();
    clock_.start();
    lastElapsed_ = 0;
    python_ = std::make_unique<pytrace::Program>();
    if (!python_->start(options)) {
        const std::string why = python_->error();
        python_.reset();
        trace_->title = options.script;
        trace_->source = "python";
        trace_->finish(0, RunResult{"error", why});
        setState(State::Finished);
        emit finished(QStringLiteral("error"), QString::fromStdString(why));
        return false;
    }
    setState(State::Running);
    timer_.start();
    emit started();
    return true;
}

QString RunController::pythonOutput() const
{
    return python_ ? QString::fromStdString(python_->output()) : pythonOutput_;
}

bool RunController::rerun()
{
    if (!scenario_ && !pythonOptions_.script.empty())
        return startPython(pythonOptions_);
    if (!scenario_)
        return false;
    return start(*scenario_, params_, options_, seed_);
}

void RunController::setStepMode(bool on)
{
    options_.step = on;
    if (StepController* s = stepper()) {
        if (on)
            s->pause();
        else
            s->continueRun();
    }
}

StepController* RunController::stepper()
{
    if (live_ && state_ == State::Running && !live_->finished())
        return &live_->run().step();
    return nullptr;
}

bool RunController::step()
{
    StepController* s = stepper();
    return s && s->step();
}

bool RunController::stepThread(LaneId lane)
{
    StepController* s = stepper();
    return s && s->stepThread(lane);
}

void RunController::continueRun()
{
    if (StepController* s = stepper())
        s->continueRun();
}

std::vector<StepController::Pending> RunController::pending()
{
    StepController* s = stepper();
    return s ? s->pending() : std::vector<StepController::Pending>{};
}

bool RunController::replayLast()
{
    if (!scenario_ || lastSchedule_.empty())
        return false;
    const std::vector<LaneId> schedule = lastSchedule_;  // start() may replace it later
    RunOptions o = options_;
    o.step = false;  // the schedule drives the gates, then the run goes free
    const bool ok = start(*scenario_, params_, o, seed_, &schedule);
    options_.step = false;
    return ok;
}

void RunController::abort()
{
    if (python_ && state_ == State::Running) {
        python_->abort();
        setState(State::Stopping);
        return;
    }
    if (!live_ || state_ != State::Running)
        return;
    live_->abort(RunStatus::Aborted, "aborted by the user");
    setState(State::Stopping);
}

void RunController::setTrace(Trace trace)
{
    retireLive();
    scenario_ = nullptr;
    pythonOptions_ = {};
    trace_ = std::make_shared<Trace>(std::move(trace));
    lastElapsed_ = trace_->duration();
    emit traceReset();
    setState(State::Finished);
    emit traceUpdated(trace_->generation());
    if (!retiring_.empty())
        timer_.start();
}

std::shared_ptr<const Trace> RunController::finishedTrace() const
{
    return state_ == State::Finished ? trace_ : nullptr;
}

int64_t RunController::elapsedNs() const
{
    if (live_ && state_ != State::Finished)
        return live_->run().elapsedNs();
    if (python_ && state_ != State::Finished)
        return python_->elapsedNs();
    return lastElapsed_;
}

void RunController::poll()
{
    // Runs that were replaced: destroy them once their threads have ended (never join here).
    for (auto it = retiring_.begin(); it != retiring_.end();) {
        if ((*it)->finished())
            it = retiring_.erase(it);
        else
            ++it;
    }
    std::erase_if(retiringPython_, [](const auto& p) { return p->finished(); });
    if (python_) {
        pollPython();
        return;
    }
    if (!live_) {
        if (retiring_.empty() && retiringPython_.empty())
            timer_.stop();
        return;
    }
    const bool done = live_->finished();  // read before draining: nothing is recorded after it
    if (done) {
        live_->finish(*trace_);  // the run has ended: finish() does not wait
        // A replayed run keeps offering the schedule it followed.
        lastSchedule_ = live_->run().step().schedule();
        if (lastSchedule_.empty())
            lastSchedule_ = liveReplay_;
        lastElapsed_ = trace_->duration();
        const QString status = QString::fromStdString(trace_->result.status);
        const QString message = QString::fromStdString(trace_->result.message);
        retiring_.push_back(std::move(live_));
        setState(State::Finished);
        emit traceUpdated(trace_->generation());
        emit finished(status, message);
        return;
    }
    if (live_->poll(*trace_) > 0)
        emit traceUpdated(trace_->generation());
}

void RunController::pollPython()
{
    if (!python_->finished()) {
        if (python_->poll(*trace_) > 0)
            emit traceUpdated(trace_->generation());
        return;
    }
    python_->finish(*trace_);  // the streams have ended: finish() does not wait
    pythonOutput_ = QString::fromStdString(python_->output());
    python_.reset();
    lastElapsed_ = trace_->duration();
    setState(State::Finished);
    emit traceUpdated(trace_->generation());
    emit finished(QString::fromStdString(trace_->result.status), QString::fromStdString(trace_->result.message));
}

}  // namespace tl
