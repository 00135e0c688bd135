#!/usr/bin/env bash
# Bulk import benchmark: adding 2,000 domains, each with its API key in the keychain, through the app's
# DomainStore::addBulk() beside the path it replaced (one DomainStore::add() after another) and beside the
# floor, 2,000 bare QtKeychain writes one after the other; then what the store costs without a keychain, and how
# the number of writes in flight changes the app's path and the Secret Service itself. Every run is a fresh
# process in a D-Bus session and gnome-keyring of its own (tests/support/with-keyring.sh), so no run starts with
# another's entries in the keyring.
#
# Usage: benchmarks/run-bulk-import-benchmark.sh [build-dir] [--domains N] [--sweep-domains N] [--in-flight LIST]
#        defaults: build, 2000 domains, 500 for the in-flight sweep, in flight 1,4,8,16
# Exit status: 0 when every run stored every key, 1 when one did not, 2 when the benchmark could not run.

set -euo pipefail
export LC_ALL=C

build_dir=build
if [[ $# -gt 0 && $1 != -* ]]; then
    build_dir=$1
    shift
fi
domains=2000
sweep_domains=500
in_flight=1,4,8,16
while [[ $# -gt 0 ]]; do
    case $1 in
    --domains) domains=$2; shift 2 ;;
    --sweep-domains) sweep_domains=$2; shift 2 ;;
    --in-flight) in_flight=$2; shift 2 ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
keyring="$here/../tests/support/with-keyring.sh"
build_dir=$(readlink -f "$build_dir" || echo "$build_dir")
bench="$build_dir/benchmarks/bench-bulk-import"
if [[ ! -x $bench ]]; then
    echo "$0: no bench-bulk-import in $build_dir; build it first (cmake --build $build_dir --target bench-bulk-import)." >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" > /dev/null; then
        echo "$0: $tool is not installed (packaging/install-deps.sh installs it)." >&2
        exit 2
    fi
done
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2> /dev/null || true)
echo "build type: ${build_type:-none set}; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

status=0
rows=()
# run LABEL MODE DOMAINS [IN-FLIGHT]: one process, one table row.
run() {
    local label=$1 mode=$2 n=$3 k=${4:-}
    local args=(--mode "$mode" --domains "$n")
    [[ -n $k ]] && args+=(--in-flight "$k")
    echo "running: $label ($n domains${k:+, $k in flight})" >&2
    local out code=0
    if [[ $mode == memory-* ]]; then
        out=$("$bench" "${args[@]}" 2> /dev/null) || code=$?
    else
        out=$(dbus-run-session -- "$keyring" "$bench" "${args[@]}" 2> /dev/null) || code=$?
    fi
    if [[ $code -ne 0 ]]; then
        echo "$0: $label ended with status $code" >&2
        [[ $code -eq 1 && $status -eq 0 ]] && status=1
        [[ $code -ne 1 ]] && status=2
    fi
    local wall ok failed first last cpu keyring_cpu
    wall=$(sed -n 's/^wall_ms=//p' <<< "$out")
    ok=$(sed -n 's/^ok=//p' <<< "$out")
    failed=$(sed -n 's/^failed=//p' <<< "$out")
    first=$(sed -n 's/^first_ms=//p' <<< "$out")
    last=$(sed -n 's/^last_ms=//p' <<< "$out")
    cpu=$(sed -n 's/^cpu_ms=//p' <<< "$out")
    keyring_cpu=$(sed -n 's/^keyring_cpu_ms=//p' <<< "$out")
    if [[ -z $wall ]]; then
        rows+=("| $label | $n | ${k:--} | failed to run | | | | | | |")
        return 0
    fi
    echo "  $(grep -E '^[a-z_]+=-?[0-9]+$' <<< "$out" | tr '\n' ' ')" >&2
    local keyring_s=-
    [[ $keyring_cpu -ge 0 ]] && keyring_s=$(awk -v v="$keyring_cpu" 'BEGIN { printf "%.1f", v / 1000 }')
    rows+=("$(awk -v label="$label" -v n="$n" -v k="${k:--}" -v wall="$wall" -v ok="$ok" -v failed="$failed" \
        -v first="$first" -v last="$last" -v cpu="$cpu" -v kc="$keyring_s" -v tenth="$((n / 10))" 'BEGIN {
        printf "| %s | %d | %s | %.1f | %.0f | %.1f | %.1f | %.1f | %s | %d/%d |", label, n, k, wall / 1000,
            n / (wall / 1000), first / tenth, last / tenth, cpu / 1000, kc, ok, ok + failed }')")
    if [[ -z $k ]]; then
        printf -v "wall_${mode//-/_}" '%s' "$wall"
    fi
}

run "app: DomainStore::addBulk" app "$domains"
run "before: DomainStore::add, one after another" one-at-a-time "$domains"
run "floor: bare QtKeychain writes, one after another" keychain "$domains"
run "app, memory backend (no keychain)" memory-app "$domains"
run "before, memory backend (no keychain)" memory-one-at-a-time "$domains"
IFS=, read -r -a sweep <<< "$in_flight"
for k in "${sweep[@]}"; do
    run "app, writes in flight" app "$sweep_domains" "$k"
done
for k in "${sweep[@]}"; do
    run "Secret Service CreateItem, no QtKeychain" secret-service "$sweep_domains" "$k"
done

echo
echo "| run | domains | in flight | wall, s | domains/s | ms per domain, first tenth | ms per domain, last tenth | client CPU, s | keyring CPU, s | stored |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
if [[ -n ${wall_app:-} && -n ${wall_one_at_a_time:-} && -n ${wall_keychain:-} ]]; then
    awk -v app="$wall_app" -v before="$wall_one_at_a_time" -v floor="$wall_keychain" 'BEGIN {
        printf "app: %.2fx the time of the path it replaced, %.2fx the time of bare sequential QtKeychain writes\n",
            app / before, app / floor }'
fi
exit $status
