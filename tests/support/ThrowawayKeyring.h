#pragma once

#include <QString>

// Tests that write to the keychain run inside support/with-keyring.sh: a throw-away gnome-keyring on a private
// session bus and a temporary HOME. Outside it they would touch the user's real keychain and settings, so they
// refuse to run; and they fail, never skip, so a CI without the keyring cannot pass by testing nothing.
class ThrowawayKeyring
{
public:
    // Empty inside the wrapper; otherwise the sentence that says why this test cannot run and how to run it.
    static QString problem();
};
