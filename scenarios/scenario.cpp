// SPDX-License-Identifier: MIT
#include "scenario.h"

#include "engine/model/trace.h"

#include <QCoreApplication>
#include <QString>

#include <algorithm>
#include <map>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace tl {

Param Param::integer(std::string name, std::string label, int def, int min, int max, std::string unit)
{
    return Param{std::move(name), std::move(label), Type::Int, double(min), double(max),
                 double(def),     std::move(unit),  {},        {}};
}

Param Param::real(std::string name, std::string label, double def, double min, double max, std::string unit)
{
    return Param{std::move(name), std::move(label), Type::Double, min, max, def, std::move(unit), {}, {}};
}

Param Param::boolean(std::string name, std::string label, bool def)
{
    return Param{std::move(name), std::move(label), Type::Bool, 0, 1, def ? 1.0 : 0.0, {}, {}, {}};
}

Param Param::choice(std::string name, std::string label, std::vector<std::string> choices, int def)
{
    const double max = choices.empty() ? 0 : double(choices.size() - 1);
    return Param{std::move(name), std::move(label), Type::Choice, 0, max, double(def), {}, std::move(choices), {}};
}

const Param* ParamValues::find(const std::string& name) const
{
    if (!params_)
        return nullptr;
    for (const Param& p : *params_)
        if (p.name == name)
            return &p;
    return nullptr;
}

double ParamValues::d(const std::string& name) const
{
    if (auto it = values_.find(name); it != values_.end())
        return it->second;
    if (const Param* p = find(name))
        return p->def;
    throw std::logic_error("scenario reads unknown parameter '" + name + "'");
}

int ParamValues::i(const std::string& name) const { return static_cast<int>(std::lround(d(name))); }
bool ParamValues::b(const std::string& name) const { return d(name) != 0; }

std::string ParamValues::choice(const std::string& name) const
{
    const Param* p = find(name);
    if (!p || p->type != Param::Type::Choice)
        throw std::logic_error("parameter '" + name + "' is not a choice");
    const int idx = i(name);
    return idx >= 0 && size_t(idx) < p->choices.size() ? p->choices[size_t(idx)] : std::string();
}

namespace {
// The errors a person reads (the command line prints them), in the language the application
// installed; %1... filled with the arguments.
template <typename... Args> std::string message(const char* text, const Args&... args)
{
    QString m = QCoreApplication::translate("tl::ParamValues", text);
    ((m = m.arg(QString::fromStdString(args))), ...);
    return m.toStdString();
}

std::string formatNumber(double v)
{
    std::ostringstream os;
    os << v;
    return os.str();
}

std::string describeRange(const Param& p)
{
    switch (p.type) {
    case Param::Type::Bool: return "true|false";
    case Param::Type::Choice: {
        std::string s;
        for (const auto& c : p.choices)
            s += (s.empty() ? "" : "|") + c;
        return s;
    }
    default:
        return formatNumber(p.min) + ".." + formatNumber(p.max) +
               (p.unit.empty() ? "" : " " + QCoreApplication::translate("Lesson", p.unit.c_str()).toStdString());
    }
}
}  // namespace

