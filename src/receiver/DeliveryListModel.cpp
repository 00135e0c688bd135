#include "DeliveryListModel.h"

#include "DeliveryStore.h"
#include "DeliveryVerifier.h"
#include "DisplayText.h"
#include "Limits.h"

#include <QThread>

#include <algorithm>
#include <memory>

namespace {

constexpr auto kTimeFormat = "yyyy-MM-dd HH:mm:ss";

// A row as the list keeps it: what a page reads, without the headers and body a new row arrives with.
StoredDelivery listed(StoredDelivery delivery)
{
    delivery.headers.clear();
    delivery.body.clear();
    delivery.forwardBody.clear();
    return delivery;
}

bool forwardUnderWay(const StoredDelivery& d)
{
    return d.forwarded() && d.forwardStatus == 0 && d.forwardFailure.isEmpty();
}

} // namespace

DeliveryListModel::DeliveryListModel(DeliveryStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_pageSize(Limits::DeliveryListPageRows)
    , m_maxLiveRows(Limits::DeliveryListMaxLiveRows)
{
    Q_ASSERT(store);
    reload();
}

DeliveryListModel::~DeliveryListModel()
{
    // A count still running reads the database through its own connection; it ends within a scan of the table.
    for (const QPointer<QThread>& thread : std::as_const(m_counters)) {
        if (thread) {
            thread->wait();
            delete thread.data();
        }
    }
}

void DeliveryListModel::setFilter(const DeliveryFilter& filter)
{
    m_filter = filter;
    reload();
}

void DeliveryListModel::setMaxLiveRows(int rows)
{
    m_maxLiveRows = qMax(1, rows);
}

void DeliveryListModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void DeliveryListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_atEnd = true;
    m_newestSeen = 0;
    if (m_store->isOpen()) {
        // The first page is read below the newest id taken first, so a row another program stores meanwhile is
        // left to refreshNewer, never read twice.
        m_newestSeen = m_store->newestId();
        m_rows = m_store->pageBefore(m_filter, m_newestSeen + 1, m_pageSize);
        m_atEnd = m_rows.size() < m_pageSize;
    }
    endResetModel();

    ++m_countGeneration; // a count of the former filter is of no use
    if (m_atEnd) {
        // Every matching row is listed: that is the count.
        m_countBase = m_rows.size();
        m_countedUpTo = m_newestSeen;
        m_countKnown = true;
        emit countChanged();
    } else {
        m_countKnown = false;
        recount();
    }
}

void DeliveryListModel::addStored(const StoredDelivery& delivery)
{
    if (delivery.id <= m_newestSeen || !m_store->isOpen())
        return;
    if (delivery.id != m_newestSeen + 1) {
        // Another program stored rows in between; they and this one are read in order.
        refreshNewer();
        return;
    }
    m_newestSeen = delivery.id;
    if (!matches(delivery))
        return;
    insertOnTop({listed(delivery)});
}

