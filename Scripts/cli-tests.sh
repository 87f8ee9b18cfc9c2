#!/usr/bin/env bash
# Whole-process tests of the command line: exit codes, one-line errors, colour rules.
# Usage: Scripts/cli-tests.sh path/to/scribbles
set -uo pipefail
bin=${1:?usage: cli-tests.sh BINARY}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

check() { # name, condition command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}

# A missing file: exit 66, one stderr line naming it.
"$bin" render "$tmp/missing.md" >"$tmp/out" 2>"$tmp/err"; code=$?
check "missing file exits 66" test "$code" -eq 66
check "missing file names the file in one line" bash -c "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q 'missing.md' '$tmp/err'"

# A folder: exit 66.
"$bin" render "$tmp" >/dev/null 2>"$tmp/err"; code=$?
check "folder exits 66" test "$code" -eq 66

# A binary file named .md: exit 65, one line.
head -c 4096 /dev/urandom >"$tmp/bin.md"; printf '\x89PNG' | cat - "$tmp/bin.md" >"$tmp/image.md"
"$bin" render "$tmp/image.md" >/dev/null 2>"$tmp/err"; code=$?
check "binary exits 65" test "$code" -eq 65
check "binary error is one line" test "$(wc -l <"$tmp/err")" -eq 1

# Bad usage: exit 64.
"$bin" render >/dev/null 2>&1; code=$?
check "missing argument exits 64" test "$code" -eq 64
"$bin" render content/README.md --width 0 >/dev/null 2>&1; code=$?
check "width 0 exits 64" test "$code" -eq 64

# Escape sequences, NUL and invalid UTF-8 in a note: output, exit 0, no ESC byte from the note.
printf '# T\x1b]52;c;aGk=\x07\n\nA \x1b[2J b \xff\xfe \x00 c\n' >"$tmp/evil.md"
"$bin" render "$tmp/evil.md" --color never >"$tmp/out" 2>"$tmp/err"; code=$?
check "hostile note renders" test "$code" -eq 0
check "no ESC without colour" bash -c "! grep -q \$'\\x1b' '$tmp/out'"
"$bin" render "$tmp/evil.md" --color always >"$tmp/out" 2>/dev/null
check "no OSC 52 with colour" bash -c "! grep -q \$'\\x1b]52' '$tmp/out' && ! grep -q \$'\\x07' '$tmp/out'"

# Colour: auto is off when piped; always is on; NO_COLOR does not stop --color always.
"$bin" render content/README.md --width 60 >"$tmp/out"
check "auto is plain when piped" bash -c "! grep -q \$'\\x1b' '$tmp/out'"
"$bin" render content/foundations/why-devrel-exists.md --width 60 --color always >"$tmp/out"
check "always colours" grep -q $'\x1b\\[' "$tmp/out"
check "external links are OSC 8" grep -q $'\x1b\\]8;;https://' "$tmp/out"
NO_COLOR=1 script -qec "$bin render content/README.md --width 60" /dev/null >"$tmp/out" 2>&1
check "NO_COLOR turns auto colour off on a TTY" bash -c "! grep -q \$'\\x1b\\[0;' '$tmp/out'"
TERM=xterm-256color script -qec "$bin render content/README.md --width 60" /dev/null >"$tmp/out" 2>&1
check "auto colours on a TTY" grep -q $'\x1b\\[0;' "$tmp/out"

# Width: every line fits.
"$bin" render content/writing/sample-apps.md --width 40 --color never >"$tmp/out"
check "width 40 is respected" python3 -c "
import sys, unicodedata
for line in open('$tmp/out', encoding='utf-8'):
    w = sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line.rstrip('\n'))
    if w > 40: sys.exit(1)"

# Every content note renders.
for f in $(find content -name '*.md'); do
  "$bin" render "$f" --width 80 --color never >/dev/null 2>"$tmp/err" || { failed=$((failed + 1)); echo "FAIL: render $f"; }
done

