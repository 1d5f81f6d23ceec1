# Shared helpers for scripts/*: install what a fresh machine lacks, never ask questions.
# Sourced, not run.

export DEBIAN_FRONTEND=noninteractive

# Each line carries the seconds since the script started, so a slow stage shows in CI's log.
log() { printf '==> [%ss] %s\n' "$SECONDS" "$*" >&2; }

# Runs a command as root (directly, or through non-interactive sudo).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else log "need root to run: $*"; return 1
  fi
}

_apt_updated=""
# ensure_apt PKG...: installs the Debian packages that are not installed yet.
ensure_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  if [ -z "$_apt_updated" ]; then as_root apt-get update -qq </dev/null; _apt_updated=1; fi
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

# ensure_swift: the Swift 6 toolchain must be on PATH (this machine kind ships it in /opt/swift).
ensure_swift() {
  if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
  fi
  command -v swift >/dev/null 2>&1 || { log "Swift 6 toolchain not found (expected on PATH or in /opt/swift)"; return 1; }
}

# ensure_build_deps: everything `swift build` needs.
ensure_build_deps() {
  ensure_swift
  ensure_apt pkg-config libcurl4-openssl-dev zlib1g-dev libsqlite3-dev
}

# ensure_venv DIR REQUIREMENTS...: a Python venv at DIR with the pinned requirements.
ensure_venv() {
  local dir="$1"; shift
  local stamp="$dir/.requirements"
  local wanted="$*"
  if [ ! -x "$dir/bin/python" ]; then
    ensure_apt python3-venv 2>/dev/null || true
    python3 -m venv "$dir"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    log "installing into $dir: $wanted"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" </dev/null
    echo "$wanted" > "$stamp"
  fi
}
