#pragma once

#include "ApiTarget.h"

#include <QString>

// One domain to refresh: which saved domain (its id and name) the answer belongs to, and where to ask with which
// key. domainId is the saved domain's id (Domain::id), not Daily's Webhook::domainId.
struct RefreshTarget
{
    QString domainId;
    QString domainName;
    ApiTarget target;
};
