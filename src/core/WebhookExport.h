#pragma once

#include "WebhookDraft.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class Webhook;

// Webhook configurations as a JSON file, to back them up or to copy one domain's setup to another
// ("copy staging to production"). The file holds what a user configures, never what belongs to the source
// domain (uuid, state, failedCount, lastMomentPushed, domainId, createdAt, updatedAt):
//
//   {
//     "format": "daily-webhooks-export",
//     "version": 1,
//     "exportedAt": "2024-05-01T12:00:00.000Z",    ISO 8601, UTC
//     "includesSecrets": false,                     true only when the user opted in
//     "webhooks": [
//       {
//         "domain": "staging",                      the saved domain's name it came from
//         "url": "https://example.com/hook",
//         "retryType": "circuit-breaker",           left out when Daily did not send one
//         "eventTypes": ["meeting.started"],        left out when Daily sent none
//         "basicAuth": "dXNlcjpwYXNz" or null,      only when includesSecrets
//         "hmac": "NQrSA5z0...=" or null            only when includesSecrets
//       }
//     ]
//   }
//
// Reading turns each entry into a WebhookDraft holding only the fields the entry has (a null secret counts
// as absent), so importing without secrets lets the target domain keep or provision its own.
class WebhookExport
{
    Q_DECLARE_TR_FUNCTIONS(WebhookExport)

public:
    static const QString FormatTag; // "daily-webhooks-export"
    static constexpr int Version = 1;

    struct Entry
    {
        QString domain; // the saved domain's name in the file
        WebhookDraft draft;
    };

    struct ImportResult
    {
        QList<Entry> entries; // the entries that read cleanly, in file order
        QStringList errors; // one plain sentence each; never quotes a secret
        bool includesSecrets = false; // the file says so, or an entry carries basicAuth or hmac
        QDateTime exportedAt; // invalid when the file does not say

        // An importer should refuse the file unless this holds, so nothing is half imported.
        bool ok() const { return errors.isEmpty(); }
    };

    // The configuration worth exporting from `webhook` (WebhookDraft::fromWebhook): url, retryType and eventTypes
    // when set, and basicAuth and hmac only when includeSecrets and set. Export writes exactly this; import reads
    // it back with WebhookDraft::fromJson.
    static WebhookDraft configOf(const Webhook& webhook, bool includeSecrets);

    // Indented JSON in the format above. `exportedAt` defaults to now.
    static QByteArray exportJson(
        const QList<QPair<QString, Webhook>>& webhooks, bool includeSecrets, const QDateTime& exportedAt = QDateTime());
    static ImportResult parse(const QByteArray& json);

    // What to tell the user before they choose to include secrets.
    static QString secretsWarning();
};
