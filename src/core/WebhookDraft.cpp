#include "WebhookDraft.h"

#include "EventCatalog.h"
#include "Signature.h"
#include "UrlPolicy.h"
#include "Webhook.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

const QString WebhookDraft::CircuitBreaker = QStringLiteral("circuit-breaker");
const QString WebhookDraft::Exponential = QStringLiteral("exponential");

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("WebhookDraft", text);
}
// A value that can travel in an HTTP header as it is: printable ASCII and spaces, no line breaks or controls.
bool isHeaderSafe(const QString& value)
{
    for (const QChar ch : value) {
        if (ch.unicode() < 0x20 || ch.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace

QString WebhookDraft::basicAuthFromCredentials(const QString& user, const QString& password)
{
    return QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64());
}

QList<FieldProblem> WebhookDraft::validate(const EventCatalog& catalog, bool requireUrl) const
{
    QList<FieldProblem> problems;
    const QString urlField = QStringLiteral("url");
    if (url) {
        const QString problem = UrlPolicy::webhookUrlProblem(*url);
        if (!problem.isEmpty())
            problems.append({urlField, problem});
    } else if (requireUrl) {
        problems.append({urlField, UrlPolicy::webhookUrlProblem(QString())});
    }

    if (basicAuth && basicAuth->isEmpty())
        problems.append({QStringLiteral("basicAuth"), tr("Leave basic auth out or give a credential.")});
    else if (basicAuth && !isHeaderSafe(*basicAuth))
        problems.append({QStringLiteral("basicAuth"),
            tr("The basic auth credential must be one line of printable text: Daily sends it in an HTTP header.")});

    if (retryType && *retryType != CircuitBreaker && *retryType != Exponential)
        problems.append({QStringLiteral("retryType"),
            tr("Retry type must be \"circuit-breaker\" or \"exponential\", not \"%1\".").arg(*retryType)});

    if (eventTypes) {
        QStringList unknown;
        QSet<QString> seen;
        QStringList duplicates;
        for (const QString& type : *eventTypes) {
            if (!catalog.contains(type))
                unknown.append(type);
            if (seen.contains(type))
                duplicates.append(type);
            seen.insert(type);
        }
        if (eventTypes->isEmpty())
            problems.append({QStringLiteral("eventTypes"), tr("Choose at least one event type.")});
        if (!unknown.isEmpty())
            problems.append({QStringLiteral("eventTypes"),
                tr("Daily has no event type named %1.").arg(unknown.join(QStringLiteral(", ")))});
        if (!duplicates.isEmpty())
            problems.append({QStringLiteral("eventTypes"),
                tr("Event type listed twice: %1.").arg(duplicates.join(QStringLiteral(", ")))});
    }

    if (hmac && !Signature::isValidBase64(*hmac))
        problems.append({QStringLiteral("hmac"),
            tr("The HMAC secret must be base64 (for example from Generate); leave it empty to let "
               "Daily create one.")});
    return problems;
}

QJsonObject WebhookDraft::toJson() const
{
    QJsonObject o;
    if (url)
        o.insert(QStringLiteral("url"), UrlPolicy::wireForm(*url));
    if (basicAuth)
        o.insert(QStringLiteral("basicAuth"), *basicAuth);
    if (retryType)
        o.insert(QStringLiteral("retryType"), *retryType);
    if (eventTypes)
        o.insert(QStringLiteral("eventTypes"), QJsonArray::fromStringList(*eventTypes));
    if (hmac)
        o.insert(QStringLiteral("hmac"), *hmac);
    return o;
}

QByteArray WebhookDraft::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

WebhookDraft WebhookDraft::changedFrom(const Webhook& original) const
{
    WebhookDraft changed;
    if (url && *url != original.url)
        changed.url = url;
    if (basicAuth && *basicAuth != original.basicAuth)
        changed.basicAuth = basicAuth;
    if (retryType && *retryType != original.retryType)
        changed.retryType = retryType;
    if (eventTypes && *eventTypes != original.eventTypes)
        changed.eventTypes = eventTypes;
    if (hmac && *hmac != original.hmac)
        changed.hmac = hmac;
    return changed;
}
