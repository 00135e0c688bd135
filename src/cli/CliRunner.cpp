#include "CliRunner.h"

#include "AppSettings.h"
#include "AuditHistory.h"
#include "CliConsole.h"
#include "CliDeliveryCommands.h"
#include "CliDomainCommands.h"
#include "CliInput.h"
#include "CliOutput.h"
#include "CliParser.h"
#include "DeliverySender.h"
#include "DomainStates.h"
#include "DomainStore.h"
#include "EventCatalog.h"
#include "ImportPlan.h"
#include "Limits.h"
#include "PendingOperation.h"
#include "PreflightCheck.h"
#include "PreflightResult.h"
#include "RequestLog.h"
#include "SandboxDefaults.h"
#include "Signature.h"
#include "SignatureDiagnosis.h"
#include "TestEvent.h"
#include "TestEventBatch.h"
#include "TestEventOutcome.h"
#include "UrlPolicy.h"
#include "VerificationCode.h"
#include "WebhookBackend.h"
#include "WebhookOperations.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>

struct CliRunner::ImportRun
{
    QList<WebhookExport::Entry> entries;
    std::optional<DomainTarget> fixed; // every entry goes here; else each to the saved domain `steps` says
    QList<ImportPlan::Step> steps;
    int index = 0;
    QJsonArray reports;
    QList<QStringList> rows;
    ExitCode code = ExitCode::Ok;
};

namespace {

QString hostLabel(const QUrl& url)
{
    return url.port() > 0 ? url.host() + QLatin1Char(':') + QString::number(url.port()) : url.host();
}

QJsonObject problemJson(ExitCode code, const QString& problem, const std::optional<ApiError>& error)
{
    if (error)
        return CliOutput::errorJson(*error);
    QJsonObject o;
    o.insert(
        QStringLiteral("kind"), code == ExitCode::Auth ? QStringLiteral("missing-api-key") : QStringLiteral("usage"));
    o.insert(QStringLiteral("message"), problem);
    return o;
}

QJsonObject entryJson(const AuditEntry& entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), entry.id);
    o.insert(QStringLiteral("at"), entry.at.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("change"), AuditEntry::actionName(entry.action));
    o.insert(QStringLiteral("domain"), entry.domainName);
    o.insert(QStringLiteral("url"), entry.webhookUrl());
    o.insert(QStringLiteral("uuid"), entry.webhookUuid);
    // The log stores configurations without secrets; redacted() makes sure of it.
    o.insert(QStringLiteral("before"), entry.before ? CliOutput::redacted(*entry.before) : QJsonValue());
    o.insert(QStringLiteral("after"), entry.after ? CliOutput::redacted(*entry.after) : QJsonValue());
    // A configuration over the log's limits was kept cut; a cut "before" is not recreatable.
    o.insert(QStringLiteral("truncated"), entry.isTruncated());
    o.insert(QStringLiteral("recreatable"), entry.isRecreatable());
    return o;
}

} // namespace

CliRunner::CliRunner(QObject* parent)
    : QObject(parent)
{ }

CliRunner::~CliRunner() = default;

DomainStore* CliRunner::domains()
{
    return m_stores.domains();
}

WebhookOperations* CliRunner::operations()
{
    // Built on first use: help-like verbs (history, preflight) need none of it.
    if (!m_backend) {
        m_backend = std::make_unique<WebhookBackend>(&m_network, domains(), nullptr);
        m_backend->setTimeoutMs(m_timeoutSeconds * 1000);
        // Opened only when a change is to be recorded, so reads and sandbox runs never create the log.
        m_backend->operations()->setAuditSource([this](QString* error) { return m_stores.audit(error); });
        if (m_command.verbose) {
            RequestLog* log = m_backend->requestLog();
            connect(log, &RequestLog::entryAdded, this, [log](int index) { logCall(log->entry(index)); });
        }
    }
    return m_backend->operations();
}

void CliRunner::run(const CliCommand& command)
{
    m_command = command;
    m_timeoutSeconds = command.timeoutSeconds > 0 ? command.timeoutSeconds : AppSettings().requestTimeoutSeconds();
    // One value for every wait: the keychain's and each API request's (the settings' request timeout otherwise).
    m_stores.setKeychainTimeoutSeconds(m_timeoutSeconds);

    using Verb = CliCommand::Verb;
    switch (command.verb) {
    case Verb::Help:
    case Verb::Version:
        return fail(ExitCode::Failure, tr("Help and version are printed before the runner starts."));
    case Verb::DomainsList:
    case Verb::DomainsAdd:
    case Verb::DomainsRename:
    case Verb::DomainsRemove:
    case Verb::DomainsImport:
    case Verb::DomainsSetKey:
        m_domainCommands = std::make_unique<CliDomainCommands>(domains());
        return m_domainCommands->run(command, [this](ExitCode code) { finish(code); });
    case Verb::List:
        return runList();
    case Verb::Get:
        return runGet();
    case Verb::Create:
        return runCreate();
    case Verb::Update:
        return runUpdate();
    case Verb::Reactivate:
        return runReactivate();
    case Verb::Delete:
        return runDelete();
    case Verb::History:
        return runHistory();
    case Verb::Recreate:
        return runRecreate();
    case Verb::Preflight:
        return runPreflight();
    case Verb::Export:
        return runExport();
    case Verb::Import:
        return runImport();
    case Verb::Verify:
        return runVerify();
    case Verb::Trigger:
        return runTrigger();
    case Verb::Receive:
    case Verb::Deliveries:
    case Verb::DeliveriesShow:
    case Verb::DeliveriesReplay:
        m_deliveryCommands = std::make_unique<CliDeliveryCommands>();
        m_deliveryCommands->setTimeoutMs(m_timeoutSeconds * 1000);
        return m_deliveryCommands->run(command, [this](ExitCode code) { finish(code); });
    }
}

void CliRunner::finish(ExitCode code)
{
    if (m_finished)
        return;
    m_finished = true;
    emit finished(int(code));
}

void CliRunner::fail(ExitCode code, const QString& sentence)
{
    CliConsole::error(sentence);
    finish(code);
}

void CliRunner::failApi(const ApiError& error, const DomainTarget& target)
{
    if (target.sandbox && error.kind == ApiError::Kind::ConnectionRefused) {
        const int port = target.baseUrl.port(80);
        CliConsole::error(tr("Nothing answers at %1, where the sandbox should be; start it with "
                             "\"daily-webhooks-sandbox --port %2\" or point DAILY_SANDBOX_URL at one that runs.")
                              .arg(target.baseUrl.toString())
                              .arg(port));
    } else {
        CliConsole::error(CliOutput::errorSentence(error));
    }
    if (m_command.verbose)
        CliConsole::err(CliOutput::details(error) + QLatin1Char('\n'));
    finish(exitCodeFor(error.kind));
}

