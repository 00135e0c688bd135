// daily-webhooks-cli: the command line over the same core as the desktop app. Parses, prints help or a usage
// error at once, and otherwise runs the command on the event loop until CliRunner says how it ended.

#include "AppIdentity.h"
#include "CliConsole.h"
#include "CliParser.h"
#include "CliRunner.h"
#include "ExitCode.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The desktop app's names, so both share the saved domains, the keychain entries and the audit log.
    AppIdentity::applyToCoreApplication();

    const CliParser::Result parsed = CliParser::parse(QCoreApplication::arguments());
    if (!parsed.ok()) {
        CliConsole::error(parsed.error);
        return int(ExitCode::Usage);
    }
    if (parsed.command.verb == CliCommand::Verb::Help) {
        CliConsole::out(CliParser::helpFor(parsed.command.helpTopic));
        return int(ExitCode::Ok);
    }
    if (parsed.command.verb == CliCommand::Verb::Version) {
        CliConsole::out(CliParser::versionText());
        return int(ExitCode::Ok);
    }

    CliRunner runner;
    QObject::connect(&runner, &CliRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    // Started from inside exec(): an exit() requested before the loop runs would be lost.
    QTimer::singleShot(0, &runner, [&runner, command = parsed.command] { runner.run(command); });
    return app.exec();
}
