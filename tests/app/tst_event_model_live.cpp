// SPDX-License-Identifier: MIT
// The event table during a live run: the model grows incrementally (rowsInserted, dataChanged)
// while Trace::structureGeneration() holds, resets when it moves, and after every batch shows
// exactly what a freshly built model shows; the table follows the newest rows only when the
// learner is at the bottom, and keeps their place otherwise.
#include "app/window/event_model.h"
#include "app/window/event_table.h"
#include "engine/record/recorder.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

#include <algorithm>
#include <random>

using namespace tl;

namespace {

// A recorded run cut into drain batches. Lanes 0-2 change state, put/get items and leave
// marks; lane 3 only changes state, and with `lag` its events arrive one batch late (as when
// a lane's buffer drains after the others), so its rows land before the newest rows.
struct Feed {
    Recorder rec;
    ObjectId lock = 0, queue = 0;
    std::vector<std::vector<Event>> batches;
    int64_t end = 0;
};

std::unique_ptr<Feed> makeFeed(bool lag, unsigned seed = 3, int steps = 60)
{
    auto f = std::make_unique<Feed>();
    const int lanes = 4;
    for (int l = 0; l < lanes; ++l)
        f->rec.addLane(l == 0 ? "MainThread" : "Thread-" + std::to_string(l), 1, -1);
    f->lock = f->rec.addObject(ObjectKind::Lock, "oven");
    f->queue = f->rec.addObject(ObjectKind::Queue, "jobs");
    const int64_t note = f->rec.intern("a note");
    const int64_t renamed = f->rec.intern("baker-2");
    std::mt19937 rng(seed);
    auto uni = [&](int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); };
    std::vector<Event> all;
    int64_t item = 1;
    for (int l = 0; l < lanes; ++l) {
        const LaneId lane = LaneId(l);
        int64_t t = 3 * l;
        all.push_back(Event{t, 0, Ev::ThreadStart, lane, 0, 0});
        bool waiting = false;
        for (int k = 0; k < steps; ++k) {
            // Now and then two changes at the same instant: the model replaces the first.
            t += uni(0, 6) == 0 ? 0 : uni(1, 20);
            const int pick = uni(0, 4);
            const State s = pick == 0   ? State::WaitLock
                            : pick == 1 ? State::Sleep
                            : pick == 2 ? State::Io
                            : pick == 3 ? State::WaitQueueGet
                                        : State::Run;
            const ObjectId obj = s == State::WaitLock ? f->lock : s == State::WaitQueueGet ? f->queue : 0;
            const Outcome ended = waiting ? (uni(0, 3) == 0 ? Outcome::Timeout : Outcome::Acquired) : Outcome::None;
            all.push_back(Event{t, obj, Ev::StateChange, lane, int64_t(s), int64_t(ended)});
            waiting = s == State::WaitLock || s == State::WaitQueueGet;
            if (l != 3 && uni(0, 3) == 0) {
                const int kind = uni(0, 2);
                if (kind == 0)
                    all.push_back(Event{t, f->queue, Ev::Put, lane, item++, 0});
                else if (kind == 1)
                    all.push_back(Event{t, f->queue, Ev::Get, lane, item, 0});
                else
                    all.push_back(Event{t, 0, Ev::Mark, lane, note, 0});
            }
            if (l == 2 && k == steps / 2)  // a thread renames itself mid-run
                all.push_back(Event{t, 0, Ev::ThreadRename, lane, renamed, 2});
        }
        all.push_back(Event{t + 5, 0, Ev::ThreadEnd, lane, 0, 0});
        f->end = std::max(f->end, t + 5);
    }
    std::stable_sort(all.begin(), all.end(), [](const Event& a, const Event& b) { return a.t < b.t; });
    // Cut into batches of 5..40 events; a late lane's events go into the next batch.
    std::vector<size_t> cuts{0};
    while (cuts.back() < all.size())
        cuts.push_back(std::min(all.size(), cuts.back() + size_t(uni(5, 40))));
    f->batches.resize(cuts.size() - 1);
    for (size_t b = 0; b + 1 < cuts.size(); ++b)
        for (size_t i = cuts[b]; i < cuts[b + 1]; ++i) {
            const bool late = lag && all[i].lane == 3 && b + 2 < cuts.size();
            f->batches[late ? b + 1 : b].push_back(all[i]);
        }
    // Per lane the events stay in order; a batch is merged by time like Recorder::drain().
    for (auto& batch : f->batches)
        std::stable_sort(batch.begin(), batch.end(), [](const Event& a, const Event& b) { return a.t < b.t; });
    return f;
}

struct Filter {
    int lane = -1;
    bool object = false;  // the lock
    QString kind;
};

