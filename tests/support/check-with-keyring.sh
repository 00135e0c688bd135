#!/usr/bin/env bash
# Checks with-keyring.sh itself: with a working keyring the command runs with a throw-away HOME and the daemon
# ends with the run; when the daemon fails, says nothing, leaves the Secret Service unanswered or stays locked,
# the wrapper stops with exit status 2 and a sentence, and the command never runs. Every scenario uses a private
# bus that activates nothing, so only the daemon the wrapper started can answer.
#
#   usage: check-with-keyring.sh PATH/TO/with-keyring.sh
set -euo pipefail

wrapper=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

cat > "$work/bus.conf" << 'EOF'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF

# A stand-in for gnome-keyring-daemon, earlier on PATH; FAKE_KEYRING picks how it misbehaves.
mkdir -p "$work/bin"
real_daemon=$(command -v gnome-keyring-daemon)
cat > "$work/bin/gnome-keyring-daemon" << EOF
#!/usr/bin/env bash
case "\$FAKE_KEYRING" in
    fails) echo "cannot start: planted failure" >&2; exit 1 ;;
    silent) exit 0 ;;
    nobus) echo "GNOME_KEYRING_CONTROL=\$HOME/.cache/keyring-fake"; exec sleep 60 ;;
    locked)
        # A login keyring made earlier with another password: the wrapper's password cannot unlock it.
        mkdir -p "\$XDG_DATA_HOME/keyrings"
        cp "$work/other/.local/share/keyrings/login.keyring" "\$XDG_DATA_HOME/keyrings/"
        exec "$real_daemon" "\$@" ;;
esac
exit 3
EOF
chmod +x "$work/bin/gnome-keyring-daemon"

run() {
    # The bus daemon's own complaints (fd limits) are not the wrapper's.
    dbus-run-session --config-file="$work/bus.conf" -- "$wrapper" "$@" 2> >(grep -v '^dbus-daemon\[' >&2)
}

expect_refusal() {
    local mode=$1 sentence=$2 output status
    status=0
    output=$(FAKE_KEYRING=$mode PATH="$work/bin:$PATH" run sh -c 'echo the-command-ran' 2>&1) || status=$?
    if [ "$status" -ne 2 ] || [[ "$output" != *"with-keyring.sh: $sentence"* ]] || [[ "$output" == *the-command-ran* ]]; then
        echo "FAIL ($mode): expected exit status 2 and \"$sentence\" without running the command; got $status:" >&2
        echo "$output" >&2
        failures=$((failures + 1))
    else
        echo "ok ($mode): $(grep 'with-keyring.sh:' <<< "$output")"
    fi
}

# A working keyring: the command runs with the wrapper's HOME and control directory; the daemon ends with it.
status=0
output=$(run sh -c 'echo "home=$HOME"; echo "control=$GNOME_KEYRING_CONTROL"' 2>&1) || status=$?
home=$(sed -n 's/^home=//p' <<< "$output")
control=$(sed -n 's/^control=//p' <<< "$output")
if [ "$status" -ne 0 ] || [ -z "$home" ] || [[ "$control" != "$home"/* ]]; then
    echo "FAIL (working keyring): expected the command to run inside the throw-away HOME; got $status:" >&2
    echo "$output" >&2
    failures=$((failures + 1))
else
    leaked=
    for environ in /proc/[0-9]*/environ; do
        if { tr '\0' '\n' < "$environ"; } 2> /dev/null | grep -qx "HOME=$home"; then
            leaked+=" $(basename "$(dirname "$environ")")"
        fi
    done
    if [ -n "$leaked" ]; then
        echo "FAIL (working keyring): processes of the run outlived it:$leaked" >&2
        failures=$((failures + 1))
    else
        echo "ok (working keyring): the command ran in $home and nothing of the run is left"
    fi
fi

expect_refusal fails "the keyring daemon failed to start"
expect_refusal silent "the keyring daemon failed to start"
expect_refusal nobus "the Secret Service did not answer on the session bus"

# The keyring of another password, made with the real daemon in a bus of its own.
mkdir -p "$work/other/.local/share/keyrings"
HOME="$work/other" XDG_DATA_HOME="$work/other/.local/share" dbus-run-session --config-file="$work/bus.conf" -- \
    bash -c 'printf other-password | gnome-keyring-daemon --foreground --unlock --components=secrets > /dev/null &
        pid=$!
        for _ in $(seq 100); do [ -f "$HOME/.local/share/keyrings/login.keyring" ] && break; sleep 0.1; done
        kill $pid' 2> /dev/null
if [ ! -f "$work/other/.local/share/keyrings/login.keyring" ]; then
    echo "FAIL (locked): could not make a keyring with another password to try" >&2
    failures=$((failures + 1))
else
    expect_refusal locked "the throw-away keyring did not unlock"
fi

exit $((failures > 0))
