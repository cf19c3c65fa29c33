// SPDX-License-Identifier: MIT
#include "stats_panel.h"

#include "app/view/figures.h"
#include "diff_tree.h"

#include "app/i18n/language.h"
#include "app/i18n/messages.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLocale>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace tl {

QString formatDuration(int64_t ns)
{
    // The language's decimal point and units (tl::Units, as on the timeline's ruler).
    auto num = [](double v, int decimals, const char* unit) {
        QLocale l;
        l.setNumberOptions(QLocale::OmitGroupSeparator);
        return l.toString(v, 'f', decimals) + QLatin1Char(' ') + QCoreApplication::translate("tl::Units", unit);
    };
    const double v = double(ns);
    if (ns >= 10'000'000'000LL)
        return num(v / 1e9, 1, "s");
    if (ns >= 1'000'000'000LL)
        return num(v / 1e9, 2, "s");
    if (ns >= 1'000'000LL)
        return num(v / 1e6, ns >= 100'000'000LL ? 0 : 1, "ms");
    if (ns >= 1'000LL)
        return num(v / 1e3, 0, "µs");
    return num(v, 0, "ns");
}

QString contendedTip()
{
    return StatsPanel::tr(
        "Attempts to take the lock that had to wait, whether the wait then got the lock or gave up;"
        " the share is of all attempts (acquisitions + gave up). A wait still in progress is not counted yet.");
}

QString gaveUpTip()
{
    return StatsPanel::tr("Waits that ended without the lock: timed out, or cut by a deadlock or an abort.");
}

namespace {
QString qs(const std::string& s) { return QString::fromStdString(s); }
QString pct(double share) { return QString::number(share * 100.0, 'f', 0) + QLatin1Char('%'); }
}  // namespace

StatsPanel::StatsPanel(QWidget* parent)
    : QWidget(parent), result_(new QLabel(this)), compare_(new DiffTree(this)), tree_(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    result_->setWordWrap(true);
    result_->setTextFormat(Qt::RichText);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    result_->setContentsMargins(6, 4, 6, 4);
    result_->hide();
    layout->addWidget(result_);
    layout->addWidget(compare_, 1);
    layout->addWidget(tree_, 1);
    compare_->hide();
    tree_->setColumnCount(2);
    i18n::retranslate(this, [this] {
        tree_->setHeaderLabels({tr("Measure"), tr("Value")});
        result_->setToolTip(tr("What this run came to, read from its trace the way the lesson's check reads it."));
    });
    tree_->setAlternatingRowColors(true);
    tree_->setRootIsDecorated(true);
    tree_->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
}

void StatsPanel::setTrace(const Trace* trace)
{
    trace_ = trace;
    refresh();
}

void StatsPanel::refresh() { refresh(trace_ && !trace_->lanes.empty() ? trace_->statistics() : RunStats{}); }

void StatsPanel::setPinned(std::optional<RunStats> a)
{
    pinned_ = std::move(a);
    refresh();
}

void StatsPanel::refresh(const RunStats& s)
{
    tree_->clear();
    const bool hasResult = trace_ && !trace_->result.lesson.empty();
    result_->setVisible(hasResult);
    result_->setText(hasResult ? tr("<b>Result:</b> %1").arg(i18n::message(trace_->result.lesson).toHtmlEscaped())
                               : QString());
    const bool any = trace_ && !trace_->lanes.empty();
    compare_->setVisible(pinned_ && any);
    if (!any)
        return;
    if (pinned_)
        compare_->setRows(compareStats(*pinned_, s));
    auto section = [&](const QString& title) {
        auto* item = new QTreeWidgetItem(tree_, {title});
        QFont f = item->font(0);
        f.setBold(true);
        item->setFont(0, f);
        item->setFirstColumnSpanned(true);
        item->setExpanded(true);
        return item;
    };
    auto row = [](QTreeWidgetItem* parent, const QString& k, const QString& v, const QString& tip = {}) {
        auto* item = new QTreeWidgetItem(parent, {k, v});
        item->setToolTip(0, tip);
        item->setToolTip(1, tip.isEmpty() ? v : tip);
        return item;
    };

    auto* run = section(tr("Run"));
    row(run, tr("Status"),
        i18n::statusWord(trace_->result.status) + (trace_->result.message.empty()
                                                       ? QString()
                                                       : QStringLiteral(": ") + i18n::message(trace_->result.message)));
    for (const view::Figure& f : view::workFigures(s.work, s.wall, s.cores, s.speed)) {
        auto* item = row(run, f.label, f.value);
        item->setToolTip(0, f.tip);
        item->setToolTip(1, f.tip);
    }
    row(run, tr("Threads"), QString::number(trace_->lanes.size()));
    row(run, tr("Events"), QString::number(trace_->eventCount()));
    row(run, QStringLiteral("GIL"), trace_->gil ? tr("on") : tr("off"));

    if (!s.busyShare.empty()) {
        auto* lanes = section(s.work.cpuMeasured ? tr("Threads: CPU time (share of the thread's life)")
                                                 : tr("Threads: time running (share of the thread's life)"));
        const QString tip =
            s.work.cpuMeasured
                ? tr("Time this thread computed on a core, from its own CPU clock, and that time as a share "
                     "of the thread's life from start to end.")
                : tr("Time this thread was in the running state (this trace has no CPU clocks), and that "
                     "time as a share of its life.");
        for (const auto& [lane, share] : s.busyShare) {
            const auto cpu = s.laneCpu.find(lane);
            auto* item = row(
                lanes, lane < trace_->lanes.size() ? qs(trace_->lanes[lane].info.name) : QString::number(lane),
                QStringLiteral("%1 (%2)").arg(formatDuration(cpu == s.laneCpu.end() ? 0 : cpu->second), pct(share)));
            item->setToolTip(0, tip);
            item->setToolTip(1, tip);
        }
    }
    for (const LockStats& l : s.locks) {
        auto* item = section(tr("%1 “%2”").arg(
            QString::fromUtf8(kindName(l.kind).data(), qsizetype(kindName(l.kind).size())), qs(l.name)));
        row(item, tr("Acquisitions"), QString::number(l.acquisitions));
        row(item, tr("Contended (had to wait)"),
            tr("%1 of %2 attempts (%3)").arg(l.contended).arg(l.acquisitions + l.gaveUp).arg(pct(l.contendedShare)),
            contendedTip());
        row(item, tr("Gave up waiting"), QString::number(l.gaveUp), gaveUpTip());
        row(item, tr("Hand-offs"), QString::number(l.handoffs));
        row(item, tr("Wait: total / mean / p95 / max"),
            QStringLiteral("%1 / %2 / %3 / %4")
                .arg(formatDuration(l.waitTotal), formatDuration(l.waitMean), formatDuration(l.waitP95),
                     formatDuration(l.waitMax)));
        row(item, tr("Held: total / longest"),
            QStringLiteral("%1 / %2").arg(formatDuration(l.holdTotal), formatDuration(l.holdMax)));
    }
    for (const QueueStats& q : s.queues) {
        auto* item = section(tr("queue “%1”").arg(qs(q.name)));
        row(item, tr("Capacity"), q.capacity ? QString::number(q.capacity) : tr("unbounded"));
        row(item, tr("Puts / gets"), QStringLiteral("%1 / %2").arg(q.puts).arg(q.gets));
        row(item, tr("Max depth"), QString::number(q.maxDepth));
        row(item, tr("Time full / empty"),
            QStringLiteral("%1 / %2").arg(formatDuration(q.timeFull), formatDuration(q.timeEmpty)));
    }
    for (const PoolStats& p : s.pools) {
        auto* item = section(tr("pool “%1”").arg(qs(p.name)));
        row(item, tr("Tasks"), QString::number(p.tasks));
        row(item, tr("Queue wait (submit → start): total / max"),
            QStringLiteral("%1 / %2").arg(formatDuration(p.queueWaitTotal), formatDuration(p.queueWaitMax)));
        for (const auto& [lane, share] : p.busyShare)
            row(item,
                tr("Busy: %1")
                    .arg(lane < trace_->lanes.size() ? qs(trace_->lanes[lane].info.name) : QString::number(lane)),
                pct(share));
    }
}

}  // namespace tl
