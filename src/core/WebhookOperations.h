#pragma once

#include "AuditEntry.h"
#include "DomainState.h"
#include "DomainTarget.h"
#include "HealthTransition.h"
#include "KeyProblem.h"
#include "OperationResult.h"
#include "WebhookDraft.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <optional>

class AuditHistory;
class AuditLog;
class DailyCall;
class DailyClient;
class DomainRefresher;
class DomainStates;
class DomainStore;
class PendingOperation;
struct ApiResult;

// The one implementation of every webhook operation, for the window and the command line alike: they ask
// questions, show progress and print; this does the work. Owns nothing: it uses the client, the saved domains,
// the audit log, the state of every domain and the refresher it is given.
//
// Keys: resolve() gives a saved domain's target with its key from the store (keychain or session memory),
// trimmed and checked with Domain::apiKeyProblem, and keeps it in memory for the session (until the domain is
// removed or its key replaced). A one-run target (DAILY_API_KEY, the CLI's sandbox) is made by the front end.
//
// Changes: each verb reads what it changes first where it needs to (the audit log keeps what is replaced, a wrong
// uuid fails before anything else happens), makes the change, writes the domain's new state to DomainStates,
// records the change in the audit log (never for a sandbox target; a record that fails is reported in the result
// and never undoes or fails the change), then answers with a value through the PendingOperation it returned.
// Decided where the window and the CLI used to differ:
// - a reactivation that Daily answers 200 but that leaves the webhook not delivering ends with the error
//   ApiError::StillNotDelivering (the change is kept, recorded and shown);
// - import decides between create and update from a fresh list of the domain, never from what a view shows;
// - every refresh of many domains (the window's, `list --all`, `export --all`) goes through the DomainRefresher,
//   with its concurrency, rate limit and 429 backoff.
class WebhookOperations : public QObject
{
    Q_OBJECT

public:
    using ResolveCallback = std::function<void(const std::optional<DomainTarget>& target, const KeyProblem& problem)>;
    // The audit log to record in, asked for when a change is to be recorded; nullptr with `error` set when it
    // cannot be had (reported as the result's auditProblem), nullptr with `error` empty when changes are simply
    // not recorded.
    using AuditSource = std::function<AuditLog*(QString* error)>;
    // Called with the webhook as read, before the change is sent: the draft to send, or nothing to stop.
    using DraftStep = std::function<std::optional<WebhookDraft>(const Webhook& current, const WebhookDraft& draft)>;
    // Called with the webhook as read, before it is deleted: whether to go on.
    using Confirmation = std::function<bool(const Webhook& current)>;
    // Called with the recreated draft and what it lacks (its old secrets), before it is sent: whether to go on.
    using RecreateCheck = std::function<bool(const WebhookDraft& draft, const QString& warning)>;

    // `audit` may be null: changes are then not recorded.
    WebhookOperations(DailyClient* client, DomainStore* domains, AuditLog* audit, DomainStates* states,
        DomainRefresher* refresher, QObject* parent = nullptr);
    ~WebhookOperations() override;

    // Replaces the audit log given at construction, for a front end that opens its log only when a change is made.
    void setAuditSource(AuditSource source);
    // The audit log given at construction as its readers see it, or nullptr.
    AuditHistory* history() const;

    // The target of saved domain `domainId`, or the problem; the callback runs later, only while `context` lives.
    void resolve(const QString& domainId, QObject* context, ResolveCallback callback);
    // Drops the session's copy of a domain's key, so the next resolve() reads it again.
    void forgetKey(const QString& domainId);

