#!/usr/bin/env bash
# Install what the VS Code end-to-end test needs, idempotently:
#   - Debian: chromium (driven headless), ripgrep (to seed @vscode/ripgrep), build deps of code-server's
#     native modules (libkrb5-dev: gssapi.h for kerberos, libxkbfile-dev, libsecret-1-dev, pkg-config, g++)
#   - npm: code-server@$CODE_SERVER_VERSION under $E2E_CACHE, playwright-core (pinned in
#     editors/test/vscode/package-lock.json) under $E2E_CACHE too.
# Prints nothing on stdout; exits non-zero on failure.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

apt_ensure chromium ripgrep libkrb5-dev pkg-config libxkbfile-dev libsecret-1-dev build-essential \
  python3 fonts-dejavu-core ca-certificates curl
command -v node >/dev/null && command -v npm >/dev/null || apt_ensure nodejs npm
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' \
  || die "Node >= 18 is needed (found $(node --version)); code-server $CODE_SERVER_VERSION accepts Node 20"

# --- code-server -------------------------------------------------------------------------------
CS_DIR=$E2E_CACHE/code-server-$CODE_SERVER_VERSION
if [ ! -f "$CS_DIR/.ok" ]; then
  log "npm install code-server@$CODE_SERVER_VERSION (about 2-3 minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR/tmp"
  # @vscode/ripgrep's postinstall would download rg from GitHub: give it Debian's rg from its cache.
  mkdir -p "$CS_DIR/tmp/$RIPGREP_CACHE_NAME"
  rgtmp=$(mktemp -d)
  cp "$(command -v rg)" "$rgtmp/rg"
  tar -C "$rgtmp" -czf "$CS_DIR/tmp/$RIPGREP_CACHE_NAME/$RIPGREP_ARCHIVE" rg
  rm -rf "$rgtmp"
  echo '{"name":"byline-e2e-code-server","private":true}' > "$CS_DIR/package.json"
  # --unsafe-perm: lifecycle scripts run as root; npm_config_yes: node-pty's `npx node-gyp` must not ask.
  (cd "$CS_DIR" && TMPDIR=$CS_DIR/tmp npm_config_yes=true \
    npm install "code-server@$CODE_SERVER_VERSION" --unsafe-perm --no-audit --no-fund --loglevel=error \
    > "$CS_DIR/npm-install.log" 2>&1) || { tail -n 40 "$CS_DIR/npm-install.log" >&2; die "npm install code-server failed (log: $CS_DIR/npm-install.log)"; }
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] || die "code-server binary missing after install"
  rm -rf "$CS_DIR/tmp"
  touch "$CS_DIR/.ok"
fi

# --- playwright-core ---------------------------------------------------------------------------
PW_DIR=$E2E_CACHE/playwright
HERE=$(cd "$(dirname "$0")" && pwd)
if ! cmp -s "$HERE/package-lock.json" "$PW_DIR/package-lock.json" || [ ! -d "$PW_DIR/node_modules/playwright-core" ]; then
  log "npm ci (playwright-core)"
  rm -rf "$PW_DIR"; mkdir -p "$PW_DIR"
  cp "$HERE/package.json" "$HERE/package-lock.json" "$PW_DIR/"
  (cd "$PW_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || die "npm ci for playwright-core failed"
fi
