// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTreeWidget;

namespace tl {

class DiffTree;

// Run statistics (Trace::statistics()) as a readable two-level table: run, threads, locks,
// queues, pools. GUI thread only; refresh() recomputes (call it when the run finished, or
// throttled while live).
class StatsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StatsPanel(QWidget* parent = nullptr);
    void setTrace(const Trace* trace);
    void refresh();
    void refresh(const RunStats& stats);  // the same with statistics already at hand
    // Compare (issue 18): the pinned run A's statistics; above this run's own, A, B (this run)
    // and the change. nullopt: one run again.
    void setPinned(std::optional<RunStats> a);
    QTreeWidget* tree() const { return tree_; }
    QLabel* resultLabel() const { return result_; }  // the lesson's result; hidden when it has none
    DiffTree* compareTree() const { return compare_; }

private:
    const Trace* trace_ = nullptr;
    std::optional<RunStats> pinned_;
    QLabel* result_;
    DiffTree* compare_;
    QTreeWidget* tree_;
};

// "12.345 ms", "1.2 s", "850 µs": a duration for people.
QString formatDuration(int64_t ns);
// What "contended" and "gave up" mean (LockStats), for every tooltip that shows them.
QString contendedTip();
QString gaveUpTip();

}  // namespace tl
