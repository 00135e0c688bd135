#pragma once

#include <QByteArray>
#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

// What one pre-flight check found: the answer a webhook URL gave to the ping Daily sends before it saves a
// webhook, and whether Daily would have accepted that answer. A plain value; never a QNetworkReply.
struct PreflightResult
{
    QUrl url;
    int httpStatus = 0; // 0 when no HTTP answer arrived
    qint64 latencyMs = 0; // from sending the ping to the end of the answer (or the failure)
    QString httpVersion; // "HTTP/1.1", "HTTP/2", or empty when no answer arrived
    QStringList tlsProblems; // one human sentence per certificate or TLS problem
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError; // when no usable answer arrived
    QString networkErrorText; // Qt's words for networkError, empty without one
    QString redirectLocation; // the Location header of a 3xx answer
    QByteArray responseBody; // the first 4 KiB of the answer, for the details view
    qint64 responseBytes = 0; // how long the answer really was
    bool timedOut = false;
    bool cancelled = false;
    bool signedPing = false; // false when no usable HMAC secret was given
    bool secretRejected = false; // a secret was given but is not the base64 Daily requires
    // False for hosts only this machine or its network can reach (loopback, private addresses, .local names).
    bool reachableByDaily = true;
    bool wouldAccept = false; // HTTP 200 within the time limit, as Daily requires
    QString verdict; // one sentence: why Daily would or would not accept this answer

    static constexpr int MaxBodyBytes = 4096;
};
