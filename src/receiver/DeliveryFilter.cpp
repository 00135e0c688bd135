#include "DeliveryFilter.h"

#include "StoredDelivery.h"

#include <QByteArray>

namespace {

// SQLite's LIKE folds the case of ASCII letters only, and reads text up to its first NUL.
QByteArray asLikeSeesIt(const QByteArray& bytes)
{
    const qsizetype nul = bytes.indexOf('\0');
    QByteArray folded = nul < 0 ? bytes : bytes.left(nul);
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    }
    return folded;
}

} // namespace

bool DeliveryFilter::matches(const StoredDelivery& delivery) const
{
    if (!eventType.isEmpty() && delivery.eventType != eventType)
        return false;
    if (!signature.isEmpty() && delivery.signature != signature)
        return false;
    if (text.isEmpty())
        return true;
    const QByteArray needle = asLikeSeesIt(text.toUtf8());
    return asLikeSeesIt(delivery.target).contains(needle) || asLikeSeesIt(delivery.eventId.toUtf8()).contains(needle)
        || asLikeSeesIt(delivery.body).contains(needle);
}
