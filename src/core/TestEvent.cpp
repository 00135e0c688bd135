#include "TestEvent.h"

#include "EventCatalog.h"
#include "JsonBytes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QUuid>

namespace {

QByteArray jsonString(const QString& text)
{
    // QJsonDocument escapes as JSON requires; the array around the one string is cut off again.
    const QByteArray array = QJsonDocument(QJsonArray {text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

std::optional<TestEvent> TestEvent::sample(const QString& type, const EventCatalog& catalog)
{
    const EventCatalog::Event* event = catalog.event(type);
    if (!event)
        return std::nullopt;
    TestEvent e;
    e.m_type = event->type;
    e.m_version = event->sample.value(QStringLiteral("version")).toString(QStringLiteral("1.0.0"));
    e.m_sampleId = event->sample.value(QStringLiteral("id")).toString();
    e.m_payload
        = QJsonDocument(event->sample.value(QStringLiteral("payload")).toObject()).toJson(QJsonDocument::Compact);
    return e;
}

QList<TestEvent> TestEvent::allSamples(const EventCatalog& catalog)
{
    QList<TestEvent> events;
    for (const EventCatalog::Event& event : catalog.events()) {
        if (const std::optional<TestEvent> e = sample(event.type, catalog))
            events.append(*e);
    }
    return events;
}

QString TestEvent::setPayload(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return QObject::tr("The payload is not JSON: %1 at byte %2.").arg(error.errorString()).arg(error.offset);
    if (!document.isObject())
        return QObject::tr("The payload must be one JSON object, {…}, as Daily's payloads are.");
    m_payload = JsonBytes::compacted(json);
    return {};
}

QString TestEvent::freshId(qint64 sentAtMs) const
{
    static const QRegularExpression uuidPattern(
        QStringLiteral("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"));
    static const QRegularExpression trailingTime(QStringLiteral("(\\d{13}|\\d{10})$"));
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const auto withTime = [sentAtMs](QString rest) {
        const QRegularExpressionMatch time = trailingTime.match(rest);
        if (time.hasMatch()) {
            const qint64 now = time.capturedLength() == 13 ? sentAtMs : sentAtMs / 1000;
            rest.replace(time.capturedStart(), time.capturedLength(), QString::number(now));
        }
        return rest;
    };
    const QRegularExpressionMatch match = uuidPattern.match(m_sampleId);
    if (match.hasMatch())
        return m_sampleId.left(match.capturedStart()) + uuid + withTime(m_sampleId.mid(match.capturedEnd()));
    // An id without a uuid (dialin.ready's "3602-dial-in-ready-<seconds>") gets one before its time, so two test
    // events within a second still have different ids.
    const QRegularExpressionMatch time = trailingTime.match(m_sampleId);
    if (time.hasMatch())
        return m_sampleId.left(time.capturedStart()) + uuid + QLatin1Char('-') + withTime(time.captured(1));
    const QString prefix = m_sampleId.isEmpty() ? m_type + QLatin1Char('-') : m_sampleId + QLatin1Char('-');
    return prefix + uuid;
}

QByteArray TestEvent::eventTimestamp(qint64 ms)
{
    QByteArray text = QByteArray::number(ms / 1000);
    const qint64 fraction = ms % 1000;
    if (fraction == 0)
        return text;
    QByteArray digits = QByteArray::number(fraction).rightJustified(3, '0');
    while (digits.endsWith('0'))
        digits.chop(1);
    return text + '.' + digits;
}

QByteArray TestEvent::body(const QString& id, qint64 sentAtMs) const
{
    QByteArray out;
    out += "{\"version\":" + jsonString(m_version);
    out += ",\"type\":" + jsonString(m_type);
    out += ",\"id\":" + jsonString(id);
    out += ",\"payload\":" + m_payload;
    out += ",\"event_ts\":" + eventTimestamp(sentAtMs);
    out += '}';
    return out;
}

DeliveryRequest TestEvent::request(
    const QUrl& url, const QString& hmacBase64, const QString& basicAuth, qint64 nowMs, QString* id) const
{
    const QString eventId = freshId(nowMs);
    if (id)
        *id = eventId;
    return DeliveryRequest::signedPost(
        url, body(eventId, nowMs), hmacBase64, basicAuth, QByteArray::number(nowMs), userAgent());
}

QByteArray TestEvent::userAgent()
{
    return QByteArrayLiteral("daily-webhooks/" DW_VERSION " (test event)");
}
