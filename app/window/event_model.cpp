// SPDX-License-Identifier: MIT
#include "event_model.h"

#include <algorithm>

namespace tl {

namespace {
QString ms(int64_t ns) { return QString::number(double(ns) / 1e6, 'f', 3); }
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); }
QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        s = QLatin1Char('"') + s.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
    return s;
}
}  // namespace

EventModel::EventModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventModel::setTrace(const Trace* trace)
{
    trace_ = trace;
    beginResetModel();
    rebuild();
    endResetModel();
}

bool EventModel::refresh()
{
    if (canGrow()) {
        grow();
        return false;
    }
    beginResetModel();
    rebuild();
    endResetModel();
    return true;
}

void EventModel::setLaneFilter(int lane)
{
    if (lane == laneFilter_)
        return;
    laneFilter_ = lane;
    beginResetModel();
    rebuild();
    endResetModel();
}

void EventModel::setObjectFilter(ObjectId object)
{
    if (object == objectFilter_)
        return;
    objectFilter_ = object;
    beginResetModel();
    rebuild();
    endResetModel();
}

void EventModel::setKindFilter(const QString& kind)
{
    if (kind == kindFilter_)
        return;
    kindFilter_ = kind;
    beginResetModel();
    rebuild();
    endResetModel();
}

QString EventModel::kindOf(const Row& r) const
{
    if (r.instant)
        return qs(eventName(trace_->instants[r.index].type));
    return qs(stateName(trace_->lanes[r.lane].intervals[r.index].state));
}

bool EventModel::accepts(const Row& r) const
{
    if (laneFilter_ >= 0 && r.lane != laneFilter_)
        return false;
    if (objectFilter_ != 0) {
        const ObjectId o =
            r.instant ? trace_->instants[r.index].object : trace_->lanes[r.lane].intervals[r.index].object;
        if (o != objectFilter_)
            return false;
    }
    return kindFilter_.isEmpty() || kindOf(r) == kindFilter_;
}

bool EventModel::before(const Row& a, const Row& b)
{
    if (a.t != b.t)
        return a.t < b.t;
    if (a.lane != b.lane)
        return a.lane < b.lane;
    if (a.instant != b.instant)
        return !a.instant;
    return a.index < b.index;
}

void EventModel::rebuild()
{
    rows_.clear();
    stateCount_.assign(size_t(State::Count), 0);
    eventCount_.assign(size_t(Ev::Count) + 1, 0);  // the last slot: types this build does not know
    if (!trace_) {
        snapshot();
        return;
    }
    for (size_t l = 0; l < trace_->lanes.size(); ++l) {
        const auto& iv = trace_->lanes[l].intervals;
        for (size_t i = 0; i < iv.size(); ++i) {
            ++stateCount_[size_t(iv[i].state)];
            Row r{iv[i].start, uint32_t(i), LaneId(l), false};
            if (accepts(r))
                rows_.push_back(r);
        }
    }
    for (size_t i = 0; i < trace_->instants.size(); ++i) {
        ++eventCount_[std::min(size_t(trace_->instants[i].type), eventCount_.size() - 1)];
        Row r{trace_->instants[i].t, uint32_t(i), trace_->instants[i].lane, true};
        if (accepts(r))
            rows_.push_back(r);
    }
    std::sort(rows_.begin(), rows_.end(), before);
    snapshot();
}

void EventModel::snapshot()
{
    lanesSeen_.clear();
    instantsSeen_ = 0;
    generationSeen_ = trace_ ? trace_->generation() : 0;
    structureSeen_ = trace_ ? trace_->structureGeneration() : ~uint64_t(0);
    if (!trace_)
        return;
    lanesSeen_.resize(trace_->lanes.size());
    for (size_t l = 0; l < trace_->lanes.size(); ++l) {
        const Lane& lane = trace_->lanes[l];
        LaneSeen& s = lanesSeen_[l];
        s.count = lane.intervals.size();
        s.name = lane.info.name;
        if (s.count) {
            s.last = lane.intervals.back();
            s.lastInRows = accepts(Row{s.last.start, uint32_t(s.count - 1), LaneId(l), false});
        }
    }
    instantsSeen_ = trace_->instants.size();
}

bool EventModel::canGrow() const
{
    // O(lanes). Anything that shrank means another trace (or a rewritten one): rebuild.
    if (!trace_ || trace_->structureGeneration() != structureSeen_ || trace_->generation() < generationSeen_)
        return false;
    if (trace_->lanes.size() < lanesSeen_.size() || trace_->instants.size() < instantsSeen_)
        return false;
    for (size_t l = 0; l < lanesSeen_.size(); ++l)
        if (trace_->lanes[l].intervals.size() < lanesSeen_[l].count)
            return false;
    return true;
}

