#include "KnownWebhookSecrets.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QUrl>

bool KnownWebhookSecrets::pointsAt(const QString& url, quint16 port)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || port == 0)
        return false;
    const QString scheme = parsed.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return false;
    const QString host = parsed.host().toLower();
    const bool loopback = host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
    return loopback && parsed.port(scheme == QLatin1String("https") ? 443 : 80) == port;
}

KnownWebhookSecrets::Match KnownWebhookSecrets::forReceiver(const QList<DomainState>& states, quint16 port)
{
    Match match;
    for (const DomainState& state : states) {
        for (const Webhook& webhook : state.webhooks) {
            if (!pointsAt(webhook.url, port))
                continue;
            const QString label = labelFor(state.domainName);
            match.labels.append(label);
            if (!webhook.hmac.isEmpty())
                match.candidates.append({label, webhook.hmac});
            if (match.basicAuth.isEmpty())
                match.basicAuth = webhook.basicAuth;
        }
    }
    return match;
}

DeliveryVerifier KnownWebhookSecrets::verifier(const QList<DomainState>& states, quint16 port,
    const QList<DeliveryVerifier::Candidate>& added, int toleranceSeconds)
{
    const Match match = forReceiver(states, port);
    DeliveryVerifier verifier;
    verifier.setCandidates(match.candidates + added);
    verifier.setExpectedBasicAuth(match.basicAuth);
    verifier.setToleranceSeconds(toleranceSeconds);
    return verifier;
}

QString KnownWebhookSecrets::labelFor(const QString& domainName)
{
    return QCoreApplication::translate("KnownWebhookSecrets", "%1 webhook").arg(domainName);
}