void ParamValues::set(const std::string& name, const std::string& text)
{
    const Param* p = find(name);
    if (!p) {
        std::string valid;
        if (params_)
            for (const Param& q : *params_)
                valid += "\n  " + q.name + " (" +
                         message(QT_TRANSLATE_NOOP("tl::ParamValues", "%1, default %2"), describeRange(q),
                                 q.type == Param::Type::Choice ? q.choices[size_t(q.def)]
                                 : q.type == Param::Type::Bool ? std::string(q.def != 0 ? "true" : "false")
                                                               : formatNumber(q.def)) +
                         ")";
        throw std::invalid_argument(
            valid.empty()
                ? message(QT_TRANSLATE_NOOP("tl::ParamValues", "unknown parameter '%1'; this lesson has none"), name)
                : message(QT_TRANSLATE_NOOP("tl::ParamValues", "unknown parameter '%1'; valid parameters:%2"), name,
                          valid));
    }
    double v = 0;
    if (p->type == Param::Type::Bool) {
        if (text == "true" || text == "1" || text == "on" || text == "yes")
            v = 1;
        else if (text == "false" || text == "0" || text == "off" || text == "no")
            v = 0;
        else
            throw std::invalid_argument(message(
                QT_TRANSLATE_NOOP("tl::ParamValues", "parameter '%1' takes true or false, not '%2'"), name, text));
    } else if (p->type == Param::Type::Choice) {
        auto it = std::find(p->choices.begin(), p->choices.end(), text);
        if (it == p->choices.end())
            throw std::invalid_argument(
                message(QT_TRANSLATE_NOOP("tl::ParamValues", "parameter '%1' takes one of %2, not '%3'"), name,
                        describeRange(*p), text));
        v = double(it - p->choices.begin());
    } else {
        size_t used = 0;
        try {
            v = std::stod(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || text.empty() || !std::isfinite(v))
            throw std::invalid_argument(
                message(QT_TRANSLATE_NOOP("tl::ParamValues", "parameter '%1' needs a number in %2, not '%3'"), name,
                        describeRange(*p), text));
    }
    setNumber(name, v);
}

void ParamValues::setNumber(const std::string& name, double v)
{
    const Param* p = find(name);
    if (!p)
        return set(name, formatNumber(v));  // reports the unknown name
    if (p->type == Param::Type::Int && v != std::floor(v))
        throw std::invalid_argument(
            message(QT_TRANSLATE_NOOP("tl::ParamValues", "parameter '%1' needs a whole number in %2"), name,
                    describeRange(*p)));
    if (v < p->min || v > p->max)
        throw std::invalid_argument(
            message(QT_TRANSLATE_NOOP("tl::ParamValues", "parameter '%1' = %2 is out of range %3"), name,
                    formatNumber(v), describeRange(*p)));
    values_[name] = v;
}

std::map<std::string, std::string> ParamValues::display() const
{
    std::map<std::string, std::string> out;
    if (!params_)
        return out;
    for (const Param& p : *params_) {
        if (p.type == Param::Type::Choice)
            out[p.name] = choice(p.name);
        else if (p.type == Param::Type::Bool)
            out[p.name] = b(p.name) ? "true" : "false";
        else
            out[p.name] = formatNumber(d(p.name));
    }
    return out;
}

Registry& Registry::instance()
{
    static Registry* registry = [] {
        auto* r = new Registry;
        registerModule1(*r);
        registerModule2(*r);
        registerModule3(*r);
        registerModule4(*r);
        registerModule5(*r);
        registerModule6(*r);
        registerModule7(*r);
        registerModule8(*r);
        registerModule9(*r);
        return r;
    }();
    return *registry;
}

void Registry::add(Scenario s)
{
    if (find(s.id))
        throw std::logic_error("duplicate scenario id " + s.id);
    // "m<module>.l<lesson>": the numbers come from the id, never written twice. Another lower-case
    // letter than "m" names another course (the app tests register "t1.l1").
    char course = 0;
    int module = 0, lesson = 0, used = 0;
    if (std::sscanf(s.id.c_str(), "%c%d.l%d%n", &course, &module, &lesson, &used) != 3 || course < 'a' ||
        course > 'z' || used != int(s.id.size()) || module <= 0 || lesson <= 0)
        throw std::logic_error("scenario id " + s.id + " is not m<module>.l<lesson>");
    s.module = module;
    s.lesson = lesson;
    // Kept in syllabus order (course, module, lesson) whatever order the module files register in.
    auto key = [](const Scenario& x) { return std::tuple(x.id.front(), x.module, x.lesson); };
    const auto at = std::upper_bound(scenarios_.begin(), scenarios_.end(), key(s),
                                     [&](const auto& k, const Scenario& x) { return k < key(x); });
    scenarios_.insert(at, std::move(s));
}

const Scenario* Registry::find(const std::string& id) const
{
    for (const Scenario& s : scenarios_)
        if (s.id == id)
            return &s;
    return nullptr;
}

std::vector<std::string> Registry::suggest(const std::string& id, size_t max) const
{
    auto distance = [](const std::string& a, const std::string& b) {
        std::vector<size_t> row(b.size() + 1);
        for (size_t j = 0; j <= b.size(); ++j)
            row[j] = j;
        for (size_t i = 1; i <= a.size(); ++i) {
            size_t diag = row[0];
            row[0] = i;
            for (size_t j = 1; j <= b.size(); ++j) {
                const size_t up = row[j];
                row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
                diag = up;
            }
        }
        return row[b.size()];
    };
    std::vector<std::pair<size_t, std::string>> scored;
    for (const Scenario& s : scenarios_)
        scored.emplace_back(distance(id, s.id), s.id);
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> out;
    for (size_t k = 0; k < scored.size() && k < max; ++k)
        out.push_back(scored[k].second);
    return out;
}

namespace {

// A process pool's lesson: how its tasks spread over the worker processes, and how many raised.
LessonResult poolResult(const Trace& t)
{
    if (t.lanes.empty())
        return {};
    const int mainPid = t.lanes.front().info.pid;
    std::map<int, int> perProcess;  // pid -> tasks it ran
    int raised = 0;
    int64_t lastEnd = -1;
    for (const TaskSpan& task : t.tasks) {
        if (task.lane >= t.lanes.size() || t.lanes[task.lane].info.pid == mainPid)
            continue;
        ++perProcess[t.lanes[task.lane].info.pid];
        raised += task.outcome == 1;
        lastEnd = std::max(lastEnd, task.end);
    }
    if (perProcess.empty())
        return {};
    int tasks = 0, most = 0;
    for (const auto& [pid, n] : perProcess) {
        tasks += n;
        most = std::max(most, n);
    }
    std::string text = "Tasks: " + std::to_string(tasks) +
                       "; worker processes that ran them: " + std::to_string(perProcess.size()) +
                       "; most tasks in one process: " + std::to_string(most);
    if (raised)
        text += "; tasks that raised an exception: " + std::to_string(raised);
    return {text, std::min(lastEnd, t.duration())};
}

}  // namespace

LessonResult lessonResult(const Scenario& s, const Trace& t, const ParamValues& p)
{
    if (t.result.status == "deadlock") {
        const auto d =
            std::find_if(t.instants.begin(), t.instants.end(), [](const Instant& i) { return i.type == Ev::Deadlock; });
        return {t.result.message, d == t.instants.end() ? -1 : d->t};
    }
    if (t.result.status != "finished")
        return {};
    if (s.result)
        return s.result(t, p);
    if (s.usesProcesses)
        if (LessonResult pool = poolResult(t); !pool.text.empty())
            return pool;
    // Else what the program's main thread printed last: its own words, said to be its output
    // (they stay as the program printed them in every language).
    for (auto it = t.instants.rbegin(); it != t.instants.rend(); ++it)
        if (it->type == Ev::Mark && it->lane == 0 && !it->text.empty())
            return {"The program printed: " + it->text, it->t};
    return {};
}

}  // namespace tl
