#include "ClosedPort.h"

#include <QTcpServer>

quint16 ClosedPort::pick()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QUrl ClosedPort::url(const QString& path)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(pick());
    url.setPath(path);
    return url;
}
