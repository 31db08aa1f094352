#!/usr/bin/env bash
# Step 1 of action.yml: the CLI bundle the action runs. A release tag ships dist/cli.js; a branch
# builds it once (npm ci, then esbuild) inside the action's own folder.
set -euo pipefail
cd "$GITHUB_ACTION_PATH"
if [ -f dist/cli.js ]; then
  echo "change-radar: using $(node dist/cli.js --version) from dist/cli.js"
  exit 0
fi
npm ci --no-audit --no-fund
node esbuild.js --production
