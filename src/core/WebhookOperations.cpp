#include "WebhookOperations.h"

#include "ApiResult.h"
#include "AuditLog.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainRefresher.h"
#include "DomainStates.h"
#include "DomainStore.h"
#include "PendingOperation.h"

#include <QTimer>

#include <memory>
#include <utility>

WebhookOperations::WebhookOperations(DailyClient* client, DomainStore* domains, AuditLog* audit, DomainStates* states,
    DomainRefresher* refresher, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_domains(domains)
    , m_audit(audit)
    , m_states(states)
    , m_refresher(refresher)
{
    Q_ASSERT(m_client && m_domains && m_states && m_refresher);
    m_auditSource = [this](QString*) -> AuditLog* { return m_audit.data(); };
    connect(m_refresher, &DomainRefresher::domainUpdated, this, &WebhookOperations::onDomainUpdated);
    connect(m_refresher, &DomainRefresher::progress, this, &WebhookOperations::refreshProgress);
    connect(m_refresher, &DomainRefresher::finished, this, &WebhookOperations::finishRefresh);
    connect(m_domains, &DomainStore::keyChanged, this, &WebhookOperations::forgetKey);
    connect(m_domains, &DomainStore::domainsChanged, this, [this] {
        for (auto it = m_keys.begin(); it != m_keys.end();) {
            if (m_domains->domain(it.key()))
                ++it;
            else
                it = m_keys.erase(it);
        }
    });
}

WebhookOperations::~WebhookOperations() = default;

void WebhookOperations::setAuditSource(AuditSource source)
{
    m_auditSource = std::move(source);
}

AuditHistory* WebhookOperations::history() const
{
    return m_audit.data();
}

// ---- keys ----

void WebhookOperations::resolve(const QString& domainId, QObject* context, ResolveCallback callback)
{
    QPointer<QObject> guard(context);
    const auto answer = [this, guard, callback](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
        // Always later, never inside resolve(): a caller may still be setting up when a cached key is found.
        QTimer::singleShot(0, this, [guard, callback, target, problem] {
            if (guard)
                callback(target, problem);
        });
    };
    const std::optional<Domain> domain = m_domains->domain(domainId);
    if (!domain) {
        answer(std::nullopt, KeyProblem {KeyProblem::Kind::UnknownDomain, QString(), QString()});
        return;
    }
    const auto cached = m_keys.constFind(domainId);
    if (cached != m_keys.cend()) {
        answer(DomainTarget {domain->id, domain->name, domain->baseUrl, *cached}, KeyProblem());
        return;
    }
    m_domains->readKey(domainId, this, [this, domainId, answer](const SecretStore::Result& read) {
        // The domain as it is now: it may have been renamed, moved or removed while the keychain answered.
        const std::optional<Domain> now = m_domains->domain(domainId);
        if (!now)
            return answer(std::nullopt, KeyProblem {KeyProblem::Kind::UnknownDomain, QString(), QString()});
        KeyProblem problem;
        problem.domainName = now->name;
        // A key stored with spaces or a line break around it (by hand, or by an older version) is the same key.
        const QString key = read.ok() ? read.secret.trimmed() : QString();
        if (read.ok() && !key.isEmpty()) {
            problem.detail = Domain::apiKeyProblem(key);
            if (!problem.detail.isEmpty()) {
                problem.kind = KeyProblem::Kind::UnusableKey;
                return answer(std::nullopt, problem);
            }
            m_keys.insert(domainId, key);
            return answer(DomainTarget {now->id, now->name, now->baseUrl, key}, KeyProblem());
        }
        if (read.ok() || read.status == SecretStore::Result::Status::NotFound) {
            problem.kind = KeyProblem::Kind::NoKey;
        } else {
            problem.kind = read.status == SecretStore::Result::Status::TimedOut ? KeyProblem::Kind::KeychainTimedOut
                                                                                : KeyProblem::Kind::KeychainFailed;
            problem.detail = read.error;
        }
        answer(std::nullopt, problem);
    });
}

void WebhookOperations::forgetKey(const QString& domainId)
{
    m_keys.remove(domainId);
}

// ---- the steps every verb is made of ----

PendingOperation* WebhookOperations::start()
{
    return new PendingOperation(this);
}

void WebhookOperations::send(PendingOperation* op, const std::function<DailyCall*()>& make, Next next)
{
    if (op->isCancelled()) {
        OperationResult result;
        result.error = ApiError::cancelled();
        op->finish(result);
        return;
    }
    DailyCall* call = make();
    op->setCall(call);
    connect(call, &DailyCall::finished, op, [op, next = std::move(next)](const ApiResult& result) {
        op->setCall(nullptr);
        next(result);
    });
}

void WebhookOperations::readThen(PendingOperation* op, const DomainTarget& target, const QString& uuid,
    std::function<void(const Webhook& current)> next)
{
    send(
        op, [this, target, uuid] { return m_client->getWebhook(target, uuid); },
        [op, next = std::move(next)](const ApiResult& got) {
            if (!got.ok()) {
                OperationResult result;
                result.error = got.error;
                result.elapsedMs = got.elapsedMs;
                op->finish(result);
                return;
            }
            next(*got.webhook);
        });
}

void WebhookOperations::applyChange(
    const DomainTarget& target, const QString& removedUuid, const std::optional<Webhook>& added)
{
    // Only a saved domain has a state; one removed while the call ran keeps none.
    const std::optional<Domain> domain = target.domainId.isEmpty() ? std::nullopt : m_domains->domain(target.domainId);
    if (!domain)
        return;
    DomainState state = m_states->state(domain->id).value_or(DomainState {});
    state.domainId = domain->id;
    state.domainName = domain->name;
    state.status = DomainState::Status::Loaded;
    state.error = ApiError();
    state.refreshedAt = QDateTime::currentDateTimeUtc();
    bool replaced = false;
    for (auto it = state.webhooks.begin(); it != state.webhooks.end();) {
        const bool isAdded = added && it->uuid == added->uuid;
        if (isAdded && !replaced) {
            *it = *added;
            replaced = true;
            ++it;
        } else if (isAdded || (!removedUuid.isEmpty() && it->uuid == removedUuid)) {
            it = state.webhooks.erase(it);
        } else {
            ++it;
        }
    }
    if (added && !replaced)
        state.webhooks.append(*added);
    m_states->setState(state);
}

void WebhookOperations::applyList(const DomainTarget& target, const ApiResult& listed)
{
    const std::optional<Domain> domain = target.domainId.isEmpty() ? std::nullopt : m_domains->domain(target.domainId);
    if (!domain)
        return;
    DomainState state;
    state.domainId = domain->id;
    state.domainName = domain->name;
    state.status = listed.ok() ? DomainState::Status::Loaded : DomainState::Status::Failed;
    state.webhooks = listed.webhooks;
    state.error = listed.error;
    state.refreshedAt = QDateTime::currentDateTimeUtc();
    state.attempts = 1;
    m_states->setState(state);
}

void WebhookOperations::recordThen(
    PendingOperation* op, AuditEntry::Action action, const DomainTarget& target, OperationResult result)
{
    // The sandbox forgets everything when it stops; its history would only bury the real domains' in the log.
    if (target.sandbox) {
        op->finish(result);
        return;
    }
    QString error;
    AuditLog* audit = m_auditSource ? m_auditSource(&error) : nullptr;
    if (!audit) {
        if (!error.isEmpty())
            result.auditProblem = tr("The change was made, but the audit log could not record it: %1").arg(error);
        op->finish(result);
        return;
    }
    // Not a saved domain: an empty id, never a null one, which the log's NOT NULL column would refuse.
    const QString domainId = target.domainId.isEmpty() ? QStringLiteral("") : target.domainId;
    audit->record(action, domainId, target.name, result.before, result.after, op,
        [op, result](bool ok, qint64 entryId, const QString& problem) mutable {
            if (!ok) {
                // Stored without its secrets (entryId set): the log's own sentence says what that means.
                result.auditProblem = entryId == 0
                    ? tr("The change was made, but the audit log could not record it: %1").arg(problem)
                    : problem;
            }
            op->finish(result);
        });
}

// ---- reads ----

PendingOperation* WebhookOperations::list(const DomainTarget& target)
{
    PendingOperation* op = start();
    send(
        op, [this, target] { return m_client->listWebhooks(target); },
        [this, op, target](const ApiResult& listed) {
            applyList(target, listed);
            OperationResult result;
            result.error = listed.error;
            result.webhooks = listed.webhooks;
            result.elapsedMs = listed.elapsedMs;
            op->finish(result);
        });
    return op;
}

PendingOperation* WebhookOperations::get(const DomainTarget& target, const QString& uuid)
{
    PendingOperation* op = start();
    readThen(op, target, uuid, [op](const Webhook& current) {
        OperationResult result;
        result.after = current;
        op->finish(result);
    });
    return op;
}

// ---- changes ----

void WebhookOperations::finishCreate(
    PendingOperation* op, const DomainTarget& target, OperationResult result, const ApiResult& created)
{
    result.error = created.error;
    result.elapsedMs = created.elapsedMs;
    if (!created.ok())
        return op->finish(result);
    result.after = created.webhook;
    applyChange(target, QString(), result.after);
    recordThen(op, AuditEntry::Action::Create, target, result);
}

PendingOperation* WebhookOperations::create(const DomainTarget& target, const WebhookDraft& draft)
{
    PendingOperation* op = start();
    send(
        op, [this, target, draft] { return m_client->createWebhook(target, draft); },
        [this, op, target](const ApiResult& created) { finishCreate(op, target, OperationResult(), created); });
    return op;
}

PendingOperation* WebhookOperations::update(
    const DomainTarget& target, const QString& uuid, const WebhookDraft& draft, DraftStep complete)
{
    PendingOperation* op = start();
    // Read first: the audit log keeps the configuration being replaced, and a wrong uuid fails before the step
    // asks for anything (secrets on a terminal).
    readThen(op, target, uuid, [this, op, target, uuid, draft, complete](const Webhook& current) {
        const std::optional<WebhookDraft> sent = complete ? complete(current, draft) : std::optional(draft);
        if (!sent) {
            OperationResult stopped;
            stopped.error = ApiError::cancelled();
            stopped.before = current;
            return op->finish(stopped);
        }
        send(
            op, [this, target, uuid, sent] { return m_client->updateWebhook(target, uuid, *sent); },
            [this, op, target, current](const ApiResult& updated) {
                OperationResult result;
                result.error = updated.error;
                result.elapsedMs = updated.elapsedMs;
                result.before = current;
                if (!updated.ok())
                    return op->finish(result);
                result.after = updated.webhook;
                applyChange(target, current.uuid, result.after);
                recordThen(op, AuditEntry::Action::Update, target, result);
            });
    });
    return op;
}

PendingOperation* WebhookOperations::reactivate(const DomainTarget& target, const QString& uuid)
{
    PendingOperation* op = start();
    readThen(op, target, uuid, [this, op, target, uuid](const Webhook& current) {
        // Daily's documented way back from FAILED: an update with the same URL, which pings it again.
        WebhookDraft draft;
        draft.url = current.url;
        send(
            op, [this, target, uuid, draft] { return m_client->updateWebhook(target, uuid, draft); },
            [this, op, target, current](const ApiResult& updated) {
                OperationResult result;
                result.error = updated.error;
                result.elapsedMs = updated.elapsedMs;
                result.before = current;
                if (!updated.ok())
                    return op->finish(result);
                result.after = updated.webhook;
                // Daily answered 200, yet a webhook that still does not deliver is not what was asked for. The
                // change was made all the same: it is shown and recorded as made.
                if (!result.after->isDelivering())
                    result.error = ApiError::stillNotDelivering(result.after->state);
                applyChange(target, current.uuid, result.after);
                recordThen(op, AuditEntry::Action::Reactivate, target, result);
            });
    });
    return op;
}

PendingOperation* WebhookOperations::remove(const DomainTarget& target, const QString& uuid, Confirmation confirm)
{
    PendingOperation* op = start();
    readThen(op, target, uuid, [this, op, target, uuid, confirm](const Webhook& current) {
        if (confirm && !confirm(current)) {
            OperationResult stopped;
            stopped.error = ApiError::cancelled();
            stopped.before = current;
            return op->finish(stopped);
        }
        send(
            op, [this, target, uuid] { return m_client->deleteWebhook(target, uuid); },
            [this, op, target, current](const ApiResult& deleted) {
                OperationResult result;
                result.error = deleted.error;
                result.elapsedMs = deleted.elapsedMs;
                result.before = current;
                if (!deleted.ok())
                    return op->finish(result);
                applyChange(target, current.uuid, std::nullopt);
                recordThen(op, AuditEntry::Action::Delete, target, result);
            });
    });
    return op;
}

PendingOperation* WebhookOperations::importInto(const DomainTarget& target, const WebhookDraft& draft)
{
    PendingOperation* op = start();
    // What the domain has now, not what a view last showed: a webhook made or deleted elsewhere since would turn
    // an update into a 404 or a create into Daily's one-webhook refusal.
    send(
        op, [this, target] { return m_client->listWebhooks(target); },
        [this, op, target, draft](const ApiResult& listed) {
            if (!listed.ok()) {
                OperationResult result;
                result.error = listed.error;
                result.elapsedMs = listed.elapsedMs;
                return op->finish(result);
            }
            applyList(target, listed);
            // Daily allows one webhook per domain: an existing one takes the configuration, which is what "copy
            // staging to production" means, instead of a create that Daily would refuse.
            const std::optional<Webhook> existing
                = listed.webhooks.isEmpty() ? std::nullopt : std::optional(listed.webhooks.constFirst());
            const auto make = [this, target, draft, existing] {
                return existing ? m_client->updateWebhook(target, existing->uuid, draft)
                                : m_client->createWebhook(target, draft);
            };
            send(op, make, [this, op, target, existing](const ApiResult& changed) {
                OperationResult result;
                result.error = changed.error;
                result.elapsedMs = changed.elapsedMs;
                result.before = existing;
                if (!changed.ok())
                    return op->finish(result);
                result.after = changed.webhook;
                applyChange(target, existing ? existing->uuid : QString(), result.after);
                recordThen(op, existing ? AuditEntry::Action::Update : AuditEntry::Action::Create, target, result);
            });
        });
    return op;
}

PendingOperation* WebhookOperations::recreate(qint64 entryId, const DomainTarget& target, RecreateCheck check)
{
    PendingOperation* op = start();
    QString error;
    AuditLog* audit = m_auditSource ? m_auditSource(&error) : nullptr;
    if (!audit) {
        OperationResult result;
        result.problem = error.isEmpty() ? tr("There is no audit log to recreate from.") : error;
        op->finish(result);
        return op;
    }
    audit->recreateDraft(
        entryId, op, [this, op, target, check](const std::optional<WebhookDraft>& draft, const QString& warning) {
            OperationResult result;
            if (!draft) {
                result.problem = warning;
                return op->finish(result);
            }
            // Without its old secrets the webhook is still worth having (Daily makes a new HMAC secret); the
            // check decides, and the result says what is missing.
            result.warning = warning;
            if (check && !check(*draft, warning)) {
                result.error = ApiError::cancelled();
                return op->finish(result);
            }
            send(
                op, [this, target, draft] { return m_client->createWebhook(target, *draft); },
                [this, op, target, result](const ApiResult& created) { finishCreate(op, target, result, created); });
        });
    return op;
}

// ---- refreshing many domains ----

void WebhookOperations::refresh(const QList<DomainTarget>& targets)
{
    m_refresher->refresh(targets);
}

bool WebhookOperations::isRefreshing() const
{
    return m_refresher->isRunning() || m_pendingKeyReads > 0;
}

void WebhookOperations::cancelRefresh()
{
    m_refresher->cancel();
}

void WebhookOperations::onDomainUpdated(const DomainState& state)
{
    const std::optional<DomainState> known = m_states->state(state.domainId);
    // While a domain loads again, what it had stays; only a first load says "Loading".
    if (state.status == DomainState::Status::Loading && known && known->status != DomainState::Status::NotLoaded)
        return;
    // A domain removed while its answer was on the way keeps no state.
    if (!state.domainId.isEmpty() && !m_domains->domain(state.domainId))
        return;
    m_states->setState(state);
}

void WebhookOperations::refreshAll()
{
    if (m_healthBaseline.isEmpty()) {
        for (const DomainState& state : m_states->states()) {
            if (state.status == DomainState::Status::Loaded)
                m_healthBaseline.insert(state.domainId, state);
        }
    }
    if (m_pendingKeyReads > 0) {
        // A refresh is gathering its keys; a domain added meanwhile gets its turn right after.
        m_refreshQueued = true;
        return;
    }
    const QList<Domain> domains = m_domains->domains();
    if (domains.isEmpty()) {
        QTimer::singleShot(0, this, [this] {
            if (!m_refresher->isRunning())
                finishRefresh();
        });
        return;
    }
    m_pendingKeyReads = int(domains.size());
    const auto gathered = std::make_shared<QList<DomainTarget>>();
    for (const Domain& domain : domains) {
        resolve(domain.id, this,
            [this, id = domain.id, gathered](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
                if (target) {
                    gathered->append(*target);
                } else if (problem.kind != KeyProblem::Kind::UnknownDomain) {
                    emit keyUnavailable(id, problem);
                    DomainState failed;
                    failed.domainId = id;
                    failed.domainName = problem.domainName;
                    failed.status = DomainState::Status::Failed;
                    failed.error = problem.toApiError();
                    failed.refreshedAt = QDateTime::currentDateTimeUtc();
                    m_states->setState(failed);
                }
                if (--m_pendingKeyReads == 0)
                    finishKeyReads(*gathered);
            });
    }
}

void WebhookOperations::finishKeyReads(const QList<DomainTarget>& targets)
{
    if (m_refreshQueued) {
        m_refreshQueued = false;
        QTimer::singleShot(0, this, &WebhookOperations::refreshAll);
    }
    if (targets.isEmpty()) {
        if (!m_refresher->isRunning())
            finishRefresh();
        return;
    }
    m_refresher->refresh(targets);
}

void WebhookOperations::finishRefresh()
{
    const QHash<QString, DomainState> baseline = std::exchange(m_healthBaseline, {});
    QList<HealthTransition> health;
    for (const DomainState& now : m_states->states()) {
        if (const auto before = baseline.constFind(now.domainId); before != baseline.cend())
            health += HealthTransition::between(*before, now);
    }
    emit refreshFinished(health);
}
