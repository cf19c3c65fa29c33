// SPDX-License-Identifier: MIT
#include "playback_bar.h"

#include "app/i18n/language.h"

#include "app/view/zoom_control.h"
#include "run_controller.h"

#include <QAction>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QStringList>

#include <algorithm>

namespace tl {

PlaybackBar::PlaybackBar(RunController& controller, view::ZoomControl* zoom, QAction* play, QWidget* parent)
    : QObject(parent), controller_(controller), zoom_(zoom), play_(play)
{
    timer_.setInterval(30);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const int64_t end = controller_.trace().duration();
        const int64_t t = std::max<int64_t>(zoom_->playhead(), 0) + int64_t(30e6 * speed_);
        zoom_->setPlayhead(std::min(t, end));
        if (t >= end)
            setPlaying(false);
    });
    slider_ = new QSlider(Qt::Horizontal, parent);
    slider_->setObjectName(QStringLiteral("playheadSlider"));
    slider_->setRange(0, 1000);
    slider_->setMaximumWidth(220);
    i18n::retranslate(slider_, [this] { slider_->setToolTip(tr("Playhead: scrub through the finished run")); });
    connect(slider_, &QSlider::valueChanged, this, [this](int v) {
        if (controller_.isRunning())
            return;
        const int64_t end = controller_.trace().duration();
        if (end > 0 && zoom_->playhead() * 1000 / std::max<int64_t>(end, 1) != v)
            zoom_->setPlayhead(end * v / 1000);
    });
    label_ = new QLabel(parent);
    label_->setObjectName(QStringLiteral("playheadLabel"));
    connect(zoom_, &view::ZoomControl::playheadChanged, this, [this](int64_t t) {
        const int64_t end = controller_.trace().duration();
        if (end > 0 && t >= 0) {
            const QSignalBlocker block(slider_);
            slider_->setValue(int(t * 1000 / end));
        }
        label_->setText(t >= 0 ? describeAt(t) : QString());
    });
}

void PlaybackBar::setPlaying(bool on, double speed)
{
    speed_ = std::clamp(speed, 0.01, 100.0);
    if (on && !controller_.isRunning() && controller_.trace().duration() > 0) {
        if (zoom_->playhead() < 0 || zoom_->playhead() >= controller_.trace().duration())
            zoom_->setPlayhead(0);
        timer_.start();
    } else {
        timer_.stop();
    }
    if (play_ && play_->isChecked() != timer_.isActive()) {
        const QSignalBlocker block(play_);
        play_->setChecked(timer_.isActive());
    }
}

QString PlaybackBar::describeAt(int64_t t) const
{
    const Trace& trace = controller_.trace();
    QStringList parts;
    for (const Hold& h : trace.holds) {
        if (h.start > t)
            break;  // sorted by start
        if (h.end < 0 || h.end > t) {
            const QString holder = h.lane < trace.lanes.size() ? QString::fromStdString(trace.lanes[h.lane].info.name)
                                                               : QString::number(h.lane);
            parts << tr("%1 held by %2").arg(QString::fromStdString(trace.objectName(h.object)), holder);
        }
    }
    for (const CounterSeries& c : trace.counters)
        if (c.kind == CounterKind::Depth)
            parts << tr("%1 depth %2").arg(QString::fromStdString(c.name)).arg(c.valueAt(t));
    return tr("at %1 ms: %2")
        .arg(double(t) / 1e6, 0, 'f', 1)
        .arg(parts.isEmpty() ? tr("nothing held") : parts.join(QStringLiteral("; ")));
}

}  // namespace tl
