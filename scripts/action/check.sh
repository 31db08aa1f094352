#!/usr/bin/env bash
# Step 2 of action.yml: `change-radar check --base … --format github`: annotations on stdout, the
# markdown report appended to $GITHUB_STEP_SUMMARY. Exit 1 when a block freeze applies, 2 on
# manifest errors or a wrong call.
set -uo pipefail
base="${INPUT_BASE:-}"
if [ -z "$base" ]; then base="${DEFAULT_BASE:-}"; fi
if [ -z "$base" ] || [ "$base" = "0000000000000000000000000000000000000000" ]; then
  echo "::error title=Change Radar::no base to compare with: set the action's 'base' input (e.g. origin/main) and check out with fetch-depth: 0"
  exit 2
fi
args=(check --base "$base" --format github)
if [ -n "${INPUT_MANIFEST:-}" ]; then args+=(--manifest "$INPUT_MANIFEST"); fi
exec node "$GITHUB_ACTION_PATH/dist/cli.js" "${args[@]}"
