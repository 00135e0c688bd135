#pragma once

#include "ApiTarget.h"

#include <QString>

// One domain to refresh: which profile and domain the answer belongs to, and where to ask with which key.
struct RefreshTarget
{
    QString profileId;
    QString domainName;
    ApiTarget target;
};
