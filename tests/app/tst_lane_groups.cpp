// SPDX-License-Identifier: MIT
// Many threads alike (a pool's workers) are grouped once a trace has many lanes: a header row
// with the group's key and size; folded, each lane a thin state bar; a click on the header
// unfolds it, the choice kept for the next run and carried into exports.
#include "app/view/exporter.h"
#include "app/view/lane_layout.h"
#include "app/view/palette.h"
#include "app/view/timeline_renderer.h"
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "synthetic_trace.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QtTest>

using namespace tl;
using namespace tl::view;

namespace {

constexpr int64_t kEnd = 100 * synth::ms;

// MainThread, two pools (20 and 15 workers), three threads of their own; workers run in the
// first half, then idle.
Trace poolTrace(int bigPool = 20)
{
    Trace t;
    synth::addLane(t, "MainThread");
    for (int i = 0; i < bigPool; ++i)
        synth::addLane(t, "ThreadPoolExecutor-0_" + std::to_string(i));
    synth::addLane(t, "logger");
    for (int i = 0; i < 15; ++i)
        synth::addLane(t, "Thread-" + std::to_string(i + 1) + " (download)");
    synth::addLane(t, "ThreadPoolExecutor-1_0");  // a pool of one stays a lane of its own
    synth::addLane(t, "ThreadPoolExecutor-1_1");
    for (LaneId l = 0; l < t.lanes.size(); ++l) {
        synth::push(t, l, 0, kEnd / 2, State::Run);
        synth::push(t, l, kEnd / 2, kEnd, State::Idle);
        t.lanes[l].start = 0;
        t.lanes[l].end = kEnd;
    }
    t.rebuildIndexes();
    return t;
}

const GroupRow* groupOf(const LaneLayout& l, const QString& key)
{
    for (const GroupRow& g : l.groups)
        if (g.key == key)
            return &g;
    return nullptr;
}

}  // namespace

