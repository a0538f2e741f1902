#!/usr/bin/env bash
# `npm run test:lts`: the built test suite (what `npm test` runs after its build) on the Node 24 LTS the
# Docker image runs, as well as on the machine's Node; .ci/run runs both. The binary is HUB_LTS_NODE,
# else the one `npm run lts-node` installs (run here first, as is `npm run chromium` for the page tests).
# It runs what is built: run `npm test` (or `npm run build`) first. Arguments go to jest (a file, -t ...).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/lts-node.sh >&2
bash scripts/chromium.sh >&2
NODE="${HUB_LTS_NODE:-.ci/cache/node-lts/bin/node}"
echo "test:lts: the suite on $("$NODE" --version)" >&2
# The services the tests spawn run on the same binary (they start process.execPath).
exec "$NODE" --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js "$@"
