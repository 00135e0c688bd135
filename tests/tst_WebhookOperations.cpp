// The operations layer against an in-process sandbox, verb by verb: what Daily received, the result as a value,
// the state of the domain afterwards and the audit entry written; and each behaviour decided once for the window
// and the command line (a reactivation that does not take is an error, keys trimmed and checked, import from a
// fresh list, refreshes of every domain through the refresher, audit failures reported but the change kept).

#include "AuditLog.h"
#include "DomainRefresher.h"
#include "DomainStates.h"
#include "DomainStore.h"
#include "PendingOperation.h"
#include "SandboxServer.h"
#include "SecretStore.h"
#include "WebhookBackend.h"
#include "WebhookOperations.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

namespace {

const QString kProductionKey = QStringLiteral("ops-production-key");
const QString kStagingKey = QStringLiteral("ops-staging-key");

// Waits for an operation's one answer.
OperationResult waitFor(PendingOperation* op)
{
    std::optional<OperationResult> result;
    QObject::connect(op, &PendingOperation::finished, op, [&result](const OperationResult& r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 20000))
        qFatal("an operation did not answer within 20 seconds");
    return *result;
}

WebhookDraft draftFor(const QUrl& url, const QStringList& events = {QStringLiteral("meeting.started")})
{
    WebhookDraft draft;
    draft.url = url.toString();
    draft.eventTypes = events;
    return draft;
}

} // namespace

class tst_WebhookOperations : public QObject
{
    Q_OBJECT

private:
    struct Resolved
    {
        std::optional<DomainTarget> target;
        KeyProblem problem;
    };

    // The sandbox, two saved domains on it (production and staging, each with its own key), an audit log and
    // the backend a front end would build over them.
    struct World
    {
        QTemporaryDir dir;
        SandboxServer sandbox;
        QNetworkAccessManager network;
        SecretStore secrets {SecretStore::Backend::Memory, QStringLiteral("tst-webhook-operations")};
        QSettings settings {dir.filePath(QStringLiteral("domains.ini")), QSettings::IniFormat};
        DomainStore domains {&secrets, &settings};
        AuditLog audit {&secrets};
        std::unique_ptr<WebhookBackend> backend;

        World()
        {
            if (!sandbox.listen() || !audit.open(dir.filePath(QStringLiteral("audit.sqlite"))))
                qFatal("the sandbox or the audit log did not start");
            sandbox.setRateLimit(0, 0);
            backend = std::make_unique<WebhookBackend>(&network, &domains, &audit);
            addDomain(QStringLiteral("production"), kProductionKey);
            addDomain(QStringLiteral("staging"), kStagingKey);
        }

        QString addDomain(const QString& name, const QString& key, bool knownToSandbox = true)
        {
            if (knownToSandbox)
                sandbox.addDomain(key, name);
            std::optional<DomainStore::Result> added;
            domains.add(
                name, sandbox.apiBaseUrl(), key, &network, [&added](const DomainStore::Result& r) { added = r; });
            if (!QTest::qWaitFor([&added] { return added.has_value(); }, 5000) || !added->added())
                qFatal("domain %s was not added", qPrintable(name));
            return added->domain.id;
        }

        WebhookOperations* ops() const { return backend->operations(); }
        DomainStates* states() const { return backend->states(); }
        QString idOf(const QString& name) const { return domains.domainByName(name)->id; }

        Resolved resolve(const QString& name)
        {
            std::optional<Resolved> resolved;
            ops()->resolve(idOf(name), &network,
                [&resolved](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
                    resolved = Resolved {target, problem};
                });
            if (!QTest::qWaitFor([&resolved] { return resolved.has_value(); }, 10000))
                qFatal("no key for %s within 10 seconds", qPrintable(name));
            return *resolved;
        }
        DomainTarget target(const QString& name)
        {
            const Resolved resolved = resolve(name);
            if (!resolved.target)
                qFatal("%s has no target: %s", qPrintable(name), qPrintable(resolved.problem.message()));
            return *resolved.target;
        }
        // Writes a key straight into the keychain entry of a domain, as another program (or an older version)
        // could have left it.
        void writeKeyEntry(const QString& name, const QString& key)
        {
            bool written = false;
            secrets.write(domains.domainByName(name)->keyName(), key, &network,
                [&written](const SecretStore::Result&) { written = true; });
            if (!QTest::qWaitFor([&written] { return written; }, 5000))
                qFatal("the key was not written");
        }
        Webhook created(const QString& name)
        {
            const OperationResult result = waitFor(ops()->create(target(name), draftFor(sandbox.demoEndpointUrl())));
            if (!result.ok() || !result.after)
                qFatal("create failed: %s", qPrintable(result.error.message));
            return *result.after;
        }
        QList<AuditEntry> entries() const { return audit.entries(); }
    };

private slots:
    // ---- keys ----

