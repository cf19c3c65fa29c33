// SPDX-License-Identifier: MIT
#include "python_program.h"

#include "app/i18n/python_comments.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>

namespace tl {

namespace {

const QString kQuick = QStringLiteral(R"((?:QUICK|os\.environ\.get\("THREADLENS_QUICK"\)))");
// One operand of a conditional: a parenthesised group without nested parentheses, or a token.
const QString kOperand = QStringLiteral(R"((\([^()]*\)|[^\s(),]+))");

// Splits at commas outside brackets and strings.
QStringList splitTopLevel(const QString& s)
{
    QStringList out;
    int depth = 0;
    QChar quote;
    QString cur;
    for (QChar c : s) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'(' || c == u'[' || c == u'{') {
            ++depth;
        } else if (c == u')' || c == u']' || c == u'}') {
            --depth;
        } else if (c == u',' && depth == 0) {
            out << cur;
            cur.clear();
            continue;
        }
        cur += c;
    }
    out << cur;
    return out;
}

// A Python literal for a parameter's value, `item` being "name", "name/k" or "name*k".
QString literal(const QString& item, const QString& original, const ParamValues& values, bool* ok)
{
    static const QRegularExpression re(QStringLiteral(R"(^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:([/*])\s*([0-9.]+))?\s*$)"));
    const auto m = re.match(item);
    const Param* p = m.hasMatch() ? values.find(m.captured(1).toStdString()) : nullptr;
    *ok = p != nullptr;
    if (!p)
        return original.trimmed();
    const std::string name = p->name;
    switch (p->type) {
    case Param::Type::Bool: return values.b(name) ? QStringLiteral("True") : QStringLiteral("False");
    case Param::Type::Choice: return QLatin1Char('"') + QString::fromStdString(values.choice(name)) + QLatin1Char('"');
    default: break;
    }
    double v = values.d(name);
    if (!m.captured(2).isEmpty()) {
        const double k = m.captured(3).toDouble();
        v = m.captured(2) == u'/' ? (k != 0 ? v / k : v) : v * k;
    }
    const bool integral = std::abs(v - std::round(v)) < 1e-12;
    if (integral && !original.contains(u'.'))
        return QString::number(qlonglong(std::llround(v)));
    QString s = QString::number(v, 'g', 12);
    if (!s.contains(u'.') && !s.contains(u'e'))
        s += QStringLiteral(".0");
    return s;
}

}  // namespace

QStringList programParameters(const QString& source)
{
    QStringList out;
    static const QRegularExpression marker(QStringLiteral(R"(#\s*\[([^\]]*)\])"));
    static const QRegularExpression name(QStringLiteral(R"(^\s*([A-Za-z_][A-Za-z0-9_]*))"));
    for (auto it = marker.globalMatch(source); it.hasNext();)
        for (const QString& item : it.next().captured(1).split(u','))
            if (const auto m = name.match(item); m.hasMatch())
                out << m.captured(1);
    return out;
}

QString shownProgram(const QString& source, const ParamValues& values)
{
    static const QRegularExpression quickLine(
        QStringLiteral(R"(^\s*QUICK\s*=\s*os\.environ\.get\("THREADLENS_QUICK"\).*$)"));
    static const QRegularExpression parenthesised(QStringLiteral(R"(\(\s*)") + kOperand + QStringLiteral(" if ") +
                                                  kQuick + QStringLiteral(" else ") + kOperand +
                                                  QStringLiteral(R"(\s*\))"));
    static const QRegularExpression bare(kOperand + QStringLiteral(" if ") + kQuick + QStringLiteral(" else ") +
                                         kOperand);
    static const QRegularExpression assignment(
        QStringLiteral(R"(^(\s*[A-Za-z_][A-Za-z0-9_, ]*=\s*)(.*?)(\s*)#\s*\[([^\]]*)\]\s?(.*)$)"));
    static const QRegularExpression usesOs(QStringLiteral(R"(\bos\.)"));
    static const QRegularExpression importOs(QStringLiteral(R"(^import os\s*$)"));

    // Comments and docstrings in the UI language (identity in English: the file's own words).
    const QString translated = translatePythonComments(source, [](const QString& unit) {
        return QCoreApplication::translate("PythonComment", unit.toUtf8().constData());
    });
    QStringList lines;
    for (QString line : translated.split(u'\n')) {
        if (quickLine.match(line).hasMatch())
            continue;
        line.replace(parenthesised, QStringLiteral("\\2"));
        line.replace(bare, QStringLiteral("\\2"));
        if (const auto m = assignment.match(line); m.hasMatch()) {
            const QStringList parts = splitTopLevel(m.captured(2));
            const QStringList items = m.captured(4).split(u',');
            if (parts.size() == items.size()) {
                QStringList shown;
                for (qsizetype i = 0; i < parts.size(); ++i) {
                    bool ok = false;
                    shown << literal(items[i], parts[i], values, &ok);
                }
                line = m.captured(1) + shown.join(QStringLiteral(", "));
                if (!m.captured(5).trimmed().isEmpty())
                    line += m.captured(3) + QStringLiteral("# ") + m.captured(5);
            }
        }
        lines << line;
    }
    QString out = lines.join(u'\n');
    if (!usesOs.match(out).hasMatch()) {
        QStringList kept;
        for (const QString& l : out.split(u'\n'))
            if (!importOs.match(l).hasMatch())
                kept << l;
        out = kept.join(u'\n');
    }
    return out;
}

}  // namespace tl
