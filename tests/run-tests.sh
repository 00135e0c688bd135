#!/usr/bin/env bash
# Builds everything (warnings are errors) and runs every test headless: the "default" preset of
# CMakePresets.json, in build/. The README's test command; arguments go to ctest (e.g. -R tst_Cli).
# DW_BUILD_DIR=<dir> configures the same preset in another directory and builds and tests that one.
# The keychain test starts its own D-Bus session and throw-away gnome-keyring; nothing touches the user's
# real keychain or settings.
set -euo pipefail

build=${DW_BUILD_DIR:+$(realpath -m "$DW_BUILD_DIR")}
cd "$(dirname "$0")/.."

if [ -z "$build" ]; then
    cmake --preset default
    cmake --build --preset default --parallel "$(nproc)"
    ctest --preset default --parallel "$(nproc)" "$@"
else
    # A build preset names its configure preset's directory, so another directory is built by path.
    cmake --preset default -B "$build"
    cmake --build "$build" --parallel "$(nproc)"
    ctest --preset default --test-dir "$build" --parallel "$(nproc)" "$@"
fi