void CliRunner::logCall(const RequestLogEntry& entry)
{
    const QString status = entry.httpStatus > 0 ? QString::number(entry.httpStatus)
        : entry.errorKind.isEmpty()             ? ApiError::kindName(ApiError::Kind::None)
                                                : entry.errorKind;
    CliConsole::err(QStringLiteral("%1 %2 -> %3 (%4 ms)\n")
                        .arg(entry.method(), entry.request.url.toString(QUrl::RemoveUserInfo), status)
                        .arg(entry.durationMs));
}

void CliRunner::send(PendingOperation* operation, ResultCallback done)
{
    connect(
        operation, &PendingOperation::finished, this, [this, done = std::move(done)](const OperationResult& result) {
            // A step of the operation may have ended the run already (a prompt the user declined, stdin that ended).
            if (!m_finished)
                done(result);
        });
}

void CliRunner::warnAudit(const OperationResult& result)
{
    if (!result.auditProblem.isEmpty())
        CliConsole::warning(result.auditProblem);
}

std::optional<QUrl> CliRunner::baseUrlFromEnvironment(const char* variable, const QUrl& fallback)
{
    QString text = m_command.apiBase;
    QString source = QStringLiteral("--api-base");
    if (text.isEmpty()) {
        text = qEnvironmentVariable(variable).trimmed();
        source = QString::fromLatin1(variable);
    }
    if (text.isEmpty())
        return fallback;
    if (const QString problem = UrlPolicy::apiBaseProblem(text); !problem.isEmpty()) {
        fail(ExitCode::Usage, tr("%1 is \"%2\". %3").arg(source, text, problem));
        return std::nullopt;
    }
    return QUrl(text.trimmed(), QUrl::StrictMode);
}

void CliRunner::resolveTarget(TargetCallback next)
{
    // Explicit flags win over the environment: someone who types --sandbox or --domain means it, even with a
    // DAILY_API_KEY exported in the shell.
    if (!m_command.domain.isEmpty()) {
        const std::optional<Domain> domain = domains()->domainByName(m_command.domain);
        if (!domain) {
            return fail(ExitCode::Usage,
                tr("There is no saved domain named \"%1\" (see \"%2 domains list\").")
                    .arg(Domain::normalizedName(m_command.domain), CliParser::ProgramName));
        }
        return targetOf(domain->id, [this, next](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
            if (!target)
                return fail(exitCodeFor(problem.kind), keyProblemSentence(problem));
            next(*target);
        });
    }
    if (m_command.sandbox) {
        const std::optional<QUrl> base = baseUrlFromEnvironment("DAILY_SANDBOX_URL", SandboxDefaults::apiBaseUrl());
        if (!base)
            return;
        DomainTarget target;
        target.name = QStringLiteral("sandbox");
        target.baseUrl = *base;
        target.apiKey = SandboxDefaults::demoApiKey();
        target.sandbox = true;
        return next(target);
    }
    const QString key = qEnvironmentVariable("DAILY_API_KEY").trimmed();
    if (!key.isEmpty()) {
        // The key goes into a header: a line break in it would add headers of the environment's choosing.
        if (const QString problem = Domain::apiKeyProblem(key); !problem.isEmpty())
            return fail(ExitCode::Auth, tr("DAILY_API_KEY cannot be used. %1").arg(problem));
        const std::optional<QUrl> base = baseUrlFromEnvironment("DAILY_API_BASE", DomainTarget::defaultBaseUrl());
        if (!base)
            return;
        DomainTarget target;
        target.name = QStringLiteral("env:") + hostLabel(*base);
        target.baseUrl = *base;
        target.apiKey = key;
        return next(target);
    }
    fail(ExitCode::Auth,
        tr("No Daily domain is selected: pass --domain NAME (see \"%1 domains list\"), set DAILY_API_KEY, or use "
           "--sandbox.")
            .arg(CliParser::ProgramName));
}

void CliRunner::targetOf(const QString& domainId, WebhookOperations::ResolveCallback done)
{
    operations()->resolve(domainId, this, std::move(done));
}

QString CliRunner::keyProblemSentence(const KeyProblem& problem)
{
    switch (problem.kind) {
    case KeyProblem::Kind::None:
        return {};
    case KeyProblem::Kind::UnknownDomain:
        return problem.message();
    case KeyProblem::Kind::UnusableKey:
        return tr("The API key stored for domain %1 cannot be used. %2 Replace it with \"%3 domains set-key %1\".")
            .arg(problem.domainName, problem.detail, CliParser::ProgramName);
    case KeyProblem::Kind::NoKey:
        return tr("No API key is stored for domain %1; store one with \"%2 domains set-key %1\".")
            .arg(problem.domainName, CliParser::ProgramName);
    case KeyProblem::Kind::KeychainTimedOut:
        return tr("The keychain did not give the API key of domain %1: %2").arg(problem.domainName, problem.detail);
    case KeyProblem::Kind::KeychainFailed:
        return tr("The keychain did not give the API key of domain %1 (%2); unlock it, or use DAILY_API_KEY.")
            .arg(problem.domainName, problem.detail);
    }
    return problem.message();
}

bool CliRunner::checkDraft(const WebhookDraft& draft, bool requireUrl)
{
    const QList<FieldProblem> problems = draft.validate(EventCatalog::builtIn(), requireUrl);
    if (problems.isEmpty())
        return true;
    for (const FieldProblem& problem : problems)
        CliConsole::error(problem.field + QStringLiteral(": ") + problem.message);
    finish(ExitCode::Validation);
    return false;
}

bool CliRunner::draftFromCommand(WebhookDraft* draft, bool requireUrl)
{
    draft->url = m_command.url;
    draft->eventTypes = m_command.eventTypes;
    draft->retryType = m_command.retryType;
    return checkDraft(*draft, requireUrl);
}

