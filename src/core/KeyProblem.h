#pragma once

#include "ApiError.h"

#include <QCoreApplication>
#include <QString>

// Why a saved domain's API key could not be had for a call: no such domain, no key stored, a key a header cannot
// carry (Domain::apiKeyProblem), a keychain that did not answer in time or refused. Never holds the key itself.
// Kind None means there was no problem.
struct KeyProblem
{
    Q_DECLARE_TR_FUNCTIONS(KeyProblem)

public:
    enum class Kind { None, UnknownDomain, NoKey, UnusableKey, KeychainTimedOut, KeychainFailed };

    Kind kind = Kind::None;
    QString domainName;
    // Domain::apiKeyProblem's sentence (UnusableKey) or the keychain's own message; never the key.
    QString detail;

    bool isProblem() const { return kind != Kind::None; }
    // One sentence for a person, naming the domain.
    QString message() const;
    // The error a call to this domain ends with instead of being sent: MissingApiKey, or InvalidApiKey for a key
    // a header cannot carry.
    ApiError toApiError() const;
};
