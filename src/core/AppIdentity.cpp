#include "AppIdentity.h"

#include <QCoreApplication>
#include <QStandardPaths>

QString AppIdentity::organizationName()
{
    return QStringLiteral("DailyWebhooks");
}

QString AppIdentity::applicationName()
{
    return QStringLiteral("daily-webhooks");
}

QString AppIdentity::displayName()
{
    return QStringLiteral("Daily Webhooks");
}

QString AppIdentity::desktopId()
{
    // From CMake's DW_APP_ID, the name packaging/ installs the desktop entry, metadata and icon under.
    return QStringLiteral(DW_APP_ID);
}

QString AppIdentity::keychainService()
{
    // The desktop id: unique to this application, and what a user looks for in a keyring manager.
    return desktopId();
}

QString AppIdentity::deliveryStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/deliveries.sqlite");
}

void AppIdentity::applyToCoreApplication()
{
    QCoreApplication::setOrganizationName(organizationName());
    QCoreApplication::setApplicationName(applicationName());
    QCoreApplication::setApplicationVersion(QStringLiteral(DW_VERSION));
}