bool CliRunner::readSecrets(WebhookDraft* draft, bool allowGenerate)
{
    if (allowGenerate && m_command.generateHmac)
        draft->hmac = Signature::generateSecret();
    // One line each, always in this order, so a script can pipe them with printf '%s\n' "$HMAC" "$AUTH".
    if (m_command.hmacFromStdin) {
        const std::optional<QString> line = CliInput::readLine(tr("HMAC secret (base64): "), true);
        if (!line) {
            fail(ExitCode::Usage, tr("stdin ended before the HMAC secret; pipe it in or type it when asked."));
            return false;
        }
        draft->hmac = line->trimmed();
    }
    if (m_command.basicAuthFromStdin) {
        const std::optional<QString> line = CliInput::readLine(tr("Basic auth credential: "), true);
        if (!line) {
            fail(ExitCode::Usage, tr("stdin ended before the basic auth credential."));
            return false;
        }
        draft->basicAuth = *line;
    } else if (!m_command.basicAuthUser.isEmpty()) {
        const std::optional<QString> line
            = CliInput::readLine(tr("Basic auth password for %1: ").arg(m_command.basicAuthUser), true);
        if (!line) {
            fail(ExitCode::Usage, tr("stdin ended before the basic auth password."));
            return false;
        }
        draft->basicAuth = WebhookDraft::basicAuthFromCredentials(m_command.basicAuthUser, *line);
    }
    return true;
}

void CliRunner::printWebhook(const QString& headline, const Webhook& webhook)
{
    if (m_command.json) {
        CliConsole::outBytes(CliOutput::toJson(CliOutput::webhookJson(webhook, m_command.showSecrets)));
        return;
    }
    QString text;
    if (!headline.isEmpty())
        text += headline + QStringLiteral("\n\n");
    text += CliOutput::webhookDetails(webhook, m_command.showSecrets, QDateTime::currentDateTimeUtc());
    CliConsole::out(text);
}

// ---- list ----

void CliRunner::runList()
{
    if (m_command.all)
        return fetchAll([this](const QList<DomainList>& lists) { printLists(lists); });
    resolveTarget([this](const DomainTarget& target) {
        send(operations()->list(target), [this, target](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            if (m_command.json) {
                QJsonArray array;
                for (const Webhook& webhook : result.webhooks)
                    array.append(CliOutput::webhookJson(webhook, m_command.showSecrets));
                CliConsole::outBytes(CliOutput::toJson(array));
            } else if (result.webhooks.isEmpty()) {
                CliConsole::out(tr("No webhook on %1.\n").arg(target.name));
            } else {
                QList<CliOutput::Row> rows;
                for (const Webhook& webhook : result.webhooks)
                    rows.append({target.name, webhook, QString()});
                CliConsole::out(CliOutput::webhookTable(rows, QDateTime::currentDateTimeUtc()));
            }
            finish(ExitCode::Ok);
        });
    });
}

void CliRunner::fetchAll(std::function<void(const QList<DomainList>&)> done)
{
    const QList<Domain> saved = domains()->domains();
    if (saved.isEmpty())
        return done({});
    // The same refresh as the window's: every saved domain through the refresher, with its concurrency, its
    // per-key rate limit and its backoff on 429. Domains whose key could not be had say why.
    WebhookOperations* ops = operations();
    auto keyProblems = std::make_shared<QHash<QString, KeyProblem>>();
    connect(ops, &WebhookOperations::keyUnavailable, this,
        [keyProblems](const QString& domainId, const KeyProblem& problem) { keyProblems->insert(domainId, problem); });
    connect(
        ops, &WebhookOperations::refreshFinished, this,
        [this, saved, keyProblems, done] {
            QList<DomainList> lists;
            for (const Domain& domain : saved) {
                DomainList list;
                list.domain = domain.name;
                const std::optional<DomainState> state = m_backend->states()->state(domain.id);
                if (const auto problem = keyProblems->constFind(domain.id); problem != keyProblems->cend()) {
                    list.code = exitCodeFor(problem->kind);
                    list.problem = keyProblemSentence(*problem);
                } else if (state && state->status == DomainState::Status::Loaded) {
                    list.webhooks = state->webhooks;
                } else {
                    const ApiError error = state && state->error.isError() ? state->error : ApiError::cancelled();
                    list.error = error;
                    list.code = exitCodeFor(error.kind);
                    list.problem = error.message;
                }
                lists.append(list);
            }
            done(lists);
        },
        Qt::SingleShotConnection);
    ops->refreshAll();
}

void CliRunner::printLists(const QList<DomainList>& lists)
{
    ExitCode code = ExitCode::Ok;
    for (const DomainList& list : lists) {
        if (list.code == ExitCode::Ok)
            continue;
        CliConsole::error(
            list.domain + QStringLiteral(": ") + (list.error ? CliOutput::errorSentence(*list.error) : list.problem));
        if (code == ExitCode::Ok)
            code = list.code;
    }
    if (m_command.json) {
        QJsonArray array;
        for (const DomainList& list : lists) {
            QJsonObject o;
            o.insert(QStringLiteral("domain"), list.domain);
            if (list.code == ExitCode::Ok) {
                QJsonArray webhooks;
                for (const Webhook& webhook : list.webhooks)
                    webhooks.append(CliOutput::webhookJson(webhook, m_command.showSecrets));
                o.insert(QStringLiteral("webhooks"), webhooks);
            } else {
                o.insert(QStringLiteral("error"), problemJson(list.code, list.problem, list.error));
            }
            array.append(o);
        }
        CliConsole::outBytes(CliOutput::toJson(array));
    } else if (lists.isEmpty()) {
        CliConsole::out(tr("No saved domains; add one with \"%1 domains add NAME\".\n").arg(CliParser::ProgramName));
    } else {
        QList<CliOutput::Row> rows;
        for (const DomainList& list : lists) {
            if (list.code != ExitCode::Ok)
                rows.append({list.domain, std::nullopt, list.problem});
            else if (list.webhooks.isEmpty())
                rows.append({list.domain, std::nullopt, QString()});
            for (const Webhook& webhook : list.webhooks)
                rows.append({list.domain, webhook, QString()});
        }
        CliConsole::out(CliOutput::webhookTable(rows, QDateTime::currentDateTimeUtc()));
    }
    finish(code);
}

// ---- get, create, update, reactivate, delete ----

void CliRunner::runGet()
{
    resolveTarget([this](const DomainTarget& target) {
        send(operations()->get(target, m_command.uuid), [this, target](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            printWebhook(QString(), *result.after);
            finish(ExitCode::Ok);
        });
    });
}

