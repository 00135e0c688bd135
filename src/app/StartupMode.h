#pragma once

#include "StartupOptions.h"

#include <QString>
#include <QUrl>

// What one run of the desktop app works with, decided from its options and from whether the user has saved
// domains, before anything is built (a pure decision, tested table by table):
//
//   Sandbox         --sandbox, or neither DAILY_API_KEY nor a saved domain: the embedded sandbox, whose domains
//                   and history last for this run only;
//   EnvironmentKey  DAILY_API_KEY: one domain for this run, at --api-base / DAILY_API_BASE or the settings'
//                   base URL; the saved domains are hidden;
//   SavedDomains    the user's saved domains, keys in the keychain.
//
// A base URL a key may not be sent to (UrlPolicy) and a DAILY_API_KEY that cannot be a key (Domain::apiKeyProblem)
// refuse the run, whatever the mode, in that order.
class StartupMode
{
public:
    enum class Source { Sandbox, EnvironmentKey, SavedDomains };

    static StartupMode decide(const StartupOptions& options, bool hasSavedDomains);

    bool refused() const { return !refusal.isEmpty(); }
    // What the window says first: why this run is on the sandbox or on DAILY_API_KEY; empty otherwise.
    QString notice() const;

    Source source = Source::SavedDomains;
    bool sandboxAsked = false; // on the sandbox because --sandbox said so
    QString envKey; // DAILY_API_KEY, trimmed
    QUrl apiBase; // --api-base or DAILY_API_BASE, checked; empty: the settings' base URL
    QString refusal; // why this run cannot start, a sentence for stderr; empty when it can
};
