#pragma once

#include "ApiTarget.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Where this run of the app talks to and where its key came from. Resolved at startup from the command line,
// the environment (DAILY_API_KEY, DAILY_API_BASE) and the settings, before the keychain is asked.
struct SessionConfig
{
    Q_DECLARE_TR_FUNCTIONS(SessionConfig)

public:
    enum class KeySource { None, Environment, Keychain, Memory, Sandbox };

    ApiTarget target;
    KeySource keySource = KeySource::None;
    bool sandbox = false; // the embedded sandbox stands in for Daily
    bool baseFromOverride = false; // DAILY_API_BASE or --api-base

    // A short label for the status bar, e.g. "Sandbox 127.0.0.1:4321" or "api.daily.co · key from keychain".
    QString describe() const;
    static QString describeSource(KeySource source);
};
