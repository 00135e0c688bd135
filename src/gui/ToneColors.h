#pragma once

#include "DeliveryListModel.h"

#include <QColor>

class QPalette;

// The colour of a verdict's tone, made from the palette it is shown on rather than fixed: a green, red or amber
// dark enough to read on a light base and light enough on a dark one (dark mode follows the system's palette).
// Plain is the palette's own text colour.
class ToneColors
{
public:
    static QColor foreground(DeliveryListModel::Tone tone, const QPalette& palette);
};
