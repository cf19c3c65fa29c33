// SPDX-License-Identifier: MIT
// Module 7 of the course: practice, downloading files (see docs/lessons.md). The network
// is simulated (ioWait); the files are really written into a temporary folder removed at the
// end. check() verifies the catalog's invariants on the recorded trace.
#include "engine/errors.h"
#include "engine/model/trace.h"
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <random>
#include <set>
#include <unistd.h>

namespace tl {
namespace {

using namespace checks;
using Issues = std::vector<std::string>;
namespace fs = std::filesystem;

// A fresh folder under the system temp dir, removed (with its files) when this goes away,
// also when the run is aborted.
class TempFolder {
public:
    explicit TempFolder(const std::string& tag)
    {
        static std::atomic<int> serial{0};
        path_ = fs::temp_directory_path() /
                ("threadlens-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
        fs::create_directories(path_);
    }
    ~TempFolder()
    {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    fs::path path_;
};

std::string fileName(int i) { return "file" + std::to_string(i) + ".bin"; }

// ---------------------------------------------------------------------------------------
// m7.l1 Sequential vs parallel download.

void runSeqPar(Context& ctx)
{
    const auto& p = ctx.params;
    const int files = p.i("files"), workers = p.i("workers");
    const double lo = std::min(p.d("latency_min_ms"), p.d("latency_max_ms"));
    const double hi = std::max(p.d("latency_min_ms"), p.d("latency_max_ms"));
    const size_t bytes = size_t(p.i("size_kb")) * 1024;
    std::mt19937_64 rnd(ctx.seed);
    std::uniform_real_distribution<double> lat(lo, hi);
    std::vector<double> latency;
    for (int i = 0; i < files; ++i)
        latency.push_back(lat(rnd));
    TempFolder seqDir("m7l1-seq"), parDir("m7l1-par");
    auto download = [&](int i, const TempFolder& dir) {
        ioWait(latency[size_t(i)]);  // request + response over the network (releases the GIL)
        writeFile(dir.file(fileName(i)), bytes);
        return i;
    };
    mark("sequential start");
    for (int i = 0; i < files; ++i)
        download(i, seqDir);
    mark("sequential end");
    mark("parallel start");
    {
        ThreadPoolExecutor pool(ctx.run, workers);
        std::vector<int> idx(static_cast<size_t>(files), 0);
        for (int i = 0; i < files; ++i)
            idx[size_t(i)] = i;
        for (int v : pool.map([&](int i) { return download(i, parDir); }, idx))
            (void)v;
    }
    mark("parallel end");
}

Issues checkSeqPar(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int files = p.i("files"), workers = p.i("workers");
    auto s0 = marksStarting(tr, "sequential start"), s1 = marksStarting(tr, "sequential end");
    auto p0 = marksStarting(tr, "parallel start"), p1 = marksStarting(tr, "parallel end");
    if (s0.size() != 1 || s1.size() != 1 || p0.size() != 1 || p1.size() != 1)
        return {"missing phase marks"};
    // Each file fetched once by the pool.
    std::multiset<std::string> got;
    for (const auto& t : tr.tasks)
        got.insert(t.value);
    if (int(tr.tasks.size()) != files)
        out.push_back("pool ran " + std::to_string(tr.tasks.size()) + " tasks for " + std::to_string(files) + " files");
    for (int i = 0; i < files; ++i)
        if (got.count(std::to_string(i)) != 1)
            out.push_back("file " + std::to_string(i) + " fetched " + std::to_string(got.count(std::to_string(i))) +
                          " times");
    // Sequential phase: only the main lane is in io.
    std::vector<std::pair<int64_t, int>> edges;
    for (size_t l = 0; l < tr.lanes.size(); ++l)
        for (const auto& iv : tr.lanes[l].intervals) {
            if (iv.state != State::Io)
                continue;
            if (l != 0 && iv.start < s1.front()->t)
                out.push_back("a worker lane did I/O during the sequential phase");
            if (l != 0) {
                edges.push_back({iv.start, +1});
                edges.push_back({iv.end, -1});
            }
        }
    std::sort(edges.begin(), edges.end());
    int cur = 0, peak = 0;
    for (auto& e : edges)
        peak = std::max(peak, cur += e.second);
    if (peak > workers)
        out.push_back("parallel I/O concurrency " + std::to_string(peak) + " > workers");
    // Speedup <= min(workers, files) for the simulated latencies: the pool's busy time cannot
    // exceed workers x the parallel phase. (The real fsync'd writes can batch in the kernel, so
    // the raw wall-clock ratio may beat `workers` slightly; the busy-time bound cannot.)
    const int64_t par = p1.front()->t - p0.front()->t;
    int64_t busy = 0;
    for (const auto& t : tr.tasks)
        busy += (t.end < 0 ? p1.front()->t : t.end) - t.start;
    if (busy > int64_t(std::min(workers, files)) * par + 1'000'000)
        out.push_back("pool busier than min(workers, files) x the parallel phase");
    return out;
}

// ---------------------------------------------------------------------------------------
// m7.l2 Concurrent file download with as_completed progress.

void runConcurrentDownload(Context& ctx)
{
    const auto& p = ctx.params;
    const int files = p.i("files"), workers = p.i("workers"), chunkKb = p.i("chunk_kb"), maxKb = p.i("size_max_kb");
    const double diskMs = p.d("disk_write_ms");
    const bool dirLock = p.b("shared_dir_lock");
    std::mt19937_64 rnd(ctx.seed);
    std::vector<int> sizeKb;
    std::vector<double> connect;
    for (int i = 0; i < files; ++i) {
        sizeKb.push_back(1 + int(rnd() % uint64_t(std::max(1, maxKb))));
        connect.push_back(30 + double(rnd() % 70));
    }
    TempFolder dir("m7l2");
    Lock folderLock(ctx.run, "dir_lock");
    auto task = [&](int i) -> int64_t {
        std::unique_lock<Lock> g(folderLock, std::defer_lock);
        if (dirLock)
            g.lock();  // the bug: one lock around the whole download serializes the pool
        ioWait(connect[size_t(i)]);
        for (int got = 0; got < sizeKb[size_t(i)]; got += chunkKb)
            ioWait(2.0 + 8.0 * std::min(chunkKb, sizeKb[size_t(i)] - got) / 64.0);  // one chunk arrives
        if (diskMs > 0)
            ioWait(diskMs);
        const size_t bytes = size_t(sizeKb[size_t(i)]) * 1024;
        writeFile(dir.file(fileName(i)), bytes);  // saved only once the transfer ended
        return int64_t(bytes);
    };
    ThreadPoolExecutor pool(ctx.run, workers);
    std::vector<Future<int64_t>> futs;
    for (int i = 0; i < files; ++i)
        futs.push_back(pool.submit(task, i));
    int64_t total = 0;
    int k = 0;
    for (auto& f : as_completed(futs)) {
        total += f.result();
        mark(std::to_string(++k) + "/" + std::to_string(files) + " done total=" + std::to_string(total));
    }
    pool.shutdown();
    int64_t expected = 0;
    for (int s : sizeKb)
        expected += int64_t(s) * 1024;
    mark("all saved total_bytes=" + std::to_string(total) + " expected=" + std::to_string(expected));
}

Issues checkConcurrentDownload(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int files = p.i("files");
    std::vector<const Instant*> progress;
    for (const auto& in : tr.instants)
        if (in.type == Ev::Mark && in.text.find(" done total=") != std::string::npos)
            progress.push_back(&in);
    if (int(progress.size()) != files)
        out.push_back("progress printed " + std::to_string(progress.size()) + " times for " + std::to_string(files) +
                      " files");
    std::vector<int64_t> ends;
    int64_t sum = 0;
    for (const auto& t : tr.tasks) {
        if (t.end >= 0)
            ends.push_back(t.end);
        if (t.outcome != 0)
            out.push_back("task " + std::to_string(t.task) + " failed");
        else
            sum += std::stoll(t.value.empty() ? "0" : t.value);
    }
    std::sort(ends.begin(), ends.end());
    for (size_t k = 0; k < progress.size(); ++k) {
        if (std::to_string(k + 1) + "/" != progress[k]->text.substr(0, std::to_string(k + 1).size() + 1))
            out.push_back("progress counter out of order at " + std::to_string(k + 1));
        if (k < ends.size() && progress[k]->t < ends[k])
            out.push_back("progress " + std::to_string(k + 1) + " printed before the matching completion");
    }
    auto total = lastField(tr, "all saved", "total_bytes"), expected = lastField(tr, "all saved", "expected");
    if (!total || total != expected || *total != sum)
        out.push_back("total bytes differ from the sum of the file sizes");
    return out;
}

// ---------------------------------------------------------------------------------------
// m7.l3 Exception handling during task execution: bounded retries, three strategies.

void runTaskExceptions(Context& ctx)
{
    const auto& p = ctx.params;
    const int files = p.i("files"), retries = p.i("retries"), workers = p.i("workers");
    const double failProb = p.d("fail_prob"), backoff = p.d("retry_backoff_ms");
    const std::string handling = p.choice("handling");
    const uint64_t seed = ctx.seed;
    // Deterministic outcome of (file, attempt) from the seed (G10).
    auto fails = [=](int file, int attempt) {
        std::mt19937_64 r(seed * 1000003u + uint64_t(file) * 131u + uint64_t(attempt));
        return std::uniform_real_distribution<double>(0, 1)(r) < failProb;
    };
    std::atomic<int> ok{0}, failed{0}, retried{0};
    auto finalStatus = [&](int i, bool good, int attempts) {
        (good ? ok : failed)++;
        if (attempts > 1)
            retried++;
        mark("file" + std::to_string(i) + (good ? " ok" : " failed") + " attempts=" + std::to_string(attempts));
    };
    // One download with bounded retries; returns attempts used, or throws after the last one.
    auto attemptAll = [=](int i) -> int {
        for (int a = 0;; ++a) {
            ioWait(20 + 10 * (i % 4));
            if (!fails(i, a))
                return a + 1;
            recordException("DownloadError: file" + std::to_string(i) + " attempt " + std::to_string(a + 1) +
                            " failed (HTTP 503)");
            if (a >= retries)
                throw PyError("DownloadError",
                              "file" + std::to_string(i) + " gave up after attempts=" + std::to_string(a + 1));
            sleepMs(backoff * double(1 << a));
        }
    };
    {
        ThreadPoolExecutor pool(ctx.run, workers);
        if (handling == "inside_task") {
            std::vector<Future<int>> fs;
            for (int i = 0; i < files; ++i)
                fs.push_back(pool.submit([=] {
                    try {
                        return attemptAll(i);
                    } catch (const PyError&) {
                        return -(retries + 1);  // a status, not an exception: "failed"
                    }
                }));
            for (int i = 0; i < files; ++i) {
                const int a = fs[size_t(i)].result();
                finalStatus(i, a > 0, std::abs(a));
            }
        } else if (handling == "main_result") {
            std::vector<Future<int>> fs;
            for (int i = 0; i < files; ++i)
                fs.push_back(pool.submit(attemptAll, i));
            for (int i = 0; i < files; ++i) {
                try {
                    finalStatus(i, true, fs[size_t(i)].result());
                } catch (const PyError& e) {
                    finalStatus(i, false, retries + 1);
                }
            }
        } else {
            for (int i = 0; i < files; ++i)
                pool.submit(attemptAll, i).add_done_callback([&, i](const Future<int>& f) {
                    if (auto e = f.exception())
                        finalStatus(i, false, retries + 1);
                    else
                        finalStatus(i, true, f.result());
                });
        }
    }  // shutdown(wait=True): every callback has run
    mark("summary ok=" + std::to_string(ok.load()) + " failed=" + std::to_string(failed.load()) +
         " retried=" + std::to_string(retried.load()));
}

Issues checkTaskExceptions(const Trace& tr, const ParamValues& p)
{
    Issues out;
    const int files = p.i("files"), retries = p.i("retries");
    const std::string handling = p.choice("handling");
    int failedFinals = 0;
    for (int i = 0; i < files; ++i) {
        const std::string f = "file" + std::to_string(i);
        std::vector<const Instant*> finals;
        for (auto* m : marksStarting(tr, f + " "))
            finals.push_back(m);
        if (finals.size() != 1) {
            out.push_back(f + " has " + std::to_string(finals.size()) + " final statuses");
            continue;
        }
        const bool good = finals[0]->text.find(" ok ") != std::string::npos;
        failedFinals += !good;
        const auto attempts = field(finals[0]->text, "attempts");
        if (!attempts || *attempts < 1 || *attempts > 1 + retries)
            out.push_back(f + ": attempts out of range");
        const int64_t failures = int64_t(exceptions(tr, f + " attempt ").size());
        if (attempts && failures != (good ? *attempts - 1 : *attempts))
            out.push_back(f + ": " + std::to_string(failures) + " failed attempts recorded");
    }
    int taskErrors = 0;
    for (const auto& t : tr.tasks)
        taskErrors += t.outcome == 1;
    if (handling == "inside_task" && taskErrors)
        out.push_back("a task raised although it handles its own exceptions");
    if (handling != "inside_task" && taskErrors != failedFinals)
        out.push_back("task exceptions (" + std::to_string(taskErrors) + ") not all retrieved (" +
                      std::to_string(failedFinals) + ")");
    if (int(tr.tasks.size()) != files)
        out.push_back("one failure stopped other tasks: " + std::to_string(tr.tasks.size()) + " tasks ran");
    auto okN = lastField(tr, "summary", "ok"), failN = lastField(tr, "summary", "failed");
    if (!okN || !failN || *okN + *failN != files || *failN != failedFinals)
        out.push_back("summary does not match the final statuses");
    return out;
}

}  // namespace

void registerModule7(Registry& r)
{
    r.add({.id = "m7.l1",
           .title = "Sequential vs parallel download",
           .titleRu = "Последовательная и параллельная загрузка",
           .summary = "The same downloads one after another, then on a thread pool: the waits overlap.",
           .params = {Param::integer("files", "Files", 10, 1, 50),
                      Param::real("latency_min_ms", "Minimum latency", 100, 10, 500, "ms"),
                      Param::real("latency_max_ms", "Maximum latency", 400, 10, 1000, "ms"),
                      Param::integer("size_kb", "File size", 64, 1, 256, "KB"),
                      Param::integer("workers", "Workers", 4, 1, 32)},
           .run = runSeqPar,
           .check = checkSeqPar});
    r.add({.id = "m7.l2",
           .title = "Concurrent file download",
           .titleRu = "Одновременная загрузка файлов",
           .summary = "Each task downloads and saves one file; main reports progress in completion order.",
           .params = {Param::integer("files", "Files", 20, 1, 60), Param::integer("workers", "Workers", 8, 1, 32),
                      Param::integer("size_max_kb", "Largest file", 256, 16, 1024, "KB"),
                      Param::integer("chunk_kb", "Chunk size", 64, 8, 256, "KB"),
                      Param::real("disk_write_ms", "Disk write time", 5, 0, 50, "ms"),
                      Param::boolean("shared_dir_lock", "One lock around every download (bug)", false)},
           .run = runConcurrentDownload,
           .check = checkConcurrentDownload});
    r.add({.id = "m7.l3",
           .title = "Exception handling during task execution",
           .titleRu = "Обработка исключений во время выполнения задачи",
           .summary = "Some downloads fail: bounded retries with backoff, and no exception is silently lost.",
           .params = {Param::integer("files", "Files", 20, 1, 60),
                      Param::real("fail_prob", "Failure probability", 0.2, 0, 0.9),
                      Param::integer("retries", "Retries", 2, 0, 5),
                      Param::real("retry_backoff_ms", "Retry backoff", 50, 0, 200, "ms"),
                      Param::integer("workers", "Workers", 4, 1, 16),
                      Param::choice("handling", "Handling", {"inside_task", "main_result", "callback"}, 0)},
           .run = runTaskExceptions,
           .check = checkTaskExceptions});
}

}  // namespace tl
