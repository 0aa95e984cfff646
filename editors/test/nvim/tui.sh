#!/usr/bin/env bash
# Neovim's real terminal UI, driven through tmux like a user: open an article, wait for byline to
# attach, press K on a person's name and read the screen, gO for the outline, ]d for the next
# diagnostic. Screens are saved as text under $E2E_OUT/nvim-tui-*.txt.
#
#   NVIM=... BYLINE_REPO=... WS=<copy of examples/> tui.sh
# Prints one "PASS/FAIL name" line per check; exit 0 when all pass.
set -uo pipefail
: "${NVIM:?}" "${BYLINE_REPO:?}" "${WS:?}" "${E2E_OUT:?}"
ALLOW_PENDING=${BYLINE_E2E_ALLOW_PENDING:-0}
D=$(mktemp -d /tmp/byline-tui.XXXXXX)
SOCK=$D/nvim.sock
TM="tmux -L byline-e2e-$$ -f /dev/null"
XENV="XDG_CONFIG_HOME=$D/config XDG_DATA_HOME=$D/data XDG_STATE_HOME=$D/state XDG_CACHE_HOME=$D/cache"
FILE=$WS/trump-syria-withdrawal.txt
pass=0 fail=0 pending=0

cleanup() { $TM kill-server 2>/dev/null; rm -rf "$D"; }
trap cleanup EXIT

check() { # name status(0=ok) [needs]
  if [ "$2" = 0 ]; then echo "PASS     tui: $1"; pass=$((pass + 1))
  elif [ -n "${3:-}" ] && [ "$ALLOW_PENDING" = 1 ]; then echo "PENDING  tui: $1 [needs $3]"; pending=$((pending + 1))
  else echo "FAIL     tui: $1${3:+ [needs $3]}"; fail=$((fail + 1)); fi
}
rexpr() { timeout 5 "$NVIM" --server "$SOCK" --remote-expr "$1" 2>/dev/null; }
lua() { rexpr "luaeval(\"$1\")"; }
screen() { $TM capture-pane -p -t t > "$1"; }
# wait_screen FILE REGEX [tries]: poll the screen (0.1 s steps) until REGEX shows
wait_screen() {
  local i
  for i in $(seq 1 "${3:-50}"); do
    screen "$1"
    grep -Eq "$2" "$1" && return 0
    sleep 0.1
  done
  return 1
}

# a tmux server does not pass the caller's environment on: give it explicitly
$TM new-session -d -s t -x 110 -y 30 \
  "env $XENV PATH=$PATH BYLINE_REPO=$BYLINE_REPO $NVIM -u $BYLINE_REPO/editors/test/nvim/init.lua -i NONE -n --listen $SOCK $FILE"

attached=1
for _ in $(seq 1 100); do
  [ "$(lua '#vim.lsp.get_clients({bufnr=0, name=[[byline]]})')" = 1 ] && { attached=0; break; }
  sleep 0.1
done
check "byline attaches in the terminal UI" $attached
screen "$E2E_OUT/nvim-tui-open.txt"

# K on "Graham" in "Senator Lindsey Graham spoke ..."
$TM send-keys -t t ':call search("Lindsey Graham")' Enter 'w' 'K'
wait_screen "$E2E_OUT/nvim-tui-hover.txt" 'Mentioned [0-9]+ time' 30
check "K shows the person's card (Mentioned N times)" $? "hover (issue 3)"
$TM send-keys -t t Escape ':fclose!' Enter

# gO: the outline in the location list, with the article's title
title=$(head -n1 "$FILE")
$TM send-keys -t t 'gg' 'gO'
wait_screen "$E2E_OUT/nvim-tui-outline.txt" "\[File\] ${title:0:30}" 30
check "gO shows the outline (the title as [File])" $?
$TM send-keys -t t ':lclose' Enter

# ]d: next diagnostic (byline's) in the article that has findings; the cursor lands on it
$TM send-keys -t t Escape ":e $WS/london-bridge.txt" Enter
for _ in $(seq 1 50); do
  [ "$(lua '#vim.diagnostic.get(0)')" -gt 0 ] 2>/dev/null && break
  sleep 0.1
done
first=$(lua "(function() local d = vim.diagnostic.get(0, {}); table.sort(d, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end); for _, x in ipairs(d) do if x.source == 'byline' and (x.lnum > 0 or x.col > 0) then return (x.lnum + 1) .. ':' .. x.col end end; return '' end)()")
$TM send-keys -t t 'gg0' ']d'
sleep 0.3
cur=$(lua "(function() local c = vim.api.nvim_win_get_cursor(0); return c[1] .. ':' .. c[2] end)()")
# <C-w>d: the finding's message in a float (its first words, as the screen shows them)
msg=$(lua "(function() local d = vim.diagnostic.get(0, {lnum = vim.api.nvim_win_get_cursor(0)[1] - 1})[1]; return d and d.message:match('^%S+%s+%S+%s+%S+') or '' end)()")
$TM send-keys -t t C-w d
shown=1
[ -n "$msg" ] && for _ in $(seq 1 20); do
  screen "$E2E_OUT/nvim-tui-next-diagnostic.txt"
  grep -qF -- "$msg" "$E2E_OUT/nvim-tui-next-diagnostic.txt" && { shown=0; break; }
  sleep 0.1
done
[ -n "$first" ] && [ "$cur" = "$first" ] && [ $shown = 0 ]
check "]d moves to the first byline finding (want ${first:-none}, at $cur), <C-w>d shows it" $? "attribution diagnostics (issue 4)"

$TM send-keys -t t Escape ':qa!' Enter
sleep 0.2
echo "tui: $pass passed, $fail failed, $pending pending"
[ "$fail" = 0 ]
