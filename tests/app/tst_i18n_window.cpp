// SPDX-License-Identifier: MIT
// The window in Russian: every menu, action, dock title, tooltip and visible label differs from
// its English source (the exceptions listed with their reasons); a language switch in the middle
// of a run retranslates the open views, the run goes on, and switching back restores English.
#include "app/i18n/language.h"
#include "app/window/explanation_pane.h"
#include "app/window/main_window.h"
#include "app/window/param_panel.h"
#include "app/window/stats_panel.h"
#include "scenarios/scenario.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QtTest>

using namespace tl;

namespace {

const char* const kLesson = "m5.l1";

// Text a person reads, without mnemonics and markup.
QString plain(QString s)
{
    s.remove(QLatin1Char('&'));
    s.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    s.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    return s.simplified();
}

// Reads the same in both languages on purpose.
bool exempt(const QString& s)
{
    // No Latin letter: numbers, "0.05×", Russian.
    if (!s.contains(QRegularExpression(QStringLiteral("[A-Za-z]"))))
        return true;
    // Names: the application, each language named in itself in View ▸ Language, the GIL (an
    // acronym Russian Python books keep), key names inside tooltips are part of a translated text.
    static const QStringList names{QStringLiteral("ThreadLens"), QStringLiteral("English"), QStringLiteral("GIL")};
    if (names.contains(s))
        return true;
    // The course's own titles that are Python names ("Queue", "ThreadPoolExecutor vs
    // ProcessPoolExecutor"): the Russian title of the lesson, as the course spells it.
    for (const Scenario& l : Registry::instance().all())
        if (s == QStringLiteral("%1. %2").arg(l.lesson).arg(QString::fromStdString(l.titleRu)))
            return true;
    // Python and lesson identifiers: ids ("m5.l1"), parameter and choice names as `--set` takes
    // them ("try_loop", "max_workers"), Python classes ("RLock").
    return s.contains(QRegularExpression(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.]*(\\(\\))?$"))) &&
           (s.contains(QLatin1Char('_')) || s.contains(QLatin1Char('.')) ||
            s.contains(QRegularExpression(QStringLiteral("[0-9]"))) ||
            s.contains(QRegularExpression(QStringLiteral("[a-z][A-Z]"))));
}

struct Seen {
    QString text, where;
};

void add(std::vector<Seen>& out, const QString& text, const QString& where)
{
    const QString t = plain(text);
    if (!t.isEmpty())
        out.push_back({t, where});
}

QString nameOf(const QObject* o)
{
    return QString::fromLatin1(o->metaObject()->className()) + QLatin1Char('/') + o->objectName();
}

// Every string the window shows: actions (menus, toolbars, shortcuts), menus, docks, toolbars,
// labels, buttons, fields' placeholders, tooltips, tree and table headers and rows, combo items.
// `skipOtherTitle`: the lesson tree's second column is the other language's title on purpose.
std::vector<Seen> collect(MainWindow& w)
{
    std::vector<Seen> out;
    add(out, w.windowTitle(), QStringLiteral("window title"));
    for (QAction* a : w.findChildren<QAction*>()) {
        add(out, a->text(), QStringLiteral("action ") + nameOf(a));
        add(out, a->toolTip(), QStringLiteral("action tooltip ") + nameOf(a));
        add(out, a->statusTip(), QStringLiteral("action status tip ") + nameOf(a));
    }
    for (QMenu* m : w.findChildren<QMenu*>())
        add(out, m->title(), QStringLiteral("menu ") + nameOf(m));
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        add(out, d->windowTitle(), QStringLiteral("dock ") + nameOf(d));
    for (QToolBar* t : w.findChildren<QToolBar*>())
        add(out, t->windowTitle(), QStringLiteral("toolbar ") + nameOf(t));
    for (QWidget* x : w.findChildren<QWidget*>()) {
        if (!x->isVisibleTo(&w) && !qobject_cast<QMenu*>(x))
            continue;
        add(out, x->toolTip(), QStringLiteral("tooltip ") + nameOf(x));
        if (auto* l = qobject_cast<QLabel*>(x))
            add(out, l->text(), QStringLiteral("label ") + nameOf(l));
        if (auto* b = qobject_cast<QAbstractButton*>(x))
            add(out, b->text(), QStringLiteral("button ") + nameOf(b));
        if (auto* e = qobject_cast<QLineEdit*>(x))
            add(out, e->placeholderText(), QStringLiteral("placeholder ") + nameOf(e));
        if (auto* e = qobject_cast<QPlainTextEdit*>(x))
            add(out, e->placeholderText(), QStringLiteral("placeholder ") + nameOf(e));
        if (auto* c = qobject_cast<QComboBox*>(x))
            for (int i = 0; i < c->count(); ++i)
                add(out, c->itemText(i), QStringLiteral("combo item ") + nameOf(c));
        if (auto* t = qobject_cast<QTreeWidget*>(x)) {
            for (int c = 0; c < t->columnCount(); ++c)
                add(out, t->headerItem()->text(c), QStringLiteral("tree header ") + nameOf(t));
            const bool lessons = t->columnCount() == 2 && t->topLevelItemCount() >= 9;
            for (QTreeWidgetItemIterator it(t); *it; ++it) {
                add(out, (*it)->text(0), QStringLiteral("tree row ") + nameOf(t));
                add(out, (*it)->toolTip(0), QStringLiteral("tree row tooltip ") + nameOf(t));
                if (!lessons)  // the lessons' second column: the other language's title on purpose
                    add(out, (*it)->text(1), QStringLiteral("tree row ") + nameOf(t));
            }
        }
        if (auto* t = qobject_cast<QTableView*>(x))
            for (int c = 0; c < t->model()->columnCount(); ++c)
                add(out, t->model()->headerData(c, Qt::Horizontal).toString(),
                    QStringLiteral("table header ") + nameOf(t));
    }
    return out;
}

QSet<QString> texts(const std::vector<Seen>& seen)
{
    QSet<QString> s;
    for (const Seen& x : seen)
        s.insert(x.text);
    return s;
}

// Russian strings equal to an English one, with where they were seen.
QStringList untranslated(const std::vector<Seen>& russian, const QSet<QString>& english)
{
    QStringList out;
    for (const Seen& s : russian)
        if (english.contains(s.text) && !exempt(s.text))
            out << s.where + QStringLiteral(": ") + s.text;
    out.removeDuplicates();
    return out;
}

MainWindow::Options lessonOptions()
{
    MainWindow::Options o;
    o.lesson = QString::fromLatin1(kLesson);
    o.autoRun = false;
    return o;
}

// A switch reaches the widgets through posted events, and they retranslate from the event loop.
void settle()
{
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

bool waitFor(const std::function<bool()>& done, int timeoutMs = 60000) { return QTest::qWaitFor(done, timeoutMs); }

}  // namespace

class TestI18nWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Registry::instance().find(kLesson));
    }
    void init() { QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens")).clear(); }
    void cleanup() { i18n::setLanguage(i18n::Language::English); }

    void theWindowInRussianHasNoEnglishLeft()
    {
        QSet<QString> english;
        {
            QVERIFY(i18n::setLanguage(i18n::Language::English));
            MainWindow w(Registry::instance(), lessonOptions());
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            english = texts(collect(w));
            QVERIFY(english.contains(QStringLiteral("Run")));  // the walk sees the window
        }
        QVERIFY(i18n::setLanguage(i18n::Language::Russian));
        MainWindow w(Registry::instance(), lessonOptions());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const std::vector<Seen> russian = collect(w);
        QVERIFY(russian.size() > 80);
        const QStringList left = untranslated(russian, english);
        QVERIFY2(left.isEmpty(),
                 qPrintable(QStringLiteral("%1 English strings in the Russian window:\n").arg(left.size()) +
                            left.join(QLatin1Char('\n'))));
        // The lesson's own words: its Russian title first, its Russian text.
        const Scenario* s = Registry::instance().find(kLesson);
        QVERIFY(w.windowTitle().contains(QString::fromStdString(s->titleRu)));
    }

    void switchingMidRunRetranslatesAndTheRunGoesOn()
    {
        QVERIFY(i18n::setLanguage(i18n::Language::English));
        MainWindow w(Registry::instance(), lessonOptions());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const std::vector<Seen> before = collect(w);
        const QString runText = w.action(QStringLiteral("run"))->text();

        // Step mode holds the run live at its first gate for as long as the test needs.
        w.setStepMode(true);
        w.runLesson();
        QVERIFY(waitFor(
            [&] { return w.controller().state() == RunController::State::Running && !w.stepAnnotations().isEmpty(); }));
        const QString stepLineEn = w.stepAnnotations().first();

        QAction* russian = w.findChild<QAction*>(QStringLiteral("language_ru"));
        QVERIFY(russian);
        russian->trigger();
        settle();
        QCOMPARE(i18n::current(), i18n::Language::Russian);
        QVERIFY(w.controller().isRunning());  // the run keeps running
        const std::vector<Seen> during = collect(w);
        const QStringList left = untranslated(during, texts(before));
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char('\n'))));
        QVERIFY(w.action(QStringLiteral("run"))->text() != runText);
        QVERIFY(w.stepAnnotations().first() != stepLineEn);  // the step lines too
        QCOMPARE(QSettings(QStringLiteral("ThreadLens"), QStringLiteral("ThreadLens"))
                     .value(QStringLiteral("language"))
                     .toString(),
                 QStringLiteral("ru"));

        // The run goes on and finishes in Russian: its panels speak Russian.
        QSignalSpy finished(&w.controller(), &RunController::finished);
        w.continueRun();
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QCOMPARE(finished.first().first().toString(), QStringLiteral("finished"));
        settle();
        // The statistics tree (the panel's other tree, the A/B difference, is hidden without a pinned run).
        QTreeWidget* stats = nullptr;
        for (QTreeWidget* t : w.statsPanel()->findChildren<QTreeWidget*>())
            if (t->isVisibleTo(w.statsPanel()))
                stats = t;
        QVERIFY(stats && stats->topLevelItemCount() > 0);
        QVERIFY(stats->topLevelItem(0)->text(0) != QStringLiteral("Run"));

        // And back: the same English as before the switch.
        w.findChild<QAction*>(QStringLiteral("language_en"))->trigger();
        settle();
        QCOMPARE(i18n::current(), i18n::Language::English);
        QCOMPARE(w.action(QStringLiteral("run"))->text(), runText);
        QCOMPARE(stats->topLevelItem(0)->text(0), QStringLiteral("Run"));
        const QSet<QString> after = texts(collect(w));
        QStringList lost;
        for (const Seen& s : before)
            if (!after.contains(s.text) && s.where.startsWith(QLatin1String("action")))
                lost << s.where + QStringLiteral(": ") + s.text;
        QVERIFY2(lost.isEmpty(), qPrintable(lost.join(QLatin1Char('\n'))));
    }

    // The Python pane keeps the program for the current parameters across a switch, its comments
    // in the new language.
    void theProgramKeepsItsParametersAcrossASwitch()
    {
        QVERIFY(i18n::setLanguage(i18n::Language::English));
        MainWindow w(Registry::instance(), lessonOptions());
        const Scenario* s = Registry::instance().find(kLesson);
        ParamValues v = s->defaults();
        v.set("threads", "9");
        w.paramPanel()->setScenario(s, v);
        w.explanation()->setParams(v);
        const QString english = w.explanation()->code()->toPlainText();
        QVERIFY(english.contains(QStringLiteral("\nTHREADS = 9")));
        w.findChild<QAction*>(QStringLiteral("language_ru"))->trigger();
        settle();
        const QString russian = w.explanation()->code()->toPlainText();
        QVERIFY(russian.contains(QStringLiteral("\nTHREADS = 9")));
        QVERIFY(russian != english);
    }

    // A 1280×720 screen (a classroom projector) in either language: the window fits the screen,
    // the timeline keeps most of it, and every run control stays on the toolbar (with its words
    // or as an icon), none behind the overflow arrow.
    void fitsA1280x720ScreenInBothLanguages_data()
    {
        QTest::addColumn<int>("language");
        QTest::newRow("en") << int(i18n::Language::English);
        QTest::newRow("ru") << int(i18n::Language::Russian);
    }
    void fitsA1280x720ScreenInBothLanguages()
    {
        QFETCH(int, language);
        const QSize screen(1280, 720);
        QCOMPARE(MainWindow::firstStartGeometry(QRect(QPoint(), screen)).size(), screen);
        QCOMPARE(MainWindow::firstStartGeometry(QRect(0, 0, 2560, 1440)).size(), QSize(1480, 900));
        const MainWindow::DockSizes docks = MainWindow::firstStartDockSizes(screen);
        QVERIFY(screen.width() - 2 * docks.side >= screen.width() / 2);
        QVERIFY(docks.bottom <= screen.height() / 3);  // the timeline keeps the larger part of the height

        QVERIFY(i18n::setLanguage(i18n::Language(language)));
        // m5.l1, and the lesson with the most parameters (the tallest parameter panel).
        const Scenario* most = &Registry::instance().all().front();
        for (const Scenario& l : Registry::instance().all())
            if (l.params.size() > most->params.size())
                most = &l;
        for (const QString& lesson : {QString::fromLatin1(kLesson), QString::fromStdString(most->id)}) {
            MainWindow::Options o = lessonOptions();
            o.lesson = lesson;
            MainWindow w(Registry::instance(), o);
            w.show();  // maximized on the test's small screen (the first start fills a small screen)
            w.showNormal();
            w.resize(screen);
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            settle();
            const QSize min = w.minimumSizeHint();
            QVERIFY2(min.width() <= screen.width() && min.height() <= screen.height(),
                     qPrintable(
                         QStringLiteral("%1: the window needs %2×%3").arg(lesson).arg(min.width()).arg(min.height())));
            QCOMPARE(w.size(), screen);
            auto* bar = w.findChild<QToolBar*>(QStringLiteral("runToolBar"));
            QVERIFY(bar);
            for (QAction* a : bar->actions()) {
                if (!a->isVisible() || a->isSeparator())
                    continue;
                QWidget* button = bar->widgetForAction(a);
                QVERIFY2(button && button->isVisible() && bar->rect().contains(button->geometry()),
                         qPrintable(lesson + QStringLiteral(": hidden toolbar control ") + a->text()));
            }
        }
    }
};

QTEST_MAIN(TestI18nWindow)
#include "tst_i18n_window.moc"
