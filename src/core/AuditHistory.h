#pragma once

#include "AuditEntry.h"
#include "WebhookDraft.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// The audit log as a reader sees it: the recorded changes, and the draft that recreates one. What History shows
// and what the command line's `history` and `recreate` read; recording belongs to WebhookOperations alone, so a
// view given this interface cannot write to the log. AuditLog implements it.
class AuditHistory : public QObject
{
    Q_OBJECT

public:
    // `draft` is empty when nothing can be recreated; a draft with a non-empty `error` lacks its secrets.
    using DraftCallback = std::function<void(const std::optional<WebhookDraft>& draft, const QString& error)>;

    explicit AuditHistory(QObject* parent = nullptr);
    ~AuditHistory() override;

    // Newest first; all domains without a filter; limit <= 0 means no limit.
    virtual QList<AuditEntry> entries(const std::optional<QString>& domainId = std::nullopt, int limit = 200) const = 0;
    // The entries of one target, newest first: a saved domain's by its id; those of a target that is not saved
    // (DAILY_API_KEY, the sandbox), which share the empty id, by the name they were recorded under (`name`).
    // limit <= 0 means no limit.
    QList<AuditEntry> entriesOf(const QString& domainId, const QString& name, int limit) const;
    virtual std::optional<AuditEntry> entry(qint64 id) const = 0;
    // A draft that recreates the "before" configuration of entry `id`, secrets included when they can still be
    // read. The callback runs later on the event loop, and only while `context` is alive.
    virtual void recreateDraft(qint64 id, QObject* context, DraftCallback callback) = 0;

    // Why `entry` cannot be recreated (no earlier configuration, or one the log had to cut), or an empty string
    // when it can.
    static QString whyNotRecreatable(const AuditEntry& entry);

signals:
    void entryRecorded(qint64 id);
};
