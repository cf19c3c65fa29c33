// SPDX-License-Identifier: MIT
#include "cli.h"

#include "app/view/compare_renderer.h"
#include "app/i18n/language.h"
#include "app/i18n/messages.h"
#include "app/view/exporter.h"
#include "app/view/figures.h"
#include "app/view/sweep_chart.h"
#include "app/window/python_program.h"
#include "engine/model/trace.h"
#include "engine/model/atomic_file.h"
#include "engine/model/trace_file.h"
#include "engine/pytrace/program.h"
#include "scenarios/runner.h"
#include "scenarios/scenario.h"
#include "scenarios/sweep.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPainter>
#include <QString>

#include <cerrno>
#include <csignal>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

namespace tl::cli {

// The command line's words (tr() in the context "tl::cli"), in the language of --lang or the locale.
struct Cli {
    Q_DECLARE_TR_FUNCTIONS(tl::cli)
};

namespace {

std::string str(const QString& s) { return s.toStdString(); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

const char* const kCommands[] = {"list",  "describe", "run",    "sweep", "trace",    "render",
                                 "check", "help",     "--help", "-h",    "--version"};

struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> options;  // --name value
    bool has(const std::string& k) const { return options.count(k) > 0; }
    std::string get(const std::string& k, const std::string& def = {}) const
    {
        auto it = options.find(k);
        return it == options.end() ? def : it->second;
    }
};

// Options that take no value.
bool isFlag(const std::string& name)
{
    return name == "json" || name == "dark" || name == "no-legend" || name == "quiet" || name == "panels" ||
           name == "double";
}

std::optional<Args> parse(const std::vector<std::string>& in, std::string& error)
{
    Args a;
    for (size_t i = 0; i < in.size(); ++i) {
        const std::string& s = in[i];
        if (s.rfind("--", 0) == 0 && s.size() > 2) {
            std::string name = s.substr(2), value;
            if (auto eq = name.find('='); eq != std::string::npos && name.rfind("set", 0) != 0) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            } else if (!isFlag(name)) {
                if (i + 1 >= in.size()) {
                    error = str(Cli::tr("option --%1 needs a value").arg(qs(name)));
                    return std::nullopt;
                }
                value = in[++i];
            }
            a.options.emplace(name, value);
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

int usage(const std::string& message)
{
    std::cerr << "threadlens: " << message << "\n" << str(Cli::tr("(see threadlens --help)")) << "\n";
    return Usage;
}

std::optional<double> number(const Args& a, const std::string& name, std::string& error)
{
    if (!a.has(name))
        return std::nullopt;
    const std::string v = a.get(name);
    try {
        size_t used = 0;
        const double d = std::stod(v, &used);
        if (used == v.size() && std::isfinite(d))
            return d;
    } catch (const std::exception&) {}
    error = str(Cli::tr("--%1 needs a number, not '%2'").arg(qs(name), qs(v)));
    return std::nullopt;
}

const Scenario* findScenario(const std::string& id)
{
    if (const Scenario* s = Registry::instance().find(id))
        return s;
    std::string hint;
    for (const std::string& c : Registry::instance().suggest(id))
        hint += (hint.empty() ? "" : ", ") + c;
    std::cerr << "threadlens: "
              << str(hint.empty() ? Cli::tr("unknown scenario '%1'").arg(qs(id))
                                  : Cli::tr("unknown scenario '%1'; did you mean %2?").arg(qs(id), qs(hint)))
              << "\n"
              << str(Cli::tr("(threadlens list shows every lesson)")) << "\n";
    return nullptr;
}

std::string paramRange(const Param& p)
{
    // Values as the command line takes them (true, a choice's name); the unit in the language.
    std::ostringstream os;
    std::string def;
    switch (p.type) {
    case Param::Type::Bool:
        os << "true|false";
        def = p.def != 0 ? "true" : "false";
        break;
    case Param::Type::Choice:
        for (size_t i = 0; i < p.choices.size(); ++i)
            os << (i ? "|" : "") << p.choices[i];
        def = p.choices[size_t(p.def)];
        break;
    default: {
        os << p.min << ".." << p.max << (p.unit.empty() ? "" : " " + str(i18n::lessonString(p.unit)));
        std::ostringstream d;
        d << p.def;
        def = d.str();
    }
    }
    return str(QCoreApplication::translate("tl::cli", "%1, default %2").arg(qs(os.str()), qs(def)));
}

int cmdList(const Args& a)
{
    const auto& all = Registry::instance().all();
    if (a.has("json")) {
        QJsonArray arr;
        for (const Scenario& s : all)
            arr.append(QJsonObject{{"id", QString::fromStdString(s.id)},
                                   {"module", s.module},
                                   {"lesson", s.lesson},
                                   {"title", QString::fromStdString(s.title)},
                                   {"title_ru", QString::fromStdString(s.titleRu)},
                                   {"processes", s.usesProcesses}});
        std::cout << QJsonDocument(arr).toJson(QJsonDocument::Indented).toStdString();
        return Ok;
    }
    int module = -1;
    for (const Scenario& s : all) {
        if (s.module != module) {
            module = s.module;
            std::cout << str(Cli::tr("Module %1").arg(module)) << "\n";
        }
        // The title in the language first, the other beside it.
        std::cout << "  " << s.id << std::string(s.id.size() < 8 ? 8 - s.id.size() : 1, ' ')
                  << str(i18n::lessonTitle(s)) << " — " << str(i18n::lessonOtherTitle(s)) << "\n";
    }
    return Ok;
}

// The --set values over the lesson's defaults; nullopt (message printed) on a bad one.
std::optional<ParamValues> paramValues(const Args& a, const Scenario& s)
{
    ParamValues values = s.defaults();
    for (auto [it, end] = a.options.equal_range("set"); it != end; ++it) {
        const std::string& kv = it->second;
        const auto eq = kv.find('=');
        if (eq == std::string::npos) {
            usage(str(Cli::tr("--set needs name=value, not '%1'").arg(qs(kv))));
            return std::nullopt;
        }
        try {
            values.set(kv.substr(0, eq), kv.substr(eq + 1));
        } catch (const std::invalid_argument& e) {
            std::cerr << "threadlens: " << s.id << ": " << e.what() << "\n";
            return std::nullopt;
        }
    }
    return values;
}

int cmdDescribe(const Args& a)
{
    if (a.positional.size() != 1)
        return usage(str(Cli::tr("describe needs one scenario id, e.g. threadlens describe m5.l1")));
    const Scenario* s = findScenario(a.positional[0]);
    if (!s)
        return Usage;
    const auto values = paramValues(a, *s);
    if (!values)
        return Usage;
    std::cout << s->id << ": " << str(i18n::lessonTitle(*s)) << " (" << str(i18n::lessonOtherTitle(*s)) << ")\n";
    if (!s->summary.empty())
        std::cout << str(i18n::lessonString(s->summary)) << "\n";
    std::cout << "\n" << str(Cli::tr("Parameters (--set name=value):")) << "\n";
    for (const Param& p : s->params)
        std::cout << "  " << p.name << "  " << str(i18n::lessonString(p.label)) << " [" << paramRange(p) << "]\n";
    if (s->params.empty())
        std::cout << "  " << str(Cli::tr("(none)")) << "\n";
    const QString text = i18n::lessonResource(s->id, "md");
    if (!text.isEmpty())
        std::cout << "\n" << text.toStdString();
    const QString py = i18n::lessonResource(s->id, "py");
    if (!py.isEmpty())
        std::cout << "\n"
                  << str(Cli::tr("Python equivalent (for these parameters):")) << "\n\n"
                  << shownProgram(py, *values).toStdString();
    return Ok;
}

QString ms(int64_t ns) { return Cli::tr("%1 ms").arg(ns / 1e6, 0, 'f', ns >= 10'000'000 ? 0 : 2); }

// The trace's title in the language when it names a known lesson (a program's is its file name).
QString titleOf(const Trace& trace)
{
    const Scenario* lesson = Registry::instance().find(trace.scenario);
    return lesson ? i18n::lessonTitle(*lesson) : qs(trace.title);
}

void printSummary(const Trace& trace)
{
    const RunStats st = trace.statistics();
    QString os = (trace.scenario.empty() ? QString() : qs(trace.scenario) + QLatin1Char(' ')) + titleOf(trace) +
                 QStringLiteral(": ") + i18n::statusWord(trace.result.status);
    if (!trace.result.message.empty())
        os += QStringLiteral(" (") + i18n::message(trace.result.message) + QLatin1Char(')');
    os += QLatin1Char(';');
    QString sep = QStringLiteral(" ");
    for (const view::Figure& f : view::workFigures(st.work, st.wall, st.cores, st.speed)) {
        os += sep + f.label + QLatin1Char(' ') + f.value;
        sep = QStringLiteral(", ");
    }
    os += QStringLiteral("; ") + Cli::tr("%1 threads, %2 events.").arg(trace.lanes.size()).arg(trace.eventCount());
    for (const LockStats& l : st.locks)
        os += QLatin1Char(' ') +
              Cli::tr("%1 %2: %3 acquisitions, %4 of %5 attempts contended (%6%, %7 gave up), wait total %8, max %9.")
                  .arg(qs(std::string(kindName(l.kind))), qs(l.name))
                  .arg(l.acquisitions)
                  .arg(l.contended)
                  .arg(l.acquisitions + l.gaveUp)
                  .arg(std::lround(l.contendedShare * 100))
                  .arg(l.gaveUp)
                  .arg(ms(l.waitTotal), ms(l.waitMax));
    for (const QueueStats& q : st.queues)
        os += QLatin1Char(' ') + Cli::tr("queue %1: %2 puts, %3 gets, max depth %4.")
                                     .arg(qs(q.name))
                                     .arg(q.puts)
                                     .arg(q.gets)
                                     .arg(q.capacity ? QStringLiteral("%1/%2").arg(q.maxDepth).arg(q.capacity)
                                                     : QString::number(q.maxDepth));
    for (const PoolStats& p : st.pools)
        os += QLatin1Char(' ') +
              Cli::tr("pool %1: %2 tasks, max queue wait %3.").arg(qs(p.name)).arg(p.tasks).arg(ms(p.queueWaitMax));
    std::cout << str(os) << "\n";
    if (!trace.result.lesson.empty())
        std::cout << str(Cli::tr("Result: %1").arg(i18n::message(trace.result.lesson))) << "\n";
}

// Writes every requested output; returns false (with messages printed) on the first failure.
bool writeOutputs(const Trace& trace, const Args& a, std::optional<double> width, std::optional<double> height,
                  view::TimeRange range)
{
    bool ok = true;
    QString error;
    if (a.has("trace")) {
        if (!saveTrace(trace, QString::fromStdString(a.get("trace")), &error)) {
            std::cerr << "threadlens: " << error.toStdString() << "\n";
            ok = false;
        }
    }
    if (a.has("csv")) {
        if (!saveCsv(trace, QString::fromStdString(a.get("csv")), &error)) {
            std::cerr << "threadlens: " << error.toStdString() << "\n";
            ok = false;
        }
    }
    for (const char* kind : {"png", "svg", "pdf"}) {
        if (!a.has(kind))
            continue;
        view::ExportOptions opt;
        opt.range = range;
        opt.size = QSize(width ? int(*width) : 1600, height ? int(*height) : 0);
        opt.dark = a.has("dark");
        opt.legend = !a.has("no-legend");
        opt.panels = a.has("panels");
        const QString title = titleOf(trace);
        opt.title = trace.scenario.empty() ? title : qs(trace.scenario) + QStringLiteral("  ") + title;
        opt.footer = view::runCaption(trace);
        const QString path = QString::fromStdString(a.get(kind));
        const bool done = std::string(kind) == "png"   ? view::Exporter::exportPng(trace, opt, path, &error)
                          : std::string(kind) == "svg" ? view::Exporter::exportSvg(trace, opt, path, &error)
                                                       : view::Exporter::exportPdf(trace, opt, path, &error);
        if (!done) {
            std::cerr << "threadlens: " << kind << ": " << error.toStdString() << "\n";
            ok = false;
        }
    }
    return ok;
}

// Options shared by run and trace: the outputs' size; false (with a usage message) when invalid.
bool outputSize(const Args& a, std::optional<double>& width, std::optional<double>& height, std::string& error)
{
    width = number(a, "width", error);
    height = number(a, "height", error);
    if (error.empty() && width && (*width < 200 || *width > view::Exporter::kMaxPngWidth))
        error = str(Cli::tr("--width must be between %1 and %2").arg(200).arg(view::Exporter::kMaxPngWidth));
    return error.empty();
}

// An abort for --timeout (not by the user or a check): the exit code says so.
bool timedOut(const std::string& status, const std::string& message)
{
    return status == "aborted" && message.rfind("timed out", 0) == 0;
}

volatile std::sig_atomic_t g_interrupted = 0;  // the signal that asked `trace` to end
void onInterrupt(int sig) { g_interrupted = sig; }

// threadlens trace [options] script.py [args...]: the options end at the program's path; what
// follows it is the program's own.
int cmdTrace(const std::vector<std::string>& in)
{
    if (!in.empty() && (in[0] == "--help" || in[0] == "-h")) {
        std::cout << str(Cli::tr(
            R"(usage: threadlens trace [--python PATH] [--timeout S] [--trace out.json] [--png|--svg|--pdf out]
                        [--csv out.csv] [--width W] [--height H] [--dark] [--no-legend] [--panels]
                        [--quiet] script.py [args...]

Runs a real Python program under the tracer and writes the same outputs as run. The program runs
with python3 from PATH (an activated virtualenv's included) or --python PATH, its stdin empty, its
output passed through; the options come before the program, its own arguments after it.

exit codes: 0 the program finished, 1 it ended in an error (an exception, a non-zero exit status),
a deadlock or an abort, 2 bad usage, 3 a file could not be read or written, 5 --timeout reached
(the program's whole process tree was ended); 128+N when threadlens was ended by signal N (130
Ctrl-C, 143 SIGTERM, 129 SIGHUP): the program's whole process tree is ended first, and the outputs
asked for are still written.
)"));
        return Ok;
    }
    size_t i = 0;
    std::vector<std::string> mine;
    for (; i < in.size(); ++i) {
        const std::string& s = in[i];
        if (s.rfind("--", 0) != 0 || s.size() <= 2)
            break;
        mine.push_back(s);
        if (s.find('=') == std::string::npos && !isFlag(s.substr(2)) && i + 1 < in.size())
            mine.push_back(in[++i]);
    }
    std::string error;
    auto parsed = parse(mine, error);
    if (!parsed)
        return usage(error);
    const Args& a = *parsed;
    if (i >= in.size())
        return usage(str(Cli::tr("trace needs a Python program, e.g. threadlens trace bank.py --trace out.json "
                                 "(options before the program)")));
    for (const auto& [k, v] : a.options)
        if (k != "python" && k != "timeout" && k != "trace" && k != "png" && k != "svg" && k != "pdf" && k != "csv" &&
            k != "width" && k != "height" && k != "dark" && k != "no-legend" && k != "panels" && k != "quiet")
            return usage(str(Cli::tr("trace does not take --%1").arg(qs(k))));
    pytrace::ProgramOptions po;
    po.python = a.get("python");
    po.script = in[i];
    po.args.assign(in.begin() + long(i) + 1, in.end());
    const auto timeout = number(a, "timeout", error);
    std::optional<double> width, height;
    if (!error.empty() || !outputSize(a, width, height, error))
        return usage(error);
    if (timeout && *timeout <= 0)
        return usage(str(Cli::tr("--timeout must be a positive number of seconds")));
    const double limitMs = timeout ? *timeout * 1000 : 3'600'000;
    // The program runs in a process group of its own (a terminal's Ctrl-C reaches only us): when
    // we are asked to end, its whole process tree ends first, then we do, with 128 + the signal.
    struct sigaction sa {};
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
    pytrace::Program program;
    Trace trace = pytrace::traceProgram(program, po, limitMs, &g_interrupted);
    if (!program.error().empty()) {
        std::cerr << "threadlens: " << str(i18n::message(program.error())) << "\n";
        const bool fileProblem = program.error().rfind(po.script, 0) == 0;
        return fileProblem ? IoError : RunFailed;
    }
    if (!a.has("quiet")) {
        printSummary(trace);
        if (program.exitStatus() >= 0)
            std::cout << str(Cli::tr("%1 exited with status %2 (Python %3)")
                                 .arg(qs(trace.title))
                                 .arg(program.exitStatus())
                                 .arg(qs(trace.python)))
                      << "\n";
    }
    if (trace.result.status != "finished" && !trace.result.message.empty()) {
        const std::string& m = trace.result.message;
        std::cerr << "threadlens: " << trace.title << ": "
                  << (m.rfind(trace.result.status, 0) == 0 ? "" : str(i18n::statusWord(trace.result.status)) + ": ")
                  << str(i18n::message(m)) << "\n";
    }
    if (!writeOutputs(trace, a, width, height, {}))
        return IoError;
    if (g_interrupted)
        return 128 + int(g_interrupted);
    if (timedOut(trace.result.status, trace.result.message)) {
        std::cerr << "threadlens: "
                  << str(Cli::tr("the program ran longer than --timeout %1 s and was ended (its whole process tree)")
                             .arg(*timeout))
                  << "\n";
        return TimedOut;
    }
    return trace.result.status == "finished" ? Ok : RunFailed;
}

// --speed, --time-scale and (unless the caller sweeps it) --gil; the error in `error`.
RunOptions runOptions(const Args& a, const Scenario& s, bool gilOption, std::string& error)
{
    RunOptions options;
    options.gil = s.defaultGil;
    const auto speed = number(a, "speed", error);
    const auto scale = number(a, "time-scale", error);
    if (speed && (*speed < 0.01 || *speed > 1))
        error = str(Cli::tr("--speed must be between 0.01 and 1 (1 = real time)"));
    if (scale && (*scale <= 0 || *scale > 10))
        error = str(Cli::tr("--time-scale must be in (0, 10]"));
    options.speed = speed.value_or(options.speed);
    options.timeScale = scale.value_or(options.timeScale);
    if (gilOption && a.has("gil")) {
        const std::string g = a.get("gil");
        if (g != "on" && g != "off")
            error = str(Cli::tr("--gil takes on or off"));
        options.gil = g == "on";
    }
    return options;
}

int cmdRun(const Args& a)
{
    if (a.positional.size() != 1)
        return usage(str(Cli::tr("run needs one scenario id, e.g. threadlens run m5.l1 --set threads=4")));
    const Scenario* s = findScenario(a.positional[0]);
    if (!s)
        return Usage;
    const auto values = paramValues(a, *s);
    if (!values)
        return Usage;
    std::string error;
    const RunOptions options = runOptions(a, *s, true, error);
    const auto timeout = number(a, "timeout", error);
    std::optional<double> width, height;
    if (!error.empty() || !outputSize(a, width, height, error))
        return usage(error);
    if (timeout && *timeout <= 0)
        return usage(str(Cli::tr("--timeout must be a positive number of seconds")));

    const double limitMs = timeout ? *timeout * 1000 : 600'000;
    Trace trace = runScenario(*s, *values, options, limitMs);
    if (!a.has("quiet"))
        printSummary(trace);
    if (!writeOutputs(trace, a, width, height, {}))
        return IoError;
    if (g_interrupted)
        return 128 + int(g_interrupted);
    if (timedOut(trace.result.status, trace.result.message)) {
        std::cerr << "threadlens: "
                  << str(Cli::tr("the run took longer than --timeout %1 s and was aborted")
                             .arg(timeout ? *timeout : limitMs / 1000))
                  << "\n";
        return TimedOut;
    }
    return trace.result.status == "finished" ? Ok : RunFailed;
}

int cmdSweep(const Args& a)
{
    if (a.positional.size() != 1)
        return usage(str(
            Cli::tr("sweep needs one scenario id, e.g. threadlens sweep m2.l9 --param workers=1..8 --csv out.csv")));
    const Scenario* s = findScenario(a.positional[0]);
    if (!s)
        return Usage;
    auto values = paramValues(a, *s);
    if (!values)
        return Usage;
    std::string error;
    const RunOptions options = runOptions(a, *s, false, error);
    const auto step = number(a, "step", error);
    const auto repeat = number(a, "repeat", error);
    const auto timeout = number(a, "timeout", error);
    const auto width = number(a, "width", error);
    const auto height = number(a, "height", error);
    if (!error.empty())
        return usage(error);
    if (step && *step <= 0)
        return usage(str(Cli::tr("--step must be above 0")));
    if (repeat && (*repeat != std::floor(*repeat)))
        return usage(str(Cli::tr("--repeat takes a whole number of runs per value")));
    if (timeout && *timeout <= 0)
        return usage(str(Cli::tr("--timeout must be a positive number of seconds")));
    if (width && (*width < 400 || *width > view::Exporter::kMaxPngWidth))
        return usage(str(Cli::tr("--width must be between %1 and %2").arg(400).arg(view::Exporter::kMaxPngWidth)));
    if (height && (*height < 300 || *height > view::Exporter::kMaxPngHeight))
        return usage(str(Cli::tr("--height must be between %1 and %2").arg(300).arg(view::Exporter::kMaxPngHeight)));
    SweepRequest request;
    request.param = a.get("param");
    request.step = step.value_or(0);
    request.doubling = a.has("double");
    request.gil = a.get("gil");
    request.repeat = int(repeat.value_or(1));
    SweepPlan plan;
    try {
        plan = planSweep(*s, std::move(*values), request, options);
    } catch (const std::invalid_argument& e) {
        std::cerr << "threadlens: " << s->id << ": " << e.what() << "\n";
        return Usage;
    }
    plan.timeoutMs = timeout ? *timeout * 1000 : 600'000;

    const bool quiet = a.has("quiet");
    SweepRunner runner(plan);
    size_t done = 0;
    runner.run([&](const SweepRow& r, Trace&) {
        ++done;
        if (quiet)
            return;
        const std::string label = plan.label(r.value, r.gil);
        QString line = QStringLiteral("[%1/%2] ").arg(done).arg(plan.runCount()) + qs(label) +
                       (label.empty() ? QString() : QStringLiteral(" ")) + QStringLiteral("#%1: ").arg(r.repetition) +
                       i18n::statusWord(r.status);
        if (!r.message.empty())
            line += QStringLiteral(" (") + i18n::message(r.message) + QLatin1Char(')');
        line += Cli::tr(", wall %1, work %2").arg(ms(r.wallNs), ms(r.cpuNs));
        std::cerr << str(line) << "\n";
    });
    std::vector<SweepRow> rows = runner.rows();
    fillSpeedups(plan, rows);
    if (!quiet) {
        for (const SweepPoint& pt : sweepPoints(plan, rows)) {
            const QString figures = pt.runs ? Cli::tr("wall %1 ms (%2–%3), speed-up %4x")
                                                  .arg(pt.wallMs, 0, 'f', 2)
                                                  .arg(pt.wallMinMs, 0, 'f', 2)
                                                  .arg(pt.wallMaxMs, 0, 'f', 2)
                                                  .arg(pt.speedup, 0, 'f', 2)
                                            : Cli::tr("no finished run");
            std::cout << plan.label(pt.value, pt.gil) << ": " << str(figures) << "\n";
        }
        const double total = runner.elapsedNs() / 1e9, runs = runner.runsNs() / 1e9;
        std::cout << str(Cli::tr("%1 runs in %2 s; the runs themselves %3 s, sweep overhead %4%")
                             .arg(rows.size())
                             .arg(total, 0, 'f', 2)
                             .arg(runs, 0, 'f', 2)
                             .arg(runs > 0 ? (total - runs) / runs * 100 : 0.0, 0, 'f', 2))
                  << "\n";
    }

    bool ok = true;
    QString qerror;
    if (a.has("csv") && !writeFileAtomically(QString::fromStdString(a.get("csv")), sweepCsv(plan, rows), &qerror)) {
        std::cerr << "threadlens: " << str(Cli::tr("cannot write CSV: %1").arg(qerror)) << "\n";
        ok = false;
    }
    const view::SweepChart chart(plan, rows);
    const QSize size(width ? int(*width) : view::SweepChart::kDefaultWidth,
                     height ? int(*height) : view::SweepChart::kDefaultHeight);
    for (const auto& [kind, format] : {std::pair{"png", view::PictureFormat::Png}, {"svg", view::PictureFormat::Svg}}) {
        if (!a.has(kind))
            continue;
        const bool dark = a.has("dark");
        if (!view::writePicture(
                format, QString::fromStdString(a.get(kind)), size, 1.0, chart.title(),
                [&](QPainter& p) { chart.paint(p, QRect(QPoint(0, 0), size), dark); }, &qerror)) {
            std::cerr << "threadlens: " << str(Cli::tr("cannot write %1: %2").arg(QLatin1String(kind), qerror)) << "\n";
            ok = false;
        }
    }
    if (!ok)
        return IoError;
    bool anyTimedOut = false, anyFailed = false;
    for (const SweepRow& r : rows) {
        anyTimedOut = anyTimedOut || timedOut(r.status, r.message);
        anyFailed = anyFailed || !r.ok();
    }
    if (anyTimedOut) {
        std::cerr << "threadlens: "
                  << str(Cli::tr("a run took longer than --timeout and was aborted (its row says so)")) << "\n";
        return TimedOut;
    }
    return anyFailed ? RunFailed : Ok;
}

std::optional<Trace> load(const std::string& path)
{
    QString error;
    auto trace = openTrace(QString::fromStdString(path), &error);
    if (!trace)
        std::cerr << "threadlens: " << str(Cli::tr("cannot open %1: %2").arg(qs(path), error)) << "\n";
    return trace;
}

int cmdRender(const Args& a)
{
    if (a.positional.size() != 1)
        return usage(str(Cli::tr("render needs one trace file, e.g. threadlens render run.json --png out.png")));
    if (!a.has("png") && !a.has("svg") && !a.has("pdf"))
        return usage(str(Cli::tr("render needs --png, --svg or --pdf with an output path")));
    std::string error;
    const auto from = number(a, "from", error);
    const auto to = number(a, "to", error);
    const auto width = number(a, "width", error);
    const auto height = number(a, "height", error);
    if (!error.empty())
        return usage(error);
    if (width && (*width < 200 || *width > view::Exporter::kMaxPngWidth))
        return usage(str(Cli::tr("--width must be between %1 and %2").arg(200).arg(view::Exporter::kMaxPngWidth)));
    auto trace = load(a.positional[0]);
    if (!trace)
        return IoError;
    std::optional<Trace> other;
    if (a.has("compare") && !(other = load(a.get("compare"))))
        return IoError;
    view::TimeRange range;
    if (from || to) {
        // --from/--to in milliseconds of the run.
        range.start = from ? int64_t(*from * 1e6) : 0;
        range.end = to ? int64_t(*to * 1e6) : std::max(trace->duration(), other ? other->duration() : 0);
        if (range.isEmpty())
            return usage(str(Cli::tr("--from must be before --to (milliseconds of the run)")));
    }
    if (!other)
        return writeOutputs(*trace, a, width, height, range) ? Ok : IoError;
    // Both runs on one axis and their difference table.
    view::CompareOptions opt;
    opt.range = range;
    opt.width = width ? int(*width) : 1600;
    opt.dark = a.has("dark");
    opt.legend = !a.has("no-legend");
    opt.footer = view::compareCaption(*trace, *other);
    bool ok = true;
    for (const auto& [kind, format] : {std::pair{"png", view::PictureFormat::Png},
                                       {"svg", view::PictureFormat::Svg},
                                       {"pdf", view::PictureFormat::Pdf}}) {
        QString qerror;
        if (a.has(kind) &&
            !view::exportCompare(format, QString::fromStdString(a.get(kind)), *trace, *other, opt, &qerror)) {
            std::cerr << "threadlens: " << str(Cli::tr("cannot write %1: %2").arg(QLatin1String(kind), qerror)) << "\n";
            ok = false;
        }
    }
    return ok ? Ok : IoError;
}

int cmdCheck(const Args& a)
{
    if (a.positional.size() != 1)
        return usage(str(Cli::tr("check needs one trace file")));
    auto trace = load(a.positional[0]);
    if (!trace)
        return IoError;
    std::vector<std::string> problems = trace->checkInvariants();
    if (!trace->scenario.empty()) {
        if (const Scenario* s = Registry::instance().find(trace->scenario); s && s->check) {
            ParamValues values = s->defaults();
            bool paramsOk = true;
            for (const auto& [k, v] : trace->params) {
                try {
                    values.set(k, v);
                } catch (const std::invalid_argument&) {
                    paramsOk = false;
                }
            }
            // The lesson's own checks apply to a complete recording of it: every parameter named
            // (a hand-written or foreign trace that borrows the id gets the format checks only).
            for (const Param& p : s->params)
                paramsOk = paramsOk && trace->params.count(p.name) > 0;
            if (paramsOk && trace->result.status == "finished")
                for (std::string& p : s->check(*trace, values))
                    problems.push_back(s->id + ": " + p);
        }
    }
    for (const std::string& p : problems)
        std::cout << p << "\n";
    if (!problems.empty()) {
        std::cerr << "threadlens: "
                  << str(Cli::tr("%n violation(s) in %1", nullptr, int(problems.size())).arg(qs(a.positional[0])))
                  << "\n";
        return CheckFailed;
    }
    std::cout << a.positional[0] << ": "
              << str(Cli::tr("OK (%1 threads, %2 events; every invariant holds)")
                         .arg(trace->lanes.size())
                         .arg(trace->eventCount()))
              << "\n";
    return Ok;
}

}  // namespace

std::string helpText()
{
    return str(QCoreApplication::translate("tl::cli", R"(ThreadLens — watch concurrency happen.

usage: threadlens                      open the window on the last (or first) lesson
       threadlens <command> [options]  headless: no display needed

commands:
  list [--json]                        every lesson: id, title, module
  describe <id> [--set name=value]...  explanation, parameters with ranges and defaults, the Python program
                                       for these parameters
  run <id> [--set name=value]... [--speed X] [--gil on|off] [--time-scale F] [--timeout S]
           [--trace out.json] [--png out.png] [--svg out.svg] [--pdf out.pdf] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet]
                                       run a lesson with real threads, print a summary, write outputs
  sweep <id> --param name=FROM..TO [--step N | --double] [--repeat K] [--set name=value]...
           [--gil on|off|both] [--speed X] [--time-scale F] [--timeout S] [--csv out.csv]
           [--png chart.png] [--svg chart.svg] [--width W] [--height H] [--dark] [--quiet]
                                       run a lesson once per value (and GIL mode) and repetition;
                                       --param name=a,b,c lists values, --param name sweeps every
                                       value of a choice; the CSV has one row per run (the value,
                                       gil, repetition, status, wall_ms, cpu_ms, speedup against the
                                       first value, lock and queue figures); the chart plots wall
                                       time and speed-up against the value (median, min–max band,
                                       the ideal curve). A failed run is a row, not the end.
  trace [--python PATH] [--timeout S] [--trace out.json] [--png|--svg|--pdf out] [--csv out.csv]
           [--width W] [--height H] [--dark] [--no-legend] [--panels] [--quiet] script.py [args...]
                                       run a real Python program under the tracer (python3 from PATH,
                                       stdin empty, its output passed through), same outputs as run
  render <trace.json> --png|--svg|--pdf out [--from MS --to MS] [--width W] [--height H] [--dark]
           [--no-legend] [--panels] [--compare other.json]
                                       an image of a saved run (the picture the window draws);
                                       --panels adds lock contention, queue depth and statistics
                                       under the timeline, for the same time range; --compare draws
                                       both runs on one time axis (A above B, each labelled with
                                       what differs) and their difference table
  check <trace.json>                   validate a trace against the format and its invariants

exit codes: 0 ok, 1 run ended in error/deadlock/abort, 2 bad usage (unknown lesson, parameter or
value), 3 a file could not be read or written, 4 check found violations, 5 --timeout reached.

language: --lang en|ru before or after the command; otherwise the locale (LANG=ru_RU.UTF-8: Russian).
)"));
}

bool isCommand(int argc, char** argv)
{
    // --lang before the command belongs to the command line too.
    int i = 1;
    while (i < argc && std::string(argv[i]).rfind("--lang", 0) == 0)
        i += std::string(argv[i]) == "--lang" ? 2 : 1;
    if (i >= argc)
        return false;
    const std::string first = argv[i];
    for (const char* c : kCommands)
        if (first == c)
            return true;
    // A word that is not an option (Qt's start with '-') nor a trace to open is a mistyped
    // command: the command line answers it rather than the window.
    const bool traceFile = first.size() > 5 && first.compare(first.size() - 5, 5, ".json") == 0;
    return first[0] != '-' && !traceFile;
}

namespace {

int dispatch(const std::vector<std::string>& in)
{
    // --lang en|ru anywhere (else the locale): the language of everything printed. Traces and
    // CSV stay language-neutral.
    std::vector<std::string> args;
    std::optional<i18n::Language> language;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == "--lang" || in[i].rfind("--lang=", 0) == 0) {
            const bool inline_ = in[i].size() > 6;
            if (!inline_ && i + 1 >= in.size())
                return usage(str(Cli::tr("option --%1 needs a value").arg(QStringLiteral("lang"))));
            const std::string value = inline_ ? in[i].substr(7) : in[++i];
            language = i18n::parse(qs(value));
            if (!language || (value != "en" && value != "ru"))
                return usage(str(Cli::tr("--lang takes en or ru, not '%1'").arg(qs(value))));
            continue;
        }
        args.push_back(in[i]);
    }
    i18n::setLanguage(language.value_or(i18n::systemLanguage()));
    if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
        std::cout << helpText();
        return Ok;
    }
    if (args[0] == "--version") {
        std::cout << "threadlens 0.1.0\n";
        return Ok;
    }
    if (args[0] == "trace")
        return cmdTrace({args.begin() + 1, args.end()});
    std::string error;
    auto parsed = parse({args.begin() + 1, args.end()}, error);
    if (!parsed)
        return usage(error);
    const std::string& cmd = args[0];
    if (cmd == "list")
        return cmdList(*parsed);
    if (cmd == "describe")
        return cmdDescribe(*parsed);
    if (cmd == "run")
        return cmdRun(*parsed);
    if (cmd == "sweep")
        return cmdSweep(*parsed);
    if (cmd == "render")
        return cmdRender(*parsed);
    if (cmd == "check")
        return cmdCheck(*parsed);
    return usage(str(Cli::tr("unknown command '%1'").arg(qs(cmd))));
}

}  // namespace

int run(const std::vector<std::string>& args)
{
    const int code = dispatch(args);
    // Standard output is an output too (`threadlens list --json > /dev/full`).
    errno = 0;
    if (!std::cout.flush()) {
        std::cerr << "threadlens: " << str(Cli::tr("cannot write to standard output")) << (errno ? ": " : "")
                  << (errno ? std::strerror(errno) : "") << "\n";
        return code == Ok ? IoError : code;
    }
    return code;
}

}  // namespace tl::cli
