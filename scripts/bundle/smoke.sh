#!/usr/bin/env bash
# Smoke test of the desktop bundle, run by .ci/run after `make bundle`:
#
#     scripts/bundle/smoke.sh [dist/missive]
#
# Every command runs the bundle's own executable in an empty environment
# (env -i: no PATH beyond /usr/bin:/bin, no PYTHONPATH, no virtualenv, a fresh
# HOME), so it can only use what the bundle carries. Steps: --version; `new`
# (minusma-six-monthly, French); `export` to a DOCX (a zip holding
# word/document.xml); `screenshot` (a PNG of the window); spelling, from
# screenshots of one paragraph with a word spelled right and wrong (French,
# then British English with "colour" and "armoured" right and their American
# spellings wrong, which also shows en_GB is chosen before en_US), and which
# enchant was loaded; finally the files the bundle must carry (Qt's catalogs,
# the license texts). Any failure prints one "SMOKE FAILED" line and exits 1.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=$(cd "${1:-$root/dist/missive}" 2>/dev/null && pwd) || {
  echo "SMOKE FAILED: no bundle at ${1:-$root/dist/missive} (run make bundle)"; exit 1; }
exe="$bundle/missive"
[ -x "$exe" ] || { echo "SMOKE FAILED: $exe is not an executable"; exit 1; }
python=/usr/bin/python3  # only to inspect the outputs (standard library)
[ -x "$python" ] || python=$(command -v python3)

