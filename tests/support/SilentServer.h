#pragma once

#include <QTcpServer>
#include <QUrl>

// A server on 127.0.0.1 that accepts every connection and never answers, as a hung endpoint or API does. The
// connections stay open until the server goes away.
class SilentServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit SilentServer(QObject* parent = nullptr);

    // Listens on 127.0.0.1 and a free port.
    bool listen();
    // http://127.0.0.1:<port><path>
    QUrl url(const QString& path = QStringLiteral("/")) const;
    // Connections accepted so far.
    int connectionCount() const { return m_connections; }

private:
    int m_connections = 0;
};
