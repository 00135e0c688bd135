#pragma once

#include "ApiError.h"
#include "DeliveryResult.h"
#include "KeyProblem.h"

// The exit statuses of daily-webhooks-cli, documented in its man page and its --help, so scripts can branch on
// what went wrong without parsing messages. The numbers are a public interface: never renumber them.
enum class ExitCode {
    Ok = 0,
    Failure = 1, // something unexpected on this machine: the keychain, a file, a bug
    Usage = 2, // the command line is wrong, or a name it uses does not exist
    Auth = 3, // no API key, or Daily rejected it (401, 403)
    Validation = 4, // the webhook or the input is not acceptable, locally or to Daily (the ping included)
    Network = 5, // the API could not be reached: DNS, refused, TLS, timeout
    DailySide = 6, // Daily answered, but with a 5xx, a 429 or something that is not its JSON
    NotFound = 7, // Daily has no such webhook (404)
    Redirect = 8, // the API answered with a redirect, which is never followed: the key stays with its origin
    KeychainTimeout = 9, // the keyring did not answer within --timeout: locked, waiting for its password
    NotAccepted
    = 10, // trigger, replay: the endpoint answered, but not with a 2xx (a redirect included, never followed)
};

// What a failed call to Daily means for a script. Kind::None is Ok.
ExitCode exitCodeFor(ApiError::Kind kind);
// What a saved domain's key that could not be had means for a script. Kind::None is Ok.
ExitCode exitCodeFor(KeyProblem::Kind kind);
// What one delivery sent to an endpoint (a test event, a replay) means for a script: 0 for a 2xx, 10 for another
// answer, 5 when none came, 4 when its URL was refused before sending.
ExitCode exitCodeFor(const DeliveryResult& result);
