#include "SignatureHeaders.h"

#include <QRegularExpression>

SignatureHeaders SignatureHeaders::fromPastedText(const QString& text)
{
    // The name, an optional closing quote, a separator (":", "=", "=>", or a tab as tables copy it; not a bare
    // space, which prose has), an optional opening quote, then the value up to a quote, white space or a list's
    // punctuation. Base64 has no such characters; '=' stays in the value, so "sha256=…" and padding are kept.
    static const QRegularExpression field(
        QStringLiteral("x[-_]webhook[-_](timestamp|signature)[\"']?[ \\t]*(?:=>|[:=]|\\t)[ \\t]*[\"']?"
                       "([^\"'\\s,;\\]\\}\\)]+)"),
        QRegularExpression::CaseInsensitiveOption);
    SignatureHeaders found;
    QRegularExpressionMatchIterator it = field.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        QByteArray& slot = match.captured(1).compare(QLatin1String("timestamp"), Qt::CaseInsensitive) == 0
            ? found.timestamp
            : found.signature;
        if (slot.isEmpty())
            slot = match.captured(2).toUtf8();
    }
    return found;
}