void CliRunner::runCreate()
{
    // What can be checked without the network or stdin is checked first, so a typo costs no prompt.
    WebhookDraft draft;
    if (!draftFromCommand(&draft, true))
        return;
    resolveTarget([this, draft](const DomainTarget& target) {
        WebhookDraft complete = draft;
        if (!readSecrets(&complete, true) || !checkDraft(complete, true))
            return;
        const bool secretFromUser = m_command.hmacFromStdin;
        send(operations()->create(target, complete), [this, target, secretFromUser](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            warnAudit(result);
            const Webhook created = *result.after;
            printWebhook(tr("Created webhook %1 on %2.").arg(created.uuid, target.name), created);
            if (!m_command.json && !m_command.showSecrets && !secretFromUser && !created.hmac.isEmpty()) {
                CliConsole::err(tr("The HMAC secret your receiver needs is redacted above; see it with \"%1 get "
                                   "%2 --show-secrets\".\n")
                                    .arg(CliParser::ProgramName, created.uuid));
            }
            finish(ExitCode::Ok);
        });
    });
}

void CliRunner::runUpdate()
{
    WebhookDraft draft;
    if (!draftFromCommand(&draft, false))
        return;
    resolveTarget([this, draft](const DomainTarget& target) {
        // The webhook is read first, so a wrong uuid fails before any secret is asked for.
        const auto complete = [this](const Webhook&, const WebhookDraft& given) -> std::optional<WebhookDraft> {
            WebhookDraft full = given;
            if (!readSecrets(&full, true) || !checkDraft(full, false))
                return std::nullopt;
            return full;
        };
        send(operations()->update(target, m_command.uuid, draft, complete),
            [this, target](const OperationResult& result) {
                if (!result.ok())
                    return failApi(result.error, target);
                warnAudit(result);
                printWebhook(tr("Updated webhook %1 on %2.").arg(result.after->uuid, target.name), *result.after);
                finish(ExitCode::Ok);
            });
    });
}

void CliRunner::runReactivate()
{
    resolveTarget([this](const DomainTarget& target) {
        send(operations()->reactivate(target, m_command.uuid), [this, target](const OperationResult& result) {
            // A reactivation that did not take was still made: it is shown, then reported.
            if (!result.after)
                return failApi(result.error, target);
            warnAudit(result);
            const Webhook& before = *result.before;
            const Webhook& after = *result.after;
            const QString stateBefore = before.state.isEmpty() ? QStringLiteral("-") : before.state;
            const QString stateAfter = after.state.isEmpty() ? QStringLiteral("-") : after.state;
            if (m_command.json) {
                QJsonObject o;
                o.insert(QStringLiteral("uuid"), after.uuid);
                o.insert(QStringLiteral("stateBefore"), before.state);
                o.insert(QStringLiteral("stateAfter"), after.state);
                o.insert(QStringLiteral("failedCountBefore"), before.failedCount);
                o.insert(QStringLiteral("failedCountAfter"), after.failedCount);
                o.insert(QStringLiteral("webhook"), CliOutput::webhookJson(after, m_command.showSecrets));
                CliConsole::outBytes(CliOutput::toJson(o));
            } else {
                CliConsole::out(tr("Webhook %1 on %2: %3 -> %4 (failed count %5 -> %6).\n")
                                    .arg(after.uuid, target.name, stateBefore, stateAfter)
                                    .arg(before.failedCount)
                                    .arg(after.failedCount));
            }
            if (!result.ok())
                return fail(exitCodeFor(result.error.kind), result.error.message);
            finish(ExitCode::Ok);
        });
    });
}

void CliRunner::runDelete()
{
    if (!m_command.yes && !CliInput::isTerminal()) {
        return fail(ExitCode::Usage,
            tr("delete asks before deleting, but stdin is not a terminal; add --yes to delete without asking (see "
               "\"%1 delete --help\").")
                .arg(CliParser::ProgramName));
    }
    resolveTarget([this](const DomainTarget& target) {
        WebhookOperations::Confirmation confirm;
        if (!m_command.yes) {
            confirm = [this, target](const Webhook& before) {
                const std::optional<QString> answer = CliInput::readLine(
                    tr("Delete webhook %1 (%2) on %3? [y/N] ").arg(before.uuid, before.url, target.name), false);
                const QString word = answer.value_or(QString()).trimmed().toLower();
                if (word == QLatin1String("y") || word == QLatin1String("yes"))
                    return true;
                fail(ExitCode::Failure, tr("Nothing was deleted."));
                return false;
            };
        }
        send(operations()->remove(target, m_command.uuid, confirm), [this, target](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            warnAudit(result);
            const Webhook& before = *result.before;
            if (m_command.json) {
                QJsonObject o;
                o.insert(QStringLiteral("deleted"), true);
                o.insert(QStringLiteral("uuid"), before.uuid);
                o.insert(QStringLiteral("webhook"), CliOutput::webhookJson(before, m_command.showSecrets));
                CliConsole::outBytes(CliOutput::toJson(o));
            } else {
                CliConsole::out(tr("Deleted webhook %1 (%2) on %3.\n").arg(before.uuid, before.url, target.name));
            }
            finish(ExitCode::Ok);
        });
    });
}

// ---- history, recreate ----

void CliRunner::runHistory()
{
    // Only names are needed to choose the entries, so a saved domain's key is not read.
    std::optional<QString> domainId;
    QString label; // for targets that are not saved domains, whose entries share the empty domain id
    if (!m_command.domain.isEmpty()) {
        const std::optional<Domain> domain = domains()->domainByName(m_command.domain);
        if (!domain) {
            return fail(ExitCode::Usage,
                tr("There is no saved domain named \"%1\" (see \"%2 domains list\").")
                    .arg(Domain::normalizedName(m_command.domain), CliParser::ProgramName));
        }
        domainId = domain->id;
    } else if (m_command.sandbox) {
        domainId = QStringLiteral("");
        label = QStringLiteral("sandbox");
    } else if (!qEnvironmentVariable("DAILY_API_KEY").trimmed().isEmpty()) {
        const std::optional<QUrl> base = baseUrlFromEnvironment("DAILY_API_BASE", DomainTarget::defaultBaseUrl());
        if (!base)
            return;
        domainId = QStringLiteral("");
        label = QStringLiteral("env:") + hostLabel(*base);
    } else if (!m_command.apiBase.isEmpty()) {
        return fail(ExitCode::Usage, tr("--api-base goes with DAILY_API_KEY or --sandbox."));
    }

    QList<AuditEntry> entries;
    QString error;
    // No log yet means no changes; reading it does not create it.
    if (AuditHistory* log = m_stores.existingHistory(&error))
        entries = domainId ? log->entriesOf(*domainId, label, m_command.limit)
                           : log->entries(std::nullopt, m_command.limit);
    else if (!error.isEmpty())
        return fail(ExitCode::Failure, tr("Could not open the audit log: %1").arg(error));

    if (m_command.json) {
        QJsonArray array;
        for (const AuditEntry& entry : std::as_const(entries))
            array.append(entryJson(entry));
        CliConsole::outBytes(CliOutput::toJson(array));
    } else if (entries.isEmpty()) {
        CliConsole::out(tr("The audit log has no changes recorded.\n"));
    } else {
        QList<QStringList> rows;
        for (const AuditEntry& entry : std::as_const(entries)) {
            rows << QStringList {QString::number(entry.id),
                entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                entry.isTruncated() ? tr("%1 (cut)").arg(AuditEntry::actionName(entry.action))
                                    : AuditEntry::actionName(entry.action),
                entry.domainName, entry.webhookUrl(), entry.webhookUuid};
        }
        CliConsole::out(
            CliOutput::table({tr("ID"), tr("WHEN"), tr("CHANGE"), tr("DOMAIN"), tr("URL"), tr("WEBHOOK")}, rows));
    }
    finish(ExitCode::Ok);
}