    void resolveGivesTheSavedDomainsTarget()
    {
        World w;
        const Resolved resolved = w.resolve(QStringLiteral("production"));
        QVERIFY(resolved.target);
        QCOMPARE(resolved.target->domainId, w.idOf(QStringLiteral("production")));
        QCOMPARE(resolved.target->name, QStringLiteral("production"));
        QCOMPARE(resolved.target->baseUrl, w.sandbox.apiBaseUrl());
        QCOMPARE(resolved.target->apiKey, kProductionKey);
        QVERIFY(!resolved.target->sandbox);
        QCOMPARE(resolved.problem.kind, KeyProblem::Kind::None);

        std::optional<KeyProblem> unknown;
        w.ops()->resolve(QStringLiteral("no-such-id"), &w.network,
            [&unknown](const std::optional<DomainTarget>&, const KeyProblem& problem) { unknown = problem; });
        QTRY_VERIFY(unknown.has_value());
        QCOMPARE(unknown->kind, KeyProblem::Kind::UnknownDomain);
    }

    void keysAreTrimmedAndChecked()
    {
        World w;
        // A key stored with a line break around it is the same key, in every front end.
        w.writeKeyEntry(QStringLiteral("production"), QStringLiteral("  ") + kProductionKey + QStringLiteral("\n"));
        QCOMPARE(w.target(QStringLiteral("production")).apiKey, kProductionKey);
        const OperationResult listed = waitFor(w.ops()->list(w.target(QStringLiteral("production"))));
        QVERIFY2(listed.ok(), qPrintable(listed.error.message));

        // A key a header cannot carry is refused before anything is sent, without quoting it.
        const int before = w.sandbox.requestCount(kStagingKey);
        w.writeKeyEntry(QStringLiteral("staging"), QStringLiteral("ops key\r\nX-Injected: yes"));
        const Resolved refused = w.resolve(QStringLiteral("staging"));
        QVERIFY(!refused.target);
        QCOMPARE(refused.problem.kind, KeyProblem::Kind::UnusableKey);
        QVERIFY(!refused.problem.detail.isEmpty());
        QVERIFY(!refused.problem.message().contains(QLatin1String("Injected")));
        QCOMPARE(refused.problem.toApiError().kind, ApiError::Kind::InvalidApiKey);
        QCOMPARE(w.sandbox.requestCount(kStagingKey), before);

        // No key at all.
        bool removed = false;
        w.secrets.remove(w.domains.domainByName(QStringLiteral("staging"))->keyName(), &w.network,
            [&removed](const SecretStore::Result&) { removed = true; });
        QTRY_VERIFY(removed);
        const Resolved missing = w.resolve(QStringLiteral("staging"));
        QCOMPARE(missing.problem.kind, KeyProblem::Kind::NoKey);
        QCOMPARE(missing.problem.toApiError().kind, ApiError::Kind::MissingApiKey);
    }

    void keysAreKeptForTheSessionUntilReplaced()
    {
        World w;
        QCOMPARE(w.target(QStringLiteral("production")).apiKey, kProductionKey);
        // Read once: a change behind the store's back is not seen...
        w.writeKeyEntry(QStringLiteral("production"), QStringLiteral("ops-changed-behind-its-back"));
        QCOMPARE(w.target(QStringLiteral("production")).apiKey, kProductionKey);
        // ...but a key replaced through the store is, at once.
        std::optional<DomainStore::Result> set;
        w.domains.setKey(w.idOf(QStringLiteral("production")), QStringLiteral("ops-replaced-key"), &w.network,
            [&set](const DomainStore::Result& r) { set = r; });
        QCOMPARE(w.target(QStringLiteral("production")).apiKey, QStringLiteral("ops-replaced-key"));
        QTRY_VERIFY(set.has_value());
        // A rename or a new base URL is seen by the next target, with the kept key.
        QCOMPARE(w.domains.rename(w.idOf(QStringLiteral("production")), QStringLiteral("prod")), QString());
        QCOMPARE(w.target(QStringLiteral("prod")).name, QStringLiteral("prod"));
    }

