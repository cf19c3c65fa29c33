// SPDX-License-Identifier: MIT
#pragma once
#include "event_model.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace tl {

// The event table with its filters (thread, object, kind) above it. Emits rowActivated for
// the row the user picks so the window can select the item on the timeline; selectAt()
// does the reverse. GUI thread only.
class EventTable : public QWidget {
    Q_OBJECT
public:
    explicit EventTable(QWidget* parent = nullptr);
    void setTrace(const Trace* trace);
    void refresh();  // the trace grew: rebuild rows and the filter lists
    EventModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    // Selects the row of (lane, t) without emitting rowActivated.
    void selectAt(int lane, int64_t t);

signals:
    void rowActivated(int lane, qint64 start, qint64 end, tl::ObjectId object);

private:
    void fillFilters();

    const Trace* trace_ = nullptr;
    EventModel* model_;
    QTableView* view_;
    QComboBox* lane_;
    QComboBox* object_;
    QComboBox* kind_;
    bool selecting_ = false;
};

} // namespace tl
