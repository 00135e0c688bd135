// Any bytes as an export file being imported, and for every entry the importer accepts, the checks and the
// request body an import then sends.

#include "EventCatalog.h"
#include "WebhookExport.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const WebhookExport::ImportResult result
        = WebhookExport::parse(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    const EventCatalog& catalog = EventCatalog::builtIn();
    for (const WebhookExport::Entry& entry : result.entries) {
        // An accepted entry passed the update checks, so it can be sent as it is.
        if (!entry.draft.validate(catalog, false).isEmpty())
            std::abort();
        entry.draft.validate(catalog);
        entry.draft.toJsonBytes();
    }
    return 0;
}
