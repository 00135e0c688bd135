#include "WebhookDraft.h"

#include "EventCatalog.h"
#include "Signature.h"
#include "Webhook.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

const QString WebhookDraft::CircuitBreaker = QStringLiteral("circuit-breaker");
const QString WebhookDraft::Exponential = QStringLiteral("exponential");

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("WebhookDraft", text);
}
} // namespace

bool WebhookDraft::isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString WebhookDraft::urlProblem(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the URL Daily should send events to.");
    if (trimmed != text)
        return tr("Remove the spaces around the URL.");
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return tr("This is not a valid URL.");
    const QString scheme = url.scheme().toLower();
    if (scheme.isEmpty() || url.isRelative())
        return tr("Use an absolute URL that starts with https://.");
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("Daily sends webhooks over HTTPS; use an https:// URL.");
    if (url.host().isEmpty())
        return tr("The URL needs a host name.");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return tr("Daily only delivers to https:// URLs; plain http:// is accepted for this machine (localhost) only.");
    return {};
}

QString WebhookDraft::urlNote(const QString& text)
{
    if (!urlProblem(text).isEmpty())
        return {};
    const QUrl url(text);
    if (url.scheme().toLower() == QLatin1String("http"))
        return tr("Plain http:// on this machine: fine for the sandbox and a local receiver; the real Daily "
                  "cannot reach it.");
    return {};
}

QString WebhookDraft::basicAuthFromCredentials(const QString& user, const QString& password)
{
    return QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64());
}

QList<FieldProblem> WebhookDraft::validate(const EventCatalog& catalog, bool requireUrl) const
{
    QList<FieldProblem> problems;
    const QString urlField = QStringLiteral("url");
    if (url) {
        const QString problem = urlProblem(*url);
        if (!problem.isEmpty())
            problems.append({urlField, problem});
    } else if (requireUrl) {
        problems.append({urlField, urlProblem(QString())});
    }

    if (basicAuth && basicAuth->isEmpty())
        problems.append({QStringLiteral("basicAuth"), tr("Leave basic auth out or give a credential.")});

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
        o.insert(QStringLiteral("url"), *url);
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
