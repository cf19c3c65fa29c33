// SPDX-License-Identifier: MIT
#include "contention_panel.h"

#include "app/i18n/language.h"

#include "app/view/palette.h"
#include "chart_util.h"
#include "diff_tree.h"
#include "stats_panel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QLabel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>

namespace tl {

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double key) : QTableWidgetItem(text)
    {
        setData(Qt::UserRole, key);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& o) const override
    {
        return data(Qt::UserRole).toDouble() < o.data(Qt::UserRole).toDouble();
    }
};
}  // namespace

ContentionPanel::ContentionPanel(QWidget* parent)
    : QWidget(parent), stack_(new QStackedWidget(this)), empty_(new QLabel(this)), compare_(new DiffTree(this)),
      table_(new QTableWidget(this)), barsChart_(new QChart), barsView_(new QChartView(barsChart_)),
      waitersChart_(new QChart), waitersView_(new QChartView(waitersChart_))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // With no lock in the run, one plain sentence instead of empty charts.
    layout->addWidget(stack_);
    empty_->setAlignment(Qt::AlignCenter);
    empty_->setWordWrap(true);

    // Side by side: the bottom dock is wide and short. Table | wait per lock | waiters over time.
    auto* split = new QSplitter(Qt::Horizontal, this);
    stack_->addWidget(split);
    stack_->addWidget(empty_);
    table_->setColumnCount(7);
    i18n::retranslate(this, [this] {
        empty_->setText(tr("No locks in this run.\nLessons with Lock, RLock or Semaphore show here who waited, how "
                           "long and how often."));
        // Two-line headers: the figures stay narrow (Russian headers are a third longer).
        table_->setHorizontalHeaderLabels({tr("Lock"), tr("Acquired"), tr("Contended"), tr("Gave\nup"),
                                           tr("Wait\ntotal"), tr("Wait\nmax"), tr("Held\nmax")});
        table_->horizontalHeaderItem(2)->setToolTip(contendedTip());
        table_->horizontalHeaderItem(3)->setToolTip(gaveUpTip());
    });
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setMinimumSectionSize(40);
    table_->setTextElideMode(Qt::ElideMiddle);
    split->addWidget(table_);
    split->addWidget(compare_);
    compare_->hide();
    for (QChartView* v : {barsView_, waitersView_}) {
        v->setRenderHint(QPainter::Antialiasing);
        v->setMinimumSize(220, 120);
        split->addWidget(v);
    }
    split->setSizes({1300, 900, 1100});
    styleChart(barsChart_, false);
    styleChart(waitersChart_, false);
    connect(table_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = table_->selectionModel()->selectedRows();
        ObjectId id = rows.isEmpty() ? 0 : ObjectId(table_->item(rows.first().row(), 0)->data(Qt::UserRole).toUInt());
        if (id == selected_)
            return;
        selected_ = id;
        rebuildWaiters();
        emit lockSelected(id);
    });
}

void ContentionPanel::setTrace(const Trace* trace)
{
    trace_ = trace;
    selected_ = 0;
    refresh();
}

int ContentionPanel::lockCount() const { return int(locks_.size()); }

void ContentionPanel::setDark(bool dark)
{
    dark_ = dark;
    styleChart(barsChart_, dark);
    styleChart(waitersChart_, dark);
    refresh();
}

void ContentionPanel::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::FontChange) {
        setChartFont(barsChart_, font());
        setChartFont(waitersChart_, font());
    }
    QWidget::changeEvent(e);
}

void ContentionPanel::selectLock(ObjectId id)
{
    for (int r = 0; r < table_->rowCount(); ++r)
        if (table_->item(r, 0)->data(Qt::UserRole).toUInt() == id) {
            table_->selectRow(r);
            return;
        }
    table_->clearSelection();
}

void ContentionPanel::refresh() { refresh(trace_ && !trace_->lanes.empty() ? trace_->statistics() : RunStats{}); }

void ContentionPanel::setPinned(std::optional<RunStats> a)
{
    pinned_ = std::move(a);
    refresh();
}

