#!/usr/bin/env bash
# The VS Code end-to-end test: package the extension (.vsix with the server inside), install it into
# code-server (VS Code 1.100 in the browser), start code-server on a free loopback port with a
# workspace holding copies of the example articles, drive it with headless chromium (e2e.js), stop it.
#
#   editors/test/vscode/run.sh            (run-all.sh calls it after install.sh)
# env: BYLINE_BIN (server to bundle), VSIX (use this package instead of building one),
#      BYLINE_SERVER_PATH (set byline.server.path in the user settings, e.g. the harness stand-in).
# Output: $E2E_OUT/vscode-*.png screenshots, $E2E_OUT/vscode-report.json, logs under $E2E_OUT/vscode/.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/../lib.sh"
: "${BYLINE_BIN:?BYLINE_BIN must name the server binary}"
CS=$E2E_CACHE/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server
[ -x "$CS" ] || die "code-server is not installed (run editors/test/vscode/install.sh)"

RUN=$E2E_OUT/vscode
rm -rf "$RUN" "$E2E_OUT"/vscode-*.png
mkdir -p "$RUN/home/user-data/User" "$RUN/home/extensions" "$RUN/home/xdg-config" "$RUN/home/xdg-data" "$RUN/ws"

# the package users install
if [ -z "${VSIX:-}" ]; then
  VSIX=$E2E_OUT/byline-linux-x64.vsix
  log "packaging the extension -> $VSIX"
  "$E2E_ROOT/editors/vscode/build-vsix.sh" "$BYLINE_BIN" "$VSIX" > "$RUN/build-vsix.log" 2>&1 \
    || { tail -n 30 "$RUN/build-vsix.log" >&2; die "packaging the .vsix failed (log: $RUN/build-vsix.log)"; }
fi

# the workspace: the example articles (with their byline.toml), plus a plain-text copy of the
# Markdown article (headings as plain lines) to see byline's own sections in the Outline,
cp "$E2E_ROOT"/examples/* "$RUN/ws/"
sed -E 's/^#+ +//; s/^> ?//' "$E2E_ROOT/examples/consultancy-turkey.md" > "$RUN/ws/consultancy-turkey.txt"
# a README is not news copy: excluded by the default byline.exclude
cp "$E2E_ROOT/examples/london-bridge.txt" "$RUN/ws/README.txt"

settings=$RUN/home/user-data/User/settings.json
cp "$HERE/user-settings.json" "$settings"
if [ -n "${BYLINE_SERVER_PATH:-}" ]; then
  python3 - "$settings" "$BYLINE_SERVER_PATH" <<'EOF'
import json, sys
p, server = sys.argv[1], sys.argv[2]
s = json.load(open(p)); s["byline.server.path"] = server
json.dump(s, open(p, "w"), indent=2)
EOF
fi

export XDG_CONFIG_HOME=$RUN/home/xdg-config XDG_DATA_HOME=$RUN/home/xdg-data
CS_ARGS=(--config "$RUN/home/config.yaml" --user-data-dir "$RUN/home/user-data" --extensions-dir "$RUN/home/extensions")
log "installing $(basename "$VSIX") into code-server"
timeout 120 "$CS" "${CS_ARGS[@]}" --install-extension "$VSIX" > "$RUN/install-extension.log" 2>&1 \
  || { cat "$RUN/install-extension.log" >&2; die "code-server --install-extension failed"; }
ls "$RUN/home/extensions" | grep -q '^byline\.byline-' || die "the extension is not in $RUN/home/extensions"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# own process group, so that stopping it stops the extension host and the server too
setsid "$CS" "${CS_ARGS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry \
  --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$RUN/ws" > "$RUN/code-server.log" 2>&1 &
CS_PID=$!
stop_cs() { kill -TERM -- "-$CS_PID" 2>/dev/null || true; wait "$CS_PID" 2>/dev/null || true; }
trap stop_cs EXIT
for _ in $(seq 1 150); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$RUN/code-server.log" >&2; die "code-server exited"; }
  sleep 0.2
done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || die "code-server did not come up on port $PORT"
log "code-server up on 127.0.0.1:$PORT; driving it with chromium"

set +e
# own process group too: a time-out also ends the chromium that playwright started
BASE_URL="http://127.0.0.1:$PORT" WS="$RUN/ws" OUT="$E2E_OUT" REPORT="$E2E_OUT/vscode-report.json" \
  NODE_PATH="$E2E_CACHE/playwright/node_modules" XDG_CONFIG_HOME="$RUN/chromium-xdg" \
  setsid timeout 300 node "$HERE/e2e.js" &
PW_PID=$!
wait "$PW_PID"
rc=$?
kill -TERM -- "-$PW_PID" 2>/dev/null || true
set -e
[ $rc = 124 ] && log "the VS Code test timed out"
# keep the extension's log for the record (the byline output channel is written to the exthost logs)
find "$RUN/home/user-data/logs" -name '*byline*' -exec cp {} "$RUN/" \; 2>/dev/null || true
exit $rc
