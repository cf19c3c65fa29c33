// SPDX-License-Identifier: MIT
#pragma once
#include "event_model.h"

#include <QWidget>

class QComboBox;
class QTableView;

namespace tl {

// The event table with its filters (thread, object, kind) above it. Emits rowActivated for
// the row the user picks so the window can select the item on the timeline; selectAt()
// does the reverse.
//
// Live runs: refresh() every few hundred ms is cheap (the model grows incrementally). A
// learner scrolled to the bottom keeps following the newest rows; anyone else keeps the rows
// they look at in place, across insertions above them and across a model reset (structure
// change, filter change), and keeps the current row. GUI thread only.
class EventTable : public QWidget {
    Q_OBJECT
public:
    explicit EventTable(QWidget* parent = nullptr);
    void setTrace(const Trace* trace);
    void refresh();  // the trace changed: new rows, updated filter lists
    EventModel* model() const { return model_; }
    QTableView* view() const { return view_; }
    // Selects the row of (lane, t) without emitting rowActivated.
    void selectAt(int lane, int64_t t);

signals:
    void rowActivated(int lane, qint64 start, qint64 end, tl::ObjectId object);

private:
    // Where the learner looks: kept across a refresh or a filter change.
    struct ViewState {
        bool atBottom = true;
        int topLane = -1, currentLane = -1;
        qint64 topStart = 0, currentStart = 0;
        bool topInstant = false, currentInstant = false;
    };
    ViewState saveView() const;
    void restoreView(const ViewState& s);
    void fillFilters();

    const Trace* trace_ = nullptr;
    EventModel* model_;
    QTableView* view_;
    QComboBox* lane_;
    QComboBox* object_;
    QComboBox* kind_;
    bool selecting_ = false;
};

}  // namespace tl
