#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// One change to a webhook as the audit log keeps it: which domain (the saved domain's id and name), what (action,
// uuid) and the configuration before and after, without secrets. The secrets of the "before" configuration live
// in the keychain under `secretRef`; an entry never holds them.
struct AuditEntry
{
    enum class Action { Create, Update, Delete, Reactivate };

    qint64 id = 0;
    QDateTime at; // UTC
    // The saved domain's id (Domain::id), not Daily's Webhook::domainId; empty for targets that are not saved.
    QString domainId;
    QString domainName;
    Action action = Action::Create;
    QString webhookUuid;
    std::optional<QJsonObject> before; // none for a create
    std::optional<QJsonObject> after; // none for a delete
    QString secretRef; // keychain entry with {hmac, basicAuth} of `before`; empty when it had none
    // A configuration with a value over the audit log's limits (Limits::MaxAuditStringLength characters per
    // string, Limits::MaxAuditListItems items per list, Limits::MaxAuditUuidLength for the uuid) is kept cut to
    // them, and marked here. A cut "before" cannot be recreated: it would be another webhook. Its secrets, if
    // they were over the limit themselves, are not kept at all.
    bool beforeTruncated = false;
    bool afterTruncated = false;

    bool isTruncated() const { return beforeTruncated || afterTruncated; }
    // The "before" configuration exists and is whole.
    bool isRecreatable() const { return before.has_value() && !beforeTruncated; }

    // The URL of the webhook the entry is about: the configuration after the change, or the one deleted; empty
    // when neither has one.
    QString webhookUrl() const;

    // "create", "update", "delete", "reactivate": the words stored in the database.
    static QString actionName(Action action);
    static std::optional<Action> actionFromName(const QString& name);
};
