#pragma once

#include "DeliveryRequest.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

class EventCatalog;

// One test event as Daily would deliver it: a type from the event catalog, its editable sample payload, and the
// compact body Daily sends, {"version","type","id","payload","event_ts"} in that order (reference/daily-api.md
// §2), with an id in the style of the type's documented ids and event_ts in fractional Unix seconds, both fresh
// for every send. Signed through DeliveryRequest::signedPost, the one builder of Daily's requests, with the
// timestamp header in milliseconds as Daily was observed to send it.
//
// The payload is kept as JSON text, not as a parsed object: a payload the user gives goes out with its keys in
// the user's order and its numbers as written (only the whitespace between tokens is removed), so what they sign
// in their own test is what arrives. The catalog's samples are parsed objects, so theirs come in key order.
class TestEvent
{
public:
    // The catalog's sample of `type`; nothing when the catalog does not know the type.
    static std::optional<TestEvent> sample(const QString& type, const EventCatalog& catalog);
    // Every type's sample, in the catalog's order ("send one of each").
    static QList<TestEvent> allSamples(const EventCatalog& catalog);

    QString type() const { return m_type; }
    // The schema version the catalog's sample carries ("1.0.0"; "1.1.0" for the transcript events).
    QString version() const { return m_version; }
    // The payload as it goes out: compact JSON text of an object.
    QByteArray payload() const { return m_payload; }
    // Replaces the payload with `json`, which must be one JSON object; whitespace between tokens is dropped,
    // nothing else changes. Returns the problem as one sentence (and keeps the payload) when it is not.
    QString setPayload(const QByteArray& json);

    // A fresh id for an event sent at `sentAtMs`: the sample's id with a new uuid (and its trailing Unix time,
    // in the sample's unit, set to the time of sending), e.g. met-sta-<uuid>-<seconds>.
    QString freshId(qint64 sentAtMs) const;
    // The exact bytes Daily would send.
    QByteArray body(const QString& id, qint64 sentAtMs) const;
    // `ms` since the epoch as fractional seconds the way Daily writes event_ts: 1708526033.049, 1770005094.87,
    // 1692124183 (JavaScript's shortest form of ms / 1000).
    static QByteArray eventTimestamp(qint64 ms);

    // The request that delivers this event to `url` now: a fresh id and event_ts, signed with `hmacBase64` (none
    // when empty), Basic auth when `basicAuth` is not empty. `id` receives the event's id when given.
    DeliveryRequest request(const QUrl& url, const QString& hmacBase64, const QString& basicAuth, qint64 nowMs,
        QString* id = nullptr) const;

    // The User-Agent test events carry: says what sent them, since Daily's own is not documented.
    static QByteArray userAgent();

private:
    QString m_type;
    QString m_version;
    QString m_sampleId;
    QByteArray m_payload;
};
