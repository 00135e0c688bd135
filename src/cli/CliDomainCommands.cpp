#include "CliDomainCommands.h"

#include "BulkDomainParser.h"
#include "CliConsole.h"
#include "CliInput.h"
#include "CliOutput.h"
#include "CliParser.h"
#include "DomainStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

CliDomainCommands::CliDomainCommands(DomainStore* domains, QObject* parent)
    : QObject(parent)
    , m_domains(domains)
{ }

void CliDomainCommands::run(const CliCommand& command, Done done)
{
    m_command = command;
    m_done = std::move(done);
    switch (command.verb) {
    case CliCommand::Verb::DomainsList:
        return list();
    case CliCommand::Verb::DomainsAdd:
        return add();
    case CliCommand::Verb::DomainsRename:
        return rename();
    case CliCommand::Verb::DomainsRemove:
        return remove();
    case CliCommand::Verb::DomainsImport:
        return importLines();
    case CliCommand::Verb::DomainsSetKey:
        return setKey();
    default:
        return fail(ExitCode::Failure, tr("This is not a domains command."));
    }
}

void CliDomainCommands::finish(ExitCode code)
{
    if (!m_done)
        return;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(code);
}

void CliDomainCommands::fail(ExitCode code, const QString& sentence)
{
    CliConsole::error(sentence);
    finish(code);
}

std::optional<Domain> CliDomainCommands::existing(const QString& name)
{
    const std::optional<Domain> domain = m_domains->domainByName(name);
    if (!domain) {
        fail(ExitCode::Usage,
            tr("There is no saved domain named \"%1\" (see \"%2 domains list\").")
                .arg(Domain::normalizedName(name), CliParser::ProgramName));
    }
    return domain;
}

std::optional<QString> CliDomainCommands::readApiKey(const QString& domainName)
{
    const std::optional<QString> key = CliInput::readLine(tr("API key for %1: ").arg(domainName), true);
    if (!key) {
        fail(ExitCode::Usage, tr("stdin ended before the API key; pipe it in or type it when asked."));
        return std::nullopt;
    }
    const QString problem = Domain::apiKeyProblem(*key);
    if (!problem.isEmpty()) {
        fail(ExitCode::Validation, problem);
        return std::nullopt;
    }
    return key->trimmed();
}

void CliDomainCommands::forget(const QStringList& ids, bool keychainTimedOut, std::function<void()> then)
{
    if (ids.isEmpty() || keychainTimedOut) {
        // A remove would wait behind the write that hangs; the settings forget the domains at once either way.
        for (const QString& id : ids)
            m_domains->remove(id, nullptr, {});
        then();
        return;
    }
    auto remaining = std::make_shared<int>(int(ids.size()));
    for (const QString& id : ids) {
        m_domains->remove(id, this, [remaining, then](const SecretStore::Result&) {
            if (--*remaining == 0)
                then();
        });
    }
}

void CliDomainCommands::showProgress(int done, int total)
{
    if (!CliConsole::errIsTerminal())
        return;
    // Redrawn in place; the last one ends the line so what follows starts on its own.
    if (done < total && m_progressShown.isValid() && m_progressShown.elapsed() < 500)
        return;
    m_progressShown.start();
    CliConsole::err(QStringLiteral("\r") + tr("Adding domains: %1/%2").arg(done).arg(total)
        + (done == total ? QStringLiteral("\n") : QString()));
}

void CliDomainCommands::list()
{
    const QList<Domain> domains = m_domains->domains();
    // Asked all at once: QtKeychain answers one after another anyway, and behind a locked keyring each read
    // times out on its own clock, so the listing waits one timeout, not one per domain.
    auto rows = std::make_shared<QList<KeyRow>>(domains.size());
    auto remaining = std::make_shared<int>(int(domains.size()));
    if (domains.isEmpty())
        return printList({});
    for (int i = 0; i < domains.size(); ++i) {
        (*rows)[i].domain = domains.at(i);
        // The key itself is read only to learn whether it is there; it is dropped at once.
        m_domains->readKey(domains.at(i).id, this, [this, i, rows, remaining](const SecretStore::Result& result) {
            KeyRow& row = (*rows)[i];
            if (result.ok())
                row.stored = !result.secret.isEmpty();
            else if (result.status == SecretStore::Result::Status::NotFound)
                row.stored = false;
            else
                row.keychainError = result.error;
            row.keychainTimedOut = result.status == SecretStore::Result::Status::TimedOut;
            if (--*remaining == 0)
                printList(*rows);
        });
    }
}

