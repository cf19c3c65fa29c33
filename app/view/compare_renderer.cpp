// SPDX-License-Identifier: MIT
#include "compare_renderer.h"

#include "figures.h"
#include "palette.h"
#include "units.h"

#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace tl::view {

namespace {

constexpr int kPad = 8;

RenderOptions timelineOptions(const CompareOptions& o, int headerWidth)
{
    RenderOptions r;
    r.dark = o.dark;
    r.legend = false;
    r.headerWidth = headerWidth;
    return r;
}

int lineHeight() { return QFontMetrics(QGuiApplication::font()).height(); }

QString signedDuration(double ns)
{
    return (ns < 0 ? QStringLiteral("−") : QStringLiteral("+")) + formatDuration(int64_t(std::llround(std::abs(ns))));
}

}  // namespace

QString diffValueText(const DiffRow& row, const std::optional<double>& v)
{
    if (!v)
        return QStringLiteral("—");
    switch (row.unit) {
    case DiffRow::Unit::Ns: return formatDuration(int64_t(std::llround(*v)));
    case DiffRow::Unit::Ratio: return QString::number(*v, 'f', 2) + QStringLiteral("×");
    case DiffRow::Unit::Share: return QString::number(std::lround(*v * 100)) + QStringLiteral("%");
    case DiffRow::Unit::Count: break;
    }
    return QString::number(std::llround(*v));
}

QString diffChangeText(const DiffRow& row)
{
    if (!row.a || !row.b)
        return {};
    const double d = row.change();
    if (d == 0)
        return QStringLiteral("same");
    QString abs;
    switch (row.unit) {
    case DiffRow::Unit::Ns: abs = signedDuration(d); break;
    case DiffRow::Unit::Ratio:
        abs = (d < 0 ? QStringLiteral("−") : QStringLiteral("+")) + QString::number(std::abs(d), 'f', 2) +
              QStringLiteral("×");
        break;
    case DiffRow::Unit::Share:
        abs = (d < 0 ? QStringLiteral("−") : QStringLiteral("+")) + QString::number(std::lround(std::abs(d) * 100)) +
              QStringLiteral(" pt");
        break;
    case DiffRow::Unit::Count:
        abs = (d < 0 ? QStringLiteral("−") : QStringLiteral("+")) + QString::number(std::llround(std::abs(d)));
        break;
    }
    // A relative change reads best for sizes (not for shares, already percentages).
    if (row.unit != DiffRow::Unit::Share && *row.a != 0)
        abs += QStringLiteral(" (%1%2%)")
                   .arg(d < 0 ? QStringLiteral("−") : QStringLiteral("+"))
                   .arg(std::lround(std::abs(d / *row.a) * 100));
    return abs;
}

QColor diffVerdictColor(int verdict, bool dark)
{
    if (verdict > 0)
        return familyColor(StateFamily::Run, dark);
    if (verdict < 0)
        return familyColor(StateFamily::Wait, dark);
    return theme(dark).textMuted;
}

int diffTableHeight(const std::vector<DiffRow>& rows)
{
    const int line = lineHeight() + 6;
    return line * int(rows.size() + 1) + kPad;
}

void paintDiffTable(QPainter& p, const QRect& rect, const std::vector<DiffRow>& rows, bool dark)
{
    const Theme& th = theme(dark);
    const QFont font = QGuiApplication::font();
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(font);
    const int line = fm.height() + 6;
    // Columns: the figure's name takes what the numbers leave.
    const int num = fm.horizontalAdvance(QStringLiteral("−000.00 ms (−000%)")) + 2 * kPad;
    const int val = fm.horizontalAdvance(QStringLiteral("000.00 ms")) + 2 * kPad;
    const int nameW = std::max(120, rect.width() - 2 * val - num);
    const QRect cols[4] = {QRect(rect.left(), 0, nameW, line), QRect(rect.left() + nameW, 0, val, line),
                           QRect(rect.left() + nameW + val, 0, val, line),
                           QRect(rect.left() + nameW + 2 * val, 0, num, line)};
    auto cell = [&](int c, int y, const QString& text, const QColor& color, bool right) {
        p.setPen(color);
        p.drawText(cols[c].translated(0, y).adjusted(kPad, 0, -kPad, 0),
                   (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, cols[c].width() - 2 * kPad));
    };
    p.save();
    p.fillRect(rect, th.background);
    int y = rect.top();
    p.fillRect(QRect(rect.left(), y, rect.width(), line), th.headerBackground);
    p.setFont(bold);
    cell(0, y, QObject::tr("Figure"), th.text, false);
    cell(1, y, QStringLiteral("A"), th.text, true);
    cell(2, y, QStringLiteral("B"), th.text, true);
    cell(3, y, QObject::tr("Change (B − A)"), th.text, true);
    p.setFont(font);
    std::string group;
    for (size_t i = 0; i < rows.size(); ++i) {
        const DiffRow& r = rows[i];
        y += line;
        if (i % 2)
            p.fillRect(QRect(rect.left(), y, rect.width(), line), th.laneAlt);
        // The object's name once, on its first row.
        const QString name =
            QString::fromStdString(r.group == group ? std::string("    ") + r.metric : r.group + ": " + r.metric);
        group = r.group;
        cell(0, y, name, th.text, false);
        cell(1, y, diffValueText(r, r.a), th.text, true);
        cell(2, y, diffValueText(r, r.b), th.text, true);
        cell(3, y, diffChangeText(r), diffVerdictColor(r.verdict(), dark), true);
    }
    p.restore();
}

