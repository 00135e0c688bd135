#pragma once

#include <QString>

class QCoreApplication;

// What a start of the desktop app is given: its command line and the environment variables it reads, as given
// (nothing checked yet: StartupMode decides what they mean).
struct StartupOptions
{
    bool sandbox = false; // --sandbox
    QString apiBase; // --api-base, else DAILY_API_BASE
    QString envKey; // DAILY_API_KEY

    // Parses the application's arguments (--help and --version answer and exit here, as does an unknown option)
    // and reads DAILY_API_BASE and DAILY_API_KEY.
    static StartupOptions fromCommandLine(const QCoreApplication& app);
};
