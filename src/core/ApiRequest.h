#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;
class WebhookDraft;

// A request to Daily as plain data: built by pure functions, checked without a network, sent by DailyClient.
struct ApiRequest
{
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    QNetworkRequest toNetworkRequest() const;

    // Each endpoint's request to the API at `base` with `apiKey` as the Bearer token.
    static ApiRequest createWebhook(const QUrl& base, const QString& apiKey, const WebhookDraft& draft);
    static ApiRequest listWebhooks(const QUrl& base, const QString& apiKey);
    static ApiRequest getWebhook(const QUrl& base, const QString& apiKey, const QString& uuid);
    static ApiRequest updateWebhook(
        const QUrl& base, const QString& apiKey, const QString& uuid, const WebhookDraft& draft);
    static ApiRequest deleteWebhook(const QUrl& base, const QString& apiKey, const QString& uuid);

    // base + "/" + path, tolerating a trailing slash on the base.
    static QUrl endpoint(const QUrl& base, const QString& path);
};
