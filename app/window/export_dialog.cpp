// SPDX-License-Identifier: MIT
#include "export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>

namespace tl {

namespace {
const QString kRange = QStringLiteral("export/range");  // "visible" | "whole"
const QString kWidth = QStringLiteral("export/width");
const QString kScale = QStringLiteral("export/scale");
const QString kLegend = QStringLiteral("export/legend");
const QString kDark = QStringLiteral("export/dark");
const QString kPanels = QStringLiteral("export/panels");
}  // namespace

ExportDialog::ExportDialog(QWidget* parent)
    : QDialog(parent), range_(new QComboBox(this)), width_(new QSpinBox(this)), scale_(new QComboBox(this)),
      legend_(new QCheckBox(tr("Legend"), this)), dark_(new QCheckBox(tr("Dark palette"), this)),
      panels_(new QCheckBox(tr("Include panels (lock contention, queue depth, statistics)"), this))
{
    setWindowTitle(tr("Export image"));
    auto* form = new QFormLayout(this);
    range_->addItem(tr("Visible range"));
    range_->addItem(tr("Whole run"));
    width_->setRange(320, view::Exporter::kMaxPngWidth);
    width_->setValue(1600);
    width_->setSuffix(tr(" px"));
    scale_->addItem(QStringLiteral("1×"), 1.0);
    scale_->addItem(QStringLiteral("2× (HiDPI)"), 2.0);
    scale_->setCurrentIndex(1);
    legend_->setChecked(true);
    panels_->setToolTip(tr("Draws the panels' summaries under the timeline, for the same time range"));
    form->addRow(tr("Range"), range_);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Scale (PNG)"), scale_);
    form->addRow(legend_);
    form->addRow(dark_);
    form->addRow(panels_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ExportDialog::Range ExportDialog::range() const { return range_->currentIndex() == 1 ? Range::Whole : Range::Visible; }
void ExportDialog::setRange(Range range) { range_->setCurrentIndex(range == Range::Whole ? 1 : 0); }
int ExportDialog::imageWidth() const { return width_->value(); }
void ExportDialog::setImageWidth(int px) { width_->setValue(px); }
double ExportDialog::scale() const { return scale_->currentData().toDouble(); }
void ExportDialog::setScale(double scale) { scale_->setCurrentIndex(scale >= 1.5 ? 1 : 0); }
bool ExportDialog::legend() const { return legend_->isChecked(); }
void ExportDialog::setLegend(bool on) { legend_->setChecked(on); }
bool ExportDialog::dark() const { return dark_->isChecked(); }
void ExportDialog::setDark(bool on) { dark_->setChecked(on); }
bool ExportDialog::panels() const { return panels_->isChecked(); }
void ExportDialog::setPanels(bool on) { panels_->setChecked(on); }

view::ExportOptions ExportDialog::options(view::TimeRange visible) const
{
    view::ExportOptions o;
    if (range() == Range::Visible)
        o.range = visible;
    o.size = QSize(imageWidth(), 0);
    o.scale = scale();
    o.legend = legend();
    o.dark = dark();
    o.panels = panels();
    return o;
}

void ExportDialog::load(const QSettings& st)
{
    if (st.contains(kRange))
        setRange(st.value(kRange).toString() == QLatin1String("whole") ? Range::Whole : Range::Visible);
    if (st.contains(kWidth))
        setImageWidth(st.value(kWidth).toInt());
    if (st.contains(kScale))
        setScale(st.value(kScale).toDouble());
    if (st.contains(kLegend))
        setLegend(st.value(kLegend).toBool());
    if (st.contains(kDark))
        setDark(st.value(kDark).toBool());
    if (st.contains(kPanels))
        setPanels(st.value(kPanels).toBool());
}

void ExportDialog::save(QSettings& st) const
{
    st.setValue(kRange, range() == Range::Whole ? QStringLiteral("whole") : QStringLiteral("visible"));
    st.setValue(kWidth, imageWidth());
    st.setValue(kScale, scale());
    st.setValue(kLegend, legend());
    st.setValue(kDark, dark());
    st.setValue(kPanels, panels());
}

bool ExportDialog::panelsChoice(const QSettings& st) { return st.value(kPanels, false).toBool(); }

}  // namespace tl
