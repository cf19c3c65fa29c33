// SPDX-License-Identifier: MIT
#include "work.h"

#include <algorithm>
#include <ctime>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace tl {
namespace {

// One unit: a few dependent integer operations (xorshift), not vectorisable.
inline uint64_t crunch(uint64_t x, uint64_t units) noexcept
{
    for (uint64_t i = 0; i < units; ++i) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    return x;
}

double g_unitsPerMs = 0;
std::once_flag g_calibrated;

// This thread's CPU clock in ms: calibration counts only the time it computed, so a machine busy
// with other work (the OS taking the core away mid-sample) does not shrink "400 ms of work".
double threadCpuMs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

void calibrate()
{
    uint64_t units = 1 << 14, sink = 88172645463325252ull;
    double best = 0;
    // Best of several 5 ms samples: the rate on an idle core.
    for (int sample = 0; sample < 6; ++sample) {
        const double t0 = threadCpuMs();
        uint64_t done = 0;
        double ms = 0;
        while ((ms = threadCpuMs() - t0) < 5.0) {
            sink = crunch(sink, units);
            done += units;
        }
        best = std::max(best, double(done) / ms);
    }
    g_unitsPerMs = best + static_cast<double>(sink & 1);  // keep sink alive
}

void waitScaled(ThreadState& ts, double ms, State state)
{
    ts.gate(Ev::StateChange, 0, static_cast<int64_t>(state));
    Resume resume(ts);
    std::mutex m;
    std::condition_variable_any cv;
    std::unique_lock lk(m);
    ts.waitUntil(lk, cv, std::max(ms, 1e-6), state, 0, [] { return false; });
    ts.setResumeOutcome(Outcome::None);  // a sleep that ran its course is not a timeout
}

}  // namespace

double workUnitsPerMs()
{
    std::call_once(g_calibrated, calibrate);
    return g_unitsPerMs;
}

uint64_t cpuWork(double ms)
{
    ThreadState& ts = ThreadState::current();
    const double perMs = workUnitsPerMs();
    const double realMs = static_cast<double>(ts.scaledNs(ms)) / 1e6;
    auto remaining = static_cast<uint64_t>(realMs * perMs);
    // Slices of ~0.1 ms: abort and the GIL's switch interval are checked between slices.
    const auto slice = std::max<uint64_t>(1, static_cast<uint64_t>(perMs / 10));
    uint64_t x = 0x9E3779B97F4A7C15ull ^ ts.lane();
    ts.gilCheckpoint();  // takes the GIL (if it was dropped) before showing `run`
    if (ts.state() != State::Run)
        ts.setState(State::Run);
    // The CPU clock is read every ~10 ms of work and at its end, so live figures keep up with
    // long computations while a short one costs one read.
    const uint64_t sampleEvery = std::max<uint64_t>(slice, static_cast<uint64_t>(perMs * 10));
    uint64_t sinceSample = 0;
    while (remaining > 0) {
        if (ts.stopRequested())
            ts.throwAborted();
        ts.gilCheckpoint();
        const uint64_t n = std::min(slice, remaining);
        x = crunch(x, n);
        remaining -= n;
        if ((sinceSample += n) >= sampleEvery && remaining > 0) {
            ts.recordCpuClock();
            sinceSample = 0;
        }
    }
    ts.recordCpuClock();
    return x;
}

void sleepMs(double ms) { waitScaled(ThreadState::current(), ms, State::Sleep); }
void ioWait(double ms) { waitScaled(ThreadState::current(), ms, State::Io); }

void writeFile(const std::string& path, size_t bytes)
{
    ThreadState& ts = ThreadState::current();
    ts.setState(State::Io);  // leave `run` before the GIL is free (G5)
    ts.dropGil();  // blocking I/O releases the GIL
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        throw OSError("cannot open " + path + " for writing");
    std::vector<char> chunk(64 * 1024, 'x');
    size_t left = bytes;
    bool failed = false;
    while (left > 0 && !failed) {
        const size_t n = std::min(left, chunk.size());
        const ssize_t w = ::write(fd, chunk.data(), n);
        failed = w <= 0;
        left -= failed ? 0 : static_cast<size_t>(w);
    }
    ::fsync(fd);
    ::close(fd);
    if (failed)
        throw OSError("write failed: " + path);
    ts.takeGil();
    ts.setState(State::Run);
}

size_t readFile(const std::string& path)
{
    ThreadState& ts = ThreadState::current();
    ts.setState(State::Io);
    ts.dropGil();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw OSError("cannot open " + path);
    std::vector<char> chunk(64 * 1024);
    size_t total = 0;
    ssize_t r;
    while ((r = ::read(fd, chunk.data(), chunk.size())) > 0)
        total += static_cast<size_t>(r);
    ::close(fd);
    ts.takeGil();
    ts.setState(State::Run);
    return total;
}

void mark(const std::string& text)
{
    ThreadState& ts = ThreadState::current();
    ts.record(Ev::Mark, 0, ts.run().recorder().intern(text));
}

}  // namespace tl
