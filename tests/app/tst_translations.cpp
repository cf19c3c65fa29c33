// SPDX-License-Identifier: MIT
// The Russian translation is complete: lupdate over the sources (and the lessons' words) into a
// copy of resources/translations/threadlens_ru.ts finds no entry unfinished, missing or equal to
// its English source; every lesson has its explanation in English and in Russian.
#include "scenarios/scenario.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

struct Entry {
    QString context, source, translation;
    bool unfinished = false;
};

std::vector<Entry> readTs(const QString& path, QString* error)
{
    std::vector<Entry> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Entry e;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("context"))
            context.clear();
        else if (name == QLatin1String("name") && context.isEmpty())
            context = xml.readElementText();
        else if (name == QLatin1String("message"))
            e = Entry{context, {}, {}, false};
        else if (name == QLatin1String("source"))
            e.source = xml.readElementText();
        else if (name == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            e.unfinished = !type.isEmpty();  // "unfinished", "vanished" or "obsolete"
            // Plural forms: every <numerusform> must be filled.
            QString text;
            bool emptyForm = false;
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    const QString form = xml.readElementText();
                    emptyForm = emptyForm || form.isEmpty();
                    text += form;
                } else if (xml.isCharacters()) {
                    text += xml.text();
                }
            }
            e.translation = text;
            e.unfinished = e.unfinished || emptyForm || text.trimmed().isEmpty();
            out.push_back(e);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

// Entries that read the same in Russian, each with its reason.
bool sameOnPurpose(const Entry& e)
{
    static const QStringList same{};
    return same.contains(e.source);
}

QString sourceDir() { return qEnvironmentVariable("THREADLENS_SOURCE_DIR"); }

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void everyEntryIsTranslated()
    {
        const QString lupdate = qEnvironmentVariable("THREADLENS_LUPDATE");
        const QString lessonStrings = qEnvironmentVariable("THREADLENS_LESSON_STRINGS");
        QVERIFY2(QFile::exists(lupdate), "THREADLENS_LUPDATE not set");
        QVERIFY2(QFile::exists(lessonStrings), "THREADLENS_LESSON_STRINGS (built by tl_lesson_strings) missing");
        const QString ts = sourceDir() + QStringLiteral("/resources/translations/threadlens_ru.ts");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString copy = dir.filePath(QStringLiteral("threadlens_ru.ts"));
        QVERIFY(QFile::copy(ts, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        // The same lupdate run as the update_translations target, into the copy.
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(lupdate, {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                          sourceDir() + QStringLiteral("/app"), sourceDir() + QStringLiteral("/scenarios"),
                          lessonStrings, QStringLiteral("-ts"), copy});
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAll().constData());

        QString error;
        const std::vector<Entry> entries = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(entries.size() > 100);
        QStringList unfinished, same;
        for (const Entry& e : entries) {
            if (e.unfinished)
                unfinished << e.context + QStringLiteral(": ") + e.source;
            else if (e.translation == e.source && !sameOnPurpose(e))
                same << e.context + QStringLiteral(": ") + e.source;
        }
        QVERIFY2(unfinished.isEmpty(),
                 qPrintable(QStringLiteral("%1 entries missing or unfinished in threadlens_ru.ts "
                                           "(run the update_translations target, translate them):\n")
                                .arg(unfinished.size()) +
                            unfinished.join(QLatin1Char('\n'))));
        QVERIFY2(same.isEmpty(),
                 qPrintable(QStringLiteral("%1 entries translated as their English source:\n").arg(same.size()) +
                            same.join(QLatin1Char('\n'))));
    }

    void everyLessonHasBothTexts()
    {
        const QDir lessons(sourceDir() + QStringLiteral("/resources/lessons"));
        QVERIFY(lessons.exists());
        QStringList missing;
        for (const tl::Scenario& s : tl::Registry::instance().all()) {
            const QString id = QString::fromStdString(s.id);
            for (const QString& name : {id + QStringLiteral(".md"), id + QStringLiteral(".ru.md")}) {
                QFile f(lessons.filePath(name));
                if (!f.open(QIODevice::ReadOnly) || f.size() < 200)
                    missing << name;
            }
        }
        // And no Russian text without its lesson (a renamed id leaves one behind).
        for (const QString& name : lessons.entryList({QStringLiteral("*.ru.md")}, QDir::Files)) {
            const QString id = name.chopped(6);
            if (!tl::Registry::instance().find(id.toStdString()))
                missing << name + QStringLiteral(" (no such lesson)");
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