    // ---- reads ----

    void listAndGet()
    {
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        // A stale state, as a window shows before a refresh: list writes what Daily has now.
        DomainState stale;
        stale.domainId = w.idOf(QStringLiteral("production"));
        stale.domainName = QStringLiteral("production");
        stale.status = DomainState::Status::Loaded;
        w.states()->setState(stale);
        const OperationResult listed = waitFor(w.ops()->list(w.target(QStringLiteral("production"))));
        QVERIFY(listed.ok());
        QCOMPARE(listed.webhooks.size(), 1);
        QCOMPARE(w.states()->state(w.idOf(QStringLiteral("production")))->webhooks.size(), 1);

        const OperationResult got = waitFor(w.ops()->get(w.target(QStringLiteral("production")), made.uuid));
        QVERIFY(got.ok());
        QCOMPARE(got.after->uuid, made.uuid);
        const OperationResult missing
            = waitFor(w.ops()->get(w.target(QStringLiteral("production")), QStringLiteral("no-such-uuid")));
        QCOMPARE(missing.error.kind, ApiError::Kind::NotFound);
        QVERIFY(!missing.after);
    }

    // ---- changes ----

    void createRecordsAndShowsTheWebhook()
    {
        World w;
        const OperationResult result
            = waitFor(w.ops()->create(w.target(QStringLiteral("production")), draftFor(w.sandbox.demoEndpointUrl())));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QVERIFY(result.after && !result.before);
        QVERIFY(result.auditProblem.isEmpty());
        QVERIFY(result.elapsedMs > 0); // the sandbox pinged the URL first
        QCOMPARE(w.sandbox.webhookOf(kProductionKey)->uuid, result.after->uuid);

        const DomainState state = *w.states()->state(w.idOf(QStringLiteral("production")));
        QCOMPARE(state.status, DomainState::Status::Loaded);
        QCOMPARE(state.webhooks.size(), 1);
        QCOMPARE(state.webhooks.first().uuid, result.after->uuid);

        QTRY_COMPARE(w.entries().size(), 1);
        const AuditEntry entry = w.entries().first();
        QCOMPARE(entry.action, AuditEntry::Action::Create);
        QCOMPARE(entry.domainId, w.idOf(QStringLiteral("production")));
        QCOMPARE(entry.domainName, QStringLiteral("production"));
        QCOMPARE(entry.webhookUuid, result.after->uuid);

        // A refused create is an error and changes nothing.
        const OperationResult second
            = waitFor(w.ops()->create(w.target(QStringLiteral("production")), draftFor(w.sandbox.demoEndpointUrl())));
        QCOMPARE(second.error.kind, ApiError::Kind::OneWebhookPerDomain);
        QCOMPARE(w.entries().size(), 1);
        QCOMPARE(w.states()->state(w.idOf(QStringLiteral("production")))->webhooks.size(), 1);
    }

    void updateReadsFirstAndRecordsWhatItReplaced()
    {
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        const DomainTarget target = w.target(QStringLiteral("production"));

        // A wrong uuid fails on the read: the step that would ask for secrets never runs, nothing is sent.
        bool asked = false;
        const auto step = [&asked](const Webhook& current, const WebhookDraft& draft) -> std::optional<WebhookDraft> {
            asked = true;
            WebhookDraft complete = draft;
            complete.hmac = QStringLiteral("b3BzLXNlY3JldC1mb3ItdGhlLXVwZGF0ZQ==");
            if (current.uuid.isEmpty())
                return std::nullopt;
            return complete;
        };
        WebhookDraft change;
        change.eventTypes = QStringList {QStringLiteral("meeting.ended")};
        const OperationResult wrong = waitFor(w.ops()->update(target, QStringLiteral("no-such-uuid"), change, step));
        QCOMPARE(wrong.error.kind, ApiError::Kind::NotFound);
        QVERIFY(!asked);
        QCOMPARE(w.sandbox.receivedRequests().last().method, QByteArrayLiteral("GET"));

        const OperationResult updated = waitFor(w.ops()->update(target, made.uuid, change, step));
        QVERIFY2(updated.ok(), qPrintable(updated.error.message));
        QVERIFY(asked);
        QCOMPARE(updated.before->eventTypes, QStringList {QStringLiteral("meeting.started")});
        QCOMPARE(updated.after->eventTypes, QStringList {QStringLiteral("meeting.ended")});
        QCOMPARE(w.sandbox.webhookOf(kProductionKey)->hmac, QStringLiteral("b3BzLXNlY3JldC1mb3ItdGhlLXVwZGF0ZQ=="));
        QCOMPARE(w.states()->state(target.domainId)->webhooks.first().eventTypes,
            QStringList {QStringLiteral("meeting.ended")});
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Update);
        QCOMPARE(w.entries().first().before->value(QStringLiteral("eventTypes")).toArray().first().toString(),
            QStringLiteral("meeting.started"));

