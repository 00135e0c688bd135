#include "DeliveryResult.h"

QString DeliveryResult::failureName(Failure failure)
{
    switch (failure) {
    case Failure::None:
        return {};
    case Failure::UrlRefused:
        return QStringLiteral("url-refused");
    case Failure::ConnectionRefused:
        return QStringLiteral("connection-refused");
    case Failure::HostNotFound:
        return QStringLiteral("host-not-found");
    case Failure::Timeout:
        return QStringLiteral("timeout");
    case Failure::Tls:
        return QStringLiteral("tls");
    case Failure::Network:
        return QStringLiteral("network");
    case Failure::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QStringLiteral("network");
}

QString DeliveryResult::cutNote() const
{
    if (!answerCut)
        return {};
    if (announcedBytes >= 0)
        return tr("the first %1 bytes of %2").arg(answerBody.size()).arg(announcedBytes);
    return tr("the first %1 bytes; the answer went on beyond %2").arg(answerBody.size()).arg(answerBytesRead);
}
