#!/usr/bin/env bash
# Runs a command against a Secret Service that never answers (hanging-secret-service), as a locked keyring
# waiting for its password does. Call it inside `dbus-run-session --`, so the stand-in owns
# org.freedesktop.secrets on a private session bus and the real keychain is never involved.
#
#   usage: with-hanging-keychain.sh [--keep-dirs] PATH/TO/hanging-secret-service COMMAND [ARGUMENTS...]
#
# The command gets a temporary HOME and XDG directories, unless --keep-dirs: then it keeps the caller's, for a
# test that already chose its own.
set -euo pipefail

keep_dirs=false
if [ "${1:-}" = --keep-dirs ]; then
    keep_dirs=true
    shift
fi

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-hanging-keychain.sh: run me inside dbus-run-session" >&2
    exit 2
fi
if [ $# -lt 2 ]; then
    echo "usage: with-hanging-keychain.sh [--keep-dirs] PATH/TO/hanging-secret-service COMMAND [ARGUMENTS...]" >&2
    exit 2
fi
standin=$1
shift

work=$(mktemp -d)
ready="$work/ready"
mkfifo "$ready"
"$standin" > "$ready" &
standin_pid=$!
trap 'kill "$standin_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
if ! $keep_dirs; then
    export HOME="$work"
    export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
fi
unset XDG_RUNTIME_DIR GNOME_KEYRING_CONTROL

# The stand-in must own the name before anyone asks for it: a call to an unowned name would make the bus start
# the real gnome-keyring instead.
if ! read -r -t 10 line < "$ready" || [ "$line" != ready ]; then
    echo "with-hanging-keychain.sh: the stand-in did not start" >&2
    exit 2
fi

"$@"
