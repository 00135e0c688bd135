#pragma once

#include "ApiRequest.h"
#include "ApiResult.h"
#include "DomainTarget.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

// One call in flight. Emits finished() exactly once, with the result as a value; deletes itself afterwards.
// cancel() ends it at once with an ApiError of kind Cancelled; a transfer timeout ends it with kind Timeout.
// The answer is bounded while it is read (Limits::MaxApiAnswerBytes), a redirect is an error and never
// followed, and an answer shorter than its Content-Length is an error even when what came parses. A call knows
// the domain it was made for (target()), so whoever watches it (the request log, the refresher's rate limits)
// needs nothing else to tell whose it was.
class DailyCall : public QObject
{
    Q_OBJECT

public:
    enum class Expect { Webhook, WebhookList, Nothing };

    DailyCall(QNetworkAccessManager* manager, DomainTarget target, ApiRequest request, Expect expect, int timeoutMs,
        QObject* parent = nullptr);
    // A call that fails before anything is sent (e.g. no API key); finished() follows on the event loop.
    DailyCall(DomainTarget target, ApiRequest request, const ApiError& error, QObject* parent = nullptr);
    ~DailyCall() override;

    const ApiRequest& request() const { return m_request; }
    // The domain the call is for, key included (memory only, like the request's own headers).
    const DomainTarget& target() const { return m_target; }
    bool isFinished() const { return m_finished; }

public slots:
    void cancel();

signals:
    void finished(const ApiResult& result);

private:
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    void finish(ApiResult result);

    DomainTarget m_target;
    ApiRequest m_request;
    Expect m_expect;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timeout;
    QElapsedTimer m_clock;
    QByteArray m_body; // what arrived so far, never more than the limit
    int m_timeoutMs;
    bool m_tooLarge = false;
    bool m_timedOut = false;
    bool m_cancelled = false;
    bool m_finished = false;
};
