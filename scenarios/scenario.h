// SPDX-License-Identifier: MIT
#pragma once
#include "engine/control/run.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tl {

class Trace;

// One tunable of a lesson. Every value is a double; a Bool is 0/1, a Choice is an index
// into `choices` (the command line and the window accept the choice's name).
struct Param {
    enum class Type { Int, Double, Bool, Choice };
    std::string name;  // stable, as in docs/lessons.md: "workers"
    std::string label;  // shown beside the slider: "Worker threads"
    Type type = Type::Int;
    double min = 0, max = 0, def = 0;
    std::string unit;  // "ms", "items", ""
    std::vector<std::string> choices;
    std::string help;

    static Param integer(std::string name, std::string label, int def, int min, int max, std::string unit = {});
    static Param real(std::string name, std::string label, double def, double min, double max, std::string unit = {});
    static Param boolean(std::string name, std::string label, bool def);
    static Param choice(std::string name, std::string label, std::vector<std::string> choices, int def = 0);
};

// Values for a scenario's parameters; missing ones read as the parameter's default.
class ParamValues {
public:
    ParamValues() = default;
    explicit ParamValues(const std::vector<Param>* params) : params_(params) {}

    int i(const std::string& name) const;
    double d(const std::string& name) const;
    bool b(const std::string& name) const;
    std::string choice(const std::string& name) const;  // the chosen name
    bool is(const std::string& name, const std::string& choiceName) const { return choice(name) == choiceName; }

    // Sets from text ("8", "true", "threaded"); throws std::invalid_argument with a clear
    // message naming the valid parameters or the range when the name or value is wrong.
    void set(const std::string& name, const std::string& text);
    void setNumber(const std::string& name, double value);
    const std::map<std::string, double>& values() const { return values_; }
    // name -> display value ("8", "true", "threaded"), every parameter, for the trace file.
    std::map<std::string, std::string> display() const;
    const std::vector<Param>& params() const { return *params_; }
    const Param* find(const std::string& name) const;

private:
    const std::vector<Param>* params_ = nullptr;
    std::map<std::string, double> values_;
};

// What a scenario's run() gets: the run (to create threads and primitives) and its values.
struct Context {
    Run& run;
    const ParamValues& params;
    uint64_t seed = 1;
};

// A lesson's result as the learner reads it: one line, and the moment it was settled (the mark
// or event it was read from; -1: none).
struct LessonResult {
    std::string text;
    int64_t at = -1;
};

// A lesson. run() executes on lane 0 ("MainThread") with real threads; check() validates the
// catalog's invariants on the recorded trace and returns one line per violation.
struct Scenario {
    std::string id;  // "m5.l5"
    int module = 0, lesson = 0;  // set by Registry::add() from the id
    std::string title;  // English
    std::string titleRu;  // the course's original title
    std::string summary;  // one line
    std::vector<Param> params;
    std::function<void(Context&)> run;
    std::function<std::vector<std::string>(const Trace&, const ParamValues&)> check;
    // The result from the finished trace, read the way check() reads it (lost updates, the best
    // pool size, the order items came out); unset: the last line MainThread printed, which is
    // where the lesson's program prints what it found.
    std::function<LessonResult(const Trace&, const ParamValues&)> result = {};
    bool usesProcesses = false;
    bool defaultGil = false;

    ParamValues defaults() const { return ParamValues(&params); }
};

// The Result line of a finished run: the wait-for cycle when it deadlocked, else the lesson's
// result(); nothing for a run that was aborted or failed. The runner stores it in trace.result.
LessonResult lessonResult(const Scenario& s, const Trace& t, const ParamValues& p);

class Registry {
public:
    static Registry& instance();  // every scenario of the course, registered on first use
    void add(Scenario s);
    const Scenario* find(const std::string& id) const;
    const std::vector<Scenario>& all() const { return scenarios_; }
    // Ids closest to a mistyped one (edit distance), best first.
    std::vector<std::string> suggest(const std::string& id, size_t max = 3) const;

private:
    std::vector<Scenario> scenarios_;
};

// One per module file (scenarios/module1.cpp ...), called by Registry::instance().
void registerModule1(Registry&);
void registerModule2(Registry&);
void registerModule3(Registry&);
void registerModule4(Registry&);
void registerModule5(Registry&);
void registerModule6(Registry&);
void registerModule7(Registry&);
void registerModule8(Registry&);
void registerModule9(Registry&);

}  // namespace tl
