#!/bin/sh
# Tests of wpgen build: incremental, deterministic, atomic.   sh tests/build.sh BINARY
bin=${1:?usage: build.sh BINARY}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "build: FAIL: $*"; }
data=${WPGEN_DATADIR:-$(pwd)}

# a tree: the samples, one in XML, and the real document when it is there
mkdir -p "$tmp/src/a/b" "$tmp/data"
cp input/*.md tests/golden/scars.md tests/golden/changes.md "$tmp/src/a/"
"$bin" convert --to xml -o "$tmp/src/sample.xml" input/ctfi-work-programme-2024-2027.md 2>/dev/null
seed=${WPGEN_SEEDS:-../shared/seeds}/ptc-work-programme-2022-2025.md
[ -f "$seed" ] && cp "$seed" "$tmp/src/a/b/" || echo "build: the real document is absent; the tree has the samples only"
cp -r "$data/templates" "$data/profiles" "$data/schema" "$tmp/data/"
export WPGEN_DATADIR="$tmp/data"
b() { "$bin" build -q "$@" 2> "$tmp/err"; }
newer() { find "$tmp/out" -type f -newer "$tmp/stamp" | sort; }
stamp() { sleep 1; touch "$tmp/stamp"; sleep 1; }

b -o "$tmp/out" "$tmp/src"; rc=$?
[ $rc -eq 1 ] && ok || bad "a tree with errors exited $rc, not 1"
for f in a/ctfi-work-programme-2024-2027 a/scars a/changes sample; do
	[ -s "$tmp/out/$f.html" ] && [ -s "$tmp/out/$f.md" ] && ok || bad "$f: no annexes"
done
[ -s "$tmp/out/index.html" ] && grep -q 'href="a/scars.html"' "$tmp/out/index.html" && ok || bad "index page"
# a row: the programme's title (its annex), its source, its kind in words, where it stands, its findings
grep -q '<tr><td><a href="a/ctfi-work-programme-2024-2027.html">COMMITTEE ON TRADE FACILITATION INSTRUMENTS (CTFI) WORK PROGRAMME 2024-2027</a><div class="src">a/ctfi-work-programme-2024-2027.md</div></td><td>WCO working-body work programme</td><td class="n">10</td><td>1 green, 3 blue, 2 red</td>' "$tmp/out/index.html" && ok || bad "index row"
grep -q '<a href="#findings-[0-9]*"><span class="err">[1-9][0-9]* errors\{0,1\}</span>' "$tmp/out/index.html" && grep -q '<details id="findings-[0-9]*"><summary>' "$tmp/out/index.html" &&
	grep -q 'scars.md:[0-9]*:[0-9]*: error: ' "$tmp/out/index.html" && ok || bad "the index page does not link a programme to its findings"
grep -q '20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T\|[0-9][0-9]:[0-9][0-9]:[0-9][0-9]' "$tmp/out/index.html" && bad "the index page has a wall-clock time" || ok
# XML of another kind met in a folder (a Word part, a configuration): a note, not a failed build
mkdir -p "$tmp/fx/parts" && cp input/ctfi-work-programme-2024-2027.md "$tmp/fx/"
printf '<?xml version="1.0"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>\n' > "$tmp/fx/parts/document.xml"
"$bin" build -o "$tmp/fxo" "$tmp/fx" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && grep -q 'parts/document.xml: note: not built: XML of another kind.*\[build.foreign\]' "$tmp/err" &&
	[ ! -e "$tmp/fxo/parts/document.html" ] && ok || bad "a foreign XML file in a folder: exit $rc, $(cat "$tmp/err")"
# told by its root element, not by its first bytes: wpgen's XML after a
# long comment is built; a Word part whose comment names wpgen's namespace is not
{ printf '<?xml version="1.0"?>\n<!-- %s -->\n' "$(head -c 6000 /dev/zero | tr '\0' x)"
  sed 1d input/timber-legality-joint-work-plan-2024-2027.xml; } > "$tmp/fx/late.xml"
printf '<?xml version="1.0"?>\n<!-- not urn:wpgen:programme:1 -->\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>\n' > "$tmp/fx/parts/named.xml"
"$bin" build -o "$tmp/fxo3" "$tmp/fx" 2> "$tmp/err"; rc=$?
[ -e "$tmp/fxo3/late.html" ] && [ ! -e "$tmp/fxo3/parts/named.html" ] && grep -q 'parts/named.xml: note: not built' "$tmp/err" && ok ||
	bad "XML in a folder not told by its root element: exit $rc, $(cat "$tmp/err")"
rm "$tmp/fx/late.xml" "$tmp/fx/parts/named.xml"
"$bin" build -o "$tmp/fxo2" "$tmp/fx/parts/document.xml" 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q 'xml.namespace' "$tmp/err" && ok || bad "a foreign XML file named on the command line was not refused: exit $rc"
# the review page beside each annex (by default): every finding of the
# source, each beside its cell; the index page sorted worst first, linking
# it, every finding listed (not the first 50), folded
for f in a/ctfi-work-programme-2024-2027 a/scars sample; do
	[ -s "$tmp/out/$f.review.html" ] && ok || bad "$f: no review page"
done
n=$("$bin" check --format json "$tmp/src/a/scars.md" 2>/dev/null | jq length)
[ "$(grep -o '<li class="sev-[a-z]*" id="l[0-9]*"' "$tmp/out/a/scars.review.html" | wc -l)" -eq "$n" ] && ok || bad "the review page of scars does not list its $n findings"
grep -q 'href="a/scars.review.html">review</a>' "$tmp/out/index.html" && ok || bad "the index page does not link the review page"
first=$(grep -o '<tr><td><a href="[^"]*"' "$tmp/out/index.html" | head -1)
worst=$(awk -F'\t' 'NR > 4 { print $14 "\t" $15 "\t" $2 }' "$tmp/out/.wpgen-state" | sort -t"$(printf '\t')" -k1,1nr -k2,2nr -k3,3 | head -1 | cut -f3)
case $first in *"$(echo "$worst" | sed 's/\.[a-z]*$//')".html*) ok ;; *) bad "the index page's first row is $first, not the worst, $worst" ;; esac
if [ -f "$seed" ]; then
	ns=$("$bin" check --format json "$seed" 2>/dev/null | jq length)
	got=$(sed -n '/<details id="findings-[0-9]*"><summary>DRAFT REVISED PERMANENT/,/<\/details>/p' "$tmp/out/index.html" | grep -c ': \(error\|warning\|note\): ')
	[ "$got" -eq "$ns" ] && ok || bad "the index page lists $got of the seed's $ns findings"
fi
# hostile text in a title, a cell, a finding and a file name stays text on
# the index page and the review page (no element or attribute a browser
# would run; the review page's one script is its own, last)
mkdir -p "$tmp/xss"
cat > "$tmp/xss/<img src=x onerror=alert(1)>.md" <<'XSS'
# <script>alert(1)</script> WORK PROGRAMME 2024-2025

## I. Activities undertaken within a specific timeframe

| No. | Priority ranking | Link to the Strategic Plan | Activities | WCO Strategic Plan | Type of task associated | Responsible body | Team resources | Key Performance Indicators | Timeline | Progress | Completion status |
|---|---|---|---|---|---|---|---|---|---|---|---|
| 1. | A | Y | <img src=x onerror=alert(2)> | SP9"><script>alert(3)</script> | x | <svg onload=alert(4)> | | | 2025 | [x](javascript:alert(5)) | Green |
XSS
"$bin" build -q -o "$tmp/xsso" "$tmp/xss" 2>/dev/null
for f in "$tmp/xsso/index.html" "$tmp/xsso/"*.review.html; do
	[ -s "$f" ] || { bad "$(basename "$f"): not written"; continue; }
	sed 's|<script>(function(){var d=document.*</script></body>|</body>|' "$f" > "$tmp/xss.html"
	live=$(xmllint --html --xpath "count(//script|//img|//svg[not(@class='bar')]|//iframe|//object|//@*[starts-with(name(), 'on')]|//a[starts-with(normalize-space(@href), 'javascript')])" "$tmp/xss.html" 2>/dev/null)
	text=$(grep -c 'onerror=alert' "$tmp/xss.html")
	[ "$live" = 0 ] && [ "$text" -ge 1 ] && ok || bad "$(basename "$f"): hostile text is live ($live) or gone ($text)"
done
# Word annexes on demand: written, linked from the index, the same
# programme read back, kept when nothing changed, removed with their source
mkdir -p "$tmp/wd" && cp input/ctfi-work-programme-2024-2027.md "$tmp/wd/c.md"
"$bin" build -q --to html,docx -o "$tmp/wdo" "$tmp/wd" 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(head -c 2 "$tmp/wdo/c.docx")" = "PK" ] && [ ! -e "$tmp/wdo/c.md" ] && grep -q 'href="c.docx"' "$tmp/wdo/index.html" &&
	ok || bad "build --to html,docx: exit $rc, $(ls "$tmp/wdo"), $(cat "$tmp/err")"
"$bin" render --to md "$tmp/wdo/c.docx" 2>/dev/null | grep -c '^| [0-9]*\. ' | grep -qx 10 && ok || bad "the built Word annex does not read back 10 activities"
cp "$tmp/wdo/c.docx" "$tmp/c-before.docx"
"$bin" build --to html,docx -o "$tmp/wdo" "$tmp/wd" 2> "$tmp/err"
grep -q '0 built, 1 unchanged' "$tmp/err" && cmp -s "$tmp/wdo/c.docx" "$tmp/c-before.docx" && ok || bad "a no-change build rebuilt the Word annex: $(tail -1 "$tmp/err")"
rm "$tmp/wd/c.md"
"$bin" build -q --to html,docx -o "$tmp/wdo" "$tmp/wd" 2> "$tmp/err"
[ ! -e "$tmp/wdo/c.docx" ] && [ ! -e "$tmp/wdo/c.html" ] && ok || bad "a source gone: its Word annex stays"
"$bin" build -q --to html,pdf -o "$tmp/wdo" "$tmp/wd" 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "html, md, xml, docx and review" "$tmp/err" && ok || bad "build --to pdf: exit $rc"
# --as-of: in the annexes and the index's counts; changing it rebuilds
"$bin" build -q --as-of 2026-06-01 -o "$tmp/ao" input/ctfi-work-programme-2024-2027.md 2> "$tmp/err"
grep -q 'Progress as of 2026-06-01' "$tmp/ao/ctfi-work-programme-2024-2027.html" && grep -q '4 overdue at 2026-06-01' "$tmp/ao/index.html" && ok ||
	bad "build --as-of is not in the annex or the index"
"$bin" build --as-of 2026-01-01 -o "$tmp/ao" input/ctfi-work-programme-2024-2027.md 2> "$tmp/err"
grep -q '1 built, 0 unchanged' "$tmp/err" && grep -q 'overdue at 2026-01-01' "$tmp/ao/index.html" && ok || bad "another --as-of did not rebuild: $(tail -1 "$tmp/err")"
cp "$tmp/out/index.html" "$tmp/index-before.html"
b -o "$tmp/out" "$tmp/src"
cmp -s "$tmp/out/index.html" "$tmp/index-before.html" && ok || bad "a no-change build wrote another index page (its findings lost?)"

# nothing changed: no annex, no index page written (the state at most:
# it records the sources' file status once that can stand for their
# bytes, see below); touching every source: still no annex
annexes() { newer | grep -v '/\.wpgen-state$'; }
stamp; "$bin" build -o "$tmp/out" "$tmp/src" > /dev/null 2> "$tmp/err"
[ -z "$(annexes)" ] && ok || bad "a no-change build wrote $(annexes)"
n_all=$(find "$tmp/src" -name '*.md' -o -name '*.xml' | wc -l)
grep -q "^$n_all sources: 0 built, $n_all unchanged" "$tmp/err" && ok || bad "the no-change build's summary: $(tail -1 "$tmp/err")"
find "$tmp/src" -type f -exec touch {} +
stamp; b -o "$tmp/out" "$tmp/src"
[ -z "$(annexes)" ] && ok || bad "touching the sources rebuilt $(annexes)"

# editing one source rebuilds its outputs only
sed -i 's/Revise the Guide/Revise the Handbook/' "$tmp/src/a/ctfi-work-programme-2024-2027.md"
stamp; b -o "$tmp/out" "$tmp/src"
got=$(newer | grep -v -e '/index.html$' -e '/.wpgen-state$' | tr '\n' ' ')
[ "$got" = "$tmp/out/a/ctfi-work-programme-2024-2027.html $tmp/out/a/ctfi-work-programme-2024-2027.md $tmp/out/a/ctfi-work-programme-2024-2027.review.html " ] && ok || bad "an edit rebuilt: $got"
grep -q Handbook "$tmp/out/a/ctfi-work-programme-2024-2027.md" && ok || bad "the edit is not in the annex"

# editing the HTML template rebuilds every HTML annex, and only those
sed -i 's/<title>/<title data-x="1">/' "$tmp/data/templates/annex-html.xsl"
stamp; b -o "$tmp/out" "$tmp/src"
n_html=$(newer | grep -c '\.html$'); n_md=$(newer | grep -c '\.md$'); n_src=$(find "$tmp/src" -name '*.md' -o -name '*.xml' | wc -l)
[ "$n_md" -eq 0 ] && [ "$n_html" -eq "$n_src" ] && ok || bad "a template edit rebuilt $n_html html and $n_md md for $n_src sources"
# editing a profile rebuilds everything that uses it, and only that: a
# source that names no profile may be picked by any (it depends on them
# all); one that names its own depends on that one
n_named=$(grep -l '^profile:' "$tmp/src/a"/*.md | wc -l)
printf '\n# edited\n' >> "$tmp/data/profiles/wco-working-body.yaml"
stamp; b -o "$tmp/out" "$tmp/src"
[ "$(newer | grep -c '\.md$')" -eq $((n_src - n_named)) ] && ok || bad "a profile edit rebuilt $(newer | grep -c '\.md$') of $((n_src - n_named)) sources"
newer | grep -q 'joint-work-plan-2025-2028' && bad "a wco-working-body edit rebuilt a joint work plan" || ok
printf '\n# edited\n' >> "$tmp/data/profiles/joint-work-plan.yaml"
stamp; b -o "$tmp/out" "$tmp/src"
newer | grep -q 'a/joint-work-plan-2025-2028.md' && newer | grep -q 'a/seed-cooperation-progress-report.md' && ok ||
	bad "a joint-work-plan edit did not rebuild the plan and the report on it: $(newer)"

# a progress report is rebuilt when its plan changes, and shows the plan
grep -q 'class="report"' "$tmp/out/a/seed-cooperation-progress-report.html" && ok || bad "the report's annex lacks its plan's areas"
sed -i 's/Share risk indicators/Share risk profiles/' "$tmp/src/a/joint-work-plan-2025-2028.md"
stamp; b -o "$tmp/out" "$tmp/src"
got=$(newer | grep -c 'seed-cooperation-progress-report\.\(html\|md\)$')
[ "$got" -eq 2 ] && ok || bad "editing the plan rebuilt $got of the report's annexes, not 2"
grep -q 'Share risk profiles' "$tmp/out/a/seed-cooperation-progress-report.html" && ok || bad "the report's annex shows the old plan"

# a source that names no profile is built with the one its structure fits
sed '/^profile:/d' input/seed-testing-guidelines-schedule.md > "$tmp/src/a/b/nameless-schedule.md"
b -o "$tmp/out" "$tmp/src"
grep -q '<div class="src">a/b/nameless-schedule.md</div></td><td>Dated schedule</td>' "$tmp/out/index.html" && ok ||
	bad "a schedule without its profile line was not built as a dated-schedule"
rm "$tmp/src/a/b/nameless-schedule.md"

# removing a source removes its outputs
rm "$tmp/src/a/scars.md"
b -o "$tmp/out" "$tmp/src"
[ ! -e "$tmp/out/a/scars.html" ] && [ ! -e "$tmp/out/a/scars.md" ] && ok || bad "a removed source left its annexes"
grep -q scars "$tmp/out/index.html" && bad "the index still lists a removed source" || ok

# the same bytes for any -j, time zone and locale
cp tests/golden/scars.md "$tmp/src/a/"
TZ=UTC LC_ALL=C b -j1 -o "$tmp/j1" "$tmp/src"
TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 b -j2 -o "$tmp/j2" "$tmp/src"
TZ=America/Adak LANG=fr_FR.UTF-8 b -j4 -o "$tmp/j4" "$tmp/src"
# (the state records what stat says of the index page written, its inode
# and times: the file system's, not the build's; compared without it)
for j in j1 j2 j4; do sed '2s/\t[0-9a-f]*$//' "$tmp/$j/.wpgen-state" > "$tmp/$j.state"; done
if diff -r -x .wpgen-state "$tmp/j1" "$tmp/j2" > /dev/null && diff -r -x .wpgen-state "$tmp/j1" "$tmp/j4" > /dev/null &&
	cmp -s "$tmp/j1.state" "$tmp/j2.state" && cmp -s "$tmp/j1.state" "$tmp/j4.state"; then ok; else
	bad "outputs differ across -j, TZ or locale"
	{ diff -r "$tmp/j1" "$tmp/j2"; diff -r "$tmp/j1" "$tmp/j4"; } | head -20
	grep -v 'warning:\|note:' "$tmp/err" | head -10 # what the -j4 build said
fi

# a broken source: every other output is built, it is named, exit 1
printf '%%PDF-1.7 not a programme' > "$tmp/src/a/broken.md"
"$bin" build -o "$tmp/j1" "$tmp/src" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "a broken source exited $rc"
grep -q "broken.md: error: this is binary data" "$tmp/err" && grep -q "FAILED $tmp/src/a/broken.md" "$tmp/err" && ok || bad "the broken source is not named: $(tail -3 "$tmp/err")"
grep -q "1 failed" "$tmp/err" && ok || bad "the summary does not count the failure"
# its last good annex stays; --clean-failed removes it
cp tests/golden/scars.md "$tmp/src/a/broken.md"; b -o "$tmp/j1" "$tmp/src"
printf '%%PDF-1.7' > "$tmp/src/a/broken.md"; b -o "$tmp/j1" "$tmp/src"
[ -s "$tmp/j1/a/broken.html" ] && ok || bad "the last good annex of a failing source was lost"
b --clean-failed -o "$tmp/j1" "$tmp/src"
[ ! -e "$tmp/j1/a/broken.html" ] && ok || bad "--clean-failed kept the annex"
rm "$tmp/src/a/broken.md"

# a write that fails leaves the old outputs whole: OUTDIR/a is a file
cp -r "$tmp/j2" "$tmp/j5"; cp "$tmp/j5/sample.html" "$tmp/sample.before"
rm -r "$tmp/j5/a"; : > "$tmp/j5/a"
sed -i 's/Publish a compendium/Publish a handbook/' "$tmp/src/sample.xml" 2>/dev/null
"$bin" build -o "$tmp/j5" "$tmp/src" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && ok || bad "a failed write exited $rc"
grep -q "cannot write.*\[io.write\]" "$tmp/err" && ok || bad "a failed write was not reported"
[ "$(find "$tmp/j5" -name '*.tmp.*' | wc -l)" -eq 0 ] && ok || bad "a temporary was left behind"

# empty trees: nothing to build, a tree whose sources are all gone, and
# one whose only source fails (no entry to keep); under ASan and UBSan too
mkdir -p "$tmp/empty" "$tmp/one"
b -o "$tmp/e1" "$tmp/empty" && ok || bad "an empty tree did not build: $(cat "$tmp/err")"
cp input/ctfi-work-programme-2024-2027.md "$tmp/one/"
b -o "$tmp/e2" "$tmp/one" && [ -s "$tmp/e2/ctfi-work-programme-2024-2027.html" ] && ok || bad "one source: $(cat "$tmp/err")"
rm "$tmp/one/ctfi-work-programme-2024-2027.md"
b -o "$tmp/e2" "$tmp/one" && b -o "$tmp/e2" "$tmp/one" && [ ! -e "$tmp/e2/ctfi-work-programme-2024-2027.html" ] && ok ||
	bad "a tree whose sources are gone: $(cat "$tmp/err")"
printf '%%PDF-1.7' > "$tmp/one/broken.md"
b -o "$tmp/e3" "$tmp/one"; rc=$?
[ $rc -eq 1 ] && ok || bad "a tree whose only source fails exited $rc: $(cat "$tmp/err")"

# two sources that would write the same annexes; folders nested too deep
mkdir -p "$tmp/clash"
cp input/ctfi-work-programme-2024-2027.md "$tmp/clash/x.md"
"$bin" convert --to xml -o "$tmp/clash/x.xml" "$tmp/clash/x.md" 2>/dev/null
b -o "$tmp/c1" "$tmp/clash"
grep -q "build.clash" "$tmp/err" && ok || bad "two sources of one annex: $(cat "$tmp/err")"
deep="$tmp/deep"; i=0; while [ $i -lt 66 ]; do deep="$deep/d"; i=$((i + 1)); done
mkdir -p "$deep" && cp input/ctfi-work-programme-2024-2027.md "$deep/"
"$bin" build -o "$tmp/c2" "$tmp/deep" > /dev/null 2> "$tmp/err"
grep -q "deeper than 64.*\[build.depth\]" "$tmp/err" && ok || bad "a tree too deep: $(cat "$tmp/err")"

# --limit: passed to the reader, and part of what an output depends on
mkdir -p "$tmp/lim" && cp input/ctfi-work-programme-2024-2027.md "$tmp/lim/"
b -o "$tmp/l1" "$tmp/lim" && ok || bad "the limit tree did not build: $(cat "$tmp/err")"
b --limit columns=5 -o "$tmp/l1" "$tmp/lim"; rc=$?
[ $rc -eq 1 ] && grep -q "read.limit" "$tmp/err" && ok || bad "a lowered --limit did not rebuild and refuse (exit $rc): $(cat "$tmp/err")"
b --limit columns=300 -o "$tmp/l1" "$tmp/lim" && ok || bad "a raised --limit failed: $(cat "$tmp/err")"

# ---- nothing lost, whatever the tree or the input ----
sample=input/ctfi-work-programme-2024-2027.md
# a folder whose name holds a tab, a newline and "..": built, unchanged on
# the next build (not rebuilt forever), its annexes removed with it, and
# nothing outside the output folder touched
mkdir -p "$tmp/nl/src" "$tmp/nl/outer"
weird="$tmp/nl/src/$(printf 'x\n..\t%s' y)"
mkdir -p "$weird" && cp "$sample" "$weird/a.md" && cp "$sample" "$tmp/nl/src/keep.md"
echo "victim" > "$tmp/nl/outer/a.md"; echo "victim" > "$tmp/nl/victim.md"
b -o "$tmp/nl/out" "$tmp/nl/src" && ok || bad "a tree with a newline in a folder name: $(cat "$tmp/err")"
"$bin" build -o "$tmp/nl/out" "$tmp/nl/src" > /dev/null 2> "$tmp/err"
grep -q "^2 sources: 0 built, 2 unchanged" "$tmp/err" && ok || bad "a newline in a name rebuilt: $(tail -1 "$tmp/err")"
rm -r "$weird"
b -o "$tmp/nl/out" "$tmp/nl/src"
[ "$(find "$tmp/nl/out" -name 'a.*' | wc -l)" -eq 0 ] && ok || bad "the annexes of a gone source with a newline in its folder were left: $(find "$tmp/nl/out" -name 'a.*')"
[ -f "$tmp/nl/outer/a.md" ] && [ -f "$tmp/nl/victim.md" ] && [ -s "$tmp/nl/out/keep.html" ] && ok || bad "a build removed a file outside its output"
# a forged state: lines naming ../victim.md and an absolute path, with the
# right hashes, and a line whose annex was changed by hand
cp "$sample" "$tmp/nl/src/gone.md"; b -o "$tmp/nl/out" "$tmp/nl/src"; rm "$tmp/nl/src/gone.md"
echo "edited by hand" >> "$tmp/nl/out/gone.html"
h=$(awk -F'\t' '$2 == "keep.md" { print $7 }' "$tmp/nl/out/.wpgen-state")
{ cat "$tmp/nl/out/.wpgen-state"
  printf '%s\t../victim.md\t7\t0\t0\t0\t%s\t%s\t%s\t0\t0\t0\tk\tt\n' "$tmp/nl/src/v.md" "$h" "$h" "$h"
  printf '%s\t%%2Ftmp%%2Fx.md\t7\t0\t0\t0\t%s\t%s\t%s\t0\t0\t0\tk\tt\n' "$tmp/nl/src/w.md" "$h" "$h" "$h"; } > "$tmp/nl/state"
cp "$tmp/nl/state" "$tmp/nl/out/.wpgen-state"
"$bin" build -o "$tmp/nl/out" "$tmp/nl/src" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ -f "$tmp/nl/victim.md" ] && ok || bad "a forged state removed ../victim.md (exit $rc)"
grep -q "changed since wpgen wrote them: left in place" "$tmp/err" && [ -f "$tmp/nl/out/gone.html" ] && [ ! -f "$tmp/nl/out/gone.md" ] &&
	ok || bad "an annex changed by hand was removed, or not said: $(cat "$tmp/err")"

# an output over its own source: refused, nothing written
mkdir -p "$tmp/ov" && cp "$sample" "$tmp/ov/s.md" && cp "$sample" "$tmp/ov/t.md"
"$bin" build -o "$tmp/ov" "$tmp/ov" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "build.source" "$tmp/err" && cmp -s "$tmp/ov/s.md" "$sample" && cmp -s "$tmp/ov/t.md" "$sample" &&
	[ ! -e "$tmp/ov/s.html" ] && ok || bad "build -o src src: exit $rc, $(head -2 "$tmp/err")"

# building one file leaves every other annex alone
mkdir -p "$tmp/one2" && cp "$sample" "$tmp/one2/a.md" && cp "$sample" "$tmp/one2/b.md"
b -o "$tmp/o2" "$tmp/one2"; b -o "$tmp/o2" "$tmp/one2/a.md"
[ -s "$tmp/o2/b.html" ] && [ -s "$tmp/o2/b.md" ] && ok || bad "building one file removed another's annexes"
b -o "$tmp/o2" "$tmp/one2"
grep -q "^$tmp/one2/b.md" "$tmp/o2/.wpgen-state" 2>/dev/null || grep -q "b.md" "$tmp/o2/.wpgen-state" && ok || bad "the state lost b.md"

# outputs are not world-writable, whatever the threads do with the umask
mkdir -p "$tmp/um"; for i in $(seq 1 24); do mkdir -p "$tmp/um/d$i"; cp "$sample" "$tmp/um/d$i/s.md"; done
(umask 022; for r in 1 2 3; do rm -rf "$tmp/umo"; "$bin" build -q -j 8 -o "$tmp/umo" "$tmp/um" 2>/dev/null; \
	find "$tmp/umo" -perm /022 | head -1; done) > "$tmp/perm"
[ ! -s "$tmp/perm" ] && ok || bad "build -j 8 left group- or world-writable outputs: $(head -1 "$tmp/perm")"
# (the race is rare on two cores: what makes it impossible is that wpgen
# never calls umask(), which every thread shares)
if command -v strace > /dev/null 2>&1; then
	rm -rf "$tmp/umo"; strace -f -qq -e trace=umask -o "$tmp/strace" "$bin" build -q -j 4 -o "$tmp/umo" "$tmp/um" 2>/dev/null
	[ -s "$tmp/strace" ] && bad "wpgen called umask(): $(head -2 "$tmp/strace")" || ok
fi

# A source's file status (stat) stands for its bytes once it is older than
# the build that read it by two seconds (a change within one tick of the
# file system's clock could leave it as it was): a no-change build then
# reads no source, and writes nothing at all, the state included.
mkdir -p "$tmp/st" && cp input/ctfi-work-programme-2024-2027.md input/joint-work-plan-2025-2028.md "$tmp/st/"
st=$tmp/st/ctfi-work-programme-2024-2027.md
sigs() { awk -F'\t' 'NR > 4 { print $22 }' "$tmp/sto/.wpgen-state"; } # (the stat's field: after 5 keys, 5 hashes and the counts)
reads() { # the sources a build opens (-1: strace saw no build at all, not even its state)
	strace -f -qq -e trace=open,openat -o "$tmp/strace" "$bin" build -q -o "$tmp/sto" "$tmp/st" 2>/dev/null
	grep -q '/\.wpgen-state"' "$tmp/strace" 2>/dev/null || { echo -1; return; }
	grep -c "$tmp/st/[a-z0-9-]*\.md\"" "$tmp/strace"
}
b -o "$tmp/sto" "$tmp/st"
[ "$(sigs | wc -l)" -eq 2 ] && [ "$(sigs | grep -cv '^0*$')" -eq 0 ] && ok || bad "the stat of a source written just now was recorded: $(sigs)"
touch -d '-1 minute' "$tmp/st/"*
b -o "$tmp/sto" "$tmp/st"
[ "$(sigs | wc -l)" -eq 2 ] && [ "$(sigs | grep -c '^0*$')" -eq 0 ] && ok || bad "the stat of a settled source was not recorded: $(sigs)"
if command -v strace > /dev/null 2>&1; then
	stamp
	[ "$(reads)" -eq 0 ] && ok || bad "a no-change build read sources whose stat stands for them: $(grep "$tmp/st/" "$tmp/strace" | head -2)"
	[ -z "$(find "$tmp/sto" -type f -newer "$tmp/stamp")" ] && ok ||
		bad "a settled no-change build wrote $(find "$tmp/sto" -type f -newer "$tmp/stamp")"
	# nor reads the sources' findings (the state names them; only the
	# index page shows them, and it is not made again): of .wpgen-findings,
	# its first line at most (which names it)
	strace -f -qq -e trace=openat,read,close -o "$tmp/strace" "$bin" build -q -o "$tmp/sto" "$tmp/st" 2>/dev/null
	got=$(awk '/wpgen-findings"/ && /= [0-9]+$/ { fd = $NF } fd != "" && $0 ~ "read\\(" fd "," { sub(/.*= /, ""); n += $0 }
		fd != "" && $0 ~ "close\\(" fd "\\)" { fd = "" } END { print n + 0 }' "$tmp/strace")
	[ "$got" -le 64 ] && ok || bad "a no-change build read $got bytes of the findings"
	# a profile of the data folder edited: a source may now fit it better,
	# so every source whose profile is picked by structure is read again
	cp "$tmp/data/profiles/action-points.yaml" "$tmp/ap.yaml"
	echo '# edited' >> "$tmp/data/profiles/action-points.yaml"
	[ "$(reads)" -eq 2 ] && ok || bad "sources not read again after a profile changed: $(reads) read"
	cp "$tmp/ap.yaml" "$tmp/data/profiles/action-points.yaml"
	reads > /dev/null
else
	echo "build: strace is absent: that a no-change build reads no source is not checked"
fi
# the findings of the sources that did not change are kept when another
# one did (read from the last build's .wpgen-findings, by the state's
# offsets); a .wpgen-findings that is not the one the state names (lost,
# edited, or a build stopped between writing it and the state): every
# source is built again, and none of their findings is lost
mkdir -p "$tmp/fs"
sed 's/^| 3\. /| 5. /; s/| Green |/| Purple |/' input/ctfi-work-programme-2024-2027.md > "$tmp/fs/faulty.md"
cp input/joint-work-plan-2025-2028.md "$tmp/fs/"
nf() { grep -c ': \(error\|warning\|note\): ' "$tmp/fso/index.html"; }
fb() { "$bin" build -o "$tmp/fso" "$tmp/fs" > /dev/null 2> "$tmp/err"; }
fb
all=$(nf)
[ "$all" -gt 2 ] && ok || bad "the index page lists $all findings"
echo >> "$tmp/fs/joint-work-plan-2025-2028.md"
fb
grep -q '1 built, 1 unchanged' "$tmp/err" && [ "$(nf)" -eq "$all" ] && ok ||
	bad "with one source changed, the index lists $(nf) of $all findings ($(tail -1 "$tmp/err"))"
for how in remove edit; do
	if [ $how = remove ]; then rm "$tmp/fso/.wpgen-findings"; else sed -i '2s/^/x/' "$tmp/fso/.wpgen-findings"; fi
	fb
	grep -q '2 built, 0 unchanged' "$tmp/err" && [ "$(nf)" -eq "$all" ] && ok ||
		bad "a $how'd .wpgen-findings: $(tail -1 "$tmp/err"), $(nf) of $all findings listed"
done
# edited to the same size (so that its first line and size still name it):
# found when it is read, and said
sed -i '2s/e/f/' "$tmp/fso/.wpgen-findings"
echo >> "$tmp/fs/joint-work-plan-2025-2028.md"
fb
grep -q "the findings of 1 unchanged source were not in .wpgen-findings as the state says" "$tmp/err" && ok ||
	bad "findings lost from an edited .wpgen-findings were not said: $(cat "$tmp/err")"
# the index page is made again only when it is not the one the state
# records: edited or removed by hand, it is written again as it was
cp "$tmp/sto/index.html" "$tmp/index-sto.html"
echo '<!-- edited by hand -->' >> "$tmp/sto/index.html"
b -o "$tmp/sto" "$tmp/st"
cmp -s "$tmp/sto/index.html" "$tmp/index-sto.html" && ok || bad "a no-change build kept an index page edited by hand"
# (an edit that keeps its size: what stat says of it changes all the same)
sed -i 's/<html/<htmx/' "$tmp/sto/index.html"
b -o "$tmp/sto" "$tmp/st"
cmp -s "$tmp/sto/index.html" "$tmp/index-sto.html" && ok || bad "a no-change build kept an index page edited by hand, its size the same"
rm "$tmp/sto/index.html"
b -o "$tmp/sto" "$tmp/st"
cmp -s "$tmp/sto/index.html" "$tmp/index-sto.html" && ok || bad "a no-change build did not write a removed index page again"
# new bytes in place, of the same size, the modification time put back:
# the status still changed (its change time), so the source is read and built
off=$(grep -bo 'COMMITTEE ON TRADE' "$st" | head -1 | cut -d: -f1)
touch -r "$st" "$tmp/ref"
printf 'COMMITTEE 0N TRADE' | dd of="$st" bs=1 seek="$off" conv=notrunc 2>/dev/null
touch -r "$tmp/ref" "$st"
b -o "$tmp/sto" "$tmp/st"
grep -q 'COMMITTEE 0N TRADE' "$tmp/sto/ctfi-work-programme-2024-2027.html" && ok ||
	bad "new bytes under the same size and modification time were not built"

# symbolic links that loop: each real folder is walked once
mkdir -p "$tmp/loop/x" && cp "$sample" "$tmp/loop/x/s.md"
ln -s .. "$tmp/loop/x/up"; ln -s ../x "$tmp/loop/x/again"
timeout 20 "$bin" build -o "$tmp/lo" "$tmp/loop" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(find "$tmp/lo" -name 's.html' | wc -l)" -eq 1 ] && ok ||
	bad "links that loop: exit $rc, $(find "$tmp/lo" -name 's.html' | wc -l) copies"
grep -q "x/up: note: a link back to .*a folder above it: a loop of links.*build.loop" "$tmp/err" && ok || bad "a loop of links is not named: $(cat "$tmp/err")"
# a link out of the tree is not followed (nothing outside is published),
# nor one that leads nowhere; each is said; --follow-links follows
mkdir -p "$tmp/outside" "$tmp/inner/d" && cp "$sample" "$tmp/outside/secret.md" && cp "$sample" "$tmp/inner/d/s.md"
ln -s "$tmp/outside" "$tmp/inner/d/ext"; ln -s "$tmp/outside/secret.md" "$tmp/inner/file.md"; ln -s "$tmp/nowhere" "$tmp/inner/dead.md"
ln -s d "$tmp/inner/same"  # a link inside the tree: followed (the folder once)
"$bin" build -o "$tmp/io" "$tmp/inner" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ -z "$(find "$tmp/io" -name 'secret.html' -o -name 'file.html')" ] && [ -f "$tmp/io/d/s.html" ] &&
	grep -q "inner/d/ext: note: a symbolic link to '$tmp/outside', outside the tree.*build.link" "$tmp/err" &&
	grep -q "inner/file.md: note: a symbolic link to.*build.link" "$tmp/err" &&
	grep -q "inner/dead.md: note: a symbolic link that leads nowhere.*build.link" "$tmp/err" &&
	grep -q "inner/same: note: the folder '.*inner/d', walked already by another path.*build.loop" "$tmp/err" && ok ||
	bad "links out of the tree: exit $rc, $(find "$tmp/io" -name '*.html' | tr '\n' ' ') $(cat "$tmp/err")"
"$bin" build --follow-links -o "$tmp/if" "$tmp/inner" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ -f "$tmp/if/d/ext/secret.html" ] && [ -f "$tmp/if/file.html" ] && ok ||
	bad "--follow-links: exit $rc, $(find "$tmp/if" -name '*.html' | tr '\n' ' ')"

# Markdown that is not a programme is skipped in a folder (a note, no
# annex, no errors); an annex an earlier build made of it is removed;
# named on its own, it is read
mkdir -p "$tmp/np" && cp "$sample" "$tmp/np/p.md" && cp "$sample" "$tmp/np/later.md" && cp README.md "$tmp/np/README.md"
printf '# Minutes\n\n## Item 1\n\nAgreed.\n' > "$tmp/np/minutes.md"
"$bin" build -o "$tmp/npo" "$tmp/np" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ -f "$tmp/npo/p.html" ] && [ -f "$tmp/npo/later.html" ] && [ ! -e "$tmp/npo/README.html" ] && [ ! -e "$tmp/npo/minutes.html" ] &&
	[ "$(grep -c 'read.skipped' "$tmp/err")" -eq 2 ] && grep -q "2 sources: 2 built.*2 skipped (not programmes); 0 errors" "$tmp/err" &&
	! grep -q 'README' "$tmp/npo/index.html" && ok || bad "skipping what is not a programme: exit $rc, $(cat "$tmp/err")"
{ printf -- '---\nprogramme: no\n---\n'; cat "$sample"; } > "$tmp/np/later.md"
"$bin" build -o "$tmp/npo" "$tmp/np" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ ! -e "$tmp/npo/later.html" ] && [ -f "$tmp/npo/p.html" ] && ! grep -q 'later' "$tmp/npo/index.html" &&
	grep -q "removed $tmp/np/later.md" "$tmp/err" && ok || bad "an annex of what is no longer a programme: exit $rc, $(cat "$tmp/err")"
"$bin" build -o "$tmp/npo" "$tmp/np/minutes.md" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "minutes.md:1:1: error" "$tmp/err" && ok || bad "a file named is read: exit $rc, $(cat "$tmp/err")"

# a build state that is not a regular file (a FIFO, a link to a device):
# said, nothing built or written, exit 2, never a hang or a runaway read
mkdir -p "$tmp/bs/src" "$tmp/bs/out" && cp "$sample" "$tmp/bs/src/"
mkfifo "$tmp/bs/out/.wpgen-state"
timeout 20 "$bin" build -o "$tmp/bs/out" "$tmp/bs/src" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "wpgen-state: error: the build state cannot be read: not a regular file" "$tmp/err" &&
	[ -p "$tmp/bs/out/.wpgen-state" ] && [ -z "$(find "$tmp/bs/out" -name '*.html')" ] && ok || bad "a FIFO state: exit $rc, $(cat "$tmp/err")"
rm "$tmp/bs/out/.wpgen-state" && ln -s /dev/zero "$tmp/bs/out/.wpgen-state"
timeout 20 "$bin" build -o "$tmp/bs/out" "$tmp/bs/src" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 2 ] && grep -q "the build state cannot be read: not a regular file" "$tmp/err" && [ -L "$tmp/bs/out/.wpgen-state" ] &&
	ok || bad "a state linked to /dev/zero: exit $rc, $(cat "$tmp/err")"

# two builds into one folder: the second waits, and says so; nothing lost
mkdir -p "$tmp/two" && for i in 1 2 3 4 5 6; do cp "$sample" "$tmp/two/s$i.md"; done
WPGEN_TEST_SLOW_WRITES=1 "$bin" build -j 1 -o "$tmp/tw" "$tmp/two" > /dev/null 2> "$tmp/err1" &
pid=$!; sleep 0.2
"$bin" build -j 1 -o "$tmp/tw" "$tmp/two" > /dev/null 2> "$tmp/err2"; rc2=$?
wait $pid; rc1=$?
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$(grep -c 'href="s[0-9].html"' "$tmp/tw/index.html")" -eq 6 ] && ok ||
	bad "two builds into one folder: exits $rc1 $rc2, index $(grep -c href "$tmp/tw/index.html")"
if command -v flock > /dev/null 2>&1; then # hold the lock as another build would
	flock "$tmp/tw/.wpgen-lock" sleep 1 & sleep 0.2
	start=$(date +%s%N); "$bin" build -o "$tmp/tw" "$tmp/two" > /dev/null 2> "$tmp/err2"
	ms=$(( ($(date +%s%N) - start) / 1000000 )); wait
	grep -q "waiting for another build into '$tmp/tw'" "$tmp/err2" && [ $ms -ge 500 ] && ok || bad "a held lock: not waited ($ms ms): $(cat "$tmp/err2")"
fi

# two sources of one annex: an error naming both, exit 1
b -o "$tmp/c3" "$tmp/clash"; rc=$?
[ $rc -eq 1 ] && grep -q "'$tmp/clash/x.md' and '$tmp/clash/x.xml' would write the same annexes" "$tmp/err" && ok ||
	bad "a clash: exit $rc, $(cat "$tmp/err")"
# -q prints the errors
printf '%%PDF-1.7' > "$tmp/one2/bad.md"
"$bin" build -q -o "$tmp/o2" "$tmp/one2" > /dev/null 2> "$tmp/err"; rc=$?
[ $rc -eq 1 ] && grep -q "bad.md.*read.binary" "$tmp/err" && ok || bad "build -q printed no error: $(cat "$tmp/err")"

# --depfile for a project's own Makefile
"$bin" render -o "$tmp/x.html" --depfile "$tmp/x.d" input/ctfi-work-programme-2024-2027.md 2>/dev/null
grep -q "^$tmp/x.html: input/ctfi-work-programme-2024-2027.md .*templates/annex-html.xsl .*profiles/wco-working-body.yaml .*profiles/joint-work-plan.yaml" "$tmp/x.d" \
	&& ok || bad "depfile: $(cat "$tmp/x.d")"
"$bin" render --depfile "$tmp/y.d" input/ctfi-work-programme-2024-2027.md > /dev/null 2> "$tmp/err"
[ $? -eq 2 ] && grep -q "needs -o" "$tmp/err" && ok || bad "--depfile without -o"

echo "build: $pass passed, $fail failed"
[ $fail -eq 0 ]
