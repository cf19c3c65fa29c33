// SPDX-License-Identifier: MIT
#include "python_comments.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace tl {

namespace {

// Where a line's comment starts (-1: none), `triple` carrying an open triple-quoted string
// from line to line.
qsizetype commentStart(const QString& line, QString& triple)
{
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (!triple.isEmpty()) {
            if (line.mid(i, 3) == triple) {
                triple.clear();
                i += 2;
            }
            continue;
        }
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'#')
            return i;
        if (c == u'"' || c == u'\'') {
            if (line.mid(i, 3) == QString(3, c)) {
                triple = QString(3, c);
                i += 2;
            } else {
                quote = c;
            }
        }
    }
    return -1;
}

enum class Kind { Block, Inline, Docstring };

struct Unit {
    Kind kind;
    qsizetype first, last;  // lines
    qsizetype column;  // Inline: where the kept part (code, `#`, marker) ends
    QString text;
};

const QRegularExpression& docstringLine()
{
    static const QRegularExpression re(QStringLiteral(R"(^(\s*)("""|''')(.*)\2\s*$)"));
    return re;
}

std::vector<Unit> units(const QStringList& lines, QString* error)
{
    static const QRegularExpression defLine(QStringLiteral(R"(^\s*(async\s+)?(def|class)\b.*:\s*$)"));
    static const QRegularExpression markerAndText(QStringLiteral(R"(^#\s*(\[[^\]]*\]\s*)?)"));
    std::vector<Unit> out;
    QString triple;
    bool statementSeen = false;  // a module docstring comes before any statement
    QString previous;  // the last line of code
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        const bool inString = !triple.isEmpty();
        const qsizetype col = commentStart(line, triple);
        const QString trimmed = line.trimmed();
        if (!inString && trimmed.startsWith(u'#')) {
            const QString text = trimmed.mid(1).trimmed();
            if (text.isEmpty())
                continue;  // an empty `#` line ends a paragraph
            if (!out.empty() && out.back().kind == Kind::Block && out.back().last == i - 1)
                out.back().last = i, out.back().text += QLatin1Char(' ') + text;
            else
                out.push_back({Kind::Block, i, i, 0, text});
            continue;
        }
        if (trimmed.isEmpty() || inString)
            continue;
        const bool docstringPlace = !statementSeen || defLine.match(previous).hasMatch();
        if (docstringPlace &&
            (trimmed.startsWith(QLatin1String("\"\"\"")) || trimmed.startsWith(QLatin1String("'''")))) {
            const auto m = docstringLine().match(line);
            if (!m.hasMatch()) {
                if (error)
                    *error = QStringLiteral("line %1: a docstring over several lines").arg(i + 1);
                return {};
            }
            out.push_back({Kind::Docstring, i, i, 0, m.captured(3).trimmed()});
        } else if (col > 0) {
            const QString comment = line.mid(col);
            const auto m = markerAndText.match(comment);
            const QString text = comment.mid(m.capturedLength()).trimmed();
            if (!text.isEmpty())
                out.push_back({Kind::Inline, i, i, col + m.capturedLength(), text});
        }
        statementSeen = true;
        previous = line;
    }
    return out;
}

// `text` in lines of `prefix` + words, none longer than `width` unless one word is.
QStringList wrapped(const QString& text, const QString& prefix, qsizetype width)
{
    QStringList out;
    QString cur;
    for (const QString& word : text.split(u' ', Qt::SkipEmptyParts)) {
        if (!cur.isEmpty() && prefix.size() + cur.size() + 1 + word.size() > width) {
            out << prefix + cur;
            cur.clear();
        }
        cur += (cur.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!cur.isEmpty())
        out << prefix + cur;
    return out;
}

}  // namespace

QStringList pythonCommentUnits(const QString& source, QString* error)
{
    QStringList out;
    for (const Unit& u : units(source.split(u'\n'), error))
        out << u.text;
    return out;
}

QString translatePythonComments(const QString& source, const std::function<QString(const QString&)>& translate)
{
    const QStringList lines = source.split(u'\n');
    const std::vector<Unit> found = units(lines, nullptr);
    QStringList out;
    qsizetype next = 0;  // the next source line to copy
    for (const Unit& u : found) {
        while (next < u.first)
            out << lines[next++];
        const QString translated = translate(u.text);
        next = u.last + 1;
        if (translated == u.text) {
            for (qsizetype i = u.first; i <= u.last; ++i)
                out << lines[i];
            continue;
        }
        const QString& line = lines[u.first];
        switch (u.kind) {
        case Kind::Inline: out << line.left(u.column) + translated; break;
        case Kind::Docstring: {
            const auto m = docstringLine().match(line);
            out << m.captured(1) + m.captured(2) + translated + m.captured(2);
            break;
        }
        case Kind::Block: {
            const QString indent = line.left(line.indexOf(u'#'));
            qsizetype width = 60;
            for (qsizetype i = u.first; i <= u.last; ++i)
                width = std::max(width, lines[i].size());
            out << wrapped(translated, indent + QStringLiteral("# "), width);
            break;
        }
        }
    }
    while (next < lines.size())
        out << lines[next++];
    return out.join(u'\n');
}

bool isCodeUnit(const QString& unit)
{
    // Every token is code: capitals (LOAD, PENDING), arrows and signs, or a Python spelling
    // (names with `_`, `=`, `.` or a call).
    static const QRegularExpression token(QStringLiteral(R"(^([A-Z0-9_+\-><=,.:]+|\S*[_=.(]\S*)$)"));
    const QStringList tokens = unit.split(u' ', Qt::SkipEmptyParts);
    return !tokens.isEmpty() &&
           std::all_of(tokens.begin(), tokens.end(), [](const QString& t) { return token.match(t).hasMatch(); });
}

}  // namespace tl
