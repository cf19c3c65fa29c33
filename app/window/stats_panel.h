// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/trace.h"

#include <QWidget>

class QTreeWidget;

namespace tl {

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
    QTreeWidget* tree() const { return tree_; }

private:
    const Trace* trace_ = nullptr;
    QTreeWidget* tree_;
};

// "12.345 ms", "1.2 s", "850 µs": a duration for people.
QString formatDuration(int64_t ns);
// What "contended" and "gave up" mean (LockStats), for every tooltip that shows them.
QString contendedTip();
QString gaveUpTip();

} // namespace tl
