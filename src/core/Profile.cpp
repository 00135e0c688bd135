#include "Profile.h"

#include "UrlPolicy.h"

#include <QUuid>

QString Profile::keyName() const
{
    return QStringLiteral("api-key/") + id;
}

QString Profile::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString Profile::nameProblem(const QString& name, const QStringList& existingNames)
{
    const QString trimmed = normalizedName(name);
    if (trimmed.isEmpty())
        return tr("Enter a name for the domain.");
    for (const QChar ch : trimmed) {
        // Bulk import reads one domain per `name,key` line, so a name must never break a line or a field.
        if (ch == QLatin1Char(','))
            return tr("A domain name cannot contain a comma, because bulk import reads lines of name,key.");
        const QChar::Category category = ch.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph)
            return tr("A domain name must fit on one line, without tabs or line breaks.");
    }
    for (const QString& existing : existingNames) {
        if (normalizedName(existing).compare(trimmed, Qt::CaseInsensitive) == 0)
            return tr("Another domain is already named \"%1\"; names must differ, ignoring case.")
                .arg(normalizedName(existing));
    }
    return {};
}

QString Profile::apiKeyProblem(const QString& key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the domain's API key (from the Developers page of the Daily dashboard).");
    for (const QChar ch : trimmed) {
        // The key travels in an Authorization header, where a space or a line break would corrupt it.
        if (ch.isSpace() || ch.category() == QChar::Other_Control)
            return tr("The API key must not contain spaces or line breaks.");
    }
    return {};
}

QString Profile::baseUrlProblem(const QUrl& url)
{
    return url.isEmpty() ? QString() : UrlPolicy::apiBaseProblem(url);
}
