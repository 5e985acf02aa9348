# Shared by scripts/*.sh: install dependencies when missing or stale, generate the Prisma client.
source "$(dirname "${BASH_SOURCE[0]}")/node-runtime.sh"

ensure_deps() {
  ensure_node
  local want have=""
  want="$(sha256sum package-lock.json | cut -d' ' -f1) node$(_node_major)"
  [ -f node_modules/.fleetgate-lock ] && have="$(cat node_modules/.fleetgate-lock)"
  if [ "$want" != "$have" ]; then
    # npm install, not npm ci: on machines whose npm leaves other platforms' optional packages out
    # of the lock file, npm ci refuses a lock that npm install accepts (versions stay as locked).
    echo "fleetgate: installing dependencies"
    npm install --no-audit --no-fund --loglevel=error
    echo "$want" > node_modules/.fleetgate-lock
  fi
  bash scripts/prisma-generate.sh
}

ensure_services() {
  local pg_url="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/fleetgate}"
  if ! node -e 'const {Client}=require("pg");const c=new Client({connectionString:process.argv[1].replace(/\/[^/?]*(\?|$)/,"/postgres$1")});c.connect().then(()=>c.end()).catch(()=>process.exit(1))' "$pg_url" 2>/dev/null; then
    echo "fleetgate: PostgreSQL is not reachable at ${pg_url%%\?*} (start it, or run: docker compose up -d)" >&2
    exit 1
  fi
  local redis_url="${REDIS_URL:-redis://127.0.0.1:6379}"
  if ! node -e 'const R=require("ioredis");const r=new R(process.argv[1],{lazyConnect:true,maxRetriesPerRequest:0,retryStrategy:()=>null});r.on("error",()=>{});r.connect().then(()=>r.ping()).then(()=>{r.disconnect()}).catch(()=>process.exit(1))' "$redis_url" 2>/dev/null; then
    echo "fleetgate: Redis is not reachable at $redis_url (start it, or run: docker compose up -d)" >&2
    exit 1
  fi
}

# The session secret: from the environment, else kept in a git-ignored file (made once).
ensure_secret() {
  if [ -z "${NEXTAUTH_SECRET:-}" ]; then
    mkdir -p .fleetgate
    [ -s .fleetgate/nextauth-secret ] || node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url")+"\n")' > .fleetgate/nextauth-secret
    chmod 600 .fleetgate/nextauth-secret
    NEXTAUTH_SECRET="$(tr -d '\n' < .fleetgate/nextauth-secret)"
    export NEXTAUTH_SECRET
  fi
}
