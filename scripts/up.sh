#!/usr/bin/env bash
# npm run up: install, create+migrate the database, start the GitHub twin (when no GitHub App is
# configured), seed demo data, build, and run web + worker.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
source scripts/system-packages.sh
source scripts/embedded-twin.sh
export PORT="${PORT:-3000}"
# The demo accounts share a published password: listen on this machine only unless told otherwise.
export BIND_ADDRESS="${BIND_ADDRESS:-127.0.0.1}"
mkdir -p .fleetgate
export NEXTAUTH_URL="${NEXTAUTH_URL:-http://localhost:$PORT}"
# Before anything is built: a Fleetgate whose worker cannot sandbox a command cannot run agents.
ensure_packages "agents cannot run" "${SANDBOX_PACKAGES[@]}"
ensure_deps
ensure_services
ensure_secret
npx tsx scripts/db-migrate.ts

# Processes are started as node_modules/.bin/tsx, not npx: stopping `npm exec` would leave its child running.
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
fail() { echo "fleetgate: $*" >&2; exit 1; }
# The twin first: the seed puts the demo repositories and pull requests on it.
twin_line=""
if ! github_app_configured; then
  start_embedded_twin
  twin_line="GitHub twin at $GITHUB_TWIN_URL (the demo's GitHub; act on its PRs as a person: GITHUB_TWIN_URL=$GITHUB_TWIN_URL npx tsx scripts/github-twin.ts)"
fi
# The seed is the twin's only client while it runs (web and worker start after it): its writes need
# no spacing between them (GitHub's pace, which web and worker keep).
GITHUB_WRITE_SPACING_MS=0 npx tsx prisma/seed.ts
echo "fleetgate: building the web app"
npx next build > .fleetgate/build.log 2>&1 || { tail -40 .fleetgate/build.log >&2; echo "fleetgate: build failed (full log: .fleetgate/build.log)" >&2; exit 1; }

NODE_ENV=production node_modules/.bin/tsx server/web/serve.ts & pids+=($!)
# The worker's first lines say whether this host can sandbox a command; they are kept to be read here.
: > .fleetgate/worker.log
node_modules/.bin/tsx workers/main.ts > >(tee -a .fleetgate/worker.log) 2> >(tee -a .fleetgate/worker.log >&2) & pids+=($!)

web=""
worker=""
for _ in $(seq 1 180); do
  [ -z "$web" ] && curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && web=up
  if [ -z "$worker" ]; then
    grep -q "WARNING: " .fleetgate/worker.log 2>/dev/null && fail "the worker cannot run agents on this host (see its WARNING above); Fleetgate is not started"
    grep -q "fleetgate worker: consuming" .fleetgate/worker.log 2>/dev/null && worker=up
  fi
  [ -n "$web" ] && [ -n "$worker" ] && break
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || fail "a process of Fleetgate exited while starting (see its output above)"; done
  sleep 1
done
[ -n "$web" ] || fail "the web app did not answer http://127.0.0.1:$PORT/api/health within 180 s (see its output above)"
[ -n "$worker" ] || fail "the worker did not start within 180 s (see .fleetgate/worker.log)"
cat <<MSG

  Fleetgate is running at $NEXTAUTH_URL  (worker started alongside; Ctrl-C stops both)
${twin_line:+  $twin_line
}
  Demo sign-ins, password: fleetgate-demo
    tenant-admin@acme.test   approver@acme.test   policy-admin@acme.test   auditor@acme.test
    operator@acme.test       viewer@acme.test     campaign-owner@acme.test
    (the same roles @globex.test)   platform-admin@fleetgate.test
    consultant@fleetgate.test (roles in both tenants: try the tenant switcher)

MSG
wait -n
