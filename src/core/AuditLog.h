#pragma once

#include "AuditEntry.h"
#include "AuditHistory.h"
#include "Webhook.h"
#include "WebhookDraft.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class SecretStore;

// The local record of every create, update, delete and reactivation, for the history view and for undo. The
// configurations go to a SQLite database without their secrets; the secrets of each "before" configuration go
// to the keychain as one JSON blob {hmac, basicAuth} under `audit/<random uuid>`, and the entry keeps only that
// name. So a deleted webhook can be recreated with its old HMAC secret, and the database file never holds one.
//
// Every value kept is bounded (Limits::MaxAuditStringLength per string, Limits::MaxAuditListItems per list, the
// uuid and domain name to their own limits), so an answer from a hostile or broken server cannot grow the file; a
// configuration that had to be cut is marked so in its entry and is never recreated.
//
// Writes are serialised in the order record() was called, each in its own transaction, so a failure leaves the
// database as it was. The schema carries its version in SQLite's user_version for later migrations.
//
// Readers (History, the command line's history) see it through AuditHistory.
class AuditLog : public AuditHistory
{
    Q_OBJECT

public:
    // 2: before_truncated and after_truncated.
    static constexpr int SchemaVersion = 2;
    static const QString SecretRefPrefix; // "audit/"

    // ok: the entry is stored and so are its secrets, if it had any. entryId is non-zero when the entry is
    // stored, even if keeping its secrets failed (then ok is false and `error` says the change cannot be undone
    // with its old secret).
    using RecordCallback = std::function<void(bool ok, qint64 entryId, const QString& error)>;

    explicit AuditLog(SecretStore* secrets, QObject* parent = nullptr);
    ~AuditLog() override;

    // Opens (creating it if needed) the database at `path` and brings its schema up to date. The app uses
    // QStandardPaths::AppDataLocation + "/audit.sqlite". Refuses a database written by a newer schema.
    bool open(const QString& path, QString* error = nullptr);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    // The version stored in the open database (PRAGMA user_version), or -1 when closed.
    int storedSchemaVersion() const;

    // Records one change. `before` is the configuration replaced or deleted (none for a create), `after` the
    // configuration Daily answered (none for a delete). Secrets are taken from `before` only: they are what undo
    // needs. The callback runs later on the event loop, and only while `context` is alive.
    void record(AuditEntry::Action action, const QString& domainId, const QString& domainName,
        const std::optional<Webhook>& before, const std::optional<Webhook>& after, QObject* context,
        RecordCallback callback);

    // Newest first; all domains without a filter; limit <= 0 means no limit.
    QList<AuditEntry> entries(const std::optional<QString>& domainId = std::nullopt, int limit = 200) const override;
    std::optional<AuditEntry> entry(qint64 id) const override;

    // A draft that recreates the "before" configuration of entry `id` (a deleted webhook, or the state before an
    // update): url, retryType, eventTypes, and basicAuth and hmac from the keychain. If the keychain no longer
    // holds them, the draft comes without them and `error` says so; the caller decides whether to send it.
    void recreateDraft(qint64 id, QObject* context, DraftCallback callback) override;

    // A webhook's configuration as stored: Webhook::toJson() without hmac and basicAuth, bounded as below.
    static QJsonObject configurationOf(const Webhook& webhook, bool* truncated = nullptr);
    // `value` with every string cut to Limits::MaxAuditStringLength characters and every array to
    // Limits::MaxAuditListItems items, at any depth; `truncated` is set when anything was cut (never cleared).
    static QJsonValue bounded(const QJsonValue& value, bool* truncated);

private:
    struct PendingRecord
    {
        AuditEntry entry;
        QString secretsJson; // empty when `before` had no secrets
        QPointer<QObject> context;
        RecordCallback callback;
    };

    // An error message, or an empty string when the connection is open.
    QString openConnection(const QString& path);
    bool migrate(QString* error);
    void processNextRecord();
    void finishRecord(PendingRecord pending, const QString& keychainError);
    // The new entry's id, or 0 with `error` set. One transaction.
    qint64 insert(const AuditEntry& entry, QString* error);

    SecretStore* m_secrets;
    QString m_connectionName;
    QString m_path;
    QList<PendingRecord> m_queue;
    bool m_recording = false;
};
