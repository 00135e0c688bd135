#pragma once

#include <QList>
#include <QString>

#include <optional>

// "Copy verification code": a complete function per language that verifies a delivery as Daily signs it (raw
// body, timestamp header as received, base64-decoded secret, HMAC-SHA256, base64, constant-time comparison,
// freshness with seconds or milliseconds told apart by magnitude). The sources are resources compiled into the
// program (resources/verify/), the very files CI runs against the reference's test vectors.
class VerificationCode
{
public:
    enum class Language { Node, Python, Go };

    static QList<Language> languages();
    // The name a user types (`verify --code node`): "node", "python", "go".
    static QString name(Language language);
    // The name a user reads: "Node.js", "Python", "Go".
    static QString title(Language language);
    static std::optional<Language> fromName(const QString& name);
    // The source text, ready to paste into a file.
    static QString of(Language language);
};
