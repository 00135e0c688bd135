// Any bytes pasted or imported as bulk `name,key` lines (binary included), with one domain name already taken.

#include "BulkDomainParser.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    BulkDomainParser::parse(bytes, {QStringLiteral("staging")});
    return 0;
}
