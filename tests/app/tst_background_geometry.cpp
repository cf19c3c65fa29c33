// SPDX-License-Identifier: MIT
// Geometry built off the GUI thread for a finished trace: the frame meanwhile shows the last
// geometry stretched onto the new range, the result lands and the picture equals a synchronous
// build's; results that no longer match the view are only previews; a new trace drops them;
// a live (unshared) trace is never built in the background. Offscreen.
#include "app/view/timeline_renderer.h"
#include "app/view/timeline_view.h"
#include "app/view/zoom_control.h"
#include "synthetic_trace.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace tl;
using namespace tl::view;

namespace {

QImage grabViewport(TimelineView& v)
{
    QImage img(v.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::black);
    v.viewport()->render(&img);
    return img;
}

// The lane area of the view, as a synchronous renderer draws it for `range`.
QImage syncPicture(const Trace& t, TimelineView& v, TimeRange range)
{
    TimelineRenderer r(&t);
    r.setFont(v.font());
    RenderOptions o = v.renderOptions();
    o.previewGeometry = false;
    QImage img(v.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::black);
    QPainter p(&img);
    r.paint(p, img.rect(), range, o);
    return img;
}

// Shows `v` with a finished, shared trace and paints its first frame (built on this thread:
// there is nothing to stretch yet).
bool showFinished(TimelineView& v, const std::shared_ptr<const Trace>& trace, QSize size)
{
    v.resize(size);
    v.setTrace(trace.get());
    v.setFinishedTrace(trace);
    v.show();
    if (!QTest::qWaitForWindowExposed(&v))
        return false;
    grabViewport(v);
    return v.buildsInBackground() && !v.geometryPending();
}

}  // namespace

