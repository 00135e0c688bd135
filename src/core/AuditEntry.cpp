#include "AuditEntry.h"

#include "WebhookFields.h"

QString AuditEntry::webhookUrl() const
{
    const std::optional<QJsonObject>& config = after ? after : before;
    return config ? config->value(WebhookFields::Url).toString() : QString();
}

QString AuditEntry::actionName(Action action)
{
    switch (action) {
    case Action::Create:
        return QStringLiteral("create");
    case Action::Update:
        return QStringLiteral("update");
    case Action::Delete:
        return QStringLiteral("delete");
    case Action::Reactivate:
        return QStringLiteral("reactivate");
    }
    return {};
}

std::optional<AuditEntry::Action> AuditEntry::actionFromName(const QString& name)
{
    for (Action action : {Action::Create, Action::Update, Action::Delete, Action::Reactivate}) {
        if (actionName(action) == name)
            return action;
    }
    return std::nullopt;
}
