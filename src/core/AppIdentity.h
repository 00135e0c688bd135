#pragma once

#include <QString>

// Who the application is, in one place. The desktop app, daily-webhooks-cli and the start-up probe all take their
// names from here: QSettings finds the saved domains and the settings from the organisation and application
// names, the keychain entries live under keychainService(), and the desktop entry, its icon and the desktop
// notifications are found through desktopId(). Two programs that spelled one of these differently would not see
// each other's domains, keys or history.
class AppIdentity
{
public:
    static QString organizationName(); // "DailyWebhooks"
    static QString applicationName(); // "daily-webhooks"
    static QString displayName(); // "Daily Webhooks", in window titles
    // The reverse-DNS id of the desktop entry, the AppStream metadata and the icon (packaging/ installs them
    // under this name).
    static QString desktopId(); // "io.github.dailywebhooks.DailyWebhooks"
    // The Secret Service attribute under which every API key is stored.
    static QString keychainService();

    // Where the received deliveries are stored, for the window and daily-webhooks-cli alike:
    // QStandardPaths::AppDataLocation (which follows the names set by applyToCoreApplication) + "/deliveries.sqlite".
    static QString deliveryStorePath();

    // Sets the organisation and application names and the version on the running application. Widget programs
    // also set the display name and desktop file name, which need QGuiApplication.
    static void applyToCoreApplication();
};
