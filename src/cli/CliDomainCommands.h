#pragma once

#include "CliCommand.h"
#include "Domain.h"
#include "ExitCode.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class DomainStore;

// The `domains` verbs: the saved domains the desktop app shares, with their API keys in the keychain only.
// A command-line run ends when the process does, so a key the keychain refuses is not kept in memory as the app
// does: the domain is not saved, and the user is pointed to DAILY_API_KEY instead.
class CliDomainCommands : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(ExitCode)>;

    explicit CliDomainCommands(DomainStore* domains, QObject* parent = nullptr);

    // Runs one of the domains verbs; `done` follows exactly once, on the event loop or at once.
    void run(const CliCommand& command, Done done);

private:
    struct KeyRow
    {
        Domain domain;
        std::optional<bool> stored; // none when the keychain could not say
        QString keychainError;
        bool keychainTimedOut = false;
    };

    void list();
    void printList(const QList<KeyRow>& rows);
    void add();
    void rename();
    void remove();
    void importLines();
    void setKey();

    // The key typed or piped on stdin, checked; on a problem it is reported and the run ends.
    std::optional<QString> readApiKey(const QString& domainName);
    std::optional<Domain> existing(const QString& name);
    // Forgets domains whose key the keychain refused, then calls `then`. After a keychain timeout the keychain
    // is not waited for: the settings forget them at once, and `then` follows.
    void forget(const QStringList& ids, bool keychainTimedOut, std::function<void()> then);
    // "Adding domains: done/total" on stderr when it is a terminal, redrawn at most twice a second.
    void showProgress(int done, int total);
    void finish(ExitCode code);
    void fail(ExitCode code, const QString& sentence);

    DomainStore* m_domains;
    CliCommand m_command;
    Done m_done;
    QElapsedTimer m_progressShown; // invalid until progress was first shown
};
