#!/usr/bin/env bash
# End-to-end flows of the interactive reader, driven through tmux: open, follow and come
# back, search, resize, quit and signals, overlays, and an empty folder.
# Usage: Scripts/e2e.sh path/to/scribbles
# Every wait polls the screen (capture-pane) every 0.05 s up to a timeout; nothing sleeps
# a fixed time hoping. A failed wait prints the screen it last saw.
set -uo pipefail
bin=${1:?usage: e2e.sh BINARY}
command -v tmux >/dev/null || { echo "e2e: tmux is not installed" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "e2e: $bin is not an executable" >&2; exit 1; }
root=$(cd "$(dirname "$0")/.." && pwd)
unset TMUX
tmp=$(mktemp -d)
socket=scribbles-e2e-$$
tm() { tmux -L "$socket" -f /dev/null "$@"; }
cleanup() {
  tm kill-server >/dev/null 2>&1
  # Readers killed with their sessions save their place on the way out: retry until they are gone.
  local tries=0
  until rm -rf "$tmp" 2>/dev/null || [ "$tries" -ge 100 ]; do tries=$((tries + 1)); sleep 0.05; done
}
trap cleanup EXIT
passed=0 failed=0

check() { # name, condition command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

# --- tmux helpers -----------------------------------------------------------------------

target=""   # the session the helpers act on
runs=0

# start NAME SHELL-COMMAND: a fresh 100x30 session running the command in sh, with its own
# state and cache folders, TERM=xterm-256color and LANG=C.UTF-8, from the repository root.
start() {
  runs=$((runs + 1))
  target="$1-$runs"
  local dir="$tmp/$target"
  mkdir -p "$dir/state" "$dir/cache" "$dir/config"
  printf '%s\n' "$2" >"$dir/run.sh"
  tm new-session -d -x 100 -y 30 -s "$target" -c "$root" \
    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL= XDG_STATE_HOME='$dir/state' XDG_CACHE_HOME='$dir/cache' XDG_CONFIG_HOME='$dir/config' BIN='$bin' DIR='$dir' sh '$dir/run.sh'"
}
# Sends tmux key names (Enter, BSpace, Tab, Escape, ...) or, with -l, literal text.
keys() { tm send-keys -t "$target" "$@"; }
# The screen as text, one line a row, trailing spaces dropped.
screen() { tm capture-pane -p -t "$target"; }
row() { screen | sed -n "$(($1 + 1))p"; } # row N (0-based)
dump() {
  echo "---- screen of $target ----" >&2
  screen | sed 's/^/| /' >&2
  echo "---------------------------" >&2
}

# wait_until DESCRIPTION TIMEOUT COMMAND...: polls COMMAND every 0.05 s.
wait_until() {
  local what=$1 timeout=$2; shift 2
  local deadline=$(( $(date +%s%N) + ${timeout%.*} * 1000000000 ))
  while :; do
    "$@" && return 0
    if [ "$(date +%s%N)" -ge "$deadline" ]; then
      echo "timed out after ${timeout}s waiting for: $what" >&2
      dump
      return 1
    fi
    sleep 0.05
  done
}
# (The screen is captured before grep reads it: with pipefail, grep -q leaving early could
# fail the pipeline with SIGPIPE.)
on_screen() { local s; s=$(screen) && grep -qE -- "$1" <<<"$s"; }
off_screen() { local s; s=$(screen) && ! grep -qE -- "$1" <<<"$s"; }
# wait_for PATTERN [TIMEOUT]: an extended regular expression appears on the screen.
wait_for() { wait_until "/$1/ on screen" "${2:-10}" on_screen "$1"; }
# wait_gone PATTERN [TIMEOUT]: it is no longer on the screen.
wait_gone() { wait_until "/$1/ gone from screen" "${2:-10}" off_screen "$1"; }
# wait_row N PATTERN [TIMEOUT]: row N matches.
row_matches() { local r; r=$(row "$1") && grep -qE -- "$2" <<<"$r"; }
row_is() { [ "$(row "$1")" = "$2" ]; }
wait_row() { wait_until "row $1 to match /$2/" "${3:-10}" row_matches "$1" "$2"; }
rows_equal() { [ "$(screen | sed -n '2,29p')" = "$1" ]; } # rows 1..28 are exactly TEXT
fail() { echo "  $*" >&2; dump; return 1; }
finish() { tm kill-session -t "$target" >/dev/null 2>&1; return 0; }

# The status line is the last row (29 of 0..29).
status_row=29

# --- 1. open a folder -------------------------------------------------------------------
open_folder() {
  start folder '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  wait_row 0 '^ Scribbles ─ DevRel Scribbles .*/ search  \? help  q quit$' || return 1
  wait_row 1 '^┌ Contents ─+┐ DevRel Scribbles$' || return 1
  wait_for 'These are working notes on developer relations' || return 1
  # The contents list the notes of SUMMARY.md, the open one marked.
  wait_for '│ *▸ DevRel Scribbles +│' || return 1
  wait_for '│ +Community flywheels +│' || return 1
  wait_for '│ +Reporting upward +│' || return 1
  wait_for '│ *MEASURING +│' || return 1
  finish
}
check "open a folder: header, README and contents" open_folder

# --- 2. open a note directly ------------------------------------------------------------
open_note() {
  start note '"$BIN" content/community/flywheels.md'
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  wait_row 1 '┐ Community flywheels$' || return 1
  wait_for 'A flywheel is a heavy wheel' || return 1
  wait_for '│ *▸ Community flywheels +│' || return 1
  finish
}
check "open a note: its title and path" open_note

# --- 3. follow a page-ref card, come back to the same place, go forward ----------------
follow_and_back() {
  start follow '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  # Links follow once the collection is open (the list shows it).
  wait_for '│ +Community flywheels' || return 1
  keys j j j
  wait_row "$status_row" '^ README\.md  ·  [0-9]+%' || return 1
  # README's second link is the content-ref card to measuring/measuring-devrel.md.
  keys Tab
  wait_row "$status_row" 'link 1/2' || return 1
  keys Tab
  wait_row "$status_row" 'link 2/2' || return 1
  wait_for '┌─ → Measuring DevRel ─' || return 1
  local before percent
  before=$(screen | sed -n '2,29p')
  percent=$(row "$status_row" | grep -oE '(Top|Bot|All|[0-9]+%)' | head -1)
  [ -n "$percent" ] || fail "no position in the status line" || return 1
  keys Enter
  wait_row "$status_row" '^ measuring/measuring-devrel\.md  ·  Top' || return 1
  wait_row 1 '┐ Measuring DevRel$' || return 1
  wait_for '│ *▸ Measuring DevRel +│' || return 1
  keys BSpace
  wait_row "$status_row" "^ README\\.md  ·  $percent( |\$)" || return 1
  # The same first line and the same screen as before following (the list too).
  wait_until "the screen before following is back" 5 rows_equal "$before" \
    || { diff <(echo "$before") <(screen | sed -n '2,29p') >&2; return 1; }
  # Forward again.
  keys L
  wait_row "$status_row" '^ measuring/measuring-devrel\.md' || return 1
  finish
}
check "follow a page-ref with Tab Enter, Backspace restores note and scroll, L goes forward" follow_and_back

# --- 4. search as you type, open the hit, next match -----------------------------------
search_flow() {
  start search '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  keys /
  wait_row 1 '^┌ Search: █' || return 1
  keys -l flywh
  wait_row 1 '^┌ Search: flywh█' || return 1
  # Hits arrive while typing (the index may still be building).
  wait_row 2 '^│ *[1-9][0-9]* notes? +│' || return 1
  wait_row 3 '^│ *▸ Community flywheels +│' || return 1
  keys Enter
  wait_row "$status_row" '^ community/flywheels\.md  ·  .*match 1/[0-9]+' || return 1
  wait_row 1 '┐ Community flywheels$' || return 1
  keys n
  wait_row "$status_row" 'match 2/[0-9]+' || return 1
  keys N
  wait_row "$status_row" 'match 1/[0-9]+' || return 1
  # Esc leaves the search: the contents come back.
  keys Escape
  wait_row 1 '^┌ Contents ─' || return 1
  # A query matching nothing says so rather than showing stale hits.
  # / again brings the last query back; Ctrl-U clears it.
  keys /
  wait_row 1 '^┌ Search: flywh█' || return 1
  keys C-u
  wait_row 1 '^┌ Search: █' || return 1
  keys -l qqxzzy
  wait_row 1 '^┌ Search: qqxzzy█' || return 1
  wait_row 2 '^│ *0 notes +│' || return 1
  wait_gone '│ *▸ Community flywheels' || return 1
  finish
}
check "search: hits as you type, Enter opens at the match, n/N move" search_flow

# A mistyped word still finds the note, and the pane says what it matched instead.
typo_flow() {
  start typo '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  keys /
  keys -l 'flywhels '
  wait_row 2 '^│ *[1-9][0-9]* notes? · also: flywheels' || return 1
  wait_row 3 '^│ *▸ Community flywheels +│' || return 1
  finish
}
check "search: a mistyped word finds the note and the pane says 'also: flywheels'" typo_flow

# --- 5. resize ----------------------------------------------------------------------------
# Joins the reader's text (rows 1..28, quote bars dropped) into one line of words.
reader_text() {
  screen | sed -n '2,29p' | sed -e 's/^.*│ //' -e 's/▌//g' | tr -s ' \n' '  '
}
text_has() { local t; t=$(reader_text) && grep -qF -- "$1" <<<"$t"; }
narrow_layout() {
  local widest
  widest=$(screen | python3 -c '
import sys, unicodedata
print(max((sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in l.rstrip("\n")) for l in sys.stdin), default=0))')
  # No list pane: no row starts with its frame.
  [ "$widest" -le 50 ] && off_screen 'Contents' && ! screen | sed -n '2,29p' | grep '^[┌│└]' >/dev/null \
    && row_matches "$status_row" '^ community/flywheels\.md  ·  Top'
}
resize_flow() {
  start resize '"$BIN" content/community/flywheels.md'
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  wait_for '^┌ Contents ─+┐ Community flywheels$' || return 1
  wait_for 'A flywheel is a heavy wheel that is hard to start and hard to$' || return 1
  tm resize-window -t "$target" -x 50 -y 30
  # Reflowed: the list is hidden, every row fits, and no words are lost at the edge.
  wait_until "a 50-column layout without the list" 10 narrow_layout \
    || fail "the terminal's size is $(stty -F "$(tm display -p -t "$target" '#{pane_tty}')" size 2>&1) (rows columns)" || return 1
  wait_for '^ A flywheel is a heavy wheel that is hard to$' || return 1
  wait_until "the first paragraph complete after reflow" 5 text_has \
    "A flywheel is a heavy wheel that is hard to start and hard to stop. Push it once and it barely moves; keep pushing and it builds momentum until each push adds more speed than the last." || return 1
  wait_row 0 '^ Scribbles ─ .*q quit$' || return 1
  tm resize-window -t "$target" -x 100 -y 30
  wait_for '^┌ Contents ─+┐ Community flywheels$' || return 1
  wait_for 'A flywheel is a heavy wheel that is hard to start and hard to$' || return 1
  # Smaller in height too: the status line follows the bottom.
  tm resize-window -t "$target" -x 100 -y 12
  wait_row 11 '^ community/flywheels\.md  ·  ' || return 1
  tm resize-window -t "$target" -x 100 -y 30
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  finish
}
check "resize to 50 columns reflows and hides the list, and back" resize_flow

# ] and [ turn the pages in SUMMARY.md's order, like a doc site's footer links.
pages_flow() {
  start pages '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  keys ]
  wait_row "$status_row" '^ foundations/why-devrel-exists\.md  ·  Top' || return 1
  keys ]
  wait_row "$status_row" '^ foundations/three-pillars/README\.md  ·  Top' || return 1
  keys [
  wait_row "$status_row" '^ foundations/why-devrel-exists\.md  ·  Top' || return 1
  keys [
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  keys [
  wait_for 'This is the first page' || return 1
  finish
}
check "] and [ turn the pages in the contents' order" pages_flow

# Some shells export LINES and COLUMNS: the terminal's real size must still win on a resize.
exported_size_flow() {
  start exported 'env COLUMNS=100 LINES=30 "$BIN" content/community/flywheels.md'
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  tm resize-window -t "$target" -x 50 -y 30
  wait_until "a 50-column layout without the list" 10 narrow_layout || return 1
  tm resize-window -t "$target" -x 100 -y 12
  wait_row 11 '^ community/flywheels\.md  ·  ' || return 1
  finish
}
check "with LINES and COLUMNS exported, a resize still reflows to the real size" exported_size_flow

# --- 6. quit and SIGTERM restore the terminal -----------------------------------------
quit_flow() {
  start quit '"$BIN" content; echo "EXIT=$?"; sleep 60'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  wait_for 'Contents' || return 1
  keys q
  wait_for '^EXIT=0$' || return 1
  wait_gone 'Contents|Scribbles ─' 2 || return 1
  [ "$(tm display -p -t "$target" '#{alternate_on}')" = 0 ] || fail "still on the alternate screen" || return 1
  finish
}
check "q exits 0 and leaves the alternate screen" quit_flow

sigterm_flow() {
  start sigterm 'sh -c '\''echo $$ >"$DIR/pid"; exec "$BIN" content'\''; echo "EXIT=$?"; sleep 60'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  local pidfile="$tmp/$target/pid"
  [ -s "$pidfile" ] || fail "no pid file" || return 1
  kill -TERM "$(cat "$pidfile")"
  wait_for '^EXIT=143$' || return 1
  wait_for '^scribbles: stopped by SIGTERM$' || return 1
  wait_gone 'Contents|Scribbles ─' 2 || return 1
  [ "$(tm display -p -t "$target" '#{alternate_on}')" = 0 ] || fail "still on the alternate screen" || return 1
  finish
}
check "SIGTERM restores the screen, says so, exits 143" sigterm_flow

# --- 7. overlays ------------------------------------------------------------------------
overlays() {
  start overlay '"$BIN" content/community/flywheels.md'
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  keys ?
  wait_for '┌ Keys ─' || return 1
  wait_for 'select the next / previous link' || return 1
  keys Escape
  wait_gone '┌ Keys ─' || return 1
  keys o
  wait_for '┌ Outline ─' || return 1
  wait_for '│ +What adds friction +│' || return 1
  # Enter on a heading jumps there.
  keys j j
  keys Enter
  wait_gone '┌ Outline ─' || return 1
  wait_row 1 '┐ What adds friction$' || return 1
  keys B
  wait_for '┌ Backlinks of community/flywheels\.md ─' || return 1
  wait_for '│ +Communities are not funnels ' || return 1
  keys Escape
  wait_gone '┌ Backlinks of' || return 1
  finish
}
check "? shows Keys, Esc closes it, o shows the outline and jumps, B backlinks" overlays

# --- 8. a folder with no Markdown ---------------------------------------------------------
empty_folder() {
  mkdir -p "$tmp/empty/sub" && echo "not markdown" >"$tmp/empty/notes.txt"
  start empty '"$BIN" "$DIR/../empty"; echo "EXIT=$?"; sleep 60'
  wait_for '^EXIT=66$' || return 1
  wait_for "^scribbles: .*empty: no Markdown notes here" || return 1
  # Exactly one line from the program (however the pane wraps it), nothing else drawn.
  local lines
  lines=$(tm capture-pane -p -J -t "$target" | grep -c '[^ ]')
  [ "$lines" -eq 2 ] || fail "expected 2 non-empty lines, saw $lines" || return 1
  finish
  # It never switches screens or sends any escape sequence.
  TERM=xterm-256color script -qec "$bin '$tmp/empty'" /dev/null >"$tmp/empty.out" 2>&1
  ! grep -q $'\x1b' "$tmp/empty.out" || fail "escape sequences in: $(od -c "$tmp/empty.out" | head -5)"
}
check "a folder without notes: one line, exit 66, screen untouched" empty_folder

# --- 10. the last note and position come back; a note changed on disk reloads in place ---
session_and_reload() {
  local notes="$tmp/live-notes" state="$tmp/session-state"
  mkdir -p "$notes" && cp -r content/. "$notes/"
  start session "XDG_STATE_HOME='$state' \"\$BIN\" '$notes'; echo EXIT=\$?; sleep 60"
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  wait_for '│ +Community flywheels' || return 1
  keys h j j Enter
  wait_row "$status_row" '^ foundations/why-devrel-exists\.md  ·  Top' || return 1
  keys d
  wait_row "$status_row" '^ foundations/why-devrel-exists\.md  ·  [0-9]+%' || return 1
  local before
  before=$(row "$status_row")
  keys q
  wait_for '^EXIT=0$' || return 1
  finish
  start session "XDG_STATE_HOME='$state' \"\$BIN\" '$notes'"
  wait_for '^┌ Contents' || return 1
  wait_until "the same note and position as before quitting" 10 row_is "$status_row" "$before" || return 1
  # Edit the open note's first paragraph on disk: the reader shows it, still at its place.
  keys g
  wait_row "$status_row" '^ foundations/why-devrel-exists\.md  ·  Top' || return 1
  sed -i 's/^# Why developer relations exists/# Why developer relations exists, edited/' "$notes/foundations/why-devrel-exists.md"
  wait_for 'Why developer relations exists, edited' || return 1
  finish
}
check "reopening restores the note and position; an edited note reloads live" session_and_reload

# --- 11. an Obsidian vault: a title from the file name, a folded callout, a heading link ----
vault_flow() {
  start vault '"$BIN" "Tests/Fixtures/obsidian-vault/Compost Basics.md"'
  wait_row "$status_row" '^ Compost Basics\.md  ·  Top' || return 1
  # No H1: the file name is the title; the list shows the vault's notes by their titles.
  wait_row 1 '┐ Compost Basics$' || return 1
  wait_for '│ +Slow Tomato Sauce +│' || return 1
  finish
  start vault '"$BIN" "Tests/Fixtures/obsidian-vault/Herb Spiral.md"'
  wait_row "$status_row" '^ Herb Spiral\.md  ·  Top' || return 1
  wait_for '│ +Compost Basics +│' || return 1
  # Tab reaches the folded callout like a link: it is the fifth (an embed, two links in
  # the info callout, the open todo callout, then it). Enter opens it, and again folds it.
  keys Tab Tab Tab Tab Tab
  wait_row "$status_row" 'link 5/' || return 1
  wait_for '▸ \? Why a spiral and not a bed\?' || return 1
  off_screen 'four small climates' || fail "a folded callout hides its body" || return 1
  keys Enter
  wait_for 'four small climates' || return 1
  wait_for '▾ \? Why a spiral and not a bed\?' || return 1
  keys Enter
  wait_gone 'four small climates' || return 1
  # The wikilink in the info callout's title opens its note.
  keys Escape g Tab Tab
  wait_row "$status_row" 'link 2/' || return 1
  keys Enter
  wait_row "$status_row" '^ Compost Basics\.md' || return 1
  wait_row 1 '┐ Compost Basics$' || return 1
  finish
}
check "vault: file-name title, Tab + Enter open and fold a callout, a wikilink opens its note" vault_flow

# --- 10. quick switcher, editor, tags, config file ----------------------------------------
switcher_flow() {
  start switcher '"$BIN" content'
  wait_row "$status_row" '^ README\.md  ·  Top' || return 1
  keys t
  wait_for '┌ Open a note ─' || return 1
  wait_for '│ › ▏' || return 1
  keys -l flyw
  wait_for '│ › flyw▏' || return 1
  wait_for '│ 1 of 18 notes' || return 1
  wait_for '│ Community flywheels +community/flywheels │' || return 1
  keys Enter
  wait_gone '┌ Open a note ─' || return 1
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  # Backspace goes back; Esc closes the switcher without opening anything.
  keys t
  wait_for '┌ Open a note ─' || return 1
  keys -l zzzz
  wait_for 'no note matches' || return 1
  keys Escape
  wait_gone '┌ Open a note ─' || return 1
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  finish
}
check "t: the quick switcher narrows as you type, Enter opens, Esc closes" switcher_flow

# A stand-in editor records its arguments, shows it has the terminal, waits for Enter and
# appends a line, so the reload on return can be seen. It edits a copy, never content/.
editor_flow() {
  local dir="$tmp/editor-notes"
  mkdir -p "$dir" && cp content/community/flywheels.md "$dir/flywheels.md"
  cat >"$tmp/stand-in-editor" <<'SH'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >"$ARGS"
printf 'STAND-IN EDITOR %s\n' "$#"
read -r answer
printf '\nEDITED BY THE STAND-IN\n' >>"$3"
SH
  chmod +x "$tmp/stand-in-editor"
  start editor 'env VISUAL="'"$tmp"'/stand-in-editor --flag" ARGS="$DIR/args" "$BIN" "'"$dir"'/flywheels.md"'
  wait_row "$status_row" '^ flywheels\.md  ·  Top' || return 1
  keys Space
  wait_row "$status_row" '^ flywheels\.md  ·  [0-9]+%' || return 1
  # The first reader row with words (the top one may be blank).
  local top
  top=$(screen | sed -n '2,29p' | sed -e 's/^.*[│┐]//' -e 's/^ *//' | sed -n 's/^[^A-Za-z]*\([A-Za-z]\{3,\}\).*/\1/p' | head -1)
  keys e
  wait_for '^STAND-IN EDITOR 3$' || return 1
  [ "$(tm display -p -t "$target" '#{alternate_on}')" = 0 ] || fail "the editor should have the main screen" || return 1
  local args; args=$(cat "$tmp/$target/args")
  [ "$(sed -n 1p <<<"$args")" = "--flag" ] || fail "first argument: $(sed -n 1p <<<"$args")" || return 1
  local plus; plus=$(sed -n 2p <<<"$args")
  [[ "$plus" =~ ^\+[0-9]+$ ]] || fail "second argument is not +LINE: $plus" || return 1
  [ "$(sed -n 3p <<<"$args")" = "$(cd "$dir" && pwd -P)/flywheels.md" ] || fail "third argument: $(sed -n 3p <<<"$args")" || return 1
  # The line given holds the first words shown at the top of the reader.
  local line first
  line=$(sed -n "${plus#+}p" "$dir/flywheels.md")
  first=$top
  grep -qF -- "$first" <<<"$line" || fail "line ${plus#+} ($line) lacks '$first' (top row: $top)" || return 1
  keys Enter
  wait_row "$status_row" '^ flywheels\.md  ·  [0-9]+%' || return 1
  keys G
  wait_for 'EDITED BY THE STAND-IN' || return 1
  finish
}
check "e hands the terminal to \$VISUAL at +LINE FILE, takes it back and reloads" editor_flow

editor_missing_flow() {
  start nvim 'env VISUAL=/nonexistent/editor "$BIN" content/community/flywheels.md'
  wait_row "$status_row" '^ community/flywheels\.md  ·  Top' || return 1
  keys e
  wait_row "$status_row" 'Cannot run /nonexistent/editor: No such file' || return 1
  wait_for '┌ Contents' || return 1
  finish
}
check "e with a missing editor says so and the reader stays" editor_missing_flow

tags_flow() {
  start tags '"$BIN" "Tests/Fixtures/obsidian-vault/Home.md"'
  wait_row "$status_row" '^ Home\.md  ·  Top' || return 1
  keys '#'
  wait_for '┌ Tags' || return 1
  wait_for '│ #garden +[0-9]+ │' || return 1
  wait_for '│   #planning +[0-9]+ │' || return 1
  # Down to the nested tag and Enter: it becomes the search.
  keys j
  keys Enter
  wait_gone '┌ Tags' || return 1
  wait_row 1 '^┌ Search: .*garden/planning █' || return 1
  wait_row 2 '^│ *[1-9][0-9]* notes? +│' || return 1
  finish
}
check "#: every tag with counts, nested under its parent; Enter searches it" tags_flow

config_flow() {
  start config 'mkdir -p "$DIR/config/scribbles" && printf "list-width = 40\n[keys]\nsearch = \"s\"\nteleport = \"z\"\n" >"$DIR/config/scribbles/config.toml" && "$BIN" content'
  wait_row "$status_row" 'config\.toml:4: teleport' || return 1
  # The list is 40 columns wide: its frame's corner is in column 39.
  local frame; frame="┌ Contents $(printf '─%.0s' $(seq 28))┐ "
  [[ "$(row 1)" == "$frame"* ]] || fail "the list is not 40 columns wide" || return 1
  keys s
  wait_row 1 '^┌ Search: █' || return 1
  keys -l flywh
  wait_row 1 '^┌ Search: flywh█' || return 1
  finish
}
check "config.toml: list width and a bound key apply, a bad line is named in the status line" config_flow

# Wide code keeps its lines whole: > shows the rest (with ‹ for what is to the left), < goes back.
sideways_flow() {
  local dir="$tmp/wide-notes"
  mkdir -p "$dir"
  {
    printf '# Wide\n\n```python\ndef f():\n    return compute(%s"THE END OF THE LINE")\n```\n' "$(printf 'argument_%s, ' $(seq 1 20))"
  } >"$dir/wide.md"
  start wide '"$BIN" "'"$dir"'/wide.md"'
  wait_row "$status_row" '^ wide\.md  ·  ' || return 1
  wait_for 'return compute\(argument_1, ' || return 1
  wait_for '›│' || return 1
  off_screen 'THE END OF THE LINE' || fail "the end of the long line should be out of view" || return 1
  keys '>' '>' '>' '>' '>' '>' '>' '>' '>' '>' '>' '>'
  wait_for 'THE END OF THE LINE' || return 1
  wait_for '│‹' || return 1
  keys '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<' '<'
  wait_for 'return compute\(argument_1, ' || return 1
  wait_gone '│‹' || return 1
  finish
}
check "> and < scroll wide code sideways, with markers for what is out of view" sideways_flow

echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
