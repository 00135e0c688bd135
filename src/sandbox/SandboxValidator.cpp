#include "SandboxValidator.h"

#include "EventCatalog.h"
#include "Limits.h"
#include "Signature.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

namespace {

const QString kUrl = QStringLiteral("url");
const QString kBasicAuth = QStringLiteral("basicAuth");
const QString kRetryType = QStringLiteral("retryType");
const QString kEventTypes = QStringLiteral("eventTypes");
const QString kHmac = QStringLiteral("hmac");

// Labels can be the request's own keys and values, so they are clipped.
QString quoted(const QString& label)
{
    return QLatin1Char('"') + SandboxValidator::clip(label) + QLatin1Char('"');
}

// Joi's string(): the value must be a string and, unless allowed, not empty.
QString stringProblem(const QString& label, const QJsonValue& value)
{
    if (!value.isString())
        return quoted(label) + QStringLiteral(" must be a string");
    if (value.toString().isEmpty())
        return quoted(label) + QStringLiteral(" is not allowed to be empty");
    return {};
}

QString oneOf(const QStringList& allowed)
{
    return QStringLiteral(" must be one of [") + allowed.join(QStringLiteral(", ")) + QLatin1Char(']');
}

} // namespace

QString SandboxValidator::clip(const QString& input)
{
    if (input.size() <= Limits::MaxEchoedRequestChars)
        return input;
    qsizetype keep = Limits::MaxEchoedRequestChars;
    if (input.at(keep - 1).isHighSurrogate())
        --keep; // never half a character
    return input.left(keep) + QChar(0x2026);
}

bool SandboxValidator::isAcceptableUrl(const QString& text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme();
    return scheme == QLatin1String("https") || scheme == QLatin1String("http");
}

QString SandboxValidator::check(const QJsonObject& body, Operation operation, const EventCatalog& catalog)
{
    // Joi stops at the first problem and visits the schema's keys in order, then the unknown ones.
    if (!body.contains(kUrl)) {
        if (operation == Operation::Create)
            return quoted(kUrl) + QStringLiteral(" is required");
    } else {
        const QJsonValue url = body.value(kUrl);
        QString problem = stringProblem(kUrl, url);
        if (problem.isEmpty() && !isAcceptableUrl(url.toString()))
            problem = quoted(kUrl) + QStringLiteral(" must be a valid uri");
        if (!problem.isEmpty())
            return problem;
    }

    if (body.contains(kBasicAuth)) {
        const QString problem = stringProblem(kBasicAuth, body.value(kBasicAuth));
        if (!problem.isEmpty())
            return problem;
    }

    if (body.contains(kRetryType)) {
        static const QStringList retryTypes {QStringLiteral("circuit-breaker"), QStringLiteral("exponential")};
        const QJsonValue value = body.value(kRetryType);
        if (!value.isString() || !retryTypes.contains(value.toString()))
            return quoted(kRetryType) + oneOf(retryTypes);
    }

    if (body.contains(kEventTypes)) {
        const QJsonValue value = body.value(kEventTypes);
        if (!value.isArray())
            return quoted(kEventTypes) + QStringLiteral(" must be an array");
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QString label = kEventTypes + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
            if (!array.at(i).isString())
                return quoted(label) + QStringLiteral(" must be a string");
            const QString type = array.at(i).toString();
            // Joi's own text leaves the value out; Daily's names the bad event, and people need it to fix the list.
            if (!catalog.contains(type))
                return quoted(label) + oneOf(catalog.types()) + QStringLiteral(", received ") + quoted(type);
        }
    }

    if (body.contains(kHmac)) {
        const QJsonValue value = body.value(kHmac);
        QString problem = stringProblem(kHmac, value);
        if (problem.isEmpty() && !Signature::isValidBase64(value.toString()))
            problem = quoted(kHmac) + QStringLiteral(" must be a valid base64 string");
        if (!problem.isEmpty())
            return problem;
    }

    static const QStringList known {kUrl, kBasicAuth, kRetryType, kEventTypes, kHmac};
    for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
        if (!known.contains(it.key()))
            return quoted(it.key()) + QStringLiteral(" is not allowed");
    }
    return {};
}
