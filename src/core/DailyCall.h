#pragma once

#include "ApiRequest.h"
#include "ApiResult.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;
class QNetworkReply;

// One call in flight. Emits finished() exactly once, with the result as a value; deletes itself afterwards.
// cancel() ends it at once with an ApiError of kind Cancelled; a transfer timeout ends it with kind Timeout.
// The answer is bounded while it is read (Limits::MaxApiAnswerBytes), a redirect is an error and never
// followed, and an answer shorter than its Content-Length is an error even when what came parses.
class DailyCall : public QObject
{
    Q_OBJECT

public:
    enum class Expect { Webhook, WebhookList, Nothing };

    DailyCall(
        QNetworkAccessManager* manager, ApiRequest request, Expect expect, int timeoutMs, QObject* parent = nullptr);
    // A call that fails before anything is sent (e.g. no API key); finished() follows on the event loop.
    DailyCall(ApiRequest request, const ApiError& error, QObject* parent = nullptr);
    ~DailyCall() override;

    const ApiRequest& request() const { return m_request; }
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
