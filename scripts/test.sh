#!/usr/bin/env bash
# npm test: every tier against the real PostgreSQL, Redis and Chromium, each on its own database.
# Runs all tiers even when one fails, then prints one summary line and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
set -e
ensure_deps
ensure_services
set +e
mkdir -p test-reports test-results
rm -f test-reports/*.json
failed_steps=()
step() { local name=$1; shift; echo; echo "=== $name"; "$@" || failed_steps+=("$name"); }

step typecheck npx tsc --noEmit
step unit npx vitest run --project unit --reporter=default --reporter=json --outputFile=test-reports/unit.json
step policy-tests bash -c "set -o pipefail; npx fleetgate policy test policies --coverage-min 100 | tee test-reports/policy.txt"
step integration npx vitest run --project integration --reporter=default --reporter=json --outputFile=test-reports/integration.json
step e2e-database npx tsx e2e/reset-db.ts
# The typecheck step has just checked what the build would check again; only a passing one is trusted.
typechecked=1; [[ " ${failed_steps[*]} " == *" typecheck "* ]] && typechecked=0
step build bash -c "FLEETGATE_TYPECHECKED=$typechecked npx next build > test-reports/build.log 2>&1 || { tail -60 test-reports/build.log; exit 1; }"
if [[ " ${failed_steps[*]} " != *" build "* ]]; then
  step e2e npx playwright test
fi
node scripts/summarize-tests.mjs "${failed_steps[@]}"
