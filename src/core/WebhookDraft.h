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
    QString field; // Daily's field name: url, basicAuth, retryType, eventTypes, hmac
    QString message;

    bool operator==(const FieldProblem& other) const { return field == other.field && message == other.message; }
};

// What the user sends to create or update a webhook. Only the fields that were set are sent.
class WebhookDraft
{
public:
    std::optional<QString> url;
    std::optional<QString> basicAuth;
    std::optional<QString> retryType;
    std::optional<QStringList> eventTypes;
    std::optional<QString> hmac;

    static const QString CircuitBreaker;
    static const QString Exponential;

    // Every problem at once, each tied to its field. An empty list means the draft can be sent.
    // requireUrl: a create needs a URL; an update may leave it out.
    QList<FieldProblem> validate(const EventCatalog& catalog, bool requireUrl = true) const;

    // The fields as Daily reads them; the URL in its wire form (UrlPolicy::wireForm), e.g. a punycode host.
    QJsonObject toJson() const;
    QByteArray toJsonBytes() const; // compact, as sent on the wire

    // The draft that would turn `original` into this one: only the changed fields.
    WebhookDraft changedFrom(const Webhook& original) const;

    // Our reading of Daily's docs: Daily sends `Authorization: Basic <basicAuth>` verbatim, so the stored
    // credential is base64("user:password").
    static QString basicAuthFromCredentials(const QString& user, const QString& password);
};