void EventModel::grow()
{
    const auto same = [](const Interval& a, const Interval& b) {
        return a.start == b.start && a.end == b.end && a.state == b.state && a.outcome == b.outcome &&
               a.object == b.object && a.joinedLane == b.joinedLane;
    };
    std::vector<Row> fresh;
    bool renamed = false;
    const size_t knownLanes = lanesSeen_.size();
    lanesSeen_.resize(trace_->lanes.size());
    for (size_t l = 0; l < trace_->lanes.size(); ++l) {
        const Lane& lane = trace_->lanes[l];
        LaneSeen& seen = lanesSeen_[l];
        if (l >= knownLanes) {
            seen.name = lane.info.name;  // a new lane: no row shows it yet
        } else if (seen.name != lane.info.name) {
            seen.name = lane.info.name;
            renamed = true;
        }
        const auto& iv = lane.intervals;
        // The previously last interval may have grown, got its outcome, or been replaced.
        if (seen.count > 0 && !same(iv[seen.count - 1], seen.last)) {
            const uint32_t idx = uint32_t(seen.count - 1);
            const Interval& now = iv[idx];
            --stateCount_[size_t(seen.last.state)];
            ++stateCount_[size_t(now.state)];
            const Row row{now.start, idx, LaneId(l), false};
            const bool accept = accepts(row);
            int pos = -1;
            if (seen.lastInRows) {
                const Row old{seen.last.start, idx, LaneId(l), false};
                const auto it = std::lower_bound(rows_.begin(), rows_.end(), old, before);
                if (it != rows_.end() && !before(old, *it))
                    pos = int(it - rows_.begin());
            }
            if (pos >= 0 && accept && now.start == seen.last.start) {
                emit dataChanged(index(pos, 0), index(pos, ColumnCount - 1));
            } else {
                // Its start or its kind changed: it moves (or leaves / joins the filter).
                if (pos >= 0) {
                    beginRemoveRows({}, pos, pos);
                    rows_.erase(rows_.begin() + pos);
                    endRemoveRows();
                }
                if (accept)
                    fresh.push_back(row);
            }
        }
        for (size_t i = seen.count; i < iv.size(); ++i) {
            ++stateCount_[size_t(iv[i].state)];
            const Row r{iv[i].start, uint32_t(i), LaneId(l), false};
            if (accepts(r))
                fresh.push_back(r);
        }
        seen.count = iv.size();
        if (seen.count) {
            seen.last = iv.back();
            seen.lastInRows = accepts(Row{seen.last.start, uint32_t(seen.count - 1), LaneId(l), false});
        }
    }
    const auto& inst = trace_->instants;
    for (size_t i = instantsSeen_; i < inst.size(); ++i) {
        ++eventCount_[std::min(size_t(inst[i].type), eventCount_.size() - 1)];
        const Row r{inst[i].t, uint32_t(i), inst[i].lane, true};
        if (accepts(r))
            fresh.push_back(r);
    }
    instantsSeen_ = inst.size();
    generationSeen_ = trace_->generation();
    insertSorted(fresh);
    // A renamed thread shows in the Thread column (and in Object for joins) of any row.
    if (renamed && !rows_.empty())
        emit dataChanged(index(0, Thread), index(int(rows_.size()) - 1, Object));
}

void EventModel::insertSorted(std::vector<Row>& fresh)
{
    if (fresh.empty())
        return;
    std::sort(fresh.begin(), fresh.end(), before);
    // From the newest down: each run of new rows that falls between the same two existing
    // rows is one insertion; inserting the higher runs first keeps lower positions valid.
    size_t hi = rows_.size();
    size_t j = fresh.size();
    while (j > 0) {
        const size_t pos = size_t(
            std::upper_bound(rows_.begin(), rows_.begin() + std::ptrdiff_t(hi), fresh[j - 1], before) - rows_.begin());
        size_t i = j - 1;
        while (i > 0 && (pos == 0 || before(rows_[pos - 1], fresh[i - 1])))
            --i;
        beginInsertRows({}, int(pos), int(pos + (j - i)) - 1);
        rows_.insert(rows_.begin() + std::ptrdiff_t(pos), fresh.begin() + std::ptrdiff_t(i),
                     fresh.begin() + std::ptrdiff_t(j));
        endInsertRows();
        hi = pos;
        j = i;
    }
}

QStringList EventModel::kinds() const
{
    QStringList out;
    if (!trace_)
        return out;
    for (size_t k = 0; k < stateCount_.size(); ++k)
        if (stateCount_[k] > 0)
            out << qs(stateName(State(k)));
    for (size_t k = 0; k < size_t(Ev::Count); ++k)
        if (eventCount_[k] > 0)
            out << qs(eventName(Ev(k)));
    out.removeDuplicates();
    out.sort();
    return out;
}

int EventModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int EventModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString EventModel::text(const Row& r, int column) const
{
    const Lane& lane = trace_->lanes[r.lane];
    if (r.instant) {
        const Instant& in = trace_->instants[r.index];
        switch (column) {
        case Time: return ms(in.t);
        case Duration: return {};
        case Thread: return qs(lane.info.name);
        case Kind: return qs(eventName(in.type));
        case Object: return in.object ? qs(trace_->objectName(in.object)) : QString();
        case Detail: {
            if (!in.text.empty())
                return qs(in.text);
            if (in.type == Ev::AcquireTry)
                return in.a ? tr("acquired") : tr("failed");
            if (in.type == Ev::Put || in.type == Ev::Get)
                return tr("item #%1").arg(in.a);
            return {};
        }
        }
        return {};
    }
    const Interval& iv = lane.intervals[r.index];
    switch (column) {
    case Time: return ms(iv.start);
    case Duration: return iv.end >= iv.start ? ms(iv.end - iv.start) : QString();
    case Thread: return qs(lane.info.name);
    case Kind: return qs(stateName(iv.state));
    case Object:
        if (iv.object)
            return qs(trace_->objectName(iv.object));
        if (iv.joinedLane >= 0 && size_t(iv.joinedLane) < trace_->lanes.size())
            return qs(trace_->lanes[size_t(iv.joinedLane)].info.name);
        return {};
    case Detail: return qs(outcomeName(iv.outcome));
    }
    return {};
}

QVariant EventModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !trace_ || index.row() >= int(rows_.size()) || index.column() >= ColumnCount)
        return {};
    const Row& r = rows_[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return text(r, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Time || index.column() == Duration)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case StartRole: return qlonglong(rowStart(index.row()));
    case EndRole: return qlonglong(rowEnd(index.row()));
    case LaneRole: return int(r.lane);
    case ObjectRole: return uint(rowObject(index.row()));
    default: return {};
    }
}

void EventModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!rows_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::DisplayRole});
}

QVariant EventModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {QT_TR_NOOP("Time (ms)"), QT_TR_NOOP("Duration (ms)"), QT_TR_NOOP("Thread"),
                                  QT_TR_NOOP("Kind"),      QT_TR_NOOP("Object"),        QT_TR_NOOP("Detail")};
    return tr(names[section]);
}

int64_t EventModel::rowStart(int row) const { return rows_.at(size_t(row)).t; }

int64_t EventModel::rowEnd(int row) const
{
    const Row& r = rows_.at(size_t(row));
    if (r.instant)
        return r.t;
    const Interval& iv = trace_->lanes[r.lane].intervals[r.index];
    return std::max(iv.end, iv.start);
}

int EventModel::rowLane(int row) const { return rows_.at(size_t(row)).lane; }
bool EventModel::rowIsInstant(int row) const { return rows_.at(size_t(row)).instant; }

int EventModel::findRow(int lane, int64_t start, bool instant) const
{
    if (lane < 0)
        return -1;
    const Row key{start, 0, LaneId(lane), instant};
    const auto it = std::lower_bound(rows_.begin(), rows_.end(), key, before);
    if (it != rows_.end() && it->t == start && it->lane == LaneId(lane) && it->instant == instant)
        return int(it - rows_.begin());
    return -1;
}

ObjectId EventModel::rowObject(int row) const
{
    const Row& r = rows_.at(size_t(row));
    return r.instant ? trace_->instants[r.index].object : trace_->lanes[r.lane].intervals[r.index].object;
}

int EventModel::rowAt(int lane, int64_t t) const
{
    if (rows_.empty())
        return -1;
    // Rows are sorted by start: scan back from the first row starting after t for an interval
    // of this lane that covers t (a lane's intervals never overlap, so the scan is short).
    auto it = std::upper_bound(rows_.begin(), rows_.end(), t, [](int64_t v, const Row& r) { return v < r.t; });
    for (auto back = it; back != rows_.begin();) {
        --back;
        if (back->lane == lane && !back->instant) {
            const int row = int(back - rows_.begin());
            if (rowEnd(row) >= t)
                return row;
            break;
        }
        if (it - back > 4096)
            break;
    }
    const int row = int(it - rows_.begin());
    return std::clamp(row - 1, 0, int(rows_.size()) - 1);
}

QString EventModel::toCsv() const
{
    QString out = QStringLiteral("time_us,duration_us,thread,kind,object,detail\n");
    if (!trace_)
        return out;
    auto us = [](int64_t ns) { return QString::number(double(ns) / 1e3, 'f', 3); };
    for (size_t i = 0; i < rows_.size(); ++i) {
        const Row& r = rows_[i];
        const int64_t start = rowStart(int(i)), end = rowEnd(int(i));
        out += us(start) + QLatin1Char(',') + (r.instant ? QString() : us(end - start));
        for (int c : {Thread, Kind, Object, Detail})
            out += QLatin1Char(',') + csvField(text(r, c));
        out += QLatin1Char('\n');
    }
    return out;
}

}  // namespace tl