class TestBackgroundGeometry : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10)); }

    void zoomBuildsOffThreadThenMatchesSync()
    {
        auto trace = std::make_shared<const Trace>(synth::large(200000, 16));
        TimelineView v;
        QVERIFY(showFinished(v, trace, QSize(1200, 600)));
        const TimeRange all = v.zoomControl()->visibleRange();
        const int width = v.plotRect().width();
        QVERIFY(v.renderer().hasGeometry(all, width));
        QVERIFY(!v.geometryPending());

        // Zoom to the middle fifth: the frame is a stretched preview while the worker builds.
        QSignalSpy built(&v, &TimelineView::geometryBuilt);
        const TimeRange zoomed{all.span() * 2 / 5, all.span() * 3 / 5};
        v.zoomControl()->setVisibleRange(zoomed.start, zoomed.end);
        const QImage preview = grabViewport(v);
        QVERIFY(v.geometryPending());
        QVERIFY(!v.renderer().hasGeometry(zoomed, width));
        QVERIFY(built.wait(10000));
        QTRY_VERIFY(v.renderer().hasGeometry(zoomed, width));
        QCOMPARE(grabViewport(v), syncPicture(*trace, v, zoomed));
        QVERIFY(!preview.isNull());
    }

    // The preview is the old geometry moved and stretched onto the new range: with long
    // intervals it shows every bar's colour where the real frame will.
    void previewIsTheOldGeometryStretched()
    {
        auto built = std::make_shared<Trace>();
        Trace& t = *built;
        const State cycle[] = {State::Run, State::Sleep, State::WaitLock, State::Io, State::WaitGil};
        for (int lane = 0; lane < 6; ++lane) {
            synth::addLane(t, "Thread-" + std::to_string(lane + 1));
            for (int i = 0; i < 10; ++i)
                synth::push(t, LaneId(lane), i * 100 * synth::ms, (i + 1) * 100 * synth::ms, cycle[(i + lane) % 5]);
            t.lanes[size_t(lane)].end = 1000 * synth::ms;
        }
        const std::shared_ptr<const Trace> trace = built;
        TimelineView v;
        QVERIFY(showFinished(v, trace, QSize(1100, 400)));
        const TimeRange zoomed{250 * synth::ms, 650 * synth::ms};
        v.zoomControl()->setVisibleRange(zoomed.start, zoomed.end);
        const QImage preview = grabViewport(v);
        QVERIFY(v.geometryPending());
        QTRY_VERIFY_WITH_TIMEOUT(!v.geometryPending(), 10000);
        const QImage landed = grabViewport(v);
        QVERIFY(landed != preview);  // the preview had no labels
        int same = 0, total = 0;
        const QRect plot = v.plotRect();
        for (const LaneRow& row : v.renderer().layout().rows) {
            const int y = plot.top() + row.y + row.barTop + row.barHeight - 3;  // below the labels
            for (int x = plot.left() + 2; x < plot.right() - 2; x += 5, ++total)
                same += preview.pixel(x, y) == landed.pixel(x, y);
        }
        QVERIFY2(same >= total * 95 / 100,
                 qPrintable(QStringLiteral("%1 of %2 bar pixels agree").arg(same).arg(total)));
    }

    void hoverWaitsForTheRealGeometry()
    {
        auto trace = std::make_shared<const Trace>(synth::large(200000, 16));
        TimelineView v;
        QVERIFY(showFinished(v, trace, QSize(1200, 600)));
        const LaneRow& row = v.renderer().layout().rows.front();
        const QPoint onBar(v.plotRect().left() + 200, v.plotRect().top() + row.y + row.barTop + row.barHeight - 3);
        QVERIFY(v.itemAt(onBar).isValid());
        const TimeRange all = v.zoomControl()->visibleRange();
        v.zoomControl()->setVisibleRange(all.span() / 3, all.span() / 3 + all.span() / 50);
        grabViewport(v);
        QVERIFY(v.geometryPending());
        QVERIFY(!v.itemAt(onBar).isValid());  // nothing to hit-test against yet
        QTRY_VERIFY_WITH_TIMEOUT(!v.geometryPending(), 10000);
        const TimelineItem item = v.itemAt(onBar);
        QVERIFY(item.isValid());
        QCOMPARE(item.lane, row.lane);
        const TimeRange at = itemRange(*trace, item);
        const int64_t t = v.timeAt(onBar.x());
        QVERIFY(at.start <= t + v.zoomControl()->visibleRange().span() / 100 &&
                t <= at.end + v.zoomControl()->visibleRange().span() / 100);
    }

    void staleResultsOnlyPreview()
    {
        auto trace = std::make_shared<const Trace>(synth::large(200000, 16));
        TimelineView v;
        QVERIFY(showFinished(v, trace, QSize(1000, 500)));
        const int width = v.plotRect().width();
        const TimeRange all = v.zoomControl()->visibleRange();
        // Three zoom steps faster than any build: the view ends on the last range's geometry.
        for (int step = 1; step <= 3; ++step) {
            v.zoomControl()->setVisibleRange(all.span() / 10 * step, all.span() / 10 * (step + 4));
            grabViewport(v);
        }
        const TimeRange last = v.zoomControl()->visibleRange();
        QTRY_VERIFY_WITH_TIMEOUT(!v.geometryPending() && v.renderer().hasGeometry(last, width), 10000);
        QCOMPARE(grabViewport(v), syncPicture(*trace, v, last));
    }

    void newTraceDropsTheBuildInFlight()
    {
        auto first = std::make_shared<const Trace>(synth::large(200000, 16));
        const Trace second = synth::lockContention();
        TimelineView v;
        QVERIFY(showFinished(v, first, QSize(1000, 500)));
        const TimeRange all = v.zoomControl()->visibleRange();
        v.zoomControl()->setVisibleRange(all.span() / 4, all.span() / 2);
        grabViewport(v);
        QVERIFY(v.geometryPending());
        QSignalSpy built(&v, &TimelineView::geometryBuilt);
        std::weak_ptr<const Trace> gone = first;
        v.setTrace(&second);  // a new run: unshared, so built here again
        first.reset();  // the worker still co-owns the old trace
        QVERIFY(!v.buildsInBackground());
        QVERIFY(built.wait(10000));
        QTRY_VERIFY(gone.expired());  // released with the dropped result
        const TimeRange vis = v.zoomControl()->visibleRange();
        QCOMPARE(grabViewport(v), syncPicture(second, v, vis));
        QVERIFY(!v.geometryPending());
    }

    void liveTraceIsBuiltHere()
    {
        auto trace = std::make_shared<Trace>(synth::lockContention());
        TimelineView v;
        v.resize(1000, 500);
        v.setTrace(trace.get());
        v.setFinishedTrace(nullptr);  // still growing: no sharing
        QVERIFY(!v.buildsInBackground());
        v.setFinishedTrace(std::make_shared<const Trace>(synth::lockContention()));  // another object
        QVERIFY(!v.buildsInBackground());
        v.show();
        QVERIFY(QTest::qWaitForWindowExposed(&v));
        const TimeRange all = v.zoomControl()->visibleRange();
        v.zoomControl()->setVisibleRange(all.start, all.end / 2);
        grabViewport(v);
        QVERIFY(!v.geometryPending());
        QVERIFY(v.renderer().hasGeometry(v.zoomControl()->visibleRange(), v.plotRect().width()));
    }
};

QTEST_MAIN(TestBackgroundGeometry)
#include "tst_background_geometry.moc"
