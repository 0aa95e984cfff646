#!/usr/bin/env bash
# byline inside the real editors: Neovim (headless API test + terminal UI through tmux) and
# VS Code (code-server in headless chromium, with the packaged .vsix). One entry point for CI.
#
#   editors/test/run-all.sh [nvim] [vscode] [--standin]
#
# With no suite named, runs both. Installs what it needs (apt-get update + install, pip, npm) into
# $E2E_CACHE (default /tmp/byline-e2e-cache; reused by later runs), writes reports, screen captures
# and screenshots to $E2E_OUT (default target/e2e). Exits non-zero on any failure or time-out.
#
#   BYLINE_BIN=path        server to test (default: target/release/byline, built if needed)
#   BYLINE_E2E_ALLOW_PENDING=1
#                          a check that waits on a server feature not merged yet (hover, people,
#                          attribution diagnostics...) is reported "pending" instead of failing
#   --standin              check the harness itself: run the editors against
#                          editors/test/standin/byline_standin.py, which adds fake people features
#                          and diagnostics around the real server (not a test of byline)
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

suites=() standin=0
for a in "$@"; do
  case "$a" in
    nvim | vscode) suites+=("$a") ;;
    --standin) standin=1 ;;
    -h | --help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "usage: $0 [nvim] [vscode] [--standin]" >&2; exit 2 ;;
  esac
done
[ ${#suites[@]} -eq 0 ] && suites=(nvim vscode)

t_start=$(date +%s)
declare -A result seconds
total_pass=0 total_fail=0 total_pending=0

# counts from a JSON report ({"counts": {"pass", "fail", "pending"}})
add_counts() {
  local f=$1 p=0 fl=0 pe=0
  if [ -f "$f" ]; then
    read -r p fl pe < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])).get("counts",{}); print(c.get("pass",0), c.get("fail",0), c.get("pending",0))' "$f" 2>/dev/null || echo "0 1 0")
  else
    fl=1
  fi
  total_pass=$((total_pass + p)) total_fail=$((total_fail + fl)) total_pending=$((total_pending + pe))
}

ensure_server
if [ "$standin" = 1 ]; then
  SBIN=$E2E_OUT/standin-bin
  mkdir -p "$SBIN"
  printf '#!/bin/sh\nBYLINE_REAL=%q exec python3 %q "$@"\n' "$BYLINE_BIN" "$HERE/standin/byline_standin.py" > "$SBIN/byline"
  chmod +x "$SBIN/byline"
  log "harness self-test: the editors talk to the stand-in around $BYLINE_BIN"
fi
# the directory whose `byline` the editors find on PATH (as a user's would)
if [ "$standin" = 1 ]; then SERVER_DIR=$SBIN; else
  SERVER_DIR=$E2E_OUT/bin
  mkdir -p "$SERVER_DIR"
  ln -sf "$BYLINE_BIN" "$SERVER_DIR/byline"
fi
log "server: $("$BYLINE_BIN" --version 2>&1 | head -n1) ($BYLINE_BIN)"

run_nvim() {
  apt_ensure tmux python3 python3-venv
  ensure_nvim
  local D=$E2E_OUT/nvim rc=0
  rm -rf "$D"
  mkdir -p "$D/ws" "$D/xdg"
  cp "$E2E_ROOT"/examples/* "$D/ws/"
  # single-file mode: a folder with no byline.toml and no .git above it
  local single
  single=$(mktemp -d /tmp/byline-single.XXXXXX)
  cp "$E2E_ROOT/examples/london-bridge.txt" "$single/"
  log "nvim: $("$NVIM" --version | head -n1), headless API test"
  (
    xdg_isolate "$D/xdg"
    PATH=$SERVER_DIR:$PATH BYLINE_REPO=$E2E_ROOT BYLINE_E2E_WS=$D/ws BYLINE_E2E_SINGLE=$single \
      BYLINE_E2E_REPORT=$E2E_OUT/nvim-report.json \
      timeout 180 "$NVIM" --headless -u "$E2E_ROOT/editors/test/nvim/init.lua" -i NONE -n \
      -l "$E2E_ROOT/editors/test/nvim/e2e.lua"
  ) || rc=1
  rm -rf "$single"
  add_counts "$E2E_OUT/nvim-report.json"
  cp "$D"/xdg/state/nvim/lsp.log "$E2E_OUT/nvim-lsp.log" 2>/dev/null || true

  log "nvim: terminal UI through tmux"
  local tui_out
  tui_out=$(PATH=$SERVER_DIR:$PATH NVIM=$NVIM BYLINE_REPO=$E2E_ROOT WS=$D/ws E2E_OUT=$E2E_OUT \
    timeout 120 "$HERE/nvim/tui.sh") || rc=1
  echo "$tui_out" >&2
  local tp tf tpe
  tp=$(grep -c '^PASS' <<< "$tui_out") tf=$(grep -c '^FAIL' <<< "$tui_out") tpe=$(grep -c '^PENDING' <<< "$tui_out")
  [ "$tp$tf" = 00 ] && tf=1
  total_pass=$((total_pass + tp)) total_fail=$((total_fail + tf)) total_pending=$((total_pending + tpe))
  return $rc
}

run_vscode() {
  log "vscode: installing chromium, code-server $CODE_SERVER_VERSION, playwright-core (cached)"
  timeout 1200 "$HERE/vscode/install.sh" || { total_fail=$((total_fail + 1)); return 1; }
  local extra=()
  [ "$standin" = 1 ] && extra=(BYLINE_SERVER_PATH="$SBIN/byline")
  local rc=0
  rm -f "$E2E_OUT/vscode-report.json"
  env "${extra[@]}" BYLINE_BIN="$BYLINE_BIN" timeout 600 "$HERE/vscode/run.sh" || rc=1
  add_counts "$E2E_OUT/vscode-report.json"
  # the extension's unit tests (globs, server discovery, settings); run.sh did the npm ci
  log "vscode: extension unit tests (node --test)"
  local ut up uf
  ut=$(cd "$E2E_ROOT/editors/vscode" && timeout 120 npm test --silent 2>&1) || rc=1
  up=$(sed -n 's/^# pass \([0-9]*\)/\1/p' <<< "$ut") uf=$(sed -n 's/^# fail \([0-9]*\)/\1/p' <<< "$ut")
  echo "extension unit tests: ${up:-0} passed, ${uf:-?} failed" >&2
  [ -n "$up" ] || { echo "$ut" | tail -n 20 >&2; uf=1; }
  total_pass=$((total_pass + ${up:-0})) total_fail=$((total_fail + ${uf:-1}))
  return $rc
}

overall=0
for s in "${suites[@]}"; do
  t0=$(date +%s)
  if "run_$s"; then result[$s]=pass; else result[$s]=FAIL; overall=1; fi
  seconds[$s]=$(($(date +%s) - t0))
done

echo
for s in "${suites[@]}"; do
  printf 'editor suite %-7s %-5s %4ss\n' "$s" "${result[$s]}" "${seconds[$s]}"
done
[ -f "$E2E_OUT/vscode-report.json" ] && ls "$E2E_OUT"/vscode-*.png 2>/dev/null | sed 's/^/screenshot: /'
echo "total time: $(($(date +%s) - t_start))s; reports in $E2E_OUT"
[ "$total_pending" -gt 0 ] && echo "pending (waiting on server features): $total_pending"
echo "editors: $total_pass passed, $total_fail failed"
[ "$overall" = 0 ] && [ "$total_fail" = 0 ]
