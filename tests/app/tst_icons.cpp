// SPDX-License-Identifier: MIT
// The window's icons: every action icon stands out from the toolbar background in the light
// and the dark palette (and after switching between them), and a 2x pixmap is rendered at 2x,
// not scaled up.
#include "app/window/icons.h"
#include "app/window/main_window.h"
#include "window_test_scenarios.h"

#include <QAction>
#include <QApplication>
#include <QImage>
#include <QPixmap>
#include <QStandardPaths>
#include <QToolBar>
#include <QtTest>

using namespace tl;

namespace {

double luminance(const QColor& c) { return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF(); }

// Mean luminance of the icon's opaque pixels; -1 when it has none.
double iconLuminance(const QImage& img)
{
    double sum = 0;
    int n = 0;
    const QImage im = img.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < im.height(); ++y)
        for (int x = 0; x < im.width(); ++x) {
            const QColor c = QColor::fromRgba(im.pixel(x, y));
            if (c.alpha() > 128) {
                sum += luminance(c);
                ++n;
            }
        }
    return n ? sum / n : -1;
}

// Share of the drawn pixels that are partly transparent (antialiased edges).
double edgeShare(const QImage& img)
{
    int partial = 0, drawn = 0;
    const QImage im = img.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < im.height(); ++y)
        for (int x = 0; x < im.width(); ++x) {
            const int a = qAlpha(im.pixel(x, y));
            if (a > 0)
                ++drawn;
            if (a > 0 && a < 255)
                ++partial;
        }
    return drawn ? double(partial) / drawn : 1.0;
}

}  // namespace

class TestIcons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyIconIsSharpAtTwoX_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList names = themedIconNames();
        QVERIFY(names.size() >= 15);
        for (const QString& n : names)
            QTest::newRow(qPrintable(n)) << n;
    }
    void everyIconIsSharpAtTwoX()
    {
        QFETCH(QString, name);
        const QIcon icon = themedIcon(name);
        QVERIFY(!icon.isNull());
        const QPixmap one = icon.pixmap(QSize(24, 24), 1.0);
        const QPixmap two = icon.pixmap(QSize(24, 24), 2.0);
        QCOMPARE(one.size(), QSize(24, 24));
        QCOMPARE(two.size(), QSize(48, 48));
        QCOMPARE(two.devicePixelRatio(), 2.0);
        QCOMPARE(two.deviceIndependentSize(), QSizeF(24, 24));
        // Rendered from the vector: the antialiased rim is as thin in device pixels, so it is
        // a smaller share of the drawn pixels than at 1x (a 1x picture scaled up is not).
        const double e1 = edgeShare(one.toImage()), e2 = edgeShare(two.toImage());
        QVERIFY2(e2 < 0.8 * e1, qPrintable(QStringLiteral("edge share 1x %1, 2x %2").arg(e1).arg(e2)));
        const QPixmap upscaled = one.scaled(48, 48, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QVERIFY(edgeShare(two.toImage()) < edgeShare(upscaled.toImage()));
    }

    void toolbarIconsContrastInBothPalettes()
    {
        MainWindow::Options o;
        o.autoRun = false;
        MainWindow w(test::testRegistry(), o);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QList<QToolBar*> bars = w.findChildren<QToolBar*>();
        QVERIFY(!bars.isEmpty());
        for (bool dark : {false, true, false}) {
            w.setDarkMode(dark);
            QCoreApplication::processEvents();
            int checked = 0;
            for (QToolBar* bar : bars) {
                const double background = luminance(bar->palette().color(QPalette::Window));
                for (QAction* a : bar->actions()) {
                    if (a->isSeparator() || a->icon().isNull())
                        continue;
                    const QIcon::Mode mode = a->isEnabled() ? QIcon::Normal : QIcon::Disabled;
                    const double fg = iconLuminance(a->icon().pixmap(QSize(24, 24), 1.0, mode).toImage());
                    QVERIFY2(fg >= 0, qPrintable(a->objectName()));
                    // Enabled icons as clear as text; disabled ones still visible.
                    const double need = mode == QIcon::Normal ? 0.5 : 0.15;
                    QVERIFY2(
                        std::abs(fg - background) > need,
                        qPrintable(QStringLiteral("%1 (%2): icon %3 vs background %4")
                                       .arg(a->objectName(), dark ? QStringLiteral("dark") : QStringLiteral("light"))
                                       .arg(fg)
                                       .arg(background)));
                    ++checked;
                }
            }
            QVERIFY(checked >= 8);  // run, abort, rerun, step mode, step, continue, replay, fit, ...
        }
        // Every action of the window with an icon (menus too) is themed and readable.
        w.setDarkMode(true);
        QCoreApplication::processEvents();
        const double background = luminance(w.palette().color(QPalette::Window));
        for (const char* name :
             {"run", "pause", "abort", "rerun", "stepMode", "step", "continue", "replay", "fit", "open", "save",
              "exportImage", "copyImage", "exportCsv", "quit", "search", "dark", "play", "pin"}) {
            QAction* a = w.action(QString::fromLatin1(name));
            QVERIFY2(a && !a->icon().isNull(), name);
            const double fg = iconLuminance(a->icon().pixmap(QSize(16, 16), 1.0).toImage());
            QVERIFY2(std::abs(fg - background) > 0.5,
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(QLatin1String(name)).arg(fg).arg(background)));
        }
    }
};

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
