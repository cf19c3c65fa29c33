// SPDX-License-Identifier: MIT
#include "icons.h"

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

namespace tl {

namespace {

class TintedSvgEngine final : public QIconEngine {
public:
    explicit TintedSvgEngine(QString path) : path_(std::move(path))
    {
        QFile f(path_);
        if (f.open(QIODevice::ReadOnly))
            svg_ = f.readAll();
    }

    QIconEngine* clone() const override { return new TintedSvgEngine(*this); }
    QString key() const override { return QStringLiteral("tl-tinted-svg"); }
    bool isNull() override { return svg_.isEmpty(); }
    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }
    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        return {QSize(16, 16), QSize(24, 24), QSize(32, 32)};
    }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        // Straight from the vector: sharp on any device.
        QSvgRenderer r(tinted(colour(mode)));
        painter->save();
        painter->setOpacity(painter->opacity() * colour(mode).alphaF());
        r.render(painter, QRectF(rect));
        painter->restore();
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return render(size, mode, state, 1.0);
    }

    // Qt 6 asks for `size` in device pixels here (QIcon::pixmap multiplies by the ratio
    // before calling); the pixmap carries `scale` so it paints at its logical size.
    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State state, qreal scale) override
    {
        return render(size, mode, state, scale);
    }

private:
    static QColor colour(QIcon::Mode mode)
    {
        const QPalette p = QGuiApplication::palette();
        switch (mode) {
        case QIcon::Disabled: return p.color(QPalette::Disabled, QPalette::WindowText);
        case QIcon::Selected: return p.color(QPalette::Active, QPalette::HighlightedText);
        default: return p.color(QPalette::Active, QPalette::WindowText);
        }
    }

    QByteArray tinted(const QColor& c) const
    {
        QByteArray s = svg_;
        return s.replace("currentColor", c.name(QColor::HexRgb).toLatin1());
    }

    QPixmap render(const QSize& size, QIcon::Mode mode, QIcon::State, qreal scale)
    {
        if (size.isEmpty() || svg_.isEmpty())
            return {};
        const QColor c = colour(mode);
        const QString cacheKey = QStringLiteral("tl-icon:%1:%2x%3:%4:%5")
                                     .arg(path_)
                                     .arg(size.width())
                                     .arg(size.height())
                                     .arg(c.rgba(), 0, 16)
                                     .arg(scale);
        QPixmap pm;
        if (QPixmapCache::find(cacheKey, &pm))
            return pm;
        QImage img(size, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        {
            QPainter p(&img);
            p.setRenderHint(QPainter::Antialiasing);
            p.setOpacity(c.alphaF());
            QSvgRenderer r(tinted(c));
            r.render(&p, QRectF(QPointF(0, 0), QSizeF(size)));
        }
        pm = QPixmap::fromImage(std::move(img));
        pm.setDevicePixelRatio(scale);
        QPixmapCache::insert(cacheKey, pm);
        return pm;
    }

    QString path_;
    QByteArray svg_;
};

}  // namespace

QIcon themedIcon(const QString& name) { return QIcon(new TintedSvgEngine(QStringLiteral(":/icons/%1.svg").arg(name))); }

QStringList themedIconNames()
{
    QStringList names;
    for (const QString& f :
         QDir(QStringLiteral(":/icons")).entryList({QStringLiteral("*.svg")}, QDir::Files, QDir::Name))
        names << f.chopped(4);
    return names;
}

}  // namespace tl
