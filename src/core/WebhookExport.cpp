#include "WebhookExport.h"

#include "EventCatalog.h"
#include "Webhook.h"
#include "WebhookFields.h"

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

} // namespace

WebhookDraft WebhookExport::configOf(const Webhook& webhook, bool includeSecrets)
{
    return WebhookDraft::fromWebhook(webhook, includeSecrets);
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
            for (const QString& field : WebhookFields::secret()) {
                if (!entry.contains(field))
                    entry.insert(field, QJsonValue(QJsonValue::Null));
            }
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

        // Null counts as left out (an export writes null for a secret that was not set); names that are not
        // Daily's writable fields, like "domain", belong to the file, not the draft.
        const WebhookDraft::Reading reading = WebhookDraft::fromJson(object);
        entry.draft = reading.draft;
        QStringList typeProblems;
        bool urlHasWrongType = false;
        for (const FieldProblem& problem : reading.problems) {
            if (problem.kind != FieldProblem::Kind::WrongType)
                continue;
            urlHasWrongType = urlHasWrongType || problem.field == WebhookFields::Url;
            typeProblems.append(problem.message);
        }
        if (!entry.draft.url && !urlHasWrongType)
            problems.append(tr("The URL is missing."));
        problems.append(typeProblems);

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
        if (entry.draft.hasSecrets())
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
