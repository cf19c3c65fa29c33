// SPDX-License-Identifier: MIT
#pragma once
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTextBrowser;

namespace tl {

class PythonHighlighter;
struct Scenario;

// The lesson's explanation (Markdown from the resource :/lessons/<id>.md) above its Python
// equivalent (:/lessons/<id>.py, monospace, read-only, highlighted). A missing resource says
// so plainly instead of showing an empty pane. GUI thread only.
class ExplanationPane : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPane(QWidget* parent = nullptr);
    void setScenario(const Scenario* scenario);
    void setDark(bool dark);
    bool hasText() const { return hasText_; }
    bool hasCode() const { return hasCode_; }
    QTextBrowser* text() const { return text_; }
    QPlainTextEdit* code() const { return code_; }

private:
    QLabel* heading_;
    QTextBrowser* text_;
    QPlainTextEdit* code_;
    PythonHighlighter* highlighter_;
    bool hasText_ = false, hasCode_ = false;
};

}  // namespace tl
