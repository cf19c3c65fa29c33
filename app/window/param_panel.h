// SPDX-License-Identifier: MIT
#pragma once
#include "scenarios/scenario.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;
class QPushButton;

namespace tl {

// The lesson's parameters as controls generated from its Param list: a slider with its
// label, live value, unit and range for numbers; a checkbox for booleans; a combo box for
// choices. Edits are debounced (300 ms by default) into one paramsChanged, so dragging a
// slider re-runs the lesson once, with the value where it stopped. GUI thread only.
class ParamPanel : public QWidget {
    Q_OBJECT
public:
    explicit ParamPanel(QWidget* parent = nullptr);

    // Builds the controls for `scenario` (null = none) showing `values`.
    void setScenario(const Scenario* scenario, const ParamValues& values);
    // The same for the parameters an opened trace recorded: a note names the file and offers
    // "Run again with these" until the learner moves a control.
    void showTraceParams(const Scenario* scenario, const ParamValues& values, const QString& file);
    // True while the panel shows an opened trace's parameters (not the learner's own).
    bool showsTrace() const { return !traceFile_.isEmpty(); }
    // Every parameter back to its default, as if the learner had moved each control there.
    void resetToDefaults();
    const ParamValues& values() const { return values_; }
    // Sets one value as if the user had moved its control (tests, restoring settings).
    // Returns false for an unknown name or a value out of range.
    bool setValue(const QString& name, double value);
    void setDebounceMs(int ms) { debounce_.setInterval(ms); }
    // The control of a parameter (QSlider, QCheckBox or QComboBox), null if none.
    QWidget* control(const QString& name) const;

signals:
    void paramsChanged();  // debounced
    void runRequested();  // "Run again with these"

private:
    struct Entry {
        const Param* param;
        QWidget* control;
        QLabel* value;
        std::function<void(double)> show;  // updates the control without a signal
    };
    QLabel* wrappingLabel(const QString& text, const QString& tip, QWidget* buddy);
    void edited(const Param& p, double value);
    void updateNote();

    const Scenario* scenario_ = nullptr;
    ParamValues values_;
    QFormLayout* form_;
    QLabel* empty_;
    QLabel* traceNote_;
    QPushButton* runAgain_;
    QPushButton* reset_;
    QString traceFile_;
    std::vector<Entry> entries_;
    QTimer debounce_;
};

}  // namespace tl
