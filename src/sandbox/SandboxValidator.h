#pragma once

#include <QJsonObject>
#include <QString>

class EventCatalog;

// Checks the body of a create or update request the way Daily's schema does, and words the first problem in the
// Joi style Daily's `info` texts use ("\"url\" must be a valid uri", "\"scope\" is not allowed").
class SandboxValidator
{
public:
    enum class Operation { Create, Update };

    // An empty string when the body is acceptable; otherwise the `info` of a 400 invalid-request-error.
    static QString check(const QJsonObject& body, Operation operation, const EventCatalog& catalog);

    // Request input as an answer may quote it: at most Limits::MaxEchoedRequestChars characters, then "…".
    static QString clip(const QString& input);

    // An absolute http or https URL with a host.
    static bool isAcceptableUrl(const QString& url);
};
