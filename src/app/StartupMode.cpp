#include "StartupMode.h"

#include "Domain.h"
#include "UrlPolicy.h"

#include <QCoreApplication>

StartupMode StartupMode::decide(const StartupOptions& options, bool hasSavedDomains)
{
    StartupMode mode;
    if (!options.apiBase.isEmpty()) {
        // The one rule for where a key may go (https, or http on this computer), as in the CLI and the dialogs.
        if (const QString problem = UrlPolicy::apiBaseProblem(options.apiBase); !problem.isEmpty()) {
            mode.refusal = problem;
            return mode;
        }
        mode.apiBase = QUrl(options.apiBase.trimmed(), QUrl::StrictMode);
    }
    mode.envKey = options.envKey.trimmed();
    if (const QString problem = Domain::apiKeyProblem(mode.envKey); !mode.envKey.isEmpty() && !problem.isEmpty()) {
        mode.refusal = QCoreApplication::translate("main", "DAILY_API_KEY cannot be used. %1").arg(problem);
        mode.envKey.clear();
        return mode;
    }
    if (options.sandbox || (mode.envKey.isEmpty() && !hasSavedDomains)) {
        mode.source = Source::Sandbox;
        mode.sandboxAsked = options.sandbox;
        mode.envKey.clear();
    } else if (!mode.envKey.isEmpty()) {
        mode.source = Source::EnvironmentKey;
    }
    return mode;
}

QString StartupMode::notice() const
{
    if (refused())
        return {};
    switch (source) {
    case Source::Sandbox:
        return sandboxAsked
            ? QString()
            : QCoreApplication::translate("main", "No domain yet: you are trying the app on the sandbox.");
    case Source::EnvironmentKey:
        return QCoreApplication::translate("main", "Using DAILY_API_KEY for this run; your saved domains are hidden.");
    case Source::SavedDomains:
        break;
    }
    return {};
}
