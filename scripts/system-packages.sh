# What Fleetgate needs from the operating system, by Debian package, shared by `npm run up` and
# `.ci/run`. ensure_packages installs what is missing when it can (root with apt-get); otherwise it
# says in one line what to run and fails, before anything is built.

# package:how to tell it is there
SANDBOX_PACKAGES=(bubblewrap:bwrap git:git socat:socat slirp4netns:slirp4netns iproute2:ip)
SERVICE_PACKAGES=(postgresql:pg_ctlcluster redis-server:redis-server)
BROWSER_PACKAGES=(chromium:/usr/bin/chromium curl:curl)

_has() {
  case "$1" in
    /*) [ -x "$1" ] ;;
    *) command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ] ;;
  esac
}

# ensure_packages WHY SPEC... : WHY completes "fleetgate: ... cannot ... without X".
ensure_packages() {
  local why=$1; shift
  local missing=() spec
  for spec in "$@"; do _has "${spec#*:}" || missing+=("${spec%%:*}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "fleetgate: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "fleetgate: $why without ${missing[*]}; install them first: sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
}
