#!/usr/bin/env bash
# Installs everything RelayDesk needs to build, run and test on Debian 12.
# Idempotent and non-interactive; run as root (or through sudo).
#   scripts/install-deps.sh          build + run dependencies
#   scripts/install-deps.sh --test   also the real parts the test suite starts
set -euo pipefail

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-format git
  # Qt 6.4 (Core, Network, Sql + SQLite driver, Widgets, Test, Svg, Linguist)
  qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-svg-dev libqt6svg6 libgl-dev
  # the Overview's 24-hour chart (Qt Charts' CMake package needs Qt OpenGL)
  qt6-charts-dev libqt6opengl6-dev
  # Qt's own strings (OK/Cancel, file dialogs) in the user's language
  qt6-translations-l10n
  # TLS, DKIM, password hashing
  libssl-dev openssl ca-certificates
  # credentials in the OS keychain
  qtkeychain-qt6-dev
)
if [ "$want_test" = 1 ]; then
  PKGS+=(
    # real SMTP clients and upstreams
    postfix swaks libnet-ssleay-perl libio-socket-ssl-perl curl python3 python3-aiosmtpd sqlite3
    libsasl2-modules libsasl2-modules-db sasl2-bin
    # a real Secret Service for the keychain tests
    dbus dbus-x11 gnome-keyring
    # screenshots of the real windows
    xvfb openbox trayer imagemagick
    procps psmisc iproute2
    # a real DNS server on loopback for the direct-MX and MTA-STS tests
    dnsmasq-base
    # libFuzzer harnesses and the ASan/UBSan build of the suite
    clang libclang-rt-14-dev
  )
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  # Postfix is only a test upstream and benchmark reference: never configure or
  # start the system instance (the tests run private instances on loopback).
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi
echo "install-deps: all ${#PKGS[@]} packages present"
