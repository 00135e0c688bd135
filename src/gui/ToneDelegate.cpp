#include "ToneDelegate.h"

#include "DeliveryListModel.h"
#include "ToneColors.h"

void ToneDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const QVariant tone = index.data(DeliveryListModel::ToneRole);
    if (!tone.isValid() || tone.toInt() == int(DeliveryListModel::Tone::Plain))
        return;
    // A selected row keeps the highlight's text colour: a tone on the highlight may not read.
    if (option->state & QStyle::State_Selected)
        return;
    option->palette.setColor(
        QPalette::Text, ToneColors::foreground(DeliveryListModel::Tone(tone.toInt()), option->palette));
}
