// SPDX-License-Identifier: MIT
#pragma once
#include <QString>
#include <cstdint>

namespace tl::view {

// "850 ns", "12.5 µs", "3.20 ms", "1.250 s": three significant digits, unit chosen by size.
QString formatDuration(int64_t ns);
// A ruler label for time t when ticks are `step` ns apart: enough decimals to tell ticks apart.
QString formatTick(int64_t t, int64_t step);
// A "nice" tick step (1, 2, 5 x 10^k ns) so that ticks are at least `minPx` apart.
int64_t niceStep(double nsPerPx, double minPx);

}  // namespace tl::view
