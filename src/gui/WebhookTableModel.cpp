#include "WebhookTableModel.h"

#include "DisplayText.h"
#include "DomainStates.h"
#include "RelativeTime.h"

#include <QApplication>
#include <QColor>
#include <QFont>
#include <QStyle>

namespace {

QColor failedColor()
{
    return QColor(QStringLiteral("#c62828"));
}

QColor warningColor()
{
    return QColor(QStringLiteral("#b26a00"));
}

} // namespace

WebhookTableModel::WebhookTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{ }

void WebhookTableModel::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, LastPushColumn), index(int(m_rows.size()) - 1, LastPushColumn));
}

int WebhookTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int WebhookTableModel::rowsFor(const DomainState& state)
{
    if (state.status == DomainState::Status::Loaded)
        return std::max(1, int(state.webhooks.size()));
    return 1;
}

void WebhookTableModel::rebuildRows()
{
    m_rows.clear();
    for (int d = 0; d < m_domains.size(); ++d) {
        const DomainState& state = m_domains.at(d);
        if (state.status == DomainState::Status::Loaded && !state.webhooks.isEmpty()) {
            for (int w = 0; w < state.webhooks.size(); ++w)
                m_rows.append({d, w});
        } else {
            m_rows.append({d, -1});
        }
    }
}

int WebhookTableModel::domainIndex(const QString& domainId) const
{
    for (int d = 0; d < m_domains.size(); ++d) {
        if (m_domains.at(d).domainId == domainId)
            return d;
    }
    return -1;
}

int WebhookTableModel::firstRowOfDomain(int domain) const
{
    int row = 0;
    for (int d = 0; d < domain; ++d)
        row += rowsFor(m_domains.at(d));
    return row;
}

int WebhookTableModel::firstRowOf(const QString& domainId) const
{
    const int d = domainIndex(domainId);
    return d < 0 ? -1 : firstRowOfDomain(d);
}

void WebhookTableModel::observe(DomainStates* states)
{
    setDomains(states->states());
    connect(states, &DomainStates::stateChanged, this, &WebhookTableModel::updateDomain);
    connect(states, &DomainStates::removed, this, &WebhookTableModel::removeDomain);
}

void WebhookTableModel::setDomains(const QList<DomainState>& domains)
{
    beginResetModel();
    m_domains = domains;
    rebuildRows();
    endResetModel();
}

void WebhookTableModel::updateDomain(const DomainState& state)
{
    const int d = domainIndex(state.domainId);
    if (d < 0) {
        const int first = int(m_rows.size());
        beginInsertRows(QModelIndex(), first, first + rowsFor(state) - 1);
        m_domains.append(state);
        rebuildRows();
        endInsertRows();
        return;
    }
    const int first = firstRowOfDomain(d);
    const int before = rowsFor(m_domains.at(d));
    const int after = rowsFor(state);
    if (after < before) {
        beginRemoveRows(QModelIndex(), first + after, first + before - 1);
        m_domains[d] = state;
        rebuildRows();
        endRemoveRows();
    } else if (after > before) {
        beginInsertRows(QModelIndex(), first + before, first + after - 1);
        m_domains[d] = state;
        rebuildRows();
        endInsertRows();
    } else {
        m_domains[d] = state;
        rebuildRows();
    }
    emit dataChanged(index(first, 0), index(first + after - 1, ColumnCount - 1));
}

void WebhookTableModel::removeDomain(const QString& domainId)
{
    const int d = domainIndex(domainId);
    if (d < 0)
        return;
    const int first = firstRowOfDomain(d);
    beginRemoveRows(QModelIndex(), first, first + rowsFor(m_domains.at(d)) - 1);
    m_domains.removeAt(d);
    rebuildRows();
    endRemoveRows();
}

std::optional<DomainState> WebhookTableModel::domain(const QString& domainId) const
{
    const int d = domainIndex(domainId);
    if (d < 0)
        return std::nullopt;
    return m_domains.at(d);
}

WebhookTableModel::RowKind WebhookTableModel::rowKind(int row) const
{
    const Row& r = m_rows.at(row);
    if (r.webhook >= 0)
        return RowKind::Webhook;
    switch (m_domains.at(r.domain).status) {
    case DomainState::Status::Loaded:
        return RowKind::NoWebhook;
    case DomainState::Status::Failed:
        return RowKind::Failed;
    case DomainState::Status::NotLoaded:
    case DomainState::Status::Loading:
        return RowKind::Loading;
    }
    return RowKind::Loading;
}

QString WebhookTableModel::domainIdAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_domains.at(m_rows.at(row).domain).domainId;
}

std::optional<Webhook> WebhookTableModel::webhookAt(int row) const
{
    if (row < 0 || row >= m_rows.size() || m_rows.at(row).webhook < 0)
        return std::nullopt;
    const Row& r = m_rows.at(row);
    return m_domains.at(r.domain).webhooks.at(r.webhook);
}

