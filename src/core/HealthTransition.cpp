#include "HealthTransition.h"

#include <algorithm>

QList<HealthTransition> HealthTransition::between(const DomainState& before, const DomainState& after)
{
    QList<HealthTransition> found;
    if (before.status != DomainState::Status::Loaded || after.status != DomainState::Status::Loaded)
        return found;
    for (const Webhook& old : before.webhooks) {
        if (!old.isDelivering())
            continue;
        const auto now = std::find_if(
            after.webhooks.cbegin(), after.webhooks.cend(), [&](const Webhook& w) { return w.uuid == old.uuid; });
        HealthTransition t;
        t.domainId = after.domainId;
        t.domainName = after.domainName;
        t.uuid = old.uuid;
        t.url = old.url;
        if (now == after.webhooks.cend()) {
            t.kind = Kind::Disappeared;
            found.append(t);
        } else if (!now->isDelivering()) {
            t.kind = Kind::StoppedDelivering;
            t.newState = now->state;
            found.append(t);
        }
    }
    return found;
}
