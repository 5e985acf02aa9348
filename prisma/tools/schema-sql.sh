#!/usr/bin/env bash
# Prints the SQL that Prisma derives for prisma/schema.prisma (from empty, or from an older schema
# file given as $1). Used to write new migrations and by the schema test. Prisma 6's CLI needs a
# datasource url in the schema, which Prisma 7 forbids, so it reads a temporary copy.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
with_url() { sed 's|provider = "postgresql"|provider = "postgresql"\n  url      = "postgresql://localhost/unused"|' "$1" > "$2"; }
with_url prisma/schema.prisma "$tmp/to.prisma"
if [ $# -ge 1 ]; then with_url "$1" "$tmp/from.prisma"; from=(--from-schema-datamodel "$tmp/from.prisma"); else from=(--from-empty); fi
export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/package.json" PRISMA_QUERY_ENGINE_LIBRARY="$PWD/package.json"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
if ! out=$(node node_modules/prisma6/build/index.js migrate diff --config prisma/tools/prisma6.config.ts \
  "${from[@]}" --to-schema-datamodel "$tmp/to.prisma" --script --output "$tmp/out.sql" 2>&1); then
  echo "$out" >&2
  exit 1
fi
cat "$tmp/out.sql"
