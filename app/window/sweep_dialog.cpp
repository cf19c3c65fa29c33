// SPDX-License-Identifier: MIT
#include "sweep_dialog.h"

#include "app/i18n/language.h"
#include "app/view/sweep_chart.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace tl {

SweepChartView::SweepChartView(QWidget* parent) : QWidget(parent)
{
    setMouseTracking(true);
    setMinimumSize(480, 320);
}

SweepChartView::~SweepChartView() = default;

void SweepChartView::setData(const SweepPlan& plan, const std::vector<SweepRow>& rows)
{
    chart_ = std::make_unique<view::SweepChart>(plan, rows);
    update();
}

void SweepChartView::clear()
{
    chart_.reset();
    update();
}

void SweepChartView::setDark(bool dark)
{
    dark_ = dark;
    update();
}

void SweepChartView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    if (chart_) {
        chart_->paint(p, rect(), dark_);
        return;
    }
    p.fillRect(rect(), palette().base());
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(rect(), Qt::AlignCenter, tr("The chart fills in as the runs finish."));
}

void SweepChartView::mouseMoveEvent(QMouseEvent* e)
{
    const bool onPoint = chart_ && chart_->markAt(rect(), e->position());
    setCursor(onPoint ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void SweepChartView::mousePressEvent(QMouseEvent* e)
{
    if (!chart_ || e->button() != Qt::LeftButton)
        return;
    if (const auto m = chart_->markAt(rect(), e->position()))
        emit pointClicked(m->value, m->gil);
}

SweepDialog::SweepDialog(const Scenario& scenario, const ParamValues& values, const RunOptions& options,
                         QWidget* parent)
    : QDialog(parent), scenario_(scenario), values_(values), options_(options)
{
    setWindowTitle(tr("Sweep — %1 %2").arg(QString::fromStdString(scenario.id), i18n::lessonTitle(scenario)));
    options_.step = false;

    param_ = new QComboBox(this);
    for (const Param& p : scenario.params)
        param_->addItem(QStringLiteral("%1 — %2").arg(QString::fromStdString(p.name), i18n::lessonString(p.label)),
                        QString::fromStdString(p.name));
    param_->addItem(tr("(the GIL only)"), QString());
    range_ = new QLineEdit(this);
    range_->setToolTip(tr("FROM..TO for a number, or values separated by commas"));
    step_ = new QDoubleSpinBox(this);
    step_->setRange(0, 10000);
    step_->setDecimals(2);
    step_->setSpecialValueText(QStringLiteral("1"));
    double_ = new QCheckBox(tr("Double each time (1, 2, 4, 8…)"), this);
    repeat_ = new QSpinBox(this);
    repeat_->setRange(1, 20);
    repeat_->setValue(3);
    gil_ = new QComboBox(this);
    gil_->addItem(tr("As set (%1)").arg(options.gil ? tr("on") : tr("off")), QString());
    gil_->addItem(tr("On"), QStringLiteral("on"));
    gil_->addItem(tr("Off"), QStringLiteral("off"));
    gil_->addItem(tr("Both: a second series"), QStringLiteral("both"));
    timeScale_ = new QDoubleSpinBox(this);
    timeScale_->setRange(0.01, 1);
    timeScale_->setSingleStep(0.05);
    timeScale_->setValue(0.2);
    timeScale_->setToolTip(tr("Every duration of the lesson × this: shorter runs, the same shape"));

    auto* form = new QFormLayout;
    form->addRow(tr("Parameter"), param_);
    form->addRow(tr("Values"), range_);
    auto* stepRow = new QHBoxLayout;
    stepRow->addWidget(step_);
    stepRow->addWidget(double_);
    form->addRow(tr("Step"), stepRow);
    form->addRow(tr("Repetitions"), repeat_);
    form->addRow(QStringLiteral("GIL"), gil_);  // the same word in Russian books
    form->addRow(tr("Time scale"), timeScale_);

    message_ = new QLabel(this);
    message_->setWordWrap(true);
    progress_ = new QProgressBar(this);
    estimate_ = new QLabel(this);
    start_ = new QPushButton(tr("&Start"), this);
    start_->setDefault(true);
    cancel_ = new QPushButton(tr("&Cancel"), this);
    cancel_->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(progress_, 1);
    buttons->addWidget(estimate_);
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    chart_ = new SweepChartView(this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(message_);
    layout->addLayout(buttons);
    layout->addWidget(chart_, 1);
    // Two points compared are two runs compared: the window's Pin as A does that.
    auto* hint = new QLabel(tr("Click a point to open its run in the window. To compare two points, pin the first "
                               "(Run ▸ Pin as A) and click the second."),
                            this);
    hint->setWordWrap(true);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);

    connect(param_, &QComboBox::currentIndexChanged, this, &SweepDialog::paramChanged);
    connect(start_, &QPushButton::clicked, this, &SweepDialog::start);
    connect(cancel_, &QPushButton::clicked, this, &SweepDialog::cancel);
    connect(chart_, &SweepChartView::pointClicked, this, [this](size_t value, bool gil) {
        // The repetition nearest the median: the run the dot stands for.
        const auto points = sweepPoints(plan_, rows_);
        double median = 0;
        for (const SweepPoint& pt : points)
            if (pt.value == value && pt.gil == gil)
                median = pt.wallMs;
        size_t best = rows_.size();
        for (size_t i = 0; i < rows_.size(); ++i)
            if (rows_[i].value == value && rows_[i].gil == gil && rows_[i].ok() &&
                (best == rows_.size() ||
                 std::abs(rows_[i].wallNs / 1e6 - median) < std::abs(rows_[best].wallNs / 1e6 - median)))
                best = i;
        if (best < rows_.size())
            emit openRun(traces_[best], QString::fromStdString(plan_.label(value, gil) + " #" +
                                                               std::to_string(rows_[best].repetition)));
    });
    // The first numeric parameter is the usual question ("how many workers?").
    for (size_t i = 0; i < scenario.params.size(); ++i)
        if (scenario.params[i].type == Param::Type::Int || scenario.params[i].type == Param::Type::Double) {
            param_->setCurrentIndex(int(i));
            break;
        }
    paramChanged();
}

SweepDialog::~SweepDialog() { join(); }

void SweepDialog::setRequest(const SweepRequest& r, double timeScale)
{
    const auto eq = r.param.find('=');
    param_->setCurrentIndex(param_->findData(QString::fromStdString(r.param.substr(0, eq))));
    range_->setText(eq == std::string::npos ? QString() : QString::fromStdString(r.param.substr(eq + 1)));
    step_->setValue(r.step);
    double_->setChecked(r.doubling);
    repeat_->setValue(r.repeat);
    gil_->setCurrentIndex(std::max(0, gil_->findData(QString::fromStdString(r.gil))));
    timeScale_->setValue(timeScale);
}

void SweepDialog::paramChanged()
{
    const std::string name = param_->currentData().toString().toStdString();
    const Param* p = values_.find(name);
    const bool numeric = p && (p->type == Param::Type::Int || p->type == Param::Type::Double);
    step_->setEnabled(numeric);
    double_->setEnabled(numeric);
    range_->setEnabled(p != nullptr);
    if (!p) {
        range_->clear();
        gil_->setCurrentIndex(gil_->findData(QStringLiteral("both")));
    } else if (numeric) {
        auto text = [](double v) { return QString::number(v, 'g', 6); };
        // Doubling ranges suit counts from 1 ("workers=1..16"); others step through.
        range_->setText(text(p->min > 0 ? p->min : p->min + 1) + QStringLiteral("..") +
                        text(std::min(p->max, std::max(p->min, 1.0) * 16)));
        double_->setChecked(p->min >= 1 && p->type == Param::Type::Int);
    } else {
        QStringList all;
        if (p->type == Param::Type::Bool)
            all = {QStringLiteral("true"), QStringLiteral("false")};
        for (const std::string& c : p->choices)
            all << QString::fromStdString(c);
        range_->setText(all.join(QLatin1Char(',')));
    }
}

SweepRequest SweepDialog::request() const
{
    SweepRequest r;
    const QString name = param_->currentData().toString();
    if (!name.isEmpty())
        r.param = (name + QLatin1Char('=') + range_->text().trimmed()).toStdString();
    r.doubling = double_->isEnabled() && double_->isChecked();
    r.step = step_->isEnabled() && !r.doubling ? step_->value() : 0;
    r.gil = gil_->currentData().toString().toStdString();
    r.repeat = repeat_->value();
    return r;
}

QString SweepDialog::error() const { return message_->text(); }

QString SweepDialog::estimate() const { return estimate_->text(); }

bool SweepDialog::start()
{
    if (running())
        return false;
    join();
    RunOptions o = options_;
    o.timeScale = timeScale_->value();
    try {
        plan_ = planSweep(scenario_, values_, request(), o);
    } catch (const std::invalid_argument& e) {
        message_->setText(QString::fromStdString(e.what()));
        return false;
    }
    message_->setText(tr("%n run(s): each value × GIL mode × repetition.", nullptr, int(plan_.runCount())));
    rows_.clear();
    traces_.clear();
    chart_->setData(plan_, rows_);
    finished_ = false;
    progress_->setRange(0, int(plan_.runCount()));
    progress_->setValue(0);
    start_->setEnabled(false);
    cancel_->setEnabled(true);
    clock_.start();
    updateProgress();
    runner_ = std::make_unique<SweepRunner>(plan_);
    worker_ = std::thread([this, runner = runner_.get()] {
        const bool completed = runner->run([this](const SweepRow& row, Trace& trace) {
            auto shared = std::make_shared<const Trace>(std::move(trace));
            // Queued onto the GUI thread; dropped if the dialog is gone (it joins first anyway).
            QMetaObject::invokeMethod(
                this, [this, row, shared] { addRow(row, shared); }, Qt::QueuedConnection);
        });
        QMetaObject::invokeMethod(
            this, [this, completed] { done(completed); }, Qt::QueuedConnection);
    });
    return true;
}

void SweepDialog::cancel()
{
    if (runner_)
        runner_->cancel();
}

void SweepDialog::join()
{
    if (runner_)
        runner_->cancel();
    if (worker_.joinable())
        worker_.join();
}

void SweepDialog::addRow(const SweepRow& row, std::shared_ptr<const Trace> trace)
{
    rows_.push_back(row);
    traces_.push_back(std::move(trace));
    fillSpeedups(plan_, rows_);
    chart_->setData(plan_, rows_);
    updateProgress();
    emit rowAdded(int(rows_.size()));
}

void SweepDialog::done(bool completed)
{
    finished_ = true;
    if (worker_.joinable())
        worker_.join();
    start_->setEnabled(true);
    cancel_->setEnabled(false);
    estimate_->setText(completed ? tr("done in %1 s").arg(clock_.elapsed() / 1000.0, 0, 'f', 1) : tr("cancelled"));
    emit finished(completed);
}

void SweepDialog::updateProgress()
{
    progress_->setValue(int(rows_.size()));
    if (rows_.empty()) {
        estimate_->setText(tr("starting…"));
        return;
    }
    // The runs so far, per run, times the runs left.
    const double perRun = clock_.elapsed() / 1000.0 / double(rows_.size());
    const double left = perRun * double(plan_.runCount() - rows_.size());
    estimate_->setText(tr("about %1 s left").arg(std::ceil(left)));
}

void SweepDialog::closeEvent(QCloseEvent* e)
{
    join();
    QDialog::closeEvent(e);
}

}  // namespace tl
