#!/bin/sh
# CLI tests: exit codes, messages, and that output files are written whole
# or not at all.   sh tests/cli.sh BINARY
bin=${1:?usage: cli.sh BINARY}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
sample=input/ctfi-work-programme-2024-2027.md

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "cli: FAIL: $*"; }

# expect CODE PATTERN-IN-STDERR -- command...
expect() {
	code=$1 pat=$2
	shift 2
	"$@" > "$tmp/stdout" 2> "$tmp/stderr"
	got=$?
	if [ $got -ne "$code" ]; then bad "$* exited $got, not $code: $(head -3 "$tmp/stderr")"; return; fi
	if [ -n "$pat" ] && ! grep -q -e "$pat" "$tmp/stderr"; then bad "$*: stderr lacks '$pat': $(head -3 "$tmp/stderr")"; return; fi
	ok
}
absent() { if [ -e "$1" ]; then bad "$1 was written"; else ok; fi; }

# usage
expect 0 "" "$bin" --help
grep -q "render" "$tmp/stdout" && ok || bad "--help does not list render"
expect 0 "" "$bin" --version
grep -q "^wpgen [0-9]" "$tmp/stdout" && ok || bad "--version"
expect 0 "" "$bin" render --help
grep -q -- "--template" "$tmp/stdout" && ok || bad "render --help"
expect 0 "" "$bin" check --help
expect 2 "Try 'wpgen --help'" "$bin"
expect 2 "unknown command 'frobnicate'" "$bin" frobnicate
expect 2 "unknown option '--nope'" "$bin" render --nope "$sample"
expect 2 "needs an argument" "$bin" render "$sample" --to
expect 2 "unknown format 'pdf'" "$bin" render --to pdf "$sample"
expect 2 "one SOURCE" "$bin" render
expect 2 "at least one SOURCE" "$bin" check
expect 2 "does not apply" "$bin" check --to md "$sample"

# good input: stdout, -o, stdin
expect 0 "" "$bin" render --to html "$sample"
grep -q "<!DOCTYPE html>" "$tmp/stdout" && ok || bad "html on stdout"
expect 0 "" "$bin" render --to md -o "$tmp/a.md" "$sample"
[ -s "$tmp/a.md" ] && ok || bad "-o wrote nothing"
expect 0 "" sh -c "cat '$sample' | '$bin' render --to xml -"
grep -q 'source="&lt;stdin&gt;"' "$tmp/stdout" && ok || bad "stdin source name"
expect 0 "2 sections (I: 6 activities, II: 4 activities)" "$bin" render --summary --to md -o "$tmp/b.md" "$sample"
expect 0 "0 errors, 0 warnings in 1 file" "$bin" check "$sample"

# the Word annex: written whole, read back as the same programme in each
# version of its tracked changes (paragraphs compared as text: a soft line
# break is a space in Word)
expect 0 "" "$bin" render --to docx -o "$tmp/a.docx" "$sample"
[ "$(head -c 2 "$tmp/a.docx")" = "PK" ] && ok || bad "render --to docx wrote no package"
para() { awk 'BEGIN{RS="";ORS="\n\n"}{gsub(/\n/," ")}1' | sed 's/<u>/<ins>/g; s/<\/u>/<\/ins>/g'; }
for v in show accept reject; do
	"$bin" render --changes $v --to md "$sample" 2>/dev/null | para > "$tmp/a-$v.md"
	"$bin" render --changes $v --to md "$tmp/a.docx" 2>/dev/null | para > "$tmp/b-$v.md"
	cmp -s "$tmp/a-$v.md" "$tmp/b-$v.md" && ok || bad "the Word annex read back ($v) is another programme: $(diff "$tmp/a-$v.md" "$tmp/b-$v.md" | head -4)"
done
"$bin" check --format json "$sample" 2>/dev/null | jq -r '.[].rule' | sort > "$tmp/rules-a"
"$bin" check --format json "$tmp/a.docx" 2>/dev/null | jq -r '.[].rule' | sort > "$tmp/rules-b"
cmp -s "$tmp/rules-a" "$tmp/rules-b" && ok || bad "the Word annex is checked otherwise than its source"
expect 0 "" sh -c "'$bin' render --to docx '$sample' | cat > '$tmp/piped.docx'"
cmp -s "$tmp/piped.docx" "$tmp/a.docx" && ok || bad "the Word annex on a pipe differs from -o's (or is not the same bytes twice)"
expect 2 "does not apply to --to docx" "$bin" render --to docx --template templates/annex-html.xsl -o "$tmp/t.docx" "$sample"
absent "$tmp/t.docx"
expect 2 "applies to --to docx only" "$bin" render --reference-doc "$tmp/a.docx" -o "$tmp/t.html" "$sample"
absent "$tmp/t.html"
expect 2 "cannot read the reference document" "$bin" render --to docx --reference-doc "$tmp/none.docx" -o "$tmp/t.docx" "$sample"
absent "$tmp/t.docx"
expect 2 "not a Word document" "$bin" render --to docx --reference-doc "$sample" -o "$tmp/t.docx" "$sample"
absent "$tmp/t.docx"
# a reference document: the annex itself will do (its styles and page)
expect 0 "" "$bin" render --to docx --reference-doc "$tmp/a.docx" --depfile "$tmp/t.d" -o "$tmp/t.docx" "$sample"
grep -q "a.docx" "$tmp/t.d" && ok || bad "the depfile does not name the reference document: $(cat "$tmp/t.d")"
"$bin" render --to md "$tmp/t.docx" 2>/dev/null | para > "$tmp/t.md"
cmp -s "$tmp/t.md" "$tmp/b-show.md" && ok || bad "with a reference document, the annex reads back otherwise"

# the review page: written whole, every finding of check on it; exit as render
expect 1 "" "$bin" review -o "$tmp/review.html" tests/golden/scars.md
n=$("$bin" check --format json tests/golden/scars.md 2>/dev/null | jq length)
[ "$(grep -o '<li class="sev-[a-z]*" id="l[0-9]*"' "$tmp/review.html" | wc -l)" -eq "$n" ] && ok || bad "the review page does not list check's $n findings"
grep -q "script-src 'sha256-" "$tmp/review.html" && ok || bad "the review page's script is not allowed by its hash"
expect 0 "" "$bin" review -o "$tmp/review2.html" "$sample"
grep -q '<p>No findings.</p>' "$tmp/review2.html" && ok || bad "a clean programme's review page does not say so"
expect 2 "review takes one SOURCE" "$bin" review
expect 2 "cannot read" "$bin" review -o "$tmp/review3.html" "$tmp/absent.md"
absent "$tmp/review3.html"
expect 2 "does not apply" "$bin" review --to docx "$sample"
cp "$sample" "$tmp/self.md"
expect 2 "which this command reads" "$bin" review -o "$tmp/self.md" "$tmp/self.md"

# bad input: clear message, exit 1 or 2, no output file
expect 2 "cannot read '$tmp/missing.md': No such file or directory" "$bin" render -o "$tmp/o1.html" "$tmp/missing.md"
absent "$tmp/o1.html"
: > "$tmp/empty.md"
expect 1 "empty.md:1:1: error: the document is empty" "$bin" render -o "$tmp/o2.html" "$tmp/empty.md"
absent "$tmp/o2.html"
printf '%%PDF-1.7\n%s' "$(head -c 3000 /bin/sh | tr -d '\000')" > "$tmp/bin.md"
head -c 4000 /bin/sh > "$tmp/elf.md"
expect 1 "binary data" "$bin" render -o "$tmp/o3.html" "$tmp/bin.md"
absent "$tmp/o3.html"
expect 1 "binary data" "$bin" check "$tmp/elf.md"
printf '# A title\n\nJust prose, no table.\n' > "$tmp/prose.md"
expect 1 "no work-programme table" "$bin" render -o "$tmp/o4.html" "$tmp/prose.md"
absent "$tmp/o4.html"
expect 2 "" "$bin" render "$tmp"
grep -q "Is a directory" "$tmp/stderr" && ok || bad "a folder as source"

# invalid UTF-8 and NUL: reported at line:column, replaced, later rows read
{ sed -n '1,10p' "$sample"; printf '| 9. | A | Y | bad \377 byte | SP1 | Update | CTFI | one | kpi | 2025 | p | |\n| 10. | A | Y | nul \000 here | SP1 | Update | CTFI | one | kpi | 2025 | p | |\n| 11. | A | Y | after | SP1 | Update | CTFI | one | kpi | 2025 | p | |\n'; } > "$tmp/utf.md"
expect 1 "utf.md:11:20: error: invalid UTF-8 byte 0xFF" "$bin" render --to xml -o "$tmp/utf.xml" "$tmp/utf.md"
grep -q "utf.md:12:21: error: NUL byte" "$tmp/stderr" && ok || bad "NUL position"
grep -q "after" "$tmp/utf.xml" && grep -q "bad $(printf '\357\277\275') byte" "$tmp/utf.xml" && ok || bad "rows after a bad byte"

# writes: whole or not at all
"$bin" render -o "$tmp/keep.html" "$sample" 2>/dev/null
cp "$tmp/keep.html" "$tmp/keep.orig"
expect 1 "empty" "$bin" render -o "$tmp/keep.html" "$tmp/empty.md"
cmp -s "$tmp/keep.html" "$tmp/keep.orig" && ok || bad "a failed render touched the old output"
expect 2 "cannot write '$tmp/keep.html/x.html'" "$bin" render -o "$tmp/keep.html/x.html" "$sample"
cmp -s "$tmp/keep.html" "$tmp/keep.orig" && ok || bad "old output changed"
[ "$(ls "$tmp" | grep -c '\.tmp\.')" -eq 0 ] && ok || bad "a temporary file was left behind"
if [ -w /dev/full ]; then
	expect 2 "cannot write to standard output" sh -c "'$bin' render '$sample' > /dev/full"
	expect 2 "cannot write '/dev/full': No space left on device" "$bin" render -o /dev/full "$sample"
	[ -c /dev/full ] && ok || bad "/dev/full is no longer a device"
fi
expect 0 "" "$bin" render -o /dev/null "$sample"
[ -c /dev/null ] && ok || bad "/dev/null is no longer a device"


# templates and profiles
cat > "$tmp/count.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="urn:wpgen:programme:1">
<xsl:output method="text"/>
<xsl:template match="/">activities=<xsl:value-of select="count(//w:activity)"/></xsl:template>
</xsl:stylesheet>
XSL
expect 0 "" "$bin" render --template "$tmp/count.xsl" "$sample"
[ "$(cat "$tmp/stdout")" = "activities=10" ] && ok || bad "custom template: $(cat "$tmp/stdout")"
printf 'not xml' > "$tmp/broken.xsl"
expect 2 "broken.xsl" "$bin" render --template "$tmp/broken.xsl" -o "$tmp/o5.html" "$sample"
absent "$tmp/o5.html"
expect 2 "no profile named 'nosuch'" "$bin" render --profile nosuch "$sample"
expect 2 "p.yaml:2:" sh -c "printf 'name: [x\n' > '$tmp/p.yaml'; '$bin' check --profile '$tmp/p.yaml' '$sample'"
expect 0 "" "$bin" check --profile wco-working-body "$sample"
expect 0 "" "$bin" check --profile profiles/wco-working-body.yaml "$sample"

# several files: the worst exit code, one summary
expect 1 "1 error, 0 warnings in 2 files" "$bin" check "$sample" "$tmp/empty.md"
expect 2 "" "$bin" check "$sample" "$tmp/missing.md"

# a 5 MB cell is read and rendered whole
{ sed -n '1,6p' "$sample"; printf '| 1. | A | Y | '; head -c 5242880 /dev/zero | tr '\000' 'w'; printf ' | SP1 | Update | CTFI | one | kpi | 2025 | p | |\n'; } > "$tmp/big.md"
expect 1 "footnote.undefined" timeout 60 "$bin" render -o "$tmp/big.html" "$tmp/big.md"
[ "$(tr -cd w < "$tmp/big.html" | wc -c)" -ge 5242880 ] && ok || bad "5 MB cell not whole"

