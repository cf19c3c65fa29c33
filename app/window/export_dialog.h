// SPDX-License-Identifier: MIT
#pragma once
#include "app/view/exporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QSettings;
class QSpinBox;

namespace tl {

// The choices of File ▸ Export image: range (visible / whole run), width, scale, legend, palette
// and whether the panels (lock contention, queue depth, statistics) go under the timeline.
// Holds no trace: options() turns the widgets into ExportOptions, so the mapping is testable
// without exec() or a file dialog. load()/save() keep the choices in QSettings ("export/...");
// "Copy image" reads panelsChoice() from the same place.
//
// Threading contract: GUI thread only.
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Range { Visible, Whole };

    explicit ExportDialog(QWidget* parent = nullptr);

    Range range() const;
    void setRange(Range range);
    int imageWidth() const;  // logical px
    void setImageWidth(int px);  // clamped to 320..Exporter::kMaxPngWidth
    double scale() const;  // 1 or 2 (PNG device pixel ratio)
    void setScale(double scale);
    bool legend() const;
    void setLegend(bool on);
    bool dark() const;
    void setDark(bool on);
    bool panels() const;
    void setPanels(bool on);

    // What the choices give; `visible` is the window's visible range (used for Range::Visible).
    view::ExportOptions options(view::TimeRange visible) const;

    // Only keys already stored override the current choices (first use keeps the defaults).
    void load(const QSettings& settings);
    void save(QSettings& settings) const;
    static bool panelsChoice(const QSettings& settings);

    QComboBox* rangeBox() const { return range_; }
    QSpinBox* widthBox() const { return width_; }
    QComboBox* scaleBox() const { return scale_; }
    QCheckBox* legendBox() const { return legend_; }
    QCheckBox* darkBox() const { return dark_; }
    QCheckBox* panelsBox() const { return panels_; }

private:
    QComboBox* range_;
    QSpinBox* width_;
    QComboBox* scale_;
    QCheckBox* legend_;
    QCheckBox* dark_;
    QCheckBox* panels_;
};

}  // namespace tl
