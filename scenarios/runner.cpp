// SPDX-License-Identifier: MIT
#include "runner.h"

namespace tl {

ScenarioRun::ScenarioRun(const Scenario& scenario, ParamValues params, RunOptions options, uint64_t seed)
    : scenario_(scenario), params_(std::move(params)), seed_(seed), run_(std::make_unique<Run>(options))
{
}

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
    trace.params = params_.display();
    trace.gil = run_->options().gil;
    trace.result.status = "running";
}

size_t ScenarioRun::poll(Trace& trace)
{
    if (!metadataDone_) {
        fillMetadata(trace);
        metadataDone_ = true;
    }
    batch_.clear();
    run_->drain(batch_);
    if (!batch_.empty())
        trace.ingest(batch_, run_->recorder());
    return batch_.size();
}

void ScenarioRun::abort(RunStatus why, std::string message) { run_->abort(why, std::move(message)); }

void ScenarioRun::finish(Trace& trace)
{
    run_->waitFinished();
    poll(trace);
    RunResult result;
    result.status = run_->status() == RunStatus::Finished ? "finished" : statusName(run_->status());
    result.message = run_->message();
    trace.finish(run_->elapsedNs(), result);
}

Trace runScenario(const Scenario& scenario, const ParamValues& params, RunOptions options, double timeoutMs,
                  uint64_t seed)
{
    Trace trace;
    ScenarioRun session(scenario, params, options, seed);
    session.start();
    while (!session.wait(50)) {
        session.poll(trace);
        if (timeoutMs >= 0 && session.run().elapsedNs() > static_cast<int64_t>(timeoutMs * 1e6)) {
            session.abort(RunStatus::Aborted, "timed out after " + std::to_string(int(timeoutMs / 1000)) + " s");
            break;
        }
    }
    session.finish(trace);
    return trace;
}

} // namespace tl
