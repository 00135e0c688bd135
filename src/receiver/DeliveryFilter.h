#pragma once

#include <QString>

struct StoredDelivery;

// Which stored deliveries a list shows; an empty field does not filter. DeliveryStore decides it in SQL for the
// rows it reads, matches() for a row that just arrived, and the two agree.
struct DeliveryFilter
{
    QString eventType; // exactly this event type
    QString signature; // this signature verdict (DeliveryVerifier::name)
    QString text; // in the target, the event id or the body, ignoring ASCII case

    bool isEmpty() const { return eventType.isEmpty() && signature.isEmpty() && text.isEmpty(); }

    // Whether `delivery` (with its body) passes, as SQLite's LIKE decides it for the store: the text is looked for
    // ignoring the case of ASCII letters only, and in each field only up to its first NUL byte.
    bool matches(const StoredDelivery& delivery) const;

    bool operator==(const DeliveryFilter& other) const
    {
        return eventType == other.eventType && signature == other.signature && text == other.text;
    }
    bool operator!=(const DeliveryFilter& other) const { return !(*this == other); }
};
