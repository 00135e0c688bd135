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

ExitCode exitCodeFor(SecretStore::Result::Status status)
{
    using Status = SecretStore::Result::Status;
    switch (status) {
    case Status::Ok:
        return ExitCode::Ok;
    case Status::TimedOut:
        return ExitCode::KeychainTimeout;
    case Status::NotFound:
    case Status::Unavailable:
    case Status::Failed:
        return ExitCode::Failure;
    }
    return ExitCode::Failure;
}