void CliRunner::runRecreate()
{
    const qint64 id = m_command.entryId;
    QString error;
    AuditHistory* log = m_stores.existingHistory(&error);
    if (!log && !error.isEmpty())
        return fail(ExitCode::Failure, tr("Could not open the audit log: %1").arg(error));
    const std::optional<AuditEntry> entry = log ? log->entry(id) : std::nullopt;
    if (!entry) {
        return fail(ExitCode::Usage,
            tr("The audit log has no entry %1; \"%2 history\" lists the entries.").arg(id).arg(CliParser::ProgramName));
    }
    if (!entry->before) {
        return fail(ExitCode::Usage,
            tr("Entry %1 records a %2, which has no earlier configuration to recreate; choose a delete or an update "
               "(see \"%3 history\").")
                .arg(id)
                .arg(AuditEntry::actionName(entry->action), CliParser::ProgramName));
    }
    const bool targetSelected = !m_command.domain.isEmpty() || m_command.sandbox || !m_command.apiBase.isEmpty()
        || !qEnvironmentVariable("DAILY_API_KEY").trimmed().isEmpty();
    if (targetSelected)
        return resolveTarget([this, id](const DomainTarget& target) { recreateOn(target, id); });
    const std::optional<Domain> domain = entry->domainId.isEmpty() ? std::nullopt : domains()->domain(entry->domainId);
    if (!domain) {
        return fail(ExitCode::Usage,
            tr("Entry %1 was recorded on %2, which is not a saved domain now; choose where to recreate it with "
               "--domain, --sandbox or DAILY_API_KEY.")
                .arg(id)
                .arg(entry->domainName));
    }
    targetOf(domain->id, [this, id](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
        if (!target)
            return fail(exitCodeFor(problem.kind), keyProblemSentence(problem));
        recreateOn(*target, id);
    });
}

void CliRunner::recreateOn(const DomainTarget& target, qint64 entryId)
{
    const auto check = [this](const WebhookDraft& draft, const QString& warning) {
        // Without its old secrets the webhook is still worth having; Daily makes a new HMAC secret.
        if (!warning.isEmpty())
            CliConsole::warning(warning);
        return checkDraft(draft, true);
    };
    send(operations()->recreate(entryId, target, check), [this, target, entryId](const OperationResult& result) {
        // The entry cannot be recreated (a cut configuration): a wrong argument, not a failure of the API.
        if (!result.problem.isEmpty())
            return fail(ExitCode::Usage, result.problem);
        if (!result.ok())
            return failApi(result.error, target);
        warnAudit(result);
        const Webhook& created = *result.after;
        printWebhook(
            tr("Recreated webhook %1 on %2 from entry %3.").arg(created.uuid, target.name).arg(entryId), created);
        finish(ExitCode::Ok);
    });
}

// ---- preflight ----

void CliRunner::runPreflight()
{
    WebhookDraft secrets;
    if (!readSecrets(&secrets, false))
        return;
    m_preflight = std::make_unique<PreflightCheck>(&m_network);
    connect(m_preflight.get(), &PreflightCheck::finished, this, [this](const PreflightResult& result) {
        printPreflight(result);
        finish(result.wouldAccept ? ExitCode::Ok : ExitCode::Validation);
    });
    m_preflight->start(QUrl(*m_command.url), secrets.hmac.value_or(QString()), secrets.basicAuth.value_or(QString()));
}

void CliRunner::printPreflight(const PreflightResult& r)
{
    if (m_command.json) {
        QJsonObject o;
        o.insert(QStringLiteral("url"), r.url.toString());
        o.insert(QStringLiteral("wouldAccept"), r.wouldAccept);
        o.insert(QStringLiteral("verdict"), r.verdict);
        o.insert(QStringLiteral("httpStatus"), r.httpStatus);
        o.insert(QStringLiteral("httpVersion"), r.httpVersion);
        o.insert(QStringLiteral("latencyMs"), r.latencyMs);
        o.insert(QStringLiteral("signedPing"), r.signedPing);
        o.insert(QStringLiteral("secretRejected"), r.secretRejected);
        o.insert(QStringLiteral("reachableByDaily"), r.reachableByDaily);
        o.insert(QStringLiteral("timedOut"), r.timedOut);
        o.insert(QStringLiteral("tlsProblems"), QJsonArray::fromStringList(r.tlsProblems));
        o.insert(QStringLiteral("networkError"), r.networkErrorText);
        o.insert(QStringLiteral("redirectLocation"), r.redirectLocation);
        CliConsole::outBytes(CliOutput::toJson(o));
        return;
    }
    QList<QStringList> lines;
    lines << QStringList {tr("url"), r.url.toString()};
    lines << QStringList {tr("status"),
        r.httpStatus > 0 ? QStringLiteral("%1 (%2)").arg(r.httpStatus).arg(r.httpVersion) : tr("no answer")};
    lines << QStringList {tr("latency"), tr("%1 ms").arg(r.latencyMs)};
    lines << QStringList {tr("signed"), r.signedPing ? tr("yes") : tr("no")};
    lines << QStringList {tr("reachable by Daily"),
        r.reachableByDaily ? tr("yes") : tr("no (%1)").arg(PreflightCheck::unreachableReason(r.url))};
    if (!r.redirectLocation.isEmpty())
        lines << QStringList {tr("redirects to"), r.redirectLocation};
    if (!r.networkErrorText.isEmpty())
        lines << QStringList {tr("network"), r.networkErrorText};
    for (const QString& problem : r.tlsProblems)
        lines << QStringList {tr("TLS"), problem};
    if (m_command.verbose && !r.responseBody.isEmpty()) {
        QString answer = QString::fromUtf8(r.responseBody).simplified();
        if (r.responseBytes > r.responseBody.size())
            answer += tr(" [… %1 more bytes not shown]").arg(r.responseBytes - r.responseBody.size());
        lines << QStringList {tr("answer"), answer};
    }

    QString out = (r.wouldAccept ? tr("OK: ") : tr("NOT ACCEPTED: ")) + r.verdict + QStringLiteral("\n\n");
    out += CliOutput::keyValues(lines);
    CliConsole::out(out);
}

