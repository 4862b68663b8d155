#!/usr/bin/env bash
# Installs the Debian 12 packages Phonghoc and its tests need, when missing.
#
# Idempotent: packages are checked with `dpkg -s` first; apt-get (update +
# install) runs only when something is missing. Non-interactive. Run as root,
# or as a user with sudo.
#
#   bash scripts/setup-debian.sh            # install what is missing
#   bash scripts/setup-debian.sh --check    # only report, exit 1 if something is missing
#
# Why each package:
#   ffmpeg            camera ingest, recording, test video sources
#   chromium          browser tests (playwright-core, executablePath /usr/bin/chromium)
#   postgresql        PostgreSQL variant of the data-layer tests / district deployments
#   libssl-dev        OpenSSL 3 headers: the mediasoup worker links the system's OpenSSL
#   python3 make g++  building the mediasoup worker (gyp) and better-sqlite3 (node-gyp)
#   fonts-noto-core   Vietnamese glyphs in screenshots and generated PDFs
#   poppler-utils     pdftotext/pdftoppm: tests read back the PDFs the archive and reports write
#   ca-certificates   TLS to the package mirrors and outbound HTTPS
#   iproute2          `ip`/`ss`: network checks of the appliance
#   patch             applying media/patches/mediasoup-3.8.4.patch
set -euo pipefail

PACKAGES=(
  ffmpeg
  chromium
  postgresql
  libssl-dev
  python3
  make
  g++
  patch
  fonts-noto-core
  poppler-utils
  ca-certificates
  iproute2
)

check_only=0
case "${1:-}" in
  --check) check_only=1 ;;
  "") ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if ! command -v dpkg >/dev/null 2>&1 || [ ! -r /etc/debian_version ]; then
  echo "setup-debian: this script is for Debian (12, bookworm); install the equivalents of: ${PACKAGES[*]}" >&2
  exit 1
fi

is_installed() {
  # `dpkg -s` also succeeds for removed-but-configured packages; check the status line.
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! is_installed "$pkg"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-debian: all packages present (${PACKAGES[*]})"
  exit 0
fi

echo "setup-debian: missing: ${missing[*]}"
if [ "$check_only" -eq 1 ]; then
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n env DEBIAN_FRONTEND=noninteractive)
  if ! sudo -n true 2>/dev/null; then
    # Password needed: let sudo ask once on the terminal.
    SUDO=(sudo env DEBIAN_FRONTEND=noninteractive)
  fi
else
  echo "setup-debian: not root and sudo is not available." >&2
  echo "  As root, run: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}"

still=()
for pkg in "${missing[@]}"; do
  is_installed "$pkg" || still+=("$pkg")
done
if [ "${#still[@]}" -ne 0 ]; then
  echo "setup-debian: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
echo "setup-debian: installed ${missing[*]}"
