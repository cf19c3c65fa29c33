// SPDX-License-Identifier: MIT
#pragma once
#include "control/run.h"

#include <cstdint>
#include <string>

namespace tl {

// What scenario code does between synchronization steps. All durations are scenario
// milliseconds: scaled by the run's timeScale and slowed by its speed factor.

// CPU work: a fixed *amount* of real computation, calibrated once so that it takes `ms`
// on an idle core. Under contention (the GIL, more threads than cores) it takes longer, as
// Python code does. Holds the GIL in GIL mode and yields it every switch interval. Returns a
// checksum of the computation (so it cannot be optimised away).
uint64_t cpuWork(double ms);
// time.sleep(ms): the lane shows `sleep`; releases the GIL; interrupted by abort.
void sleepMs(double ms);
// Simulated I/O wait (a download, a database call): like sleep, but the lane shows `io`.
void ioWait(double ms);
// Real file I/O: writes `bytes` bytes to `path` (fsync'd) / reads the whole file; lane in `io`.
void writeFile(const std::string& path, size_t bytes);
size_t readFile(const std::string& path);
// A free-form annotation on the calling lane (e.g. "both done"), shown as a marker.
void mark(const std::string& text);

// Work units per millisecond on this machine (measured once, ~30 ms, on first use).
double workUnitsPerMs();

}  // namespace tl
