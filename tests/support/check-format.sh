#!/usr/bin/env bash
# Checks that every C++ source under src/, tests/ and benchmarks/ of a source tree is clang-formatted,
# using the .clang-format at the root of that tree. Changes nothing.
#
#   usage: check-format.sh [ROOT]     (ROOT defaults to the current directory)
#
# In a git work tree the files are the tracked and the untracked-but-not-ignored ones; elsewhere, all of them.
# Exit status: 0 when every file is formatted, 1 when some are not, 2 on a usage or setup error.
set -euo pipefail

root=${1:-.}
if [ ! -d "$root" ]; then
    echo "check-format: '$root' is not a directory" >&2
    exit 2
fi
cd "$root"

clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null 2>&1; then
    echo "check-format: $clang_format not found; install clang-format (packaging/install-deps.sh does it)" >&2
    exit 2
fi
if [ ! -f .clang-format ]; then
    echo "check-format: no .clang-format in $(pwd)" >&2
    exit 2
fi

dirs=(src tests benchmarks)
files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    while IFS= read -r -d '' f; do
        # git also lists files that were deleted from the work tree but not from the index
        [ -f "$f" ] && files+=("$f")
    done < <(git ls-files -z --cached --others --exclude-standard -- \
        'src/*.h' 'src/*.cpp' 'tests/*.h' 'tests/*.cpp' 'benchmarks/*.h' 'benchmarks/*.cpp' | sort -zu)
else
    existing=()
    for d in "${dirs[@]}"; do
        [ -d "$d" ] && existing+=("$d")
    done
    if [ ${#existing[@]} -gt 0 ]; then
        while IFS= read -r -d '' f; do
            files+=("$f")
        done < <(find "${existing[@]}" -type f \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z)
    fi
fi

unformatted=()
for f in "${files[@]}"; do
    if ! out=$("$clang_format" --style=file --dry-run --Werror "$f" 2>&1); then
        # A violation is reported as a -Wclang-format-violations diagnostic; anything else means clang-format
        # could not check the file at all (for example an option in .clang-format this version does not know).
        if ! grep -q -- '-Wclang-format-violations' <<<"$out"; then
            echo "check-format: $clang_format failed on $f:" >&2
            printf '%s\n' "$out" | head -n 5 >&2
            exit 2
        fi
        unformatted+=("$f")
    fi
done

if [ ${#unformatted[@]} -gt 0 ]; then
    echo "check-format: ${#unformatted[@]} of ${#files[@]} files are not clang-formatted:"
    printf '  %s\n' "${unformatted[@]}"
    echo "fix with: clang-format -i <file>..."
    exit 1
fi
echo "${#files[@]} files formatted"
