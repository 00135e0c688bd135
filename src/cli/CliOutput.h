#pragma once

#include "ApiError.h"
#include "DeliveryResult.h"
#include "Webhook.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What daily-webhooks-cli prints, as pure functions of values: aligned tables and key/value blocks for people,
// JSON for machines, and error sentences. Secrets are redacted here unless the caller was asked to show them,
// so no print path can forget to.
class CliOutput
{
    Q_DECLARE_TR_FUNCTIONS(CliOutput)

public:
    // One row of the webhook table: a webhook of a domain, a domain without one, or a domain that failed.
    struct Row
    {
        QString domain;
        std::optional<Webhook> webhook;
        QString problem; // why the domain could not be listed; the row is marked when set
    };

    static const QString Redacted; // "<redacted>"
    // Marks rows that need a look (a webhook that does not deliver, a domain that failed) without colour.
    static const QString Attention; // "!"

    // Columns aligned with two spaces between them; the last column is not padded. Ends with a newline.
    static QString table(const QStringList& headers, const QList<QStringList>& rows);
    // DOMAIN, UUID, STATE, FAILED, LAST PUSH (relative to `now`), RETRY, EVENTS, URL, after a column of marks.
    static QString webhookTable(const QList<Row>& rows, const QDateTime& now);
    // Every field Daily documents, one per line, times as Daily sent them with how long ago.
    static QString webhookDetails(const Webhook& webhook, bool showSecrets, const QDateTime& now);
    static QString eventsCell(const QStringList& eventTypes);

    // The webhook object as Daily sent it, with `hmac` and `basicAuth` redacted unless showSecrets.
    static QJsonObject webhookJson(const Webhook& webhook, bool showSecrets);
    // Replaces every non-null `hmac` and `basicAuth` value, at any depth, with Redacted.
    static QJsonValue redacted(const QJsonValue& value);
    static QJsonObject errorJson(const ApiError& error);
    // Indented, with a final newline.
    static QByteArray toJson(const QJsonValue& value);

    // Labels and values, one pair a line, the values aligned two spaces after the longest label.
    static QString keyValues(const QList<QStringList>& lines);

    // What an endpoint made of a delivery sent to it (a test event, a replay), printed alike by trigger and
    // deliveries replay: "OK: URL answered 202 in 3 ms.", "NOT ACCEPTED: …" or "NO ANSWER: …".
    static QString deliveryHeadline(const DeliveryResult& result, const QString& url);
    // The status, or "no answer".
    static QString deliveryStatus(const DeliveryResult& result);
    // The start of the answer on one line, at most `maxLength` characters, with a note when it was cut.
    static QString deliveryAnswer(const DeliveryResult& result, qsizetype maxLength);
    // accepted, httpStatus, latencyMs, answer, answerBytesRead, answerCut, redirectLocation, failure, failureText.
    static QJsonObject deliveryResultJson(const DeliveryResult& result);

    // What went wrong and the next step, in the words of the command line (the app's hints speak of Settings).
    static QString errorSentence(const ApiError& error);
    static QString hintFor(const ApiError& error);
    // ApiError::details() with secrets in a JSON body redacted, for --verbose.
    static QString details(const ApiError& error);
};
