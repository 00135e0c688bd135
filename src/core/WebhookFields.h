#pragma once

#include <QLatin1String>
#include <QStringList>

// Daily's names for the fields of a webhook, written here and nowhere else: code spells a field through these
// constants (tests may spell the wire format out, to pin it). The names, types and meanings are those of
// reference/daily-api.md §1 ("The webhook object", and the request bodies of §1a create and §1d update).
//
// Adding a field: its name here and in the lists below, its member in Webhook (read in fromJson, written in
// toJson), and for a field a request can set, its member in WebhookDraft with its line in that class's field list.
class WebhookFields
{
public:
    // §1 the webhook object: read-only, Daily's own.
    static constexpr QLatin1String Uuid {"uuid"}; // the webhook's id, also the :uuid of §1c–§1e
    static constexpr QLatin1String State {"state"}; // "ACTIVE", "FAILED"… (numbers in the beta API)
    static constexpr QLatin1String FailedCount {"failedCount"}; // consecutive failures
    static constexpr QLatin1String LastMomentPushed {"lastMomentPushed"}; // ISO 8601, null before any push
    static constexpr QLatin1String DomainId {"domainId"}; // Daily's id of the domain, not a saved domain's id
    static constexpr QLatin1String CreatedAt {"createdAt"}; // ISO 8601
    static constexpr QLatin1String UpdatedAt {"updatedAt"}; // ISO 8601

    // §1a/§1d the fields a create or update body may carry (and the webhook object returns).
    static constexpr QLatin1String Url {"url"}; // required by create
    static constexpr QLatin1String BasicAuth {"basicAuth"}; // secret; null in the object when unset
    static constexpr QLatin1String RetryType {"retryType"}; // "circuit-breaker" | "exponential"
    static constexpr QLatin1String EventTypes {"eventTypes"}; // array of event type names (§2)
    static constexpr QLatin1String Hmac {"hmac"}; // secret, base64; provisioned by Daily when left out

    // Every field of the webhook object, in the order a detail view shows them.
    static const QStringList& all();
    // The fields a create or update body may carry, in the order Daily's schema checks them (§1a): a request
    // with anything else is refused ("\"scope\" is not allowed").
    static const QStringList& writable();
    // The fields that hold a secret: redacted in logs, output and the audit log's database.
    static const QStringList& secret();

    static bool isWritable(const QString& name);
    // A request log also redacts keys spelled in another case, which Daily would not read but a person might.
    static bool isSecret(const QString& name, Qt::CaseSensitivity sensitivity = Qt::CaseSensitive);
};
