#pragma once

#include "DeliveryResult.h"

#include <QString>

// One test event of a batch as sent and answered: which type, the id it carried, and the endpoint's answer.
struct TestEventOutcome
{
    QString type;
    QString id;
    DeliveryResult result;
};
