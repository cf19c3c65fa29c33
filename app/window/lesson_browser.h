// SPDX-License-Identifier: MIT
#pragma once
#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace tl {

class Registry;

// The course as a tree: module → lesson, English title with the original Russian title
// beside it, and a search box that filters on both (and on the id). GUI thread only.
class LessonBrowser : public QWidget {
    Q_OBJECT
public:
    explicit LessonBrowser(const Registry& registry, QWidget* parent = nullptr);
    void reload();  // the registry grew
    void selectLesson(const QString& id);  // no signal
    void scrollToCurrent();  // centre the current lesson in the view
    QString currentLesson() const;
    void setFilter(const QString& text);
    int visibleLessonCount() const;
    QTreeWidget* tree() const { return tree_; }
    QLineEdit* searchBox() const { return search_; }

signals:
    void lessonActivated(const QString& id);

private:
    void applyFilter();

    const Registry& registry_;
    QLineEdit* search_;
    QTreeWidget* tree_;
};

}  // namespace tl
