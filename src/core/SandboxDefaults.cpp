#include "SandboxDefaults.h"

QString SandboxDefaults::demoApiKey()
{
    return QStringLiteral("sandbox-demo-key");
}

QUrl SandboxDefaults::apiBaseUrl()
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(Port);
    url.setPath(QStringLiteral("/v1"));
    return url;
}