# XML sources: hostile documents are refused quickly and clearly
echo "SECRET-CONTENT-42" > "$tmp/secret.txt"
printf '<?xml version="1.0"?>\n<!DOCTYPE programme [<!ENTITY x SYSTEM "file://%s/secret.txt">]>\n<programme xmlns="urn:wpgen:programme:1"><header><title>&x;</title></header></programme>\n' "$tmp" > "$tmp/xxe.xml"
expect 1 "xxe.xml:2:1: error: a document type declaration" timeout 5 "$bin" render --to md "$tmp/xxe.xml"
grep -q SECRET "$tmp/stdout" "$tmp/stderr" && bad "an external entity was read" || ok
{ printf '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
  i=1; prev='&lol;'; while [ $i -le 9 ]; do r=""; j=0; while [ $j -lt 10 ]; do r="$r$prev"; j=$((j+1)); done
  printf '<!ENTITY lol%d "%s">\n' $i "$r"; prev="&lol$i;"; i=$((i+1)); done
  printf ']>\n<programme xmlns="urn:wpgen:programme:1"><header><title>&lol9;</title></header></programme>\n'; } > "$tmp/laughs.xml"
expect 1 "DOCTYPE" timeout 5 "$bin" check "$tmp/laughs.xml"
{ printf '<programme xmlns="urn:wpgen:programme:1"><header/><preamble><p>'
  yes '<b>' | head -n 100000 | tr -d '\n'; printf 'x'; yes '</b>' | head -n 100000 | tr -d '\n'
  printf '</p></preamble></programme>'; } > "$tmp/deep.xml"
expect 1 "Excessive depth" timeout 5 "$bin" check "$tmp/deep.xml"
{ printf '<programme xmlns="urn:wpgen:programme:1"><header><title>'; head -c 52428800 /dev/zero | tr '\000' a
  printf '</title></header></programme>'; } > "$tmp/big.xml"
start=$(date +%s%N)
expect 1 "xml.limit" timeout 10 "$bin" check "$tmp/big.xml"
ms=$(( ($(date +%s%N) - start) / 1000000 )); { [ $ms -lt 1000 ] || [ "${WPGEN_SLOW:-0}" = 1 ]; } && ok || bad "a 50 MB text node took $ms ms (over a second)"
printf '<programme xmlns="urn:wpgen:programme:1"><header><title>T</title></header><section kind="x"><columns>' > "$tmp/trunc.xml"
expect 1 "trunc.xml:1:[0-9]*: error: Premature end of data" "$bin" check "$tmp/trunc.xml"
printf '<programme xmlns="http://other.example/ns"><header/></programme>' > "$tmp/ns.xml"
expect 1 "xml.namespace" "$bin" check "$tmp/ns.xml"
printf '<programme xmlns="urn:wpgen:programme:1">\n<header/>\n<section kind="t"><columns><column key="number">No.</column></columns>\n<activity><field key="number"><p>1.</p></field><bogus/></activity>\n</section>\n</programme>\n' > "$tmp/schema.xml"
expect 1 "schema.xml:4:1: error: .*\\[xml.schema\\]" "$bin" check "$tmp/schema.xml"
: > "$tmp/empty.xml"
expect 1 "empty" "$bin" check "$tmp/empty.xml"

