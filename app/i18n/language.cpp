// SPDX-License-Identifier: MIT
#include "language.h"

#include "scenarios/scenario.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QWidget>

#include <algorithm>
#include <cmath>
#include <utility>

namespace tl::i18n {

namespace {
Language installed = Language::English;
// The default locale before any switch (the system's): English keeps formatting numbers as before.
const QLocale& startLocale()
{
    static const QLocale start;
    return start;
}

// Ours and Qt's own; alive as long as the application (installTranslator keeps pointers).
QTranslator& ours()
{
    static QTranslator t;
    return t;
}
QTranslator& qtBase()
{
    static QTranslator t;
    return t;
}

// Runs a function after QEvent::LanguageChange, which every widget forwards to its children.
// Queued: a widget forwards the event to a copy of its child list, so rebuilding (deleting
// children) inside the event would leave it sending to deleted objects; a switch also sends
// several events (one per translator), which the pending flag folds into one call.
class Watcher final : public QObject {
public:
    Watcher(QWidget* owner, std::function<void()> apply) : QObject(owner), apply_(std::move(apply)) {}
    bool event(QEvent* e) override
    {
        if (e->type() == QEvent::LanguageChange && !pending_) {
            pending_ = true;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    pending_ = false;
                    apply_();
                },
                Qt::QueuedConnection);
        }
        return QObject::event(e);
    }

private:
    std::function<void()> apply_;
    bool pending_ = false;
};
}  // namespace

QString code(Language language) { return language == Language::Russian ? QStringLiteral("ru") : QStringLiteral("en"); }

std::optional<Language> parse(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("ru") || t.startsWith(QLatin1String("ru_")) || t.startsWith(QLatin1String("ru-")) ||
        t.startsWith(QLatin1String("ru.")))
        return Language::Russian;
    if (t == QLatin1String("en") || t.startsWith(QLatin1String("en_")) || t.startsWith(QLatin1String("en-")) ||
        t.startsWith(QLatin1String("en.")) || t == QLatin1String("c") || t.startsWith(QLatin1String("c.")) ||
        t == QLatin1String("posix"))
        return Language::English;
    return std::nullopt;
}

Language systemLanguage()
{
    // The messages locale decides the language of messages, as for any program (LC_ALL wins,
    // then LC_MESSAGES, then LANG); QLocale::system() would follow LC_NUMERIC instead.
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const QString value = qEnvironmentVariable(name);
        if (!value.isEmpty())
            return parse(value).value_or(Language::English);
    }
    return QLocale::system().language() == QLocale::Russian ? Language::Russian : Language::English;
}

Language current() { return installed; }

bool setLanguage(Language language)
{
    QCoreApplication::removeTranslator(&qtBase());
    QCoreApplication::removeTranslator(&ours());
    startLocale();
    installed = Language::English;
    QLocale::setDefault(startLocale());
    if (language == Language::English)
        return true;
    if (!ours().load(QStringLiteral(":/i18n/threadlens_ru.qm")))
        return false;
    // Qt's own strings (the buttons of standard dialogs): from the system's Qt translations,
    // when installed (Debian: qt6-translations-l10n); without them those few stay English.
    if (qtBase().load(QLocale(QLocale::Russian), QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qtBase());
    QCoreApplication::installTranslator(&ours());
    QLocale::setDefault(QLocale(QLocale::Russian, QLocale::Russia));
    installed = Language::Russian;
    return true;
}

void retranslate(QWidget* owner, std::function<void()> apply)
{
    apply();
    onLanguageChange(owner, std::move(apply));
}

void onLanguageChange(QWidget* owner, std::function<void()> apply) { new Watcher(owner, std::move(apply)); }

QString statusWord(const std::string& status)
{
    if (status == "finished")
        return QCoreApplication::translate("tl::i18n", "finished");
    if (status == "aborted")
        return QCoreApplication::translate("tl::i18n", "aborted");
    if (status == "deadlock")
        return QCoreApplication::translate("tl::i18n", "deadlock");
    if (status == "error")
        return QCoreApplication::translate("tl::i18n", "error");
    return QString::fromStdString(status);
}

QString lessonString(const std::string& english)
{
    if (english.empty())
        return {};
    return QCoreApplication::translate("Lesson", english.c_str());
}

QString paramValue(const Param& p, double value)
{
    switch (p.type) {
    case Param::Type::Bool:
        return value != 0 ? QCoreApplication::translate("tl::i18n", "on")
                          : QCoreApplication::translate("tl::i18n", "off");
    case Param::Type::Choice: {
        const auto i = size_t(std::max(0L, std::lround(value)));
        return i < p.choices.size() ? lessonString(p.choices[i]) : QString::number(value);
    }
    case Param::Type::Int:
    case Param::Type::Double: break;
    }
    // %L: the reader's digits ("0,5" in Russian).
    QString text = p.type == Param::Type::Double ? QStringLiteral("%L1").arg(value, 0, 'g', 4)
                                                 : QStringLiteral("%L1").arg(std::lround(value));
    if (!p.unit.empty())
        text += QLatin1Char(' ') + lessonString(p.unit);
    return text;
}

QString lessonTitle(const Scenario& s)
{
    const std::string& title = installed == Language::Russian && !s.titleRu.empty() ? s.titleRu : s.title;
    return QString::fromStdString(title);
}

QString lessonOtherTitle(const Scenario& s)
{
    return QString::fromStdString(installed == Language::Russian ? s.title : s.titleRu);
}

QString resourceText(const QString& path)
{
    if (installed == Language::Russian) {
        const qsizetype dot = path.lastIndexOf(QLatin1Char('.'));
        QFile ru(dot < 0 ? path + QStringLiteral(".ru") : path.left(dot) + QStringLiteral(".ru") + path.mid(dot));
        if (ru.open(QIODevice::ReadOnly))
            return QString::fromUtf8(ru.readAll());
    }
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QString lessonResource(const std::string& id, const char* suffix)
{
    return resourceText(QStringLiteral(":/lessons/") + QString::fromStdString(id) + QLatin1Char('.') +
                        QLatin1String(suffix));
}

}  // namespace tl::i18n
