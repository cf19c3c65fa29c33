// SPDX-License-Identifier: MIT
// Timeline budgets on 1,000,000 intervals across 64 lanes, a 1920 px wide view:
// geometry (whole run, 1 % zoom), a full paint, a 4K PNG export.
//   cmake --preset release && cmake --build build/release --target bench_timeline
//   QT_QPA_PLATFORM=offscreen build/release/tests/bench_timeline
#include "../app/synthetic_trace.h"
#include "app/view/exporter.h"
#include "app/view/timeline_renderer.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>

#include <benchmark/benchmark.h>

using namespace tl;
using namespace tl::view;

namespace {

constexpr int kWidth = 1920;

const Trace& bigTrace() {
    static const Trace t = synth::large(1000000, 64);
    return t;
}
const TraceIndex& bigIndex() {
    static const TraceIndex i = TraceIndex::build(bigTrace());
    return i;
}

void BM_IndexBuild(benchmark::State& state) {
    const Trace& t = bigTrace();
    for (auto _ : state) benchmark::DoNotOptimize(TraceIndex::build(t));
}

void geometryBench(benchmark::State& state, double fraction) {
    const Trace& t = bigTrace();
    const TraceIndex& idx = bigIndex();
    TimelineRenderer r(&t);
    const LaneLayout& l = r.layout();
    const int64_t span = int64_t(double(idx.end) * fraction);
    const int64_t mid = idx.end / 2;
    size_t segs = 0, visited = 0;
    int64_t shift = 0;
    for (auto _ : state) {
        // A different range each time: every iteration is a cache miss (a zoom or pan step).
        const TimeRange vis = fraction >= 1.0 ? TimeRange{0, idx.end + (shift++ & 1)}
                                              : TimeRange{mid - span / 2 + (shift++ & 1), mid + span / 2};
        auto g = TimelineRenderer::buildGeometry(t, idx, l, r.font(), vis, kWidth);
        segs = g->drawnSegments;
        visited = g->intervalsVisited;
        benchmark::DoNotOptimize(g);
    }
    state.counters["segments"] = double(segs);
    state.counters["intervals"] = double(visited);
}
void BM_GeometryFull(benchmark::State& state) { geometryBench(state, 1.0); }
void BM_GeometryZoomed(benchmark::State& state) { geometryBench(state, 0.01); }

// A full frame as the widget paints it at full HD (1920x1080: ruler, headers, grid, bars, holds;
// ~25 of the 64 lanes fit), geometry cached as it is between zoom steps (hover, selection and
// playhead repaints). A different playhead each time so nothing is skipped.
// preview: the widget with a finished trace, whose zoom step paints the last geometry stretched
// while a worker builds the new one (TimelineView::setFinishedTrace): the GUI thread's share.
void paintBench(benchmark::State& state, int height, bool rebuild, bool preview = false) {
    const Trace& t = bigTrace();
    TimelineRenderer r(&t);
    RenderOptions o;
    if (height <= 0) height = r.naturalHeight(o);
    QImage img(QSize(kWidth, height), QImage::Format_ARGB32_Premultiplied);
    const int64_t end = r.index().end;
    if (preview) {
        r.shareTrace(std::shared_ptr<const Trace>(&t, [](const Trace*) {}));
        o.previewGeometry = true;
        QPainter p(&img);
        r.paint(p, img.rect(), TimeRange{0, end}, o);  // the geometry the steps stretch
    }
    int64_t shift = 0;
    for (auto _ : state) {
        o.playhead = (shift * 997) % end;
        // rebuild: a zoom/pan step (new range: geometry rebuilt, then painted).
        const TimeRange vis{0, end + (rebuild ? (shift & 1) : 0)};
        ++shift;
        QPainter p(&img);
        r.paint(p, img.rect(), vis, o);
    }
    state.counters["height"] = height;
}
void BM_PaintFull(benchmark::State& state) { paintBench(state, 1080, false); }
void BM_PaintAllLanes(benchmark::State& state) { paintBench(state, 0, false); }
void BM_ZoomStepFrame(benchmark::State& state) { paintBench(state, 1080, true); }
void BM_ZoomStepFramePreview(benchmark::State& state) { paintBench(state, 1080, true, true); }

// Everything a 4K export does: index, layout, geometry, paint, PNG encoding, atomic write.
void BM_ExportPng4K(benchmark::State& state) {
    const Trace& t = bigTrace();
    const QString path = QDir::temp().filePath(QStringLiteral("bench_timeline_4k.png"));
    ExportOptions o;
    o.size = QSize(3840, 2160);
    o.title = QStringLiteral("1,000,000 intervals, 64 lanes");
    qint64 bytes = 0;
    for (auto _ : state) {
        QString err;
        if (!Exporter::exportPng(t, o, path, &err)) state.SkipWithError(err.toStdString().c_str());
        bytes = QFileInfo(path).size();
    }
    state.counters["bytes"] = double(bytes);
    QFile::remove(path);
}

} // namespace

BENCHMARK(BM_IndexBuild)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeometryFull)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GeometryZoomed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PaintFull)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PaintAllLanes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ZoomStepFrame)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ZoomStepFramePreview)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportPng4K)->Unit(benchmark::kMillisecond)->Iterations(3);

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);  // fonts and QPainter text need a GUI application
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
