#pragma once

#include "ApiError.h"
#include "Webhook.h"

#include <QDateTime>
#include <QList>
#include <QString>

// What the app last learned about one domain's webhooks: the value a refresh produces and the webhook table
// shows. Daily allows one webhook per domain, but the list endpoint answers an array, so a list it is.
// domainId: the saved domain's id (Domain::id), not Daily's Webhook::domainId.
struct DomainState
{
    enum class Status { NotLoaded, Loading, Loaded, Failed };

    QString domainId;
    QString domainName;
    Status status = Status::NotLoaded;
    QList<Webhook> webhooks;
    ApiError error; // when status is Failed
    QDateTime refreshedAt; // when the last answer (success or failure) arrived
    int attempts = 0; // requests made for the last refresh, 429 retries included
};
