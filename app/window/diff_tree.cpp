// SPDX-License-Identifier: MIT
#include "diff_tree.h"

#include "app/view/compare_renderer.h"

#include <QHeaderView>

namespace tl {

DiffTree::DiffTree(QWidget* parent) : QTreeWidget(parent)
{
    setColumnCount(4);
    setHeaderLabels({tr("Figure"), QStringLiteral("A"), QStringLiteral("B"), tr("Change (B − A)")});
    setAlternatingRowColors(true);
    setRootIsDecorated(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

QString DiffTree::metricName(const std::string& m)
{
    // run_compare's figure names, as the panels say them.
    static const std::pair<const char*, const char*> names[] = {
        {"wall time", QT_TR_NOOP("Wall time")},       {"CPU time", QT_TR_NOOP("CPU time")},
        {"cores busy", QT_TR_NOOP("Cores busy")},     {"tasks", QT_TR_NOOP("Tasks")},
        {"acquisitions", QT_TR_NOOP("Acquisitions")}, {"contended share", QT_TR_NOOP("Contended share")},
        {"wait total", QT_TR_NOOP("Wait total")},     {"longest wait", QT_TR_NOOP("Longest wait")},
        {"peak depth", QT_TR_NOOP("Peak depth")}};
    for (const auto& [key, text] : names)
        if (m == key)
            return tr(text);
    return QString::fromStdString(m);
}

void DiffTree::setRows(const std::vector<DiffRow>& rows, const std::function<bool(const DiffRow&)>& keep)
{
    clear();
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    QTreeWidgetItem* group = nullptr;
    std::string groupName;
    for (const DiffRow& r : rows) {
        if (keep && !keep(r))
            continue;
        if (!group || r.group != groupName) {
            groupName = r.group;
            group = new QTreeWidgetItem(this, {r.group == "run" ? tr("Run") : QString::fromStdString(r.group)});
            QFont f = group->font(0);
            f.setBold(true);
            group->setFont(0, f);
            group->setFirstColumnSpanned(true);
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group, {metricName(r.metric), view::diffValueText(r, r.a),
                                                 view::diffValueText(r, r.b), view::diffChangeText(r)});
        for (int c = 1; c < 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        const int verdict = r.verdict();
        item->setForeground(3, view::diffVerdictColor(verdict, dark));
        item->setData(3, Qt::UserRole, verdict);
        item->setToolTip(3, verdict > 0 ? tr("better") : verdict < 0 ? tr("worse") : tr("about the same"));
    }
}

}  // namespace tl