# convert: lossless both ways, on the samples (the real document in test_seed)
for src in input/*.md tests/golden/*.md; do
	"$bin" convert --to xml -o "$tmp/c.xml" "$src" 2>/dev/null
	"$bin" convert --to md -o "$tmp/c1.md" "$src" 2>/dev/null
	"$bin" convert --to md -o "$tmp/c2.md" "$tmp/c.xml" 2>/dev/null
	"$bin" convert --to xml -o "$tmp/c2.xml" "$tmp/c.xml" 2>/dev/null
	cmp -s "$tmp/c1.md" "$tmp/c2.md" && ok || bad "$src: Markdown -> XML -> Markdown differs from Markdown -> Markdown"
	cmp -s "$tmp/c.xml" "$tmp/c2.xml" && ok || bad "$src: XML -> XML is not a fixed point"
	xmllint --noout --relaxng schema/wpgen.rng "$tmp/c.xml" 2>/dev/null && ok || bad "$src: converted XML is not valid"
done
"$bin" render --to xml "$sample" 2>/dev/null | xmllint --noout --relaxng schema/wpgen.rng - 2>/dev/null && ok || bad "annotated XML is not valid"
"$bin" convert --to xml -o "$tmp/sample.xml" "$sample" 2>/dev/null
expect 0 "" "$bin" render --to html -o "$tmp/fromxml.html" "$tmp/sample.xml"
"$bin" render --to html -o "$tmp/frommd.html" "$sample" 2>/dev/null
# the same but for where a paragraph continued across a page break (a Markdown source's provenance)
sed 's/ class="continued" title="[^"]*"//g' "$tmp/frommd.html" > "$tmp/frommd2.html"
cmp -s "$tmp/fromxml.html" "$tmp/frommd2.html" && ok || bad "the HTML annex differs between an XML and a Markdown source"
expect 2 "convert needs --to" "$bin" convert "$sample"
# metadata: front matter, --set, unknown keys
expect 0 "" "$bin" convert --to md --set session="246th Session" --set as_of=2025-04-01 "$sample"
head -4 "$tmp/stdout" | grep -q '^session: "246th Session"$' && ok || bad "--set did not reach the front matter"
cp "$tmp/stdout" "$tmp/fm.md"
expect 0 "" "$bin" convert --to xml "$tmp/fm.md"
grep -q '<as-of>2025-04-01</as-of>' "$tmp/stdout" && ok || bad "front matter as_of lost"
expect 0 "For the 246th Session" sh -c "'$bin' render '$tmp/fm.md' | grep -o 'For the 246th Session' >&2"
expect 2 "unknown key" "$bin" render --set colour=red "$sample"
expect 2 "YYYY-MM-DD" "$bin" render --set as_of=soon "$sample"
printf -- '---\nsesion: x\n---\n' | cat - "$sample" > "$tmp/typo.md"
expect 0 "typo.md:2:1: warning: unknown front-matter key 'sesion'.*\[meta.unknown-key\]" "$bin" check "$tmp/typo.md"

# the rule set: formats, options, fixes
scars=tests/golden/scars.md
expect 1 "" "$bin" check --format json "$scars"
jq -e 'type == "array" and length > 0 and all(.[]; has("file") and has("line") and has("column") and has("end_line")
	and has("end_column") and has("rule") and has("severity") and has("message"))' "$tmp/stdout" > /dev/null && ok || bad "json shape"
jq -e '[.[] | select(.fix)] | length > 0 and all(.[]; .fix | has("offset") and has("length") and has("replacement"))' \
	"$tmp/stdout" > /dev/null && ok || bad "json fixes"
expect 1 "" "$bin" check --format sarif "$scars"
jq -e '.version == "2.1.0" and (.runs | length == 1) and (.runs[0].tool.driver.name == "wpgen")
	and (.runs[0].tool.driver.rules | length > 30) and (.runs[0].results | length > 0)
	and all(.runs[0].results[]; (.ruleId | type == "string") and (.level | IN("error", "warning", "note"))
		and (.message.text | length > 0) and (.locations[0].physicalLocation.artifactLocation.uri | length > 0)
		and (.partialFingerprints["wpgenFinding/v2"] | test("^[0-9a-f]{16}:[0-9]+$")))' \
	"$tmp/stdout" > /dev/null && ok || bad "sarif shape"
jq -e '.runs[0] as $run | all($run.results[]; $run.tool.driver.rules[.ruleIndex].id == .ruleId)' "$tmp/stdout" > /dev/null \
	&& ok || bad "sarif ruleIndex"
# a finding keeps its fingerprint when lines above it move
cp "$scars" "$tmp/same.md"; printf '\n\n\n' | cat - "$scars" > "$tmp/same2.md"
a=$("$bin" check --format sarif "$tmp/same.md" 2>/dev/null | jq -c '[.runs[0].results[].partialFingerprints[]]')
mv "$tmp/same2.md" "$tmp/same.md"
b=$("$bin" check --format sarif "$tmp/same.md" 2>/dev/null | jq -c '[.runs[0].results[].partialFingerprints[]]')
[ "$a" = "$b" ] && [ "$a" != "[]" ] && ok || bad "fingerprints moved with the lines"
expect 1 "" "$bin" check --format github "$scars"
grep -q '^::error file=tests/golden/scars.md,line=[0-9]*,col=[0-9]*,title=table.cells::' "$tmp/stdout" && ok || bad "github format"
expect 2 "unknown format 'xml'" "$bin" check --format xml "$scars"
# --werror, --disable, --enable
printf '%s\n' "$(sed 's/| 2. | B | Y | Publish/| 2 | B | Y | Publish/' "$sample")" > "$tmp/dot.md"
expect 0 "number 2 lacks its final dot" "$bin" check "$tmp/dot.md"
expect 1 "" "$bin" check --werror "$tmp/dot.md"
expect 0 "0 errors, 0 warnings" "$bin" check --disable numbering "$tmp/dot.md"
expect 0 "lacks its final dot" "$bin" check --disable numbering --enable numbering.dot "$tmp/dot.md"
expect 2 "no rule or family of rules is named 'nonsense'" "$bin" check --disable nonsense "$sample"
expect 2 "YYYY-MM-DD" "$bin" check --as-of tomorrow "$sample"
expect 0 "" "$bin" check --as-of 2025-01-01 "$sample"
expect 0 "is overdue\|ended by" "$bin" check --as-of 2027-01-01 "$sample"
expect 2 "goes with --fix" "$bin" check --dry-run "$sample"
# --fix --dry-run prints a diff and changes nothing; --fix rewrites atomically
cp "$scars" "$tmp/fixme.md"
expect 1 "" "$bin" check --fix --dry-run "$tmp/fixme.md"
cmp -s "$scars" "$tmp/fixme.md" && ok || bad "--dry-run changed the file"
grep -q "^-| 3 2. |" "$tmp/stdout" && grep -q "^+| 2. |" "$tmp/stdout" && ok || bad "--dry-run diff: $(head -5 "$tmp/stdout")"
(cd "$tmp" && cp fixme.md fixme.orig && patch -s fixme.orig < stdout) && "$bin" check --fix "$tmp/fixme.md" 2>/dev/null
cmp -s "$tmp/fixme.md" "$tmp/fixme.orig" && ok || bad "the diff and --fix disagree"
expect 1 "fixes applied" "$bin" check --fix "$tmp/fixme.md"
grep -q "0 fixes applied" "$tmp/stderr" && ok || bad "a second --fix still found fixes"
[ "$(ls "$tmp" | grep -c '\.tmp\.')" -eq 0 ] && ok || bad "--fix left a temporary file"
if [ -w /dev/full ]; then
	# a diff, findings or rules that cannot be written: said once, exit 2;
	# a diff longer than stdio's buffer fails at a flush before the last
	{ sed -n '1,6p' "$sample"; i=1; while [ $i -le 300 ]; do
		echo "| $i | B | Y | Task $i | SP1 | Update | CTFI | One officer | Done | 2025 | In progress. | Blue |"; i=$((i + 1)); done; } > "$tmp/bigfix.md"
	cp "$tmp/bigfix.md" "$tmp/bigfix.orig"
	expect 2 "cannot write to standard output" sh -c "'$bin' check --fix --dry-run '$tmp/bigfix.md' > /dev/full"
	[ "$(grep -c 'cannot write to standard output' "$tmp/stderr")" = 1 ] && ok || bad "the failed write was said $(grep -c 'cannot write' "$tmp/stderr") times"
	cmp -s "$tmp/bigfix.md" "$tmp/bigfix.orig" && ok || bad "--dry-run into a full disk changed the file"
	expect 2 "cannot write to standard output" sh -c "'$bin' check --format json '$scars' > /dev/full"
	expect 2 "cannot write to standard output" sh -c "'$bin' rules --format md > /dev/full"
fi
expect 2 "use --dry-run" sh -c "cat '$scars' | '$bin' check --fix -"
# render runs the rules; --strict writes nothing on errors
expect 1 "table.cells" "$bin" render -o "$tmp/s1.html" "$scars"
[ -s "$tmp/s1.html" ] && ok || bad "render without --strict wrote nothing"
expect 1 "nothing written" "$bin" render --strict -o "$tmp/s2.html" "$scars"
absent "$tmp/s2.html"
expect 0 "" "$bin" render --strict -o "$tmp/s3.html" "$sample"

# reading limits: refused with a message naming the option; --limit raises them
awk 'BEGIN { for (i = 0; i < 300; i++) printf "| c%d ", i; print "|"; for (i = 0; i < 300; i++) printf "|---"; print "|" }' > "$tmp/wide.md"
cat "$sample" >> "$tmp/wide.md"
expect 1 "wide.md:1:1: error: 300 table cells in one row where wpgen reads at most 256 (--limit columns=N raises it)" \
	"$bin" render -o "$tmp/wide.html" "$tmp/wide.md"
absent "$tmp/wide.html"
expect 1 "read.limit" "$bin" check "$tmp/wide.md"
expect 0 "" "$bin" render --limit columns=300 -o "$tmp/wide.html" "$tmp/wide.md"
[ -s "$tmp/wide.html" ] && ok || bad "--limit columns=300 wrote nothing"
expect 0 "" "$bin" convert --limit columns=300 --to xml -o "$tmp/wide.xml" "$tmp/wide.md"
expect 1 "read.limit" "$bin" check --limit columns=299 "$tmp/wide.md"
expect 2 "no limit is named 'width'" "$bin" check --limit width=3 "$sample"
expect 2 "--limit takes NAME=N" "$bin" check --limit columns "$sample"
expect 2 "--limit takes NAME=N" "$bin" check --limit columns=0 "$sample"
expect 2 "--limit takes NAME=N" "$bin" check --limit columns=12x "$sample"
awk 'BEGIN { printf "<programme xmlns=\"urn:wpgen:programme:1\">\n<header"; for (i = 0; i < 5000; i++) printf " a%d=\"v\"", i; print "/></programme>" }' > "$tmp/attrs.xml"
expect 1 "attrs.xml:2:1: error: an element with 5000 attributes where wpgen reads at most 256" "$bin" check "$tmp/attrs.xml"

# the kinds of programme: profiles, detection, import, a report and its plan
expect 0 "" "$bin" profiles
[ "$(wc -l < "$tmp/stdout")" -ge 5 ] && ok || bad "wpgen profiles lists fewer than 5 profiles"
for k in wco-working-body joint-work-plan progress-report dated-schedule action-points; do
	grep -q "^$k  *[A-Z]" "$tmp/stdout" && ok || bad "wpgen profiles does not describe $k"
done
expect 2 "takes no argument" "$bin" profiles extra
sed '1,5d' input/joint-work-plan-2025-2028.md > "$tmp/nameless.md"   # no front matter: no profile named
expect 0 "read with profile 'joint-work-plan', picked from its structure" "$bin" check "$tmp/nameless.md"
for k in action-points dated-schedule progress-report; do
	case $k in action-points) f=green-border-workshop-action-points ;; dated-schedule) f=seed-testing-guidelines-schedule ;;
		progress-report) f=seed-cooperation-progress-report ;; esac
	sed '/^profile:/d' "input/$f.md" > "$tmp/$f.md"
	[ $k = progress-report ] && cp input/joint-work-plan-2025-2028.md "$tmp/"
	"$bin" check "$tmp/$f.md" 2>&1 | grep -q "read with profile '$k'" && ok || bad "$f without its profile was not read as $k"
done
expect 0 "" "$bin" check -p joint-work-plan "$tmp/nameless.md"
# a source names its profile by name, never by a path out of the profiles folder
sed 's|^profile: .*|profile: ../../tmp/joint-work-plan|' input/joint-work-plan-2025-2028.md > "$tmp/pathprof.md"
expect 1 "pathprof.md:2:1: error: .*not a plain name.*\[read.profile\]" "$bin" check "$tmp/pathprof.md"
sed 's|^profile: .*|profile: joint-work-plans|' input/joint-work-plan-2025-2028.md > "$tmp/pp-unknown.md"
expect 1 "pp-unknown.md:2:1: error: .*'joint-work-plans', which wpgen does not have.*\[read.profile\]" "$bin" check "$tmp/pp-unknown.md"
mkdir -p "$tmp/pp" && cp "$tmp/pathprof.md" "$tmp/pp-unknown.md" "$tmp/pp/"
expect 1 "pathprof.md:2:1: error: .*not a plain name" "$bin" build -q -o "$tmp/ppo" "$tmp/pp"
grep -q "pp-unknown.md:2:1: error: .*which wpgen does not have" "$tmp/stderr" && ok || bad "build: an unknown profile named by a source: $(cat "$tmp/stderr")"
[ ! -e "$tmp/ppo/pathprof.html" ] && ok || bad "build rendered a source that names its profile by a path"
grep -q "picked" "$tmp/stderr" && bad "--profile given, yet a profile was picked" || ok
expect 0 "" "$bin" check "$sample"
grep -q "picked" "$tmp/stderr" && bad "the WCO sample was said to be picked" || ok
printf 'Plan of\nTwo Offices\n\n\t1. Events\n\n\tNo\n\tAction\n\tTime frame\n\n\t1.1\n\tMeet\n\t2024\n' > "$tmp/plan.txt"
expect 2 "import needs --profile" "$bin" import "$tmp/plan.txt"
expect 0 "" "$bin" import -p joint-work-plan --set period=2024-2026 -o "$tmp/plan.md" "$tmp/plan.txt"
grep -q '^| 1.1 | Meet | 2024 |$' "$tmp/plan.md" && ok || bad "import did not write the action row"
grep -q '^period: "2024-2026"$' "$tmp/plan.md" && ok || bad "import --set did not reach the front matter"
expect 0 "" "$bin" check "$tmp/plan.md"
printf '\n\t1.2\n' >> "$tmp/plan.txt"
# a line not placed: named, and the draft written all the same (exit 0: it reads back without errors)
expect 0 "plan.txt:14:1: warning: .*'1.2'.*import.unplaced" "$bin" import -p joint-work-plan -o "$tmp/plan2.md" "$tmp/plan.txt"
grep -q '^| 1.1 | Meet | 2024 |$' "$tmp/plan2.md" && ok || bad "import with a line not placed wrote no draft"
expect 2 "imports joint-work-plan, dated-schedule, progress-report and action-points" "$bin" import -p wco-working-body "$tmp/plan.txt"
# action points: a best-effort draft, five cells a row, said so
printf 'Action Points\nA workshop\n\n\tAction\n\tProposed time scale\n\tResponsibility\n\tUpdate/Feedback\n\tNotes/suggestions\n\n\tTrade\n\n\tMeet\n\t2025\n\tSecretariat\n\t\n\t\n\n\tReport\n\t6 months\n' > "$tmp/ap.txt"
# (the draft has an error, Report has no responsibility: written, and exit 1)
expect 1 "ap.txt:18:1: warning: this row has 2 of the 5 cells" "$bin" import -s -p action-points -o "$tmp/ap.md" "$tmp/ap.txt"
grep -q "imported 1 sections and 2 actions" "$tmp/stderr" && grep -q "import.draft" "$tmp/stderr" && ok || bad "action points import: $(cat "$tmp/stderr")"
grep -q '^| Meet | 2025 | Secretariat |  |  |$' "$tmp/ap.md" && ok || bad "action points: the row is not in the draft: $(cat "$tmp/ap.md")"
grep -q "ap.md:[0-9]*:[0-9]*: error: Responsibility is empty" "$tmp/stderr" && ok || bad "action points: the draft's own error was not said"
printf '\tResponsible body\n' >> "$tmp/ap.txt"
expect 0 "import.draft" "$bin" import -p action-points -o "$tmp/ap.md" "$tmp/ap.txt"
# Windows "Unicode text": UTF-16 with a mark, read as the same text
iconv -f UTF-8 -t UTF-16 "$sample" > "$tmp/u16.md"
"$bin" check --summary --statistics "$sample" 2>&1 | sed 's|^[^:]*: ||' > "$tmp/u8.sum"
expect 0 "" "$bin" check --summary --statistics "$tmp/u16.md"
sed 's|^[^:]*: ||' "$tmp/stderr" > "$tmp/u16.sum"
cmp -s "$tmp/u8.sum" "$tmp/u16.sum" && ok || bad "UTF-16 is not read as its UTF-8 text: $(diff "$tmp/u8.sum" "$tmp/u16.sum" | head -4)"
expect 0 "" "$bin" render --to md -o "$tmp/u16-annex.md" "$tmp/u16.md"
"$bin" render --to md -o "$tmp/u8-annex.md" "$sample" 2>/dev/null
cmp -s "$tmp/u8-annex.md" "$tmp/u16-annex.md" && ok || bad "the annex of a UTF-16 source differs from its UTF-8 one's"
cp "$tmp/u16.md" "$tmp/u16-before.md"
expect 2 "is UTF-16: save it as UTF-8 first" "$bin" check --fix "$tmp/u16.md"
cmp -s "$tmp/u16.md" "$tmp/u16-before.md" && ok || bad "check --fix rewrote a UTF-16 source"
iconv -f UTF-8 -t UTF-16LE "$sample" > "$tmp/u16bad.md"
{ printf '\377\376'; head -c 300 "$tmp/u16bad.md"; printf '\000\334'; tail -c +301 "$tmp/u16bad.md"; } > "$tmp/u16bad2.md"
expect 1 "u16bad2.md:[0-9]*:[0-9]*: error: invalid UTF-16 (a lone surrogate) replaced by U+FFFD \[read.invalid-utf16\]" "$bin" check "$tmp/u16bad2.md"
printf -- '---\nprofile: progress-report\n---\n\n# Report\n\n## Area 1\n\nDone.\n' > "$tmp/report.md"
expect 1 "front matter 'plan: FILE'.*report.plan" "$bin" check "$tmp/report.md"
printf -- '---\nprofile: progress-report\nplan: nowhere.md\n---\n\n# Report\n\n## Area 1\n\nDone.\n' > "$tmp/report2.md"
expect 1 "report2.md:3:1: error: cannot read the plan" "$bin" check "$tmp/report2.md"
printf -- '---\nprofile: progress-report\nplan: plan.md\n---\n\n# Report\n\n## Area 1\n\nDone.\n' > "$tmp/report3.md"
expect 0 "" "$bin" render -o "$tmp/report3.html" "$tmp/report3.md"
expect 0 "report3.md: with its plan .*plan.md, 1 section" "$bin" check -s "$tmp/report3.md"
grep -q 'class="report"' "$tmp/report3.html" && ok || bad "the report's text is not in the annex"
# a section that names no area keeps its text, after the areas; report text
# is escaped in the Markdown annex as elsewhere (no raw HTML, no emphasis)
printf -- '---\nprofile: progress-report\nplan: plan.md\n---\n\n# Report\n\n## Area 1\n\nDone <script>x()</script> *a*.\n\n## Elsewhere\n\nMet <b onclick=y()>them</b>.\n' > "$tmp/report4.md"
expect 0 "report.unknown-area" "$bin" render --to md -o "$tmp/report4.annex.md" "$tmp/report4.md"
grep -q "^> Met " "$tmp/report4.annex.md" && ok || bad "the text of a section that names no area is not in the annex"
grep -q "<script>\|onclick\|^> Done .* \*a\*" "$tmp/report4.annex.md" && bad "report text went raw into the Markdown annex" || ok
expect 0 "" "$bin" render -o "$tmp/report4.html" "$tmp/report4.md"
grep -q "under no area of the plan" "$tmp/report4.html" && ok || bad "the HTML annex lacks the report's text under no area"
# the XML annex of a report renders as its source does
expect 0 "" "$bin" render --to html -o "$tmp/rx.html" tests/golden/expected/seed-cooperation-progress-report.xml
cmp -s "$tmp/rx.html" tests/golden/expected/seed-cooperation-progress-report.html && ok ||
	bad "the XML annex of the report does not render as its source does"
if [ -d ../shared/seeds ]; then
	# the README's figures for the real programme are wpgen's own output
	sed -n '/<!-- seed-check:begin -->/,/<!-- seed-check:end -->/p' README.md | sed -n '/^\.\.\.$/,/^```$/p' | sed '1d;$d' > "$tmp/readme-seed"
	(cd .. && "$bin" check --summary --statistics shared/seeds/ptc-work-programme-2022-2025.md) 2>&1 | sed 's|^shared/|../shared/|' |
		grep -v ':[0-9]*:[0-9]*: ' > "$tmp/seed-now"
	if cmp -s "$tmp/readme-seed" "$tmp/seed-now"; then ok; else bad "the README's figures for the seed are not wpgen's: $(diff "$tmp/readme-seed" "$tmp/seed-now" | head -5)"; fi
	sed -n '/<!-- seed-check:begin -->/,/<!-- seed-check:end -->/p' README.md | grep ':76:3: error' > "$tmp/readme-first"
	(cd .. && "$bin" check shared/seeds/ptc-work-programme-2022-2025.md) 2>&1 | sed 's|^shared/|../shared/|' | grep -m1 ': error: ' > "$tmp/first-now"
	cmp -s "$tmp/readme-first" "$tmp/first-now" && ok || bad "the README's first seed error is not wpgen's: $(cat "$tmp/first-now")"
	expect 0 "imported 7 sections and 19 actions; read back: 7 sections, 19 activities" \
		"$bin" import -s -p joint-work-plan -o "$tmp/jwp.md" ../shared/seeds/wco-ippc-joint-work-plan.txt
	expect 1 "imported 28 outline topics and 33 tasks" \
		"$bin" import -s -p dated-schedule -o "$tmp/ds.md" ../shared/seeds/customs-port-guidelines-ptc-item.txt
	grep -q "months.sequence" "$tmp/stderr" && ok || bad "the seed schedule's month 8 was not reported"
	# printed, no row says it runs over a page: where pages end is the
	# browser's to know, and an estimate said it wrongly
	"$bin" render -o "$tmp/seed.html" ../shared/seeds/ptc-work-programme-2022-2025.md 2>/dev/null
	grep -q 'continued overleaf' "$tmp/seed.html" && bad "the seed's annex guesses which rows run over a page" || ok
	grep -q '^## I. Background$' "$tmp/ds.md" && grep -q '^- performance measurement.$' "$tmp/ds.md" && ok ||
		bad "the schedule import lost the agenda item's headings or bullets"
	expect 1 "imported 5 sections and 16 actions; read back: 5 sections, 16 activities" \
		"$bin" import -s -p action-points -o "$tmp/gc.md" ../shared/seeds/green-customs-action-points.txt
	[ "$(grep -c 'table.mandatory' "$tmp/stderr")" = 2 ] && ok || bad "the seed's action points: not the two empty responsibilities: $(grep -c error "$tmp/stderr")"
	expect 0 "imported 8 sections" "$bin" import -s -p progress-report --set plan="$tmp/jwp.md" \
		-o "$tmp/ov.md" ../shared/seeds/wco-ippc-collaboration-overview.txt
	expect 0 "report.unknown-area" "$bin" check "$tmp/ov.md"
	expect 0 "" "$bin" render -o "$tmp/ov.html" "$tmp/ov.md"
	# the seed as pandoc writes it from HTML: its tables whose cells hold
	# paragraphs become raw HTML tables; read whole, the same findings
	if command -v pandoc > /dev/null; then
		pandoc -f gfm -t html ../shared/seeds/ptc-work-programme-2022-2025.md | pandoc -f html -t gfm -o "$tmp/pandoc.md"
		n=$(grep -c '^<table' "$tmp/pandoc.md")
		[ "$n" -ge 10 ] && ok || bad "pandoc wrote $n HTML tables, not the seed's pages: the check below proves nothing"
		"$bin" check --statistics ../shared/seeds/ptc-work-programme-2022-2025.md 2>&1 | grep -v ':[0-9]*:[0-9]*: ' > "$tmp/stat-pipe"
		"$bin" check --statistics "$tmp/pandoc.md" 2>&1 | grep -v ':[0-9]*:[0-9]*: ' > "$tmp/stat-html"
		cmp -s "$tmp/stat-pipe" "$tmp/stat-html" && ok ||
			bad "the seed through pandoc's HTML tables is not read as its pipe tables: $(diff "$tmp/stat-pipe" "$tmp/stat-html" | head -5)"
		expect 1 "43 activities.*54 activities" "$bin" check -s "$tmp/pandoc.md"
	else
		echo "cli: SKIPPED: no pandoc; the seed through pandoc's HTML tables was not read"
	fi
else
	echo "cli: SKIPPED: ../shared/seeds is absent; the import conformance checks did not run"
fi

# One fact in one place: what check's summary counts (JSON) is what the
# annotated XML counts (and so the templates), per section and in all,
# on every sample (test_facts holds the annexes to the same counts)
for src in input/*.md input/*.xml tests/golden/*.md; do
	"$bin" check --summary --format json "$src" 2>/dev/null |
		jq -r '.summary[0].status // [] | .[] | "\(.activities)" + ((.status // {}) | to_entries | map(" \(.key):\(.value)") | join("")) + (if .status then " none:\(.without_colour)" else "" end)' > "$tmp/agree.json"
	"$bin" render --to xml -o "$tmp/agree.xml" "$src" 2>/dev/null
	xsltproc tests/status-counts.xsl "$tmp/agree.xml" > "$tmp/agree.txt"
	if [ -s "$tmp/agree.json" ] || [ -s "$tmp/agree.txt" ]; then
		cmp -s "$tmp/agree.json" "$tmp/agree.txt" && ok || bad "$src: check's summary and the XML count differently: $(paste -d'|' "$tmp/agree.json" "$tmp/agree.txt" | head -3)"
	fi
done

# Word originals: read, rendered, converted; never rewritten; bad ones said
mkdocx=${MKDOCX:-$(dirname "$bin")/mkdocx}
if [ -x "$mkdocx" ]; then
	"$mkdocx" "$tmp/wp.docx" input/rkc-work-programme-2025-2028.docx.parts && ok || bad "mkdocx failed"
	expect 0 "table 2, row 6 (3.), column 'Responsible body': note:" "$bin" check "$tmp/wp.docx"
	expect 0 "I: 6 activities, II: 3 activities), 9 activities (1 inserted and 2 deleted by tracked changes; the 2 deleted are not counted)" "$bin" check -s "$tmp/wp.docx"
	expect 0 "" "$bin" render -o "$tmp/wp.html" "$tmp/wp.docx"
	grep -q 'class="k-status status c-green"' "$tmp/wp.html" && ok || bad "a shaded status cell is not a colour in the annex"
	grep -q 'change-deleted' "$tmp/wp.html" && ok || bad "a row deleted in Word is not shown deleted"
	# converted to Markdown: changes and colours kept; read back, the same programme
	expect 0 "" "$bin" convert --to md -o "$tmp/wp.md" "$tmp/wp.docx"
	grep -q '| Green |' "$tmp/wp.md" && grep -q '<del data-author="RKC Secretariat"' "$tmp/wp.md" && ok ||
		bad "convert --to md lost the colours or the tracked changes"
	"$bin" check --format json "$tmp/wp.docx" 2>/dev/null | jq -r '.[].rule' | sort > "$tmp/rules-docx"
	"$bin" check --format json "$tmp/wp.md" 2>/dev/null | jq -r '.[].rule' | sort > "$tmp/rules-md"
	cmp -s "$tmp/rules-docx" "$tmp/rules-md" && ok || bad "the converted Markdown is checked otherwise than its .docx"
	"$bin" render --to xml "$tmp/wp.docx" 2>/dev/null | sed 's/ line="[0-9]*" col="[0-9]*"//g; s/ line="[0-9]*"//g' > "$tmp/wp-docx.xml"
	"$bin" render --to xml "$tmp/wp.md" 2>/dev/null | sed 's/ line="[0-9]*" col="[0-9]*"//g; s/ line="[0-9]*"//g' > "$tmp/wp-md.xml"
	grep -v 'source=' "$tmp/wp-docx.xml" > "$tmp/a" ; grep -v 'source=' "$tmp/wp-md.xml" > "$tmp/b"
	cmp -s "$tmp/a" "$tmp/b" && ok || bad "the .docx and its Markdown are not the same programme: $(diff "$tmp/a" "$tmp/b" | head -4)"
	# accepted, the numbers run 1..N: no numbering finding
	"$bin" render --changes accept --to md -o "$tmp/wp-accepted.md" "$tmp/wp.docx" 2>/dev/null
	"$bin" check "$tmp/wp-accepted.md" 2> "$tmp/stderr"
	grep -q 'numbering\.' "$tmp/stderr" && bad "accepted, the numbers do not run 1..N: $(grep numbering "$tmp/stderr" | head -2)" || ok
	# the Word annex of a Word original: the same programme read back
	expect 0 "" "$bin" render --to docx -o "$tmp/wp-annex.docx" "$tmp/wp.docx"
	for v in show accept reject; do
		"$bin" render --changes $v --to md "$tmp/wp.docx" 2>/dev/null > "$tmp/a-$v.md"
		"$bin" render --changes $v --to md "$tmp/wp-annex.docx" 2>/dev/null > "$tmp/b-$v.md"
		cmp -s "$tmp/a-$v.md" "$tmp/b-$v.md" && ok || bad "the Word annex of the Word sample, read back ($v), is another programme: $(diff "$tmp/a-$v.md" "$tmp/b-$v.md" | head -4)"
	done
	# never rewritten: --fix refused, -o over it refused, the file as it was
	cp "$tmp/wp.docx" "$tmp/keep.docx"
	expect 2 "not a Word document: make the fixes in Word" "$bin" check --fix "$tmp/wp.docx"
	expect 2 "" "$bin" render --to md -o "$tmp/wp.docx" "$tmp/wp.docx"
	cmp -s "$tmp/wp.docx" "$tmp/keep.docx" && ok || bad "the .docx was rewritten"
	# in a build, beside Markdown sources
	mkdir -p "$tmp/wsrc" && cp "$tmp/wp.docx" "$tmp/wsrc/word.docx" && cp "$sample" "$tmp/wsrc/"
	expect 0 "" "$bin" build -o "$tmp/wout" "$tmp/wsrc"
	[ -s "$tmp/wout/word.html" ] && [ -s "$tmp/wout/word.md" ] && ok || bad "build made no annex of a .docx"
	# what is not a .docx it can read, said with what to do
	# a Word file that cannot be read at all: exit 2, as a file that cannot be read
	printf '\320\317\021\340\241\261\032\341rest' > "$tmp/old.doc"
	expect 2 "Word 97-2003 document (.doc) or a password-protected .docx" "$bin" check "$tmp/old.doc"
	: > "$tmp/empty.docx"
	expect 2 "the file is empty" "$bin" check "$tmp/empty.docx"
	expect 2 "a .docx is a ZIP package, and this file is not one" sh -c "echo text > '$tmp/t.docx'; '$bin' check '$tmp/t.docx'"
	absent "$tmp/t.html"
	# a part whose bytes are not its declared encoding: said once, as a finding, nothing from libxml2 on stderr
	mkdir -p "$tmp/enc/word"
	printf '<?xml version="1.0" encoding="ISO-2022-JP"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>ab\302\263:p</w:t></w:r></w:p></w:body></w:document>' > "$tmp/enc/word/document.xml"
	"$mkdocx" "$tmp/enc.docx" tests/docx/common "$tmp/enc" || bad "mkdocx failed"
	expect 2 "enc.docx: error: word/document.xml is not well-formed XML: input conversion failed" "$bin" check "$tmp/enc.docx"
	[ "$(wc -l < "$tmp/stderr")" = 2 ] && ok || bad "libxml2 printed on stderr: $(cat "$tmp/stderr")"
else
	bad "no $mkdocx: the Word checks did not run"
fi

# --statistics: a count per rule, worst first, in every format
expect 1 "" "$bin" check --statistics "$scars"
grep -q "^ *5  error *footnote.undefined$" "$tmp/stderr" && ok || bad "--statistics (gcc): $(tail -4 "$tmp/stderr")"
awk '/^ *[0-9]+  (error|warning|note) /' "$tmp/stderr" | awk '{ print $2 }' | uniq | tr '\n' ' ' | grep -q "^error warning" && ok || bad "--statistics not worst first"
expect 1 "" "$bin" check --statistics --format json "$scars"
jq -e '(.findings | length > 0) and (.statistics[0] | .rule == "footnote.undefined" and .count == 5 and .severity == "error")' "$tmp/stdout" > /dev/null && ok || bad "--statistics (json)"
expect 1 "" "$bin" check --statistics --format sarif "$scars"
jq -e '.runs[0].properties.statistics | length > 3' "$tmp/stdout" > /dev/null && ok || bad "--statistics (sarif)"
expect 1 "" "$bin" check --statistics --format github "$scars"
grep -q "^::notice title=wpgen statistics::5 error footnote.undefined$" "$tmp/stdout" && ok || bad "--statistics (github)"
# a footnote defined twice: the HTML annex keeps its ids unique
{ cat "$sample"; printf '\n¹ A second first note.\n'; } > "$tmp/fn2.md"
expect 1 "footnote.duplicate" "$bin" render -o "$tmp/fn2.html" "$tmp/fn2.md"
[ "$(grep -o 'id="fn-1"' "$tmp/fn2.html" | wc -l)" -eq 1 ] && grep -q 'id="fn-1-2"' "$tmp/fn2.html" && ok || bad "duplicate footnote ids"

# ---- nothing lost, whatever the input ----
# an output over one of the inputs (the same file, whatever the path):
# refused, the source intact
mkdir -p "$tmp/ov" && cp "$sample" "$tmp/ov/s.md" && ln -s s.md "$tmp/ov/l.md" && ln "$tmp/ov/s.md" "$tmp/ov/h.md"
expect 2 "which this command reads: nothing written" "$bin" render --to md -o "$tmp/ov/s.md" "$tmp/ov/s.md"
expect 2 "which this command reads" "$bin" convert --to md -o "$tmp/ov/l.md" "$tmp/ov/s.md"
expect 2 "which this command reads" "$bin" render -o "$tmp/ov/h.md" "$tmp/ov/s.md"
expect 2 "which this command reads" "$bin" render -o "$tmp/ov/x.html" --depfile "$tmp/ov/s.md" "$tmp/ov/s.md"
cmp -s "$tmp/ov/s.md" "$sample" && ok || bad "an output was written over its source"
# --fix keeps the file's mode, owner, links; writes through a symbolic link
cp "$scars" "$tmp/ov/f.md"; chmod 600 "$tmp/ov/f.md"
"$bin" check --fix "$tmp/ov/f.md" > /dev/null 2>&1
[ "$(stat -c %a "$tmp/ov/f.md")" = 600 ] && ok || bad "--fix: mode 600 came back $(stat -c %a "$tmp/ov/f.md")"
cp "$scars" "$tmp/ov/r.md"; chmod 444 "$tmp/ov/r.md"
"$bin" check --fix "$tmp/ov/r.md" > /dev/null 2>&1
[ "$(stat -c %a "$tmp/ov/r.md")" = 444 ] && ! cmp -s "$tmp/ov/r.md" "$scars" && ok || bad "--fix: mode 444 came back $(stat -c %a "$tmp/ov/r.md")"
if [ "$(id -u)" = 0 ]; then
	cp "$scars" "$tmp/ov/o.md"; chown 65534:65534 "$tmp/ov/o.md"
	"$bin" check --fix "$tmp/ov/o.md" > /dev/null 2>&1
	[ "$(stat -c %u:%g "$tmp/ov/o.md")" = 65534:65534 ] && ok || bad "--fix: the owner became $(stat -c %u:%g "$tmp/ov/o.md")"
fi
mkdir -p "$tmp/ov/real"; cp "$scars" "$tmp/ov/real/t.md"; ln -s real/t.md "$tmp/ov/link.md"; ln "$tmp/ov/real/t.md" "$tmp/ov/hard.md"
"$bin" check --fix "$tmp/ov/link.md" > /dev/null 2>&1
[ -L "$tmp/ov/link.md" ] && ! cmp -s "$tmp/ov/real/t.md" "$scars" && cmp -s "$tmp/ov/real/t.md" "$tmp/ov/hard.md" &&
	[ "$(stat -c %h "$tmp/ov/hard.md")" = 2 ] && ok || bad "--fix through a symbolic link: the link replaced, or the hard link split"
[ "$(ls -a "$tmp/ov/real" | grep -c '^\.t\.md\.')" -eq 0 ] && ok || bad "--fix left a temporary or a backup"
# a folder that takes no new file: the failure is said, not a success
mkdir -p "$tmp/ro" && cp "$scars" "$tmp/ro/x.md" && chmod 555 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	expect 2 "cannot write" "$bin" check --fix "$tmp/ro/x.md"
	grep -q "^0 fixes applied" "$tmp/stderr" && ok || bad "--fix in a read-only folder said: $(grep applied "$tmp/stderr")"
fi
chmod 755 "$tmp/ro"
# a --fix --dry-run of an absolute path that patch -p1 applies (from /)
"$bin" check --fix --dry-run "$tmp/ro/x.md" > "$tmp/abs.diff" 2>/dev/null
head -1 "$tmp/abs.diff" | grep -q "^--- a${tmp}/ro/x.md$" && (cd / && patch -s -p1 --dry-run < "$tmp/abs.diff") && ok ||
	bad "--dry-run of an absolute path: $(head -1 "$tmp/abs.diff")"
# a file that cannot be read is said in every format
expect 2 "missing.md: error: cannot read .*No such file or directory \[io.read\]" "$bin" check "$tmp/missing.md"
grep -q "^1 error, 0 warnings in 1 file" "$tmp/stderr" && ok || bad "a missing file counted as no error"
expect 2 "" "$bin" check --format json "$tmp/missing.md"
jq -e 'length == 1 and .[0].rule == "io.read"' "$tmp/stdout" > /dev/null && ok || bad "json: a missing file is $(cat "$tmp/stdout")"
expect 2 "" "$bin" check --format sarif "$tmp/missing.md"
jq -e '.runs[0].results[0].ruleId == "io.read"' "$tmp/stdout" > /dev/null && ok || bad "sarif: a missing file is not said"
# control characters: reported, replaced, and the XML reads back
{ sed -n '1,10p' "$sample"; printf '| 9. | A | Y | a\033]0;x\007 \013form\014feed | SP1 | Update | CTFI | one | kpi | 2025 | p | |\n'; } > "$tmp/ctl.md"
expect 0 "ctl.md:11:17: warning: control character U+001B (escape) replaced by a space \[read.control\]" "$bin" convert --to xml -o "$tmp/ctl.xml" "$tmp/ctl.md"
grep -q "$(printf '\033')" "$tmp/stderr" && bad "a raw ESC reached the terminal" || ok
"$bin" check "$tmp/ctl.xml" 2> "$tmp/err"; grep -q "xml.parse\|Char value" "$tmp/err" && bad "the XML of a source with control characters does not read: $(head -2 "$tmp/err")" || ok
expect 2 "holds a control character" "$bin" render --set "$(printf 'session=a\033[31mb')" "$sample"
grep -q "$(printf '\033')" "$tmp/stderr" && bad "--set echoed a raw ESC" || ok
expect 2 "is not UTF-8" "$bin" convert --to xml --set "$(printf 'title=\377')" "$sample"
# numbers past 2^63 are not numbers (no overflow), dates that are no day
printf '%s\n' "$(sed 's/^| 2\. | B | Y | Publish/| 99999999999999999999. | B | Y | Publish/' "$sample")" > "$tmp/bignum.md"
expect 1 "'99999999999999999999.' is not a number" "$bin" check "$tmp/bignum.md"
expect 2 "a day of that month" "$bin" check --as-of 2025-02-31 "$sample"
expect 0 "" "$bin" check --as-of 2024-02-29 "$sample"
expect 2 "--limit takes NAME=N" "$bin" check --limit depth=-1 "$sample"
expect 2 "Operation not permitted" "$bin" render -o /proc/version "$sample"
# a depfile names a source with ':' and ' '
cp "$sample" "$tmp/a: b.md"
expect 0 "" "$bin" render -o "$tmp/x.html" --depfile "$tmp/x.d" "$tmp/a: b.md"
grep -q 'a\\:\\ b.md' "$tmp/x.d" && ok || bad "depfile: $(cat "$tmp/x.d")"
# a report's plan is in its source tree unless --plan-root says otherwise
mkdir -p "$tmp/tree/r" && cp input/joint-work-plan-2025-2028.md "$tmp/tree/plan.md"
sed 's|^plan: .*|plan: ../plan.md|' input/seed-cooperation-progress-report.md > "$tmp/tree/r/report.md"
expect 1 "report.md:3:1: error: the plan '.*plan.md' is outside .*--plan-root.*\[report.plan\]" "$bin" render -o "$tmp/rp.html" "$tmp/tree/r/report.md"
absent "$tmp/rp.html"
expect 0 "" "$bin" render --plan-root "$tmp/tree" -o "$tmp/rp.html" "$tmp/tree/r/report.md"
sed "s|^plan: .*|plan: /etc/passwd|" input/seed-cooperation-progress-report.md > "$tmp/tree/r/etc.md"
expect 1 "outside" "$bin" check "$tmp/tree/r/etc.md"
"$bin" build -q -o "$tmp/tb" "$tmp/tree" 2> "$tmp/err"; [ -s "$tmp/tb/r/report.html" ] && ok || bad "build: a plan in the tree given refused: $(cat "$tmp/err")"
# where things stand: in check --summary, in its JSON, in both annexes, on build's index page
expect 0 "ctfi-work-programme-2024-2027.md: status: I: 6 activities, 1 green, 3 blue, 2 red, 4 overdue at 2026-06-01; II: 4 activities, no status column, 0 overdue at 2026-06-01" \
	"$bin" check -s --as-of 2026-06-01 "$sample"
"$bin" check -s --format json --as-of 2026-06-01 "$sample" 2>/dev/null > "$tmp/sum.json"
jq -e '(.findings | length) == 4 and .summary[0].activities == 10 and .summary[0].status[0].status.blue == 3
	and .summary[0].status[0].overdue == 4 and .summary[0].status[1].status == null' "$tmp/sum.json" > /dev/null && ok ||
	bad "check --summary --format json: $(head -c 300 "$tmp/sum.json")"
expect 0 "" "$bin" render --as-of 2026-06-01 -o "$tmp/st.html" "$sample"
n=$(grep -o 'class="badge overdue"' "$tmp/st.html" | wc -l)
[ "$n" = 5 ] && ok || bad "the HTML annex marks $n overdue badges, not the 4 rows and the legend's"
grep -q '<h2>Where things stand at 2026-06-01</h2>' "$tmp/st.html" && grep -q 'Progress as of 2026-06-01' "$tmp/st.html" && ok ||
	bad "the HTML annex lacks its status summary or its as-of date"
grep -q '@bottom-center{content:"Page " counter(page) " of " counter(pages)' "$tmp/st.html" &&
	grep -q '@top-left{content:"Annex to Doc. TF0214"' "$tmp/st.html" && grep -q 'print-color-adjust:exact' "$tmp/st.html" && ok ||
	bad "the printed annex lacks its page boxes or its colours"
# a running title that would close the style element: escaped as CSS
expect 0 "" "$bin" render --set 'running_title=A "quoted" </style><script>x</script> \ title' -o "$tmp/esc.html" "$sample"
grep -q '@top-right{content:"A \\"quoted\\" \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e  \\\\ title"' "$tmp/esc.html" && ok ||
	bad "the running title is not escaped in the page box: $(grep -o '@top-right[^}]*' "$tmp/esc.html")"
grep -q '<script' "$tmp/esc.html" && bad "a running title wrote a script element" || ok
expect 0 "" "$bin" render --to md --as-of 2026-06-01 -o "$tmp/st.md" "$sample"
grep -q '^| I. Activities undertaken within a specific timeframe | 6 | 1 | 3 | 2 | 0 | 4 |$' "$tmp/st.md" && ok ||
	bad "the Markdown annex lacks its status table: $(grep -A4 'status summary' "$tmp/st.md")"
"$bin" render --to md -o "$tmp/st2.md" "$tmp/st.md" 2>/dev/null
cmp -s "$tmp/st.md" "$tmp/st2.md" && ok || bad "the Markdown annex with its status table is not a fixed point"
expect 0 "" "$bin" convert --to md -o "$tmp/st-src.md" "$sample"
grep -q 'wpgen: status summary' "$tmp/st-src.md" && bad "convert wrote a status summary into the source" || ok
# the Markdown annex as shown: the title block's lines apart, the guidance row in italics; the source as it was
grep -q '^Annex to\\$' "$tmp/st.md" && grep -q '^Doc. TF0214\\$' "$tmp/st.md" && ok || bad "the annex block's lines run together in the Markdown annex"
grep -q '^|  | <i>How urgent is the activity? A=High B=Medium C=Low</i> |' "$tmp/st.md" && ok || bad "the guidance row is not told apart in the Markdown annex"
grep -q '<i>How urgent' "$tmp/st-src.md" && bad "convert changed the guidance row of the source" || ok
# diff: aligned by content; exit 0 same, 1 different, 2 errors
expect 0 "" "$bin" diff "$sample" "$sample"
grep -q "^0 changed, 0 added, 0 removed, 0 moved, 0 renumbered, 0 status changes$" "$tmp/stdout" && ok || bad "diff of a file with itself: $(cat "$tmp/stdout")"
awk 'NR == 32 { next } { sub(/Update the e-learning module on release times/, "Update the e-learning module on average release times"); print }' "$sample" > "$tmp/d2.md"
expect 1 "" "$bin" diff "$sample" "$tmp/d2.md"
grep -q '^removed    I.2 "Publish a compendium of national single-window fee models"$' "$tmp/stdout" &&
	grep -q "Activities: … e-learning module on {+average+} release times" "$tmp/stdout" &&
	grep -q "^1 changed, 0 added, 1 removed, 0 moved, 0 renumbered, 0 status changes$" "$tmp/stdout" && ok || bad "diff text: $(cat "$tmp/stdout")"
expect 1 "" "$bin" diff --format json "$sample" "$tmp/d2.md"
jq -e '(.removed | length) == 1 and .removed[0].old_number == "2" and (.changed[0].fields[0].changes | map(select(.op == "+")) | .[0].text) == " average"
	and .summary.changed == 1' "$tmp/stdout" > /dev/null && ok || bad "diff --format json: $(head -c 300 "$tmp/stdout")"
# the two versions are read at once (a thread each), their findings said
# as if one after the other: the old version's first; and when the old
# cannot be read, nothing of the new
printf 'x\n\n| No. | Priority ranking | Activities |\n|---|---|---|\n| 1. | Z | a |\n' > "$tmp/warn-old.md"
printf 'y\n\n| No. | Priority ranking | Activities |\n|---|---|---|\n| 1. | Q | b |\n' > "$tmp/warn-new.md"
for k in 1 2 3 4 5; do
	"$bin" diff "$tmp/warn-old.md" "$tmp/warn-new.md" > /dev/null 2> "$tmp/pair.err"
	sed -n 's/^\([^:]*\):.*/\1/p' "$tmp/pair.err" | grep -v '^wpgen$' | uniq > "$tmp/pair.files"
	[ "$(cat "$tmp/pair.files")" = "$(printf '%s\n%s' "$tmp/warn-old.md" "$tmp/warn-new.md")" ] && ok ||
		bad "diff's findings are not the old version's, then the new's: $(cat "$tmp/pair.err")"
