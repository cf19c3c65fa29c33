// SPDX-License-Identifier: MIT
#include "param_panel.h"

#include "app/i18n/language.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace tl {

namespace {
// Doubles map onto a slider of this many steps over [min, max].
constexpr int kRealSteps = 100;
QString qs(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

ParamPanel::ParamPanel(QWidget* parent)
    : QWidget(parent), form_(new QFormLayout), empty_(new QLabel(this)), traceNote_(new QLabel(this)),
      runAgain_(new QPushButton(this)), reset_(new QPushButton(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(empty_);
    layout->addWidget(traceNote_);
    layout->addWidget(runAgain_, 0, Qt::AlignLeft);
    layout->addLayout(form_);
    layout->addWidget(reset_, 0, Qt::AlignLeft);
    layout->addStretch(1);
    traceNote_->setWordWrap(true);
    traceNote_->setObjectName(QStringLiteral("traceNote"));
    runAgain_->setObjectName(QStringLiteral("runAgain"));
    reset_->setObjectName(QStringLiteral("resetParams"));
    connect(runAgain_, &QPushButton::clicked, this, [this] {
        traceFile_.clear();  // from now on these are the learner's values
        updateNote();
        emit runRequested();
    });
    connect(reset_, &QPushButton::clicked, this, &ParamPanel::resetToDefaults);
    reset_->hide();  // until a lesson with parameters is shown
    form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // Each label above its control: the dock is narrow (a quarter of a 1280 px screen) and Russian
    // labels are long; a slider then gets the dock's whole width, the same in every row.
    form_->setRowWrapPolicy(QFormLayout::WrapAllRows);
    // Labels, units and choices are the lesson's words: a language switch rebuilds the rows
    // (keeping the values).
    i18n::retranslate(this, [this] {
        empty_->setText(tr("This lesson has no parameters."));
        runAgain_->setText(tr("Run again with these"));
        runAgain_->setToolTip(tr("Runs the lesson with the parameters and the GIL setting this trace recorded"));
        reset_->setText(tr("Reset to defaults"));
        reset_->setToolTip(tr("Every parameter back to the lesson's default, then run again"));
        if (scenario_) {
            const ParamValues keep = values_;
            const QString file = traceFile_;
            setScenario(scenario_, keep);
            traceFile_ = file;
        }
        updateNote();
    });
    empty_->setWordWrap(true);
    debounce_.setSingleShot(true);
    debounce_.setInterval(300);
    connect(&debounce_, &QTimer::timeout, this, &ParamPanel::paramsChanged);
}

void ParamPanel::setScenario(const Scenario* scenario, const ParamValues& values)
{
    debounce_.stop();
    traceFile_.clear();
    scenario_ = scenario;
    entries_.clear();
    while (form_->rowCount() > 0)
        form_->removeRow(0);
    values_ = scenario ? ParamValues(&scenario->params) : ParamValues();
    if (scenario)
        for (const auto& [name, v] : values.values())
            if (values_.find(name))
                values_.setNumber(name, v);
    empty_->setVisible(!scenario || scenario->params.empty());
    reset_->setVisible(scenario && !scenario->params.empty());
    updateNote();
    if (!scenario)
        return;

    for (const Param& p : scenario->params) {
        const double v = values_.d(p.name);
        const QString tip = i18n::lessonString(p.help);
        if (p.type == Param::Type::Bool) {
            // The words in a wrapping label beside the box: a check box's own text never wraps and
            // a long one ("Ошибка: `with Lock():` …") would widen the whole dock.
            auto* box = new QCheckBox(this);
            box->setChecked(v != 0);
            box->setToolTip(tip);
            box->setObjectName(qs(p.name));
            connect(box, &QCheckBox::toggled, this, [this, &p](bool on) { edited(p, on ? 1 : 0); });
            form_->addRow(wrappingLabel(i18n::lessonString(p.label), tip, box), box);
            entries_.push_back({&p, box, nullptr, [box](double x) {
                                    QSignalBlocker b(box);
                                    box->setChecked(x != 0);
                                }});
        } else if (p.type == Param::Type::Choice) {
            auto* combo = new QComboBox(this);
            for (const auto& c : p.choices)
                combo->addItem(i18n::lessonString(c));
            combo->setCurrentIndex(int(std::lround(v)));
            combo->setToolTip(tip);
            combo->setObjectName(qs(p.name));
            connect(combo, &QComboBox::currentIndexChanged, this, [this, &p](int i) { edited(p, i); });
            form_->addRow(wrappingLabel(i18n::lessonString(p.label), tip, combo), combo);
            entries_.push_back({&p, combo, nullptr, [combo](double x) {
                                    QSignalBlocker b(combo);
                                    combo->setCurrentIndex(int(std::lround(x)));
                                }});
        } else {
            const bool real = p.type == Param::Type::Double;
            auto* slider = new QSlider(Qt::Horizontal, this);
            slider->setObjectName(qs(p.name));
            slider->setToolTip(tip);
            if (real) {
                slider->setRange(0, kRealSteps);
            } else {
                slider->setRange(int(p.min), int(p.max));
                slider->setPageStep(std::max(1, int((p.max - p.min) / 10)));
            }
            auto toSlider = [real, &p](double x) {
                return real ? int(std::lround((x - p.min) / std::max(1e-12, p.max - p.min) * kRealSteps))
                            : int(std::lround(x));
            };
            slider->setValue(toSlider(v));
            auto* value = new QLabel(i18n::paramValue(p, v), this);
            value->setMinimumWidth(
                value->fontMetrics().horizontalAdvance(i18n::paramValue(p, p.max) + QStringLiteral("00")));
            value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            QFont bold = value->font();
            bold.setBold(true);
            value->setFont(bold);
            // "1 – 40 items", not "1 items – 40 items": the unit once, after the range.
            Param bare = p;
            bare.unit.clear();
            auto* range =
                new QLabel(tr("%1 – %2").arg(i18n::paramValue(bare, p.min), i18n::paramValue(p, p.max)), this);
            range->setEnabled(false);  // muted: a hint, not a value
            auto* row = new QWidget(this);
            auto* h = new QHBoxLayout(row);
            h->setContentsMargins(0, 0, 0, 0);
            h->addWidget(slider, 1);
            h->addWidget(value);
            auto* column = new QWidget(this);
            auto* vbox = new QVBoxLayout(column);
            vbox->setContentsMargins(0, 0, 0, 0);
            vbox->setSpacing(0);
            vbox->addWidget(row);
            vbox->addWidget(range);
            form_->addRow(wrappingLabel(i18n::lessonString(p.label), tip, slider), column);
            connect(slider, &QSlider::valueChanged, this, [this, &p, real, value](int s) {
                const double x = real ? p.min + (p.max - p.min) * s / kRealSteps : double(s);
                value->setText(i18n::paramValue(p, x));
                edited(p, x);
            });
            entries_.push_back({&p, slider, value, [this, slider, value, toSlider, &p](double x) {
                                    QSignalBlocker b(slider);
                                    slider->setValue(toSlider(x));
                                    value->setText(i18n::paramValue(p, x));
                                }});
        }
    }
}

void ParamPanel::showTraceParams(const Scenario* scenario, const ParamValues& values, const QString& file)
{
    setScenario(scenario, values);
    traceFile_ = file;
    updateNote();
}

void ParamPanel::updateNote()
{
    const bool fromTrace = !traceFile_.isEmpty() && scenario_;
    traceNote_->setVisible(fromTrace);
    runAgain_->setVisible(fromTrace);
    if (fromTrace)
        traceNote_->setText(scenario_->params.empty()
                                ? tr("The lesson as recorded in <b>%1</b>.").arg(traceFile_.toHtmlEscaped())
                                : tr("The parameters recorded in <b>%1</b>.").arg(traceFile_.toHtmlEscaped()));
}

void ParamPanel::resetToDefaults()
{
    if (!scenario_)
        return;
    for (const Entry& e : entries_) {
        e.show(e.param->def);
        values_.setNumber(e.param->name, e.param->def);  // stored too, over the learner's old values
    }
    traceFile_.clear();
    updateNote();
    debounce_.start();
}

QLabel* ParamPanel::wrappingLabel(const QString& text, const QString& tip, QWidget* buddy)
{
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);  // long (Russian) labels take two lines, not the dock's width
    label->setToolTip(tip);
    label->setBuddy(buddy);
    return label;
}

void ParamPanel::edited(const Param& p, double value)
{
    try {
        values_.setNumber(p.name, p.type == Param::Type::Int ? std::round(value) : value);
    } catch (const std::exception&) {
        return;  // out of range cannot come from the controls; ignore defensively
    }
    if (!traceFile_.isEmpty()) {
        traceFile_.clear();  // a moved control: the learner's values now, not the trace's
        updateNote();
    }
    debounce_.start();
}

bool ParamPanel::setValue(const QString& name, double value)
{
    for (const Entry& e : entries_)
        if (qs(e.param->name) == name) {
            if (value < e.param->min || value > e.param->max)
                return false;
            e.show(value);
            edited(*e.param, value);
            return true;
        }
    return false;
}

QWidget* ParamPanel::control(const QString& name) const
{
    for (const Entry& e : entries_)
        if (qs(e.param->name) == name)
            return e.control;
    return nullptr;
}

}  // namespace tl
