#include "KeyProblem.h"

QString KeyProblem::message() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::UnknownDomain:
        return tr("The domain is no longer saved.");
    case Kind::NoKey:
        return tr("No API key is stored for domain %1.").arg(domainName);
    case Kind::UnusableKey:
        return tr("The API key stored for domain %1 cannot be used. %2").arg(domainName, detail);
    case Kind::KeychainTimedOut:
        return tr("The keychain did not give the API key of domain %1: %2").arg(domainName, detail);
    case Kind::KeychainFailed:
        return tr("The keychain did not give the API key of domain %1: %2").arg(domainName, detail);
    }
    return {};
}

ApiError KeyProblem::toApiError() const
{
    if (kind == Kind::UnusableKey)
        return ApiError::invalidApiKey(detail);
    ApiError error = ApiError::missingApiKey();
    // Shown with the details: why there is no key (the keychain's own words, or that none is stored).
    error.networkDetail = kind == Kind::NoKey ? tr("no API key is stored for this domain") : message();
    return error;
}
