#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test headless. The README's test command.
# The keychain test starts its own D-Bus session and throw-away gnome-keyring; nothing touches the user's
# real keychain or settings.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${DW_BUILD_DIR:-$root/build}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDW_WARNINGS_AS_ERRORS=ON
cmake --build "$build" --parallel "$(nproc)"
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
