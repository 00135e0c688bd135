#!/usr/bin/env bash
# Receiver benchmarks (PRODUCT.md, "Numbers we hold ourselves to"; issue "The testing lab"):
#  1. bench-receiver: deliveries per second stored and verified by the Receiver on loopback, beside a bare
#     QHttpServer that answers 200 without storing, same client, same run (target: at least 0.5x); afterwards every
#     delivery sent must be in the receiver's database once, with its type and verdict, or the run fails.
#  2. bench-delivery-store: the RSS of a process that opens a store of 100,000 realistic deliveries and reads it as
#     the list does (count, first page, type, verdict and text filters, last page, one row whole), beside the same
#     steps on an empty store, and the time of each step.
#     --compare-with runs the receiver of another build of bench-receiver (an earlier commit's) in the same rounds.
#  3. With --instructions (needs valgrind): the instructions each server executes per request (callgrind), a figure
#     that other programs running on the machine do not move: each server is run twice under callgrind, for 500
#     and for 2500 requests from the same client, and the difference is divided by 2000 (so start-up cancels out).
#
# Usage: benchmarks/run-receiver-benchmark.sh [build-dir] [--rounds N] [--requests N] [--warmup N] [--connections N]
#                                             [--rows N] [--store-rounds N] [--only throughput|store|instructions]
#                                             [--instructions] [--compare-with OTHER-BENCH-RECEIVER]
#        defaults: build, 5 rounds of 10000 deliveries after 500 warm-up, 16 connections; 100000 rows, 3 rounds
# Exit status: 0 when every target holds, 1 when one does not, 2 when a benchmark could not run.

set -euo pipefail
export LC_ALL=C

build_dir=build
if [[ $# -gt 0 && $1 != -* ]]; then
    build_dir=$1
    shift
fi
receiver_args=()
store_args=()
only=
instructions=
while [[ $# -gt 0 ]]; do
    case $1 in
    --rounds | --requests | --warmup | --connections | --compare-with) receiver_args+=("$1" "$2"); shift 2 ;;
    --rows) store_args+=(--rows "$2"); shift 2 ;;
    --store-rounds) store_args+=(--rounds "$2"); shift 2 ;;
    --only) only=$2; shift 2 ;;
    --instructions) instructions=1; shift ;;
    *) echo "$0: unknown option $1" >&2; exit 2 ;;
    esac
done
build_dir=$(readlink -f "$build_dir" || echo "$build_dir")
throughput="$build_dir/benchmarks/bench-receiver"
store="$build_dir/benchmarks/bench-delivery-store"
if [[ ! -x $throughput || ! -x $store ]]; then
    echo "$0: no bench-receiver or bench-delivery-store in $build_dir; build them first" \
        "(cmake --build $build_dir --target bench-receiver bench-delivery-store)." >&2
    exit 2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2> /dev/null || true)
echo "build type: ${build_type:-none set (no optimisation); configure with -DCMAKE_BUILD_TYPE=Release for figures}" >&2
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

status=0
if [[ $only != store && $only != instructions ]]; then
    "$throughput" "${receiver_args[@]}" || status=$?
fi
if [[ $only != throughput && $only != instructions ]]; then
    code=0
    "$store" "${store_args[@]}" || code=$?
    [[ $code -gt $status ]] && status=$code
fi

# instructions MODE REQUESTS: what the server executed in all, under callgrind, serving REQUESTS from the client.
instructions_of() {
    local mode=$1 requests=$2 log port line
    log=$(mktemp)
    coproc server { exec valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$throughput" --mode "$mode" --database "$work/instructions-$mode-$requests.sqlite" 2> "$log"; }
    read -r line <&"${server[0]}"
    port=${line#port=}
    echo go | "$throughput" --mode client --port "$port" --warmup 0 --requests "$requests" > "$work/client.out"
    # shellcheck disable=SC2154 # set by coproc
    kill -TERM "$server_PID"
    wait "$server_PID" 2> /dev/null || true
    if ! grep -q "^ok=$requests$" "$work/client.out"; then
        echo "$0: the $mode server did not answer all $requests requests 200 under callgrind" >&2
        rm -f "$log"
        return 1
    fi
    sed -n 's/.*Collected : //p' "$log" | tr -d ,
    rm -f "$log"
}

if [[ -n $instructions || $only == instructions ]]; then
    if ! command -v valgrind > /dev/null; then
        echo "$0: valgrind is not installed (Debian package valgrind): no instruction counts." >&2
        [[ $status -eq 0 ]] && status=2
    else
        work=$(mktemp -d)
        trap 'rm -rf "$work"' EXIT
        echo
        echo "Instructions per request (callgrind; the difference of 2500 and 500 requests, 16 connections):"
        declare -A per_request
        for mode in receiver gated bare; do
            if ! small=$(instructions_of "$mode" 500) || ! large=$(instructions_of "$mode" 2500); then
                status=2
                continue
            fi
            per_request[$mode]=$(((large - small) / 2000))
            printf '%-10s %9d\n' "$mode" "${per_request[$mode]}"
        done
        if [[ -n ${per_request[receiver]:-} && -n ${per_request[bare]:-} ]]; then
            awk -v r="${per_request[receiver]}" -v b="${per_request[bare]}" \
                'BEGIN { printf "receiver / bare instructions per request: %.2fx\n", r / b }'
        fi
    fi
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit $status
