#include "StoredDelivery.h"

HttpHeaders::List StoredDelivery::headerList() const
{
    HttpHeaders::List fields;
    for (const QByteArray& line : headers.split('\n')) {
        const QByteArray field = line.endsWith('\r') ? line.chopped(1) : line;
        const qsizetype colon = field.indexOf(':');
        if (colon <= 0)
            continue;
        fields.append({field.left(colon), field.mid(colon + 1).trimmed()});
    }
    return fields;
}

QByteArray StoredDelivery::storedHeaders(const HttpHeaders::List& fields)
{
    QByteArray lines;
    for (const auto& [name, value] : fields) {
        const bool secret = name.compare("Authorization", Qt::CaseInsensitive) == 0;
        lines += name + ": " + (secret ? QByteArray(RedactedValue) : value) + "\r\n";
    }
    return lines;
}

QByteArray StoredDelivery::storedRawHead(const QByteArray& bytes)
{
    QList<QByteArray> lines = bytes.split('\n');
    for (QByteArray& line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("Authorization", Qt::CaseInsensitive) == 0)
            line = line.left(colon + 1) + ' ' + RedactedValue + (line.endsWith('\r') ? "\r" : "");
    }
    return lines.join('\n');
}
