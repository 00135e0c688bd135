#include "Domain.h"

#include "Limits.h"
#include "UrlPolicy.h"

#include <QStringView>
#include <QUuid>

QString Domain::keyName() const
{
    return QStringLiteral("api-key/") + id;
}

QString Domain::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

namespace {

enum class CharKind { Fine, Comma, LineOrControl, Invisible, NotACharacter };

CharKind kindOf(char32_t c)
{
    // Bulk import reads one domain per `name,key` line, so a name must never break a line or a field.
    if (c == U',')
        return CharKind::Comma;
    switch (QChar::category(c)) {
    case QChar::Other_Control:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return CharKind::LineOrControl;
    case QChar::Other_Format:
        // Bidirectional overrides, isolates and marks make a name read differently from what it is
        // ("production" shown for "noitcudorp"); zero-width spaces and joiners, soft hyphens and tag
        // characters make two names that look the same differ. None belongs in a label people pick from.
        return CharKind::Invisible;
    case QChar::Other_Surrogate:
    case QChar::Other_PrivateUse:
    case QChar::Other_NotAssigned:
        return CharKind::NotACharacter;
    default:
        return CharKind::Fine;
    }
}

// Calls `visit` with each code point of `text`, and with a lone surrogate as itself (category Cs), so broken
// UTF-16 is seen rather than silently replaced. `visit` returns false to stop.
template<typename Visit>
void forEachCodePoint(QStringView text, Visit visit)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        char32_t c = ch.unicode();
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(ch, text.at(i + 1));
            ++i;
        }
        if (!visit(c))
            return;
    }
}

qsizetype codePointCount(QStringView text)
{
    qsizetype count = 0;
    forEachCodePoint(text, [&count](char32_t) {
        ++count;
        return true;
    });
    return count;
}

} // namespace

QString Domain::nameFormatProblem(const QString& name)
{
    const QString trimmed = normalizedName(name);
    if (trimmed.isEmpty())
        return tr("Enter a name for the domain.");
    if (trimmed.size() > Limits::MaxDomainNameLength && codePointCount(trimmed) > Limits::MaxDomainNameLength)
        return tr("A domain name can be at most %1 characters long.").arg(Limits::MaxDomainNameLength);
    CharKind found = CharKind::Fine;
    forEachCodePoint(trimmed, [&found](char32_t c) {
        found = kindOf(c);
        return found == CharKind::Fine;
    });
    switch (found) {
    case CharKind::Fine:
        return {};
    case CharKind::Comma:
        return tr("A domain name cannot contain a comma, because bulk import reads lines of name,key.");
    case CharKind::LineOrControl:
        return tr("A domain name must be one line of text, without tabs, line breaks or other control characters.");
    case CharKind::Invisible:
        return tr("A domain name cannot contain invisible formatting characters, such as right-to-left overrides, "
                  "direction marks or zero-width spaces.");
    case CharKind::NotACharacter:
        return tr("A domain name cannot contain unassigned or private-use characters, or half of a surrogate pair.");
    }
    return {};
}

QString Domain::nameTakenProblem(const QString& existingName)
{
    return tr("Another domain is already named \"%1\"; names must differ, ignoring case.")
        .arg(normalizedName(existingName));
}

QString Domain::nameProblem(const QString& name, const QStringList& existingNames)
{
    const QString problem = nameFormatProblem(name);
    if (!problem.isEmpty())
        return problem;
    const QString folded = foldedName(name);
    for (const QString& existing : existingNames) {
        if (foldedName(existing) == folded)
            return nameTakenProblem(existing);
    }
    return {};
}

QString Domain::repairedName(const QString& name)
{
    QString repaired;
    qsizetype kept = 0;
    forEachCodePoint(name, [&](char32_t c) {
        char32_t replacement = c;
        switch (kindOf(c)) {
        case CharKind::Fine:
            break;
        case CharKind::Comma:
        case CharKind::LineOrControl:
            replacement = U' ';
            break;
        case CharKind::Invisible:
        case CharKind::NotACharacter:
            return true;
        }
        // Leading spaces go anyway, so they do not count against the limit.
        if (kept == 0 && QChar::isSpace(replacement))
            return true;
        if (QChar::requiresSurrogates(replacement)) {
            repaired.append(QChar(QChar::highSurrogate(replacement)));
            repaired.append(QChar(QChar::lowSurrogate(replacement)));
        } else {
            repaired.append(QChar(char16_t(replacement)));
        }
        return ++kept < Limits::MaxDomainNameLength;
    });
    return normalizedName(repaired);
}

QString Domain::apiKeyProblem(const QString& key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the domain's API key (from the Developers page of the Daily dashboard).");
    if (trimmed.size() > Limits::MaxApiKeyLength) {
        return tr("The API key is longer than %1 characters; copy it again from the Developers page of the Daily "
                  "dashboard.")
            .arg(Limits::MaxApiKeyLength);
    }
    for (const QChar ch : trimmed) {
        // The key travels in an Authorization header: a space, a line break or a control character would split
        // or corrupt it, and anything beyond ASCII has no single meaning there.
        if (ch.unicode() < 0x21 || ch.unicode() > 0x7E)
            return tr("The API key must not contain spaces, line breaks, control characters or anything but ASCII "
                      "letters, digits and punctuation.");
    }
    return {};
}

QString Domain::baseUrlProblem(const QUrl& url)
{
    return url.isEmpty() ? QString() : UrlPolicy::apiBaseProblem(url);
}
