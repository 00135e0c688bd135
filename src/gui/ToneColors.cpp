#include "ToneColors.h"

#include <QPalette>

QColor ToneColors::foreground(DeliveryListModel::Tone tone, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    int hue = -1;
    switch (tone) {
    case DeliveryListModel::Tone::Plain:
        return text;
    case DeliveryListModel::Tone::Good:
        hue = 125;
        break;
    case DeliveryListModel::Tone::Bad:
        hue = 2;
        break;
    case DeliveryListModel::Tone::Warning:
        hue = 32;
        break;
    }
    // On a dark base the text is light: the tone keeps the text's side of the scale, so it reads as well.
    const bool darkBase = palette.color(QPalette::Base).lightness() < 128;
    return QColor::fromHsl(hue, 200, darkBase ? 165 : 75);
}
