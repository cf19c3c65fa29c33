// SPDX-License-Identifier: MIT
#pragma once
#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace tl {

// Minimal Python highlighting for the lesson's Python equivalent: keywords, builtins,
// strings, numbers, comments, decorators. Colours adapt to a light or dark background.
class PythonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    explicit PythonHighlighter(QTextDocument* doc, bool dark = false);
    void setDark(bool dark);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression re;
        QTextCharFormat format;
    };
    std::vector<Rule> rules_;
    QTextCharFormat string_, comment_;
    QRegularExpression tripleQuote_;
    void build(bool dark);
};

}  // namespace tl
