#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// The verification request Daily sends before it saves a webhook (DeliveryRequest::ping: a signed POST of
// {"test":"test"} to the webhook's URL), which must answer 200 within a time limit. One object per ping; it deletes
// itself after finished().
class SandboxPing : public QObject
{
    Q_OBJECT

public:
    SandboxPing(QNetworkAccessManager* manager, const QUrl& url, const QString& hmac, const QString& basicAuth,
        int timeoutMs, QObject* parent = nullptr);
    // Abandoning a ping aborts it without emitting finished().
    ~SandboxPing() override;

    void start();

signals:
    // The HTTP status the URL answered, or 0 when no answer came (refused, unreachable, timed out).
    void finished(int status);

private:
    void onReplyFinished();

    QNetworkAccessManager* m_manager;
    QUrl m_url;
    QString m_hmac;
    QString m_basicAuth;
    int m_timeoutMs;
    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;
};