void CliDomainCommands::printList(const QList<KeyRow>& rows)
{
    if (m_command.json) {
        QJsonArray array;
        for (const KeyRow& row : rows) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), row.domain.name);
            o.insert(QStringLiteral("baseUrl"), row.domain.baseUrl.toString());
            o.insert(QStringLiteral("keyStored"), row.stored ? QJsonValue(*row.stored) : QJsonValue());
            if (!row.keychainError.isEmpty())
                o.insert(QStringLiteral("keychainError"), row.keychainError);
            array.append(o);
        }
        CliConsole::outBytes(CliOutput::toJson(array));
    } else if (rows.isEmpty()) {
        CliConsole::out(tr("No saved domains; add one with \"%1 domains add NAME\".\n").arg(CliParser::ProgramName));
    } else {
        QList<QStringList> cells;
        for (const KeyRow& row : rows) {
            const QString key
                = row.stored ? (*row.stored ? tr("stored") : tr("missing")) : tr("unknown: %1").arg(row.keychainError);
            cells << QStringList {row.domain.name, row.domain.baseUrl.toString(), key};
        }
        CliConsole::out(CliOutput::table({tr("NAME"), tr("BASE URL"), tr("KEY")}, cells));
    }
    const bool timedOut
        = std::any_of(rows.cbegin(), rows.cend(), [](const KeyRow& row) { return row.keychainTimedOut; });
    const bool keychainFailed
        = std::any_of(rows.cbegin(), rows.cend(), [](const KeyRow& row) { return !row.stored.has_value(); });
    finish(timedOut ? ExitCode::KeychainTimeout : keychainFailed ? ExitCode::Failure : ExitCode::Ok);
}

void CliDomainCommands::add()
{
    const QString name = Domain::normalizedName(m_command.name);
    const QString problem = Domain::nameProblem(name, m_domains->names());
    if (!problem.isEmpty())
        return fail(ExitCode::Validation, problem);
    const std::optional<QString> key = readApiKey(name);
    if (!key)
        return;
    m_domains->add(name, QUrl(m_command.baseUrl), *key, this, [this](const DomainStore::Result& result) {
        if (!result.added())
            return fail(ExitCode::Validation, result.error);
        if (!result.keyInKeychain) {
            // The app would keep the key for its session; this process ends now, so a saved domain without a
            // key would only fail later.
            const QString why = result.error;
            if (result.keychainTimedOut) {
                return forget({result.domain.id}, true, [this, why] {
                    fail(ExitCode::KeychainTimeout, why + QLatin1Char(' ') + tr("The domain was not saved."));
                });
            }
            return forget({result.domain.id}, false, [this, why] {
                fail(ExitCode::Failure,
                    tr("The keychain did not store the API key (%1), so the domain was not saved; without a keychain, "
                       "use DAILY_API_KEY instead.")
                        .arg(why));
            });
        }
        if (m_command.json) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), result.domain.name);
            o.insert(QStringLiteral("baseUrl"), result.domain.baseUrl.toString());
            o.insert(QStringLiteral("keyStored"), true);
            CliConsole::outBytes(CliOutput::toJson(o));
        } else {
            CliConsole::out(tr("Saved domain %1 (%2); its API key is in the keychain.\n")
                                .arg(result.domain.name, result.domain.baseUrl.toString()));
        }
        finish(ExitCode::Ok);
    });
}

void CliDomainCommands::rename()
{
    const std::optional<Domain> domain = existing(m_command.name);
    if (!domain)
        return;
    const QString problem = m_domains->rename(domain->id, m_command.newName);
    if (!problem.isEmpty())
        return fail(ExitCode::Validation, problem);
    const QString newName = m_domains->domain(domain->id).value_or(*domain).name;
    if (m_command.json) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), newName);
        o.insert(QStringLiteral("previousName"), domain->name);
        CliConsole::outBytes(CliOutput::toJson(o));
    } else {
        CliConsole::out(tr("Renamed domain %1 to %2.\n").arg(domain->name, newName));
    }
    finish(ExitCode::Ok);
}

void CliDomainCommands::remove()
{
    const std::optional<Domain> domain = existing(m_command.name);
    if (!domain)
        return;
    const QString name = domain->name;
    m_domains->remove(domain->id, this, [this, name](const SecretStore::Result& result) {
        if (!result.ok()) {
            return fail(
                result.status == SecretStore::Result::Status::TimedOut ? ExitCode::KeychainTimeout : ExitCode::Failure,
                tr("Domain %1 was removed, but its API key may remain in the keychain: %2").arg(name, result.error));
        }
        if (m_command.json) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), name);
            o.insert(QStringLiteral("removed"), true);
            CliConsole::outBytes(CliOutput::toJson(o));
        } else {
            CliConsole::out(tr("Removed domain %1 and its API key.\n").arg(name));
        }
        finish(ExitCode::Ok);
    });
}

