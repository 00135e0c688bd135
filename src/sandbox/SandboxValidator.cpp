#include "SandboxValidator.h"

#include "EventCatalog.h"
#include "Limits.h"
#include "Signature.h"
#include "WebhookDraft.h"
#include "WebhookFields.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

namespace {

// Labels can be the request's own keys and values, so they are clipped.
QString quoted(const QString& label)
{
    return QLatin1Char('"') + SandboxValidator::clip(label) + QLatin1Char('"');
}

QString oneOf(const QStringList& allowed)
{
    return QStringLiteral(" must be one of [") + allowed.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Joi's string(): a string (fromJson found a `wrongType` otherwise, null included) and, unless allowed, not empty.
QString textProblem(const QString& field, const std::optional<QString>& value, const FieldProblem* wrongType)
{
    if (wrongType)
        return quoted(field) + QStringLiteral(" must be a string");
    if (value && value->isEmpty())
        return quoted(field) + QStringLiteral(" is not allowed to be empty");
    return {};
}

QString eventTypesProblem(
    const QJsonObject& body, const WebhookDraft& draft, const FieldProblem* wrongType, const EventCatalog& catalog)
{
    const QString field = WebhookFields::EventTypes;
    if (wrongType && wrongType->item < 0)
        return quoted(field) + QStringLiteral(" must be an array");
    // Joi checks the items in order: the names before the first item that is not a string come first.
    QStringList types;
    if (wrongType) {
        const QJsonArray items = body.value(field).toArray();
        for (qsizetype i = 0; i < wrongType->item; ++i)
            types.append(items.at(i).toString());
    } else {
        types = draft.eventTypes.value_or(QStringList());
    }
    const auto label
        = [&field](qsizetype i) -> QString { return field + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'); };
    for (qsizetype i = 0; i < types.size(); ++i) {
        // Joi's own text leaves the value out; Daily's names the bad event, and people need it to fix the list.
        if (!catalog.contains(types.at(i)))
            return quoted(label(i)) + oneOf(catalog.types()) + QStringLiteral(", received ") + quoted(types.at(i));
    }
    if (wrongType)
        return quoted(label(wrongType->item)) + QStringLiteral(" must be a string");
    return {};
}

// The problem Joi reports for one field of Daily's schema, or an empty string.
QString fieldProblem(const QString& field, const QJsonObject& body, const WebhookDraft::Reading& reading,
    SandboxValidator::Operation operation, const EventCatalog& catalog)
{
    const WebhookDraft& draft = reading.draft;
    const FieldProblem* wrongType = nullptr;
    for (const FieldProblem& problem : reading.problems) {
        if (problem.field == field && problem.kind != FieldProblem::Kind::NotAllowed)
            wrongType = &problem;
    }

    if (field == WebhookFields::Url) {
        if (!body.contains(field))
            return operation == SandboxValidator::Operation::Create ? quoted(field) + QStringLiteral(" is required")
                                                                    : QString();
        QString problem = textProblem(field, draft.url, wrongType);
        if (problem.isEmpty() && !SandboxValidator::isAcceptableUrl(*draft.url))
            problem = quoted(field) + QStringLiteral(" must be a valid uri");
        return problem;
    }
    if (field == WebhookFields::BasicAuth)
        return textProblem(field, draft.basicAuth, wrongType);
    if (field == WebhookFields::RetryType) {
        static const QStringList retryTypes {WebhookDraft::CircuitBreaker, WebhookDraft::Exponential};
        if (wrongType || (draft.retryType && !retryTypes.contains(*draft.retryType)))
            return quoted(field) + oneOf(retryTypes);
        return {};
    }
    if (field == WebhookFields::EventTypes)
        return eventTypesProblem(body, draft, wrongType, catalog);
    if (field == WebhookFields::Hmac) {
        QString problem = textProblem(field, draft.hmac, wrongType);
        if (problem.isEmpty() && draft.hmac && !Signature::isValidBase64(*draft.hmac))
            problem = quoted(field) + QStringLiteral(" must be a valid base64 string");
        return problem;
    }
    // A field without rules of its own here: Daily's writable fields are strings.
    return textProblem(field, std::nullopt, wrongType);
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
    // Joi stops at the first problem and visits the schema's keys in order, then the unknown ones. The types are
    // read as the client reads them (WebhookDraft::fromJson); the words are Joi's.
    const WebhookDraft::Reading reading = WebhookDraft::fromJson(body);
    for (const QString& field : WebhookFields::writable()) {
        if (QString problem = fieldProblem(field, body, reading, operation, catalog); !problem.isEmpty())
            return problem;
    }
    for (const FieldProblem& problem : reading.problems) {
        if (problem.kind == FieldProblem::Kind::NotAllowed)
            return quoted(problem.field) + QStringLiteral(" is not allowed");
    }
    return {};
}
