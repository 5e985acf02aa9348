# The embedded GitHub: when no GitHub App is configured (no GITHUB_APP_ID in the environment, .env or
# .env.local), `npm run up` and `npm run dev` start the GitHub twin (workers/github-twin.ts) as a
# process of their own and point Fleetgate's App settings at it. Its state is kept under
# .data/github-twin (GITHUB_TWIN_DATA_DIR) across restarts, with the App's private key it generated
# there; the webhook secret is generated once into .fleetgate/github-webhook-secret. Sourced by
# scripts/up.sh and scripts/dev.sh, which define PORT, pids and fail().

github_app_configured() {
  [ -n "${GITHUB_APP_ID:-}" ] && return 0
  grep -qsE '^[[:space:]]*(export[[:space:]]+)?GITHUB_APP_ID=[^[:space:]]' .env .env.local
}

# Starts the twin, waits until it answers (30 s at most, or one line and exit), and exports the App
# settings web and worker read: GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY_FILE, GITHUB_WEBHOOK_SECRET,
# GITHUB_API_URL, and GITHUB_TWIN_URL (for the seed and `npx tsx scripts/github-twin.ts`).
start_embedded_twin() {
  export GITHUB_TWIN_PORT="${GITHUB_TWIN_PORT:-$((PORT + 10))}"
  export GITHUB_TWIN_HOST="${GITHUB_TWIN_HOST:-127.0.0.1}"
  export GITHUB_TWIN_DATA_DIR="${GITHUB_TWIN_DATA_DIR:-$PWD/.data/github-twin}"
  export GITHUB_TWIN_APP_ID="${GITHUB_TWIN_APP_ID:-1}"
  export GITHUB_TWIN_WEBHOOK_URL="${GITHUB_TWIN_WEBHOOK_URL:-http://127.0.0.1:$PORT/api/github/webhooks}"
  mkdir -p .fleetgate "$GITHUB_TWIN_DATA_DIR"
  if [ -z "${GITHUB_TWIN_WEBHOOK_SECRET:-}" ]; then
    [ -s .fleetgate/github-webhook-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url")+"\n")' > .fleetgate/github-webhook-secret
    chmod 600 .fleetgate/github-webhook-secret
    GITHUB_TWIN_WEBHOOK_SECRET="$(tr -d '\n' < .fleetgate/github-webhook-secret)"
    export GITHUB_TWIN_WEBHOOK_SECRET
  fi
  local url="http://$GITHUB_TWIN_HOST:$GITHUB_TWIN_PORT"
  : > .fleetgate/github-twin.log
  node_modules/.bin/tsx workers/github-twin.ts > >(tee -a .fleetgate/github-twin.log) 2>&1 & local pid=$!
  pids+=("$pid")
  local up=""
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    # The twin's own control endpoint: GitHub's API answers nothing without credentials.
    if curl -fsS "$url/_twin/faults" >/dev/null 2>&1; then up=yes; break; fi
    sleep 0.5
  done
  if [ -z "$up" ] || ! kill -0 "$pid" 2>/dev/null; then
    fail "the GitHub twin did not answer at $url within 30 s (see .fleetgate/github-twin.log; GITHUB_TWIN_PORT picks its port; or configure a GitHub App with GITHUB_APP_ID)"
  fi
  export GITHUB_TWIN_URL="$url"
  export GITHUB_APP_ID="$GITHUB_TWIN_APP_ID"
  export GITHUB_APP_PRIVATE_KEY_FILE="$GITHUB_TWIN_DATA_DIR/app-private-key.pem"
  export GITHUB_WEBHOOK_SECRET="$GITHUB_TWIN_WEBHOOK_SECRET"
  export GITHUB_API_URL="$url"
  echo "fleetgate: GitHub twin at $url (no GitHub App configured; its data: $GITHUB_TWIN_DATA_DIR)"
}
