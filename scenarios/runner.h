// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"
#include "scenario.h"

#include <atomic>
#include <memory>
#include <mutex>

namespace tl {

// Runs one scenario with real threads and feeds the trace model. Used by the window (which
// calls poll() every frame on the GUI thread), the command line and the tests.
//
// Threading contract: every member is called from one controller thread; the scenario's own
// threads live inside the Run.
class ScenarioRun {
public:
    ScenarioRun(const Scenario& scenario, ParamValues params, RunOptions options, uint64_t seed = 1);
    ~ScenarioRun();

    void start();
    // Moves newly recorded events into `trace` (fills its metadata on the first call), all but
    // those of the last kSettleNs; returns how many.
    size_t poll(Trace& trace);
    bool finished() const { return run_->finished(); }
    bool wait(double timeoutMs) { return run_->waitFinished(timeoutMs); }
    void abort(RunStatus why = RunStatus::Aborted, std::string message = {});
    // Waits for the end, drains the rest and closes the trace with the run's result.
    void finish(Trace& trace);
    Run& run() { return *run_; }
    const Scenario& scenario() const { return scenario_; }
    const ParamValues& params() const { return params_; }

    // poll() ingests only events older than this: a thread descheduled between stamping an
    // event and publishing it shows up in a later drain with an older time; held back a few
    // milliseconds it is merged in order, so the model appends instead of inserting in the
    // middle (which makes the live views rebuild their indexes: bench_live).
    static constexpr int64_t kSettleNs = 10'000'000;

private:
    void fillMetadata(Trace& trace) const;
    size_t ingest(Trace& trace, int64_t upTo);  // drains, then ingests events with t <= upTo

    const Scenario& scenario_;
    ParamValues params_;
    uint64_t seed_;
    std::unique_ptr<Run> run_;
    std::vector<Event> batch_, fresh_, held_;
    bool metadataDone_ = false;
};

// The message of a run stopped by RunCanceller::cancel().
inline constexpr const char* kCancelledMessage = "cancelled";

// Lets another thread stop the runs of runScenario() at once (a sweep's Cancel): cancel() aborts
// the run in progress and every later run ends as soon as it starts.
//
// Threading contract: cancel() and cancelled() from any thread; attach/detach by runScenario.
class RunCanceller {
public:
    void cancel();
    bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }
    void reset() { cancelled_.store(false, std::memory_order_release); }

private:
    friend Trace runScenario(const Scenario&, const ParamValues&, RunOptions, double, uint64_t, RunCanceller*);
    void attach(ScenarioRun* run);
    void detach();
    std::mutex mutex_;
    ScenarioRun* current_ = nullptr;
    std::atomic<bool> cancelled_{false};
};

// Runs a scenario to its end (aborting it after timeoutMs, or when `canceller` is cancelled: the
// status is then "aborted" with the message "cancelled") and returns the finished trace.
Trace runScenario(const Scenario& scenario, const ParamValues& params, RunOptions options, double timeoutMs = 60000,
                  uint64_t seed = 1, RunCanceller* canceller = nullptr);

}  // namespace tl