void applyFilter(EventModel& m, const Filter& f, ObjectId lock)
{
    m.setLaneFilter(f.lane);
    m.setObjectFilter(f.object ? lock : 0);
    m.setKindFilter(f.kind);
}

// Every row, column and role of `live` equals a model freshly built on the same trace.
void compareWithFresh(const EventModel& live, const Trace& trace, const Filter& filter, ObjectId lock,
                      const char* where)
{
    EventModel fresh;
    applyFilter(fresh, filter, lock);
    fresh.setTrace(&trace);
    QVERIFY2(live.rowCount() == fresh.rowCount(), qPrintable(QStringLiteral("%1: %2 rows, fresh %3")
                                                                 .arg(QLatin1String(where))
                                                                 .arg(live.rowCount())
                                                                 .arg(fresh.rowCount())));
    for (int r = 0; r < fresh.rowCount(); ++r) {
        for (int c = 0; c < EventModel::ColumnCount; ++c)
            QVERIFY2(live.index(r, c).data() == fresh.index(r, c).data(),
                     qPrintable(QStringLiteral("%1: row %2 col %3: '%4' vs fresh '%5'")
                                    .arg(QLatin1String(where))
                                    .arg(r)
                                    .arg(c)
                                    .arg(live.index(r, c).data().toString(), fresh.index(r, c).data().toString())));
        for (int role : {int(EventModel::StartRole), int(EventModel::EndRole), int(EventModel::LaneRole),
                         int(EventModel::ObjectRole)})
            QVERIFY2(live.index(r, 0).data(role) == fresh.index(r, 0).data(role),
                     qPrintable(QStringLiteral("%1: row %2 role %3").arg(QLatin1String(where)).arg(r).arg(role)));
    }
    QCOMPARE(live.kinds(), fresh.kinds());
}

}  // namespace

