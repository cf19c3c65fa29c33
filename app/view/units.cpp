// SPDX-License-Identifier: MIT
#include "units.h"

#include <cmath>
#include <cstdlib>

namespace tl::view {

namespace {
QString threeDigits(double v, const char* unit) {
    const double a = std::fabs(v);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return QStringLiteral("%1 %2").arg(v, 0, 'f', decimals).arg(QString::fromUtf8(unit));
}
}

QString formatDuration(int64_t ns) {
    const int64_t a = std::llabs(ns);
    if (a < 1000) return QStringLiteral("%1 ns").arg(ns);
    if (a < 1000000) return threeDigits(double(ns) / 1e3, "µs");
    if (a < 1000000000) return threeDigits(double(ns) / 1e6, "ms");
    if (a < 100000000000LL) return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', a < 10000000000LL ? 3 : 2);
    return QStringLiteral("%1 s").arg(double(ns) / 1e9, 0, 'f', 1);
}

QString formatTick(int64_t t, int64_t step) {
    // The unit follows the step so neighbouring ticks differ in their last digit.
    struct U { int64_t scale; const char* name; };
    static const U units[] = {{1, "ns"}, {1000, "µs"}, {1000000, "ms"}, {1000000000, "s"}};
    const U* u = &units[0];
    // The largest unit that keeps at most two decimals: 0.5 ms steps read "2.5 ms".
    for (const U& c : units)
        if (step * 100 >= c.scale) u = &c;
    int decimals = 0;
    for (int64_t s = step; s % u->scale != 0 && decimals < 6; s *= 10) ++decimals;
    const double v = double(t) / double(u->scale);
    return QStringLiteral("%1 %2").arg(v, 0, 'f', decimals).arg(QString::fromUtf8(u->name));
}

int64_t niceStep(double nsPerPx, double minPx) {
    const double want = std::max(1.0, nsPerPx * minPx);
    int64_t base = 1;
    while (true) {
        for (int m : {1, 2, 5}) {
            const int64_t s = base * m;
            if (double(s) >= want) return s;
        }
        if (base > int64_t(1e17)) return base;
        base *= 10;
    }
}

} // namespace tl::view
