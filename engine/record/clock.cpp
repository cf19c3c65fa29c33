// SPDX-License-Identifier: MIT
#include "clock.h"

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <x86intrin.h>
#define TL_HAVE_TSC 1
#endif

namespace tl {
namespace {

struct Calibration {
    bool tsc = false;
    // ns = ((ticks - tick0) * mult) >> 32 + ns0 ; mult is ns per tick in 32.32 fixed point
    uint64_t tick0 = 0;
    int64_t ns0 = 0;
    unsigned __int128 mult = 0;
};

Calibration g_cal;
std::once_flag g_once;

int64_t steadyNs() noexcept
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

#ifdef TL_HAVE_TSC
bool invariantTsc() noexcept
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(0x80000000, &a, &b, &c, &d) || a < 0x80000007)
        return false;
    __get_cpuid(0x80000007, &a, &b, &c, &d);
    return (d & (1u << 8)) != 0;
}
#endif

void doCalibrate() noexcept
{
#ifdef TL_HAVE_TSC
    if (invariantTsc()) {
        // Measure ticks per ns over ~20 ms; the error is below 0.01 %.
        const int64_t n0 = steadyNs();
        const uint64_t t0 = __rdtsc();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const int64_t n1 = steadyNs();
        const uint64_t t1 = __rdtsc();
        if (t1 > t0 && n1 > n0) {
            g_cal.mult = (static_cast<unsigned __int128>(n1 - n0) << 32) / (t1 - t0);
            g_cal.tick0 = t1;
            g_cal.ns0 = n1;
            g_cal.tsc = true;
            return;
        }
    }
#endif
    g_cal.tsc = false;
}

}  // namespace

void Clock::calibrate() noexcept
{
    std::call_once(g_once, doCalibrate);
    useTsc_.store(g_cal.tsc, std::memory_order_release);
}

bool Clock::usesTsc() noexcept
{
    calibrate();
    return g_cal.tsc;
}

std::atomic<bool> Clock::useTsc_{false};

uint64_t Clock::steadyTicks() noexcept { return static_cast<uint64_t>(steadyNs()); }

int64_t Clock::toNs(uint64_t t) noexcept
{
    if (!g_cal.tsc)
        return static_cast<int64_t>(t);
    const int64_t dt = static_cast<int64_t>(t - g_cal.tick0);
    if (dt >= 0)
        return g_cal.ns0 + static_cast<int64_t>((static_cast<unsigned __int128>(dt) * g_cal.mult) >> 32);
    return g_cal.ns0 - static_cast<int64_t>((static_cast<unsigned __int128>(-dt) * g_cal.mult) >> 32);
}

int64_t Clock::now() noexcept
{
    // Calibration happens once, before any run starts (Recorder's constructor); after that
    // g_cal is read-only, so this is a plain read.
    return toNs(ticks());
}

}  // namespace tl