work=$(mktemp -d "${TMPDIR:-/tmp}/missive-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
cd "$work" || exit 1
started=$(date +%s.%N)

fail() {
  echo "SMOKE FAILED: $1"
  [ -s "$work/stderr" ] && sed 's/^/    /' "$work/stderr" | tail -20
  exit 1
}

# The bundle in a clean environment; stderr kept for the failure report.
bundle_run() {
  env -i HOME="$work/home" QT_QPA_PLATFORM=offscreen PATH=/usr/bin:/bin \
    "$exe" "$@" 2>"$work/stderr"
}

step() { printf '  %-58s' "$1"; }
ok() { echo "ok${1:+ ($1)}"; }

echo "== smoke test of $bundle"

step "--version"
bundle_run --version >version.txt || fail "missive --version exited $?"
expected=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/drafting/__init__.py")
head -1 version.txt | grep -qx "Missive $expected" \
  || fail "--version says '$(head -1 version.txt)', expected 'Missive $expected'"
grep -q '^Qt ' version.txt && grep -q '^Python ' version.txt && grep -q 'MIT' version.txt \
  || fail "--version lacks Qt, Python or the license: $(tr '\n' '|' <version.txt)"
ok "$(sed -n 2p version.txt)"

step "new (minusma-six-monthly, fr)"
bundle_run new -t minusma-six-monthly -l fr -o lettre.missive --symbol S/2020/481 \
  --date 2020-06-01 --job 20-07899 >/dev/null || fail "missive new exited $?"
[ -s lettre.missive ] || fail "missive new wrote no lettre.missive"
ok

step "export to DOCX"
bundle_run export lettre.missive -o lettre.docx >/dev/null || fail "missive export exited $?"
"$python" - lettre.docx <<'EOF' || fail "lettre.docx is not a DOCX (a zip with word/document.xml)"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    body = z.read("word/document.xml")
sys.exit(0 if b"<w:body" in body else 1)
EOF
ok "$(stat -c %s lettre.docx) bytes"

png_size() {  # width x height of a PNG, or nothing
  "$python" -c 'import sys, struct
d = open(sys.argv[1], "rb").read(24)
if d[:8] == b"\x89PNG\r\n\x1a\n": print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}

step "screenshot"
bundle_run screenshot lettre.missive -o window.png || fail "missive screenshot exited $?"
size=$(png_size window.png)
[ -n "$size" ] || fail "window.png is not a PNG"
ok "$size"

# spelling LANG TEXT_RIGHT TEXT_WRONG: the wrong text must be underlined more.
spelling() {
  local lang=$1 right=$2 wrong=$3 counts=()
  for variant in right wrong; do
    local text=$right; [ "$variant" = wrong ] && text=$wrong
    bundle_run new -t minusma-six-monthly -l "$lang" -o "$lang-$variant.missive" >/dev/null \
      || fail "missive new ($lang) exited $?"
    printf '%s\n' "$text" >"$lang-$variant.txt"
    bundle_run fill "$lang-$variant.missive" --section security --from "$lang-$variant.txt" \
      >/dev/null || fail "missive fill ($lang) exited $?"
    bundle_run screenshot "$lang-$variant.missive" --section security -o "$lang-$variant.png" \
      || fail "missive screenshot ($lang) exited $?"
    counts+=("$("$python" "$here/png_marks.py" "$lang-$variant.png")") \
      || fail "cannot read $lang-$variant.png"
  done
  [ $((counts[1] - counts[0])) -ge 20 ] || fail "no spelling underline in $lang: \
${counts[0]} marked pixels with the word spelled right, ${counts[1]} with it wrong"
  ok "${counts[0]} → ${counts[1]} underline pixels"
}

step "spelling, French (fr dictionary)"
spelling fr "La situation sécuritaire reste préoccupante dans la région de Mopti." \
  "La situtaion sécuritaire reste préoccupante dans la région de Mopti."
step "spelling, English (en_GB before en_US)"
spelling en "The colour of the armoured convoys was changed after the attacks." \
  "The color of the armored convoys was changed after the attacks."

# Which enchant did that use? The dynamic loader lists every library it
# initialises (LD_DEBUG, a glibc feature: no tool needed).
step "spelling uses the bundle's enchant and dictionaries"
env -i HOME="$work/home" QT_QPA_PLATFORM=offscreen PATH=/usr/bin:/bin LD_DEBUG=files \
  LD_DEBUG_OUTPUT="$work/ld" "$exe" screenshot fr-wrong.missive --section security \
  -o ld.png 2>"$work/stderr" || fail "missive screenshot (LD_DEBUG) exited $?"
inits=$(cat "$work"/ld.* | sed -n 's/.*calling init: //p' | sort -u)
internal="$bundle/_internal"
for lib in "$internal/libenchant-2.so.2" "/proc/self/fd/213/enchant_hunspell.so" \
    "$internal/libhunspell-1.7.so.0"; do
  grep -qxF "$lib" <<<"$inits" || fail "$lib was not loaded; enchant libraries loaded: \
$(grep -E 'enchant|hunspell' <<<"$inits" | tr '\n' ' ')"
done
outside=$(grep -E 'enchant|hunspell' <<<"$inits" | grep -v -e "^$internal/" -e '^/proc/self/fd/213/')
[ -z "$outside" ] || fail "enchant libraries loaded from outside the bundle: $outside"
link="$work/home/.local/share/Missive/enchant/hunspell"
[ "$(readlink "$link")" = "$internal/share/hunspell" ] \
  || fail "$link does not point at the bundle's dictionaries ($(readlink "$link"))"
for dict in en_GB en_US fr fr_FR; do
  [ -s "$internal/share/hunspell/$dict.dic" ] && [ -s "$internal/share/hunspell/$dict.aff" ] \
    || fail "the bundle has no $dict dictionary"
done
ok

step "Qt's own catalogs and the license texts"
for qm in qtbase_fr qtbase_es qtbase_ru qtbase_ar qtbase_zh_CN; do
  [ -s "$internal/PySide6/Qt/translations/$qm.qm" ] || fail "the bundle has no $qm.qm"
done
for text in Missive-LICENSE.txt LGPL-3.txt GPL-3.txt README.txt debian/libenchant-2-2.copyright \
    debian/hunspell-fr-classical.copyright python/pyenchant; do
  [ -e "$bundle/licenses/$text" ] || fail "licenses/$text is missing"
done
ok "$(find "$bundle/licenses" -type f | wc -l) files in licenses/"

elapsed=$(echo "$(date +%s.%N) - $started" | bc 2>/dev/null || echo "?")
echo "== smoke test passed in ${elapsed%.*} s"
