#pragma once

#include "DeliveryVerifier.h"
#include "DomainState.h"

#include <QList>
#include <QString>

// The secrets a local receiver checks deliveries with: those of the webhooks the app knows whose URL points at it
// (labelled "<domain name> webhook", so a verdict names the webhook a delivery belongs to) and those the user
// added by hand. Pure: the Deliveries window rebuilds its receiver's verifier from it whenever a domain's
// webhooks or the user's secrets change.
class KnownWebhookSecrets
{
public:
    struct Match
    {
        QList<DeliveryVerifier::Candidate> candidates; // the webhooks pointing here that have an HMAC secret
        QString basicAuth; // the first of those webhooks' basic auth; empty when none has one
        QStringList labels; // every webhook pointing here, with or without a secret
    };

    // Whether `url` reaches a receiver on this computer's `port`: http or https, a loopback host (127.0.0.0/8,
    // ::1 or localhost) and that port (80 or 443 when the URL names none).
    static bool pointsAt(const QString& url, quint16 port);
    // The webhooks of `states` that point at `port`, in the order of the domains.
    static Match forReceiver(const QList<DomainState>& states, quint16 port);
    // The verifier for a receiver on `port`: the matching webhooks' secrets, then `added`; basic auth expected as
    // the first matching webhook has it.
    static DeliveryVerifier verifier(const QList<DomainState>& states, quint16 port,
        const QList<DeliveryVerifier::Candidate>& added, int toleranceSeconds);
    // "production webhook"
    static QString labelFor(const QString& domainName);
};