# check: the sample notes are clean; a broken collection exits 1 with file:line:column lines and JSON.
"$bin" check content >"$tmp/out" 2>"$tmp/err"; code=$?
check "check content exits 0" test "$code" -eq 0
check "check content reports no error" bash -c "! grep -q ': error:' '$tmp/out'"
mkdir -p "$tmp/vault/sub"
printf '# Home\n\n[gone](missing.md) and [ok](sub/a.md#part)\n' >"$tmp/vault/README.md"
printf '# A\n\n## Part\n\n[[README]]\n' >"$tmp/vault/sub/a.md"
(cd "$tmp/vault" && find . -type f -exec md5sum {} + | sort) >"$tmp/before"
"$bin" check "$tmp/vault" >"$tmp/out" 2>"$tmp/err"; code=$?
check "check with a broken link exits 1" test "$code" -eq 1
check "check prints file:line:column" grep -q '^README.md:3:1: error: missing.md does not exist' "$tmp/out"
"$bin" check "$tmp/vault" --json >"$tmp/out" 2>/dev/null
check "check --json is valid JSON with the fields" python3 -c "
import json; rows = json.load(open('$tmp/out'))
assert rows and all(set(r) >= {'file','line','column','target','kind','severity'} for r in rows), rows"
"$bin" backlinks "$tmp/vault/README.md" >"$tmp/out"
check "backlinks lists the linking note and line" grep -q '^sub/a.md:5' "$tmp/out"
"$bin" links "$tmp/vault/README.md" >"$tmp/out"
check "links shows what each link resolves to" grep -q 'sub/a.md#part' "$tmp/out"
(cd "$tmp/vault" && find . -type f -exec md5sum {} + | sort) >"$tmp/after"
check "nothing written inside the collection" cmp -s "$tmp/before" "$tmp/after"
# An Obsidian vault: links to notes not written yet are infos (exit 0), --strict counts them.
mkdir -p "$tmp/obs/.obsidian" "$tmp/obs/sub"
printf -- '---\nparent: "[[Later]]"\n---\n> [!tip]- Folded\n> See [[sub/b#Part]] and\n> [[b#Nope]] here.\n' >"$tmp/obs/a.md"
printf '## Part\n\n![[a]]\n' >"$tmp/obs/sub/b.md"
"$bin" check "$tmp/obs" >"$tmp/out" 2>"$tmp/err"; code=$?
check "check of a vault with a missing heading exits 1" test "$code" -eq 1
check "a link on a callout's third line is reported there" grep -q '^a.md:6:3: error: sub/b.md has no heading #Nope' "$tmp/out"
check "a front-matter link to a note not written yet is an info at its column" grep -q '^a.md:2:10: info: no such note yet: "Later"' "$tmp/out"
printf -- '---\nparent: "[[Later]]"\n---\nSee [[sub/b#Part]].\n' >"$tmp/obs/a.md"
"$bin" check "$tmp/obs" >"$tmp/out" 2>"$tmp/err"; code=$?
check "notes not written yet do not fail check" test "$code" -eq 0
check "the count names them" grep -q '1 link to notes not written yet' "$tmp/err"
"$bin" check "$tmp/obs" --strict >/dev/null 2>&1; code=$?
check "--strict fails on them" test "$code" -eq 1
"$bin" check "$tmp/obs" --json >"$tmp/out" 2>/dev/null
check "--json carries the kind" python3 -c "
import json; rows = json.load(open('$tmp/out'))
assert [(r['kind'], r['severity']) for r in rows] == [('notCreated', 'info')], rows"
"$bin" backlinks "$tmp/obs/sub/b.md" >"$tmp/out"
check "backlinks list the wikilink with line and column" grep -q '^a.md:4:5' "$tmp/out"
"$bin" backlinks "$tmp/obs/a.md" >"$tmp/out"
check "backlinks list embeds" grep -q '^sub/b.md:3:1' "$tmp/out"
"$bin" render "$tmp/obs/sub/b.md" --width 60 --color never >"$tmp/out"
check "render titles a note by its file name and fills in an embed" bash -c "head -1 '$tmp/out' | grep -qx 'b' && grep -q '↪ a' '$tmp/out'"

"$bin" check "$tmp/nowhere" >/dev/null 2>"$tmp/err"; code=$?
check "check of a missing folder exits 66 with one line" bash -c "[ $code -eq 66 ] && [ \$(wc -l <'$tmp/err') -eq 1 ]"

# search and index: ranked hits, JSON for scripts, no error for hostile queries, cache outside.
export XDG_CACHE_HOME="$tmp/cache"
"$bin" index content >"$tmp/out" 2>&1
check "index prints counts" grep -q 'notes indexed' "$tmp/out"
check "the cache is under XDG_CACHE_HOME" bash -c "ls '$tmp/cache/scribbles/' | grep -q sqlite"
"$bin" search flywheel content --color never >"$tmp/out"
check "search finds the flywheel note first" bash -c "head -1 '$tmp/out' | grep -q 'Community flywheels'"
"$bin" search 'communities' content --json --limit 3 >"$tmp/out"
check "search --json fields" python3 -c "
import json; rows = json.load(open('$tmp/out'))
assert 0 < len(rows) <= 3 and all(set(r) == {'path','title','score','heading','line','snippet','also'} for r in rows), rows"
"$bin" search 'flywhels' content --color never >"$tmp/out" 2>"$tmp/err"
check "a mistyped word finds the note and says what it also matched" bash -c "head -1 '$tmp/out' | grep -q 'Community flywheels' && grep -q '^also: flywheels' '$tmp/err'"
for q in '"' '*' 'NEAR(' "'; DROP TABLE notes; --" '((' '-' ''; do
  "$bin" search "$q" content >/dev/null 2>"$tmp/err"; code=$?
  check "hostile query [$q] exits 0" test "$code" -eq 0
done
unset XDG_CACHE_HOME

# --help explains.
"$bin" render --help >"$tmp/out"
check "render --help mentions NO_COLOR" grep -q NO_COLOR "$tmp/out"

# The reader without a terminal: one line pointing at render, exit 64, nothing drawn.
"$bin" content </dev/null >"$tmp/out" 2>"$tmp/err"; code=$?
check "reader without a terminal exits 64" test "$code" -eq 64
check "reader without a terminal says so in one line" bash -c "[ \$(wc -l <'$tmp/err') -eq 1 ] && grep -q 'needs a terminal' '$tmp/err' && [ ! -s '$tmp/out' ]"
"$bin" --help >"$tmp/out"
check "--help lists the reader and its keys" bash -c "grep -q 'read' '$tmp/out'"

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
