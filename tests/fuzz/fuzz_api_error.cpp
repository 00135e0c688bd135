// Any status and body of an answer that was not a success, as ApiError reads Daily's {error, info} bodies.
// The first two bytes pick the status (0 to 999: no answer, 1xx to 5xx and nonsense), the rest is the body.

#include "ApiError.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
        return 0;
    const int status = ((data[0] << 8) | data[1]) % 1000;
    const QByteArray body(reinterpret_cast<const char*>(data + 2), qsizetype(size - 2));
    const ApiError error = ApiError::fromHttp(status, body);
    // Whatever arrived, the user gets an error with a sentence to read.
    if (!error.isError() || error.message.isEmpty())
        std::abort();
    error.details();
    ApiError::kindName(error.kind);
    return 0;
}
