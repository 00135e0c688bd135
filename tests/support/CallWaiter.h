#pragma once

#include "ApiResult.h"

#include <optional>

class DailyCall;

// Waits for a call to Daily, running the event loop (servers in the same process keep answering).
class CallWaiter
{
public:
    static constexpr int DefaultTimeoutMs = 15000;

    // The result of the call's single finished(), or nothing when it did not finish in time. The call deletes
    // itself once finished, so it is never touched afterwards.
    static std::optional<ApiResult> result(DailyCall* call, int timeoutMs = DefaultTimeoutMs);
};