done
expect 2 "missing.md" "$bin" diff "$tmp/missing.md" "$tmp/warn-new.md"
grep -q "warn-new.md" "$tmp/stderr" && bad "diff said the new version's findings when the old could not be read" || ok
# a timeline label flattens a cell: with changes shown, both versions
# marked, never run together ("Kick-off meeting call"); accepted the new,
# rejected the old; the native writer and the template alike; a changed
# due date still places the task
sched=input/seed-testing-guidelines-schedule.md
sed 's/| 1 | Kick-off meeting of the drafting group | 21\/01\/2025/| 1 | Kick-off call of the drafting group | 28\/01\/2025/' "$sched" > "$tmp/sched2.md"
"$bin" diff --to md -o "$tmp/sred.md" "$sched" "$tmp/sched2.md" 2>/dev/null
for how in native template; do
	t=; [ $how = template ] && t="--template templates/annex-html.xsl"
	"$bin" render $t -o "$tmp/sred.html" "$tmp/sred.md" 2>/dev/null
	grep -q '>1 Kick-off \[-meeting-\] {+call+} of the drafting' "$tmp/sred.html" &&
		! grep -q 'Kick-off meeting call' "$tmp/sred.html" && grep -q '<title>1 Kick-off \[-meeting-\] {+call+} of the drafting group: due 28/01/2025' "$tmp/sred.html" &&
		ok || bad "$how: the redline's timeline label: $(grep -o '<text[^>]*>[^<]*Kick[^<]*' "$tmp/sred.html")"
	"$bin" render $t --changes accept -o "$tmp/sred.html" "$tmp/sred.md" 2>/dev/null
	grep -q '>1 Kick-off call of the drafting group' "$tmp/sred.html" && ok || bad "$how: accepted, the label is not the new one"
	"$bin" render $t --changes reject -o "$tmp/sred.html" "$tmp/sred.md" 2>/dev/null
	grep -q '>1 Kick-off meeting of the drafting group' "$tmp/sred.html" && ok || bad "$how: rejected, the label is not the old one"
