#include "RequestLog.h"

#include "DailyCall.h"
#include "DailyClient.h"
#include "WebhookFields.h"

#include <QJsonArray>
#include <QJsonDocument>

const QString RequestLog::RedactedApiKey = QStringLiteral("<API key redacted>");
const QString RequestLog::Redacted = QStringLiteral("<redacted>");

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(const QByteArray& s, qsizetype i)
{
    while (i < s.size() && isSpace(s.at(i)))
        ++i;
    return i;
}

// Index just past the string token that opens at `begin`, or -1 when it never closes.
qsizetype stringEnd(const QByteArray& s, qsizetype begin)
{
    for (qsizetype i = begin + 1; i < s.size(); ++i) {
        if (s.at(i) == '\\')
            ++i;
        else if (s.at(i) == '"')
            return i + 1;
    }
    return -1;
}

// Index just past the JSON value that starts at `begin`: a string, an object or array (brackets inside strings
// ignored), or a bare literal.
qsizetype valueEnd(const QByteArray& s, qsizetype begin)
{
    const char first = s.at(begin);
    if (first == '"') {
        const qsizetype end = stringEnd(s, begin);
        return end < 0 ? s.size() : end;
    }
    if (first == '{' || first == '[') {
        int depth = 0;
        for (qsizetype i = begin; i < s.size(); ++i) {
            const char c = s.at(i);
            if (c == '"') {
                const qsizetype end = stringEnd(s, i);
                if (end < 0)
                    return s.size();
                i = end - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return s.size();
    }
    qsizetype i = begin;
    while (i < s.size() && !isSpace(s.at(i)) && s.at(i) != ',' && s.at(i) != '}' && s.at(i) != ']')
        ++i;
    return i;
}

// A key token as JSON reads it, escapes (\u0068mac) included, so an escaped name cannot slip past.
QString decodedKey(const QByteArray& token)
{
    if (!token.contains('\\'))
        return QString::fromUtf8(token.mid(1, token.size() - 2));
    const QJsonDocument document = QJsonDocument::fromJson('[' + token + ']');
    return document.array().at(0).toString();
}

QString redactedAuthorization(const QByteArray& value, bool apiKey)
{
    const qsizetype space = value.indexOf(' ');
    if (space < 0)
        return RequestLog::Redacted;
    const QString scheme = QString::fromLatin1(value.left(space));
    const bool bearer = scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0;
    return scheme + QLatin1Char(' ') + (bearer && apiKey ? RequestLog::RedactedApiKey : RequestLog::Redacted);
}

// The header's value as it may be shown: secrets replaced unless revealed.
QString shownHeaderValue(const QByteArray& name, const QByteArray& value, bool revealSecrets)
{
    if (!revealSecrets) {
        if (name.compare("Authorization", Qt::CaseInsensitive) == 0)
            return redactedAuthorization(value, true);
        if (name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0)
            return redactedAuthorization(value, false);
        if (name.compare("Cookie", Qt::CaseInsensitive) == 0 || name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
            return RequestLog::Redacted;
    }
    return QString::fromUtf8(value);
}

} // namespace

RequestLog::RequestLog(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(qMax(1, capacity))
{ }

void RequestLog::append(RequestLogEntry entry)
{
    entry.sequence = m_nextSequence++;
    const int excess = count() + 1 - m_capacity;
    if (excess > 0) {
        emit aboutToDropOldest(excess);
        m_entries.remove(0, excess);
        emit oldestDropped(excess);
    }
    const int index = count();
    emit aboutToAddEntry(index);
    m_entries.append(std::move(entry));
    emit entryAdded(index);
}

void RequestLog::clear()
{
    emit aboutToClear();
    m_entries.clear();
    emit cleared();
}

void RequestLog::attach(DailyClient* client)
{
    connect(client, &DailyClient::callStarted, this, [this](DailyCall* call) {
        RequestLogEntry entry;
        entry.at = QDateTime::currentDateTimeUtc();
        entry.request = call->request();
        entry.domainId = call->target().domainId;
        entry.domainName = call->target().name;
        // The call deletes itself after finished(), which takes this connection with it.
        connect(call, &DailyCall::finished, this, [this, entry](const ApiResult& result) mutable {
            entry.httpStatus = result.httpStatus;
            entry.durationMs = result.elapsedMs;
            if (result.error.isError())
                entry.errorKind = ApiError::kindName(result.error.kind);
            append(std::move(entry));
        });
    });
}

QString RequestLog::redactedHeaders(const QList<QPair<QByteArray, QByteArray>>& headers, bool revealSecrets)
{
    QStringList lines;
    for (const auto& [name, value] : headers)
        lines << QString::fromLatin1(name) + QStringLiteral(": ") + shownHeaderValue(name, value, revealSecrets);
    return lines.join(QLatin1Char('\n'));
}

QByteArray RequestLog::redactedBody(const QByteArray& json)
{
    // Scanning the bytes instead of re-serialising keeps the body exactly as sent (key order, spacing), so a
    // redacted curl command differs from the original only where a secret was.
    const QByteArray replacement = '"' + Redacted.toUtf8() + '"';
    QByteArray out;
    qsizetype copied = 0;
    qsizetype i = 0;
    while (i < json.size()) {
        if (json.at(i) != '"') {
            ++i;
            continue;
        }
        const qsizetype end = stringEnd(json, i);
        if (end < 0)
            break;
        const qsizetype colon = skipSpace(json, end);
        if (colon < json.size() && json.at(colon) == ':'
            && WebhookFields::isSecret(decodedKey(json.mid(i, end - i)), Qt::CaseInsensitive)) {
            const qsizetype value = skipSpace(json, colon + 1);
            if (value < json.size()) {
                const qsizetype valueStop = valueEnd(json, value);
                // null says "no secret set", which is worth seeing and reveals nothing.
                if (json.mid(value, valueStop - value) != "null") {
                    out += json.mid(copied, value - copied);
                    out += replacement;
                    copied = valueStop;
                }
                i = valueStop;
                continue;
            }
        }
        i = end;
    }
    out += json.mid(copied);
    return out;
}

QString RequestLog::shellQuote(const QString& text)
{
    // Inside single quotes nothing is special except the quote itself, which closes, escapes and reopens.
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString RequestLog::toCurl(const ApiRequest& request, bool revealSecrets)
{
    QStringList parts {QStringLiteral("curl"), QStringLiteral("-X"), QString::fromLatin1(request.method),
        shellQuote(request.url.toString(QUrl::FullyEncoded))};
    for (const auto& [name, value] : request.headers) {
        parts << QStringLiteral("-H")
              << shellQuote(
                     QString::fromLatin1(name) + QStringLiteral(": ") + shownHeaderValue(name, value, revealSecrets));
    }
    if (!request.body.isEmpty()) {
        const QByteArray body = revealSecrets ? request.body : redactedBody(request.body);
        parts << QStringLiteral("--data-raw") << shellQuote(QString::fromUtf8(body));
    }
    return parts.join(QLatin1Char(' '));
}

QString RequestLog::toText(const RequestLogEntry& entry, bool revealSecrets)
{
    const QString status = entry.httpStatus > 0 ? QString::number(entry.httpStatus) : tr("no answer");
    QStringList lines;
    lines << tr("%1  %2  %3 %4  %5  %6 ms")
                 .arg(entry.at.toUTC().toString(Qt::ISODateWithMs), entry.domainName, entry.method(), entry.path(),
                     status)
                 .arg(entry.durationMs);
    if (!entry.errorKind.isEmpty())
        lines << tr("Error: %1").arg(entry.errorKind);
    lines << entry.request.url.toString(QUrl::FullyEncoded);
    lines << redactedHeaders(entry.request.headers, revealSecrets);
    if (!entry.request.body.isEmpty())
        lines << QString() << QString::fromUtf8(revealSecrets ? entry.request.body : redactedBody(entry.request.body));
    return lines.join(QLatin1Char('\n'));
}
