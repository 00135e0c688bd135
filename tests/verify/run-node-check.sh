#!/usr/bin/env bash
# Runs resources/verify/verify.js against tests/verify/vectors.json with Node.
# Usage: run-node-check.sh CHECK_JS VERIFY_JS VECTORS_JSON [--plant-wrong-vector]
# Without Node it says so and exits 77, which CTest reports as "Skipped" (never as passed).
set -euo pipefail
node=$(command -v node || command -v nodejs || true)
if [ -z "$node" ]; then
    echo "SKIPPED: verify.js was NOT checked: no Node.js (node) on this machine; packaging/install-deps.sh installs it."
    exit 77
fi
exec "$node" "$@"