// ---- trigger ----

namespace {

// What a script branches on: a refused URL first, then no answer at all, then an answer that is not a 2xx.
ExitCode triggerExitCode(const QList<TestEventOutcome>& outcomes)
{
    ExitCode code = ExitCode::Ok;
    for (const TestEventOutcome& outcome : outcomes) {
        const ExitCode one = exitCodeFor(outcome.result);
        if (one == ExitCode::Validation)
            return one;
        if (one == ExitCode::Network)
            code = one;
        else if (one == ExitCode::NotAccepted && code == ExitCode::Ok)
            code = one;
    }
    return code;
}

QJsonObject outcomeJson(const TestEventOutcome& outcome, bool signedEvent)
{
    QJsonObject o = CliOutput::deliveryResultJson(outcome.result);
    o.insert(QStringLiteral("type"), outcome.type);
    o.insert(QStringLiteral("id"), outcome.id);
    o.insert(QStringLiteral("url"), outcome.result.url.toString());
    o.insert(QStringLiteral("signed"), signedEvent);
    o.insert(QStringLiteral("body"), QString::fromUtf8(outcome.body));
    return o;
}

} // namespace

void CliRunner::runTrigger()
{
    QList<TestEvent> events;
    if (m_command.all) {
        events = TestEvent::allSamples(EventCatalog::builtIn());
    } else {
        std::optional<TestEvent> event = TestEvent::sample(m_command.eventType, EventCatalog::builtIn());
        if (!event) {
            return fail(ExitCode::Usage,
                tr("Daily has no event type \"%1\"; \"%2 trigger --all\" sends every type there is.")
                    .arg(m_command.eventType, CliParser::ProgramName));
        }
        if (!m_command.payloadFile.isEmpty()) {
            QString readError;
            const std::optional<QByteArray> payload = CliInput::readFileOrStdin(m_command.payloadFile, &readError);
            if (!payload)
                return fail(ExitCode::Failure, tr("Could not read %1: %2.").arg(m_command.payloadFile, readError));
            if (const QString problem = event->setPayload(*payload); !problem.isEmpty())
                return fail(ExitCode::Validation, tr("%1: %2").arg(m_command.payloadFile, problem));
        }
        events.append(*event);
    }
    WebhookDraft given;
    if (!readSecrets(&given, false))
        return;
    if (given.hmac && !Signature::isValidBase64(*given.hmac))
        return fail(ExitCode::Validation, tr("The HMAC secret is not base64, as Daily's secrets are."));

    // --url alone needs no domain; a domain named as well still lends its webhook's secrets.
    if (m_command.url && m_command.domain.isEmpty() && !m_command.sandbox)
        return sendTestEvents(
            events, QUrl(*m_command.url), given.hmac.value_or(QString()), given.basicAuth.value_or(QString()));
    resolveTarget([this, events, given](const DomainTarget& target) {
        send(operations()->list(target), [this, events, given, target](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            if (result.webhooks.isEmpty()) {
                return fail(ExitCode::NotFound,
                    tr("Domain %1 has no webhook to send to; create one, or give --url.").arg(target.name));
            }
            const Webhook& webhook = result.webhooks.constFirst();
            sendTestEvents(events, QUrl(m_command.url.value_or(webhook.url)), given.hmac.value_or(webhook.hmac),
                given.basicAuth.value_or(webhook.basicAuth));
        });
    });
}

void CliRunner::sendTestEvents(
    const QList<TestEvent>& events, const QUrl& url, const QString& hmac, const QString& basicAuth)
{
    const bool signedEvents = !hmac.isEmpty();
    m_deliverySender = std::make_unique<DeliverySender>(&m_network);
    m_deliverySender->setTimeoutMs(m_timeoutSeconds * 1000);
    m_testEvents = std::make_unique<TestEventBatch>(m_deliverySender.get());
    connect(m_testEvents.get(), &TestEventBatch::finished, this,
        [this, signedEvents](const QList<TestEventOutcome>& outcomes) {
            printTestEvents(outcomes, signedEvents);
            finish(triggerExitCode(outcomes));
        });
    if (!signedEvents)
        CliConsole::warning(
            tr("No HMAC secret was given, so the event goes out unsigned (without X-Webhook-Signature)."));
    m_testEvents->start(events, url, hmac, basicAuth);
}

void CliRunner::printTestEvents(const QList<TestEventOutcome>& outcomes, bool signedEvents)
{
    if (m_command.json) {
        if (!m_command.all && outcomes.size() == 1)
            return CliConsole::outBytes(CliOutput::toJson(outcomeJson(outcomes.constFirst(), signedEvents)));
        QJsonArray array;
        for (const TestEventOutcome& outcome : outcomes)
            array.append(outcomeJson(outcome, signedEvents));
        return CliConsole::outBytes(CliOutput::toJson(array));
    }
    if (m_command.all) {
        QList<QStringList> rows;
        int accepted = 0;
        for (const TestEventOutcome& outcome : outcomes) {
            const DeliveryResult& r = outcome.result;
            accepted += r.accepted() ? 1 : 0;
            rows << QStringList {r.accepted() ? QString() : CliOutput::Attention, outcome.type,
                CliOutput::deliveryStatus(r), tr("%1 ms").arg(r.latencyMs),
                r.failure != DeliveryResult::Failure::None ? r.failureText
                    : !r.redirectLocation.isEmpty()        ? tr("redirect to %1, not followed").arg(r.redirectLocation)
                                                           : CliOutput::deliveryAnswer(r, 60)};
        }
        const QString url = outcomes.isEmpty() ? QString() : outcomes.constFirst().result.url.toString();
        CliConsole::out(tr("%1 test events sent to %2, %3; %4 answered with a 2xx.\n\n")
                            .arg(outcomes.size())
                            .arg(url, signedEvents ? tr("signed") : tr("unsigned"))
                            .arg(accepted)
            + CliOutput::table({QString(), tr("TYPE"), tr("STATUS"), tr("LATENCY"), tr("ANSWER")}, rows));
        return;
    }
    const TestEventOutcome& outcome = outcomes.constFirst();
    const DeliveryResult& r = outcome.result;
    const QString headline = CliOutput::deliveryHeadline(r, r.url.toString());
    QList<QStringList> lines;
    lines << QStringList {tr("event"), outcome.type};
    lines << QStringList {tr("id"), outcome.id};
    lines << QStringList {tr("url"), r.url.toString()};
    lines << QStringList {tr("signed"), signedEvents ? tr("yes") : tr("no (no HMAC secret given)")};
    lines << QStringList {tr("status"), CliOutput::deliveryStatus(r)};
    lines << QStringList {tr("latency"), tr("%1 ms").arg(r.latencyMs)};
    if (!r.redirectLocation.isEmpty())
        lines << QStringList {tr("redirects to"), tr("%1 (not followed)").arg(r.redirectLocation)};
    if (r.failure == DeliveryResult::Failure::None)
        lines << QStringList {tr("answer"), CliOutput::deliveryAnswer(r, Limits::MaxShownBodyBytes)};
    QString out = headline + QStringLiteral("\n\n");
    out += CliOutput::keyValues(lines);
    CliConsole::out(out);
}

