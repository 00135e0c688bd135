#include "ThrowawayKeyring.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

QString ThrowawayKeyring::problem()
{
    const QString control = qEnvironmentVariable("GNOME_KEYRING_CONTROL");
    const QString home = QDir::homePath();
    // The wrapper starts the keyring inside the temporary HOME it made; anything else is a real keychain.
    if (!control.isEmpty() && home.startsWith(QDir::tempPath()) && control.startsWith(home + QLatin1Char('/'))
        && QFileInfo(control).isDir()) {
        return {};
    }
    const QString binary = QCoreApplication::applicationFilePath();
    return QStringLiteral(
        "%1 needs a throw-away keychain and HOME, and will not touch the real ones: run it through ctest "
        "(ctest -R %2), or by hand as: dbus-run-session -- tests/support/with-keyring.sh %3")
        .arg(QFileInfo(binary).fileName(), QFileInfo(binary).fileName(), binary);
}
