#pragma once

#include <QStyledItemDelegate>

// Paints a cell's text in the colour of its DeliveryListModel::ToneRole, taken from the view's palette
// (ToneColors), so the model never names a colour.
class ToneDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
