// SPDX-License-Identifier: MIT
#include "runner.h"

#include <algorithm>
#include <climits>
#include <iterator>

namespace tl {

ScenarioRun::ScenarioRun(const Scenario& scenario, ParamValues params, RunOptions options, uint64_t seed)
    : scenario_(scenario), params_(std::move(params)), seed_(seed), run_(std::make_unique<Run>(options))
{}

ScenarioRun::~ScenarioRun() = default;

void ScenarioRun::start()
{
    run_->start([this] {
        Context ctx{*run_, params_, seed_};
        scenario_.run(ctx);
    });
}

void ScenarioRun::fillMetadata(Trace& trace) const
{
    trace.scenario = scenario_.id;
    trace.title = scenario_.title;
    trace.recorded = utcTimestamp();
    trace.params = params_.display();
    trace.gil = run_->options().gil;
    trace.speed = run_->options().speed;
    trace.cores = Run::usableCores();
    trace.result.status = "running";
}

size_t ScenarioRun::poll(Trace& trace)
{
    if (!metadataDone_) {
        fillMetadata(trace);
        metadataDone_ = true;
    }
    return ingest(trace, run_->elapsedNsAgo(kSettleNs));
}

size_t ScenarioRun::ingest(Trace& trace, int64_t upTo)
{
    fresh_.clear();
    run_->drain(fresh_);
    // Both are in (t, lane) order; on equal times the held events (drained earlier) go first,
    // which keeps each lane's own order.
    if (!held_.empty() && !fresh_.empty()) {
        std::vector<Event> merged;
        merged.reserve(held_.size() + fresh_.size());
        std::merge(held_.begin(), held_.end(), fresh_.begin(), fresh_.end(), std::back_inserter(merged),
                   [](const Event& a, const Event& b) { return a.t < b.t; });
        held_.swap(merged);
    } else if (!fresh_.empty()) {
        held_.swap(fresh_);
    }
    const auto cut = std::partition_point(held_.begin(), held_.end(), [upTo](const Event& e) { return e.t <= upTo; });
    if (cut == held_.begin())
        return 0;
    batch_.assign(held_.begin(), cut);
    held_.erase(held_.begin(), cut);
    trace.ingest(batch_, run_->recorder());
    return batch_.size();
}

void ScenarioRun::abort(RunStatus why, std::string message) { run_->abort(why, std::move(message)); }

void ScenarioRun::finish(Trace& trace)
{
    run_->waitFinished();
    if (!metadataDone_) {
        fillMetadata(trace);
        metadataDone_ = true;
    }
    ingest(trace, INT64_MAX);
    RunResult result;
    result.status = run_->status() == RunStatus::Finished ? "finished" : statusName(run_->status());
    result.message = run_->message();
    trace.finish(run_->elapsedNs(), result);
    LessonResult found = lessonResult(scenario_, trace, params_);
    trace.result.lesson = std::move(found.text);
    trace.result.lessonAt = found.at;
}

void RunCanceller::cancel()
{
    std::lock_guard lk(mutex_);
    cancelled_.store(true, std::memory_order_release);
    if (current_)
        current_->abort(RunStatus::Aborted, kCancelledMessage);
}

void RunCanceller::attach(ScenarioRun* run)
{
    std::lock_guard lk(mutex_);
    current_ = run;
    // Cancelled before this run started: it ends at its first blocking call.
    if (cancelled_.load(std::memory_order_acquire))
        run->abort(RunStatus::Aborted, kCancelledMessage);
}

void RunCanceller::detach()
{
    std::lock_guard lk(mutex_);
    current_ = nullptr;
}

Trace runScenario(const Scenario& scenario, const ParamValues& params, RunOptions options, double timeoutMs,
                  uint64_t seed, RunCanceller* canceller)
{
    Trace trace;
    ScenarioRun session(scenario, params, options, seed);
    session.start();
    if (canceller)
        canceller->attach(&session);
    while (!session.wait(50)) {
        session.poll(trace);
        if (timeoutMs >= 0 && session.run().elapsedNs() > static_cast<int64_t>(timeoutMs * 1e6)) {
            session.abort(RunStatus::Aborted, "timed out after " + std::to_string(int(timeoutMs / 1000)) + " s");
            break;
        }
    }
    // Detached before the session dies: cancel() never touches a destroyed run.
    if (canceller)
        canceller->detach();
    session.finish(trace);
    return trace;
}

}  // namespace tl
