// SPDX-License-Identifier: MIT
// Where each lane's row and its bands go (content coordinates), grouped by process.
#include "lane_layout.h"
#include "trace_index.h"

#include <QFont>
#include <QFontMetrics>
#include <QObject>

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

int LaneLayout::rowAt(int y) const
{
    auto it = std::upper_bound(rows.begin(), rows.end(), y, [](int v, const LaneRow& r) { return v < r.y; });
    if (it == rows.begin())
        return -1;
    --it;
    return (y < it->y + it->height) ? int(it - rows.begin()) : -1;
}

LaneLayout LaneLayout::build(const Trace& trace, const TraceIndex& idx, const QFont& font, int laneHeight)
{
    const Metrics m = metricsFor(font, laneHeight);
    LaneLayout l;
    l.rowOfLane.assign(trace.lanes.size(), -1);
    // Processes in order of their first lane; lanes in id order within a process.
    std::vector<int> pids;
    for (const Lane& lane : trace.lanes)
        if (std::find(pids.begin(), pids.end(), lane.info.pid) == pids.end())
            pids.push_back(lane.info.pid);
    int y = 0;
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
        for (size_t i = 0; i < trace.lanes.size(); ++i) {
            if (trace.lanes[i].info.pid != pid)
                continue;
            LaneRow r;
            r.lane = LaneId(i);
            r.y = y;
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
            l.rowOfLane[i] = int(l.rows.size());
            l.rows.push_back(r);
            y += r.height;
        }
    }
    l.contentHeight = y;
    return l;
}

}  // namespace tl::view
