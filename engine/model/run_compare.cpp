// SPDX-License-Identifier: MIT
#include "run_compare.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace tl {

int DiffRow::verdict() const
{
    if (!a || !b || better == Better::Neither)
        return 0;
    const double scale = std::max(std::abs(*a), std::abs(*b));
    if (scale == 0 || std::abs(*b - *a) <= 0.03 * scale)
        return 0;
    const bool lower = *b < *a;
    return (better == Better::Lower) == lower ? 1 : -1;
}

namespace {

std::optional<double> opt(bool has, double v) { return has ? std::optional<double>(v) : std::nullopt; }

// Objects of both runs by name, in A's order then B's new ones.
template <class T>
std::vector<std::pair<const T*, const T*>> pairByName(const std::vector<T>& a, const std::vector<T>& b)
{
    std::vector<std::pair<const T*, const T*>> out;
    std::map<std::string, size_t> at;
    for (const T& x : a) {
        at.emplace(x.name, out.size());
        out.push_back({&x, nullptr});
    }
    for (const T& y : b) {
        auto it = at.find(y.name);
        if (it != at.end() && !out[it->second].second)
            out[it->second].second = &y;
        else
            out.push_back({nullptr, &y});
    }
    return out;
}

std::string gilText(bool on) { return on ? "GIL on" : "GIL off"; }

void append(std::string& s, const std::string& part)
{
    if (!part.empty())
        s += (s.empty() ? "" : " · ") + part;
}

}  // namespace

std::vector<DiffRow> compareStats(const RunStats& a, const RunStats& b)
{
    using U = DiffRow::Unit;
    using B = DiffRow::Better;
    auto tasks = [](const RunStats& s) {
        int64_t n = 0;
        for (const PoolStats& p : s.pools)
            n += p.tasks;
        return double(n);
    };
    std::vector<DiffRow> out{
        {"run", "wall time", U::Ns, B::Lower, double(a.wall), double(b.wall)},
        {"run", "CPU time", U::Ns, B::Lower, double(a.work.cpu), double(b.work.cpu)},
        {"run", "cores busy", U::Ratio, B::Neither, a.work.coresBusy, b.work.coresBusy},
    };
    if (!a.pools.empty() || !b.pools.empty())
        out.push_back({"run", "tasks", U::Count, B::Neither, tasks(a), tasks(b)});
    for (const auto& pair : pairByName(a.locks, b.locks)) {
        // Plain pointers, not structured bindings: clang 14 (the fuzz build) cannot capture those.
        const LockStats* la = pair.first;
        const LockStats* lb = pair.second;
        const LockStats& any = la ? *la : *lb;
        const std::string group = std::string(kindName(any.kind)) + " " + any.name;
        auto row = [&](const char* metric, U unit, B better, auto get) {
            out.push_back(
                {group, metric, unit, better, opt(la, la ? double(get(*la)) : 0), opt(lb, lb ? double(get(*lb)) : 0)});
        };
        row("acquisitions", U::Count, B::Neither, [](const LockStats& l) { return l.acquisitions; });
        row("contended share", U::Share, B::Lower, [](const LockStats& l) { return l.contendedShare; });
        row("wait total", U::Ns, B::Lower, [](const LockStats& l) { return l.waitTotal; });
        row("longest wait", U::Ns, B::Lower, [](const LockStats& l) { return l.waitMax; });
    }
    for (const auto& [qa, qb] : pairByName(a.queues, b.queues)) {
        const QueueStats& any = qa ? *qa : *qb;
        out.push_back({"queue " + any.name, "peak depth", U::Count, B::Neither, opt(qa, qa ? double(qa->maxDepth) : 0),
                       opt(qb, qb ? double(qb->maxDepth) : 0)});
    }
    return out;
}

RunLabels differences(const Trace& a, const Trace& b)
{
    RunLabels l;
    if (a.scenario != b.scenario) {
        append(l.a, a.scenario.empty() ? a.title : a.scenario);
        append(l.b, b.scenario.empty() ? b.title : b.scenario);
    } else {
        // Parameters of the same lesson: every name either run has, in name order.
        std::map<std::string, std::pair<std::string, std::string>> all;
        for (const auto& [k, v] : a.params)
            all[k].first = v;
        for (const auto& [k, v] : b.params)
            all[k].second = v;
        for (const auto& [k, v] : all)
            if (v.first != v.second) {
                append(l.a, k + "=" + (v.first.empty() ? "?" : v.first));
                append(l.b, k + "=" + (v.second.empty() ? "?" : v.second));
            }
    }
    if (a.gil != b.gil) {
        append(l.a, gilText(a.gil));
        append(l.b, gilText(b.gil));
    }
    // A lesson's run against its Python equivalent traced by CPython (or two interpreters).
    if (a.python != b.python) {
        append(l.a, a.python.empty() ? "ThreadLens threads" : "CPython " + a.python);
        append(l.b, b.python.empty() ? "ThreadLens threads" : "CPython " + b.python);
    }
    if (l.a.empty() && l.b.empty())
        l.a = l.b = "same settings";
    return l;
}

}  // namespace tl
