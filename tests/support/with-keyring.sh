#!/usr/bin/env bash
# Runs a command against a throw-away Secret Service: a temporary HOME with an unlocked gnome-keyring.
# Call it inside `dbus-run-session --`, so the keyring lives on a private session bus and never touches the
# user's real keychain.
#
# A keyring that does not start or does not unlock ends the run here, with a message and exit status 2: the
# command never runs without the keychain it was promised, so a test cannot pass by skipping.
set -euo pipefail

fail() {
    echo "with-keyring.sh: $*" >&2
    exit 2
}

if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    fail "run me inside dbus-run-session"
fi
if ! command -v gnome-keyring-daemon > /dev/null; then
    fail "gnome-keyring-daemon is not installed (Debian package gnome-keyring; packaging/install-deps.sh installs it)"
fi

export HOME
HOME=$(mktemp -d)
keyring_pid=
trap 'if [ -n "$keyring_pid" ]; then kill "$keyring_pid" 2>/dev/null || true; fi; rm -rf "$HOME"' EXIT
mkdir -p "$HOME/.local/share/keyrings" "$HOME/.cache" "$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share" XDG_CONFIG_HOME="$HOME/.config" XDG_CACHE_HOME="$HOME/.cache"
unset XDG_RUNTIME_DIR GNOME_KEYRING_CONTROL GNOME_KEYRING_PID

# A fixed password for a keyring that exists only for this run. In the foreground the daemon stays this script's
# child, so it is known by its process id and ended with the run (a daemonised one says no id and outlives it).
printf throwaway | gnome-keyring-daemon --foreground --unlock --components=secrets \
    > "$HOME/.keyring-env" 2> "$HOME/.keyring-err" &
keyring_pid=$!
for _ in $(seq 100); do
    grep -q '^GNOME_KEYRING_CONTROL=' "$HOME/.keyring-env" && break
    kill -0 "$keyring_pid" 2>/dev/null || break
    sleep 0.1
done
if ! grep -q '^GNOME_KEYRING_CONTROL=' "$HOME/.keyring-env"; then
    if kill -0 "$keyring_pid" 2>/dev/null; then
        fail "the keyring daemon did not say where it listens within 10 s (no GNOME_KEYRING_CONTROL)"
    fi
    wait "$keyring_pid" && status=0 || status=$?
    keyring_pid=
    fail "the keyring daemon failed to start (exit status $status): $(tr '\n' ' ' < "$HOME/.keyring-err")"
fi
GNOME_KEYRING_CONTROL=$(sed -n 's/^GNOME_KEYRING_CONTROL=//p' "$HOME/.keyring-env" | head -n 1)
export GNOME_KEYRING_CONTROL

# The daemon says where it listens before it owns its name on the bus. Asking the Secret Service before then
# would make the bus start another daemon (with the bus's own, real HOME), or fail on a bus that starts nothing.
owned=
for _ in $(seq 100); do
    if ! owned=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>&1); then
        fail "the session bus did not answer: $owned"
    fi
    [[ "$owned" == *"boolean true"* ]] && break
    kill -0 "$keyring_pid" 2>/dev/null || break
    sleep 0.1
done
if [[ "$owned" != *"boolean true"* ]]; then
    fail "the Secret Service did not answer on the session bus: the keyring daemon did not take org.freedesktop.secrets"
fi

# Its default collection must be unlocked: a locked one would make every keychain test wait for a password prompt
# nobody answers.
if ! locked=$(dbus-send --session --print-reply=literal --reply-timeout=10000 --dest=org.freedesktop.secrets \
    /org/freedesktop/secrets/aliases/default org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked 2>&1); then
    fail "the Secret Service did not answer on the session bus: $locked"
fi
case "$locked" in
    *"boolean false"*) ;;
    *) fail "the throw-away keyring did not unlock (its default collection says: $(echo $locked))" ;;
esac

"$@"
