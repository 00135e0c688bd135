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
    // A head that could not be read has no fields to trust: the credential may sit behind a bare CR within a line,
    // or go on in lines folded onto it. So the value is everything after "Authorization:" (any case, blanks before
    // the colon) to the end of its line, and every folded line after it.
    static constexpr QByteArrayView name("authorization");
    QList<QByteArray> lines = bytes.split('\n');
    bool folded = false;
    for (QByteArray& line : lines) {
        const QByteArray end = line.endsWith('\r') ? QByteArrayLiteral("\r") : QByteArray();
        const QByteArray lower = line.toLower();
        qsizetype colon = -1;
        for (qsizetype at = lower.indexOf(name); at >= 0 && colon < 0; at = lower.indexOf(name, at + 1)) {
            qsizetype after = at + name.size();
            while (after < line.size() && (line.at(after) == ' ' || line.at(after) == '\t'))
                ++after;
            if (after < line.size() && line.at(after) == ':')
                colon = after;
        }
        if (colon >= 0) {
            line = line.left(colon + 1) + ' ' + RedactedValue + end;
            folded = true;
        } else if (folded && (line.startsWith(' ') || line.startsWith('\t'))) {
            line = QByteArray(" ") + RedactedValue + end;
        } else {
            folded = false;
        }
    }
    return lines.join('\n');
}