void DeliveryListModel::updateForwarded(const StoredDelivery& delivery)
{
    const int row = rowOf(delivery.id);
    if (row < 0)
        return;
    StoredDelivery& shown = m_rows[row];
    shown.status = delivery.status;
    shown.forwardUrl = delivery.forwardUrl;
    shown.forwardStatus = delivery.forwardStatus;
    shown.forwardLatencyMs = delivery.forwardLatencyMs;
    shown.forwardCut = delivery.forwardCut;
    shown.forwardFailure = delivery.forwardFailure;
    shown.forwardProblem = delivery.forwardProblem;
    shown.problem = delivery.problem;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DeliveryListModel::refreshNewer()
{
    if (!m_store->isOpen())
        return;
    const qint64 newest = m_store->newestId();
    if (newest < m_newestSeen) {
        // The rows this list knows are gone (the database was emptied): start again.
        reload();
        return;
    }
    if (newest > m_newestSeen) {
        const QList<StoredDelivery> rows = m_store->pageAfter(m_filter, m_newestSeen, m_pageSize + 1);
        if (rows.size() > m_pageSize) {
            reload();
            return;
        }
        m_newestSeen = rows.isEmpty() ? newest : qMax(newest, rows.last().id);
        if (!rows.isEmpty())
            insertOnTop(rows);
    }
    if (m_countKnown && m_countedUpTo < m_newestSeen)
        recount();
}

void DeliveryListModel::insertOnTop(const QList<StoredDelivery>& oldestFirst)
{
    const int n = int(oldestFirst.size());
    beginInsertRows({}, 0, n - 1);
    for (const StoredDelivery& d : oldestFirst)
        m_rows.prepend(d);
    endInsertRows();
    const int beyond = int(m_rows.size()) - m_maxLiveRows;
    if (beyond > 0) {
        // Dropped from the bottom, never from what the store holds: fetchMore reads them again by id. The count
        // takes in the dropped rows it counted as listed, so it stays the store's.
        const qint64 newestDropped = m_rows.at(m_maxLiveRows).id;
        if (newestDropped > m_countedUpTo) {
            m_countBase += std::count_if(m_rows.cbegin() + m_maxLiveRows, m_rows.cend(),
                [this](const StoredDelivery& d) { return d.id > m_countedUpTo; });
            m_countedUpTo = newestDropped;
        }
        beginRemoveRows({}, m_maxLiveRows, int(m_rows.size()) - 1);
        m_rows.erase(m_rows.begin() + m_maxLiveRows, m_rows.end());
        endRemoveRows();
        m_atEnd = false;
    }
    emit countChanged();
}

qint64 DeliveryListModel::matchingCount() const
{
    // The listed rows above the counted id are the matching rows stored since the count.
    const auto above = std::partition_point(
        m_rows.cbegin(), m_rows.cend(), [this](const StoredDelivery& d) { return d.id > m_countedUpTo; });
    return m_countBase + (above - m_rows.cbegin());
}

void DeliveryListModel::recount()
{
    const int generation = ++m_countGeneration;
    const qint64 upTo = m_newestSeen;
    if (m_filter.isEmpty()) {
        // On the primary key alone: a millisecond at 100,000 rows.
        countArrived(generation, upTo, m_store->count({}, upTo));
        return;
    }
    auto result = std::make_shared<qint64>(-1);
    const QString path = m_store->path();
    const DeliveryFilter filter = m_filter;
    QThread* thread = QThread::create([result, path, filter, upTo] {
        // A connection belongs to the thread that opened it.
        DeliveryStore reader;
        if (reader.open(path, nullptr))
            *result = reader.count(filter, upTo);
    });
    m_counters.removeAll(QPointer<QThread>());
    m_counters.append(thread);
    // Queued to this thread: the result is written before the thread finishes.
    connect(thread, &QThread::finished, this, [this, thread, generation, upTo, result] {
        m_counters.removeAll(QPointer<QThread>(thread));
        thread->deleteLater();
        if (*result >= 0)
            countArrived(generation, upTo, *result);
    });
    thread->start(QThread::LowPriority);
}

void DeliveryListModel::countArrived(int generation, qint64 upToId, qint64 count)
{
    if (generation != m_countGeneration)
        return;
    m_countBase = count;
    m_countedUpTo = upToId;
    m_countKnown = true;
    emit countChanged();
}

StoredDelivery DeliveryListModel::deliveryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : StoredDelivery {};
}

qint64 DeliveryListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int DeliveryListModel::rowOf(qint64 id) const
{
    // Ids are strictly descending down the rows.
    const auto it
        = std::partition_point(m_rows.cbegin(), m_rows.cend(), [id](const StoredDelivery& d) { return d.id > id; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

int DeliveryListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeliveryListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool DeliveryListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && m_store->isOpen();
}

void DeliveryListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent))
        return;
    const qint64 before = m_rows.isEmpty() ? m_newestSeen + 1 : m_rows.constLast().id;
    const QList<StoredDelivery> rows = m_store->pageBefore(m_filter, before, m_pageSize);
    m_atEnd = rows.size() < m_pageSize;
    if (rows.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    m_rows.append(rows);
    endInsertRows();
}

QVariant DeliveryListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case RequestColumn:
        return tr("Request");
    case TypeColumn:
        return tr("Event type");
    case EventIdColumn:
        return tr("Event id");
    case SignatureColumn:
        return tr("Signature");
    case BasicAuthColumn:
        return tr("Basic auth");
    case StatusColumn:
        return tr("Answered");
    default:
        return {};
    }
}

QVariant DeliveryListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const StoredDelivery& d = m_rows.at(index.row());
    if (role == IdRole)
        return d.id;
    const int column = index.column();
    if (role == ToneRole) {
        switch (column) {
        case SignatureColumn:
            return int(signatureTone(d.signature));
        case BasicAuthColumn:
            return int(basicAuthTone(d.basicAuth));
        case StatusColumn:
            return int(statusTone(d));
        default:
            return int(Tone::Plain);
        }
    }
    if (role == Qt::DisplayRole) {
        switch (column) {
        case TimeColumn:
            return d.receivedAt.toLocalTime().toString(QLatin1String(kTimeFormat));
        case RequestColumn:
            if (d.method.isEmpty())
                return tr("(unreadable request)");
            return DisplayText::elided(QString::fromLatin1(d.method + ' ' + d.target));
        case TypeColumn:
            if (d.ping)
                return tr("ping");
            return d.eventType.isEmpty() ? QStringLiteral("—") : DisplayText::elided(d.eventType);
        case EventIdColumn:
            return d.eventId.isEmpty() ? QStringLiteral("—") : DisplayText::elided(d.eventId);
        case SignatureColumn: {
            const QString verdict = signatureText(d.signature);
            return d.matchedSecret.isEmpty() ? verdict
                                             : tr("%1 · %2").arg(verdict, DisplayText::elided(d.matchedSecret));
        }
        case BasicAuthColumn:
            return basicAuthText(d.basicAuth);
        case StatusColumn:
            return statusText(d);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case TimeColumn:
            return d.receivedAt.toUTC().toString(Qt::ISODateWithMs);
        case RequestColumn:
        case TypeColumn:
            return d.problem.isEmpty() ? QVariant() : DisplayText::elided(d.problem);
        case SignatureColumn: {
            const auto verdict = DeliveryVerifier::signatureVerdictNamed(d.signature);
            return verdict ? DeliveryVerifier::describe(*verdict)
                           : tr("Not checked: the request was refused before its body was read.");
        }
        case BasicAuthColumn: {
            const auto verdict = DeliveryVerifier::basicAuthVerdictNamed(d.basicAuth);
            return verdict ? DeliveryVerifier::describe(*verdict) : QVariant();
        }
        case StatusColumn:
            return d.forwardProblem.isEmpty() ? QVariant() : DisplayText::elided(d.forwardProblem);
        default:
            return {};
        }
    }
    return {};
}

