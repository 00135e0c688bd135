#!/usr/bin/env bash
# Runs a command against a throw-away Secret Service: a temporary HOME with an unlocked gnome-keyring.
# Call it inside `dbus-run-session --`, so the keyring lives on a private session bus and never touches the
# user's real keychain.
set -euo pipefail

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-keyring.sh: run me inside dbus-run-session" >&2
    exit 2
fi

export HOME
HOME=$(mktemp -d)
trap 'kill "${GNOME_KEYRING_PID:-}" 2>/dev/null || true; rm -rf "$HOME"' EXIT
mkdir -p "$HOME/.local/share/keyrings" "$HOME/.cache" "$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
unset XDG_RUNTIME_DIR

# A fixed password for a keyring that exists only for this run.
eval "$(echo -n throwaway | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

"$@"
