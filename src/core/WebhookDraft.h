#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class EventCatalog;
class Webhook;

// A problem with one field of a draft, in words a person can act on.
struct FieldProblem
{
    enum class Kind {
        Invalid, // the value breaks a rule (validate)
        // Reading JSON (WebhookDraft::fromJson):
        WrongType, // not the field's JSON type, or an item of a list is not
        Null, // JSON null where a value belongs; each reader decides whether that means "left out"
        NotAllowed, // a name no request body may carry: one of Daily's read-only fields, or none of Daily's
    };

    QString field; // Daily's field name (WebhookFields), or for NotAllowed the name as it was written
    QString message;
    Kind kind = Kind::Invalid;
    qsizetype item = -1; // WrongType in a list: the first item of the wrong type; otherwise -1

    bool operator==(const FieldProblem& other) const
    {
        return field == other.field && message == other.message && kind == other.kind && item == other.item;
    }
};

// What the user sends to create or update a webhook. Only the fields that were set are sent.
class WebhookDraft
{
public:
    struct Reading;

    std::optional<QString> url;
    std::optional<QString> basicAuth;
    std::optional<QString> retryType;
    std::optional<QStringList> eventTypes;
    std::optional<QString> hmac;

    static const QString CircuitBreaker;
    static const QString Exponential;

    // The one reading of a create or update body (and of any JSON holding a configuration): every writable field
    // present with its JSON type (a string, or for eventTypes an array of strings) is set, whatever its value;
    // a field of another type or null stays unset and is a problem (WrongType, Null); any other name is a
    // NotAllowed problem. Problems come in the order of WebhookFields::writable(), then the other names in the
    // object's order; their messages never quote a value.
    static Reading fromJson(const QJsonObject& object);

    // The configuration of `webhook` as a draft: the URL always; retryType and eventTypes when not empty; the
    // secrets (basicAuth, hmac) only withSecrets and when not empty. Export, import and recreating from the
    // audit log all read a webhook this way.
    static WebhookDraft fromWebhook(const Webhook& webhook, bool withSecrets);

    // Every problem at once, each tied to its field. An empty list means the draft can be sent.
    // requireUrl: a create needs a URL; an update may leave it out.
    QList<FieldProblem> validate(const EventCatalog& catalog, bool requireUrl = true) const;

    // The fields as Daily reads them; the URL in its wire form (UrlPolicy::wireForm), e.g. a punycode host.
    QJsonObject toJson() const;
    QByteArray toJsonBytes() const; // compact, as sent on the wire

    // The draft that would turn `original` into this one: only the changed fields.
    WebhookDraft changedFrom(const Webhook& original) const;
    // `webhook` with the fields this draft sets replaced, as Daily applies an update; the others stay. The
    // result's raw() and fieldStatus() still describe the JSON `webhook` was read from.
    Webhook appliedTo(const Webhook& webhook) const;

    // Whether a secret field (WebhookFields::secret()) is set.
    bool hasSecrets() const;

    // Our reading of Daily's docs: Daily sends `Authorization: Basic <basicAuth>` verbatim, so the stored
    // credential is base64("user:password").
    static QString basicAuthFromCredentials(const QString& user, const QString& password);
};

// What WebhookDraft::fromJson read: the draft and what kept a field out of it.
struct WebhookDraft::Reading
{
    WebhookDraft draft;
    QList<FieldProblem> problems;
};
