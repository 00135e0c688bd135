#!/usr/bin/env bash
# Runs every libFuzzer target of a DW_FUZZ build for a fixed time each, under ASan and UBSan.
#
#   tests/fuzz/run-fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]
#
# Each target starts from a scratch copy of its seed corpus and saved regressions, so the committed corpus
# never grows. Findings (crash-*, leak-*, timeout-*, oom-*) and each target's log stay in BUILD_DIR/fuzz-findings.
# Every target runs even after one fails; the script then exits 1 and names each finding.
set -euo pipefail

if [ $# -lt 2 ] || ! [[ $2 =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
    echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET [TARGET...]" >&2
    exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
manifest=$build/tests/fuzz/fuzz-targets.txt
if [ ! -f "$manifest" ]; then
    echo "run-fuzzers: $manifest is missing: configure $build with -DDW_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++" >&2
    exit 2
fi

# Symbolized stacks need llvm-symbolizer; Debian names it with the LLVM version when the unversioned link is absent.
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && ! command -v llvm-symbolizer >/dev/null; then
    for candidate in /usr/bin/llvm-symbolizer-*; do
        [ -x "$candidate" ] && export ASAN_SYMBOLIZER_PATH=$candidate
    done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:check_initialization_order=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

findings=$build/fuzz-findings
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

failed=()
ran=0
while read -r name max_len dict; do
    case "$name" in '' | '#'*) continue ;; esac
    if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
        continue
    fi
    program=$build/tests/fuzz/fuzz_$name
    if [ ! -x "$program" ]; then
        echo "run-fuzzers: $program is not built (cmake --build $build)" >&2
        exit 2
    fi
    corpus=$scratch/$name
    mkdir -p "$corpus"
    cp "$here/corpus/$name"/* "$corpus"/
    if [ -d "$here/regressions/$name" ]; then
        cp "$here/regressions/$name"/* "$corpus"/
    fi
    rm -rf "${findings:?}/$name"
    mkdir -p "$findings/$name"
    log=$findings/$name.log
    options=(-max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="$findings/$name/")
    if [ "$dict" != "-" ]; then
        options+=(-dict="$here/$dict")
    fi

    echo "== fuzz_$name: ${seconds}s, -max_len=$max_len, $(find "$corpus" -type f | wc -l) seeds"
    status=0
    # libFuzzer stops itself after max_total_time; the outer limit only catches a run that never returns.
    timeout --kill-after=30 $((seconds + 300)) "$program" "${options[@]}" "$corpus" >"$log" 2>&1 || status=$?
    ran=$((ran + 1))
    if [ "$status" -eq 0 ]; then
        awk '/^stat::number_of_executed_units/ { runs = $2 } /^stat::new_units_added/ { added = $2 }
            /^stat::peak_rss_mb/ { rss = $2 } / cov: / { for (i = 1; i < NF; ++i) if ($i == "cov:") cov = $(i + 1) }
            END { printf "   ok: %s runs, %s new inputs, %s coverage points, peak RSS %s MB\n",
                runs, added, cov, rss }' "$log"
        continue
    fi

    failed+=("$name")
    echo "!! fuzz_$name FAILED (exit $status). The end of its log ($log):"
    grep -v -E '^(#[0-9]+|INFO:)' "$log" | tail -n 60 | sed 's/^/   | /'
    artifacts=$(find "$findings/$name" -type f | sort)
    if [ -z "$artifacts" ]; then
        [ "$status" -eq 124 ] && echo "!! fuzz_$name did not stop after ${seconds}s and was killed."
        echo "!! fuzz_$name left no input file; see the log above."
    else
        while read -r artifact; do
            echo "!! input that fails: $artifact"
            echo "   reproduce: $program $artifact"
            echo "   keep it as a test: copy it to tests/fuzz/regressions/$name/ under a name that says what it is"
        done <<<"$artifacts"
    fi
done <"$manifest"

if [ "$ran" -eq 0 ]; then
    echo "run-fuzzers: no target matched: $*" >&2
    exit 2
fi
if [ ${#failed[@]} -gt 0 ]; then
    echo "run-fuzzers: ${#failed[@]} of $ran target(s) found a problem: ${failed[*]}" >&2
    exit 1
fi
echo "run-fuzzers: $ran target(s) ran ${seconds}s each without a finding"
