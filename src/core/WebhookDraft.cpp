#include "WebhookDraft.h"

#include "EventCatalog.h"
#include "Signature.h"
#include "UrlPolicy.h"
#include "Webhook.h"
#include "WebhookFields.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <type_traits>

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

// Calls visit(name, member of WebhookDraft, member of Webhook) for every field a request can set, in the order of
// WebhookFields::writable(): the one list that ties a field's name to its values. A new writable field is a line
// here; every function below that reads, writes, compares or applies a draft follows it.
template<typename Visit>
void forEachField(Visit&& visit)
{
    visit(WebhookFields::Url, &WebhookDraft::url, &Webhook::url);
    visit(WebhookFields::BasicAuth, &WebhookDraft::basicAuth, &Webhook::basicAuth);
    visit(WebhookFields::RetryType, &WebhookDraft::retryType, &Webhook::retryType);
    visit(WebhookFields::EventTypes, &WebhookDraft::eventTypes, &Webhook::eventTypes);
    visit(WebhookFields::Hmac, &WebhookDraft::hmac, &Webhook::hmac);
}

// The JSON types of the draft's values: a string, or an array of strings.
bool read(const QJsonValue& value, QString* out, qsizetype* /*item*/)
{
    if (!value.isString())
        return false;
    *out = value.toString();
    return true;
}

bool read(const QJsonValue& value, QStringList* out, qsizetype* item)
{
    if (!value.isArray())
        return false;
    const QJsonArray array = value.toArray();
    QStringList list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString()) {
            *item = i;
            return false;
        }
        list.append(array.at(i).toString());
    }
    *out = list;
    return true;
}

QString wrongType(const QString& field, const QString*)
{
    return tr("The %1 is not text.").arg(field);
}

// Daily's one list field is eventTypes.
QString wrongType(const QString& field, const QStringList*)
{
    return tr("The %1 must be a list of event type names.").arg(field);
}

QJsonValue toJsonValue(const QString& value)
{
    return value;
}

QJsonValue toJsonValue(const QStringList& value)
{
    return QJsonArray::fromStringList(value);
}

} // namespace

WebhookDraft::Reading WebhookDraft::fromJson(const QJsonObject& object)
{
    Reading reading;
    forEachField([&object, &reading](const QString& name, auto draftMember, auto) {
        const QJsonValue value = object.value(name);
        if (value.isUndefined())
            return;
        if (value.isNull()) {
            reading.problems.append({name, tr("The %1 has no value (null).").arg(name), FieldProblem::Kind::Null});
            return;
        }
        typename std::decay_t<decltype(reading.draft.*draftMember)>::value_type typed;
        qsizetype item = -1;
        if (read(value, &typed, &item))
            reading.draft.*draftMember = typed;
        else
            reading.problems.append({name, wrongType(name, &typed), FieldProblem::Kind::WrongType, item});
    });
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!WebhookFields::isWritable(it.key())) {
            reading.problems.append(
                {it.key(), tr("A create or update cannot set this field."), FieldProblem::Kind::NotAllowed});
        }
    }
    return reading;
}

WebhookDraft WebhookDraft::fromWebhook(const Webhook& webhook, bool withSecrets)
{
    WebhookDraft draft;
    forEachField([&webhook, &draft, withSecrets](const QString& name, auto draftMember, auto webhookMember) {
        const auto& value = webhook.*webhookMember;
        // The URL even when empty: a configuration without one is not a webhook, and the draft's checks say so.
        const bool wanted = name == WebhookFields::Url || !value.isEmpty();
        if (wanted && (withSecrets || !WebhookFields::isSecret(name)))
            draft.*draftMember = value;
    });
    return draft;
}

QString WebhookDraft::basicAuthFromCredentials(const QString& user, const QString& password)
{
    return QString::fromLatin1((user + QLatin1Char(':') + password).toUtf8().toBase64());
}

QList<FieldProblem> WebhookDraft::validate(const EventCatalog& catalog, bool requireUrl) const
{
    QList<FieldProblem> problems;
    if (url) {
        const QString problem = UrlPolicy::webhookUrlProblem(*url);
        if (!problem.isEmpty())
            problems.append({WebhookFields::Url, problem});
    } else if (requireUrl) {
        problems.append({WebhookFields::Url, UrlPolicy::webhookUrlProblem(QString())});
    }

    if (basicAuth && basicAuth->isEmpty())
        problems.append({WebhookFields::BasicAuth, tr("Leave basic auth out or give a credential.")});
    else if (basicAuth && !isHeaderSafe(*basicAuth))
        problems.append({WebhookFields::BasicAuth,
            tr("The basic auth credential must be one line of printable text: Daily sends it in an HTTP header.")});

    if (retryType && *retryType != CircuitBreaker && *retryType != Exponential)
        problems.append({WebhookFields::RetryType,
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
            problems.append({WebhookFields::EventTypes, tr("Choose at least one event type.")});
        if (!unknown.isEmpty())
            problems.append({WebhookFields::EventTypes,
                tr("Daily has no event type named %1.").arg(unknown.join(QStringLiteral(", ")))});
        if (!duplicates.isEmpty())
            problems.append({WebhookFields::EventTypes,
                tr("Event type listed twice: %1.").arg(duplicates.join(QStringLiteral(", ")))});
    }

    if (hmac && !Signature::isValidBase64(*hmac))
        problems.append({WebhookFields::Hmac,
            tr("The HMAC secret must be base64 (for example from Generate); leave it empty to let "
               "Daily create one.")});
    return problems;
}

QJsonObject WebhookDraft::toJson() const
{
    QJsonObject o;
    forEachField([this, &o](const QString& name, auto draftMember, auto) {
        if (const auto& value = this->*draftMember)
            o.insert(name, toJsonValue(*value));
    });
    // The URL goes out in its wire form.
    if (url)
        o.insert(WebhookFields::Url, UrlPolicy::wireForm(*url));
    return o;
}

QByteArray WebhookDraft::toJsonBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

WebhookDraft WebhookDraft::changedFrom(const Webhook& original) const
{
    WebhookDraft changed;
    forEachField([this, &original, &changed](const QString&, auto draftMember, auto webhookMember) {
        const auto& value = this->*draftMember;
        if (value && *value != original.*webhookMember)
            changed.*draftMember = value;
    });
    return changed;
}

Webhook WebhookDraft::appliedTo(const Webhook& webhook) const
{
    Webhook applied = webhook;
    forEachField([this, &applied](const QString&, auto draftMember, auto webhookMember) {
        if (const auto& value = this->*draftMember)
            applied.*webhookMember = *value;
    });
    return applied;
}

bool WebhookDraft::hasSecrets() const
{
    bool found = false;
    forEachField([this, &found](const QString& name, auto draftMember, auto) {
        found = found || ((this->*draftMember).has_value() && WebhookFields::isSecret(name));
    });
    return found;
}
