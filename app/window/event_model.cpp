// SPDX-License-Identifier: MIT
#include "event_model.h"

#include <QSet>

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
} // namespace

EventModel::EventModel(QObject* parent) : QAbstractTableModel(parent) {}

void EventModel::setTrace(const Trace* trace)
{
    trace_ = trace;
    refresh();
}

void EventModel::refresh()
{
    beginResetModel();
    rebuild();
    endResetModel();
}

void EventModel::setLaneFilter(int lane)
{
    if (lane == laneFilter_)
        return;
    laneFilter_ = lane;
    refresh();
}

void EventModel::setObjectFilter(ObjectId object)
{
    if (object == objectFilter_)
        return;
    objectFilter_ = object;
    refresh();
}

void EventModel::setKindFilter(const QString& kind)
{
    if (kind == kindFilter_)
        return;
    kindFilter_ = kind;
    refresh();
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
        const ObjectId o = r.instant ? trace_->instants[r.index].object : trace_->lanes[r.lane].intervals[r.index].object;
        if (o != objectFilter_)
            return false;
    }
    return kindFilter_.isEmpty() || kindOf(r) == kindFilter_;
}

void EventModel::rebuild()
{
    rows_.clear();
    if (!trace_)
        return;
    for (size_t l = 0; l < trace_->lanes.size(); ++l) {
        const auto& iv = trace_->lanes[l].intervals;
        for (size_t i = 0; i < iv.size(); ++i) {
            Row r{iv[i].start, uint32_t(i), LaneId(l), false};
            if (accepts(r))
                rows_.push_back(r);
        }
    }
    for (size_t i = 0; i < trace_->instants.size(); ++i) {
        Row r{trace_->instants[i].t, uint32_t(i), trace_->instants[i].lane, true};
        if (accepts(r))
            rows_.push_back(r);
    }
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
        return a.t != b.t ? a.t < b.t : a.lane < b.lane;
    });
}

QStringList EventModel::kinds() const
{
    QSet<QString> seen;
    QStringList out;
    if (!trace_)
        return out;
    auto add = [&](const QString& k) {
        if (!seen.contains(k)) {
            seen.insert(k);
            out << k;
        }
    };
    for (const Lane& lane : trace_->lanes)
        for (const Interval& iv : lane.intervals)
            add(qs(stateName(iv.state)));
    for (const Instant& in : trace_->instants)
        add(qs(eventName(in.type)));
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

QVariant EventModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, o, role);
    static const char* names[] = {QT_TR_NOOP("Time (ms)"), QT_TR_NOOP("Duration (ms)"), QT_TR_NOOP("Thread"),
                                  QT_TR_NOOP("Kind"), QT_TR_NOOP("Object"), QT_TR_NOOP("Detail")};
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

} // namespace tl
