// SPDX-License-Identifier: MIT
#pragma once
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QToolButton;
class QTextBrowser;

namespace tl {

class PythonHighlighter;
struct Scenario;
class ParamValues;

// The lesson's explanation (Markdown from the resource :/lessons/<id>.md) above its Python
// program (:/lessons/<id>.py as shownProgram() makes it for the current parameters: monospace,
// read-only, highlighted, with Copy and Save as…). A missing resource says so plainly instead of
// showing an empty pane. GUI thread only.
class ExplanationPane : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPane(QWidget* parent = nullptr);
    void setScenario(const Scenario* scenario);
    // The parameters the program is shown for (the lesson's defaults until called).
    void setParams(const ParamValues& values);
    // The program as shown, exactly what Copy and Save as… give.
    QString program() const;
    bool saveProgram(const QString& path, QString* error = nullptr) const;
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
    QToolButton* copy_;
    QToolButton* save_;
    QString source_;  // the resource, harness included
    const Scenario* scenario_ = nullptr;
    bool hasText_ = false, hasCode_ = false;
    void saveAs();
};

}  // namespace tl
