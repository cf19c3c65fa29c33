// SPDX-License-Identifier: MIT
#include "messages.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace tl::i18n {

namespace {

// The engine's sentences, word for word as engine/control/run.cpp, scenarios/runner.cpp,
// engine/pytrace/program.cpp and the lessons' result functions write them, %1... standing for the names and numbers.
const char* const kContext = "tl::engine";
const char* const kForms[] = {
    QT_TRANSLATE_NOOP("tl::engine", "timed out"),
    QT_TRANSLATE_NOOP("tl::engine", "timed out after %1 s"),
    QT_TRANSLATE_NOOP("tl::engine", "aborted by the user"),
    QT_TRANSLATE_NOOP("tl::engine", "ThreadLens was ended by %1"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 records dropped (the viewer fell behind)"),
    QT_TRANSLATE_NOOP("tl::engine", "the traced program's record stream is invalid (%1)"),
    QT_TRANSLATE_NOOP("tl::engine", "the program was killed by signal %1 (%2)"),
    QT_TRANSLATE_NOOP("tl::engine", "python exited with status %1 before the tracer reported how the program ended"),
    QT_TRANSLATE_NOOP("tl::engine", "%1: exit status %2"),
    QT_TRANSLATE_NOOP("tl::engine", "no Python program given"),
    QT_TRANSLATE_NOOP("tl::engine", "%1: no such file"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 is a directory, not a Python program"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 cannot be read"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 is not a Python program (it is a binary file)"),
    QT_TRANSLATE_NOOP(
        "tl::engine",
        "no python3 on PATH: install CPython 3.11 or newer (Debian: apt install python3) or pass --python PATH"),
    QT_TRANSLATE_NOOP("tl::engine", "cannot run %1: no such executable"),
    QT_TRANSLATE_NOOP(
        "tl::engine",
        "the Python tracer is missing (a pytrace directory with _threadlens.abi3.so and threadlens_agent, "
        "next to the threadlens binary or in $THREADLENS_PYTRACE_DIR): rebuild ThreadLens"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 did not run (%2)"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 is %2: ThreadLens traces CPython 3.11 or newer; pass --python with one"),
    QT_TRANSLATE_NOOP("tl::engine", "the tracer does not load in %1 (Python %2): %3; it is built for CPython >= 3.11 "
                                    "(stable ABI) on this machine: rebuild ThreadLens"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 answered unexpectedly: %2"),
    QT_TRANSLATE_NOOP("tl::engine", "cannot make a private directory for the run: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "cannot listen on %1: %2"),
    QT_TRANSLATE_NOOP("tl::engine", "cannot make a pipe: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "cannot start %1: %2"),
    // The lessons' Result lines (scenarios/module*.cpp, result functions).
    QT_TRANSLATE_NOOP("tl::engine", "No update lost: the counter reached %1"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 of %2 increments lost: the counter reached %3"),
    QT_TRANSLATE_NOOP("tl::engine", "Best pool size: %1, %2 ms (best time by pool size, ms: %3); a pool of 200 workers "
                                    "started %4 threads for 4 tasks"),
    QT_TRANSLATE_NOOP("tl::engine", "Best pool size: %1, %2 ms (best time by pool size, ms: %3)"),
    QT_TRANSLATE_NOOP("tl::engine", "Order out of Queue: %1; out of LifoQueue: %2; out of PriorityQueue: %3"),
    QT_TRANSLATE_NOOP("tl::engine", "Popped in this order: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "Priorities in the order the jobs were taken: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "Stages finished in this order: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "log: %1 names, %2 distinct"),
    QT_TRANSLATE_NOOP("tl::engine", "probe: A alive=%1 B alive=%2"),
    QT_TRANSLATE_NOOP("tl::engine", "Every thread read back its own value (%1 reads)"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 of %2 reads saw a value another thread wrote"),
    QT_TRANSLATE_NOOP("tl::engine", "Last bid: %1; the auction closed"),
    QT_TRANSLATE_NOOP("tl::engine", "Last bid: %1; the auction was cancelled"),
    QT_TRANSLATE_NOOP("tl::engine", "Last bid: %1"),
    QT_TRANSLATE_NOOP("tl::engine", "Clients served: %1 of %2; gave up waiting: %3"),
    QT_TRANSLATE_NOOP("tl::engine", "Generations passed: %1 of %2; then the barrier broke"),
    QT_TRANSLATE_NOOP("tl::engine", "Generations passed: %1 of %2"),
    QT_TRANSLATE_NOOP("tl::engine", "Tasks: %1; worker processes that ran them: %2; most tasks in one process: %3; "
                                    "tasks that raised an exception: %4"),
    QT_TRANSLATE_NOOP("tl::engine", "Tasks: %1; worker processes that ran them: %2; most tasks in one process: %3"),
    // Lessons without a result of their own: the program's last line, as it printed it.
    QT_TRANSLATE_NOOP("tl::engine", "The program printed: %1"),
};
// A deadlock's cycle: "deadlock: " and its edges joined by "; ".
const char* const kDeadlock = QT_TRANSLATE_NOOP("tl::engine", "deadlock: %1");
const char* const kEdges[] = {
    QT_TRANSLATE_NOOP("tl::engine", "%1 waits for %2 held by %3"),
    QT_TRANSLATE_NOOP("tl::engine", "%1 joins %2"),
};

struct Form {
    const char* english;
    QRegularExpression pattern;  // the sentence with (.+) for each %N
    std::vector<int> numbers;  // N of each capture, in order
};

Form compile(const char* english)
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d)"));
    const QString text = QString::fromLatin1(english);
    QString pattern = QStringLiteral("^");
    std::vector<int> numbers;
    qsizetype at = 0;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        pattern += QRegularExpression::escape(text.mid(at, m.capturedStart() - at)) + QStringLiteral("(.+?)");
        numbers.push_back(m.captured(1).toInt());
        at = m.capturedEnd();
    }
    pattern += QRegularExpression::escape(text.mid(at)) + QLatin1Char('$');
    return {english, QRegularExpression(pattern, QRegularExpression::DotMatchesEverythingOption), std::move(numbers)};
}

std::vector<Form> compileAll(const auto& sentences)
{
    std::vector<Form> out;
    for (const char* s : sentences)
        out.push_back(compile(s));
    return out;
}

// The translation of `form` with each %N replaced in one pass (a name may itself hold "%2").
QString fill(const Form& form, const QRegularExpressionMatch& m)
{
    const QString translated = QCoreApplication::translate(kContext, form.english);
    QString out;
    for (qsizetype i = 0; i < translated.size(); ++i) {
        if (translated[i] == QLatin1Char('%') && i + 1 < translated.size() && translated[i + 1].isDigit()) {
            const int n = translated[i + 1].digitValue();
            const auto k = std::find(form.numbers.begin(), form.numbers.end(), n);
            if (k != form.numbers.end()) {
                out += m.captured(int(k - form.numbers.begin()) + 1);
                ++i;
                continue;
            }
        }
        out += translated[i];
    }
    return out;
}

// `text` in the language when it is one of `forms`; empty otherwise.
QString match(const std::vector<Form>& forms, const QString& text)
{
    for (const Form& f : forms)
        if (const auto m = f.pattern.match(text); m.hasMatch())
            return fill(f, m);
    return {};
}

}  // namespace

QString message(const std::string& english)
{
    static const std::vector<Form> forms = compileAll(kForms);
    static const std::vector<Form> edges = compileAll(kEdges);
    static const Form deadlock = compile(kDeadlock);
    const QString text = QString::fromStdString(english);
    if (text.isEmpty())
        return text;
    const QStringList parts = text.split(QStringLiteral("; "));
    if (const auto m = deadlock.pattern.match(parts.first()); m.hasMatch()) {
        // Each edge of the cycle in the language (an edge it does not know stays as written).
        QStringList cycle{m.captured(1)};
        cycle += parts.mid(1);
        for (QString& edge : cycle)
            if (const QString t = match(edges, edge); !t.isEmpty())
                edge = t;
        return QCoreApplication::translate(kContext, kDeadlock)
            .replace(QStringLiteral("%1"), cycle.join(QStringLiteral("; ")));
    }
    if (const QString t = match(forms, text); !t.isEmpty())
        return t;
    // A sentence with a note after it ("...; 12 records dropped ..."): each part on its own.
    if (parts.size() > 1) {
        QStringList out;
        for (const QString& p : parts) {
            const QString t = match(forms, p);
            out << (t.isEmpty() ? p : t);
        }
        return out.join(QStringLiteral("; "));
    }
    return text;
}

}  // namespace tl::i18n
