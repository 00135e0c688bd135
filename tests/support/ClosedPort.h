#pragma once

#include <QUrl>
#include <QtGlobal>

// A port on 127.0.0.1 that nothing listens on: connecting is refused at once.
class ClosedPort
{
public:
    // A port the system just handed out and took back, so nothing else is likely to hold it; 0 if none was free.
    static quint16 pick();
    // http://127.0.0.1:<a closed port><path>
    static QUrl url(const QString& path = QStringLiteral("/"));
};
