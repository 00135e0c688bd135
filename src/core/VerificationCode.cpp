#include "VerificationCode.h"

#include <QFile>

QList<VerificationCode::Language> VerificationCode::languages()
{
    return {Language::Node, Language::Python, Language::Go};
}

QString VerificationCode::name(Language language)
{
    switch (language) {
    case Language::Node:
        return QStringLiteral("node");
    case Language::Python:
        return QStringLiteral("python");
    case Language::Go:
        return QStringLiteral("go");
    }
    return {};
}

QString VerificationCode::title(Language language)
{
    switch (language) {
    case Language::Node:
        return QStringLiteral("Node.js");
    case Language::Python:
        return QStringLiteral("Python");
    case Language::Go:
        return QStringLiteral("Go");
    }
    return {};
}

std::optional<VerificationCode::Language> VerificationCode::fromName(const QString& text)
{
    for (const Language language : languages()) {
        if (name(language).compare(text.trimmed(), Qt::CaseInsensitive) == 0)
            return language;
    }
    return std::nullopt;
}

QString VerificationCode::of(Language language)
{
    QString file;
    switch (language) {
    case Language::Node:
        file = QStringLiteral("verify.js");
        break;
    case Language::Python:
        file = QStringLiteral("verify.py");
        break;
    case Language::Go:
        file = QStringLiteral("verify.go");
        break;
    }
    QFile resource(QStringLiteral(":/daily-webhooks/verify/") + file);
    // Compiled in: it opens unless the build is broken, which tst_VerificationCode catches.
    if (!resource.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(resource.readAll());
}
