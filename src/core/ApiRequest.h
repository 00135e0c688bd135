#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkRequest;
class WebhookDraft;
struct ApiTarget;

// A request to Daily as plain data: built by pure functions, checked without a network, sent by DailyClient.
struct ApiRequest
{
    QByteArray method;
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const;
    QNetworkRequest toNetworkRequest() const;

    static ApiRequest createWebhook(const ApiTarget& target, const WebhookDraft& draft);
    static ApiRequest listWebhooks(const ApiTarget& target);
    static ApiRequest getWebhook(const ApiTarget& target, const QString& uuid);
    static ApiRequest updateWebhook(const ApiTarget& target, const QString& uuid, const WebhookDraft& draft);
    static ApiRequest deleteWebhook(const ApiTarget& target, const QString& uuid);

    // base + "/" + path, tolerating a trailing slash on the base.
    static QUrl endpoint(const QUrl& base, const QString& path);
};
