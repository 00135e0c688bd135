#pragma once

#include "ApiError.h"
#include "Webhook.h"

#include <QByteArray>
#include <QList>

#include <optional>

// What a finished call to Daily produced, as plain values: never a QNetworkReply.
struct ApiResult
{
    ApiError error; // kind None on success
    int httpStatus = 0;
    QByteArray body;
    qint64 elapsedMs = 0;
    std::optional<Webhook> webhook; // create, get, update
    QList<Webhook> webhooks; // list

    bool ok() const { return !error.isError(); }
};
