#include "CliRunner.h"

#include "AppSettings.h"
#include "AuditLog.h"
#include "CliConsole.h"
#include "CliDomainCommands.h"
#include "CliInput.h"
#include "CliOutput.h"
#include "CliParser.h"
#include "DailyCall.h"
#include "DailyClient.h"
#include "DomainStore.h"
#include "EventCatalog.h"
#include "PreflightCheck.h"
#include "PreflightResult.h"
#include "SecretStore.h"
#include "Signature.h"
#include "UrlPolicy.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

const QString CliRunner::SandboxApiKey = QStringLiteral("sandbox-demo-key");

struct CliRunner::AllRun
{
    QList<Domain> domains;
    QList<DomainList> results;
    int next = 0;
    int running = 0;
    int done = 0;
    bool keychainTimedOut = false;
    std::function<void(const QList<DomainList>&)> finished;
};

struct CliRunner::ImportRun
{
    QList<WebhookExport::Entry> entries;
    std::optional<DomainTarget> fixed; // every entry goes here; else each to the saved domain it names
    int index = 0;
    QJsonArray reports;
    QList<QStringList> rows;
    QSet<QString> usedDomains;
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

QString auditPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/audit.sqlite");
}

// The URL an entry is about: the configuration after the change, or the one deleted.
QString urlOf(const AuditEntry& entry)
{
    const std::optional<QJsonObject>& config = entry.after ? entry.after : entry.before;
    return config ? config->value(QStringLiteral("url")).toString() : QString();
}

QJsonObject entryJson(const AuditEntry& entry)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), entry.id);
    o.insert(QStringLiteral("at"), entry.at.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("change"), AuditEntry::actionName(entry.action));
    o.insert(QStringLiteral("domain"), entry.domainName);
    o.insert(QStringLiteral("url"), urlOf(entry));
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

QUrl CliRunner::defaultSandboxUrl()
{
    return QUrl(QStringLiteral("http://127.0.0.1:8787/v1"));
}

CliRunner::CliRunner(QObject* parent)
    : QObject(parent)
    , m_secrets(std::make_unique<SecretStore>())
    , m_client(std::make_unique<DailyClient>(&m_network))
{ }

CliRunner::~CliRunner() = default;

DomainStore* CliRunner::domains()
{
    // Opened only when needed: most verbs with DAILY_API_KEY never read the settings.
    if (!m_domains)
        m_domains = std::make_unique<DomainStore>(m_secrets.get());
    return m_domains.get();
}

