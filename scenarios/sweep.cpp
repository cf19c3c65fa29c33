// SPDX-License-Identifier: MIT
#include "sweep.h"

#include "engine/model/trace_file.h"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

namespace tl {
namespace {

std::string number(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string fixed(double v, int decimals)
{
    if (!std::isfinite(v))
        return {};
    std::ostringstream os;
    os.precision(decimals);
    os << std::fixed << v;
    return os.str();
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(s);
    while (std::getline(in, item, sep))
        out.push_back(item);
    if (!s.empty() && s.back() == sep)
        out.emplace_back();
    return out;
}

double parseNumber(const std::string& text, const std::string& what)
{
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size() || !std::isfinite(v))
        throw std::invalid_argument(what + " needs a number, not '" + text + "'");
    return v;
}

std::string choicesOf(const Param& p)
{
    if (p.type == Param::Type::Bool)
        return "true,false";
    std::string s;
    for (const std::string& c : p.choices)
        s += (s.empty() ? "" : ",") + c;
    return s;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// The values of `spec` (the part after "name="), each checked against the parameter.
std::vector<SweepValue> expand(const Param& p, ParamValues probe, const std::string& spec, const SweepRequest& r)
{
    const bool numeric = p.type == Param::Type::Int || p.type == Param::Type::Double;
    std::vector<SweepValue> out;
    const auto dots = spec.find("..");
    if (dots != std::string::npos) {
        if (!numeric)
            throw std::invalid_argument("parameter '" + p.name + "' is not a number, it takes one of " + choicesOf(p) +
                                        ": sweep its values with --param " + p.name + "=" + choicesOf(p) +
                                        " (or every one with --param " + p.name + ")");
        const double from = parseNumber(spec.substr(0, dots), "the range's FROM");
        const double to = parseNumber(spec.substr(dots + 2), "the range's TO");
        if (from > to)
            throw std::invalid_argument("the range " + number(from) + ".." + number(to) +
                                        " is empty: FROM must not be greater than TO (" + p.name + " takes " +
                                        number(p.min) + ".." + number(p.max) + ")");
        if (r.doubling && r.step > 0)
            throw std::invalid_argument("--step and --double exclude each other: give one");
        if (r.doubling && from <= 0)
            throw std::invalid_argument("--double needs FROM above 0, not " + number(from));
        const double step = r.step > 0 ? r.step : 1;
        for (int i = 0;; ++i) {
            double v = r.doubling ? from * std::pow(2.0, i) : from + step * i;
            v = std::round(v * 1e9) / 1e9;  // 0.1 steps land on 0.3, not 0.30000000000000004
            if (v > to * (1 + 1e-12) || out.size() > kMaxSweepRuns)
                break;
            out.push_back({v, number(v)});
        }
    } else {
        if (r.step > 0 || r.doubling)
            throw std::invalid_argument("--step and --double need a range FROM..TO, e.g. --param " + p.name + "=" +
                                        number(p.min) + ".." + number(p.max));
        const std::vector<std::string> items = spec.empty() ? split(choicesOf(p), ',') : split(spec, ',');
        if (items.empty() || (spec.empty() && numeric))
            throw std::invalid_argument("parameter '" + p.name + "' needs values to sweep: --param " + p.name + "=" +
                                        number(p.min) + ".." + number(p.max) + " or a list like " + p.name + "=" +
                                        number(p.min) + "," + number(p.max));
        for (const std::string& item : items) {
            probe.set(p.name, item);  // throws naming the valid choices or the range
            const double v = probe.d(p.name);
            out.push_back({v, numeric ? number(v) : item});
        }
    }
    for (const SweepValue& v : out)
        probe.setNumber(p.name, v.number);  // throws naming the range
    return out;
}

}  // namespace

ParamValues SweepPlan::valuesFor(size_t value) const
{
    ParamValues v = base;
    if (!param.empty())
        v.setNumber(param, values.at(value).number);
    return v;
}

std::string SweepPlan::label(size_t value, bool gilOn) const
{
    std::string s = param.empty() ? std::string() : param + "=" + values.at(value).text;
    if (gilSwept)
        s += (s.empty() ? "" : " · ") + std::string(gilOn ? "GIL on" : "GIL off");
    return s;
}

SweepPlan planSweep(const Scenario& scenario, ParamValues base, const SweepRequest& request, RunOptions options)
{
    SweepPlan plan;
    plan.scenario = &scenario;
    plan.options = options;
    if (request.repeat < 1 || request.repeat > 100)
        throw std::invalid_argument("--repeat takes 1..100, not " + std::to_string(request.repeat));
    plan.repeat = request.repeat;

    if (request.gil.empty())
        plan.gil = {options.gil};
    else if (request.gil == "on" || request.gil == "off")
        plan.gil = {request.gil == "on"};
    else if (request.gil == "both")
        plan.gil = {true, false};
    else
        throw std::invalid_argument("--gil takes on, off or both, not '" + request.gil + "'");
    plan.gilSwept = plan.gil.size() > 1;

    if (request.param.empty()) {
        if (!plan.gilSwept)
            throw std::invalid_argument("nothing to sweep: give --param name=FROM..TO (or a list of values), "
                                        "or --gil both");
        if (request.step > 0 || request.doubling)
            throw std::invalid_argument("--step and --double need --param name=FROM..TO");
        plan.values = {SweepValue{}};
    } else {
        const auto eq = request.param.find('=');
        plan.param = request.param.substr(0, eq);
        const Param* p = base.find(plan.param);
        if (!p) {
            base.set(plan.param, "0");  // throws the list of valid parameters
            throw std::invalid_argument("unknown parameter '" + plan.param + "'");
        }
        plan.numeric = p->type == Param::Type::Int || p->type == Param::Type::Double;
        plan.values = expand(*p, base, eq == std::string::npos ? std::string() : request.param.substr(eq + 1), request);
    }
    plan.base = std::move(base);
    if (plan.runCount() > kMaxSweepRuns)
        throw std::invalid_argument("the sweep would make " + std::to_string(plan.runCount()) + " runs; at most " +
                                    std::to_string(kMaxSweepRuns) +
                                    " (a larger --step, --double, or fewer repetitions)");
    return plan;
}

SweepRow sweepRow(const Trace& trace)
{
    SweepRow r;
    r.status = trace.result.status;
    r.message = trace.result.message;
    const RunStats st = trace.statistics();
    r.wallNs = st.wall;
    r.cpuNs = st.work.cpu;
    r.parallelism = st.work.coresBusy;
    r.threads = int(trace.lanes.size());
    for (const LockStats& l : st.locks) {
        r.lockAcquisitions += l.acquisitions;
        r.lockContended += l.contended;
        r.lockWaitNs += l.waitTotal;
        r.lockWaitMaxNs = std::max(r.lockWaitMaxNs, l.waitMax);
    }
    for (const QueueStats& q : st.queues)
        r.queueMaxDepth = std::max(r.queueMaxDepth, q.maxDepth);
    for (const PoolStats& p : st.pools)
        r.tasks += p.tasks;
    r.runNs = trace.duration();
    return r;
}

void fillSpeedups(const SweepPlan& plan, std::vector<SweepRow>& rows)
{
    std::vector<double> base;
    for (const SweepRow& r : rows)
        if (r.value == 0 && r.gil == plan.gil.front() && r.ok() && r.wallNs > 0)
            base.push_back(double(r.wallNs));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double baseline = base.empty() ? nan : median(base);
    for (SweepRow& r : rows)
        r.speedup = r.ok() && r.wallNs > 0 ? baseline / double(r.wallNs) : nan;
}

std::vector<SweepPoint> sweepPoints(const SweepPlan& plan, const std::vector<SweepRow>& rows)
{
    std::vector<SweepPoint> out;
    for (size_t v = 0; v < plan.values.size(); ++v)
        for (bool gil : plan.gil) {
            std::vector<double> walls, speedups;
            for (const SweepRow& r : rows)
                if (r.value == v && r.gil == gil && r.ok()) {
                    walls.push_back(r.wallNs / 1e6);
                    speedups.push_back(r.speedup);
                }
            SweepPoint p;
            p.value = v;
            p.gil = gil;
            p.runs = int(walls.size());
            if (!walls.empty()) {
                p.wallMs = median(walls);
                p.wallMinMs = *std::min_element(walls.begin(), walls.end());
                p.wallMaxMs = *std::max_element(walls.begin(), walls.end());
                p.speedup = median(speedups);  // NaN in, NaN out: no baseline yet
                p.speedupMin = *std::min_element(speedups.begin(), speedups.end());
                p.speedupMax = *std::max_element(speedups.begin(), speedups.end());
            }
            out.push_back(p);
        }
    return out;
}

std::string sweepCsv(const SweepPlan& plan, const std::vector<SweepRow>& rows)
{
    std::string s;
    if (!plan.param.empty()) {
        csvField(s, plan.param);
        s += ',';
    }
    s += "gil,repetition,status,wall_ms,cpu_ms,speedup,parallelism,threads,lock_acquisitions,lock_contended,"
         "lock_wait_ms,lock_wait_max_ms,queue_max_depth,tasks,message\n";
    for (const SweepRow& r : rows) {
        if (!plan.param.empty()) {
            csvField(s, plan.values.at(r.value).text);
            s += ',';
        }
        s += std::string(r.gil ? "on" : "off") + ',' + std::to_string(r.repetition) + ',';
        csvField(s, r.status);
        s += ',' + fixed(r.wallNs / 1e6, 3) + ',' + fixed(r.cpuNs / 1e6, 3) + ',' + fixed(r.speedup, 3) + ',' +
             fixed(r.parallelism, 3) + ',' + std::to_string(r.threads) + ',' + std::to_string(r.lockAcquisitions) +
             ',' + std::to_string(r.lockContended) + ',' + fixed(r.lockWaitNs / 1e6, 3) + ',' +
             fixed(r.lockWaitMaxNs / 1e6, 3) + ',' + std::to_string(r.queueMaxDepth) + ',' + std::to_string(r.tasks) +
             ',';
        csvField(s, r.message);
        s += '\n';
    }
    return s;
}

SweepRunner::SweepRunner(SweepPlan plan) : plan_(std::move(plan)) {}

int64_t SweepRunner::runsNs() const
{
    int64_t sum = 0;
    for (const SweepRow& r : rows_)
        sum += r.runNs;
    return sum;
}

bool SweepRunner::run(const RowFn& onRow)
{
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    rows_.clear();
    rows_.reserve(plan_.runCount());
    for (size_t v = 0; v < plan_.values.size() && !cancelled(); ++v) {
        const ParamValues values = plan_.valuesFor(v);
        for (bool gil : plan_.gil) {
            RunOptions options = plan_.options;
            options.gil = gil;
            for (int rep = 1; rep <= plan_.repeat && !cancelled(); ++rep) {
                // A different seed per repetition: randomised lessons vary as reruns do.
                Trace trace =
                    runScenario(*plan_.scenario, values, options, plan_.timeoutMs, uint64_t(rep), &canceller_);
                if (cancelled())
                    break;
                SweepRow row = sweepRow(trace);
                row.value = v;
                row.gil = gil;
                row.repetition = rep;
                rows_.push_back(std::move(row));
                fillSpeedups(plan_, rows_);
                if (onRow)
                    onRow(rows_.back(), trace);
            }
        }
    }
    elapsedNs_ = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
    return !cancelled();
}

}  // namespace tl
