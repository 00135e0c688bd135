// Any bytes as the body of Daily's GET /webhooks or GET /webhooks/:uuid answer: the list and single-webhook
// readers, and everything a view or the export does with a webhook they return.

#include "Webhook.h"
#include "WebhookDraft.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

void exercise(const Webhook& webhook)
{
    const Webhook again = Webhook::fromJson(webhook.toJson());
    for (const QString& field : Webhook::fieldNames()) {
        webhook.fieldStatus(field);
        webhook.rawValue(field);
        again.fieldStatus(field);
    }
    webhook.isDelivering();
    // Its configuration, as export and recreate read it, is no change to it.
    for (const bool withSecrets : {false, true}) {
        const WebhookDraft draft = WebhookDraft::fromWebhook(webhook, withSecrets);
        if (!draft.changedFrom(webhook).toJson().isEmpty() || draft.appliedTo(webhook).toJson() != webhook.toJson())
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (const auto list = WebhookJson::parseList(document)) {
        for (const Webhook& webhook : *list)
            exercise(webhook);
    }
    if (const auto single = WebhookJson::parseSingle(document))
        exercise(*single);
    // fromJson itself takes any object, uuid or not.
    if (document.isObject())
        exercise(Webhook::fromJson(document.object()));
    return 0;
}