done

# the redline annex: accepted, the new version; rejected, the old one
expect 1 "1 changed, 0 added, 1 removed" "$bin" diff --to md -o "$tmp/red.md" "$sample" "$tmp/d2.md"
grep -A2 -F '<!-- wpgen: changes summary -->' "$tmp/red.md" | grep -q "^Changes since $sample: 1 changed, 0 added, 1 removed, 0 moved, 0 renumbered, 0 status changes\." &&
	ok || bad "the redline does not open with what changed: $(head -12 "$tmp/red.md")"
"$bin" diff --to html -o "$tmp/red.html" "$sample" "$tmp/d2.md" 2>/dev/null
grep -q '<p class="changes-summary">Changes since .*: 1 changed, 0 added, 1 removed' "$tmp/red.html" && ok || bad "the HTML redline has no summary"
"$bin" render --changes accept --to md "$tmp/red.md" 2>/dev/null > "$tmp/red-acc.md"
"$bin" render --changes accept --to md "$tmp/d2.md" 2>/dev/null > "$tmp/new-acc.md"
cmp -s "$tmp/red-acc.md" "$tmp/new-acc.md" && ok || bad "the redline accepted is not the new version: $(diff "$tmp/red-acc.md" "$tmp/new-acc.md" | head -4)"
"$bin" render --changes reject --to md "$tmp/red.md" 2>/dev/null > "$tmp/red-rej.md"
"$bin" render --changes accept --to md "$sample" 2>/dev/null > "$tmp/old-acc.md"
cmp -s "$tmp/red-rej.md" "$tmp/old-acc.md" && ok || bad "the redline rejected is not the old version: $(diff "$tmp/red-rej.md" "$tmp/old-acc.md" | head -4)"
expect 1 "" "$bin" diff --to html -o "$tmp/red.html" "$sample" "$tmp/d2.md"
grep -q '<del[^>]*>Publish a compendium' "$tmp/red.html" && grep -q '<ins[^>]*>average</ins>' "$tmp/red.html" && ok ||
	bad "the HTML redline lacks its marks"