// ---- export, import ----

void CliRunner::runExport()
{
    if (m_command.all) {
        return fetchAll([this](const QList<DomainList>& lists) {
            QList<QPair<QString, Webhook>> webhooks;
            ExitCode code = ExitCode::Ok;
            for (const DomainList& list : lists) {
                if (list.code != ExitCode::Ok) {
                    // The others are still worth a backup; the exit status says it is incomplete.
                    CliConsole::error(
                        tr("%1 is not in the export: %2")
                            .arg(list.domain, list.error ? CliOutput::errorSentence(*list.error) : list.problem));
                    if (code == ExitCode::Ok)
                        code = list.code;
                    continue;
                }
                for (const Webhook& webhook : list.webhooks)
                    webhooks.append({list.domain, webhook});
            }
            writeExport(webhooks, code);
        });
    }
    resolveTarget([this](const DomainTarget& target) {
        send(operations()->list(target), [this, target](const OperationResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            QList<QPair<QString, Webhook>> webhooks;
            for (const Webhook& webhook : result.webhooks)
                webhooks.append({target.name, webhook});
            writeExport(webhooks, ExitCode::Ok);
        });
    });
}

void CliRunner::writeExport(const QList<QPair<QString, Webhook>>& webhooks, ExitCode code)
{
    if (m_command.includeSecrets)
        CliConsole::warning(WebhookExport::secretsWarning());
    const QByteArray bytes = WebhookExport::exportJson(webhooks, m_command.includeSecrets);
    if (m_command.output.isEmpty()) {
        CliConsole::outBytes(bytes);
        return finish(code);
    }
    QSaveFile file(m_command.output);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ExitCode::Failure, tr("Could not write %1: %2.").arg(m_command.output, file.errorString()));
    // Secrets in a file are for its owner only.
    if (m_command.includeSecrets)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    if (!file.commit())
        return fail(ExitCode::Failure, tr("Could not write %1: %2.").arg(m_command.output, file.errorString()));
    if (m_command.json) {
        QJsonObject o;
        o.insert(QStringLiteral("output"), QDir::current().absoluteFilePath(m_command.output));
        o.insert(QStringLiteral("webhooks"), int(webhooks.size()));
        o.insert(QStringLiteral("includesSecrets"), m_command.includeSecrets);
        CliConsole::outBytes(CliOutput::toJson(o));
    } else {
        CliConsole::out(tr("Exported %n webhook(s) to %1.\n", nullptr, int(webhooks.size())).arg(m_command.output));
    }
    finish(code);
}

void CliRunner::runImport()
{
    QString readError;
    const std::optional<QByteArray> input = CliInput::readFileOrStdin(m_command.file, &readError);
    if (!input)
        return fail(ExitCode::Failure, tr("Could not read %1: %2.").arg(m_command.file, readError));
    const QByteArray& bytes = *input;
    const WebhookExport::ImportResult parsed = WebhookExport::parse(bytes);
    if (!parsed.ok()) {
        // Nothing is half imported: the whole file is refused, with every problem listed.
        for (const QString& error : parsed.errors)
            CliConsole::error(error);
        return finish(ExitCode::Validation);
    }

    auto run = std::make_shared<ImportRun>();
    run->entries = parsed.entries;
    const bool oneTarget = !m_command.domain.isEmpty() || m_command.sandbox
        || !qEnvironmentVariable("DAILY_API_KEY").trimmed().isEmpty();
    if (!oneTarget) {
        run->steps = ImportPlan::make(run->entries, domains()->domains());
        return importNext(run);
    }
    if (run->entries.size() > 1) {
        return fail(ExitCode::Validation,
            tr("The file holds %1 webhooks, but a domain can have only one and they would all go to one target; "
               "import them without --into, --domain, --sandbox or DAILY_API_KEY to send each to its own saved "
               "domain.")
                .arg(run->entries.size()));
    }
    resolveTarget([this, run](const DomainTarget& target) {
        run->fixed = target;
        importNext(run);
    });
}

void CliRunner::importNext(const std::shared_ptr<ImportRun>& run)
{
    if (run->index >= run->entries.size()) {
        if (m_command.json)
            CliConsole::outBytes(CliOutput::toJson(run->reports));
        else if (run->rows.isEmpty())
            CliConsole::out(tr("The file holds no webhooks.\n"));
        else
            CliConsole::out(CliOutput::table(
                {QString(), tr("#"), tr("FROM"), tr("TO"), tr("RESULT"), tr("UUID"), tr("URL OR PROBLEM")}, run->rows));
        return finish(run->code);
    }
    if (run->fixed)
        return importInto(run, *run->fixed);

    const ImportPlan::Step& step = run->steps.at(run->index);
    switch (step.problem) {
    case ImportPlan::Step::Problem::None:
        break;
    case ImportPlan::Step::Problem::NoSuchDomain:
        return reportImport(run, step.domainName, QStringLiteral("failed"), std::nullopt, ExitCode::Usage,
            tr("There is no saved domain named \"%1\"; save it with \"%2 domains add\" or choose one with --into.")
                .arg(step.domainName, CliParser::ProgramName));
    case ImportPlan::Step::Problem::DomainTaken:
        return reportImport(run, step.domainName, QStringLiteral("failed"), std::nullopt, ExitCode::Validation,
            tr("An earlier webhook of the file already went to %1, which can have only one.").arg(step.domainName));
    }
    targetOf(step.domain->id,
        [this, run, name = step.domainName](const std::optional<DomainTarget>& target, const KeyProblem& problem) {
            if (!target) {
                return reportImport(run, name, QStringLiteral("failed"), std::nullopt, exitCodeFor(problem.kind),
                    keyProblemSentence(problem));
            }
            importInto(run, *target);
        });
}

