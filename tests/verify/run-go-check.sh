#!/usr/bin/env bash
# Runs resources/verify/verify.go against tests/verify/vectors.json with `go test`, in a throw-away module.
# Usage: run-go-check.sh VERIFY_GO VECTORS_TEST_GO VECTORS_JSON
# Without a Go toolchain it says so and exits 77, which CTest reports as "Skipped" (never as passed).
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
    echo "SKIPPED: verify.go was NOT checked: no Go toolchain (go) on this machine; install golang-go to run it."
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$1" "$work/verify.go"
cp "$2" "$work/vectors_test.go"
printf 'module dailywebhook\n\ngo 1.19\n' >"$work/go.mod"
cd "$work"
export GOCACHE="$work/cache" GOPATH="$work/gopath" GOFLAGS=-mod=mod GOTOOLCHAIN=local DW_VERIFY_VECTORS="$3"
go test -v ./...
