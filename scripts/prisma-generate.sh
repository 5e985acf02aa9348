#!/usr/bin/env bash
# Generates the Prisma client. The CLI insists on an engine path although generate never runs it,
# and the engines cannot be downloaded here, so any existing file stands in (see ENVIRONMENT.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/package.json" PRISMA_QUERY_ENGINE_LIBRARY="$PWD/package.json"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
if ! out=$(node node_modules/prisma/build/index.js generate 2>&1); then
  echo "$out" >&2
  exit 1
fi
