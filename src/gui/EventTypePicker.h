#pragma once

#include <QStringList>
#include <QWidget>

#include <memory>

class EventCatalog;
class QTreeWidgetItem;
namespace Ui {
class EventTypePicker;
}

// Checkboxes for Daily's event types, grouped by family. A family's own checkbox selects all or none of its
// events; a filter narrows the list by name or meaning; a count says how many are chosen.
class EventTypePicker : public QWidget
{
    Q_OBJECT

public:
    explicit EventTypePicker(QWidget* parent = nullptr);
    ~EventTypePicker() override;

    // Uses EventCatalog::builtIn() until told otherwise.
    void setCatalog(const EventCatalog& catalog);

    // Chosen types, in catalog order.
    QStringList selectedTypes() const;
    void setSelectedTypes(const QStringList& types);
    // Checks or clears every event of one family.
    void setFamilySelected(const QString& familyId, bool selected);
    // Checks or clears every event currently shown (all, when no filter is set).
    void selectShown(bool selected);

    void setFilterText(const QString& text);
    QString filterText() const;
    int shownCount() const;
    QString countText() const;

signals:
    void selectionChanged();

private:
    void rebuild();
    void applyFilter();
    void updateCount();
    QTreeWidgetItem* familyItem(const QString& familyId) const;

    std::unique_ptr<Ui::EventTypePicker> m_ui;
    const EventCatalog* m_catalog;
    bool m_updating = false;
};
