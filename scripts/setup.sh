#!/usr/bin/env bash
# Sets up Phonghoc on a fresh Debian 12 machine with Node 20 (as root, or with sudo):
#   1. the Debian packages (ffmpeg, chromium, postgresql, build tools) when missing;
#   2. npm packages — allowScripts approves better-sqlite3 and denies mediasoup and
#      h5p-standalone; our own postinstall then patches and builds the mediasoup worker
#      against Debian's OpenSSL 3 (skipped when the same patched binary is present);
#   3. the production build: the server (tsc) and the Lit UI (vite) into dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

bash scripts/setup-debian.sh

# npm install (not ci): it keeps an existing node_modules, so the worker is not rebuilt needlessly.
npm install --no-audit --no-fund

npm run build
echo "Phonghoc: cài đặt xong / setup done in $(( $(date +%s) - start )) s"
