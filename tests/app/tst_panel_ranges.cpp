// SPDX-License-Identifier: MIT
// The chart panels through every visible range a learner can reach, from 1 µs to hours and back,
// as a finished trace and as a live one: no axis ever lays out more than kMaxAxisTicks ticks,
// not even between its two setters (a range set before its tick interval once meant millions
// of ticks and a frozen window in slow motion), and no contended share exceeds 100%.
#include "app/window/chart_util.h"
#include "app/window/contention_panel.h"
#include "app/window/queue_panel.h"
#include "app/window/stats_panel.h"
#include "synthetic_trace.h"

#include <QChart>
#include <QChartView>
#include <QSet>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

using namespace tl;

namespace {

// Watches every value axis of a panel: the most ticks any state of any axis implied.
class TickWatch {
public:
    void watch(QWidget* panel)
    {
        for (QChartView* v : panel->findChildren<QChartView*>())
            for (QAbstractAxis* a : v->chart()->axes())
                if (auto* axis = qobject_cast<QValueAxis*>(a); axis && !seen_.contains(axis)) {
                    seen_.insert(axis);
                    auto check = [this, axis] { note(axis); };
                    QObject::connect(axis, &QValueAxis::rangeChanged, axis, check);
                    QObject::connect(axis, &QValueAxis::tickIntervalChanged, axis, check);
                    QObject::connect(axis, &QValueAxis::tickTypeChanged, axis, check);
                    note(axis);
                }
    }
    double worst() const { return worst_; }
    int axes() const { return int(seen_.size()); }

private:
    void note(const QValueAxis* axis)
    {
        if (axis->tickType() != QValueAxis::TicksDynamic)
            return;
        const double span = axis->max() - axis->min();
        worst_ = std::max(worst_, axis->tickInterval() > 0 ? span / axis->tickInterval() : HUGE_VAL);
    }
    QSet<const QValueAxis*> seen_;
    double worst_ = 0;
};

// 1 µs, 2 µs, 5 µs ... 10 h, then back down: each step a zoom a learner can make.
std::vector<int64_t> spans()
{
    std::vector<int64_t> out;
    for (double s = 1e3; s <= 3.6e13; s *= 2.5)
        out.push_back(int64_t(s));
    const size_t up = out.size();
    for (size_t i = up; i-- > 0;)
        out.push_back(out[i]);
    return out;
}

}  // namespace

class TestPanelRanges : public QObject {
    Q_OBJECT

    static void drive(ContentionPanel& locks, QueuePanel& queues, const Trace& t, bool live, TickWatch& watch)
    {
        const int64_t mid = t.duration() / 2;
        for (int64_t span : spans()) {
            const int64_t from = std::max<int64_t>(0, mid - span / 2), to = from + span;
            if (live) {
                // A live run records the range at every poll and redraws at the panel refresh.
                locks.setVisibleRange(from, to, false);
                queues.setVisibleRange(from, to, false);
                const RunStats st = t.statistics();
                locks.refresh(st);
                queues.refresh(st);
            } else {
                locks.setVisibleRange(from, to);
                queues.setVisibleRange(from, to);
            }
            watch.watch(&locks);
            watch.watch(&queues);
            QVERIFY2(watch.worst() <= kMaxAxisTicks + 1,
                     qPrintable(QStringLiteral("%1 ticks at a %2 ns range").arg(watch.worst()).arg(span)));
        }
    }

private slots:
    void everyRangeKeepsTicksBounded_data()
    {
        QTest::addColumn<bool>("live");
        QTest::newRow("finished") << false;
        QTest::newRow("live") << true;
    }
    void everyRangeKeepsTicksBounded()
    {
        QFETCH(bool, live);
        const Trace t = synth::lockContention();
        ContentionPanel locks;
        QueuePanel queues;
        locks.resize(1200, 300);
        queues.resize(800, 300);
        locks.setTrace(&t);
        queues.setTrace(&t);
        locks.show();
        queues.show();
        TickWatch watch;
        watch.watch(&locks);
        watch.watch(&queues);
        drive(locks, queues, t, live, watch);
        QVERIFY2(watch.axes() >= 3, "the panels' charts were not found");  // waiters x/y, depth x/y, bars
    }

    // Ranges reached in one jump, the other way round from the zoom steps: a live run's range
    // grows from its first events (sub-millisecond) to seconds between two refreshes.
    void jumpsBetweenFarRanges()
    {
        const Trace t = synth::lockContention();
        ContentionPanel locks;
        QueuePanel queues;
        locks.setTrace(&t);
        queues.setTrace(&t);
        TickWatch watch;
        for (int64_t to : {int64_t(100'000), int64_t(4'000'000'000'000), int64_t(1'000), int64_t(3'600'000'000'000),
                           int64_t(2'000)}) {
            locks.setVisibleRange(0, to);
            queues.setVisibleRange(0, to);
            watch.watch(&locks);
            watch.watch(&queues);
        }
        QVERIFY2(watch.worst() <= kMaxAxisTicks + 1, qPrintable(QString::number(watch.worst())));
    }

    void contendedShareNeverAboveOne()
    {
        const Trace t = synth::lockContention();
        const RunStats st = t.statistics();
        QVERIFY(!st.locks.empty());
        for (const LockStats& l : st.locks) {
            QVERIFY(l.contendedShare >= 0.0 && l.contendedShare <= 1.0);
            QVERIFY(l.contended <= l.acquisitions + l.gaveUp);
        }
    }
};

QTEST_MAIN(TestPanelRanges)
#include "tst_panel_ranges.moc"
