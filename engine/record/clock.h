// SPDX-License-Identifier: MIT
#pragma once
#include <atomic>
#include <cstdint>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace tl {

// The recorder's clock: the CPU's invariant time-stamp counter, calibrated once per
// process against steady_clock and converted to nanoseconds.
//
// Why the TSC: steady_clock::now() costs ~27 ns here (a vDSO call), rdtsc ~11 ns, and
// recording one event must stay under 20 ns. The TSC is shared by every core and every
// process on the machine, so forked worker processes stamp on the same timeline.
// Falls back to steady_clock where the TSC is not usable (non-x86 or not invariant).
class Clock {
public:
    // Nanoseconds since an arbitrary, machine-wide origin. Thread-safe, lock-free.
    static int64_t now() noexcept;
    // Raw ticks (what the hot path stores) and their conversion, done later by the collector.
    // ticks() is a plain RDTSC (~11 ns on bare metal); orderedTicks() is RDTSCP, which waits
    // for earlier instructions, so a stamp taken right after a lock's CAS is never earlier
    // than the acquisition. Events whose order across threads matters (holds, handoffs,
    // shared-variable reads and writes) use the ordered read; everything else the cheap one.
    static uint64_t ticks() noexcept
    {
        // Inline: the hot path of every record is this read; an out-of-line call costs ~1-2 ns.
#if defined(__x86_64__) || defined(__i386__)
        if (useTsc_.load(std::memory_order_relaxed))
            return __rdtsc();
#endif
        return steadyTicks();
    }
    static uint64_t orderedTicks() noexcept
    {
#if defined(__x86_64__) || defined(__i386__)
        if (useTsc_.load(std::memory_order_relaxed)) {
            unsigned aux;
            return __rdtscp(&aux);
        }
#endif
        return steadyTicks();
    }
    static int64_t toNs(uint64_t ticks) noexcept;
    static bool usesTsc() noexcept;
    // Forces calibration now (otherwise done on first use).
    static void calibrate() noexcept;

private:
    static uint64_t steadyTicks() noexcept;
    static std::atomic<bool> useTsc_;  // set once by calibrate(), before any run records
};

}  // namespace tl
