#!/usr/bin/env bash
# Build the platform .vsix of the byline extension, with the release server inside.
#
#   editors/vscode/build-vsix.sh [SERVER_BINARY] [OUTPUT.vsix]
#
# SERVER_BINARY defaults to target/release/byline (run `cargo build --release` first);
# OUTPUT defaults to target/vsix/byline-<target>.vsix. The target (linux-x64, linux-arm64, ...)
# follows this machine unless VSCE_TARGET is set. Needs Node >= 18 and npm; installs the pinned
# tools from package-lock.json with `npm ci` (vsce 3.9.2, esbuild, TypeScript).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) default_target=linux-x64 ;;
  Linux-aarch64) default_target=linux-arm64 ;;
  Darwin-x86_64) default_target=darwin-x64 ;;
  Darwin-arm64) default_target=darwin-arm64 ;;
  *) default_target=linux-x64 ;;
esac
TARGET=${VSCE_TARGET:-$default_target}
BIN=${1:-$ROOT/target/release/byline}
OUT=${2:-$ROOT/target/vsix/byline-$TARGET.vsix}

[ -x "$BIN" ] || { echo "build-vsix: no server binary at $BIN (run: cargo build --release)" >&2; exit 1; }
# absolute paths: the rest runs in editors/vscode
BIN=$(realpath "$BIN")
mkdir -p "$(dirname "$OUT")"
OUT=$(realpath "$OUT")
"$BIN" --version >/dev/null 2>&1 || { echo "build-vsix: $BIN does not run on this machine" >&2; exit 1; }

cd "$HERE"
# npm ci only when the lock changed since the last install (keeps repeated builds fast)
stamp=node_modules/.byline-lock.sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi

rm -rf server
mkdir -p server "$(dirname "$OUT")"
cp "$BIN" server/byline
# the release profile keeps debug info for profiling; users do not need it (34 MB -> a few MB)
strip server/byline 2>/dev/null || true
chmod 755 server/byline

# vscode:prepublish runs the type check and the esbuild bundle
npx --no-install vsce package --target "$TARGET" --no-dependencies --out "$OUT"
echo "$OUT"
