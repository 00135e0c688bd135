#!/usr/bin/env bash
# Retakes the README's screenshots from the real windows (the console, the create window, the test-event window, the
# signature checker and the Deliveries window), on a virtual X display, against the sandbox
# (tests/support/screenshot-tour.cpp takes each one).
# Usage: packaging/screenshots/take-screenshots.sh [build-dir]   (after the build of the README's quick start)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
tour="$build/tests/screenshot-tour"
[ -x "$tour" ] || { echo "take-screenshots: build first ($tour is missing)" >&2; exit 2; }
xvfb-run -a -s "-screen 0 1400x1000x24" "$tour" "$here"
