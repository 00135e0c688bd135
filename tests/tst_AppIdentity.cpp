// AppIdentity: the names the code uses are the ones the packaged desktop entry and AppStream metadata carry, so
// the desktop finds the running app's icon and entry, and a notification opens the right application.

#include "AppIdentity.h"
#include "SecretStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

namespace {

QString packaged(const QString& suffix)
{
    QFile file(QStringLiteral(DW_PACKAGING_DIR "/") + AppIdentity::desktopId() + suffix);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The first capture of `pattern` in `text` (one line at a time), or an empty string.
QString captured(const QString& text, const QString& pattern)
{
    return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).captured(1);
}

} // namespace

class tst_AppIdentity : public QObject
{
    Q_OBJECT

private slots:
    void theDesktopEntryIsNamedAndFilledFromTheIdentity()
    {
        const QString entry = packaged(QStringLiteral(".desktop"));
        QVERIFY2(!entry.isEmpty(), "no packaged desktop entry named after AppIdentity::desktopId()");
        QCOMPARE(captured(entry, QStringLiteral("^Icon=(.*)$")), AppIdentity::desktopId());
        QCOMPARE(captured(entry, QStringLiteral("^Exec=(\\S+)")), AppIdentity::applicationName());
        QCOMPARE(captured(entry, QStringLiteral("^Name=(.*)$")), AppIdentity::displayName());
    }

    void theMetadataIsNamedAndFilledFromTheIdentity()
    {
        const QString metainfo = packaged(QStringLiteral(".metainfo.xml"));
        QVERIFY2(!metainfo.isEmpty(), "no packaged AppStream metadata named after AppIdentity::desktopId()");
        QCOMPARE(captured(metainfo, QStringLiteral("<id>([^<]*)</id>")), AppIdentity::desktopId());
        QCOMPARE(captured(metainfo, QStringLiteral("<launchable type=\"desktop-id\">([^<]*)</launchable>")),
            AppIdentity::desktopId() + QStringLiteral(".desktop"));
        QCOMPARE(captured(metainfo, QStringLiteral("<binary>([^<]*)</binary>")), AppIdentity::applicationName());
        QCOMPARE(captured(metainfo, QStringLiteral("^  <name>([^<]*)</name>")), AppIdentity::displayName());
    }

    void keysAreStoredUnderTheIdentity() { QCOMPARE(SecretStore::DefaultService, AppIdentity::keychainService()); }

    void theApplicationTakesItsNames()
    {
        // QSettings and QStandardPaths find the saved domains, settings and history from these two names: the
        // app and daily-webhooks-cli must set the same ones.
        AppIdentity::applyToCoreApplication();
        QCOMPARE(QCoreApplication::organizationName(), AppIdentity::organizationName());
        QCOMPARE(QCoreApplication::applicationName(), AppIdentity::applicationName());
        QCOMPARE(QCoreApplication::applicationVersion(), QStringLiteral(DW_VERSION));
    }

    void deliveriesAreStoredInTheApplicationsDataFolder()
    {
        // The window and daily-webhooks-cli receive must write one database: both ask here, after taking the
        // application's names.
        qputenv("XDG_DATA_HOME", "/nonexistent-data-home");
        AppIdentity::applyToCoreApplication();
        QCOMPARE(AppIdentity::deliveryStorePath(),
            QStringLiteral("/nonexistent-data-home/") + AppIdentity::organizationName() + QLatin1Char('/')
                + AppIdentity::applicationName() + QStringLiteral("/deliveries.sqlite"));
    }
};

QTEST_GUILESS_MAIN(tst_AppIdentity)
#include "tst_AppIdentity.moc"
