// SPDX-License-Identifier: MIT
#include "lesson_browser.h"

#include "scenarios/scenario.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace tl {

namespace {
constexpr int IdRole = Qt::UserRole + 1;

// Module names of the course (docs/lessons.md): English, and the original shown in the tooltip.
QString moduleTitle(int module)
{
    switch (module) {
    case 1: return QObject::tr("Introduction to threads");
    case 2: return QObject::tr("Thread pools");
    case 3: return QObject::tr("Futures in depth");
    case 4: return QObject::tr("Thread-safe queues");
    case 5: return QObject::tr("Thread control and synchronization");
    case 6: return QObject::tr("Advanced locking");
    case 7: return QObject::tr("Practice and advanced techniques");
    case 8: return QObject::tr("Thread safety");
    case 9: return QObject::tr("multiprocessing pools");
    default: return {};
    }
}
QString moduleTitleRu(int module)
{
    static const char* ru[] = {"", "Введение в многопоточность", "Работа с пулами потоков", "Подробнее о Futures",
                               "Потокобезопасные очереди", "Управление потоками и синхронизация",
                               "Продвинутое блокирование", "Практическое применение и продвинутые техники",
                               "Безопасность потоков", "Создание и работа с пулом в модуле multiprocessing"};
    return module >= 1 && module <= 9 ? QString::fromUtf8(ru[module]) : QString();
}
} // namespace

LessonBrowser::LessonBrowser(const Registry& registry, QWidget* parent)
    : QWidget(parent), registry_(registry), search_(new QLineEdit(this)), tree_(new QTreeWidget(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    search_->setPlaceholderText(tr("Search lessons (English or Russian)…"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);
    layout->addWidget(tree_);
    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Lesson"), tr("Original title")});
    tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    tree_->setColumnWidth(0, 210);
    tree_->setUniformRowHeights(true);
    tree_->setAlternatingRowColors(true);
    connect(search_, &QLineEdit::textChanged, this, &LessonBrowser::applyFilter);
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item && item->data(0, IdRole).isValid())
            emit lessonActivated(item->data(0, IdRole).toString());
    });
    reload();
}

void LessonBrowser::reload()
{
    const QString current = currentLesson();
    QSignalBlocker block(tree_);
    tree_->clear();
    std::map<int, QTreeWidgetItem*> modules;
    for (const Scenario& s : registry_.all()) {
        auto& m = modules[s.module];
        if (!m) {
            const QString title = moduleTitle(s.module);
            m = new QTreeWidgetItem({title.isEmpty() ? tr("Module %1").arg(s.module) : tr("%1. %2").arg(s.module).arg(title)});
            m->setText(1, moduleTitleRu(s.module));
            m->setFlags(Qt::ItemIsEnabled);
            QFont f = m->font(0);
            f.setBold(true);
            m->setFont(0, f);
        }
        auto* item = new QTreeWidgetItem(m, {QStringLiteral("%1. %2").arg(s.lesson).arg(QString::fromStdString(s.title)),
                                            QString::fromStdString(s.titleRu)});
        item->setData(0, IdRole, QString::fromStdString(s.id));
        const QString tip = QStringLiteral("%1 — %2").arg(QString::fromStdString(s.id), QString::fromStdString(s.summary));
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

} // namespace tl