void CliDomainCommands::importLines()
{
    QString readError;
    const std::optional<QByteArray> input = CliInput::readFileOrStdin(m_command.file, &readError);
    if (!input)
        return fail(ExitCode::Failure, tr("Could not read %1: %2.").arg(m_command.file, readError));
    const QByteArray& bytes = *input;
    const BulkDomainParser::Result parsed = BulkDomainParser::parse(bytes, m_domains->names());
    // Each problem already starts with "Line N: ".
    for (const BulkProblem& problem : parsed.problems)
        CliConsole::error(problem.problem);
    if (parsed.entries.isEmpty()) {
        if (m_command.json) {
            QJsonObject o;
            o.insert(QStringLiteral("added"), QJsonArray());
            o.insert(QStringLiteral("skippedLines"), int(parsed.problems.size()));
            CliConsole::outBytes(CliOutput::toJson(o));
        }
        return fail(ExitCode::Validation, tr("No domain was saved: the input has no usable name,key line."));
    }

    const int skipped = int(parsed.problems.size());
    const QList<BulkEntry> entries = parsed.entries;
    m_domains->addBulk(
        entries, QUrl(m_command.baseUrl), this,
        [this, entries, skipped](const QList<DomainStore::Result>& results) {
            QStringList added;
            QStringList refusedIds;
            QList<int> notSent; // line numbers of the entries a keychain timeout left out
            QString timeout; // the keychain's timeout sentence, said once
            bool invalid = skipped > 0;
            bool keychainFailed = false;
            for (int i = 0; i < results.size(); ++i) {
                const DomainStore::Result& r = results.at(i);
                const BulkEntry& entry = entries.at(i);
                if (!r.added() && r.keychainTimedOut) {
                    notSent << entry.line;
                } else if (!r.added()) {
                    invalid = true;
                    CliConsole::error(tr("Line %1: %2").arg(entry.line).arg(r.error));
                } else if (r.keychainTimedOut) {
                    timeout = r.error;
                    refusedIds << r.domain.id;
                    CliConsole::error(
                        tr("Line %1: The keychain did not store the key of %2 in time, so it was not saved.")
                            .arg(entry.line)
                            .arg(r.domain.name));
                } else if (!r.keyInKeychain) {
                    keychainFailed = true;
                    refusedIds << r.domain.id;
                    CliConsole::error(tr("Line %1: The keychain did not store the key of %2 (%3), so it was not saved.")
                                          .arg(entry.line)
                                          .arg(r.domain.name, r.error));
                } else {
                    added << r.domain.name;
                }
            }
            // After a timeout nothing more was sent: one sentence for those lines, and the reason once.
            if (notSent.size() == 1) {
                CliConsole::error(tr("Line %1 was not saved either: the keyring had stopped answering before its turn.")
                                      .arg(notSent.constFirst()));
            } else if (notSent.size() > 1) {
                CliConsole::error(tr("The %1 lines from line %2 to line %3 were not saved either: the keyring had "
                                     "stopped answering before their turn.")
                                      .arg(notSent.size())
                                      .arg(notSent.constFirst())
                                      .arg(notSent.constLast()));
            }
            const bool keychainTimedOut = !timeout.isEmpty() || !notSent.isEmpty();
            if (!timeout.isEmpty())
                CliConsole::error(timeout);
            forget(refusedIds, keychainTimedOut, [this, added, skipped, invalid, keychainFailed, keychainTimedOut] {
                if (m_command.json) {
                    QJsonObject o;
                    o.insert(QStringLiteral("added"), QJsonArray::fromStringList(added));
                    o.insert(QStringLiteral("skippedLines"), skipped);
                    CliConsole::outBytes(CliOutput::toJson(o));
                } else {
                    CliConsole::out(tr("Saved %n domain(s)", nullptr, int(added.size()))
                        + (added.isEmpty() ? QString() : QStringLiteral(": ") + added.join(QStringLiteral(", ")))
                        + QStringLiteral(".\n"));
                }
                finish(keychainTimedOut  ? ExitCode::KeychainTimeout
                        : keychainFailed ? ExitCode::Failure
                        : invalid        ? ExitCode::Validation
                                         : ExitCode::Ok);
            });
        },
        [this](int done, int total) { showProgress(done, total); });
}

void CliDomainCommands::setKey()
{
    const std::optional<Domain> domain = existing(m_command.name);
    if (!domain)
        return;
    const std::optional<QString> key = readApiKey(domain->name);
    if (!key)
        return;
    const QString name = domain->name;
    m_domains->setKey(domain->id, *key, this, [this, name](const DomainStore::Result& result) {
        if (!result.error.isEmpty() || !result.keyInKeychain) {
            return fail(result.keychainTimedOut ? ExitCode::KeychainTimeout : ExitCode::Failure,
                tr("The keychain did not store the new API key of %1 (%2); the stored one, if any, is unchanged.")
                    .arg(name, result.error));
        }
        if (m_command.json) {
            QJsonObject o;
            o.insert(QStringLiteral("name"), name);
            o.insert(QStringLiteral("keyStored"), true);
            CliConsole::outBytes(CliOutput::toJson(o));
        } else {
            CliConsole::out(tr("Stored a new API key for %1 in the keychain.\n").arg(name));
        }
        finish(ExitCode::Ok);
    });
}
