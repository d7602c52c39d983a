#!/usr/bin/env bash
# Make sure Debian's Chromium is installed (the e2e tests and the demo drive it). Playwright cannot
# download its own browser on a closed network, and Google Chrome no longer loads unpacked extensions.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium_path" ]; then exit 0; fi
echo "Chromium not found at $chromium_path; installing Debian's chromium package…" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Install it yourself: apt-get install -y chromium (or set CHROMIUM_PATH)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
"$chromium_path" --version >&2
