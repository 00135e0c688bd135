#include "ExitCode.h"

ExitCode exitCodeFor(ApiError::Kind kind)
{
    using Kind = ApiError::Kind;
    // No default: a new kind must make the compiler ask which exit status it deserves.
    switch (kind) {
    case Kind::None:
        return ExitCode::Ok;
    case Kind::MissingApiKey:
    case Kind::InvalidApiKey:
    case Kind::AuthenticationFailed:
    case Kind::Forbidden:
        return ExitCode::Auth;
    case Kind::UnsafeBaseUrl:
        return ExitCode::Usage;
    case Kind::Redirected:
        return ExitCode::Redirect;
    case Kind::VerificationFailed:
    case Kind::Validation:
    case Kind::OneWebhookPerDomain:
    case Kind::RequestRejected:
        return ExitCode::Validation;
    case Kind::NotFound:
        return ExitCode::NotFound;
    case Kind::RateLimited:
    case Kind::ServerError:
    case Kind::StillNotDelivering:
    case Kind::InvalidResponse:
    case Kind::AnswerTooLarge:
        return ExitCode::DailySide;
    case Kind::HostNotFound:
    case Kind::ConnectionRefused:
    case Kind::Tls:
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Cancelled:
    case Kind::AnswerIncomplete:
        return ExitCode::Network;
    }
    return ExitCode::Failure;
}

ExitCode exitCodeFor(KeyProblem::Kind kind)
{
    using Kind = KeyProblem::Kind;
    switch (kind) {
    case Kind::None:
        return ExitCode::Ok;
    case Kind::UnknownDomain:
        return ExitCode::Usage;
    case Kind::NoKey:
    case Kind::UnusableKey:
    case Kind::KeychainFailed:
        return ExitCode::Auth;
    case Kind::KeychainTimedOut:
        return ExitCode::KeychainTimeout;
    }
    return ExitCode::Failure;
}

ExitCode exitCodeFor(const DeliveryResult& result)
{
    if (result.failure == DeliveryResult::Failure::UrlRefused)
        return ExitCode::Validation;
    if (result.failure != DeliveryResult::Failure::None)
        return ExitCode::Network;
    return result.accepted() ? ExitCode::Ok : ExitCode::NotAccepted;
}
