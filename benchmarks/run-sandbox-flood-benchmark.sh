#!/usr/bin/env bash
# Sandbox flood: peak memory of a `daily-webhooks-sandbox` process while several clients at once each POST a large
# body as fast as they can (curl without `Expect: 100-continue`, so nothing waits for the server's word before
# sending). Three rounds, each against a fresh sandbox: an unknown API key, the demo key, and the demo webhook
# endpoint (no key). The figure is the server's VmHWM from /proc, beside its VmHWM at idle before the round.
#
# Usage: benchmarks/run-sandbox-flood-benchmark.sh [build-dir] [clients] [body-MiB]     (defaults: build, 5, 100)
# Exit status: 0 when it ran, 2 when it could not.

set -euo pipefail
export LC_ALL=C

usage()
{
    echo "usage: $0 [build-dir] [clients] [body-MiB]" >&2
    exit 2
}

[[ $# -le 3 ]] || usage
build_dir=${1:-build}
clients=${2:-5}
body_mib=${3:-100}
[[ $clients =~ ^[1-9][0-9]*$ && $body_mib =~ ^[1-9][0-9]*$ ]] || usage
sandbox="$build_dir/src/sandbox/daily-webhooks-sandbox"
if [[ ! -x $sandbox ]]; then
    echo "$0: no daily-webhooks-sandbox in $build_dir/src/sandbox; build it first (cmake --build $build_dir)." >&2
    exit 2
fi
command -v curl > /dev/null || { echo "$0: curl is needed (Debian package curl)." >&2; exit 2; }

work=$(mktemp -d)
server_pid=
cleanup()
{
    [[ -n $server_pid ]] && kill "$server_pid" 2> /dev/null && wait "$server_pid" 2> /dev/null
    rm -rf "$work"
}
trap cleanup EXIT

head -c $((body_mib * 1024 * 1024)) /dev/zero > "$work/body"

hwm_kib()
{
    awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

# Starts a sandbox on a free port; sets server_pid and port.
start_sandbox()
{
    rm -f "$work/out" # so the previous round's port is never read
    "$sandbox" --port 0 > "$work/out" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        port=$(sed -n 's|^Daily sandbox listening on http://127.0.0.1:\([0-9]*\)/v1$|\1|p' "$work/out" 2> /dev/null)
        [[ -n $port ]] && return 0
        sleep 0.1
    done
    echo "$0: the sandbox did not start:" >&2
    cat "$work/out" >&2
    exit 2
}

stop_sandbox()
{
    kill "$server_pid" 2> /dev/null || true
    wait "$server_pid" 2> /dev/null || true
    server_pid=
}

# round NAME PATH AUTHORIZATION-HEADER
round()
{
    local name=$1 path=$2 auth=$3
    start_sandbox
    local idle
    idle=$(hwm_kib "$server_pid")
    local start=$EPOCHREALTIME
    local pids=()
    for i in $(seq "$clients"); do
        curl -s -o /dev/null -w '%{http_code}\n' -X POST -T "$work/body" -H 'Expect:' \
            -H 'Content-Type: application/json' ${auth:+-H "$auth"} --max-time 120 \
            "http://127.0.0.1:$port$path" > "$work/status.$i" 2> /dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do
        wait "$pid" || true
    done
    local end=$EPOCHREALTIME
    local peak
    peak=$(hwm_kib "$server_pid")
    local statuses
    statuses=$(cat "$work"/status.* | sort | uniq -c | awk '{ printf "%s%sx%s", sep, $1, $2; sep = " " }')
    rm -f "$work"/status.*
    stop_sandbox
    awk -v name="$name" -v idle="$idle" -v peak="$peak" -v start="$start" -v end="$end" -v answers="$statuses" \
        'BEGIN { printf "%-28s idle %7.1f MiB   peak %7.1f MiB   %5.1f s   answers: %s\n", name, idle / 1024,
                 peak / 1024, end - start, answers }'
}

echo "$clients clients at once, each POSTing $body_mib MiB (curl, no Expect: 100-continue):"
round "unknown key, /v1/webhooks" /v1/webhooks 'Authorization: Bearer not-a-key'
round "demo key, /v1/webhooks" /v1/webhooks 'Authorization: Bearer sandbox-demo-key'
round "no key, /demo/webhook" /demo/webhook ''
