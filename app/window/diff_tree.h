// SPDX-License-Identifier: MIT
#pragma once
#include "engine/model/run_compare.h"

#include <QTreeWidget>

#include <functional>

namespace tl {

// The compare panels' table (issue 18): one branch per object ("run", "lock oven", "queue
// jobs"), one row per figure with A, B and the change (B − A) coloured better / worse by
// run_compare's verdict. The statistics panel shows every row, the lock-contention panel its
// locks'. GUI thread.
class DiffTree : public QTreeWidget {
    Q_OBJECT
public:
    explicit DiffTree(QWidget* parent = nullptr);
    // Rows for which `keep` holds (all when empty); the verdict colours follow the palette.
    void setRows(const std::vector<DiffRow>& rows, const std::function<bool(const DiffRow&)>& keep = {});
    // A figure's name as shown: "wall time" → tr("Wall time").
    static QString metricName(const std::string& metric);
};

}  // namespace tl
