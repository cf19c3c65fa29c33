// SPDX-License-Identifier: MIT
#pragma once
#include "engine/record/event.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <utility>
#include <vector>

class QLabel;
class QVBoxLayout;

namespace tl {

// Step mode: every thread of the run, each parked one with what it is about to do and a "Step
// this" button, the others with what holds them (blocked, sleeping, finished); each thread keeps
// its number, and the key n (1–9, bound by the main window) steps thread n.
//
// Threading contract: GUI thread only; the window feeds it from its poll of StepController.
class StepPanel : public QWidget {
    Q_OBJECT
public:
    struct Row {
        LaneId lane = 0;
        int number = 0;  // the thread's own number (the key that steps it): the same all run long
        QString thread;  // lane name
        QString what;  // at a step: "acquire lock_a"; else what it does: "blocked: waiting for lock_a"
        bool atStep = false;  // parked, waiting for the learner (only these can be stepped)
        bool next = false;  // the earliest arrival: what F10 steps
    };
    explicit StepPanel(QWidget* parent = nullptr);
    // Every thread of the run in lane order, and the shared variables' values ("counter = 1").
    void setRows(std::vector<Row> rows, bool stepMode, QStringList variables = {});
    const std::vector<Row>& rows() const { return rows_; }
    // The row the key n (1-9) steps, or nullptr when that thread is not at a step.
    const Row* rowForKey(int n) const;
    // After a run ended: step mode went off with it (said in the header).
    void setRunEnded(bool ended);

signals:
    void stepRequested(tl::LaneId lane);

private:
    std::vector<Row> rows_;
    QStringList variables_;
    bool stepMode_ = false;
    bool runEnded_ = false;
    QLabel* header_ = nullptr;
    QLabel* variablesLabel_ = nullptr;
    QWidget* list_ = nullptr;
    QVBoxLayout* listLayout_ = nullptr;
};

}  // namespace tl