QVariant WebhookTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    const DomainState& domain = m_domains.at(r.domain);
    switch (role) {
    case DomainIdRole:
        return domain.domainId;
    case RowKindRole:
        return int(rowKind(index.row()));
    default:
        break;
    }
    if (r.webhook >= 0)
        return webhookData(domain, domain.webhooks.at(r.webhook), index.column(), role);
    return statusRowData(domain, index.column(), role);
}

QVariant WebhookTableModel::webhookData(const DomainState& domain, const Webhook& w, int column, int role) const
{
    const bool failed = w.state == QLatin1String("FAILED");
    const bool attention = !w.isDelivering();
    switch (role) {
    case WebhookUuidRole:
        return w.uuid;
    case AttentionRole:
        return attention;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (column) {
        case DomainColumn:
            return domain.domainName;
        case UrlColumn:
            return DisplayText::elided(w.url);
        case StateColumn:
            return w.state.isEmpty() ? tr("unknown") : DisplayText::elided(w.state);
        case FailedCountColumn:
            return QLocale().toString(w.failedCount);
        case LastPushColumn:
            return RelativeTime::format(w.lastMomentPushed, m_now());
        case RetryTypeColumn:
            return DisplayText::elided(w.retryType);
        case EventCountColumn:
            return int(w.eventTypes.size());
        }
        break;
    case SortRole:
        switch (column) {
        case DomainColumn:
            return domain.domainName.toLower();
        case UrlColumn:
            return w.url.toLower();
        case StateColumn:
            return w.state;
        case FailedCountColumn:
            return w.failedCount;
        case LastPushColumn:
            return w.lastMomentPushed.isValid() ? w.lastMomentPushed.toMSecsSinceEpoch() : qint64(-1);
        case RetryTypeColumn:
            return w.retryType;
        case EventCountColumn:
            return int(w.eventTypes.size());
        }
        break;
    case Qt::ToolTipRole:
        switch (column) {
        case StateColumn:
            if (failed)
                return tr("Daily switched this webhook off after repeated failed deliveries. Reactivate it once "
                          "the endpoint answers 200 again.");
            if (attention)
                return tr("This webhook is not delivering events.");
            return tr("Delivering events.");
        case LastPushColumn:
            return w.lastMomentPushed.isValid()
                ? QString(QLocale().toString(w.lastMomentPushed.toLocalTime(), QLocale::LongFormat) + QLatin1Char('\n')
                    + Webhook::formatTimestamp(w.lastMomentPushed))
                : tr("Daily has not pushed an event yet.");
        case EventCountColumn:
            return DisplayText::elided(w.eventTypes.join(QLatin1Char('\n')));
        case UrlColumn:
            return DisplayText::elided(w.url);
        }
        break;
    case Qt::ForegroundRole:
        if (column == StateColumn && attention)
            return failed ? failedColor() : warningColor();
        break;
    case Qt::FontRole:
        if (column == StateColumn && attention) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    case Qt::DecorationRole:
        if (column == StateColumn) {
            QStyle* style = QApplication::style();
            if (failed)
                return style->standardIcon(QStyle::SP_MessageBoxCritical);
            if (attention)
                return style->standardIcon(QStyle::SP_MessageBoxWarning);
            return style->standardIcon(QStyle::SP_DialogApplyButton);
        }
        break;
    case Qt::TextAlignmentRole:
        if (column == FailedCountColumn || column == EventCountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant WebhookTableModel::statusRowData(const DomainState& domain, int column, int role) const
{
    const bool failed = domain.status == DomainState::Status::Failed;
    const bool loaded = domain.status == DomainState::Status::Loaded;
    switch (role) {
    case AttentionRole:
        return failed;
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        if (column == DomainColumn)
            return domain.domainName;
        if (column == UrlColumn) {
            if (failed)
                return domain.error.message;
            if (loaded)
                return tr("No webhook yet — press Create");
            return tr("Loading…");
        }
        if (column == StateColumn)
            return failed ? tr("Error") : loaded ? tr("none") : QString();
        return {};
    case SortRole:
        if (column == DomainColumn)
            return domain.domainName.toLower();
        if (column == StateColumn)
            return failed ? QStringLiteral("~error") : QStringLiteral("~none");
        return {};
    case Qt::ToolTipRole:
        if (failed)
            return QString(domain.error.message + QLatin1Char('\n') + domain.error.hint);
        if (loaded)
            return tr("Daily allows one webhook per domain; this domain has none.");
        return {};
    case Qt::ForegroundRole:
        if (failed && (column == UrlColumn || column == StateColumn))
            return failedColor();
        if (loaded && column == UrlColumn)
            return QApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole:
        if (loaded && column == UrlColumn) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::DecorationRole:
        if (failed && column == StateColumn)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    default:
        return {};
    }
}

QVariant WebhookTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DomainColumn:
        return tr("Domain");
    case UrlColumn:
        return tr("URL");
    case StateColumn:
        return tr("State");
    case FailedCountColumn:
        return tr("Failures");
    case LastPushColumn:
        return tr("Last push");
    case RetryTypeColumn:
        return tr("Retry type");
    case EventCountColumn:
        return tr("Events");
    }
    return {};
}
