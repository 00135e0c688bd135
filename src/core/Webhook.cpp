#include "Webhook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <cmath>

namespace {

const QString kUuid = QStringLiteral("uuid");
const QString kUrl = QStringLiteral("url");
const QString kHmac = QStringLiteral("hmac");
const QString kBasicAuth = QStringLiteral("basicAuth");
const QString kRetryType = QStringLiteral("retryType");
const QString kEventTypes = QStringLiteral("eventTypes");
const QString kState = QStringLiteral("state");
const QString kFailedCount = QStringLiteral("failedCount");
const QString kLastMomentPushed = QStringLiteral("lastMomentPushed");
const QString kDomainId = QStringLiteral("domainId");
const QString kCreatedAt = QStringLiteral("createdAt");
const QString kUpdatedAt = QStringLiteral("updatedAt");

using Status = Webhook::FieldStatus;

Status statusOf(const QJsonObject& object, const QString& name)
{
    if (!object.contains(name))
        return Status::Missing;
    return object.value(name).isNull() ? Status::Null : Status::Present;
}

Status readString(const QJsonObject& object, const QString& name, QString* out)
{
    const Status status = statusOf(object, name);
    if (status != Status::Present)
        return status;
    const QJsonValue value = object.value(name);
    if (!value.isString())
        return Status::WrongType;
    *out = value.toString();
    return Status::Present;
}

// Invalid when the milliseconds do not fit in a qint64: converting such a double would be undefined behaviour.
QDateTime fromEpochSeconds(double seconds)
{
    const double ms = seconds * 1000.0;
    if (!(std::abs(ms) < 9223372036854775808.0)) // 2^63; also false for NaN
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(ms), QTimeZone::utc());
}

// ISO 8601 strings (current API) or epoch seconds (the beta API).
Status readTime(const QJsonObject& object, const QString& name, QDateTime* out)
{
    const Status status = statusOf(object, name);
    if (status != Status::Present)
        return status;
    const QJsonValue value = object.value(name);
    QDateTime time;
    if (value.isString())
        time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    else if (value.isDouble())
        time = fromEpochSeconds(value.toDouble());
    if (!time.isValid())
        return Status::WrongType;
    *out = time;
    return Status::Present;
}

// The beta API's numeric states.
QString legacyState(int value)
{
    switch (value) {
    case 0:
        return QStringLiteral("FAILED");
    case 1:
        return QStringLiteral("ACTIVE");
    case 2:
        return QStringLiteral("STOPPED");
    default:
        return QString::number(value);
    }
}

} // namespace

const QStringList& Webhook::fieldNames()
{
    static const QStringList names {kUuid, kUrl, kState, kRetryType, kEventTypes, kFailedCount, kLastMomentPushed,
        kDomainId, kCreatedAt, kUpdatedAt, kBasicAuth, kHmac};
    return names;
}

Webhook Webhook::fromJson(const QJsonObject& object)
{
    Webhook w;
    w.m_raw = object;
    w.m_status.insert(kUuid, readString(object, kUuid, &w.uuid));
    w.m_status.insert(kUrl, readString(object, kUrl, &w.url));
    w.m_status.insert(kHmac, readString(object, kHmac, &w.hmac));
    w.m_status.insert(kBasicAuth, readString(object, kBasicAuth, &w.basicAuth));
    w.m_status.insert(kRetryType, readString(object, kRetryType, &w.retryType));
    w.m_status.insert(kDomainId, readString(object, kDomainId, &w.domainId));
    w.m_status.insert(kLastMomentPushed, readTime(object, kLastMomentPushed, &w.lastMomentPushed));
    w.m_status.insert(kCreatedAt, readTime(object, kCreatedAt, &w.createdAt));
    w.m_status.insert(kUpdatedAt, readTime(object, kUpdatedAt, &w.updatedAt));

    Status state = statusOf(object, kState);
    if (state == Status::Present) {
        const QJsonValue value = object.value(kState);
        if (value.isString())
            w.state = value.toString();
        else if (value.isDouble())
            w.state = legacyState(value.toInt(-1));
        else
            state = Status::WrongType;
    }
    w.m_status.insert(kState, state);

    Status failed = statusOf(object, kFailedCount);
    if (failed == Status::Present) {
        const QJsonValue value = object.value(kFailedCount);
        if (value.isDouble())
            w.failedCount = value.toDouble();
        else
            failed = Status::WrongType;
    }
    w.m_status.insert(kFailedCount, failed);

    Status events = statusOf(object, kEventTypes);
    if (events == Status::Present) {
        const QJsonValue value = object.value(kEventTypes);
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (const QJsonValue& item : array) {
                if (!item.isString()) {
                    events = Status::WrongType;
                    w.eventTypes.clear();
                    break;
                }
                w.eventTypes.append(item.toString());
            }
        } else {
            events = Status::WrongType;
        }
    }
    w.m_status.insert(kEventTypes, events);
    return w;
}

QJsonObject Webhook::toJson() const
{
    QJsonObject o;
    o.insert(kUuid, uuid);
    o.insert(kUrl, url);
    o.insert(kHmac, hmac);
    o.insert(kBasicAuth, basicAuth.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(basicAuth));
    o.insert(kRetryType, retryType);
    o.insert(kEventTypes, QJsonArray::fromStringList(eventTypes));
    o.insert(kState, state);
    o.insert(kFailedCount, failedCount);
    // An unknown time is null, never an empty string that would not parse back.
    const auto timeOrNull = [](const QDateTime& time) {
        return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue(QJsonValue::Null);
    };
    o.insert(kLastMomentPushed, timeOrNull(lastMomentPushed));
    o.insert(kDomainId, domainId);
    o.insert(kCreatedAt, timeOrNull(createdAt));
    o.insert(kUpdatedAt, timeOrNull(updatedAt));
    return o;
}

Webhook::FieldStatus Webhook::fieldStatus(const QString& field) const
{
    return m_status.value(field, Status::Missing);
}

QJsonValue Webhook::rawValue(const QString& field) const
{
    return m_raw.value(field);
}

bool Webhook::isDelivering() const
{
    return state == QLatin1String("ACTIVE");
}

QString Webhook::formatTimestamp(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

namespace WebhookJson {

// An object without a uuid is not a webhook, whatever else it holds (an error page's JSON, a proxy's answer).
static bool looksLikeWebhook(const QJsonValue& value)
{
    return value.isObject() && value.toObject().contains(QStringLiteral("uuid"));
}

std::optional<QList<Webhook>> parseList(const QJsonDocument& document)
{
    if (!document.isArray())
        return std::nullopt;
    QList<Webhook> list;
    const QJsonArray array = document.array();
    for (const QJsonValue& item : array) {
        if (!looksLikeWebhook(item))
            return std::nullopt;
        list.append(Webhook::fromJson(item.toObject()));
    }
    return list;
}

std::optional<Webhook> parseSingle(const QJsonDocument& document)
{
    if (document.isObject() && looksLikeWebhook(document.object()))
        return Webhook::fromJson(document.object());
    if (document.isArray()) {
        const QJsonArray array = document.array();
        if (array.size() == 1 && looksLikeWebhook(array.first()))
            return Webhook::fromJson(array.first().toObject());
    }
    return std::nullopt;
}

} // namespace WebhookJson