void CliRunner::run(const CliCommand& command)
{
    m_command = command;
    m_timeoutSeconds = command.timeoutSeconds > 0 ? command.timeoutSeconds : AppSettings().requestTimeoutSeconds();
    // One value for every wait: the keychain's and each API request's (the settings' request timeout otherwise).
    m_secrets->setTimeoutSeconds(m_timeoutSeconds);
    m_client->setTimeoutMs(m_timeoutSeconds * 1000);
    if (m_command.verbose)
        connect(m_client.get(), &DailyClient::callStarted, this, &CliRunner::logCall);

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

void CliRunner::logCall(DailyCall* call)
{
    const QString method = QString::fromLatin1(call->request().method);
    const QString url = call->request().url.toString(QUrl::RemoveUserInfo);
    connect(call, &DailyCall::finished, this, [method, url](const ApiResult& result) {
        const QString status
            = result.httpStatus > 0 ? QString::number(result.httpStatus) : ApiError::kindName(result.error.kind);
        CliConsole::err(QStringLiteral("%1 %2 -> %3 (%4 ms)\n").arg(method, url, status).arg(result.elapsedMs));
    });
}

void CliRunner::send(DailyCall* call, ResultCallback done)
{
    connect(call, &DailyCall::finished, this, [done = std::move(done)](const ApiResult& result) { done(result); });
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
        return targetOf(*domain, [this, next](const Resolution& resolution) {
            if (!resolution.target)
                return fail(resolution.code, resolution.problem);
            next(*resolution.target);
        });
    }
    if (m_command.sandbox) {
        const std::optional<QUrl> base = baseUrlFromEnvironment("DAILY_SANDBOX_URL", defaultSandboxUrl());
        if (!base)
            return;
        DomainTarget target;
        target.name = QStringLiteral("sandbox");
        target.baseUrl = *base;
        target.apiKey = SandboxApiKey;
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

void CliRunner::targetOf(const Domain& domain, std::function<void(const Resolution&)> done)
{
    domains()->readKey(domain.id, this, [domain, done](const SecretStore::Result& read) {
        Resolution resolution;
        const QString keyProblem = read.ok() ? Domain::apiKeyProblem(read.secret) : QString();
        if (read.ok() && !read.secret.trimmed().isEmpty() && !keyProblem.isEmpty()) {
            resolution.code = ExitCode::Auth;
            resolution.problem = tr("The API key stored for domain %1 cannot be used. %2 Replace it with \"%3 "
                                    "domains set-key %1\".")
                                     .arg(domain.name, keyProblem, CliParser::ProgramName);
        } else if (read.ok() && !read.secret.trimmed().isEmpty()) {
            resolution.target = DomainTarget {domain.id, domain.name, domain.baseUrl, read.secret.trimmed()};
        } else if (read.ok() || read.status == SecretStore::Result::Status::NotFound) {
            resolution.code = ExitCode::Auth;
            resolution.problem = tr("No API key is stored for domain %1; store one with \"%2 domains set-key %1\".")
                                     .arg(domain.name, CliParser::ProgramName);
        } else if (read.status == SecretStore::Result::Status::TimedOut) {
            resolution.code = exitCodeFor(read.status);
            resolution.problem
                = tr("The keychain did not give the API key of domain %1: %2").arg(domain.name, read.error);
        } else {
            resolution.code = ExitCode::Auth;
            resolution.problem
                = tr("The keychain did not give the API key of domain %1 (%2); unlock it, or use DAILY_API_KEY.")
                      .arg(domain.name, read.error);
        }
        done(resolution);
    });
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

AuditLog* CliRunner::openAudit(QString* error)
{
    if (!m_audit)
        m_audit = std::make_unique<AuditLog>(m_secrets.get());
    if (!m_audit->isOpen() && !m_audit->open(auditPath(), error))
        return nullptr;
    return m_audit.get();
}

void CliRunner::record(AuditEntry::Action action, const DomainTarget& target, const std::optional<Webhook>& before,
    const std::optional<Webhook>& after, std::function<void()> then)
{
    // The sandbox forgets everything when it stops; its history would only bury the real domains' in the log.
    if (target.sandbox || m_auditUnavailable) {
        then();
        return;
    }
    QString error;
    if (!openAudit(&error)) {
        m_auditUnavailable = true;
        CliConsole::warning(tr("The change was made, but the audit log could not record it: %1").arg(error));
        then();
        return;
    }
    // Not a saved domain: an empty id, never a null one, which the log's NOT NULL column would refuse.
    const QString domainId = target.domainId.isEmpty() ? QStringLiteral("") : target.domainId;
    m_audit->record(
        action, domainId, target.name, before, after, this, [then](bool ok, qint64 entryId, const QString& error) {
            if (!ok) {
                CliConsole::warning(entryId == 0
                        ? tr("The change was made, but the audit log could not record it: %1").arg(error)
                        : error);
            }
            then();
        });
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
        send(m_client->listWebhooks(target), [this, target](const ApiResult& result) {
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
    auto run = std::make_shared<AllRun>();
    run->domains = domains()->domains();
    for (const Domain& domain : std::as_const(run->domains)) {
        DomainList list;
        list.domain = domain.name;
        run->results.append(list);
    }
    run->finished = std::move(done);
    if (run->domains.isEmpty()) {
        run->finished(run->results);
        return;
    }
    pumpAll(run);
}

void CliRunner::pumpAll(const std::shared_ptr<AllRun>& run)
{
    const auto domainDone = [this, run] {
        --run->running;
        ++run->done;
        if (run->done == run->domains.size())
            run->finished(run->results);
        else
            pumpAll(run);
    };
    // A few at a time: each domain has its own key, so Daily's per-key rate limit is no concern, but a thousand
    // keychain reads and requests at once would only queue up inside the process.
    while (run->running < ParallelDomains && run->next < run->domains.size()) {
        const int index = run->next++;
        ++run->running;
        targetOf(run->domains.at(index), [this, run, index, domainDone](const Resolution& resolution) {
            if (!resolution.target) {
                run->results[index].code = resolution.code;
                run->results[index].problem = resolution.problem;
                // Behind a keychain read that timed out every later one waits as well: the domains not yet
                // asked for get the same answer at once, instead of one timeout per few domains.
                if (resolution.code == ExitCode::KeychainTimeout && !run->keychainTimedOut) {
                    run->keychainTimedOut = true;
                    for (int rest = run->next; rest < run->domains.size(); ++rest) {
                        run->results[rest].code = resolution.code;
                        run->results[rest].problem
                            = tr("The keychain was not asked for the API key of domain %1: it had stopped answering.")
                                  .arg(run->domains.at(rest).name);
                        ++run->done;
                    }
                    run->next = int(run->domains.size());
                }
                return domainDone();
            }
            send(m_client->listWebhooks(*resolution.target), [run, index, domainDone](const ApiResult& result) {
                DomainList& list = run->results[index];
                if (result.ok()) {
                    list.webhooks = result.webhooks;
                } else {
                    list.error = result.error;
                    list.code = exitCodeFor(result.error.kind);
                    list.problem = result.error.message;
                }
                domainDone();
            });
        });
    }
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
        send(m_client->getWebhook(target, m_command.uuid), [this, target](const ApiResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            printWebhook(QString(), *result.webhook);
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
        send(m_client->createWebhook(target, complete), [this, target, secretFromUser](const ApiResult& result) {
            if (!result.ok())
                return failApi(result.error, target);
            const Webhook created = *result.webhook;
            record(AuditEntry::Action::Create, target, std::nullopt, created, [this, target, created, secretFromUser] {
                printWebhook(tr("Created webhook %1 on %2.").arg(created.uuid, target.name), created);
                if (!m_command.json && !m_command.showSecrets && !secretFromUser && !created.hmac.isEmpty()) {
                    CliConsole::err(tr("The HMAC secret your receiver needs is redacted above; see it with \"%1 get "
                                       "%2 --show-secrets\".\n")
                                        .arg(CliParser::ProgramName, created.uuid));
                }
                finish(ExitCode::Ok);
            });
        });
    });
}

void CliRunner::runUpdate()
{
    WebhookDraft draft;
    if (!draftFromCommand(&draft, false))
        return;
    resolveTarget([this, draft](const DomainTarget& target) {
        // Read first: the audit log keeps the configuration being replaced, and a wrong uuid fails before any
        // secret is asked for.
        send(m_client->getWebhook(target, m_command.uuid), [this, target, draft](const ApiResult& got) {
            if (!got.ok())
                return failApi(got.error, target);
            const Webhook before = *got.webhook;
            WebhookDraft complete = draft;
            if (!readSecrets(&complete, true) || !checkDraft(complete, false))
                return;
            send(m_client->updateWebhook(target, m_command.uuid, complete),
                [this, target, before](const ApiResult& result) {
                    if (!result.ok())
                        return failApi(result.error, target);
                    const Webhook after = *result.webhook;
                    record(AuditEntry::Action::Update, target, before, after, [this, target, after] {
                        printWebhook(tr("Updated webhook %1 on %2.").arg(after.uuid, target.name), after);
                        finish(ExitCode::Ok);
                    });
                });
        });
    });
}

void CliRunner::runReactivate()
{
    resolveTarget([this](const DomainTarget& target) {
        send(m_client->getWebhook(target, m_command.uuid), [this, target](const ApiResult& got) {
            if (!got.ok())
                return failApi(got.error, target);
            const Webhook before = *got.webhook;
            // Daily's documented way back from FAILED: an update with the same URL, which pings it again.
            WebhookDraft draft;
            draft.url = before.url;
            send(m_client->updateWebhook(target, m_command.uuid, draft),
                [this, target, before](const ApiResult& result) {
                    if (!result.ok())
                        return failApi(result.error, target);
                    const Webhook after = *result.webhook;
                    record(AuditEntry::Action::Reactivate, target, before, after, [this, target, before, after] {
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
                        // Daily answered 200, yet a webhook that still does not deliver is not what was asked for.
                        if (!after.isDelivering())
                            return fail(ExitCode::DailySide,
                                tr("Daily accepted the update, but the webhook is %1, not ACTIVE.").arg(stateAfter));
                        finish(ExitCode::Ok);
                    });
                });
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
        send(m_client->getWebhook(target, m_command.uuid), [this, target](const ApiResult& got) {
            if (!got.ok())
                return failApi(got.error, target);
            const Webhook before = *got.webhook;
            if (!m_command.yes) {
                const std::optional<QString> answer = CliInput::readLine(
                    tr("Delete webhook %1 (%2) on %3? [y/N] ").arg(before.uuid, before.url, target.name), false);
                const QString word = answer.value_or(QString()).trimmed().toLower();
                if (word != QLatin1String("y") && word != QLatin1String("yes"))
                    return fail(ExitCode::Failure, tr("Nothing was deleted."));
            }
            send(m_client->deleteWebhook(target, m_command.uuid), [this, target, before](const ApiResult& result) {
                if (!result.ok())
                    return failApi(result.error, target);
                record(AuditEntry::Action::Delete, target, before, std::nullopt, [this, target, before] {
                    if (m_command.json) {
                        QJsonObject o;
                        o.insert(QStringLiteral("deleted"), true);
                        o.insert(QStringLiteral("uuid"), before.uuid);
                        o.insert(QStringLiteral("webhook"), CliOutput::webhookJson(before, m_command.showSecrets));
                        CliConsole::outBytes(CliOutput::toJson(o));
                    } else {
                        CliConsole::out(
                            tr("Deleted webhook %1 (%2) on %3.\n").arg(before.uuid, before.url, target.name));
                    }
                    finish(ExitCode::Ok);
                });
            });
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
    // No log yet means no changes; reading it does not create it.
    if (QFile::exists(auditPath())) {
        QString error;
        AuditLog* log = openAudit(&error);
        if (!log)
            return fail(ExitCode::Failure, tr("Could not open the audit log: %1").arg(error));
        entries = log->entries(domainId, label.isEmpty() ? m_command.limit : 0);
    }
    if (!label.isEmpty()) {
        entries.removeIf([&label](const AuditEntry& entry) { return entry.domainName != label; });
        if (m_command.limit > 0 && entries.size() > m_command.limit)
            entries.resize(m_command.limit);
    }

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
                entry.domainName, urlOf(entry), entry.webhookUuid};
        }
        CliConsole::out(
            CliOutput::table({tr("ID"), tr("WHEN"), tr("CHANGE"), tr("DOMAIN"), tr("URL"), tr("WEBHOOK")}, rows));
    }
    finish(ExitCode::Ok);
}

void CliRunner::runRecreate()
{
    const qint64 id = m_command.entryId;
    std::optional<AuditEntry> entry;
    AuditLog* log = nullptr;
    if (QFile::exists(auditPath())) {
        QString error;
        log = openAudit(&error);
        if (!log)
            return fail(ExitCode::Failure, tr("Could not open the audit log: %1").arg(error));
        entry = log->entry(id);
    }
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
    std::optional<Domain> domain;
    if (!targetSelected) {
        if (!entry->domainId.isEmpty())
            domain = domains()->domain(entry->domainId);
        if (!domain) {
            return fail(ExitCode::Usage,
                tr("Entry %1 was recorded on %2, which is not a saved domain now; choose where to recreate it with "
                   "--domain, --sandbox or DAILY_API_KEY.")
                    .arg(id)
                    .arg(entry->domainName));
        }
    }

    log->recreateDraft(id, this, [this, id, domain](const std::optional<WebhookDraft>& draft, const QString& error) {
        if (!draft)
            return fail(ExitCode::Usage, error);
        // Without its old secrets the webhook is still worth having; Daily makes a new HMAC secret.
        if (!error.isEmpty())
            CliConsole::warning(error);
        if (!checkDraft(*draft, true))
            return;
        const WebhookDraft recreated = *draft;
        if (!domain)
            return resolveTarget(
                [this, recreated, id](const DomainTarget& target) { recreateOn(target, recreated, id); });
        targetOf(*domain, [this, recreated, id](const Resolution& resolution) {
            if (!resolution.target)
                return fail(resolution.code, resolution.problem);
            recreateOn(*resolution.target, recreated, id);
        });
    });
}

void CliRunner::recreateOn(const DomainTarget& target, const WebhookDraft& draft, qint64 entryId)
{
    send(m_client->createWebhook(target, draft), [this, target, entryId](const ApiResult& result) {
        if (!result.ok())
            return failApi(result.error, target);
        const Webhook created = *result.webhook;
        record(AuditEntry::Action::Create, target, std::nullopt, created, [this, target, created, entryId] {
            printWebhook(
                tr("Recreated webhook %1 on %2 from entry %3.").arg(created.uuid, target.name).arg(entryId), created);
            finish(ExitCode::Ok);
        });
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
    qsizetype width = 0;
    for (const QStringList& line : std::as_const(lines))
        width = std::max(width, line.constFirst().size());
    for (const QStringList& line : std::as_const(lines))
        out += line.constFirst().leftJustified(width + 2) + line.constLast() + QLatin1Char('\n');
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
        send(m_client->listWebhooks(target), [this, target](const ApiResult& result) {
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
    if (!oneTarget)
        return importNext(run);
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

    const WebhookExport::Entry& entry = run->entries.at(run->index);
    const std::optional<Domain> domain = domains()->domainByName(entry.domain);
    if (!domain) {
        return reportImport(run, entry.domain, QStringLiteral("failed"), std::nullopt, ExitCode::Usage,
            tr("There is no saved domain named \"%1\"; save it with \"%2 domains add\" or choose one with --into.")
                .arg(entry.domain, CliParser::ProgramName));
    }
    if (run->usedDomains.contains(domain->id)) {
        return reportImport(run, domain->name, QStringLiteral("failed"), std::nullopt, ExitCode::Validation,
            tr("An earlier webhook of the file already went to %1, which can have only one.").arg(domain->name));
    }
    run->usedDomains.insert(domain->id);
    targetOf(*domain, [this, run, domain](const Resolution& resolution) {
        if (!resolution.target) {
            return reportImport(
                run, domain->name, QStringLiteral("failed"), std::nullopt, resolution.code, resolution.problem);
        }
        importInto(run, *resolution.target);
    });
}

void CliRunner::importInto(const std::shared_ptr<ImportRun>& run, const DomainTarget& target)
{
    const WebhookDraft draft = run->entries.at(run->index).draft;
    send(m_client->listWebhooks(target), [this, run, target, draft](const ApiResult& listed) {
        if (!listed.ok()) {
            return reportImport(run, target.name, QStringLiteral("failed"), std::nullopt,
                exitCodeFor(listed.error.kind), CliOutput::errorSentence(listed.error));
        }
        // Daily allows one webhook per domain: an existing one takes the file's configuration, which is what
        // "copy staging to production" means, instead of a create that Daily would refuse.
        const std::optional<Webhook> existing
            = listed.webhooks.isEmpty() ? std::nullopt : std::optional<Webhook>(listed.webhooks.constFirst());
        DailyCall* call = existing ? m_client->updateWebhook(target, existing->uuid, draft)
                                   : m_client->createWebhook(target, draft);
        send(call, [this, run, target, existing](const ApiResult& result) {
            if (!result.ok()) {
                return reportImport(run, target.name, QStringLiteral("failed"), std::nullopt,
                    exitCodeFor(result.error.kind), CliOutput::errorSentence(result.error));
            }
            const Webhook after = *result.webhook;
            const auto action = existing ? AuditEntry::Action::Update : AuditEntry::Action::Create;
            record(action, target, existing, after, [this, run, target, existing, after] {
                reportImport(run, target.name, existing ? QStringLiteral("updated") : QStringLiteral("created"), after,
                    ExitCode::Ok, QString());
            });
        });
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
