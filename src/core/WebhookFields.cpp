#include "WebhookFields.h"

const QStringList& WebhookFields::all()
{
    static const QStringList names {Uuid, Url, State, RetryType, EventTypes, FailedCount, LastMomentPushed, DomainId,
        CreatedAt, UpdatedAt, BasicAuth, Hmac};
    return names;
}

const QStringList& WebhookFields::writable()
{
    static const QStringList names {Url, BasicAuth, RetryType, EventTypes, Hmac};
    return names;
}

const QStringList& WebhookFields::secret()
{
    static const QStringList names {BasicAuth, Hmac};
    return names;
}

bool WebhookFields::isWritable(const QString& name)
{
    return writable().contains(name);
}

bool WebhookFields::isSecret(const QString& name, Qt::CaseSensitivity sensitivity)
{
    return secret().contains(name, sensitivity);
}
