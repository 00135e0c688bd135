#pragma once

#include "ApiRequest.h"

#include <QDateTime>
#include <QString>

// One call to Daily's API as the request log shows it. `request` keeps the API key and any secret of the body,
// so an entry lives in memory only; RequestLog's helpers render it redacted.
struct RequestLogEntry
{
    quint64 sequence = 0; // 1, 2, ... in the order entries were added; stays unique when old entries are dropped
    QDateTime at; // when the call started (UTC)
    QString domainName;
    QString domainId;
    ApiRequest request;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    qint64 durationMs = 0;
    QString errorKind; // ApiError::kindName(), empty on success

    QString method() const { return QString::fromLatin1(request.method); }
    QString path() const { return request.url.path(); }
};
