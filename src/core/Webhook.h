#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class QJsonDocument;

// Daily's webhook object as the API returns it. Parses the current shape (string `state`, ISO 8601 times)
// and the legacy beta shape (numeric state, epoch seconds), and remembers for every field whether Daily sent
// it, sent null, or sent something of an unexpected type, so a view can say so instead of guessing.
class Webhook
{
public:
    enum class FieldStatus { Present, Missing, Null, WrongType };

    // Names of the fields Daily documents, in the order a detail view shows them.
    static const QStringList& fieldNames();

    QString uuid;
    QString url;
    QString hmac;
    QString basicAuth;
    QString retryType;
    QStringList eventTypes;
    QString state;
    double failedCount = 0;
    QDateTime lastMomentPushed;
    QString domainId;
    QDateTime createdAt;
    QDateTime updatedAt;

    static Webhook fromJson(const QJsonObject& object);
    // The current shape, with Daily's field names and formats (used by the sandbox and for export).
    QJsonObject toJson() const;

    FieldStatus fieldStatus(const QString& field) const;
    // The value as Daily sent it, for tooltips and "unexpected type" displays.
    QJsonValue rawValue(const QString& field) const;
    QJsonObject raw() const { return m_raw; }

    // Anything other than ACTIVE (FAILED, INACTIVE, STOPPED, unknown strings) does not deliver events.
    bool isDelivering() const;

    // Daily's timestamps: ISO 8601 with milliseconds, always UTC.
    static QString formatTimestamp(const QDateTime& time);

private:
    QJsonObject m_raw;
    QHash<QString, FieldStatus> m_status;
};

// GET /webhooks answers a bare array; GET /webhooks/:uuid answers an object or a one-element array.
namespace WebhookJson {
std::optional<QList<Webhook>> parseList(const QJsonDocument& document);
std::optional<Webhook> parseSingle(const QJsonDocument& document);
} // namespace WebhookJson
