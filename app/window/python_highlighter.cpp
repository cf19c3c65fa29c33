// SPDX-License-Identifier: MIT
#include "python_highlighter.h"

namespace tl {

PythonHighlighter::PythonHighlighter(QTextDocument* doc, bool dark)
    : QSyntaxHighlighter(doc), tripleQuote_(QStringLiteral("\"\"\"|'''"))
{
    build(dark);
}

void PythonHighlighter::setDark(bool dark)
{
    build(dark);
    rehighlight();
}

void PythonHighlighter::build(bool dark)
{
    auto fmt = [](QColor c, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    const QColor keyword = dark ? QColor(0x82, 0xaa, 0xff) : QColor(0x00, 0x33, 0x99);
    const QColor builtin = dark ? QColor(0xc7, 0x92, 0xea) : QColor(0x6f, 0x2d, 0xa8);
    const QColor number = dark ? QColor(0xf7, 0x8c, 0x6c) : QColor(0x9c, 0x3d, 0x00);
    const QColor deco = dark ? QColor(0xff, 0xcb, 0x6b) : QColor(0x80, 0x60, 0x00);
    string_ = fmt(dark ? QColor(0xc3, 0xe8, 0x8d) : QColor(0x06, 0x7d, 0x17));
    comment_ = fmt(dark ? QColor(0x90, 0x98, 0xa8) : QColor(0x6a, 0x73, 0x7d), false, true);

    rules_.clear();
    const QString keywords = QStringLiteral(
        "and|as|assert|async|await|break|class|continue|def|del|elif|else|except|finally|for|from|global|if|"
        "import|in|is|lambda|nonlocal|not|or|pass|raise|return|try|while|with|yield|None|True|False");
    rules_.push_back({QRegularExpression(QStringLiteral("\\b(%1)\\b").arg(keywords)), fmt(keyword, true)});
    rules_.push_back({QRegularExpression(QStringLiteral(
                          "\\b(print|range|len|list|dict|set|tuple|int|str|float|sum|min|max|sorted|enumerate|"
                          "zip|map|isinstance|super|self|threading|queue|time|concurrent|futures|multiprocessing)\\b")),
                      fmt(builtin)});
    rules_.push_back({QRegularExpression(QStringLiteral("\\b[0-9]+(\\.[0-9]+)?\\b")), fmt(number)});
    rules_.push_back({QRegularExpression(QStringLiteral("^\\s*@[\\w.]+")), fmt(deco)});
    rules_.push_back({QRegularExpression(QStringLiteral(
                          "[rbfu]?\"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"|[rbfu]?'[^'\\\\]*(\\\\.[^'\\\\]*)*'")),
                      string_});
}

void PythonHighlighter::highlightBlock(const QString& text)
{
    // Inside a triple-quoted string (block state 1) from a previous line?
    int start = 0;
    if (previousBlockState() == 1) {
        const auto m = tripleQuote_.match(text);
        if (!m.hasMatch()) {
            setFormat(0, int(text.size()), string_);
            setCurrentBlockState(1);
            return;
        }
        start = int(m.capturedEnd());
        setFormat(0, start, string_);
    }
    setCurrentBlockState(0);
    for (const Rule& r : rules_) {
        auto it = r.re.globalMatch(text, start);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), r.format);
        }
    }
    // Comments (a '#' outside a string) and triple quotes opened on this line.
    bool inString = false;
    QChar quote;
    for (int i = start; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (!inString && (text.mid(i, 3) == QStringLiteral("\"\"\"") || text.mid(i, 3) == QStringLiteral("'''"))) {
            const int end = int(text.indexOf(text.mid(i, 3), i + 3));
            if (end < 0) {
                setFormat(i, int(text.size()) - i, string_);
                setCurrentBlockState(1);
                return;
            }
            setFormat(i, end + 3 - i, string_);
            i = end + 2;
            continue;
        }
        if (inString) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == quote)
                inString = false;
        } else if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            inString = true;
            quote = c;
        } else if (c == QLatin1Char('#')) {
            setFormat(i, int(text.size()) - i, comment_);
            break;
        }
    }
}

}  // namespace tl