QString DeliveryListModel::signatureText(const QString& verdictName)
{
    const auto verdict = DeliveryVerifier::signatureVerdictNamed(verdictName);
    if (!verdict)
        return tr("not checked");
    switch (*verdict) {
    case DeliveryVerifier::SignatureVerdict::Valid:
        return tr("valid");
    case DeliveryVerifier::SignatureVerdict::Invalid:
        return tr("invalid");
    case DeliveryVerifier::SignatureVerdict::HeadersMissing:
        return tr("not signed");
    case DeliveryVerifier::SignatureVerdict::TimestampOutsideTolerance:
        return tr("timestamp out of tolerance");
    case DeliveryVerifier::SignatureVerdict::NoSecretKnown:
        return tr("no secret known");
    }
    return {};
}

QString DeliveryListModel::basicAuthText(const QString& verdictName)
{
    const auto verdict = DeliveryVerifier::basicAuthVerdictNamed(verdictName);
    if (!verdict)
        return QStringLiteral("—");
    switch (*verdict) {
    case DeliveryVerifier::BasicAuthVerdict::Valid:
        return tr("valid");
    case DeliveryVerifier::BasicAuthVerdict::Missing:
        return tr("missing");
    case DeliveryVerifier::BasicAuthVerdict::Wrong:
        return tr("wrong");
    case DeliveryVerifier::BasicAuthVerdict::NotExpected:
        return tr("none expected");
    }
    return {};
}

DeliveryListModel::Tone DeliveryListModel::signatureTone(const QString& verdictName)
{
    const auto verdict = DeliveryVerifier::signatureVerdictNamed(verdictName);
    if (!verdict)
        return Tone::Plain;
    switch (*verdict) {
    case DeliveryVerifier::SignatureVerdict::Valid:
        return Tone::Good;
    case DeliveryVerifier::SignatureVerdict::Invalid:
    case DeliveryVerifier::SignatureVerdict::TimestampOutsideTolerance:
        return Tone::Bad;
    case DeliveryVerifier::SignatureVerdict::HeadersMissing:
    case DeliveryVerifier::SignatureVerdict::NoSecretKnown:
        return Tone::Warning;
    }
    return Tone::Plain;
}

DeliveryListModel::Tone DeliveryListModel::basicAuthTone(const QString& verdictName)
{
    const auto verdict = DeliveryVerifier::basicAuthVerdictNamed(verdictName);
    if (!verdict)
        return Tone::Plain;
    switch (*verdict) {
    case DeliveryVerifier::BasicAuthVerdict::Valid:
        return Tone::Good;
    case DeliveryVerifier::BasicAuthVerdict::Missing:
    case DeliveryVerifier::BasicAuthVerdict::Wrong:
        return Tone::Bad;
    case DeliveryVerifier::BasicAuthVerdict::NotExpected:
        return Tone::Plain;
    }
    return Tone::Plain;
}

QString DeliveryListModel::statusText(const StoredDelivery& d)
{
    const QString answered = d.status == 0 ? tr("no answer") : QString::number(d.status);
    if (!d.forwarded())
        return answered;
    if (forwardUnderWay(d))
        return tr("forwarding…");
    if (d.forwardStatus == 0)
        return tr("%1 · app: no answer").arg(answered);
    return tr("%1 · app %2 in %3 ms").arg(answered).arg(d.forwardStatus).arg(d.forwardLatencyMs);
}

DeliveryListModel::Tone DeliveryListModel::statusTone(const StoredDelivery& d)
{
    if (d.forwarded() && !forwardUnderWay(d) && d.forwardStatus == 0)
        return Tone::Bad;
    const bool success = d.status >= 200 && d.status < 300;
    return success ? Tone::Plain : Tone::Warning;
}
