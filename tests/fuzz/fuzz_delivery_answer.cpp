// Any bytes as the answer of the user's app to a forwarded, replayed or test delivery: ExactHttpExchange::readAnswer,
// as an answer to POST and to HEAD, with the connection open and closed, and on a few prefixes of the bytes as the
// exchange reads them while they arrive. Beyond not crashing: the outcome is one of the three, the body kept never
// exceeds Limits::MaxDeliveryAnswerBytes, what is decided on the bytes so far stays decided when the connection
// closes or more bytes arrive, and a closed connection always decides.

#include "ExactHttpExchange.h"
#include "Limits.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

namespace {

using Reading = ExactHttpExchange::AnswerReading;
using Outcome = Reading::Outcome;

// Names the property that failed before aborting, so a finding says what broke.
#define REQUIRE(condition)                                                                                             \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz_delivery_answer: %s does not hold (line %d)\n", #condition, __LINE__);          \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

bool sameAnswer(const Reading& a, const Reading& b)
{
    return a.status == b.status && a.headers == b.headers && a.body == b.body && a.cut == b.cut
        && a.announced == b.announced;
}

// What holds of any one reading.
void checkReading(const Reading& r, bool headRequest)
{
    switch (r.outcome) {
    case Outcome::Incomplete:
    case Outcome::Complete:
    case Outcome::Malformed:
        break;
    default:
        std::abort();
    }
    const qint64 cap = Limits::MaxDeliveryAnswerBytes;
    REQUIRE(r.body.size() <= cap);
    // The body kept is what arrived, up to the cap; cut says exactly that more arrived than the cap.
    REQUIRE(r.cut == (r.bodyBytes > cap));
    REQUIRE(r.body.size() == (r.cut ? cap : r.bodyBytes));
    REQUIRE(r.announced >= -1);
    if (r.outcome == Outcome::Complete) {
        // A final answer: never an interim 1xx (101 switches protocols and is final).
        REQUIRE((r.status >= 200 && r.status <= 999) || r.status == 101);
        if (headRequest)
            REQUIRE(r.body.isEmpty() && r.bodyBytes == 0);
    }
}

void checkAnswer(const QByteArray& bytes, bool headRequest)
{
    const Reading open = ExactHttpExchange::readAnswer(bytes, false, headRequest);
    const Reading closed = ExactHttpExchange::readAnswer(bytes, true, headRequest);
    checkReading(open, headRequest);
    checkReading(closed, headRequest);

    // The close of the connection decides; it never changes what the bytes had decided already.
    REQUIRE(closed.outcome != Outcome::Incomplete);
    if (open.outcome != Outcome::Incomplete)
        REQUIRE(closed.outcome == open.outcome);
    if (open.outcome == Outcome::Complete)
        REQUIRE(sameAnswer(open, closed) && open.bodyBytes == closed.bodyBytes);

    // The exchange concludes on the first prefix that decides: more bytes must not have decided otherwise.
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    for (const qsizetype length :
        {bytes.size() - 1, bytes.size() / 2, bytes.size() / 3, headEnd, headEnd + 2, headEnd + 4, headEnd + 5}) {
        if (length <= 0 || length >= bytes.size())
            continue;
        const Reading prefix = ExactHttpExchange::readAnswer(bytes.left(length), false, headRequest);
        checkReading(prefix, headRequest);
        if (prefix.outcome == Outcome::Malformed)
            REQUIRE(open.outcome == Outcome::Malformed);
        if (prefix.outcome == Outcome::Complete)
            REQUIRE(open.outcome == Outcome::Complete && prefix.status == open.status && prefix.body == open.body
                && prefix.cut == open.cut);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    checkAnswer(bytes, false);
    checkAnswer(bytes, true);
    return 0;
}
