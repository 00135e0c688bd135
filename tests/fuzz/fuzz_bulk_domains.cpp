// Any text pasted or imported as bulk `name,key` lines, with one domain name already taken.

#include "BulkDomainParser.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size));
    BulkDomainParser::parse(text, {QStringLiteral("staging")});
    return 0;
}
