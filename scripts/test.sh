#!/usr/bin/env bash
# Installs everything the tests need, builds RelayDesk and runs the whole
# CTest suite (unit tests and integration tests with real Postfix, swaks,
# curl, smtplib, aiosmtpd and gnome-keyring, all on loopback).
# Extra arguments go to ctest, e.g. scripts/test.sh -L smtp
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh
cd "${BUILD_DIR:-build}"
exec ctest --output-on-failure --timeout 900 "$@"
