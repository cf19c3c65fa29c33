// SPDX-License-Identifier: MIT
#include "units.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <cstdlib>

namespace tl::view {

namespace {
// Numbers with the language's decimal point ("2,5 мс" in Russian), never grouped; units in the
// language too (QT_TRANSLATE_NOOP marks them for lupdate).
QString number(double v, int decimals)
{
    QLocale l;
    l.setNumberOptions(QLocale::OmitGroupSeparator);
    return l.toString(v, 'f', decimals);
}
QString unit(const char* name) { return QCoreApplication::translate("tl::Units", name); }
const char* const kNs = QT_TRANSLATE_NOOP("tl::Units", "ns");
const char* const kUs = QT_TRANSLATE_NOOP("tl::Units", "µs");
const char* const kMs = QT_TRANSLATE_NOOP("tl::Units", "ms");
const char* const kS = QT_TRANSLATE_NOOP("tl::Units", "s");

QString threeDigits(double v, const char* name)
{
    const double a = std::fabs(v);
    const int decimals = a >= 100 ? 0 : a >= 10 ? 1 : 2;
    return number(v, decimals) + QLatin1Char(' ') + unit(name);
}
}  // namespace

QString formatDuration(int64_t ns)
{
    const int64_t a = std::llabs(ns);
    if (a < 1000)
        return QString::number(ns) + QLatin1Char(' ') + unit(kNs);
    if (a < 1000000)
        return threeDigits(double(ns) / 1e3, kUs);
    if (a < 1000000000)
        return threeDigits(double(ns) / 1e6, kMs);
    return number(double(ns) / 1e9, a < 10000000000LL ? 3 : a < 100000000000LL ? 2 : 1) + QLatin1Char(' ') + unit(kS);
}

QString formatTick(int64_t t, int64_t step)
{
    // The unit follows the step so neighbouring ticks differ in their last digit.
    struct U {
        int64_t scale;
        const char* name;
    };
    static const U units[] = {{1, kNs}, {1000, kUs}, {1000000, kMs}, {1000000000, kS}};
    const U* u = &units[0];
    // The largest unit that keeps at most two decimals: 0.5 ms steps read "2.5 ms".
    for (const U& c : units)
        if (step * 100 >= c.scale)
            u = &c;
    int decimals = 0;
    for (int64_t s = step; s % u->scale != 0 && decimals < 6; s *= 10)
        ++decimals;
    return number(double(t) / double(u->scale), decimals) + QLatin1Char(' ') + unit(u->name);
}

int64_t niceStep(double nsPerPx, double minPx)
{
    const double want = std::max(1.0, nsPerPx * minPx);
    int64_t base = 1;
    while (true) {
        for (int m : {1, 2, 5}) {
            const int64_t s = base * m;
            if (double(s) >= want)
                return s;
        }
        if (base > int64_t(1e17))
            return base;
        base *= 10;
    }
}

}  // namespace tl::view
