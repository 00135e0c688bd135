#!/usr/bin/env bash
# Receiver benchmarks (PRODUCT.md, "Numbers we hold ourselves to"; issue "The testing lab"):
#  1. bench-receiver: deliveries per second stored and verified by the Receiver on loopback, beside a bare
#     QHttpServer that answers 200 without storing, same client, same run (target: at least 0.5x); afterwards every
#     delivery sent must be in the receiver's database once, with its type and verdict, or the run fails.
#  2. bench-delivery-store: the RSS of a process that opens a store of 100,000 realistic deliveries and reads it as
#     the list does (count, first page, type, verdict and text filters, last page, one row whole), beside the same
#     steps on an empty store, and the time of each step.
#
# Usage: benchmarks/run-receiver-benchmark.sh [build-dir] [--rounds N] [--requests N] [--warmup N] [--connections N]
#                                             [--rows N] [--store-rounds N] [--only throughput|store]
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
while [[ $# -gt 0 ]]; do
    case $1 in
    --rounds | --requests | --warmup | --connections) receiver_args+=("$1" "$2"); shift 2 ;;
    --rows) store_args+=(--rows "$2"); shift 2 ;;
    --store-rounds) store_args+=(--rounds "$2"); shift 2 ;;
    --only) only=$2; shift 2 ;;
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
if [[ $only != store ]]; then
    "$throughput" "${receiver_args[@]}" || status=$?
fi
if [[ $only != throughput ]]; then
    code=0
    "$store" "${store_args[@]}" || code=$?
    [[ $code -gt $status ]] && status=$code
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit $status
