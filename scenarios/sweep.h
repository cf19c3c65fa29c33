// SPDX-License-Identifier: MIT
#pragma once
#include "runner.h"
#include "scenario.h"

#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

namespace tl {

// A parameter sweep: a lesson run once per value × GIL mode × repetition, each run's figures a
// row (the command line's `sweep`, the window's Run ▸ Sweep…). What a slider changes, as a curve.

// One value of the swept parameter: its number (a choice's index, a flag's 0/1) and its text.
struct SweepValue {
    double number = 0;
    std::string text;
};

// The sweep as the user words it (command line or dialog).
struct SweepRequest {
    // "workers=1..16" (with step or doubling), "workers=1,2,8", "workload=io,cpu", "workload"
    // (every value of a choice or flag); empty when only the GIL is swept.
    std::string param;
    double step = 0;  // FROM..TO ranges only; 0 = 1
    bool doubling = false;  // FROM, 2·FROM, 4·FROM… up to TO
    std::string gil;  // "" = the lesson's default, "on", "off", "both"
    int repeat = 1;
};

// What a sweep runs, in order: value-major, then GIL mode, then repetition.
struct SweepPlan {
    const Scenario* scenario = nullptr;
    ParamValues base;  // the parameters not swept (--set)
    std::string param;  // empty = only the GIL is swept
    bool numeric = false;  // Int/Double: the x axis has distances (and an ideal curve)
    std::vector<SweepValue> values;  // one value with empty text when only the GIL is swept
    std::vector<bool> gil;  // modes per value: the default alone, on, off, or on then off
    bool gilSwept = false;
    int repeat = 1;
    RunOptions options;  // speed and time scale (the GIL is set per run)
    double timeoutMs = 600000;  // per run

    size_t runCount() const { return values.size() * gil.size() * size_t(repeat); }
    ParamValues valuesFor(size_t value) const;
    // What tells this run apart: "workers=8 · GIL on" (the GIL only when swept).
    std::string label(size_t value, bool gil) const;
};

inline constexpr size_t kMaxSweepRuns = 1000;

// Checks a request against the lesson and expands it. Throws std::invalid_argument naming what is
// valid: an unknown parameter (with the list), an empty range, a numeric range for a choice or a
// flag, a choice value that does not exist, a value out of the parameter's range, a bad --gil.
SweepPlan planSweep(const Scenario& scenario, ParamValues base, const SweepRequest& request, RunOptions options);

// One run's figures: a CSV row, a sample of the chart.
struct SweepRow {
    size_t value = 0;  // index into SweepPlan::values
    bool gil = false;
    int repetition = 1;  // 1-based
    std::string status;  // the run's: finished | aborted | deadlock | error
    std::string message;
    int64_t wallNs = 0;  // the run's wall time (RunStats::wall)
    int64_t cpuNs = 0;  // CPU time of every thread (RunStats::work.cpu)
    double parallelism = 0;  // cpuNs / wallNs: cores busy (RunStats::work.coresBusy)
    double speedup = std::numeric_limits<double>::quiet_NaN();  // baseline wall / wall
    int threads = 0;
    int64_t lockAcquisitions = 0, lockContended = 0;  // over every lock-like object
    int64_t lockWaitNs = 0, lockWaitMaxNs = 0;
    int64_t queueMaxDepth = 0;  // the deepest any queue got
    int64_t tasks = 0;  // pool tasks
    int64_t runNs = 0;  // the run's own time (its trace's duration): the overhead base
    bool ok() const { return status == "finished"; }
};
// The figures of one finished trace (speedup left unknown: it needs the baseline).
SweepRow sweepRow(const Trace& trace);

// Speed-up of every finished row against the baseline: the median wall time of the first value's
// finished runs in the first GIL mode. Rows stay NaN while that is unknown.
void fillSpeedups(const SweepPlan& plan, std::vector<SweepRow>& rows);

// Median and min–max over the finished repetitions of one value in one GIL mode.
struct SweepPoint {
    size_t value = 0;
    bool gil = false;
    int runs = 0;  // finished repetitions (0: no figures)
    double wallMs = 0, wallMinMs = 0, wallMaxMs = 0;
    double speedup = 0, speedupMin = 0, speedupMax = 0;  // NaN without a baseline
};
std::vector<SweepPoint> sweepPoints(const SweepPlan& plan, const std::vector<SweepRow>& rows);

// The CSV: a header (the swept parameter's name first), one line per row.
std::string sweepCsv(const SweepPlan& plan, const std::vector<SweepRow>& rows);

// Runs a plan on the calling thread.
//
// Threading contract: run() and the accessors on one thread; cancel() from any thread, at any
// time: the run in progress ends at once, no other starts, run() returns false. A cancelled run
// gives no row (it measured nothing).
class SweepRunner {
public:
    explicit SweepRunner(SweepPlan plan);

    // Called after each run with its row (speed-up filled once the baseline is known) and its
    // trace (the callee may move it away).
    using RowFn = std::function<void(const SweepRow&, Trace&)>;
    bool run(const RowFn& onRow = {});
    void cancel() { canceller_.cancel(); }
    bool cancelled() const { return canceller_.cancelled(); }

    const SweepPlan& plan() const { return plan_; }
    const std::vector<SweepRow>& rows() const { return rows_; }
    int64_t elapsedNs() const { return elapsedNs_; }  // the whole of run()
    int64_t runsNs() const;  // Σ rows' runNs

private:
    SweepPlan plan_;
    std::vector<SweepRow> rows_;
    RunCanceller canceller_;
    int64_t elapsedNs_ = 0;
};

}  // namespace tl
