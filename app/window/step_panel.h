// SPDX-License-Identifier: MIT
#pragma once
#include "engine/record/event.h"

#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QLabel;
class QVBoxLayout;

namespace tl {

// Step mode: the threads parked at a gate, each with what it is about to do and a "Step this"
// button (the n-th row is also stepped by the key n, 1–9, bound by the main window).
//
// Threading contract: GUI thread only; the window feeds it from its poll of StepController.
class StepPanel : public QWidget {
    Q_OBJECT
public:
    struct Row {
        LaneId lane = 0;
        QString thread;  // lane name
        QString what;  // "acquire lock_a"
    };
    explicit StepPanel(QWidget* parent = nullptr);
    void setRows(std::vector<Row> rows, bool stepMode);
    const std::vector<Row>& rows() const { return rows_; }

signals:
    void stepRequested(tl::LaneId lane);

private:
    std::vector<Row> rows_;
    bool stepMode_ = false;
    QLabel* header_ = nullptr;
    QWidget* list_ = nullptr;
    QVBoxLayout* listLayout_ = nullptr;
};

}  // namespace tl
