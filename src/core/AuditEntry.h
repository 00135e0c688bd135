#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// One change to a webhook as the audit log keeps it: who (profile, domain), what (action, uuid) and the
// configuration before and after, without secrets. The secrets of the "before" configuration live in the
// keychain under `secretRef`; an entry never holds them.
struct AuditEntry
{
    enum class Action { Create, Update, Delete, Reactivate };

    qint64 id = 0;
    QDateTime at; // UTC
    QString profileId;
    QString domainName;
    Action action = Action::Create;
    QString webhookUuid;
    std::optional<QJsonObject> before; // none for a create
    std::optional<QJsonObject> after; // none for a delete
    QString secretRef; // keychain entry with {hmac, basicAuth} of `before`; empty when it had none

    // "create", "update", "delete", "reactivate": the words stored in the database.
    static QString actionName(Action action);
    static std::optional<Action> actionFromName(const QString& name);
};
