#!/usr/bin/env bash
# npm run dev: hot-reloading web app and the worker, on the dev database, with the GitHub twin
# (scripts/embedded-twin.sh) when no GitHub App is configured.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/embedded-twin.sh
export PORT="${PORT:-3000}"
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
ensure_deps
ensure_services
npx tsx scripts/db-migrate.ts
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
fail() { echo "fleetgate: $*" >&2; exit 1; }
github_app_configured || start_embedded_twin
node_modules/.bin/tsx server/web/serve.ts --dev & pids+=($!)
node_modules/.bin/tsx watch workers/main.ts & pids+=($!)
wait -n
