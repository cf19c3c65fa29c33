// SPDX-License-Identifier: MIT
#pragma once
#include <QString>

#include <functional>
#include <optional>
#include <string>

class QWidget;

namespace tl {
struct Param;
struct Scenario;
}  // namespace tl

// The language a person reads ThreadLens in: English (the sources) or Russian (the course's
// language, resources/translations/threadlens_ru.ts compiled in as :/i18n/threadlens_ru.qm).
// GUI thread only (translators are process-wide); translating (tr()) is safe on any thread.
namespace tl::i18n {

enum class Language { English, Russian };

// "en" / "ru": the settings value and the command line's --lang.
QString code(Language language);
// "ru", "ru_RU", "ru-RU.UTF-8", "en", "C" ... -> the language; nullopt for anything else.
std::optional<Language> parse(const QString& text);
// The language of the system's messages locale (LC_ALL, LC_MESSAGES, LANG): Russian for ru_*,
// English otherwise.
Language systemLanguage();
// The language installed last (English before any setLanguage).
Language current();
// Installs the translators of `language` (ours and Qt's own qtbase_ru for the standard
// dialogs) and makes it the default locale for numbers. Qt then sends QEvent::LanguageChange to
// every widget. False (and English stays) when our translation cannot be loaded.
bool setLanguage(Language language);

// Calls `apply` now and again after `owner` gets QEvent::LanguageChange (from the event loop,
// once per switch): the texts a widget sets once (titles, tooltips, labels) are set in `apply`
// and so follow a language switch.
void retranslate(QWidget* owner, std::function<void()> apply);
// The same without the call now.
void onLanguageChange(QWidget* owner, std::function<void()> apply);

// A run's status as the trace names it ("finished", "aborted", "deadlock", "error") in the
// current language; anything else as it is.
QString statusWord(const std::string& status);

// A lesson's words (parameter labels, units, choices, summaries: English in scenarios/, marked
// with QT_TRANSLATE_NOOP("Lesson", ...)) in the current language.
QString lessonString(const std::string& english);
// A parameter's value as the learner reads it: "50 ms", "8 threads", "on", a choice's words.
QString paramValue(const Param& p, double value);
// The lesson's title in the current language (the course's Russian title in Russian).
QString lessonTitle(const Scenario& s);
// The other language's title (shown beside it), or empty.
QString lessonOtherTitle(const Scenario& s);
// A resource's text in the current language: ":/help/timeline.md" reads ":/help/timeline.ru.md"
// in Russian when it exists. Empty when there is none.
QString resourceText(const QString& path);
// A lesson resource in the current language: :/lessons/<id>.ru.md in Russian when it exists,
// else :/lessons/<id>.<suffix>. Empty when there is none.
QString lessonResource(const std::string& id, const char* suffix);

}  // namespace tl::i18n