QString runLabel(const QString& name, const std::string& what, const Trace& t, int64_t wallNs)
{
    const QString run = QString::fromStdString(t.scenario.empty() ? t.title : t.scenario + "  " + t.title);
    return QStringLiteral("%1: %2   —   %3, %4").arg(name, QString::fromStdString(what), run, formatDuration(wallNs));
}

int runLabelHeight() { return lineHeight() + 10; }

void paintRunLabel(QPainter& p, const QRect& rect, const QString& text, bool dark)
{
    const Theme& th = theme(dark);
    p.save();
    p.fillRect(rect, th.headerBackground);
    QFont bold = QGuiApplication::font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(th.text);
    const QRect r = rect.adjusted(kPad, 0, -kPad, 0);
    p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(bold).elidedText(text, Qt::ElideRight, r.width()));
    p.restore();
}

CompareLayout compareLayout(const Trace& a, const Trace& b, const CompareOptions& o)
{
    CompareLayout l;
    const int width = std::max(400, o.width);
    TimelineRenderer ra(&a), rb(&b);
    l.headerWidth = std::max(ra.headerWidth(), rb.headerWidth());
    l.range = o.range;
    if (l.range.isEmpty())
        l.range = {0, std::max<int64_t>({recordedEnd(a), recordedEnd(b), 1})};
    const RenderOptions ro = timelineOptions(o, l.headerWidth);
    const int line = lineHeight();
    int y = 0;
    if (!o.title.isEmpty()) {
        l.title = QRect(0, y, width, int(line * 1.8));
        y = l.title.bottom() + 1;
    }
    l.labelA = QRect(0, y, width, runLabelHeight());
    l.timelineA = QRect(0, l.labelA.bottom() + 1, width, ra.naturalHeight(ro));
    l.labelB = QRect(0, l.timelineA.bottom() + 1 + kPad, width, runLabelHeight());
    l.timelineB = QRect(0, l.labelB.bottom() + 1, width, rb.naturalHeight(ro));
    y = l.timelineB.bottom() + 1;
    if (o.legend) {
        l.legend = QRect(0, y, width, ra.legendHeight(width, o.dark));
        y = l.legend.bottom() + 1;
    }
    l.table = QRect(0, y + kPad, width, diffTableHeight(compareStats(a.statistics(), b.statistics())));
    y = l.table.bottom() + 1;
    if (const int h = footerHeight(o.footer, width)) {
        l.footer = QRect(0, y + kPad, width, h);
        y = l.footer.bottom() + 1;
    }
    l.plotA = ra.frame(l.timelineA, ro).plot;
    l.plotB = rb.frame(l.timelineB, ro).plot;
    l.size = QSize(width, y);
    return l;
}

void paintCompare(QPainter& p, const Trace& a, const Trace& b, const CompareOptions& o)
{
    const CompareLayout l = compareLayout(a, b, o);
    const Theme& th = theme(o.dark);
    p.fillRect(QRect(QPoint(0, 0), l.size), th.background);
    const QFont font = QGuiApplication::font();
    QFont bold = font;
    bold.setBold(true);
    if (!l.title.isNull()) {
        p.setFont(bold);
        p.setPen(th.text);
        p.drawText(l.title.adjusted(kPad, 0, -kPad, 0), Qt::AlignLeft | Qt::AlignVCenter, o.title);
    }
    const RunLabels labels = differences(a, b);
    const RenderOptions ro = timelineOptions(o, l.headerWidth);
    auto half = [&](const Trace& t, const QRect& label, const QRect& timeline, const QString& name,
                    const std::string& what) {
        paintRunLabel(p, label, runLabel(name, what, t, t.statistics().wall), o.dark);
        TimelineRenderer r(&t);
        r.paint(p, timeline, l.range, ro);
    };
    half(a, l.labelA, l.timelineA, QStringLiteral("A"), labels.a);
    half(b, l.labelB, l.timelineB, QStringLiteral("B"), labels.b);
    if (!l.legend.isNull())
        TimelineRenderer(&a).paintLegend(p, l.legend, o.dark);
    p.setFont(font);
    paintDiffTable(p, l.table, compareStats(a.statistics(), b.statistics()), o.dark);
    if (!l.footer.isNull())
        paintFooter(p, l.footer, o.footer, o.dark);
}

QString compareCaption(const Trace& a, const Trace& b)
{
    return QStringLiteral("A: %1\nB: %2").arg(runCaption(a), runCaption(b));
}

CompareOptions compareOptions(const ExportOptions& e, const Trace& a, const Trace& b)
{
    CompareOptions c;
    c.range = e.range;
    c.width = e.size.width();
    c.dark = e.dark;
    c.legend = e.legend;
    c.title = e.title;
    if (!e.footer.isEmpty())
        c.footer = compareCaption(a, b);
    return c;
}

QImage renderCompareImage(const Trace& a, const Trace& b, const CompareOptions& o, qreal scale)
{
    const QSize size = compareLayout(a, b, o).size;
    if (size.width() * scale > Exporter::kMaxPngWidth || size.height() * scale > Exporter::kMaxPngHeight)
        return {};
    QImage image(size * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter p(&image);
    paintCompare(p, a, b, o);
    return image;
}

bool exportCompare(PictureFormat format, const QString& path, const Trace& a, const Trace& b, const CompareOptions& o,
                   QString* error)
{
    const CompareLayout l = compareLayout(a, b, o);
    return writePicture(
        format, path, l.size, 1.0, o.title.isEmpty() ? QStringLiteral("ThreadLens comparison") : o.title,
        [&](QPainter& p) { paintCompare(p, a, b, o); }, error);
}

}  // namespace tl::view
