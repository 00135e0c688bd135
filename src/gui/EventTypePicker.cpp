#include "EventTypePicker.h"
#include "ui_EventTypePicker.h"

#include "EventCatalog.h"

#include <QSignalBlocker>

namespace {
constexpr int TypeRole = Qt::UserRole;
constexpr int FamilyRole = Qt::UserRole + 1;
} // namespace

EventTypePicker::EventTypePicker(QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::EventTypePicker>())
    , m_catalog(&EventCatalog::builtIn())
{
    m_ui->setupUi(this);
    connect(m_ui->filterEdit, &QLineEdit::textChanged, this, &EventTypePicker::applyFilter);
    connect(m_ui->selectAllButton, &QPushButton::clicked, this, [this] { selectShown(true); });
    connect(m_ui->selectNoneButton, &QPushButton::clicked, this, [this] { selectShown(false); });
    connect(m_ui->tree, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem*, int) {
        if (m_updating)
            return;
        updateCount();
        emit selectionChanged();
    });
    rebuild();
}

EventTypePicker::~EventTypePicker() = default;

void EventTypePicker::setCatalog(const EventCatalog& catalog)
{
    const QStringList selected = selectedTypes();
    m_catalog = &catalog;
    rebuild();
    setSelectedTypes(selected);
}

void EventTypePicker::rebuild()
{
    m_updating = true;
    m_ui->tree->clear();
    for (const EventCatalog::Family& family : m_catalog->families()) {
        const QList<EventCatalog::Event> events = m_catalog->eventsOfFamily(family.id);
        if (events.isEmpty())
            continue;
        auto* parent = new QTreeWidgetItem(m_ui->tree, {family.title});
        parent->setData(0, FamilyRole, family.id);
        parent->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsAutoTristate);
        parent->setCheckState(0, Qt::Unchecked);
        parent->setToolTip(0, tr("Check to choose every %1 event; uncheck to clear them.").arg(family.title));
        for (const EventCatalog::Event& event : events) {
            auto* item = new QTreeWidgetItem(parent, {event.type});
            item->setData(0, TypeRole, event.type);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
            item->setCheckState(0, Qt::Unchecked);
            item->setToolTip(0, event.description);
            item->setData(0, Qt::AccessibleDescriptionRole, event.description);
        }
    }
    m_ui->tree->expandAll();
    m_updating = false;
    applyFilter();
    updateCount();
}

QStringList EventTypePicker::selectedTypes() const
{
    QStringList result;
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* parent = m_ui->tree->topLevelItem(i);
        for (int j = 0; j < parent->childCount(); ++j) {
            if (parent->child(j)->checkState(0) == Qt::Checked)
                result.append(parent->child(j)->data(0, TypeRole).toString());
        }
    }
    return result;
}

void EventTypePicker::setSelectedTypes(const QStringList& types)
{
    m_updating = true;
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* parent = m_ui->tree->topLevelItem(i);
        for (int j = 0; j < parent->childCount(); ++j) {
            QTreeWidgetItem* item = parent->child(j);
            item->setCheckState(0, types.contains(item->data(0, TypeRole).toString()) ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
    updateCount();
    emit selectionChanged();
}

QTreeWidgetItem* EventTypePicker::familyItem(const QString& familyId) const
{
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        if (m_ui->tree->topLevelItem(i)->data(0, FamilyRole).toString() == familyId)
            return m_ui->tree->topLevelItem(i);
    }
    return nullptr;
}

void EventTypePicker::setFamilySelected(const QString& familyId, bool selected)
{
    if (QTreeWidgetItem* parent = familyItem(familyId))
        parent->setCheckState(0, selected ? Qt::Checked : Qt::Unchecked);
}

void EventTypePicker::selectShown(bool selected)
{
    m_updating = true;
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* parent = m_ui->tree->topLevelItem(i);
        for (int j = 0; j < parent->childCount(); ++j) {
            QTreeWidgetItem* item = parent->child(j);
            if (!item->isHidden())
                item->setCheckState(0, selected ? Qt::Checked : Qt::Unchecked);
        }
    }
    m_updating = false;
    updateCount();
    emit selectionChanged();
}

void EventTypePicker::setFilterText(const QString& text)
{
    m_ui->filterEdit->setText(text);
}

QString EventTypePicker::filterText() const
{
    return m_ui->filterEdit->text();
}

void EventTypePicker::applyFilter()
{
    const QString needle = m_ui->filterEdit->text().trimmed();
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem* parent = m_ui->tree->topLevelItem(i);
        const bool familyMatches = parent->text(0).contains(needle, Qt::CaseInsensitive);
        int shown = 0;
        for (int j = 0; j < parent->childCount(); ++j) {
            QTreeWidgetItem* item = parent->child(j);
            const bool match = needle.isEmpty() || familyMatches || item->text(0).contains(needle, Qt::CaseInsensitive)
                || item->toolTip(0).contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        parent->setHidden(shown == 0);
    }
    updateCount();
}

int EventTypePicker::shownCount() const
{
    int shown = 0;
    for (int i = 0; i < m_ui->tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* parent = m_ui->tree->topLevelItem(i);
        for (int j = 0; j < parent->childCount(); ++j)
            shown += parent->child(j)->isHidden() ? 0 : 1;
    }
    return shown;
}

QString EventTypePicker::countText() const
{
    return m_ui->countLabel->text();
}

void EventTypePicker::updateCount()
{
    const int chosen = int(selectedTypes().size());
    QString text = tr("%1 of %2 event types chosen").arg(chosen).arg(m_catalog->size());
    const int shown = shownCount();
    if (shown < m_catalog->size())
        text += tr(" · %n shown by the filter", nullptr, shown);
    m_ui->countLabel->setText(text);
}
