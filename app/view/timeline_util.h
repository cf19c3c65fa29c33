// SPDX-License-Identifier: MIT
#pragma once
// Helpers shared by the timeline's own files (item descriptions, index, geometry, frame):
// internal to app/view, not part of the renderer's API.
#include "engine/model/trace.h"

#include <QString>

#include <algorithm>
#include <cstdint>
#include <string>

namespace tl::view::timeline {

inline QString qs(const std::string& s) { return QString::fromStdString(s); }

inline QString laneName(const Trace& t, LaneId lane)
{
    if (lane < t.lanes.size() && !t.lanes[lane].info.name.empty())
        return qs(t.lanes[lane].info.name);
    return QStringLiteral("lane %1").arg(lane);
}

inline QString objName(const Trace& t, ObjectId id)
{
    if (id != 0 && id < t.objects.size() && !t.objects[id].name.empty())
        return qs(t.objects[id].name);
    return id ? QStringLiteral("#%1").arg(id) : QString();
}

// Ends of things still open (-1) are drawn up to the run's recorded end.
inline int64_t endOr(int64_t end, int64_t start, int64_t fallback)
{
    return end < start ? std::max(fallback, start) : end;
}

}  // namespace tl::view::timeline
