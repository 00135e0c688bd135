#include "WebhookExport.h"

#include "EventCatalog.h"
#include "Webhook.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

const QString WebhookExport::FormatTag = QStringLiteral("daily-webhooks-export");

namespace {

const QString kFormat = QStringLiteral("format");
const QString kVersion = QStringLiteral("version");
const QString kExportedAt = QStringLiteral("exportedAt");
const QString kIncludesSecrets = QStringLiteral("includesSecrets");
const QString kWebhooks = QStringLiteral("webhooks");
const QString kDomain = QStringLiteral("domain");
const QString kUrl = QStringLiteral("url");
const QString kRetryType = QStringLiteral("retryType");
const QString kEventTypes = QStringLiteral("eventTypes");
const QString kBasicAuth = QStringLiteral("basicAuth");
const QString kHmac = QStringLiteral("hmac");

} // namespace

WebhookDraft WebhookExport::configOf(const Webhook& webhook, bool includeSecrets)
{
    WebhookDraft draft;
    draft.url = webhook.url;
    if (!webhook.retryType.isEmpty())
        draft.retryType = webhook.retryType;
    if (!webhook.eventTypes.isEmpty())
        draft.eventTypes = webhook.eventTypes;
    if (includeSecrets && !webhook.basicAuth.isEmpty())
        draft.basicAuth = webhook.basicAuth;
    if (includeSecrets && !webhook.hmac.isEmpty())
        draft.hmac = webhook.hmac;
    return draft;
}

QByteArray WebhookExport::exportJson(
    const QList<QPair<QString, Webhook>>& webhooks, bool includeSecrets, const QDateTime& exportedAt)
{
    QJsonArray entries;
    for (const auto& [domain, webhook] : webhooks) {
        QJsonObject entry = configOf(webhook, includeSecrets).toJson();
        entry.insert(kDomain, domain);
        if (includeSecrets) {
            // An explicit null says "none was set", which a reader cannot tell from "left out" otherwise.
            if (!entry.contains(kBasicAuth))
                entry.insert(kBasicAuth, QJsonValue(QJsonValue::Null));
            if (!entry.contains(kHmac))
                entry.insert(kHmac, QJsonValue(QJsonValue::Null));
        }
        entries.append(entry);
    }
    QJsonObject root;
    root.insert(kFormat, FormatTag);
    root.insert(kVersion, Version);
    root.insert(
        kExportedAt, Webhook::formatTimestamp(exportedAt.isValid() ? exportedAt : QDateTime::currentDateTimeUtc()));
    root.insert(kIncludesSecrets, includeSecrets);
    root.insert(kWebhooks, entries);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

WebhookExport::ImportResult WebhookExport::parse(const QByteArray& json)
{
    ImportResult result;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.errors.append(tr("The file is not valid JSON (%1 at byte %2).")
                                 .arg(parseError.errorString(), QString::number(parseError.offset)));
        return result;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(kFormat).toString() != FormatTag) {
        result.errors.append(tr("This is not a Daily Webhooks export: it lacks \"format\": \"%1\".").arg(FormatTag));
        return result;
    }
    const QJsonValue version = root.value(kVersion);
    if (!version.isDouble() || version.toDouble() != double(version.toInt()) || version.toInt() < 1) {
        result.errors.append(tr("The export has no valid format version."));
        return result;
    }
    if (version.toInt() > Version) {
        result.errors.append(tr("The export was written by a newer version of Daily Webhooks (format version %1); "
                                "this version reads format version %2. Update the app to import it.")
                                 .arg(QString::number(version.toInt()), QString::number(Version)));
        return result;
    }
    if (root.value(kExportedAt).isString())
        result.exportedAt = QDateTime::fromString(root.value(kExportedAt).toString(), Qt::ISODateWithMs);
    result.includesSecrets = root.value(kIncludesSecrets).toBool(false);
    if (!root.value(kWebhooks).isArray()) {
        result.errors.append(tr("The export has no list of webhooks."));
        return result;
    }

    const QJsonArray webhooks = root.value(kWebhooks).toArray();
    for (qsizetype i = 0; i < webhooks.size(); ++i) {
        const QString number = QString::number(i + 1);
        if (!webhooks.at(i).isObject()) {
            result.errors.append(tr("Webhook %1 is not a JSON object.").arg(number));
            continue;
        }
        const QJsonObject object = webhooks.at(i).toObject();
        QStringList problems;
        Entry entry;

        const QJsonValue domain = object.value(kDomain);
        if (domain.isString() && !domain.toString().trimmed().isEmpty())
            entry.domain = domain.toString();
        else
            problems.append(tr("The name of the domain it came from is missing."));

        const QJsonValue url = object.value(kUrl);
        if (url.isString())
            entry.draft.url = url.toString();
        else if (url.isUndefined() || url.isNull())
            problems.append(tr("The URL is missing."));
        else
            problems.append(tr("The url is not text."));

        const QJsonValue retryType = object.value(kRetryType);
        if (retryType.isString())
            entry.draft.retryType = retryType.toString();
        else if (!retryType.isUndefined() && !retryType.isNull())
            problems.append(tr("The retryType is not text."));

        const QJsonValue eventTypes = object.value(kEventTypes);
        if (eventTypes.isArray()) {
            QStringList types;
            bool allText = true;
            for (const QJsonValue& type : eventTypes.toArray()) {
                allText = allText && type.isString();
                types.append(type.toString());
            }
            if (allText)
                entry.draft.eventTypes = types;
            else
                problems.append(tr("The eventTypes must be a list of event type names."));
        } else if (!eventTypes.isUndefined() && !eventTypes.isNull()) {
            problems.append(tr("The eventTypes must be a list of event type names."));
        }

        // Secrets: a string is taken, null or absent means none; the message never repeats the value.
        const QJsonValue basicAuth = object.value(kBasicAuth);
        if (basicAuth.isString())
            entry.draft.basicAuth = basicAuth.toString();
        else if (!basicAuth.isUndefined() && !basicAuth.isNull())
            problems.append(tr("The basicAuth is not text."));
        const QJsonValue hmac = object.value(kHmac);
        if (hmac.isString())
            entry.draft.hmac = hmac.toString();
        else if (!hmac.isUndefined() && !hmac.isNull())
            problems.append(tr("The hmac is not text."));

        // The same rules as the create form, so a file that imports cleanly can be sent as it is.
        for (const FieldProblem& problem : entry.draft.validate(EventCatalog::builtIn(), false))
            problems.append(problem.message);

        if (!problems.isEmpty()) {
            const QString which = entry.domain.isEmpty() ? tr("Webhook %1").arg(number)
                                                         : tr("Webhook %1 (%2)").arg(number, entry.domain);
            for (const QString& problem : problems)
                result.errors.append(tr("%1: %2").arg(which, problem));
            continue;
        }
        if (entry.draft.basicAuth || entry.draft.hmac)
            result.includesSecrets = true;
        result.entries.append(entry);
    }
    return result;
}

QString WebhookExport::secretsWarning()
{
    return tr("The file will contain each webhook's basic auth credential and HMAC secret in plain text. Anyone "
              "who reads it can sign fake deliveries or call your endpoint; keep it somewhere safe and delete it "
              "when done.");
}
