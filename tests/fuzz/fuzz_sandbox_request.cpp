// Any bytes as the body of a create or update request to the sandbox, checked against Daily's schema, and read
// into the draft the sandbox then applies.

#include "EventCatalog.h"
#include "SandboxValidator.h"
#include "WebhookDraft.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!document.isObject())
        return 0;
    const QJsonObject body = document.object();
    const EventCatalog& catalog = EventCatalog::builtIn();
    const QString createProblem = SandboxValidator::check(body, SandboxValidator::Operation::Create, catalog);
    const QString updateProblem = SandboxValidator::check(body, SandboxValidator::Operation::Update, catalog);
    // Update asks for less than create: a body fit to create is fit to update.
    if (createProblem.isEmpty() && !updateProblem.isEmpty())
        std::abort();
    // A body the schema accepts reads cleanly into a draft that holds every field of it.
    const WebhookDraft::Reading reading = WebhookDraft::fromJson(body);
    if (updateProblem.isEmpty() && (!reading.problems.isEmpty() || reading.draft.toJson().keys() != body.keys()))
        std::abort();
    return 0;
}
