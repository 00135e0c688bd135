#pragma once

#include "CliCommand.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Turns daily-webhooks-cli's arguments into a CliCommand, or into one sentence saying what is wrong with them.
// Global options (target, output) may stand before or after the verb; each verb has its own options and its own
// --help. Pure: it never looks at the environment, stdin or the keychain, so every rule is tested as a table.
class CliParser
{
    Q_DECLARE_TR_FUNCTIONS(CliParser)

public:
    struct Result
    {
        CliCommand command;
        QString error; // a usage problem as one sentence that names the help to read; empty when parsed

        bool ok() const { return error.isEmpty(); }
    };

    static const QString ProgramName; // "daily-webhooks-cli"

    // `arguments` as QCoreApplication::arguments() gives them: the program first.
    static Result parse(const QStringList& arguments);

    // The program's --help, listing every verb.
    static QString programHelp();
    // A verb's --help ("create", "domains add", or "domains" for the group); empty for an unknown topic.
    static QString helpFor(const QString& topic);
    // Every verb as typed, in the order the help lists them: "list", ..., "domains list", "domains add", ...
    static QStringList verbNames();
    static QString versionText();
};
