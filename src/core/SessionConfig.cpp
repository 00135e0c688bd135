#include "SessionConfig.h"

QString SessionConfig::describeSource(KeySource source)
{
    switch (source) {
    case KeySource::None:
        return tr("no API key");
    case KeySource::Environment:
        return tr("key from DAILY_API_KEY");
    case KeySource::Keychain:
        return tr("key from the keychain");
    case KeySource::Memory:
        return tr("key in memory only");
    case KeySource::Sandbox:
        return tr("sandbox key");
    }
    return {};
}

QString SessionConfig::describe() const
{
    const QString where = target.baseUrl.port() > 0
        ? QStringLiteral("%1:%2").arg(target.baseUrl.host()).arg(target.baseUrl.port())
        : target.baseUrl.host();
    if (sandbox)
        return tr("Sandbox on %1 (offline, no Daily account)").arg(where);
    return tr("%1 · %2").arg(where, describeSource(keySource));
}
