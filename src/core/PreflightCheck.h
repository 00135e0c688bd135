#pragma once

#include "PreflightResult.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

// Sends a webhook URL the ping Daily sends before it saves a webhook (DeliveryRequest::ping: a signed POST of
// {"test":"test"} over HTTP/1.1, redirects not followed) and judges the answer as Daily would: HTTP 200 within the time
// limit. Lets a person fix their endpoint before Daily refuses the webhook with "non-200 status code returned". One
// check at a time; finished() follows every start() exactly once, cancel() included. Reusable.
class PreflightCheck : public QObject
{
    Q_OBJECT

public:
    // Daily's limit is "a few seconds" in the docs and 8 s in one observation; the sandbox uses 8 s too.
    static constexpr int DefaultTimeoutMs = 8000;

    explicit PreflightCheck(QNetworkAccessManager* manager, QObject* parent = nullptr);
    // Abandoning a check aborts it without finished().
    ~PreflightCheck() override;

    // Why Daily, on the internet, could not reach this URL's host ("this machine", "a private network
    // address", ...), or an empty string. Judged from the URL alone: a public name that resolves to a private
    // address here is not detected.
    static QString unreachableReason(const QUrl& url);
    // Fills in wouldAccept and verdict from what was observed. Pure, so every verdict can be tested as a table.
    static PreflightResult judged(PreflightResult observed, int timeoutMs);

    bool isRunning() const { return !m_reply.isNull(); }

    // Starts a check; a check already running is abandoned without finished(). `hmacBase64` may be empty
    // (the ping then goes out unsigned, and the verdict says so); `basicAuth` may be empty.
    void start(const QUrl& url, const QString& hmacBase64, const QString& basicAuth, int timeoutMs = DefaultTimeoutMs);

public slots:
    // Ends a running check at once; finished() reports it as cancelled.
    void cancel();

signals:
    void finished(const PreflightResult& result);

private:
    void collectBody(QNetworkReply* reply);
    void onFinished();
    void abandon();

    QNetworkAccessManager* m_manager;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
    QElapsedTimer m_clock;
    PreflightResult m_result;
    int m_timeoutMs = DefaultTimeoutMs;
};