void ContentionPanel::refresh(const RunStats& stats)
{
    locks_.clear();
    if (trace_ && !trace_->lanes.empty())
        locks_ = stats.locks;
    // A's locks count too: a lock only A had is a change worth showing.
    const bool compare = pinned_ && trace_ && !trace_->lanes.empty() && !(locks_.empty() && pinned_->locks.empty());
    compare_->setVisible(compare);
    if (compare)
        compare_->setRows(compareStats(*pinned_, stats),
                          [](const DiffRow& r) { return r.group != "run" && r.group.rfind("queue ", 0) != 0; });

    const ObjectId keep = selected_;
    // In slow motion the times are lesson time (RunStats): the headers say so.
    const QString slowed =
        stats.speed < 1
            ? tr("Lesson time: the run's real times × %1 (its slow-motion speed).").arg(stats.speed, 0, 'f', 2)
            : QString();
    for (int c : {4, 5, 6})
        table_->horizontalHeaderItem(c)->setToolTip(slowed);
    {
        QSignalBlocker block(table_);
        table_->setSortingEnabled(false);
        table_->setRowCount(int(locks_.size()));
        for (int r = 0; r < int(locks_.size()); ++r) {
            const LockStats& l = locks_[size_t(r)];
            auto* name = new QTableWidgetItem(qs(l.name));
            name->setData(Qt::UserRole, uint(l.object));
            name->setToolTip(QString::fromUtf8(kindName(l.kind).data(), qsizetype(kindName(l.kind).size())));
            table_->setItem(r, 0, name);
            table_->setItem(r, 1, new NumberItem(QString::number(l.acquisitions), double(l.acquisitions)));
            table_->setItem(
                r, 2,
                new NumberItem(QString::number(l.contendedShare * 100, 'f', 0) + QLatin1Char('%'), l.contendedShare));
            table_->setItem(r, 3, new NumberItem(QString::number(l.gaveUp), double(l.gaveUp)));
            table_->setItem(r, 4, new NumberItem(formatDuration(l.waitTotal), double(l.waitTotal)));
            table_->setItem(r, 5, new NumberItem(formatDuration(l.waitMax), double(l.waitMax)));
            table_->setItem(r, 6, new NumberItem(formatDuration(l.holdMax), double(l.holdMax)));
        }
        table_->setSortingEnabled(true);
        for (int r = 0; r < table_->rowCount(); ++r)
            if (keep && table_->item(r, 0)->data(Qt::UserRole).toUInt() == keep)
                table_->selectRow(r);
        // "Gave up" only when some wait gave up: a column of zeros takes the lock names' room.
        table_->setColumnHidden(
            3, std::none_of(locks_.begin(), locks_.end(), [](const LockStats& l) { return l.gaveUp > 0; }));
    }

    // Bars: total and longest wait per lock (ms), most contended at the top.
    if (locks_.empty()) {
        bars_.clear(barsChart_);
    } else {
        auto sorted = locks_;
        std::sort(sorted.begin(), sorted.end(),
                  [](const LockStats& a, const LockStats& b) { return a.waitTotal < b.waitTotal; });
        std::vector<uint64_t> keys{uint64_t(dark_)};
        for (const LockStats& l : sorted)
            keys.push_back(l.object);
        if (!bars_.shows(keys)) {
            bars_.clear(barsChart_);
            auto* total = new QBarSet(tr("total wait (ms)"));
            auto* longest = new QBarSet(tr("longest wait (ms)"));
            for (size_t i = 0; i < sorted.size(); ++i)
                *total << 0, *longest << 0;
            // The timeline's colours: waiting is the alarming state colour, its maximum a lighter shade.
            const QColor waitColour = view::stateColor(State::WaitLock, dark_);
            total->setColor(waitColour);
            total->setBorderColor(waitColour);
            longest->setColor(waitColour.lighter(dark_ ? 70 : 150));
            longest->setBorderColor(waitColour);
            auto* series = new QHorizontalBarSeries;
            series->append(total);
            series->append(longest);
            barsChart_->addSeries(series);
            auto* cats = new QBarCategoryAxis;
            barsChart_->addAxis(cats, Qt::AlignLeft);
            series->attachAxis(cats);
            auto* values = new QValueAxis;
            barsChart_->addAxis(values, Qt::AlignBottom);
            series->attachAxis(values);
            bars_ = {keys, {series}, {cats, values}};
            setChartFont(barsChart_, font());
        }
        auto* series = static_cast<QHorizontalBarSeries*>(bars_.series[0]);
        QBarSet* total = series->barSets().at(0);
        QBarSet* longest = series->barSets().at(1);
        QStringList names;
        double top = 0;
        for (size_t i = 0; i < sorted.size(); ++i) {
            const LockStats& l = sorted[i];
            total->replace(qsizetype(i), double(l.waitTotal) / 1e6);
            longest->replace(qsizetype(i), double(l.waitMax) / 1e6);
            // The name and its contended share (the table's column): short, so a narrow chart keeps it.
            names << QStringLiteral("%1 (%2%)").arg(qs(l.name)).arg(l.contendedShare * 100, 0, 'f', 0);
            top = std::max(top, double(l.waitTotal) / 1e6);
        }
        auto* cats = static_cast<QBarCategoryAxis*>(bars_.axes[0]);
        if (cats->categories() != names)
            cats->setCategories(names);
        auto* values = static_cast<QValueAxis*>(bars_.axes[1]);
        values->setTitleText(stats.speed < 1 ? tr("waiting (ms of lesson time: slow motion divided out)")
                                             : tr("waiting (ms)"));
        setNiceAxis(values, 0, top > 0 ? top * 1.05 : 1, 4);
    }
    stack_->setCurrentIndex(locks_.empty() && !compare ? 1 : 0);
    rebuildWaiters();
}

