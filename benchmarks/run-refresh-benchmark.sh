#!/usr/bin/env bash
# Refresh benchmark (PRODUCT.md, "Numbers we hold ourselves to"): the app's refresh of 1,000 sandbox domains
# beside (a) the same 1,000 GETs fired at once from a plain QNetworkAccessManager loop and (b) a sequential curl
# loop, all in one run against one sandbox process. Wall time, CPU time and peak memory of each client, each in a
# process of its own, and the longest event-loop stall of the app and of (a). Rounds alternate app and (a).
#
# Usage: benchmarks/run-refresh-benchmark.sh [build-dir] [bench-refresh options]     (default build dir: build)
#        options: --domains N (1000), --rounds N (7), --curl-rounds N (1), --max-concurrent N (16)
# Exit status: 0 when every target holds, 1 when one does not, 2 when the benchmark could not run.

set -euo pipefail
export LC_ALL=C

build_dir=build
if [[ $# -gt 0 && $1 != -* ]]; then
    build_dir=$1
    shift
fi
build_dir=$(readlink -f "$build_dir" || echo "$build_dir")
bench="$build_dir/benchmarks/bench-refresh"
sandbox="$build_dir/src/sandbox/daily-webhooks-sandbox"
if [[ ! -x $bench || ! -x $sandbox ]]; then
    echo "$0: no bench-refresh or daily-webhooks-sandbox in $build_dir; build them first" \
        "(cmake --build $build_dir --target bench-refresh)." >&2
    exit 2
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2> /dev/null || true)
echo "build type: ${build_type:-none set (no optimisation); configure with -DCMAKE_BUILD_TYPE=Release for figures}" >&2
if ! command -v curl > /dev/null; then
    echo "$0: curl is not installed (Debian package curl): the curl loop (b) is skipped." >&2
fi

# The app's child opens a window (offscreen unless QT_QPA_PLATFORM is set); Qt wants a private runtime directory.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"

"$bench" --sandbox "$sandbox" "$@"