class TestLaneGroups : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10)); }

    void keyIsTheNameWithItsLastNumberStarred()
    {
        QCOMPARE(laneGroupKey(QStringLiteral("ThreadPoolExecutor-3_17")), QStringLiteral("ThreadPoolExecutor-3_*"));
        QCOMPARE(laneGroupKey(QStringLiteral("Thread-12 (download)")), QStringLiteral("Thread-* (download)"));
        QCOMPARE(laneGroupKey(QStringLiteral("ForkPoolWorker-2")), QStringLiteral("ForkPoolWorker-*"));
        QVERIFY(laneGroupKey(QStringLiteral("MainThread")).isEmpty());
    }

    void manyLanesFoldAlikeThreads()
    {
        const Trace t = poolTrace();
        QVERIFY(t.lanes.size() > kGroupingLanes);
        TimelineRenderer r(&t);
        const LaneLayout& l = r.layout(24);
        QCOMPARE(l.rows.size(), t.lanes.size());  // every lane keeps a row
        const GroupRow* pool = groupOf(l, QStringLiteral("ThreadPoolExecutor-0_*"));
        const GroupRow* downloads = groupOf(l, QStringLiteral("Thread-* (download)"));
        QVERIFY(pool && downloads);
        QVERIFY(!groupOf(l, QStringLiteral("ThreadPoolExecutor-1_*")));  // two alike are not a group
        QCOMPARE(l.groups.size(), size_t(2));
        QVERIFY(pool->folded && downloads->folded);
        QVERIFY2(pool->label.contains(QStringLiteral("20")), qPrintable(pool->label));
        // A group's lanes follow its header, thin; the others keep their full rows.
        int y = pool->y + pool->height;
        for (int i = 1; i <= 20; ++i) {
            const LaneRow& row = l.rows[size_t(l.rowOfLane[LaneId(i)])];
            QVERIFY(row.compact);
            QCOMPARE(row.y, y);
            QVERIFY(row.barHeight >= 2 && row.barHeight < 24);
            QCOMPARE(row.holdHeight, 0);
            QVERIFY(!row.hasTasks);
            y += row.height;
        }
        for (const char* name : {"MainThread", "logger", "ThreadPoolExecutor-1_0"}) {
            LaneId lane = 0;
            while (t.lanes[lane].info.name != name)
                ++lane;
            const LaneRow& row = l.rows[size_t(l.rowOfLane[lane])];
            QVERIFY(!row.compact);
            QCOMPARE(row.barHeight, 24);
        }
        // Rows stay in y order with no overlap (hit testing relies on it).
        for (size_t i = 1; i < l.rows.size(); ++i)
            QVERIFY(l.rows[i].y >= l.rows[i - 1].y + l.rows[i - 1].height);
        QCOMPARE(l.groupAt(pool->y + 1), pool);

        // Unfolded on request: full rows, and the picture grows by what they need.
        const int folded = l.contentHeight;
        r.setGroupFolds({{QStringLiteral("ThreadPoolExecutor-0_*"), false}});
        const LaneLayout& open = r.layout(24);
        QVERIFY(!groupOf(open, QStringLiteral("ThreadPoolExecutor-0_*"))->folded);
        QVERIFY(groupOf(open, QStringLiteral("Thread-* (download)"))->folded);
        QVERIFY(!open.rows[size_t(open.rowOfLane[1])].compact);
        QVERIFY(open.contentHeight > folded + 20 * 20);
    }

    void fewLanesAreNotGrouped()
    {
        Trace t = poolTrace(4);  // 1 + 4 + 1 + 15 + 2 lanes
        QVERIFY(t.lanes.size() <= kGroupingLanes);
        TimelineRenderer r(&t);
        const LaneLayout& l = r.layout(24);
        QVERIFY(l.groups.empty());
        for (const LaneRow& row : l.rows)
            QVERIFY(!row.compact);
    }

    void thinBarsShowTheState()
    {
        const Trace t = poolTrace();
        TimelineRenderer r(&t);
        RenderOptions o;
        o.laneHeight = 24;
        const QRect rect(0, 0, 1000, r.naturalHeight(o));
        QImage img(rect.size(), QImage::Format_ARGB32_Premultiplied);
        {
            QPainter p(&img);
            r.paint(p, rect, {0, kEnd}, o);
        }
        const QRect plot = r.frame(rect, o).plot;
        const LaneLayout& l = r.layout(24);
        const QColor run = stateColor(State::Run);
        for (int i = 1; i <= 20; ++i) {
            const LaneRow& row = l.rows[size_t(l.rowOfLane[LaneId(i)])];
            const int y = plot.top() + row.y + row.barTop + row.barHeight / 2;
            QVERIFY2(synth::near(img.pixelColor(plot.left() + plot.width() / 4, y), run),
                     qPrintable(img.pixelColor(plot.left() + plot.width() / 4, y).name()));
            QVERIFY(!synth::near(img.pixelColor(plot.left() + plot.width() * 3 / 4, y), run, 40));
        }
    }

    void clickOnTheHeaderUnfoldsAndExportsFollow()
    {
        auto trace = std::make_shared<const Trace>(poolTrace());
        TimelineView v;
        v.resize(1000, 700);
        v.setTrace(trace.get());
        v.setFinishedTrace(trace);
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const QString key = QStringLiteral("ThreadPoolExecutor-0_*");
        const GroupRow pool = *groupOf(v.renderer().layout(v.renderOptions().laneHeight), key);
        QVERIFY(pool.folded);
        const QRect plot = v.plotRect();
        const QPoint onHeader(plot.left() / 2, plot.top() + pool.y + pool.height / 2);
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, onHeader);
        QCOMPARE(v.groupFolds().value(key, true), false);
        QVERIFY(!groupOf(v.renderer().layout(v.renderOptions().laneHeight), key)->folded);
        // The export carries the learner's choice: taller than the default, folded picture.
        ExportOptions e;
        e.size = QSize(1000, 0);
        const int foldedHeight = Exporter::resolvedSize(*trace, e).height();
        e.groupFolds = v.groupFolds();
        QVERIFY(Exporter::resolvedSize(*trace, e).height() > foldedHeight + 20 * 20);
        // A second click folds it again; a new run of the same program keeps the choice.
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, onHeader);
        QCOMPARE(v.groupFolds().value(key, false), true);
        QTest::mouseClick(v.viewport(), Qt::LeftButton, {}, onHeader);
        auto again = std::make_shared<const Trace>(poolTrace());
        v.setTrace(again.get());
        v.setFinishedTrace(again);
        QVERIFY(!groupOf(v.renderer().layout(v.renderOptions().laneHeight), key)->folded);
    }
};

QTEST_MAIN(TestLaneGroups)
#include "tst_lane_groups.moc"
