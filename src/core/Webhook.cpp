#include "Webhook.h"

#include "WebhookFields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimeZone>

#include <cmath>

namespace {

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
    return WebhookFields::all();
}

Webhook Webhook::fromJson(const QJsonObject& object)
{
    Webhook w;
    w.m_raw = object;
    const auto text
        = [&w, &object](const QString& name, QString* out) { w.m_status.insert(name, readString(object, name, out)); };
    const auto time
        = [&w, &object](const QString& name, QDateTime* out) { w.m_status.insert(name, readTime(object, name, out)); };
    text(WebhookFields::Uuid, &w.uuid);
    text(WebhookFields::Url, &w.url);
    text(WebhookFields::Hmac, &w.hmac);
    text(WebhookFields::BasicAuth, &w.basicAuth);
    text(WebhookFields::RetryType, &w.retryType);
    text(WebhookFields::DomainId, &w.domainId);
    time(WebhookFields::LastMomentPushed, &w.lastMomentPushed);
    time(WebhookFields::CreatedAt, &w.createdAt);
    time(WebhookFields::UpdatedAt, &w.updatedAt);

    Status state = statusOf(object, WebhookFields::State);
    if (state == Status::Present) {
        const QJsonValue value = object.value(WebhookFields::State);
        if (value.isString())
            w.state = value.toString();
        else if (value.isDouble())
            w.state = legacyState(value.toInt(-1));
        else
            state = Status::WrongType;
    }
    w.m_status.insert(WebhookFields::State, state);

    Status failed = statusOf(object, WebhookFields::FailedCount);
    if (failed == Status::Present) {
        const QJsonValue value = object.value(WebhookFields::FailedCount);
        if (value.isDouble())
            w.failedCount = value.toDouble();
        else
            failed = Status::WrongType;
    }
    w.m_status.insert(WebhookFields::FailedCount, failed);

    Status events = statusOf(object, WebhookFields::EventTypes);
    if (events == Status::Present) {
        const QJsonValue value = object.value(WebhookFields::EventTypes);
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
    w.m_status.insert(WebhookFields::EventTypes, events);
    return w;
}

QJsonObject Webhook::toJson() const
{
    QJsonObject o;
    o.insert(WebhookFields::Uuid, uuid);
    o.insert(WebhookFields::Url, url);
    o.insert(WebhookFields::Hmac, hmac);
    o.insert(WebhookFields::BasicAuth, basicAuth.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(basicAuth));
    o.insert(WebhookFields::RetryType, retryType);
    o.insert(WebhookFields::EventTypes, QJsonArray::fromStringList(eventTypes));
    o.insert(WebhookFields::State, state);
    o.insert(WebhookFields::FailedCount, failedCount);
    // An unknown time is null, never an empty string that would not parse back.
    const auto timeOrNull = [](const QDateTime& time) {
        return time.isValid() ? QJsonValue(formatTimestamp(time)) : QJsonValue(QJsonValue::Null);
    };
    o.insert(WebhookFields::LastMomentPushed, timeOrNull(lastMomentPushed));
    o.insert(WebhookFields::DomainId, domainId);
    o.insert(WebhookFields::CreatedAt, timeOrNull(createdAt));
    o.insert(WebhookFields::UpdatedAt, timeOrNull(updatedAt));
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
    return value.isObject() && value.toObject().contains(WebhookFields::Uuid);
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