void ContentionPanel::setVisibleRange(int64_t from, int64_t to, bool redraw)
{
    if (from == from_ && to == to_)
        return;
    from_ = from;
    to_ = to;
    if (redraw)
        rebuildWaiters();
}

void ContentionPanel::rebuildWaiters()
{
    if (!trace_ || locks_.empty()) {
        waiters_.clear(waitersChart_);
        return;
    }
    int64_t from = from_, to = to_;
    if (to <= from) {
        from = 0;
        to = std::max<int64_t>(trace_->duration(), 1);
    }
    const int pixels = std::max(100, int(waitersChart_->plotArea().width()));
    std::vector<uint64_t> keys{uint64_t(dark_), selected_};
    for (const LockStats& l : locks_)
        keys.push_back(l.object);
    if (!waiters_.shows(keys)) {
        waiters_.clear(waitersChart_);
        auto* x = new QValueAxis;
        auto* y = new QValueAxis;
        y->setTitleText(tr("threads waiting"));
        waitersChart_->addAxis(x, Qt::AlignBottom);
        waitersChart_->addAxis(y, Qt::AlignLeft);
        waiters_ = {keys, {}, {x, y}};
        setChartFont(waitersChart_, font());
        for (const LockStats& l : locks_) {
            auto* series = new QLineSeries;
            series->setName(qs(l.name));
            waitersChart_->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
            QPen pen(view::objectColor(l.object, dark_));  // the lock's hold-band colour
            pen.setWidthF(selected_ == l.object ? 3.0 : (selected_ ? 1.0 : 2.0));
            series->setPen(pen);
            if (selected_ && selected_ != l.object)
                series->setOpacity(0.35);
            waiters_.series.push_back(series);
        }
    }
    setTimeAxis(static_cast<QValueAxis*>(waiters_.axes[0]), from, to);
    double top = 1;
    for (size_t i = 0; i < locks_.size(); ++i) {
        // No counter means no thread ever waited for it: a flat zero line says exactly that.
        const CounterSeries* c = trace_->counter(locks_[i].object, CounterKind::Waiters);
        const auto points =
            c ? counterSteps(*c, from, to, pixels) : QList<QPointF>{{double(from) / 1e6, 0.0}, {double(to) / 1e6, 0.0}};
        for (const QPointF& p : points)
            top = std::max(top, p.y());
        static_cast<QLineSeries*>(waiters_.series[i])->replace(points);
    }
    setCountAxis(static_cast<QValueAxis*>(waiters_.axes[1]), top);
}

}  // namespace tl
