// SPDX-License-Identifier: MIT
#pragma once
#include <QObject>
#include <QString>
#include <QTimer>

#include <cstdint>

class QAction;
class QLabel;
class QSlider;
class QWidget;

namespace tl {

class RunController;
namespace view {
class ZoomControl;
}

// Replay scrub: plays the finished run's playhead at a speed (1 = real time), with a playhead
// slider (per mille of the run) and a line saying what holds what at the playhead. The slider
// and the label are the window's to place (its status bar); the play action follows along.
//
// Threading contract: GUI thread only.
class PlaybackBar : public QObject {
    Q_OBJECT
public:
    PlaybackBar(RunController& controller, view::ZoomControl* zoom, QAction* play, QWidget* parent);

    QSlider* slider() const { return slider_; }
    QLabel* label() const { return label_; }
    void setPlaying(bool on, double speed = 1.0);
    bool playing() const { return timer_.isActive(); }
    double speed() const { return speed_; }
    // "at 123.4 ms: oven held by cook-2; jobs depth 3" for the playhead time t.
    QString describeAt(int64_t t) const;

private:
    RunController& controller_;
    view::ZoomControl* zoom_;
    QAction* play_;
    QTimer timer_;  // advances the playhead
    double speed_ = 1.0;
    QSlider* slider_ = nullptr;
    QLabel* label_ = nullptr;
};

}  // namespace tl
