#!/usr/bin/env bash
# Deliveries window benchmark (issue 8): the window's longest event-loop stall, and the 99th percentile of its
# event-loop gaps, while another process sends it 1,000 signed deliveries a second, beside its Receiver alone
# under the same load; the deliveries actually stored a second; its memory opened on 100,000 stored deliveries
# (5 pages listed, one selected) beside the same window on an empty store. Every part runs in a process of its own.
#
# Usage: benchmarks/run-deliveries-window-benchmark.sh [build-dir] [bench-deliveries-window options]
#        options: --rate N (1000), --seconds N (10), --connections N (16), --rows N (100000)
# Exit status: 0 when every target holds, 1 when one does not, 2 when the benchmark could not run.

set -euo pipefail
export LC_ALL=C

build_dir=build
if [[ $# -gt 0 && $1 != -* ]]; then
    build_dir=$1
    shift
fi
build_dir=$(readlink -f "$build_dir" || echo "$build_dir")
bench="$build_dir/benchmarks/bench-deliveries-window"
if [[ ! -x $bench ]]; then
    echo "$0: no bench-deliveries-window in $build_dir; build it first" \
        "(cmake --build $build_dir --target bench-deliveries-window)." >&2
    exit 2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2> /dev/null || true)
echo "build type: ${build_type:-none set (no optimisation); configure with -DCMAKE_BUILD_TYPE=Release for figures}" >&2
echo "uptime before: $(uptime)" >&2

# The window is drawn offscreen unless QT_QPA_PLATFORM says otherwise; Qt wants a private runtime directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

status=0
"$bench" "$@" || status=$?
echo "uptime after: $(uptime)" >&2
exit "$status"