    // Reads: the domain's webhooks (written to its state), one webhook (result.after).
    PendingOperation* list(const DomainTarget& target);
    PendingOperation* get(const DomainTarget& target, const QString& uuid);
    // Changes.
    PendingOperation* create(const DomainTarget& target, const WebhookDraft& draft);
    PendingOperation* update(
        const DomainTarget& target, const QString& uuid, const WebhookDraft& draft, DraftStep complete = {});
    // An update with the webhook's own URL, which Daily pings again and which switches a FAILED webhook back on.
    PendingOperation* reactivate(const DomainTarget& target, const QString& uuid);
    PendingOperation* remove(const DomainTarget& target, const QString& uuid, Confirmation confirm = {});
    // Copies a configuration into a domain: an update of the webhook a fresh list finds there (Daily allows one),
    // else a create. result.before says which.
    PendingOperation* importInto(const DomainTarget& target, const WebhookDraft& draft);
    // Creates entry `entryId`'s earlier configuration (a deleted webhook, old secrets included) on `target`.
    PendingOperation* recreate(qint64 entryId, const DomainTarget& target, RecreateCheck check = {});

    // Refreshes these domains through the refresher; their states follow in DomainStates. Joins a running refresh.
    void refresh(const QList<DomainTarget>& targets);
    // Refreshes every saved domain: resolves the keys, ends the domains without a usable one Failed at once (and
    // says why with keyUnavailable()), and refreshes the others. A call while keys are still being read runs again
    // once they are. refreshFinished() follows, also when nothing was left to ask. The loaded states as the first
    // call found them are the health watch's baseline: refreshFinished() names what stopped delivering or vanished
    // since then.
    void refreshAll();
    bool isRefreshing() const;
    // Ends the running refresh at once (the domains still waiting end Failed with the Cancelled error).
    void cancelRefresh();

signals:
    void refreshProgress(int done, int total);
    // `health`: the webhooks that stopped delivering or disappeared since refreshAll() began, in the order of the
    // domains' states (empty for a refresh that refreshAll() did not start, or for domains not loaded before).
    void refreshFinished(const QList<HealthTransition>& health);
    // refreshAll() could not have this domain's key; its state is Failed with KeyProblem::toApiError().
    void keyUnavailable(const QString& domainId, const KeyProblem& problem);

private:
    using Next = std::function<void(const ApiResult& result)>;

    PendingOperation* start();
    // Sends the call `make` builds unless `op` was cancelled, and continues with `next` when it ends.
    void send(PendingOperation* op, const std::function<DailyCall*()>& make, Next next);
    // Reads `uuid` first, then continues with it; ends `op` with the error if it cannot be read.
    void readThen(PendingOperation* op, const DomainTarget& target, const QString& uuid,
        std::function<void(const Webhook& current)> next);
    // Writes the change to the domain's state: `removedUuid` goes, `added` takes its place (or is appended).
    void applyChange(const DomainTarget& target, const QString& removedUuid, const std::optional<Webhook>& added);
    void applyList(const DomainTarget& target, const ApiResult& listed);
    // Ends a create (also recreate's): on success the new webhook goes into the domain's state and is recorded.
    void finishCreate(
        PendingOperation* op, const DomainTarget& target, OperationResult result, const ApiResult& created);
    // Records the change (unless on a sandbox), then finishes `op` with `result`.
    void recordThen(
        PendingOperation* op, AuditEntry::Action action, const DomainTarget& target, OperationResult result);
    void onDomainUpdated(const DomainState& state);
    void finishKeyReads(const QList<DomainTarget>& targets);
    // Compares the health baseline with the states now, forgets it, and says refreshFinished().
    void finishRefresh();

    DailyClient* m_client;
    DomainStore* m_domains;
    QPointer<AuditLog> m_audit;
    AuditSource m_auditSource;
    DomainStates* m_states;
    DomainRefresher* m_refresher;
    QHash<QString, QString> m_keys; // domain id -> API key read this session, in memory only
    // Loaded states when the running refreshAll() began, by domain id: what the health watch compares against.
    QHash<QString, DomainState> m_healthBaseline;
    int m_pendingKeyReads = 0;
    bool m_refreshQueued = false;
};
