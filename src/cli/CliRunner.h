#pragma once

#include "ApiResult.h"
#include "AuditEntry.h"
#include "CliCommand.h"
#include "Domain.h"
#include "DomainTarget.h"
#include "ExitCode.h"
#include "Webhook.h"
#include "WebhookDraft.h"
#include "WebhookExport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class AuditLog;
class CliDomainCommands;
class DailyCall;
class DailyClient;
class PreflightCheck;
class DomainStore;
class SecretStore;
struct PreflightResult;

// Runs one parsed command of daily-webhooks-cli through core's DailyClient, DomainStore, PreflightCheck and
// AuditLog, entirely on the event loop: every step is a callback, nothing waits in a nested loop. finished()
// follows run() exactly once, with the exit status; main() hands it to QCoreApplication::exit().
class CliRunner : public QObject
{
    Q_OBJECT

public:
    // SandboxServer::demoApiKey(): the key every sandbox starts with. Spelled out so the CLI need not link the
    // sandbox's HTTP server; tst_Cli checks that the two agree.
    static const QString SandboxApiKey;
    // Where --sandbox looks unless DAILY_SANDBOX_URL or --api-base says otherwise; daily-webhooks-sandbox's
    // default port.
    static QUrl defaultSandboxUrl();
    // How many saved domains `list --all` and `export --all` ask at once.
    static constexpr int ParallelDomains = 8;

    explicit CliRunner(QObject* parent = nullptr);
    ~CliRunner() override;

    void run(const CliCommand& command);

    // The run's timeout, decided once in run(): --timeout, else the request timeout of the app's settings. The
    // keychain waits of every command use it; so should every other wait of the run.
    int timeoutSeconds() const { return m_timeoutSeconds; }

signals:
    void finished(int exitCode);

private:
    struct Resolution
    {
        std::optional<DomainTarget> target;
        ExitCode code = ExitCode::Ok;
        QString problem; // one sentence when there is no target
    };
    // One domain's answer to GET /webhooks, for --all.
    struct DomainList
    {
        QString domain;
        QList<Webhook> webhooks;
        std::optional<ApiError> error;
        ExitCode code = ExitCode::Ok;
        QString problem;
    };
    struct AllRun;
    struct ImportRun;

    using TargetCallback = std::function<void(const DomainTarget&)>;
    using ResultCallback = std::function<void(const ApiResult&)>;

    DomainStore* domains();
    void resolveTarget(TargetCallback next);
    void targetOf(const Domain& domain, std::function<void(const Resolution&)> done);
    std::optional<QUrl> baseUrlFromEnvironment(const char* variable, const QUrl& fallback);
    void send(DailyCall* call, ResultCallback done);
    void logCall(DailyCall* call);

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

    void fetchAll(std::function<void(const QList<DomainList>&)> done);
    void pumpAll(const std::shared_ptr<AllRun>& run);
    void printLists(const QList<DomainList>& lists);
    void writeExport(const QList<QPair<QString, Webhook>>& webhooks, ExitCode code);
    void importNext(const std::shared_ptr<ImportRun>& run);
    void importInto(const std::shared_ptr<ImportRun>& run, const DomainTarget& target);
    void reportImport(const std::shared_ptr<ImportRun>& run, const QString& to, const QString& result,
        const std::optional<Webhook>& webhook, ExitCode code, const QString& problem);
    void printPreflight(const PreflightResult& result);

    // The fields given on the command line, checked; false when the run already ended.
    bool draftFromCommand(WebhookDraft* draft, bool requireUrl);
    // HMAC secret and basic auth from --generate-hmac and stdin; false when the run already ended.
    bool readSecrets(WebhookDraft* draft, bool allowGenerate);
    bool checkDraft(const WebhookDraft& draft, bool requireUrl);
    // The audit log, opened on first use; nullptr with `error` set when it cannot be opened.
    AuditLog* openAudit(QString* error);
    void recreateOn(const DomainTarget& target, const WebhookDraft& draft, qint64 entryId);
    void record(AuditEntry::Action action, const DomainTarget& target, const std::optional<Webhook>& before,
        const std::optional<Webhook>& after, std::function<void()> then);

    void printWebhook(const QString& headline, const Webhook& webhook);
    void failApi(const ApiError& error, const DomainTarget& target);
    void fail(ExitCode code, const QString& sentence);
    void finish(ExitCode code);

    CliCommand m_command;
    int m_timeoutSeconds = 0;
    QNetworkAccessManager m_network;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DomainStore> m_domains;
    std::unique_ptr<DailyClient> m_client;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<PreflightCheck> m_preflight;
    std::unique_ptr<CliDomainCommands> m_domainCommands;
    bool m_auditUnavailable = false;
    bool m_finished = false;
};
