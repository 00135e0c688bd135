#pragma once

#include <QString>

// Which stored deliveries a list shows; an empty field does not filter.
struct DeliveryFilter
{
    QString eventType; // exactly this event type
    QString signature; // this signature verdict (DeliveryVerifier::name)
    QString text; // in the target, the event id or the body, ignoring ASCII case

    bool isEmpty() const { return eventType.isEmpty() && signature.isEmpty() && text.isEmpty(); }
};
