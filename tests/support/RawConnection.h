#pragma once

#include <QByteArray>
#include <QtGlobal>

class QTcpSocket;

// A plain TCP connection to a server in this process, for tests that send bytes no HTTP client would send. Every
// wait runs the event loop, so the server keeps answering.
class RawConnection
{
public:
    static constexpr int DefaultTimeoutMs = 5000;

    // Connects `socket` to 127.0.0.1:`port`; false when it is not connected in time.
    static bool open(QTcpSocket& socket, quint16 port, int timeoutMs = DefaultTimeoutMs);
    // Waits for the server to close the connection; whatever it sends meanwhile is appended to `received`. False
    // when it is still open when the time is up.
    static bool waitUntilClosed(QTcpSocket& socket, QByteArray* received = nullptr, int timeoutMs = DefaultTimeoutMs);
    // Everything the server sends until it closes the connection, or until the time is up.
    static QByteArray readUntilClosed(QTcpSocket& socket, int timeoutMs = DefaultTimeoutMs);
};
