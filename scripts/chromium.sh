#!/usr/bin/env bash
# `npm run chromium`: makes sure the browser the page tests drive is there: Debian's chromium package
# (/usr/bin/chromium), driven by playwright-core, never a browser download. Uses HUB_CHROMIUM when set;
# otherwise installs the package with apt-get when it is missing (CI and a fresh machine run as root).
set -euo pipefail

works() { [[ -x "$1" ]] && "$1" --version >/dev/null 2>&1; }

if [[ -n "${HUB_CHROMIUM:-}" ]]; then
  if works "$HUB_CHROMIUM"; then
    echo "chromium: HUB_CHROMIUM is $HUB_CHROMIUM ($("$HUB_CHROMIUM" --version))"
    exit 0
  fi
  echo "chromium: HUB_CHROMIUM=$HUB_CHROMIUM does not run" >&2
  exit 1
fi

if works /usr/bin/chromium; then
  echo "chromium: $(/usr/bin/chromium --version)"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "chromium: /usr/bin/chromium is missing and there is no apt-get; install Chromium and set HUB_CHROMIUM" >&2
  exit 1
fi
SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
echo "chromium: installing Debian's chromium package..."
export DEBIAN_FRONTEND=noninteractive
# The package lists may be missing or stale on a fresh image; update them only when the install fails.
$SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null 2>&1 ||
  { $SUDO apt-get update -q >/dev/null && $SUDO apt-get install -y -q --no-install-recommends chromium >/dev/null; }
works /usr/bin/chromium || { echo "chromium: the package installed but /usr/bin/chromium does not run" >&2; exit 1; }
echo "chromium: installed $(/usr/bin/chromium --version)"
