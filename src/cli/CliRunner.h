#pragma once

#include "AuditEntry.h"
#include "CliCommand.h"
#include "Domain.h"
#include "DomainTarget.h"
#include "ExitCode.h"
#include "KeyProblem.h"
#include "LocalStores.h"
#include "OperationResult.h"
#include "Webhook.h"
#include "WebhookDraft.h"
#include "WebhookExport.h"
#include "WebhookOperations.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class CliDeliveryCommands;
class CliDomainCommands;
class DomainStore;
class PendingOperation;
class DeliverySender;
class PreflightCheck;
class TestEvent;
class TestEventBatch;
class WebhookBackend;
struct PreflightResult;
struct TestEventOutcome;
struct RequestLogEntry;

// Runs one parsed command of daily-webhooks-cli: turns the command line into a target and an operation of core's
// WebhookOperations (or PreflightCheck, DeliverySender, or the audit log's history), prompts where a verb asks, prints
// the result for people or as JSON, and ends with the documented exit status. Entirely on the event loop: every step is
// a callback, nothing waits in a nested loop. finished() follows run() exactly once, with the exit status; main() hands
// it to QCoreApplication::exit().
class CliRunner : public QObject
{
    Q_OBJECT

public:
    explicit CliRunner(QObject* parent = nullptr);
    ~CliRunner() override;

    void run(const CliCommand& command);

    // The run's timeout, decided once in run(): --timeout, else the request timeout of the app's settings. The
    // keychain waits of every command use it; so should every other wait of the run.
    int timeoutSeconds() const { return m_timeoutSeconds; }

signals:
    void finished(int exitCode);

private:
    // One domain's answer to GET /webhooks, for --all.
    struct DomainList
    {
        QString domain;
        QList<Webhook> webhooks;
        std::optional<ApiError> error;
        ExitCode code = ExitCode::Ok;
        QString problem;
    };
    struct ImportRun;

    using TargetCallback = std::function<void(const DomainTarget&)>;
    using ResultCallback = std::function<void(const OperationResult&)>;

    DomainStore* domains();
    WebhookOperations* operations();
    void resolveTarget(TargetCallback next);
    void targetOf(const QString& domainId, WebhookOperations::ResolveCallback done);
    static QString keyProblemSentence(const KeyProblem& problem);
    std::optional<QUrl> baseUrlFromEnvironment(const char* variable, const QUrl& fallback);
    // Continues with the operation's result, unless the run has ended meanwhile.
    void send(PendingOperation* operation, ResultCallback done);
    static void logCall(const RequestLogEntry& entry);
    static void warnAudit(const OperationResult& result);

    void runList();
    void runGet();
    void runCreate();
    void runUpdate();
    void runReactivate();
    void runDelete();
    void runHistory();
    void runRecreate();
    void runPreflight();
    void runExport();
    void runImport();
    void runVerify();
    void runTrigger();

    void fetchAll(std::function<void(const QList<DomainList>&)> done);
    void printLists(const QList<DomainList>& lists);
    void writeExport(const QList<QPair<QString, Webhook>>& webhooks, ExitCode code);
    void importNext(const std::shared_ptr<ImportRun>& run);
    void importInto(const std::shared_ptr<ImportRun>& run, const DomainTarget& target);
    void reportImport(const std::shared_ptr<ImportRun>& run, const QString& to, const QString& result,
        const std::optional<Webhook>& webhook, ExitCode code, const QString& problem);
    void printPreflight(const PreflightResult& result);
    void sendTestEvents(const QList<TestEvent>& events, const QUrl& url, const QString& hmac, const QString& basicAuth);
    void printTestEvents(const QList<TestEventOutcome>& outcomes, bool signedEvents);

    // The fields given on the command line, checked; false when the run already ended.
    bool draftFromCommand(WebhookDraft* draft, bool requireUrl);
    // HMAC secret and basic auth from --generate-hmac and stdin; false when the run already ended.
    bool readSecrets(WebhookDraft* draft, bool allowGenerate);
    bool checkDraft(const WebhookDraft& draft, bool requireUrl);
    void recreateOn(const DomainTarget& target, qint64 entryId);

    void printWebhook(const QString& headline, const Webhook& webhook);
    void failApi(const ApiError& error, const DomainTarget& target);
    void fail(ExitCode code, const QString& sentence);
    void finish(ExitCode code);

    CliCommand m_command;
    int m_timeoutSeconds = 0;
    QNetworkAccessManager m_network;
    LocalStores m_stores;
    std::unique_ptr<WebhookBackend> m_backend;
    std::unique_ptr<PreflightCheck> m_preflight;
    std::unique_ptr<DeliverySender> m_deliverySender;
    std::unique_ptr<TestEventBatch> m_testEvents;
    std::unique_ptr<CliDomainCommands> m_domainCommands;
    std::unique_ptr<CliDeliveryCommands> m_deliveryCommands;
    bool m_finished = false;
};
