#pragma once

#include <QString>
#include <QUrl>

// Where calls go and with which key: one Daily domain. The key is held in memory only.
struct ApiTarget
{
    QUrl baseUrl; // e.g. https://api.daily.co/v1
    QString apiKey;

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.daily.co/v1")); }
    bool isValid() const { return baseUrl.isValid() && !apiKey.isEmpty(); }
};
