#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing Daily Webhooks needs.
# This script is the only way dependencies arrive: CI calls it, and so does the README's quick start.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build clang-format git
    # the fuzz build (tests/fuzz): clang, its libFuzzer and sanitizer runtimes, llvm-symbolizer for stack traces
    clang libclang-rt-14-dev llvm
    # Qt 6.4 from Debian: Widgets, Network, Test, HttpServer, Sql (SQLite), Svg, translations
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    libgl-dev libvulkan-dev
    # OS keychain through the Secret Service
    qtkeychain-qt6-dev gnome-keyring dbus
    # headless runs, screenshots and packaging checks
    xvfb xauth desktop-file-utils appstream openssl groff-base curl
    # running the copied verification code against the signature vectors (tests/verify): Python and Node.js;
    # Go (golang-go, about 330 MB) is left out, so that check reports itself as skipped
    python3 nodejs
)

run_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
run_as_root apt-get update -qq
run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
