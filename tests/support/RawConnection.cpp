#include "RawConnection.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

bool RawConnection::open(QTcpSocket& socket, quint16 port, int timeoutMs)
{
    socket.connectToHost(QHostAddress::LocalHost, port);
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs)
        QTest::qWait(5);
    return socket.state() == QAbstractSocket::ConnectedState;
}

bool RawConnection::waitUntilClosed(QTcpSocket& socket, QByteArray* received, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (socket.state() != QAbstractSocket::UnconnectedState && timer.elapsed() < timeoutMs) {
        QTest::qWait(5);
        const QByteArray bytes = socket.readAll();
        if (received)
            *received += bytes;
    }
    const QByteArray rest = socket.readAll();
    if (received)
        *received += rest;
    return socket.state() == QAbstractSocket::UnconnectedState;
}

QByteArray RawConnection::readUntilClosed(QTcpSocket& socket, int timeoutMs)
{
    QByteArray received;
    waitUntilClosed(socket, &received, timeoutMs);
    return received;
}
