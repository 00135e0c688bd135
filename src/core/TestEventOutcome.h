#pragma once

#include "DeliveryResult.h"

#include <QByteArray>
#include <QString>

// One test event of a batch as sent and answered: which type, the id it carried, the exact body sent, and the
// endpoint's answer.
struct TestEventOutcome
{
    QString type;
    QString id;
    QByteArray body;
    DeliveryResult result;
};