# the redline as a Word document: Word revisions, which accept to the new
# version and reject to the old
expect 1 "1 changed, 0 added, 1 removed" "$bin" diff --to docx -o "$tmp/red.docx" "$sample" "$tmp/d2.md"
"$bin" render --changes accept --to md "$tmp/red.docx" 2>/dev/null | grep -v '^$' > "$tmp/redw-acc.md"
grep -v '^$' "$tmp/new-acc.md" > "$tmp/new-acc2.md"
cmp -s "$tmp/redw-acc.md" "$tmp/new-acc2.md" && ok || bad "the Word redline accepted is not the new version: $(diff "$tmp/redw-acc.md" "$tmp/new-acc2.md" | head -4)"
"$bin" render --changes reject --to md "$tmp/red.docx" 2>/dev/null | grep -v '^$' > "$tmp/redw-rej.md"
grep -v '^$' "$tmp/old-acc.md" > "$tmp/old-acc2.md"
cmp -s "$tmp/redw-rej.md" "$tmp/old-acc2.md" && ok || bad "the Word redline rejected is not the old version: $(diff "$tmp/redw-rej.md" "$tmp/old-acc2.md" | head -4)"
expect 2 "applies to --to docx only" "$bin" diff --to md --reference-doc "$tmp/red.docx" "$sample" "$tmp/d2.md"
expect 2 "diff takes two SOURCES" "$bin" diff "$sample"
expect 2 "diff's --format is text or json" "$bin" diff --format sarif "$sample" "$sample"
expect 2 "unknown format 'xml' (html, md or docx)" "$bin" diff --to xml "$sample" "$sample"
expect 2 "cannot read" "$bin" diff "$sample" "$tmp/absent.md"
cp "$tmp/d2.md" "$tmp/d2-before.md"
expect 2 "which this command reads: nothing written" "$bin" diff --to md -o "$tmp/d2.md" "$sample" "$tmp/d2.md"
cmp -s "$tmp/d2.md" "$tmp/d2-before.md" && ok || bad "diff -o wrote over its NEW source"
# import: long titles whole, nothing imported is an error, --set is YAML
{ printf 'Plan of\n'; head -c 3000 /dev/zero | tr '\0' 'w'; printf ' é\n\n\t1. Events\n\n\tNo\n\tAction\n\tTime frame\n\n\t1.1\n\tMeet\n\t2024\n'; } > "$tmp/long.txt"
expect 0 "" "$bin" import -p joint-work-plan --set 'session=PC "x": 2' -o "$tmp/long.md" "$tmp/long.txt"
grep -q "w\{3000\} é$" "$tmp/long.md" && ok || bad "import cut a long title"
grep -q '^session: "PC \\"x\\": 2"$' "$tmp/long.md" && ok || bad "import --set is not YAML: $(grep session "$tmp/long.md")"
expect 0 "" "$bin" check "$tmp/long.md"
: > "$tmp/empty.txt"
expect 1 "nothing was found to import.*\[import.empty\]" "$bin" import -p dated-schedule -o "$tmp/e.md" "$tmp/empty.txt"
absent "$tmp/e.md"
# templates reach no network, at compile time nor at run time
if command -v python3 > /dev/null 2>&1; then
	port=$((20000 + $$ % 20000))
	(cd "$tmp" && exec python3 -m http.server "$port" --bind 127.0.0.1) > "$tmp/http.log" 2>&1 &
	hpid=$!; sleep 1
	printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:import href="http://127.0.0.1:%s/a.xsl"/><xsl:template match="/">x</xsl:template></xsl:stylesheet>\n' "$port" > "$tmp/imp.xsl"
	printf '<!DOCTYPE d SYSTEM "http://127.0.0.1:%s/d.dtd"><d/>\n' "$port" > "$tmp/d.xml"
	printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">n=<xsl:value-of select="count(document(%s)/d)"/></xsl:template></xsl:stylesheet>\n' "'$tmp/d.xml'" > "$tmp/doc.xsl"
	expect 2 "template.invalid" "$bin" render --template "$tmp/imp.xsl" "$sample"
	expect 0 "" "$bin" render --template "$tmp/doc.xsl" "$sample"
	grep -q "n=1" "$tmp/stdout" && ok || bad "document() of a local file: $(cat "$tmp/stdout")"
	sleep 0.3; kill $hpid 2>/dev/null; wait $hpid 2>/dev/null
	grep -q "GET" "$tmp/http.log" && bad "a template reached the network: $(grep GET "$tmp/http.log")" || ok
else
	echo "cli: SKIPPED: no python3 for a local listener; the template network checks did not run"
fi