void CliRunner::importInto(const std::shared_ptr<ImportRun>& run, const DomainTarget& target)
{
    const WebhookDraft draft = run->entries.at(run->index).draft;
    send(operations()->importInto(target, draft), [this, run, target](const OperationResult& result) {
        if (!result.ok()) {
            return reportImport(run, target.name, QStringLiteral("failed"), std::nullopt,
                exitCodeFor(result.error.kind), CliOutput::errorSentence(result.error));
        }
        warnAudit(result);
        reportImport(run, target.name, result.before ? QStringLiteral("updated") : QStringLiteral("created"),
            result.after, ExitCode::Ok, QString());
    });
}

void CliRunner::reportImport(const std::shared_ptr<ImportRun>& run, const QString& to, const QString& result,
    const std::optional<Webhook>& webhook, ExitCode code, const QString& problem)
{
    const WebhookExport::Entry& entry = run->entries.at(run->index);
    const QString number = QString::number(run->index + 1);
    QJsonObject o;
    o.insert(QStringLiteral("entry"), run->index + 1);
    o.insert(QStringLiteral("from"), entry.domain);
    o.insert(QStringLiteral("to"), to);
    o.insert(QStringLiteral("result"), result);
    if (webhook) {
        o.insert(QStringLiteral("uuid"), webhook->uuid);
        o.insert(QStringLiteral("webhook"), CliOutput::webhookJson(*webhook, false));
    }
    if (code != ExitCode::Ok) {
        QJsonObject error;
        error.insert(QStringLiteral("exitCode"), int(code));
        error.insert(QStringLiteral("message"), problem);
        o.insert(QStringLiteral("error"), error);
        CliConsole::error(tr("webhook %1 (%2): %3").arg(number, entry.domain, problem));
        if (run->code == ExitCode::Ok)
            run->code = code;
    }
    run->reports.append(o);
    run->rows << QStringList {code == ExitCode::Ok ? QString() : CliOutput::Attention, number, entry.domain, to, result,
        webhook ? webhook->uuid : QStringLiteral("-"), webhook ? webhook->url : problem};
    ++run->index;
    importNext(run);
}

// ---- verify ----

void CliRunner::runVerify()
{
    if (!m_command.codeLanguage.isEmpty()) {
        const auto language = VerificationCode::fromName(m_command.codeLanguage);
        const QString code = language ? VerificationCode::of(*language) : QString();
        if (code.isEmpty())
            return fail(
                ExitCode::Failure, tr("This build has no verification code for \"%1\".").arg(m_command.codeLanguage));
        if (m_command.json) {
            QJsonObject o;
            o.insert(QStringLiteral("language"), VerificationCode::name(*language));
            o.insert(QStringLiteral("code"), code);
            CliConsole::outBytes(CliOutput::toJson(o));
        } else {
            CliConsole::out(code);
        }
        return finish(ExitCode::Ok);
    }

    // The secret first: with --body - the body is whatever follows its line, byte for byte.
    const std::optional<QString> secret = CliInput::readLine(tr("HMAC secret (base64): "), true);
    if (!secret)
        return fail(ExitCode::Usage, tr("stdin ended before the HMAC secret; pipe it in or type it when asked."));
    QByteArray body;
    if (m_command.bodyFile == QLatin1String("-")) {
        body = CliInput::readAll();
    } else {
        QFile file(m_command.bodyFile);
        if (!file.open(QIODevice::ReadOnly))
            return fail(
                ExitCode::Usage, tr("Cannot read the body from %1: %2").arg(m_command.bodyFile, file.errorString()));
        // A receiver refuses bodies beyond this size, so no delivery worth checking is larger.
        body = file.read(Limits::MaxRequestBodyBytes + 1);
    }
    if (body.size() > Limits::MaxRequestBodyBytes)
        return fail(ExitCode::Validation,
            tr("The body is larger than %1 bytes, more than a receiver accepts.").arg(Limits::MaxRequestBodyBytes));

    const SignatureDiagnosis d = SignatureDiagnosis::of(
        {m_command.timestampHeader.toUtf8(), m_command.signatureHeader.toUtf8(), body, *secret});
    QStringList steps;
    for (const SignatureDiagnosis::Step step : d.steps)
        steps << SignatureDiagnosis::stepName(step);
    const QString failing = d.failingStep() ? SignatureDiagnosis::stepName(*d.failingStep()) : QString();
    if (m_command.json) {
        // The expected signature is no secret: it holds for this one timestamp and body only.
        QJsonObject o;
        o.insert(QStringLiteral("valid"), d.isValid());
        o.insert(QStringLiteral("verdict"), SignatureDiagnosis::verdictName(d.verdict));
        o.insert(QStringLiteral("step"), failing.isEmpty() ? QJsonValue() : QJsonValue(failing));
        o.insert(QStringLiteral("steps"), QJsonArray::fromStringList(steps));
        o.insert(QStringLiteral("expected"), QString::fromLatin1(d.expected));
        o.insert(QStringLiteral("received"), QString::fromUtf8(d.received));
        o.insert(QStringLiteral("reproducedWith"), d.reproducedWith);
        o.insert(QStringLiteral("explanation"), d.explanation());
        o.insert(QStringLiteral("nextStep"), d.nextStep());
        CliConsole::outBytes(CliOutput::toJson(o));
    } else {
        QString out = (d.isValid() ? tr("VALID: ") : tr("NOT VALID: ")) + d.explanation() + QStringLiteral("\n\n");
        QList<QStringList> lines;
        if (!failing.isEmpty())
            lines << QStringList {tr("failing step"), steps.join(QStringLiteral(", "))};
        lines << QStringList {
            tr("expected"), d.expected.isEmpty() ? tr("(cannot be computed)") : QString::fromLatin1(d.expected)};
        lines << QStringList {tr("received"), QString::fromUtf8(d.received)};
        if (!d.reproducedWith.isEmpty())
            lines << QStringList {tr("reproduced with"), d.reproducedWith};
        if (!d.nextStep().isEmpty())
            lines << QStringList {tr("next"), d.nextStep()};
        out += CliOutput::keyValues(lines);
        CliConsole::out(out);
    }
    finish(d.isValid() ? ExitCode::Ok : ExitCode::Validation);
}
