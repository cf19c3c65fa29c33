// SPDX-License-Identifier: MIT
#pragma once
#include "scenarios/scenario.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;

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
    const ParamValues& values() const { return values_; }
    // Sets one value as if the user had moved its control (tests, restoring settings).
    // Returns false for an unknown name or a value out of range.
    bool setValue(const QString& name, double value);
    void setDebounceMs(int ms) { debounce_.setInterval(ms); }
    // The control of a parameter (QSlider, QCheckBox or QComboBox), null if none.
    QWidget* control(const QString& name) const;

signals:
    void paramsChanged();  // debounced

private:
    struct Entry {
        const Param* param;
        QWidget* control;
        QLabel* value;
        std::function<void(double)> show;  // updates the control without a signal
    };
    QLabel* wrappingLabel(const QString& text, const QString& tip, QWidget* buddy);
    void edited(const Param& p, double value);
    QString formatValue(const Param& p, double v) const;

    const Scenario* scenario_ = nullptr;
    ParamValues values_;
    QFormLayout* form_;
    QLabel* empty_;
    std::vector<Entry> entries_;
    QTimer debounce_;
};

}  // namespace tl
