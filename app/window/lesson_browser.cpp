// SPDX-License-Identifier: MIT
#include "lesson_browser.h"

#include "app/i18n/language.h"
#include "scenarios/scenario.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace tl {

namespace {
constexpr int IdRole = Qt::UserRole + 1;

// Module names of the course (docs/lessons.md): the course's own Russian ones and their English.
// Each language shows its own first and the other beside it, so neither is translated here.
QString moduleTitle(int module, i18n::Language language)
{
    static const char* en[] = {"",
                               "Introduction to threads",
                               "Thread pools",
                               "Futures in depth",
                               "Thread-safe queues",
                               "Thread control and synchronization",
                               "Advanced locking",
                               "Practice and advanced techniques",
                               "Thread safety",
                               "multiprocessing pools"};
    static const char* ru[] = {"",
                               "Введение в многопоточность",
                               "Работа с пулами потоков",
                               "Подробнее о Futures",
                               "Потокобезопасные очереди",
                               "Управление потоками и синхронизация",
                               "Продвинутое блокирование",
                               "Практическое применение и продвинутые техники",
                               "Безопасность потоков",
                               "Создание и работа с пулом в модуле multiprocessing"};
    if (module < 1 || module > 9)
        return {};
    return QString::fromUtf8(language == i18n::Language::Russian ? ru[module] : en[module]);
}
i18n::Language other(i18n::Language l)
{
    return l == i18n::Language::Russian ? i18n::Language::English : i18n::Language::Russian;
}
}  // namespace

LessonBrowser::LessonBrowser(const Registry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry), search_(new QLineEdit(this)), tree_(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);
    layout->addWidget(tree_);
    tree_->setColumnCount(2);
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->setColumnWidth(0, 210);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    connect(search_, &QLineEdit::textChanged, this, &LessonBrowser::applyFilter);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, IdRole).isValid())
            emit lessonActivated(item->data(0, IdRole).toString());
    });
    // The titles' order follows the language: a language switch fills the tree again.
    i18n::retranslate(this, [this] {
        search_->setPlaceholderText(tr("Search lessons (English or Russian)…"));
        tree_->setHeaderLabels(
            {tr("Lesson"), i18n::current() == i18n::Language::Russian ? tr("English title") : tr("Original title")});
        reload();
    });
}

void LessonBrowser::reload()
{
    const QString current = currentLesson();
    QSignalBlocker block(tree_);
    tree_->clear();
    std::map<int, QTreeWidgetItem*> modules;
    const i18n::Language language = i18n::current();
    for (const Scenario& s : registry_.all()) {
        auto& m = modules[s.module];
        if (!m) {
            const QString title = moduleTitle(s.module, language);
            m = new QTreeWidgetItem(
                {title.isEmpty() ? tr("Module %1").arg(s.module) : QStringLiteral("%1. %2").arg(s.module).arg(title)});
            m->setText(1, moduleTitle(s.module, other(language)));
            m->setFlags(Qt::ItemIsEnabled);
            QFont f = m->font(0);
            f.setBold(true);
            m->setFont(0, f);
        }
        auto* item = new QTreeWidgetItem(
            m, {QStringLiteral("%1. %2").arg(s.lesson).arg(i18n::lessonTitle(s)), i18n::lessonOtherTitle(s)});
        item->setData(0, IdRole, QString::fromStdString(s.id));
        const QString tip = QStringLiteral("%1 — %2").arg(QString::fromStdString(s.id), i18n::lessonString(s.summary));
        item->setToolTip(0, tip);
        item->setToolTip(1, tip);
    }
    for (auto& [n, item] : modules) {
        tree_->addTopLevelItem(item);
        item->setExpanded(true);
    }
    applyFilter();
    if (!current.isEmpty())
        selectLesson(current);
}

void LessonBrowser::applyFilter()
{
    const QString text = search_->text().trimmed();
    for (int m = 0; m < tree_->topLevelItemCount(); ++m) {
        QTreeWidgetItem* module = tree_->topLevelItem(m);
        const bool moduleMatches = !text.isEmpty() && module->text(0).contains(text, Qt::CaseInsensitive);
        int shown = 0;
        for (int l = 0; l < module->childCount(); ++l) {
            QTreeWidgetItem* item = module->child(l);
            const bool match = text.isEmpty() || moduleMatches || item->text(0).contains(text, Qt::CaseInsensitive) ||
                               item->text(1).contains(text, Qt::CaseInsensitive) ||
                               item->data(0, IdRole).toString().contains(text, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match;
        }
        module->setHidden(shown == 0);
    }
}

void LessonBrowser::setFilter(const QString& text) { search_->setText(text); }

int LessonBrowser::visibleLessonCount() const
{
    int n = 0;
    for (int m = 0; m < tree_->topLevelItemCount(); ++m) {
        QTreeWidgetItem* module = tree_->topLevelItem(m);
        for (int l = 0; l < module->childCount(); ++l)
            n += !module->isHidden() && !module->child(l)->isHidden();
    }
    return n;
}

void LessonBrowser::selectLesson(const QString& id)
{
    QSignalBlocker block(tree_);
    for (int m = 0; m < tree_->topLevelItemCount(); ++m) {
        QTreeWidgetItem* module = tree_->topLevelItem(m);
        for (int l = 0; l < module->childCount(); ++l)
            if (module->child(l)->data(0, IdRole).toString() == id) {
                QTreeWidgetItem* item = module->child(l);
                tree_->setCurrentItem(item);
                tree_->scrollToItem(item, QAbstractItemView::PositionAtCenter);
                return;
            }
    }
}

void LessonBrowser::scrollToCurrent()
{
    if (QTreeWidgetItem* current = tree_->currentItem())
        tree_->scrollToItem(current, QAbstractItemView::PositionAtCenter);
}

QString LessonBrowser::currentLesson() const
{
    QTreeWidgetItem* item = tree_->currentItem();
    return item ? item->data(0, IdRole).toString() : QString();
}

}  // namespace tl
