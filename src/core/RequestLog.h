#pragma once

#include "RequestLogEntry.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

class DailyClient;

// The in-memory log of API calls behind the request log pane: the last `capacity` calls, oldest first. Entries
// keep their requests (API key included) in memory only; everything meant for a person's eyes, a clipboard or a
// file goes through the redacting renderers below, which reveal secrets only when asked to.
//
// Signals come in pairs so a model can bracket its changes: aboutToDropOldest/oldestDropped when the log is
// full, then aboutToAddEntry/entryAdded for the new entry (indexes after the drop).
class RequestLog : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultCapacity = 1000;

    explicit RequestLog(int capacity = DefaultCapacity, QObject* parent = nullptr);

    int capacity() const { return m_capacity; }
    int count() const { return int(m_entries.size()); }
    const QList<RequestLogEntry>& entries() const { return m_entries; }
    RequestLogEntry entry(int index) const { return m_entries.value(index); }

    // Adds an entry and gives it the next sequence number; drops the oldest entries beyond the capacity.
    void append(RequestLogEntry entry);
    void clear();

    // Logs every call `client` makes from now on: the start time from DailyClient::callStarted, the domain (id
    // and name) from the call's own target, the status, error kind and duration from DailyCall::finished, so an
    // entry appears when its call ends. Lives as long as both objects do.
    void attach(DailyClient* client);

    // "Name: value" lines; Authorization (Bearer and Basic), Proxy-Authorization and Cookie values redacted
    // unless revealSecrets.
    static QString redactedHeaders(const QList<QPair<QByteArray, QByteArray>>& headers, bool revealSecrets = false);
    // The JSON body with every non-null `hmac` and `basicAuth` value, at any depth, replaced by "<redacted>".
    // The other bytes stay exactly as sent.
    static QByteArray redactedBody(const QByteArray& json);
    // A POSIX shell command that repeats the request with curl; the API key and the secrets in the body are
    // redacted unless revealSecrets.
    static QString toCurl(const ApiRequest& request, bool revealSecrets = false);
    // One entry as text for a details view or the clipboard: the log columns, headers and body.
    static QString toText(const RequestLogEntry& entry, bool revealSecrets = false);
    // `text` in single quotes for a POSIX shell.
    static QString shellQuote(const QString& text);

    static const QString RedactedApiKey; // "<API key redacted>"
    static const QString Redacted; // "<redacted>"

signals:
    void aboutToDropOldest(int count);
    void oldestDropped(int count);
    void aboutToAddEntry(int index);
    void entryAdded(int index);
    void aboutToClear();
    void cleared();

private:
    int m_capacity;
    quint64 m_nextSequence = 1;
    QList<RequestLogEntry> m_entries;
};
