#pragma once

#include "DomainState.h"

#include <QList>
#include <QString>

// A change between two refreshes that an operator must hear about: a delivering webhook that Daily switched to
// FAILED (or another non-delivering state), or one that vanished. Only loaded states are compared: a refresh
// that failed says nothing about the webhook.
struct HealthTransition
{
    enum class Kind { StoppedDelivering, Disappeared };

    Kind kind = Kind::StoppedDelivering;
    QString domainId;
    QString domainName;
    QString uuid;
    QString url;
    QString newState; // for StoppedDelivering

    static QList<HealthTransition> between(const DomainState& before, const DomainState& after);
};
