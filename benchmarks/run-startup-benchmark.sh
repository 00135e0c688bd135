#!/usr/bin/env bash
# Start-up benchmark (PRODUCT.md, "Numbers we hold ourselves to"): time from process start to the first painted
# window, and memory after a second at idle, for the real main window on the sandbox beside a bare QWidget of
# the same size, measured in the same run on one virtual X display. Runs alternate between the two so both
# share the machine's noise; one warm-up run of each is discarded.
#
# Usage: benchmarks/run-startup-benchmark.sh [build-dir] [runs]     (defaults: build, 15)
# Exit status: 0 when every target holds, 1 when one does not, 2 when the benchmark could not run.

set -euo pipefail
export LC_ALL=C

usage()
{
    echo "usage: $0 [build-dir] [runs]" >&2
    exit 2
}

[[ $# -le 2 ]] || usage
build_dir=${1:-build}
runs=${2:-15}
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
build_dir=$(readlink -f "$build_dir" || echo "$build_dir")
probe="$build_dir/benchmarks/bench-startup-probe"
if [[ -z $probe || ! -x $probe ]]; then
    echo "$0: no bench-startup-probe in $build_dir/benchmarks; build it first (cmake --build $build_dir)." >&2
    exit 2
fi

# One X server for the whole loop: re-run this script inside xvfb-run once.
screen="1920x1080x24"
if [[ -z ${DW_STARTUP_BENCH_IN_X:-} ]]; then
    command -v xvfb-run > /dev/null || { echo "$0: xvfb-run is needed (Debian package xvfb)." >&2; exit 2; }
    DW_STARTUP_BENCH_IN_X=1 exec xvfb-run -a -s "-screen 0 $screen" "$(readlink -f "$0")" "$build_dir" "$runs"
fi

export QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY QT_SCALE_FACTOR QT_SCREEN_SCALE_FACTORS QT_FONT_DPI
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/runtime"
mkdir -m 700 "$XDG_RUNTIME_DIR"
data="$work/figures"
: > "$data"

# run_probe <bare|app> <record:0|1>: one process; appends "mode painted launch main idle peak window" to $data.
run_probe()
{
    local mode=$1 record=$2 output
    last_output=""
    if ! output=$(DW_PROBE_LAUNCH_REALTIME=$EPOCHREALTIME "$probe" "--$mode" 2> "$work/stderr"); then
        echo "$0: the $mode probe failed:" >&2
        cat "$work/stderr" >&2
        exit 2
    fi
    last_output=$output
    local line
    line=$(awk -F= -v mode="$mode" '
        { v[$1] = $2 }
        END {
            if (v["painted_ms"] == "" || v["peak_rss_kb"] == "") exit 1
            launch = v["launch_painted_ms"] == "" ? "-" : v["launch_painted_ms"]
            print mode, v["painted_ms"], launch, v["main_ms"], v["idle_rss_kb"], v["peak_rss_kb"], v["window"]
        }' <<< "$output") || { echo "$0: unexpected probe output:" >&2; echo "$output" >&2; exit 2; }
    if [[ $record == 1 ]]; then
        echo "$line" >> "$data"
        read -r _ painted _ _ _ peak _ <<< "$line"
        printf '  run %2d  %-4s  painted %7.1f ms  peak %6d kB\n' "$run" "$mode" "$painted" "$peak" >&2
    fi
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Start-up benchmark: $runs runs of each mode on Xvfb ($screen), after one warm-up run of each" >&2
run=0
run_probe bare 0
run_probe app 0
qt_version=$(sed -n 's/^qt=//p' <<< "$last_output")
for ((run = 1; run <= runs; run++)); do
    # bare, app, then app, bare: neither mode always goes first.
    if ((run % 2)); then order="bare app"; else order="app bare"; fi
    for mode in $order; do
        run_probe "$mode" 1
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# column <mode> <field>: that figure of every recorded run of the mode, sorted ascending.
column()
{
    awk -v mode="$1" -v field="$2" '$1 == mode { print $field }' "$data" | sort -g
}

# stats <mode> <field> <divisor>: "min median max" of the figures divided by divisor.
stats()
{
    column "$1" "$2" | awk -v d="$3" '
        { if ($1 == "-") missing = 1; x[NR] = $1 / d }
        END {
            if (NR == 0 || missing) { print "- - -"; exit }
            m = NR % 2 ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2
            printf "%.1f %.1f %.1f\n", x[1], m, x[NR]
        }'
}

verdicts=0
failures=0
# row <label> <field> <divisor> <checked:0|1>: one line of the table, with the ratio of the medians.
row()
{
    local label=$1 field=$2 divisor=$3 checked=$4
    local bare app
    bare=$(stats bare "$field" "$divisor")
    app=$(stats app "$field" "$divisor")
    local line
    line=$(awk -v label="$label" -v bare="$bare" -v app="$app" -v checked="$checked" 'BEGIN {
        split(bare, b, " "); split(app, a, " ")
        if (b[2] == "-" || a[2] == "-" || b[2] <= 0) { printf "%-30s %s\n", label, "not measured"; exit }
        ratio = a[2] / b[2]
        verdict = checked ? (ratio <= 1.5 ? "PASS" : "FAIL") : "info"
        target = checked ? "<= 1.50x" : ""
        printf "%-30s %7.1f %7.1f %7.1f   %7.1f %7.1f %7.1f   %5.2fx %5.2fx  %-8s  %s\n",
            label, b[1], b[2], b[3], a[1], a[2], a[3], ratio, a[1] / b[1], target, verdict
    }')
    echo "$line"
    if [[ $checked == 1 ]]; then
        verdicts=$((verdicts + 1))
        [[ $line == *PASS ]] || failures=$((failures + 1))
    fi
}

bare_window=$(awk '$1 == "bare" { print $7 }' "$data" | sort -u | paste -sd,)
app_window=$(awk '$1 == "app" { print $7 }' "$data" | sort -u | paste -sd,)

echo
echo "Start to first painted window and memory at idle: Daily Webhooks (sandbox) beside a bare QWidget"
echo "machine: $(nproc) cores, $(uname -sr), Qt $qt_version, xcb on Xvfb $screen, software rendering"
echo "runs: $runs of each mode, alternating, after one warm-up each"
echo "load average: $load_before before, $load_after after"
echo "window: bare $bare_window, app $app_window"
echo
printf '%-30s %-23s   %-23s   %-13s  %-8s  %s\n' "" "bare QWidget" "app MainWindow" "app / bare" "" ""
printf '%-30s %7s %7s %7s   %7s %7s %7s   %6s %6s  %-8s  %s\n' \
    "figure" "min" "median" "max" "min" "median" "max" "median" "min" "target" "verdict"
row "first paint, ms from start" 2 1 1
row "first paint, ms from launch" 3 1 0
row "main() entered, ms from start" 4 1 0
row "RSS after 1 s idle, MiB" 5 1024 1
row "peak RSS (VmHWM), MiB" 6 1024 1
echo
echo "start: the kernel's start time of the process (/proc/self/stat, 10 ms ticks); launch: the runner's clock"
echo "just before it started the process. Verdicts judge the ratio of the medians; the ratio of the minimums, the"
echo "runs least disturbed by other work on the machine, is shown beside it."

if [[ $bare_window != "$app_window" ]]; then
    echo "The two windows differ in size; the comparison is not like for like." >&2
    exit 2
fi
if ((failures > 0)); then
    echo "$failures of $verdicts targets FAIL"
    exit 1
fi
echo "all $verdicts targets PASS"