class TestEventModelLive : public QObject {
    Q_OBJECT
private slots:
    void growsIncrementally_data()
    {
        QTest::addColumn<bool>("lag");
        QTest::addColumn<int>("lane");
        QTest::addColumn<bool>("object");
        QTest::addColumn<QString>("kind");
        for (bool lag : {false, true}) {
            const char* l = lag ? "late lane" : "in order";
            QTest::addRow("%s, no filter", l) << lag << -1 << false << QString();
            QTest::addRow("%s, lane 3", l) << lag << 3 << false << QString();
            QTest::addRow("%s, lane 2", l) << lag << 2 << false << QString();
            QTest::addRow("%s, lock", l) << lag << -1 << true << QString();
            QTest::addRow("%s, wait:lock", l) << lag << -1 << false << QStringLiteral("wait:lock");
            QTest::addRow("%s, run", l) << lag << -1 << false << QStringLiteral("run");
            QTest::addRow("%s, put", l) << lag << -1 << false << QStringLiteral("put");
        }
    }
    void growsIncrementally()
    {
        QFETCH(bool, lag);
        QFETCH(int, lane);
        QFETCH(bool, object);
        QFETCH(QString, kind);
        const Filter filter{lane, object, kind};
        auto feed = makeFeed(lag);
        Trace trace;
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        applyFilter(model, filter, feed->lock);
        model.setTrace(&trace);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const uint64_t structure = trace.structureGeneration();
        int middle = 0;  // insertions before the last row
        connect(&model, &QAbstractItemModel::rowsInserted, this, [&](const QModelIndex&, int, int last) {
            if (last < model.rowCount() - 1)
                ++middle;
        });
        int wholeThreadColumn = 0;  // the rename repaints every row's thread name
        connect(&model, &QAbstractItemModel::dataChanged, this, [&](const QModelIndex& tl, const QModelIndex& br) {
            if (model.rowCount() > 1 && tl.row() == 0 && br.row() == model.rowCount() - 1 &&
                tl.column() <= EventModel::Thread && br.column() >= EventModel::Thread)
                ++wholeThreadColumn;
        });
        int grewBatches = 0;
        for (size_t b = 0; b < feed->batches.size(); ++b) {
            const int before = model.rowCount();
            const qsizetype insertsBefore = inserted.count();
            trace.ingest(feed->batches[b], feed->rec);
            QVERIFY(!model.refresh());  // incremental: no reset
            if (model.rowCount() > before) {
                ++grewBatches;
                QVERIFY(inserted.count() > insertsBefore);
            }
            compareWithFresh(model, trace, filter, feed->lock, "live");
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(trace.structureGeneration(), structure);  // the feed really stayed incremental
        QCOMPARE(resets.count(), 0);
        QVERIFY(grewBatches > 1);
        QVERIFY(model.rowCount() > 0);
        if (lane < 0 && !object && kind.isEmpty()) {
            QVERIFY(changed.count() > 0);  // open intervals grow
            QCOMPARE(wholeThreadColumn, 1);  // Thread-2 renamed itself once
            if (lag)
                QVERIFY(middle > 0);  // the late lane's rows went in before newer ones
        }
        // finish() closes what is open, and sorts the flows only if they arrived out of order
        // (the structure moved: the model resets). Either way it matches a fresh model.
        const uint64_t beforeFinish = trace.structureGeneration();
        trace.finish(feed->end, RunResult{});
        const bool moved = trace.structureGeneration() != beforeFinish;
        QCOMPARE(model.refresh(), moved);
        QCOMPARE(resets.count(), moved ? 1 : 0);
        compareWithFresh(model, trace, filter, feed->lock, "finished");
    }

    // A lane's last interval replaced by the next batch (two changes at the same instant, the
    // second drained later): the row changes kind in place, leaves or joins a kind filter.
    void lastIntervalReplaced_data()
    {
        QTest::addColumn<int>("lane");
        QTest::addColumn<QString>("kind");
        QTest::newRow("no filter") << -1 << QString();
        QTest::newRow("lane 1") << 1 << QString();
        QTest::newRow("sleep") << -1 << QStringLiteral("sleep");
        QTest::newRow("run") << -1 << QStringLiteral("run");
        QTest::newRow("wait:lock") << -1 << QStringLiteral("wait:lock");
    }
    void lastIntervalReplaced()
    {
        QFETCH(int, lane);
        QFETCH(QString, kind);
        Recorder rec;
        rec.addLane("MainThread", 1, 0);
        rec.addLane("Thread-1", 1, -1);
        const ObjectId lock = rec.addObject(ObjectKind::Lock, "oven");
        auto st = [](int64_t t, LaneId l, State s, ObjectId o = 0) {
            return Event{t, o, Ev::StateChange, l, int64_t(s), 0};
        };
        const std::vector<std::vector<Event>> batches = {
            {Event{0, 0, Ev::ThreadStart, 0, 0, 0}, st(0, 0, State::Run), Event{0, 0, Ev::ThreadStart, 1, 0, 0},
             st(0, 1, State::Run), st(100, 1, State::Sleep), st(150, 0, State::Io)},
            {st(100, 1, State::WaitLock, lock), st(170, 0, State::Run)},  // replaces the sleep
            {st(100, 1, State::Sleep), st(180, 0, State::Sleep)},  // and back
            {st(120, 1, State::Run), st(190, 0, State::Run)},  // closes it
            {st(120, 1, State::Io), st(200, 0, State::Io)},
        };
        const Filter filter{lane, false, kind};
        Trace trace;
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        applyFilter(model, filter, lock);
        model.setTrace(&trace);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        for (const auto& batch : batches) {
            trace.ingest(batch, rec);
            QVERIFY(!model.refresh());
            compareWithFresh(model, trace, filter, lock, "replaced");
            if (QTest::currentTestFailed())
                return;
        }
        if (kind == QLatin1String("sleep") || kind == QLatin1String("wait:lock"))
            QVERIFY(removed.count() > 0);  // the replaced row left the filter
        if (kind.isEmpty())
            QVERIFY(changed.count() > 0);  // ... or changed in place
    }

    // A filter changed in the middle of a run keeps growing under the new filter.
    void filterChangesLive()
    {
        auto feed = makeFeed(true, 11);
        Trace trace;
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrace(&trace);
        const size_t half = feed->batches.size() / 2;
        Filter filter;
        for (size_t b = 0; b < feed->batches.size(); ++b) {
            if (b == half) {
                filter.kind = QStringLiteral("sleep");
                applyFilter(model, filter, feed->lock);
            }
            if (b == half + 3) {
                filter.lane = 1;
                applyFilter(model, filter, feed->lock);
            }
            trace.ingest(feed->batches[b], feed->rec);
            model.refresh();
            compareWithFresh(model, trace, filter, feed->lock, "live");
            if (QTest::currentTestFailed())
                return;
        }
        QVERIFY(model.rowCount() > 0);
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.rowLane(r), 1);
            QCOMPARE(model.index(r, EventModel::Kind).data().toString(), QStringLiteral("sleep"));
        }
    }

    // An instant older than the newest one is inserted in the middle of trace.instants: the
    // structure moved, so the model resets (and still equals a fresh one), then grows again.
    void outOfOrderBatchResets()
    {
        auto feed = makeFeed(false, 5);
        Trace trace;
        EventModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTrace(&trace);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const size_t half = feed->batches.size() / 2;
        for (size_t b = 0; b < half; ++b) {
            trace.ingest(feed->batches[b], feed->rec);
            QVERIFY(!model.refresh());
        }
        QCOMPARE(resets.count(), 0);
        const uint64_t structure = trace.structureGeneration();
        const int64_t oldT = trace.instants.at(trace.instants.size() / 2).t;
        trace.ingest({Event{oldT, 0, Ev::Mark, 3, 0, 0}}, feed->rec);
        QVERIFY(trace.structureGeneration() != structure);
        QVERIFY(model.refresh());
        QCOMPARE(resets.count(), 1);
        compareWithFresh(model, trace, {}, feed->lock, "after reset");
        for (size_t b = half; b < feed->batches.size(); ++b) {
            trace.ingest(feed->batches[b], feed->rec);
            QVERIFY(!model.refresh());
            compareWithFresh(model, trace, {}, feed->lock, "after reset, live");
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(resets.count(), 1);
    }

    // A different trace object (a new run) never reuses the old bookkeeping.
    void newTraceRebuilds()
    {
        auto feed = makeFeed(false, 9, 20);
        Trace a;
        for (const auto& batch : feed->batches)
            a.ingest(batch, feed->rec);
        EventModel model;
        model.setTrace(&a);
        const int full = model.rowCount();
        QVERIFY(full > 0);
        Trace b;
        b.ingest(feed->batches.front(), feed->rec);
        model.setTrace(&b);
        compareWithFresh(model, b, {}, feed->lock, "new trace");
        QVERIFY(model.rowCount() < full);
    }

    // The table widget: at the bottom it follows the newest rows; scrolled up it keeps the
    // rows in view where they were, across growth and across a reset, and the current row.
    void tableFollowsOrKeepsItsPlace()
    {
        auto feed = makeFeed(true, 21, 80);
        Trace trace;
        EventTable table;
        table.resize(700, 300);
        table.show();
        QVERIFY(QTest::qWaitForWindowExposed(&table));
        table.setTrace(&trace);
        QScrollBar* bar = table.view()->verticalScrollBar();
        const size_t third = feed->batches.size() / 3;
        size_t b = 0;
        for (; b < third; ++b) {
            trace.ingest(feed->batches[b], feed->rec);
            table.refresh();
            QCOMPARE(bar->value(), bar->maximum());  // following
        }
        QVERIFY(bar->maximum() > 10);
        // The learner scrolls up a little and picks a row.
        bar->setValue(bar->maximum() - 3);
        const int top = table.view()->rowAt(0);
        QVERIFY(top >= 0);
        EventModel* m = table.model();
        const int topLane = m->rowLane(top);
        const int64_t topStart = m->rowStart(top);
        table.view()->setCurrentIndex(m->index(top + 1, 0));
        const int curLane = m->rowLane(top + 1);
        const int64_t curStart = m->rowStart(top + 1);
        auto stillInPlace = [&] {
            const int nowTop = table.view()->rowAt(0);
            QVERIFY(nowTop >= 0);
            QCOMPARE(m->rowLane(nowTop), topLane);
            QCOMPARE(m->rowStart(nowTop), topStart);
            const QModelIndex cur = table.view()->currentIndex();
            QVERIFY(cur.isValid());
            QCOMPARE(m->rowLane(cur.row()), curLane);
            QCOMPARE(m->rowStart(cur.row()), curStart);
            QVERIFY(bar->value() < bar->maximum());
        };
        for (; b < 2 * third; ++b) {
            trace.ingest(feed->batches[b], feed->rec);
            table.refresh();
            stillInPlace();
            if (QTest::currentTestFailed())
                return;
        }
        // An out-of-order batch: reset path, same place, same current row.
        trace.ingest({Event{topStart - 1, 0, Ev::Mark, 3, 0, 0}}, feed->rec);
        QSignalSpy resets(m, &QAbstractItemModel::modelReset);
        table.refresh();
        QCOMPARE(resets.count(), 1);
        stillInPlace();
        // Back at the bottom: following again.
        table.view()->scrollToBottom();
        for (; b < feed->batches.size(); ++b) {
            trace.ingest(feed->batches[b], feed->rec);
            table.refresh();
            QCOMPARE(bar->value(), bar->maximum());
        }
        // The filter lists grew with the run; a kind chosen live filters the rows at once.
        auto* kind = table.findChildren<QComboBox*>().at(2);
        const int sleep = kind->findData(QStringLiteral("sleep"));
        QVERIFY(sleep > 0);
        kind->setCurrentIndex(sleep);
        QVERIFY(m->rowCount() > 0);
        for (int r = 0; r < m->rowCount(); ++r)
            QCOMPARE(m->index(r, EventModel::Kind).data().toString(), QStringLiteral("sleep"));
    }
};

QTEST_MAIN(TestEventModelLive)
#include "tst_event_model_live.moc"
