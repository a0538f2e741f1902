#!/usr/bin/env bash
# `npm run lts-node`: makes sure the Node 24 LTS binary that test/integration/node-lts.test.ts runs
# the hub on (the Node of the Docker image) is there. Uses HUB_LTS_NODE when set; otherwise installs
# the npm registry's node-linux-<arch>@24 package into .ci/cache/node-lts/ (gitignored) once, and
# does nothing while a Node 24 binary is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

MAJOR=24
CACHE=.ci/cache/node-lts
NODE="$CACHE/bin/node"

is_lts() { [[ -x "$1" ]] && [[ "$("$1" --version 2>/dev/null)" == "v$MAJOR."* ]]; }

if [[ -n "${HUB_LTS_NODE:-}" ]]; then
  if is_lts "$HUB_LTS_NODE"; then
    echo "lts-node: HUB_LTS_NODE is $HUB_LTS_NODE ($("$HUB_LTS_NODE" --version))"
    exit 0
  fi
  echo "lts-node: HUB_LTS_NODE=$HUB_LTS_NODE is not a Node $MAJOR binary" >&2
  exit 1
fi

if is_lts "$NODE"; then
  echo "lts-node: $NODE is $("$NODE" --version)"
  exit 0
fi

case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *)
    echo "lts-node: no node-linux package for $(uname -m); set HUB_LTS_NODE to a Node $MAJOR binary" >&2
    exit 1
    ;;
esac

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "lts-node: fetching node-linux-$ARCH@$MAJOR from the npm registry..."
TARBALL="$(npm pack "node-linux-$ARCH@$MAJOR" --pack-destination "$WORK" --silent)"
# Only the binary and its licence: the package's headers and bundled npm are not needed.
tar -xzf "$WORK/$TARBALL" -C "$WORK" package/bin/node package/LICENSE
if ! is_lts "$WORK/package/bin/node"; then
  echo "lts-node: $TARBALL does not hold a working Node $MAJOR binary" >&2
  exit 1
fi
rm -rf "$CACHE"
mkdir -p "$(dirname "$CACHE")"
mv "$WORK/package" "$CACHE"
echo "lts-node: installed $NODE ($("$NODE" --version))"