# wpgen rules, and the README's table made from it
expect 0 "" "$bin" rules
grep -q "^numbering.remnant" "$tmp/stdout" && ok || bad "rules list"
"$bin" rules --format md > "$tmp/rules.md"
sed -n '/<!-- rules:begin -->/,/<!-- rules:end -->/p' README.md | sed '1d;$d' > "$tmp/readme-rules.md"
if cmp -s "$tmp/rules.md" "$tmp/readme-rules.md"; then ok; else bad "README's rule table differs from 'wpgen rules --format md'"; diff "$tmp/readme-rules.md" "$tmp/rules.md" | head -5; fi
# every id the source emits is registered (rules.def): the string literals
# that look like ids, less the few that are file names
for id in $(grep -ho '"[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*"' src/*/*.c | tr -d '"' | sort -u); do
	case $id in *.h|*.html|*.yaml|*.xsl|*.rng|*.md|*.xml|*.def) continue ;; esac
	if "$bin" rules | grep -q "^$id "; then ok; else bad "the source emits '$id', which rules.def does not register"; fi
done
# every rule is named in some test
for id in $("$bin" rules | awk '{print $1}'); do
	if grep -rqF "$id" tests/unit tests/cli.sh tests/build.sh tests/golden/expected; then ok; else bad "no test names rule $id"; fi
done

# the manual page and the completion say what --help says, command by
# command: every long option of a command's --help is in its section of
# wpgen.1 and in its completion list, and neither names one it lacks
for cmd in render check convert build import diff review config rules; do
	"$bin" $cmd --help | grep -o -- '--[a-z][a-z-]*' | sort -u > "$tmp/help.opts"
	sed -n "/^\.SS $cmd\$/,/^\.S[SH] /p" doc/wpgen.1 | grep -o '\\-\\-[a-z][a-z\\-]*' | sed 's/\\//g' | sort -u > "$tmp/man.opts"
	[ "$cmd" = rules ] || echo --help >> "$tmp/man.opts"
	sort -u -o "$tmp/man.opts" "$tmp/man.opts"
	if cmp -s "$tmp/help.opts" "$tmp/man.opts"; then ok; else bad "wpgen.1's $cmd differs from its --help: $(diff "$tmp/help.opts" "$tmp/man.opts" | grep '^[<>]' | tr '\n' ' ')"; fi
	sed -n "s/^\t$cmd) opts=\"\(.*\)\" ;;\$/\1/p" doc/wpgen.bash | tr ' ' '\n' | sort -u > "$tmp/comp.opts"
	[ "$cmd" = rules ] && sed -i '/--help/d' "$tmp/comp.opts"
	if cmp -s "$tmp/help.opts" "$tmp/comp.opts"; then ok; else bad "wpgen.bash's $cmd differs from its --help: $(diff "$tmp/help.opts" "$tmp/comp.opts" | grep '^[<>]' | tr '\n' ' ')"; fi
done
if command -v man >/dev/null 2>&1 || command -v groff >/dev/null 2>&1; then
	{ groff -man -Tutf8 -ww doc/wpgen.1 > /dev/null; } 2> "$tmp/groff" && [ ! -s "$tmp/groff" ] && ok || bad "wpgen.1 does not format cleanly: $(head -3 "$tmp/groff")"
fi
bash -n doc/wpgen.bash && bash -c ". doc/wpgen.bash; COMP_WORDS=(wpgen check --di); COMP_CWORD=2; _wpgen; [ \"\${COMPREPLY[*]}\" = --disable ]" \
	&& ok || bad "the bash completion does not complete check --di"

# noise: -q prints errors only (no total line), --min-severity hides what
# is below it and the total says how many; the exit code does not change
noisy=input/enforcement-work-programme-2025-2028.md
expect 0 "; 1 below --min-severity not shown" "$bin" check --min-severity warning "$noisy"
! grep -q ": note:" "$tmp/stderr" && grep -q ": warning:" "$tmp/stderr" && ok || bad "--min-severity warning: $(cat "$tmp/stderr")"
expect 0 "" "$bin" check -q "$noisy"
[ ! -s "$tmp/stderr" ] && ok || bad "check -q printed more than errors: $(cat "$tmp/stderr")"
expect 1 ": error:" "$bin" check -q tests/golden/scars.md
! grep -q ": warning:\|: note:\| in 1 file" "$tmp/stderr" && ok || bad "check -q: $(cat "$tmp/stderr")"
expect 0 "0 errors, 2 warnings (and 1 note)" "$bin" render -o "$tmp/noisy.html" "$noisy"
expect 0 "" "$bin" render -q -o "$tmp/noisy.html" "$noisy"
[ ! -s "$tmp/stderr" ] && ok || bad "render -q printed: $(cat "$tmp/stderr")"
expect 0 "" "$bin" check --format json --min-severity warning "$noisy"
[ "$(grep -c '"severity"' "$tmp/stdout")" -eq 2 ] && ! grep -q '"note"' "$tmp/stdout" && ok || bad "json --min-severity: $(cat "$tmp/stdout")"
expect 2 "--min-severity takes note, warning or error, not 'loud'" "$bin" check --min-severity loud "$noisy"
for c in convert diff import; do "$bin" $c --help | grep -q -- "--min-severity" && ok || bad "$c has no --min-severity"; done

# bounded reads: a FIFO is refused without waiting for a writer, a device
# too, a file over --limit input before a byte is read, standard input
# when it grows past it; each said, exit 2
mkfifo "$tmp/fifo.md"
expect 2 "fifo.md: error: cannot read '$tmp/fifo.md': not a regular file (a FIFO, a device or a socket)" timeout 10 "$bin" check "$tmp/fifo.md"
expect 2 "cannot read '/dev/zero': not a regular file" timeout 10 "$bin" check /dev/zero
expect 2 "larger than the bytes wpgen reads of one file (--limit input=N raises the limit)" "$bin" check --limit input=1000 "$sample"
expect 0 "" "$bin" check --limit input=1000000 "$sample"
expect 2 "<stdin>: error: cannot read '-': larger than the bytes wpgen reads" timeout 20 sh -c "yes | '$bin' check --limit input=5000000 -"
expect 2 "no limit is named 'inputs'" "$bin" check --limit inputs=5 "$sample"

# check on a folder: every source in it, as build finds them; Markdown
# that is not a programme is skipped with one note each, no errors
mkdir -p "$tmp/ctree/sub" && cp "$sample" "$tmp/ctree/sub/p.md" && cp README.md "$tmp/ctree/README.md"
printf -- '---\nprogramme: no\n---\n# Notes\n\n| No. | Activity |\n|---|---|\n| 1 | x |\n' > "$tmp/ctree/notes.md"
printf '# Minutes\n\n## Item 1\n\nAgreed.\n' > "$tmp/ctree/minutes.md"
expect 0 "in 1 file, 3 skipped (not programmes)" "$bin" check "$tmp/ctree"
[ "$(grep -c "read.skipped" "$tmp/stderr")" -eq 3 ] && ! grep -q ": error:\|: warning:" "$tmp/stderr" &&
	grep -q "tree/README.md:1:1: note: not a work programme: it has no table of activities" "$tmp/stderr" &&
	grep -q "tree/notes.md:1:1: note: not a work programme: its front matter says 'programme: no'" "$tmp/stderr" && ok ||
	bad "check on a folder: $(cat "$tmp/stderr")"
expect 1 "minutes.md:1:1: error" "$bin" check "$tmp/ctree/minutes.md" # named: read, and told
printf -- '---\nprogramme: yes\n---\n' | cat - "$tmp/ctree/minutes.md" > "$tmp/ctree/sub/said.md"
expect 1 "sub/said.md:1:1: error" "$bin" check "$tmp/ctree" # said to be one: checked
rm "$tmp/ctree/sub/said.md"
cp "$sample" "$tmp/ctree/sub/bad.md" && printf '| 9 | x |\n' >> "$tmp/ctree/sub/bad.md"
expect 1 "sub/bad.md" "$bin" check "$tmp/ctree" # a folder's errors count
rm "$tmp/ctree/sub/bad.md"
expect 0 "1 file" "$bin" check --format json "$tmp/ctree"
expect 2 "cannot read" "$bin" check "$tmp/no-such-folder/"
# the key goes through conversions (Markdown, XML and back)
{ printf -- '---\nprogramme: no\n---\n'; cat "$sample"; } > "$tmp/ctree/np.md"
"$bin" convert --to xml -o "$tmp/np.xml" "$tmp/ctree/np.md" 2>/dev/null && "$bin" convert --to md -o "$tmp/np2.md" "$tmp/np.xml" 2>/dev/null &&
	grep -q '<programme>no</programme>' "$tmp/np.xml" && head -3 "$tmp/np2.md" | grep -q '^programme: no$' && ok ||
	bad "programme: no is lost in conversion"

# a project's configuration (.wpgen.yaml) and acknowledged findings
# (front matter accept:): run from a folder of our own, where the files
# above it are found up to it and no further
mkdir -p "$tmp/proj/wp/sub"
sed '0,/^| 2\. | B | Y |/s//| 2. | B | N |/; 0,/^| 3\. | A |/s//| 3. | Q |/' "$sample" > "$tmp/proj/wp/sub/a.md"
grep -q '^| 2\. | B | N |' "$tmp/proj/wp/sub/a.md" && grep -q '^| 3\. | Q |' "$tmp/proj/wp/sub/a.md" && ok || bad "the configuration's sample was not made"
here=$(pwd)
cd "$tmp/proj" || exit 2
expect 1 "priority.value" "$bin" check wp/sub/a.md
expect 0 "" "$bin" config wp/sub/a.md && grep -q "no .wpgen.yaml" "$tmp/stdout" && ok || bad "config without files"
printf 'severity:\n  priority: warning\ndisable: [link]\nbogus: 1\n' > "$tmp/proj/.wpgen.yaml"
expect 0 "unknown key 'bogus'" "$bin" check wp/sub/a.md
grep -q '^\.wpgen\.yaml:4:1: warning: .*\[config.unknown-key\]' "$tmp/stderr" && ok || bad "an unknown key's position: $(head -2 "$tmp/stderr")"
grep -q 'link.no' "$tmp/stderr" && bad "the configuration's disable is not applied" || ok
grep -q 'warning: .*\[priority.value\]' "$tmp/stderr" && ok || bad "the configuration's severity is not applied"
# the nearest file wins; the command line wins over both
printf 'severity: {priority.value: error}\nenable: link.no\n' > "$tmp/proj/wp/.wpgen.yaml"
expect 1 "error: .*priority.value" "$bin" check wp/sub/a.md
grep -q 'link.no' "$tmp/stderr" && ok || bad "the nearer file's enable is not applied"
expect 0 "" "$bin" check --disable priority wp/sub/a.md
expect 1 "" "$bin" check --no-config wp/sub/a.md
grep -q 'warning: .*link.no' "$tmp/stderr" && ok || bad "--no-config kept a configuration"
expect 0 "" "$bin" config --as-of 2026-01-31 wp/sub/a.md
grep -q '^as_of: "*2026-01-31"*  # --as-of$' "$tmp/stdout" && grep -q '^  priority.value: error  # wp/\.wpgen\.yaml:1:12$' "$tmp/stdout" &&
	grep -q '^  priority: warning  # \.wpgen\.yaml:2:3$' "$tmp/stdout" && ok || bad "wpgen config: $(cat "$tmp/stdout")"
expect 0 "" "$bin" check --print-config wp/sub/a.md && grep -q "^# the configuration in force" "$tmp/stdout" && ok || bad "check --print-config"
# wrong values: findings at their positions; not YAML: exit 2 with its position
printf 'as_of: 2025-02-30\nseverity: {link.no: fatal}\n' > "$tmp/proj/wp/.wpgen.yaml"
expect 1 "wp/.wpgen.yaml:1:8: error: .*config.value" "$bin" check wp/sub/a.md
grep -q 'wp/.wpgen.yaml:2:21: error: .*fatal.*config.value' "$tmp/stderr" && ok || bad "a bad severity's position: $(grep config "$tmp/stderr")"
printf 'disable: [link\n' > "$tmp/proj/wp/.wpgen.yaml"
expect 2 "wp/.wpgen.yaml:2:1: error: not valid YAML.*config.invalid" "$bin" check wp/sub/a.md
expect 2 "config.invalid" "$bin" render -o "$tmp/proj/out.html" wp/sub/a.md
absent "$tmp/proj/out.html"
expect 2 "config.invalid" "$bin" build -o "$tmp/proj/out" wp
absent "$tmp/proj/out/sub/a.html"
expect 2 "cannot read the configuration" "$bin" check --config none.yaml wp/sub/a.md
expect 2 "contradict" "$bin" check --config .wpgen.yaml --no-config wp/sub/a.md
rm "$tmp/proj/wp/.wpgen.yaml"
# an acknowledged finding: not counted for the exit code, listed on demand,
# in JSON and SARIF (a suppression in the source, with its reason) and on
# the review page; an acknowledgement that matches nothing is stale
{ printf -- '---\naccept:\n  - {rule: priority.value, at: I.3, why: "agreed by the committee, 12th session"}\n'
  printf '  - {rule: link.no, at: I.7, why: old}\n---\n'; cat "$tmp/proj/wp/sub/a.md"; } > "$tmp/proj/wp/sub/b.md"
printf 'severity: {priority: error}\n' > "$tmp/proj/.wpgen.yaml"
expect 0 "1 accepted in the source" "$bin" check --no-config wp/sub/b.md
grep -q 'priority.value' "$tmp/stderr" && bad "an accepted finding is printed without --show-accepted" || ok
grep -q 'wp/sub/b.md:4:5: warning: accept: nothing to acknowledge.*link.no.*I.7.*\[accept.stale\]' "$tmp/stderr" && ok || bad "no stale acknowledgement: $(head -3 "$tmp/stderr")"
expect 0 "" "$bin" check --show-accepted wp/sub/b.md
grep -q 'error: .*\[priority.value\] (accepted: agreed by the committee, 12th session)' "$tmp/stderr" && ok || bad "--show-accepted"
"$bin" check --format json wp/sub/b.md > "$tmp/acc.json" 2>/dev/null
jq -e '[.[] | select(.rule == "priority.value")][0].accepted == "agreed by the committee, 12th session"' "$tmp/acc.json" > /dev/null && ok || bad "JSON lacks accepted"
"$bin" check --format sarif wp/sub/b.md > "$tmp/acc.sarif" 2>/dev/null; echo $? > "$tmp/acc.rc"
[ "$(cat "$tmp/acc.rc")" = 0 ] && jq -e '[.runs[0].results[] | select(.ruleId == "priority.value")][0].suppressions ==
	[{"kind": "inSource", "justification": "agreed by the committee, 12th session"}]' "$tmp/acc.sarif" > /dev/null && ok || bad "SARIF lacks the suppression"
jq -e '[.runs[0].results[] | select(.suppressions == null and .ruleId == "priority.value")] | length == 0' "$tmp/acc.sarif" > /dev/null && ok || bad "SARIF: an unsuppressed accepted finding"
expect 0 "" "$bin" review -o "$tmp/proj/b.review.html" wp/sub/b.md
grep -q 'data-sev="accepted" data-rule="priority.value"' "$tmp/proj/b.review.html" && grep -q '1 accepted in the source (not counted)' "$tmp/proj/b.review.html" &&
	grep -q 'accepted: agreed by the committee, 12th session' "$tmp/proj/b.review.html" && ok || bad "the review page does not show the accepted finding"
expect 1 "priority.value" "$bin" check wp/sub/a.md # (the other source: not acknowledged)
# build: both, the index counting accepted findings apart
expect 1 "1 accepted in the sources" "$bin" build -q -o "$tmp/proj/out" wp
grep -q '<span class="acc">1 accepted</span>' "$tmp/proj/out/index.html" && ok || bad "the index does not count accepted findings apart"
expect 1 "" "$bin" build -o "$tmp/proj/out" wp && grep -q "0 built, 2 unchanged" "$tmp/stderr" && ok || bad "a no-change build with a configuration rebuilt: $(tail -1 "$tmp/stderr")"
printf 'disable: priority\n' > "$tmp/proj/wp/sub/.wpgen.yaml"
expect 0 "" "$bin" build -o "$tmp/proj/out" wp && grep -q "2 built, 0 unchanged" "$tmp/stderr" && ok || bad "a new configuration file did not rebuild: $(tail -1 "$tmp/stderr")"
rm -f "$tmp/proj/wp/sub/.wpgen.yaml" "$tmp/proj/.wpgen.yaml"
cd "$here" || exit 2

# libxml2, libxslt and libzip are loaded when first needed (src/base/lazy.h):
# not linked, not opened for a Markdown programme rendered to HTML or
# Markdown; opened for XML, Word and templates; and when one cannot be
# loaded, the source that needs it says so (exit 2), and the rest works.
if ldd "$bin" | grep -q -e libxml2 -e libxslt -e libzip -e libicu; then bad "wpgen links what it loads on first use: $(ldd "$bin" | grep -e xml -e xslt -e zip | tr '\n' ' ')"; else ok; fi
loads() { # the lazy libraries a command opens, as "xml2 xslt zip"
	strace -f -qq -e trace=open,openat -o "$tmp/strace" "$@" >/dev/null 2>&1
	for l in xml2 xslt zip; do grep -q "lib$l\.so" "$tmp/strace" && printf '%s ' $l; done
}
if command -v strace > /dev/null 2>&1; then
	for to in html md; do
		got=$(loads "$bin" render --to $to -o "$tmp/lazy.$to" "$sample")
		[ -z "$got" ] && ok || bad "render --to $to of Markdown opened: $got"
	done
	got=$(loads "$bin" check "$sample"); [ -z "$got" ] && ok || bad "check of Markdown opened: $got"
	got=$(loads "$bin" render --to xml -o "$tmp/lazy.xml" "$sample"); [ "$got" = "xml2 " ] && ok || bad "render --to xml opened '$got'"
	got=$(loads "$bin" check "$here/input/timber-legality-joint-work-plan-2024-2027.xml"); [ "$got" = "xml2 " ] && ok || bad "check of XML opened '$got'"
	got=$(loads "$bin" render --to html -o "$tmp/lazy.html" --template "$here/templates/annex-html.xsl" "$sample")
	[ "$got" = "xml2 xslt " ] && ok || bad "a template opened '$got'"
	got=$(loads "$bin" render --to docx -o "$tmp/lazy.docx" "$sample"); [ "$got" = "xml2 zip " ] && ok || bad "render --to docx opened '$got'"
else
	echo "cli: strace is absent: what wpgen loads is not checked"
fi
mkdir -p "$tmp/nolib"
for l in libxml2.so.2 libxslt.so.1 libzip.so.4; do echo "not a library" > "$tmp/nolib/$l"; done
expect 2 "timber-legality-joint-work-plan-2024-2027.xml: error: cannot load libxml2.so.2: .*\[io.library\]" \
	env LD_LIBRARY_PATH="$tmp/nolib" "$bin" check "$here/input/timber-legality-joint-work-plan-2024-2027.xml"
expect 2 "cannot load libzip.so.4: .*\[io.library\]" env LD_LIBRARY_PATH="$tmp/nolib" "$bin" render --to docx -o "$tmp/nolib.docx" "$sample"
absent "$tmp/nolib.docx"
expect 2 "annex-html.xsl: error: cannot load libxml2.so.2" \
	env LD_LIBRARY_PATH="$tmp/nolib" "$bin" render --template "$here/templates/annex-html.xsl" -o "$tmp/nolib.html" "$sample"
expect 2 "a.md: error: cannot load libxml2.so.2" env LD_LIBRARY_PATH="$tmp/nolib" "$bin" render --to xml -o "$tmp/nolib.xml" "$tmp/a.md"
# (the loader's message whole, however long the path it names)
long=$(printf 'd%.0s' $(seq 1 200)); mkdir -p "$tmp/nolib/$long/$long/$long"
echo "not a library" > "$tmp/nolib/$long/$long/$long/libxml2.so.2"
expect 2 "$long/libxml2.so.2: file too short" \
	env LD_LIBRARY_PATH="$tmp/nolib/$long/$long/$long" "$bin" check "$here/input/timber-legality-joint-work-plan-2024-2027.xml"
expect 0 "" env LD_LIBRARY_PATH="$tmp/nolib" "$bin" render --to html -o "$tmp/nolib.html" "$sample"
cmp -s "$tmp/nolib.html" "$tmp/lazy.html.md-ref" 2>/dev/null || "$bin" render --to html -o "$tmp/lazy.html.md-ref" "$sample"
cmp -s "$tmp/nolib.html" "$tmp/lazy.html.md-ref" && ok || bad "without libxml2, a Markdown programme renders differently"

# A source with no profile named is read with the default when it fits
# every table; only then are the other profiles left unparsed (it cannot
# be beaten: the default wins a tie). One that fits another profile better
# gets it, all of them compared; either way the depfile names them all.
if command -v strace > /dev/null 2>&1; then
	profiles_read() { strace -f -qq -e trace=open,openat -o "$tmp/strace" "$@" >/dev/null 2>&1; grep -c 'profiles/[^"]*\.yaml"' "$tmp/strace"; }
	[ "$(profiles_read "$bin" check "$here/input/enforcement-work-programme-2025-2028.md")" = 1 ] && ok ||
		bad "a source the default profile fits wholly parsed $(profiles_read "$bin" check "$here/input/enforcement-work-programme-2025-2028.md") profiles"
	sed '/^profile:/d' "$here/input/joint-work-plan-2025-2028.md" > "$tmp/jwp.md"
	[ "$(profiles_read "$bin" check "$tmp/jwp.md")" -ge 5 ] && ok || bad "a source another profile fits did not compare them all"
fi
expect 0 "read with profile 'joint-work-plan', picked from its structure" "$bin" check "$tmp/jwp.md"
for f in "$here/input/enforcement-work-programme-2025-2028.md" "$tmp/jwp.md"; do
	"$bin" render -o "$tmp/dep.html" --depfile "$tmp/dep.d" "$f" 2>/dev/null
	[ "$(tr ' ' '\n' < "$tmp/dep.d" | grep -c 'profiles/.*\.yaml')" -eq "$(ls "$here"/profiles/*.yaml | wc -l)" ] && ok ||
		bad "the depfile of $f does not name every profile: $(cat "$tmp/dep.d")"
done

# The built-in annexes go into a file as they are made (never whole in
# memory): the same bytes as on standard output; a write that fails
# midway (a file-size limit here, a full disk in life) leaves neither the
# file nor a temporary behind.
for to in html md; do
	"$bin" render --to $to "$sample" > "$tmp/whole.$to" 2>/dev/null
	expect 0 "" "$bin" render --to $to -o "$tmp/streamed.$to" "$sample"
	cmp -s "$tmp/whole.$to" "$tmp/streamed.$to" && ok || bad "render --to $to -o FILE differs from its standard output"
done
mkdir -p "$tmp/limited"
awk -v N=10 -f "$here/bench/replicate.awk" "$sample" > "$tmp/big.md"
expect 2 "cannot write '$tmp/limited/big.html': File too large" \
	sh -c "trap '' XFSZ; ulimit -f 64; exec '$bin' render --to html -o '$tmp/limited/big.html' '$tmp/big.md'"
[ -z "$(ls -A "$tmp/limited")" ] && ok || bad "a failed streamed write left $(ls -A "$tmp/limited")"
printf 'old\n' > "$tmp/limited/keep.html"
expect 2 "File too large" sh -c "trap '' XFSZ; ulimit -f 64; exec '$bin' render --to html -o '$tmp/limited/keep.html' '$tmp/big.md'"
[ "$(cat "$tmp/limited/keep.html")" = old ] && [ "$(ls -A "$tmp/limited")" = keep.html ] && ok ||
	bad "a failed streamed write changed the file it was to replace, or left a temporary: $(ls -A "$tmp/limited")"

# installed where it finds its templates and profiles
if make -s install PREFIX=/usr DESTDIR="$tmp/root" > /dev/null 2>&1; then
	expect 0 "" env -u WPGEN_DATADIR "$tmp/root/usr/bin/wpgen" render -o "$tmp/inst.html" "$sample"
	cmp -s "$tmp/inst.html" "$tmp/keep.orig" && ok || bad "installed binary renders differently"
	[ -s "$tmp/root/usr/share/man/man1/wpgen.1" ] && [ -s "$tmp/root/usr/share/bash-completion/completions/wpgen" ] && ok ||
		bad "make install did not install the manual page and the completion"
else
	bad "make install failed"
fi

echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
