// SPDX-License-Identifier: MIT
#include "exporter.h"

#include "engine/model/atomic_file.h"
#include "palette.h"

#include <QBuffer>
#include <QFileInfo>
#include <QFontMetrics>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

namespace tl::view {

namespace {

void setError(QString* error, const QString& text)
{
    if (error)
        *error = text;
}

TimeRange resolvedRange(const Trace& trace, const ExportOptions& o)
{
    if (!o.range.isEmpty())
        return o.range;
    const int64_t end = recordedEnd(trace);
    return {0, std::max<int64_t>(end, 1)};
}

RenderOptions renderOptions(const ExportOptions& o)
{
    RenderOptions r = o.extra;
    r.dark = o.dark;
    r.legend = o.legend;
    r.title = o.title;
    r.verticalOffset = 0;
    return r;
}

// Every format is encoded into memory first, then written in one checked, atomic step.
bool writeOut(const QString& path, const QByteArray& bytes, QString* error)
{
    return writeFileAtomically(path, std::string_view(bytes.constData(), size_t(bytes.size())), error);
}

constexpr int kFooterPad = 12;

QFont footerFont()
{
    QFont f = QGuiApplication::font();
    f.setPointSizeF(f.pointSizeF() > 0 ? f.pointSizeF() * 0.9 : 8);
    return f;
}

QRect footerText(const QRect& band) { return band.adjusted(kFooterPad, 0, -kFooterPad, 0); }

}  // namespace

int footerHeight(const QString& text, int width)
{
    if (text.isEmpty())
        return 0;
    const QFontMetrics fm(footerFont());
    const QRect r = fm.boundingRect(footerText(QRect(0, 0, width, 1 << 20)), Qt::AlignLeft | Qt::TextWordWrap, text);
    return r.height() + fm.height();  // half a line of air above and below
}

void paintFooter(QPainter& p, const QRect& band, const QString& text, bool dark)
{
    const Theme& th = theme(dark);
    p.save();
    p.fillRect(band, th.background);
    p.setPen(th.grid);
    p.drawLine(band.left() + kFooterPad, band.top(), band.right() - kFooterPad, band.top());
    p.setFont(footerFont());
    p.setPen(th.textMuted);
    p.drawText(footerText(band), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, text);
    p.restore();
}

namespace {

// The timeline's own part of the picture and the columns of its plot (the panels align to it).
struct Composition {
    QSize timeline;
    QRect plot;
    TimeRange range;
};

// One picture: its renderers serve its size, its panels' layout and its painting, so the
// timeline's index (seconds for ten million events) is built once per picture, not per step.
class Picture {
public:
    Picture(const Trace& trace, const ExportOptions& o) : trace_(trace), o_(o), timeline_(&trace), panels_(&trace)
    {
        timeline_.setGroupFolds(o.groupFolds);
    }

    Composition compose(bool withRange = true)
    {
        Composition c;
        QSize s = o_.size;
        if (s.width() <= 0)
            s.setWidth(1600);
        const RenderOptions ro = renderOptions(o_);
        if (s.height() <= 0)
            s.setHeight(timeline_.naturalHeight(ro) +
                        (o_.legend ? timeline_.legendHeight(s.width(), o_.dark, ro.hiddenLayers) : 0));
        c.timeline = s;
        c.plot = timeline_.frame(QRect(QPoint(0, 0), s), ro).plot;
        if (withRange)
            c.range = resolvedRange(trace_, o_);
        return c;
    }

    QSize size()
    {
        const Composition c = compose(o_.panels);
        return c.timeline + QSize(0, panelsHeight(c) + footerHeight(o_.footer, c.timeline.width()));
    }

    PanelsLayout panelsLayout()
    {
        if (!o_.panels)
            return {};
        const Composition c = compose();
        return panels_.layout(QRect(0, c.timeline.height(), c.timeline.width(), 1), c.plot.left(), c.plot.width(),
                              c.range);
    }

    void paint(QPainter& p)
    {
        const Composition c = compose();
        timeline_.paint(p, QRect(QPoint(0, 0), c.timeline), c.range, renderOptions(o_));
        if (o_.panels)
            panels_.paint(p, QRect(0, c.timeline.height(), c.timeline.width(), 1), c.plot.left(), c.plot.width(),
                          c.range, o_.dark);
        if (const int h = footerHeight(o_.footer, c.timeline.width()))
            paintFooter(p, QRect(0, c.timeline.height() + panelsHeight(c), c.timeline.width(), h), o_.footer, o_.dark);
    }

private:
    int panelsHeight(const Composition& c)
    {
        return o_.panels ? panels_.height(c.timeline.width(), c.plot.left(), c.plot.width(), c.range) : 0;
    }

