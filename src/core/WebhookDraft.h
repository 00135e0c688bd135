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

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const; // compact, as sent on the wire

    // The draft that would turn `original` into this one: only the changed fields.
    WebhookDraft changedFrom(const Webhook& original) const;

    // The problem with a URL, or an empty string. Daily needs an absolute https URL; plain http is
    // accepted only for loopback hosts (the sandbox, a local receiver).
    static QString urlProblem(const QString& url);
    // A non-blocking remark about an acceptable URL (plain http on loopback), or an empty string.
    static QString urlNote(const QString& url);
    static bool isLoopbackHost(const QString& host);

    // Our reading of Daily's docs: Daily sends `Authorization: Basic <basicAuth>` verbatim, so the stored
    // credential is base64("user:password").
    static QString basicAuthFromCredentials(const QString& user, const QString& password);
};