        // A step that stops sends nothing.
        const int requests = w.sandbox.requestCount(kProductionKey);
        const OperationResult stopped = waitFor(w.ops()->update(
            target, made.uuid, change, [](const Webhook&, const WebhookDraft&) { return std::nullopt; }));
        QCOMPARE(stopped.error.kind, ApiError::Kind::Cancelled);
        QCOMPARE(w.sandbox.requestCount(kProductionKey), requests + 1); // the read only
    }

    void reactivateBringsAFailedWebhookBack()
    {
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        QVERIFY(w.sandbox.setWebhookState(made.uuid, QStringLiteral("FAILED"), 3));
        const OperationResult result = waitFor(w.ops()->reactivate(w.target(QStringLiteral("production")), made.uuid));
        QVERIFY2(result.ok(), qPrintable(result.error.message));
        QCOMPARE(result.before->state, QStringLiteral("FAILED"));
        QCOMPARE(result.before->failedCount, 3);
        QCOMPARE(result.after->state, QStringLiteral("ACTIVE"));
        // The update carried the webhook's own URL and nothing else.
        QCOMPARE(w.sandbox.receivedRequests().last().body,
            QByteArray("{\"url\":\"") + made.url.toUtf8() + QByteArray("\"}"));
        QCOMPARE(
            w.states()->state(w.idOf(QStringLiteral("production")))->webhooks.first().state, QStringLiteral("ACTIVE"));
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Reactivate);
    }

    void reactivationThatDoesNotTakeIsAnError()
    {
        // Decided: Daily's 200 is not enough; the webhook must deliver again. The change is kept and shown.
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        QVERIFY(w.sandbox.setWebhookState(made.uuid, QStringLiteral("FAILED"), 3));
        w.sandbox.setReactivationKeepsState(true);
        const OperationResult result = waitFor(w.ops()->reactivate(w.target(QStringLiteral("production")), made.uuid));
        QVERIFY(!result.ok());
        QCOMPARE(result.error.kind, ApiError::Kind::StillNotDelivering);
        QVERIFY2(result.error.message.contains(QLatin1String("FAILED")), qPrintable(result.error.message));
        QCOMPARE(result.after->state, QStringLiteral("FAILED"));
        QCOMPARE(result.before->state, QStringLiteral("FAILED"));
        QCOMPARE(
            w.states()->state(w.idOf(QStringLiteral("production")))->webhooks.first().state, QStringLiteral("FAILED"));
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Reactivate);
    }

    void removeReadsAsksAndRecordsWhatItDeleted()
    {
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        const DomainTarget target = w.target(QStringLiteral("production"));

        std::optional<Webhook> shown;
        const OperationResult declined = waitFor(w.ops()->remove(target, made.uuid, [&shown](const Webhook& current) {
            shown = current;
            return false;
        }));
        QCOMPARE(declined.error.kind, ApiError::Kind::Cancelled);
        QCOMPARE(shown->url, made.url);
        QVERIFY(w.sandbox.webhookOf(kProductionKey));
        QCOMPARE(w.sandbox.receivedRequests().last().method, QByteArrayLiteral("GET"));

        const OperationResult deleted = waitFor(w.ops()->remove(target, made.uuid));
        QVERIFY2(deleted.ok(), qPrintable(deleted.error.message));
        QCOMPARE(deleted.before->uuid, made.uuid);
        QVERIFY(!deleted.after);
        QVERIFY(!w.sandbox.webhookOf(kProductionKey));
        const DomainState state = *w.states()->state(target.domainId);
        QCOMPARE(state.status, DomainState::Status::Loaded);
        QVERIFY(state.webhooks.isEmpty());
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Delete);
        QCOMPARE(w.entries().first().webhookUuid, made.uuid);
    }

    void recreateBringsADeletedWebhookBackWithItsSecret()
    {
        World w;
        const Webhook made = w.created(QStringLiteral("production"));
        const DomainTarget target = w.target(QStringLiteral("production"));
        QVERIFY(waitFor(w.ops()->remove(target, made.uuid)).ok());
        QTRY_COMPARE(w.entries().size(), 2);
        const qint64 deleteId = w.entries().first().id;
        const qint64 createId = w.entries().last().id;

        // A create has nothing before it: refused before anything is sent.
        const int requests = w.sandbox.requestCount(kProductionKey);
        const OperationResult refused = waitFor(w.ops()->recreate(createId, target));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.problem.contains(QLatin1String("no earlier configuration")), qPrintable(refused.problem));
        QCOMPARE(w.sandbox.requestCount(kProductionKey), requests);

        QString seenWarning = QStringLiteral("not called");
        const OperationResult recreated
            = waitFor(w.ops()->recreate(deleteId, target, [&seenWarning](const WebhookDraft&, const QString& warning) {
                  seenWarning = warning;
                  return true;
              }));
        QVERIFY2(recreated.ok(), qPrintable(recreated.error.message + recreated.problem));
        QVERIFY(seenWarning.isEmpty());
        QVERIFY(recreated.after->uuid != made.uuid);
        QCOMPARE(w.sandbox.webhookOf(kProductionKey)->hmac, made.hmac);
        QCOMPARE(w.states()->state(target.domainId)->webhooks.first().uuid, recreated.after->uuid);
        QTRY_COMPARE(w.entries().size(), 3);
        QCOMPARE(w.entries().first().action, AuditEntry::Action::Create);
    }

    void importDecidesFromAFreshList()
    {
        // Decided: what the domain has now, never what a view last showed.
        World w;
        const DomainTarget production = w.target(QStringLiteral("production"));
        const Webhook existing = w.created(QStringLiteral("production"));
        // The view still believes production has no webhook...
        DomainState stale;
        stale.domainId = production.domainId;
        stale.domainName = production.name;
        stale.status = DomainState::Status::Loaded;
        w.states()->setState(stale);
        const QUrl otherUrl = w.sandbox.demoEndpointUrl().resolved(QUrl(QStringLiteral("/demo/imported")));
        const OperationResult updated = waitFor(w.ops()->importInto(production,
            draftFor(otherUrl, {QStringLiteral("meeting.ended"), QStringLiteral("recording.ready-to-download")})));
        QVERIFY2(updated.ok(), qPrintable(updated.error.message));
        QCOMPARE(updated.before->uuid, existing.uuid); // an update, not a create Daily would refuse
        QCOMPARE(updated.after->uuid, existing.uuid);
        QCOMPARE(w.sandbox.webhookOf(kProductionKey)->url, otherUrl.toString());
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Update);

        // ...and staging's view believes it has one that was deleted meanwhile.
        const DomainTarget staging = w.target(QStringLiteral("staging"));
        DomainState ghost = stale;
        ghost.domainId = staging.domainId;
        ghost.domainName = staging.name;
        ghost.webhooks = {existing};
        w.states()->setState(ghost);
        const OperationResult created = waitFor(w.ops()->importInto(staging, draftFor(w.sandbox.demoEndpointUrl())));
        QVERIFY2(created.ok(), qPrintable(created.error.message));
        QVERIFY(!created.before); // a create, not an update of a webhook that is gone
        QCOMPARE(w.sandbox.webhookOf(kStagingKey)->uuid, created.after->uuid);
        const DomainState state = *w.states()->state(staging.domainId);
        QCOMPARE(state.webhooks.size(), 1);
        QCOMPARE(state.webhooks.first().uuid, created.after->uuid);
        QTRY_COMPARE(w.entries().first().action, AuditEntry::Action::Create);
    }

    void auditFailuresAreReportedButTheChangeIsKept()
    {
        World w;
        // A log that cannot write: the change is made, and the result says it was not recorded.
        w.audit.close();
        const OperationResult unrecorded
            = waitFor(w.ops()->create(w.target(QStringLiteral("production")), draftFor(w.sandbox.demoEndpointUrl())));
        QVERIFY2(unrecorded.ok(), qPrintable(unrecorded.error.message));
        QVERIFY(w.sandbox.webhookOf(kProductionKey));
        QVERIFY2(
            unrecorded.auditProblem.contains(QLatin1String("could not record")), qPrintable(unrecorded.auditProblem));

        // A log that could not even be opened: the same, with its reason.
        w.ops()->setAuditSource([](QString* error) -> AuditLog* {
            *error = QStringLiteral("the disk is full");
            return nullptr;
        });
        const OperationResult unopened
            = waitFor(w.ops()->create(w.target(QStringLiteral("staging")), draftFor(w.sandbox.demoEndpointUrl())));
        QVERIFY(unopened.ok());
        QVERIFY(w.sandbox.webhookOf(kStagingKey));
        QVERIFY2(unopened.auditProblem.contains(QLatin1String("the disk is full")), qPrintable(unopened.auditProblem));

        // No log at all (a window without History): nothing to report.
        w.ops()->setAuditSource([](QString*) -> AuditLog* { return nullptr; });
        const OperationResult quiet
            = waitFor(w.ops()->remove(w.target(QStringLiteral("staging")), w.sandbox.webhookOf(kStagingKey)->uuid));
        QVERIFY(quiet.ok());
        QVERIFY(quiet.auditProblem.isEmpty());
    }

    void sandboxChangesAreNotAudited()
    {
        World w;
        DomainTarget sandbox {
            QString(), QStringLiteral("sandbox"), w.sandbox.apiBaseUrl(), SandboxServer::demoApiKey()};
        sandbox.sandbox = true;
        const OperationResult result = waitFor(w.ops()->create(sandbox, draftFor(w.sandbox.demoEndpointUrl())));
        QVERIFY(result.ok());
        QVERIFY(w.sandbox.webhookOf(SandboxServer::demoApiKey()));
        QTest::qWait(50);
        QVERIFY(w.entries().isEmpty());
        // A one-run domain has no state of its own.
        QCOMPARE(w.states()->count(), 2);
    }

    void cancelEndsAnOperationWaitingOnThePing()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket*> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] { held.append(silent.nextPendingConnection()); });
        World w;
        PendingOperation* op = w.ops()->create(w.target(QStringLiteral("production")),
            draftFor(QUrl(QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort()))));
        std::optional<OperationResult> result;
        connect(op, &PendingOperation::finished, this, [&result](const OperationResult& r) { result = r; });
        QTRY_VERIFY(!held.isEmpty()); // the sandbox's ping arrived and hangs
        op->cancel();
        QTRY_VERIFY(result.has_value());
        QCOMPARE(result->error.kind, ApiError::Kind::Cancelled);
        QVERIFY(w.entries().isEmpty());
    }

    // ---- many domains ----

    void refreshAllMarksDomainsWithoutAUsableKey()
    {
        World w;
        w.created(QStringLiteral("production"));
        const QString wrongKey = w.addDomain(QStringLiteral("wrong-key"), QStringLiteral("ops-key-unknown"), false);
        const QString noKey = w.addDomain(QStringLiteral("no-key"), QStringLiteral("ops-key-gone"));
        bool removed = false;
        w.secrets.remove(
            w.domains.domain(noKey)->keyName(), &w.network, [&removed](const SecretStore::Result&) { removed = true; });
        QTRY_VERIFY(removed);

        QSignalSpy unavailable(w.ops(), &WebhookOperations::keyUnavailable);
        QSignalSpy finished(w.ops(), &WebhookOperations::refreshFinished);
        w.ops()->refreshAll();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.count(), 1);
        QCOMPARE(w.states()->state(w.idOf(QStringLiteral("production")))->webhooks.size(), 1);
        QCOMPARE(w.states()->state(w.idOf(QStringLiteral("staging")))->status, DomainState::Status::Loaded);
        QCOMPARE(w.states()->state(wrongKey)->error.kind, ApiError::Kind::AuthenticationFailed);
        QCOMPARE(w.states()->state(noKey)->status, DomainState::Status::Failed);
        QCOMPARE(w.states()->state(noKey)->error.kind, ApiError::Kind::MissingApiKey);
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(unavailable.first().first().toString(), noKey);
        QCOMPARE(unavailable.first().at(1).value<KeyProblem>().kind, KeyProblem::Kind::NoKey);
    }

    void refreshAllBacksOffWhenDailySays429()
    {
        // Decided: every refresh of many domains, the command line's too, goes through the refresher. Two saved
        // domains share one key, which the sandbox lets through once a second: the second is answered 429, rests,
        // and is asked again.
        World w;
        w.sandbox.setRateLimit(1, 0);
        w.backend->refresher()->setRateLimit(0, 0); // no pacing of our own: Daily's 429 is what is tested
        w.backend->refresher()->setBackoff(200, 1000);
        const QString twin = w.addDomain(QStringLiteral("production-twin"), kProductionKey);
        QSignalSpy finished(w.ops(), &WebhookOperations::refreshFinished);
        w.ops()->refreshAll();
        QVERIFY(finished.wait(20000));
        QVERIFY(w.sandbox.rateLimitedCount(kProductionKey) > 0);
        for (const QString& id : {w.idOf(QStringLiteral("production")), twin}) {
            const DomainState state = *w.states()->state(id);
            QVERIFY2(state.status == DomainState::Status::Loaded, qPrintable(state.error.message));
        }
        QVERIFY(std::max(w.states()->state(twin)->attempts,
                    w.states()->state(w.idOf(QStringLiteral("production")))->attempts)
            > 1);
    }

    void refreshAllCalledWhileKeysAreReadRunsAgain()
    {
        World w;
        w.ops()->refreshAll();
        QVERIFY(w.ops()->isRefreshing());
        // Added (and refreshed again) before the keys of the first refresh are read: it gets its turn after.
        w.sandbox.addDomain(QStringLiteral("ops-late-key"), QStringLiteral("late"));
        w.domains.add(QStringLiteral("late"), w.sandbox.apiBaseUrl(), QStringLiteral("ops-late-key"), this,
            [](const DomainStore::Result&) {});
        const QString late = w.idOf(QStringLiteral("late"));
        w.ops()->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(w.states()->state(late)->status == DomainState::Status::Loaded, 15000);
        QTRY_VERIFY(!w.ops()->isRefreshing());
    }

    void refreshAllNamesWhatStoppedDeliveringSinceItBegan()
    {
        // The health watch's bookkeeping lives with the refresh: the loaded states when refreshAll() begins are
        // compared with those it ends with, and refreshFinished() names each webhook that stopped delivering or
        // vanished. A front end only announces them.
        World w;
        const Webhook production = w.created(QStringLiteral("production"));
        const Webhook staging = w.created(QStringLiteral("staging"));
        QSignalSpy finished(w.ops(), &WebhookOperations::refreshFinished);
        const auto refreshed = [&w, &finished]() -> std::optional<QList<HealthTransition>> {
            w.ops()->refreshAll();
            if (!finished.wait(15000))
                return std::nullopt;
            return finished.takeFirst().first().value<QList<HealthTransition>>();
        };
        std::optional<QList<HealthTransition>> health = refreshed();
        QVERIFY(health);
        QVERIFY(health->isEmpty());

        // Daily's circuit breaker switches production's webhook off; staging's domain loses its webhook.
        QVERIFY(w.sandbox.setWebhookState(production.uuid, QStringLiteral("FAILED"), 3));
        QVERIFY(w.sandbox.removeDomain(kStagingKey));
        w.sandbox.addDomain(kStagingKey, QStringLiteral("staging"));
        health = refreshed();
        QVERIFY(health);
        QCOMPARE(health->size(), 2);
        const auto of = [&health](const QString& uuid) {
            return *std::find_if(
                health->cbegin(), health->cend(), [&uuid](const HealthTransition& t) { return t.uuid == uuid; });
        };
        QVERIFY(std::all_of(health->cbegin(), health->cend(),
            [&](const HealthTransition& t) { return t.uuid == production.uuid || t.uuid == staging.uuid; }));
        const HealthTransition failed = of(production.uuid);
        QCOMPARE(failed.kind, HealthTransition::Kind::StoppedDelivering);
        QCOMPARE(failed.domainId, w.idOf(QStringLiteral("production")));
        QCOMPARE(failed.domainName, QStringLiteral("production"));
        QCOMPARE(failed.url, production.url);
        QCOMPARE(failed.newState, QStringLiteral("FAILED"));
        const HealthTransition gone = of(staging.uuid);
        QCOMPARE(gone.kind, HealthTransition::Kind::Disappeared);
        QCOMPARE(gone.domainId, w.idOf(QStringLiteral("staging")));

        // Said once: the next refresh starts from the failed state and finds nothing new.
        health = refreshed();
        QVERIFY(health);
        QVERIFY(health->isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_WebhookOperations)
#include "tst_WebhookOperations.moc"
