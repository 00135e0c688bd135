#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// Header fields as a request or an answer carries them: in order, names as sent. HTTP compares field names
// without regard to case (RFC 9110 §5.1), so every lookup in the product and its tests goes through here: the
// requests to Daily, the signed deliveries, the sandbox's gate and server, and the tests' exact-byte server.
class HttpHeaders
{
public:
    using List = QList<QPair<QByteArray, QByteArray>>;

    // The first field named `name` in any case, or an empty array when there is none.
    static QByteArray value(const List& headers, const QByteArray& name);
    // How many fields are named `name` in any case.
    static int count(const List& headers, const QByteArray& name);
};
