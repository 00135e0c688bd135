#include "SilentServer.h"

#include <QTcpSocket>

SilentServer::SilentServer(QObject* parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket* socket = nextPendingConnection()) {
            // Kept as a child: the peer sees an open connection that never says anything.
            socket->setParent(this);
            ++m_connections;
        }
    });
}

bool SilentServer::listen()
{
    return QTcpServer::listen(QHostAddress::LocalHost, 0);
}

QUrl SilentServer::url(const QString& path) const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(serverPort());
    url.setPath(path);
    return url;
}
