// SPDX-License-Identifier: MIT
// Timeline budgets (issue #21) on synthetic runs of 1e5, 1e6 and 1e7 intervals across 64 lanes
// (the benchmark's argument), a 1920 px wide view: geometry (whole run, 1 % zoom) and a full
// paint <= 4 ms whatever the count (flat), a zoom step <= 8 ms, a 4K PNG export <= 250 ms.
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

#include <algorithm>
#include <memory>

using namespace tl;
using namespace tl::view;

namespace {

constexpr int kWidth = 1920;

// One trace (and index) per size, built once; only the size being measured stays in memory.
struct Sized {
    int64_t n = 0;
    std::unique_ptr<Trace> trace;
    std::unique_ptr<TraceIndex> index;
};
Sized& sized(int64_t n)
{
    static Sized s;
    if (s.n != n) {
        s.index.reset();
        s.trace = std::make_unique<Trace>(synth::large(size_t(n), 64));
        s.index = std::make_unique<TraceIndex>(TraceIndex::build(*s.trace));
        s.n = n;
    }
    return s;
}
const Trace& bigTrace(const benchmark::State& state) { return *sized(state.range(0)).trace; }
const TraceIndex& bigIndex(const benchmark::State& state) { return *sized(state.range(0)).index; }

void BM_IndexBuild(benchmark::State& state)
{
    const Trace& t = bigTrace(state);
    for (auto _ : state)
        benchmark::DoNotOptimize(TraceIndex::build(t));
}

void geometryBench(benchmark::State& state, double fraction)
{
    const Trace& t = bigTrace(state);
    const TraceIndex& idx = bigIndex(state);
    TimelineRenderer r(&t);
    const LaneLayout& l = r.layout();
    const int64_t span = int64_t(double(idx.end) * fraction);
    const int64_t mid = idx.end / 2;
    size_t segs = 0, visited = 0, holds = 0;
    int64_t shift = 0;
    for (auto _ : state) {
        // A different range each time: every iteration is a cache miss (a zoom or pan step).
        const TimeRange vis = fraction >= 1.0 ? TimeRange{0, idx.end + (shift++ & 1)}
                                              : TimeRange{mid - span / 2 + (shift++ & 1), mid + span / 2};
        auto g = TimelineRenderer::buildGeometry(t, idx, l, r.font(), vis, kWidth);
        segs = g->drawnSegments;
        visited = g->intervalsVisited;
        holds = g->holdsVisited;
        benchmark::DoNotOptimize(g);
    }
    state.counters["segments"] = double(segs);
    state.counters["intervals"] = double(visited);
    state.counters["holds"] = double(holds);  // taken one at a time (the rest joined a band in bulk)
}
void BM_GeometryFull(benchmark::State& state) { geometryBench(state, 1.0); }
void BM_GeometryZoomed(benchmark::State& state) { geometryBench(state, 0.01); }

// A full frame as the widget paints it at full HD (1920x1080: ruler, headers, grid, bars, holds;
// ~25 of the 64 lanes fit), geometry cached as it is between zoom steps (hover, selection and
// playhead repaints). A different playhead each time so nothing is skipped.
// preview: the widget with a finished trace, whose zoom step paints the last geometry stretched
// while a worker builds the new one (TimelineView::setFinishedTrace): the GUI thread's share.
void paintBench(benchmark::State& state, int height, bool rebuild, bool preview = false)
{
    const Trace& t = bigTrace(state);
    TimelineRenderer r(&t);
    RenderOptions o;
    if (height <= 0)
        height = r.naturalHeight(o);
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
void BM_ExportPng4K(benchmark::State& state)
{
    const Trace& t = bigTrace(state);
    const QString path = QDir::temp().filePath(QStringLiteral("bench_timeline_4k.png"));
    ExportOptions o;
    o.size = QSize(3840, 2160);
    o.title = QStringLiteral("%1 intervals, 64 lanes").arg(state.range(0));
    qint64 bytes = 0;
    for (auto _ : state) {
        QString err;
        if (!Exporter::exportPng(t, o, path, &err))
            state.SkipWithError(err.toStdString().c_str());
        bytes = QFileInfo(path).size();
    }
    state.counters["bytes"] = double(bytes);
    QFile::remove(path);
}

}  // namespace

// Registered size-major (every benchmark at 1e5, then at 1e6, then at 1e7) so each trace is built
// once; a filter still selects by name, e.g. --benchmark_filter='GeometryFull|ZoomStepFrame/'.
void registerAll()
{
    for (const int64_t n : {100'000, 1'000'000, 10'000'000}) {
        const auto reg = [n](const char* name, void (*fn)(benchmark::State&)) {
            // The fastest repetition too: on a loaded machine the mean mostly measures the load.
            return benchmark::RegisterBenchmark(name, fn)
                ->Arg(n)
                ->Unit(benchmark::kMillisecond)
                ->ComputeStatistics("min",
                                    [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); });
        };
        reg("BM_IndexBuild", BM_IndexBuild);
        reg("BM_GeometryFull", BM_GeometryFull);
        reg("BM_GeometryZoomed", BM_GeometryZoomed);
        reg("BM_PaintFull", BM_PaintFull);
        reg("BM_PaintAllLanes", BM_PaintAllLanes);
        reg("BM_ZoomStepFrame", BM_ZoomStepFrame);
        reg("BM_ZoomStepFramePreview", BM_ZoomStepFramePreview);
        reg("BM_ExportPng4K", BM_ExportPng4K)->Iterations(3);
    }
}

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);  // fonts and QPainter text need a GUI application
    registerAll();
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