    const Trace& trace_;
    const ExportOptions& o_;
    TimelineRenderer timeline_;
    PanelsRenderer panels_;
};

}  // namespace

QSize Exporter::resolvedSize(const Trace& trace, const ExportOptions& o) { return Picture(trace, o).size(); }

PanelsLayout Exporter::panelsLayout(const Trace& trace, const ExportOptions& o)
{
    return Picture(trace, o).panelsLayout();
}

void Exporter::paint(QPainter& p, const Trace& trace, const ExportOptions& o) { Picture(trace, o).paint(p); }

QImage renderImage(const Trace& trace, const ExportOptions& o)
{
    Picture picture(trace, o);
    const QSize size = picture.size();
    const qreal scale = o.scale > 0 ? o.scale : 1.0;
    QImage img(QSize(qRound(size.width() * scale), qRound(size.height() * scale)), QImage::Format_ARGB32_Premultiplied);
    if (img.isNull())
        return img;
    img.setDevicePixelRatio(scale);
    QPainter p(&img);
    picture.paint(p);
    p.end();
    return img;
}

QImage renderImage(const Trace& trace, TimeRange range, QSize size, bool dark)
{
    ExportOptions o;
    o.range = range;
    o.size = size;
    o.dark = dark;
    TimelineRenderer r(&trace);
    // The legend only when it leaves room for the lanes.
    o.legend = size.height() <= 0 || r.legendHeight(size.width(), dark) * 3 < size.height();
    return renderImage(trace, o);
}

bool writePicture(PictureFormat format, const QString& path, QSize size, qreal scale, const QString& title,
                  const std::function<void(QPainter&)>& paint, QString* error)
{
    const QString name = title.isEmpty() ? QStringLiteral("ThreadLens timeline") : title;
    if (format == PictureFormat::Png) {
        scale = scale > 0 ? scale : 1.0;
        const int pw = qRound(size.width() * scale), ph = qRound(size.height() * scale);
        if (pw < 16 || ph < 16 || pw > Exporter::kMaxPngWidth || ph > Exporter::kMaxPngHeight) {
            setError(error, QObject::tr("Image size %1×%2 px is out of range (16 to %3×%4).")
                                .arg(pw)
                                .arg(ph)
                                .arg(Exporter::kMaxPngWidth)
                                .arg(Exporter::kMaxPngHeight));
            return false;
        }
    }
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    if (format == PictureFormat::Png) {
        const int pw = qRound(size.width() * scale), ph = qRound(size.height() * scale);
        QImage img(QSize(pw, ph), QImage::Format_ARGB32_Premultiplied);
        if (img.isNull()) {
            setError(error, QObject::tr("Not enough memory for a %1×%2 image.").arg(pw).arg(ph));
            return false;
        }
        img.setDevicePixelRatio(scale);
        {
            QPainter p(&img);
            paint(p);
        }
        if (!img.save(&buf, "PNG")) {
            setError(error, QObject::tr("Cannot encode PNG for %1.").arg(path));
            return false;
        }
    } else if (format == PictureFormat::Svg) {
        QSvgGenerator gen;
        gen.setOutputDevice(&buf);
        gen.setSize(size);
        gen.setViewBox(QRect(QPoint(0, 0), size));
        gen.setTitle(name);
        gen.setDescription(QStringLiteral("ThreadLens export"));
        QPainter p(&gen);
        paint(p);
    } else {
        QPdfWriter pdf(&buf);
        pdf.setResolution(96);
        pdf.setTitle(name);
        pdf.setCreator(QStringLiteral("ThreadLens"));
        // One page of exactly the picture's size (96 dpi logical pixels).
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96.0, size.height() * 72.0 / 96.0), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter p;
        if (!p.begin(&pdf)) {
            setError(error, QObject::tr("Cannot start the PDF writer for %1.").arg(path));
            return false;
        }
        // The painter's device may have a slightly different logical size: scale to fit.
        const QRect page = p.viewport();
        p.scale(double(page.width()) / size.width(), double(page.height()) / size.height());
        paint(p);
        p.end();
    }
    return writeOut(path, buf.data(), error);
}

std::optional<PictureFormat> pictureFormat(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return PictureFormat::Png;
    if (suffix == QLatin1String("svg"))
        return PictureFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return PictureFormat::Pdf;
    return std::nullopt;
}

namespace {
bool exportAs(PictureFormat f, const Trace& trace, const ExportOptions& o, const QString& path, QString* error)
{
    Picture picture(trace, o);
    return writePicture(
        f, path, picture.size(), o.scale, o.title, [&](QPainter& p) { picture.paint(p); }, error);
}
}  // namespace

bool Exporter::exportPng(const Trace& trace, const ExportOptions& o, const QString& path, QString* error)
{
    return exportAs(PictureFormat::Png, trace, o, path, error);
}

bool Exporter::exportSvg(const Trace& trace, const ExportOptions& o, const QString& path, QString* error)
{
    return exportAs(PictureFormat::Svg, trace, o, path, error);
}

bool Exporter::exportPdf(const Trace& trace, const ExportOptions& o, const QString& path, QString* error)
{
    return exportAs(PictureFormat::Pdf, trace, o, path, error);
}

bool Exporter::exportFile(const Trace& trace, const ExportOptions& o, const QString& path, QString* error)
{
    if (const auto f = pictureFormat(path))
        return exportAs(*f, trace, o, path, error);
    setError(error, QObject::tr("Unknown export format \"%1\": use .png, .svg or .pdf.").arg(QFileInfo(path).suffix()));
    return false;
}

}  // namespace tl::view
