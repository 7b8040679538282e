#!/usr/bin/env bash
# Make sure a Chromium for the browser tests exists. Playwright cannot download its own browser on
# these machines, so use Debian's package; install it when running as root, else say how.
set -euo pipefail
for candidate in "${CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then exit 0; fi
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Chromium found. Install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM=/path/to/chromium." >&2
exit 1
