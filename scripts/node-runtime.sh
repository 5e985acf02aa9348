# The Node.js Fleetgate runs and is tested on, shared by `npm run up`, `npm run dev`, `npm test` (and so
# `.ci/run`). ensure_node keeps the machine's Node when it is recent enough; otherwise it fetches the pinned
# release from the npm registry (the package node-linux-<arch>, checked against the registry's integrity
# hash by npm) into .fleetgate/node and puts it first on PATH, so npm, npx and every child use it.
FLEETGATE_NODE_VERSION=26.12.1
FLEETGATE_NODE_MAJOR=${FLEETGATE_NODE_VERSION%%.*}

_node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  local dir="$PWD/.fleetgate/node"
  if [ -x "$dir/bin/node" ] && [ "$("$dir/bin/node" --version)" = "v$FLEETGATE_NODE_VERSION" ]; then
    export PATH="$dir/bin:$PATH"
  fi
  [ "$(_node_major)" -ge "$FLEETGATE_NODE_MAJOR" ] && return 0
  local arch
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) arch=x64 ;;
    Linux-aarch64) arch=arm64 ;;
    *) echo "fleetgate: Node.js $FLEETGATE_NODE_MAJOR or newer is needed (found $(node --version 2>/dev/null || echo none)); install it from https://nodejs.org" >&2; return 1 ;;
  esac
  echo "fleetgate: fetching Node.js $FLEETGATE_NODE_VERSION (this machine has $(node --version)) into .fleetgate/node"
  local tmp
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && npm pack --silent "node-linux-$arch@$FLEETGATE_NODE_VERSION" >/dev/null && tar xzf ./*.tgz package/bin/node); then
    rm -rf "$tmp"
    echo "fleetgate: could not fetch Node.js $FLEETGATE_NODE_VERSION from the npm registry; install Node.js $FLEETGATE_NODE_MAJOR and run again" >&2
    return 1
  fi
  mkdir -p "$dir/bin"
  mv "$tmp/package/bin/node" "$dir/bin/node"
  rm -rf "$tmp"
  export PATH="$dir/bin:$PATH"
  # Dependencies installed by another Node are reinstalled once (ensure_deps keys its stamp by Node version).
  [ "$(_node_major)" -ge "$FLEETGATE_NODE_MAJOR" ]
}
