#include "CallWaiter.h"

#include "DailyCall.h"

#include <QObject>
#include <QTest>

#include <memory>

std::optional<ApiResult> CallWaiter::result(DailyCall* call, int timeoutMs)
{
    // Shared with the connection: a call that finishes after the wait gave up must not write to a dead frame.
    auto received = std::make_shared<std::optional<ApiResult>>();
    QObject context;
    QObject::connect(call, &DailyCall::finished, &context, [received](const ApiResult& r) { *received = r; });
    if (!QTest::qWaitFor([&received] { return received->has_value(); }, timeoutMs))
        return std::nullopt;
    return *received;
}
