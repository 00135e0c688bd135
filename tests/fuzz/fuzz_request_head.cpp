// Any bytes as the start of a request to the sandbox's HTTP front: the head parser that screens every request
// before QHttpServer reads it, the framing rules after it, and the refusal it would write.

#include "HttpRequestGate.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const HttpRequestGate::HeadReading reading = HttpRequestGate::parseHead(bytes, 4096);
    switch (reading.outcome) {
    case HttpRequestGate::HeadReading::Outcome::Incomplete:
        break;
    case HttpRequestGate::HeadReading::Outcome::Complete: {
        const HttpRequestGate::Head& head = reading.head;
        // A complete head lies within what arrived, and its length is never negative.
        if (head.size <= 0 || head.size > bytes.size() || head.contentLength < 0)
            std::abort();
        head.path();
        head.header(QByteArrayLiteral("authorization"));
        if (const auto refusal = HttpRequestGate::checkBody(head, 1024))
            HttpRequestGate::response(*refusal);
        break;
    }
    case HttpRequestGate::HeadReading::Outcome::Refused:
        // Every refusal is an error status (4xx, or 505 for another HTTP version) with a reason to say why.
        if (reading.refusal.status < 400 || reading.refusal.status > 505 || reading.refusal.info.isEmpty())
            std::abort();
        HttpRequestGate::response(reading.refusal);
        break;
    }
    return 0;
}
