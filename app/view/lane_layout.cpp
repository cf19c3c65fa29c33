// SPDX-License-Identifier: MIT
// Where each lane's row and its bands go (content coordinates), grouped by process.
#include "lane_layout.h"
#include "timeline_util.h"
#include "trace_index.h"

#include <QFont>
#include <QFontMetrics>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace tl::view {

namespace {

struct Metrics {
    int fh;  // font height
    int bar;  // state bar height
    int taskStrip;
    int hold;
    int pad;
};
Metrics metricsFor(const QFont& font, int laneHeight)
{
    QFontMetrics fm(font);
    Metrics m{};
    m.fh = fm.height();
    m.bar = laneHeight > 0 ? laneHeight : std::max(fm.height() + 8, 22);
    m.taskStrip = fm.height() + 4;
    m.hold = std::max(6, m.bar / 4);
    m.pad = 4;
    return m;
}

}  // namespace

QString laneGroupKey(const QString& name)
{
    // The last run of digits: the worker's number within its pool (or the thread's counter).
    static const QRegularExpression lastNumber(QStringLiteral("\\d+(?!.*\\d)"));
    const QRegularExpressionMatch m = lastNumber.match(name);
    if (!m.hasMatch())
        return {};
    return QString(name).replace(m.capturedStart(), m.capturedLength(), QLatin1Char('*'));
}

int LaneLayout::rowAt(int y) const
{
    auto it = std::upper_bound(rows.begin(), rows.end(), y, [](int v, const LaneRow& r) { return v < r.y; });
    if (it == rows.begin())
        return -1;
    --it;
    return (y < it->y + it->height) ? int(it - rows.begin()) : -1;
}

const GroupRow* LaneLayout::groupAt(int y) const
{
    for (const GroupRow& g : groups)
        if (y >= g.y && y < g.y + g.height)
            return &g;
    return nullptr;
}

LaneLayout LaneLayout::build(const Trace& trace, const TraceIndex& idx, const QFont& font, int laneHeight,
                             const GroupFolds& folds)
{
    const Metrics m = metricsFor(font, laneHeight);
    LaneLayout l;
    l.rowOfLane.assign(trace.lanes.size(), -1);
    // Processes in order of their first lane; lanes in id order within a process.
    std::vector<int> pids;
    for (const Lane& lane : trace.lanes)
        if (std::find(pids.begin(), pids.end(), lane.info.pid) == pids.end())
            pids.push_back(lane.info.pid);
    // Alike threads, when there are many lanes: a group's lanes follow its first lane.
    std::vector<QString> keys(trace.lanes.size());
    QHash<QString, int> groupSize;  // key (within its process) -> lanes
    if (trace.lanes.size() > kGroupingLanes)
        for (size_t i = 0; i < trace.lanes.size(); ++i) {
            const QString key = laneGroupKey(timeline::laneName(trace, LaneId(i)));
            if (!key.isEmpty()) {
                keys[i] = QString::number(trace.lanes[i].info.pid) + QLatin1Char('/') + key;
                ++groupSize[keys[i]];
            }
        }
    auto grouped = [&](size_t i) { return !keys[i].isEmpty() && groupSize.value(keys[i]) >= kMinGroupLanes; };
    int y = 0;
    auto addRow = [&](size_t i, bool compact, int compactBar) {
        LaneRow r;
        r.lane = LaneId(i);
        r.y = y;
        r.compact = compact;
        if (compact) {  // the state bar alone, a pixel apart; no band under it to hover
            r.barTop = 0;
            r.barHeight = compactBar;
            r.height = compactBar + 1;
            r.holdTop = r.height + 1;
        } else {
            r.hasTasks = i < idx.tasks.size() && !idx.tasks[i].empty();
            int cy = m.pad;
            if (r.hasTasks) {
                r.taskTop = cy;
                cy += m.taskStrip + 2;
            }
            r.barTop = cy;
            r.barHeight = m.bar;
            cy += m.bar + 2;
            r.holdTop = cy;
            r.holdHeight = m.hold;
            cy += m.hold + m.pad;
            r.height = cy;
        }
        l.rowOfLane[i] = int(l.rows.size());
        l.rows.push_back(r);
        y += r.height;
    };
    for (int pid : pids) {
        if (pids.size() > 1) {
            GroupRow g;
            g.pid = pid;
            g.y = y;
            g.height = m.fh + 8;
            g.label = pid == 1 ? QObject::tr("main process") : QObject::tr("process %1").arg(pid);
            l.groups.push_back(g);
            y += g.height;
        }
        QSet<QString> placed;
        for (size_t i = 0; i < trace.lanes.size(); ++i) {
            if (trace.lanes[i].info.pid != pid)
                continue;
            if (!grouped(i)) {
                addRow(i, false, 0);
                continue;
            }
            if (placed.contains(keys[i]))
                continue;
            placed.insert(keys[i]);
            const int count = groupSize.value(keys[i]);
            GroupRow g;
            g.pid = pid;
            g.y = y;
            g.height = m.fh + 6;
            g.key = keys[i].mid(keys[i].indexOf(QLatin1Char('/')) + 1);
            g.folded = folds.value(g.key, true);
            g.label = QObject::tr("%n threads", "a group of alike threads", count);
            l.groups.push_back(g);
            y += g.height;
            // Folded: about 80 px for the whole group, 2 to 6 px a lane.
            const int compactBar = std::clamp(80 / count - 1, 2, 6);
            for (size_t j = i; j < trace.lanes.size(); ++j)
                if (keys[j] == keys[i])
                    addRow(j, g.folded, compactBar);
        }
    }
    l.contentHeight = y;
    return l;
}

}  // namespace tl::view
