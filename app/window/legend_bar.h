// SPDX-License-Identifier: MIT
#pragma once
#include <QWidget>

namespace tl::view {
class TimelineView;
}

namespace tl {

// What the timeline's colours mean, drawn by the timeline's own renderer (the same legend as
// in the exported images), in a strip under the timeline; clicking an entry hides or shows its
// layer. GUI thread only.
class LegendBar : public QWidget {
    Q_OBJECT
public:
    explicit LegendBar(view::TimelineView* timeline, QWidget* parent = nullptr);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }
    void traceChanged();  // the entries depend on what the trace contains

protected:
    void paintEvent(QPaintEvent*) override;
    void resizeEvent(QResizeEvent*) override;
    // An entry with a layer (holds, an arrow kind, tasks, events) switches it on and off.
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    bool event(QEvent* e) override;  // the tooltip of the entry under the cursor

private:
    view::TimelineView* timeline_;
    int height_ = 0;
};

}  // namespace tl
