#pragma once

#include <QString>
#include <QUrl>

// One domain as a call sees it: which domain it is (for the request log, the state of every domain and the audit
// log), where its calls go and with which key. The one value for every path to Daily: the window, the refresher
// and the CLI alike. The key is held in memory only.
struct DomainTarget
{
    QString domainId; // the saved domain's id (Domain::id); empty for a one-run domain such as DAILY_API_KEY's
    QString name; // shown and recorded: "production", "sandbox", "env:api.daily.co"
    QUrl baseUrl; // e.g. https://api.daily.co/v1
    QString apiKey;
    bool sandbox = false; // a one-run sandbox domain: its changes vanish with it, so they are not audited

    static QUrl defaultBaseUrl() { return QUrl(QStringLiteral("https://api.daily.co/v1")); }
    // Where the calls go and with which key are the same (the name may differ: a rename changes no answer).
    bool sameEndpoint(const DomainTarget& other) const { return baseUrl == other.baseUrl && apiKey == other.apiKey; }
};
