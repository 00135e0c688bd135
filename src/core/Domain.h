#pragma once

#include "DomainTarget.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>
#include <QUrl>

// One Daily domain the user works with. The API key is not here: it lives in the keychain under keyName()
// (or, without a keychain, in DomainStore's memory for the session), so a Domain can be copied, logged and
// persisted freely.
class Domain
{
    Q_DECLARE_TR_FUNCTIONS(Domain)

public:
    QString id; // a QUuid without braces; stable across renames, never shown
    QString name; // unique ignoring case, trimmed, one line, no comma
    QUrl baseUrl = DomainTarget::defaultBaseUrl();

    bool isValid() const { return !id.isEmpty(); }
    // The keychain entry holding this domain's API key. Tied to the id, so a rename never moves a secret.
    QString keyName() const;

    static QString newId();
    // What a name is stored as: leading and trailing spaces removed.
    static QString normalizedName(const QString& name) { return name.trimmed(); }
    // What names are compared by: the normalized name with its case folded.
    static QString foldedName(const QString& name) { return normalizedName(name).toCaseFolded(); }
    // The problem with `name` (after normalizedName) as one plain sentence, or an empty string. Names are
    // compared ignoring case; leave the domain's own current name out of `existingNames` when renaming.
    static QString nameProblem(const QString& name, const QStringList& existingNames);
    // The problem with `name` on its own, without comparing it to other names: empty, longer than
    // Limits::MaxDomainNameLength characters, a comma, a control character, an invisible formatting character
    // (bidirectional overrides and marks, zero-width spaces and joiners, soft hyphens: all of Unicode's
    // category Cf) or a code point that is unassigned, private-use or half of a surrogate pair. Never quotes
    // the name, which may be anything.
    static QString nameFormatProblem(const QString& name);
    // The sentence for a name that `existingName` already has, ignoring case.
    static QString nameTakenProblem(const QString& existingName);
    // A name read back from a hand-edited settings file, made acceptable to nameFormatProblem(): the refused
    // characters dropped (tabs and line breaks become spaces, commas too) and the rest cut to the length
    // limit. Empty when nothing usable is left.
    static QString repairedName(const QString& name);
    // The problem with an API key (after trimming) as one plain sentence that never quotes the key, or an
    // empty string. A key travels in an HTTP header, so it must be printable ASCII without spaces (0x21 to
    // 0x7E) and at most Limits::MaxApiKeyLength characters: nothing a header could be split or padded on.
    static QString apiKeyProblem(const QString& key);
    // The problem with an API base URL (UrlPolicy::apiBaseProblem), or an empty string. An empty URL means the
    // default.
    static QString baseUrlProblem(const QUrl& url);

    bool operator==(const Domain& other) const
    {
        return id == other.id && name == other.name && baseUrl == other.baseUrl;
    }
    bool operator!=(const Domain& other) const { return !(*this == other); }
};
