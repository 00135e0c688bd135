#include "DeliveryCurl.h"

#include "DeliveryReplay.h"
#include "DisplayText.h"
#include "Limits.h"

#include <QStringList>

#include <cstring>

namespace {

// Text a person can read and paste as it is: no tab (pasted, it would trigger a shell's completion), no CR (it
// would end the line), newlines only where `newlines`.
bool isPlainText(const QByteArray& bytes, bool newlines)
{
    return DisplayText::isPlainText(bytes, newlines ? QStringLiteral("\n") : QString());
}

bool isBare(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return false;
    for (const char c : bytes) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || (c != 0 && std::strchr("_@%+=:,./-", c) != nullptr);
        if (!safe)
            return false;
    }
    return true;
}

QString singleQuoted(const QByteArray& bytes)
{
    QByteArray quoted = bytes;
    quoted.replace('\'', "'\\''");
    return QLatin1Char('\'') + QString::fromUtf8(quoted) + QLatin1Char('\'');
}

bool hasField(const HttpHeaders::List& fields, const QByteArray& name)
{
    return HttpHeaders::count(fields, name) > 0;
}

} // namespace

QString DeliveryCurl::printfFormat(const QByteArray& bytes)
{
    QString format = QStringLiteral("'");
    format.reserve(bytes.size() + 2);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\')
            format += QStringLiteral("\\\\");
        else if (c == '%')
            format += QStringLiteral("%%");
        else if (c == '\n')
            format += QStringLiteral("\\n");
        else if (u >= 0x20 && u <= 0x7e && c != '\'')
            format += QLatin1Char(c);
        else
            // Always three digits, so a digit after the escape is never read as a part of it.
            format += QStringLiteral("\\%1").arg(u, 3, 8, QLatin1Char('0'));
    }
    return format + QLatin1Char('\'');
}

QString DeliveryCurl::shellWord(const QByteArray& bytes)
{
    if (isBare(bytes))
        return QString::fromLatin1(bytes);
    if (isPlainText(bytes, false))
        return singleQuoted(bytes);
    return QStringLiteral("\"$(printf ") + printfFormat(bytes) + QStringLiteral(")\"");
}

QString DeliveryCurl::command(
    const StoredDelivery& delivery, const QUrl& base, const QByteArray& authorizationValue, QString* problem)
{
    // The replay's own rule decides what goes out; the stored Authorization stays a placeholder unless revealed.
    const bool placeholder
        = authorizationValue.isEmpty() && HttpHeaders::count(delivery.headerList(), "Authorization") > 0;
    const DeliveryReplay::Result replay = DeliveryReplay::asReceived(
        delivery, base, placeholder ? QByteArray(StoredDelivery::RedactedValue) : authorizationValue);
    if (problem)
        *problem = replay.problem;
    if (!replay.ok())
        return {};
    const DeliveryRequest& r = replay.request;

    const bool withBody = !r.body.isEmpty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH";
    const bool inlineBody = withBody && r.body.size() <= Limits::MaxCurlInlineBodyBytes && isPlainText(r.body, true);

    QStringList first {QStringLiteral("curl --http1.1 --path-as-is --globoff")};
    if (withBody && r.method != "POST")
        first << QStringLiteral("-X") << shellWord(r.method);
    else if (!withBody && r.method == "HEAD")
        first << QStringLiteral("--head");
    else if (!withBody && r.method != "GET")
        first << QStringLiteral("-X") << shellWord(r.method);
    const QByteArray origin
        = r.url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    // curl cuts a URL at '#'; --request-target sends the target as given instead.
    if (r.exactTarget.contains('#'))
        first << QStringLiteral("--request-target") << shellWord(r.exactTarget) << shellWord(origin);
    else
        first << shellWord(origin + r.exactTarget);

    QStringList lines {first.join(QLatin1Char(' '))};
    for (const auto& [name, value] : r.headers) {
        // "Name;" is curl's way to send a field with an empty value ("Name:" would remove the field).
        lines << QStringLiteral("-H ")
                + shellWord(value.isEmpty() ? QByteArray(name + ';') : QByteArray(name + ": " + value));
    }
    QStringList off;
    QList<QByteArray> added {"User-Agent", "Accept"};
    if (withBody)
        added << "Content-Type"
              << "Expect";
    for (const QByteArray& name : std::as_const(added)) {
        if (!hasField(r.headers, name))
            off << QStringLiteral("-H ") + shellWord(QByteArray(name + ':'));
    }
    if (!off.isEmpty())
        lines << off.join(QLatin1Char(' '));

    QString prefix;
    if (inlineBody) {
        lines << QStringLiteral("--data-raw ") + singleQuoted(r.body);
    } else if (withBody) {
        prefix = QStringLiteral("printf ") + printfFormat(r.body) + QStringLiteral(" |\n  ");
        lines << QStringLiteral("--data-binary @-");
    }
    return prefix + lines.join(QStringLiteral(" \\\n  ")) + QLatin1Char('\n');
}
