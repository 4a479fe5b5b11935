#!/bin/sh
# office.sh: a programme opened and saved in a word processor reads the
# same. LibreOffice (Debian's libreoffice-writer-nogui) saves each
# programme as a Word file (from its HTML, as a secretariat would paste it
# into Word), then opens that file and saves it again, as a user who edits
# it would. Saving again merges adjacent tables (their columns over one
# grid, w:gridSpan, each one's header row inside), so this is the test of
# reading merged tables: both Word files give the same annex, byte for
# byte, the same findings (their places in Word aside) and the activities
# of the Markdown. The Word sample is saved again as it is. Then wpgen's
# own Word annex: LibreOffice converts it within the page budget, pandoc
# reads every activity's title in it, and saved again it reads the same.
# Skipped, saying so, where LibreOffice is absent.   sh tests/office.sh BINARY
bin=${1:-build/wpgen}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "office: FAIL: $*"; }
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ] || ! command -v cmark-gfm > /dev/null; then
	echo "office: SKIPPED: no LibreOffice or no cmark-gfm; Word files as a word processor saves them were not read"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/md" "$tmp/w1" "$tmp/w2" "$tmp/profile"
lo() { "$soffice" -env:UserInstallation="file://$tmp/profile" --headless "$@" > "$tmp/lo.log" 2>&1; }

seed=../shared/seeds/ptc-work-programme-2022-2025.md
srcs="input/ctfi-work-programme-2024-2027.md input/enforcement-work-programme-2025-2028.md input/joint-work-plan-2025-2028.md"
if [ -f "$seed" ]; then srcs="$seed $srcs"; else echo "office: the real document is absent; the samples only"; fi
for s in $srcs; do
	n=$(basename "$s" .md)
	# (front matter is wpgen's, not the document's: a secretariat's Word
	# file has none, and cmark-gfm would make it a heading)
	awk 'NR == 1 && $0 == "---" { fm = 1; next } fm && ($0 == "---" || $0 == "...") { fm = 0; next } !fm' "$s" |
		cmark-gfm -e table --unsafe > "$tmp/md/$n.html"
	cp "$s" "$tmp/md/$n.md"
done
cp input/rkc-work-programme-2025-2028.docx "$tmp/w1/"
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/w1" "$tmp"/md/*.html
lo --convert-to docx --outdir "$tmp/w2" "$tmp"/w1/*.docx

tables() { unzip -p "$1" word/document.xml | grep -o '<w:tbl>' | wc -l; }
# the activities read, per section and in all: "2 sections (I: 43
# activities, II: 54 activities), 97 activities"
acts() { "$bin" check --summary "$1" 2>&1 | sed -n 's/^.*: \([0-9]* sections\{0,1\} ([^)]*), [0-9]* activit[a-z]*\).*/\1/p' | head -1; }
# findings without their place in Word (table N, row N), sorted
findings() { "$bin" check "$1" 2>&1 | sed -E 's/^[^:]*: (table [0-9]+, )?(row [0-9]+)?,? ?//; s/^paragraph [0-9]+: //' | grep -v ' in 1 file\|picked from its structure' | sort; }
merged=0
for f in "$tmp"/w1/*.docx; do
	n=$(basename "$f" .docx)
	g="$tmp/w2/$n.docx"
	[ -s "$g" ] || { bad "$n: LibreOffice did not save it again: $(tail -2 "$tmp/lo.log")"; continue; }
	t1=$(tables "$f") t2=$(tables "$g")
	[ "$t2" -lt "$t1" ] && merged=$((merged + 1))
	"$bin" render --to md "$f" > "$tmp/a1.md" 2>/dev/null
	"$bin" render --to md "$g" > "$tmp/a2.md" 2>/dev/null
	[ -s "$tmp/a1.md" ] && cmp -s "$tmp/a1.md" "$tmp/a2.md" && ok ||
		bad "$n: saved again ($t1 tables, then $t2), the annex differs: $(diff "$tmp/a1.md" "$tmp/a2.md" | head -4 | tr '\n' ' ')"
	findings "$f" > "$tmp/f1"
	findings "$g" > "$tmp/f2"
	cmp -s "$tmp/f1" "$tmp/f2" && ok || bad "$n: saved again ($t1 tables, then $t2), the findings differ: $(diff "$tmp/f1" "$tmp/f2" | head -6 | tr '\n' ' ')"
	if [ -f "$tmp/md/$n.md" ]; then # the activities of the Markdown, every one
		a0=$(acts "$tmp/md/$n.md")
		a1=$(acts "$g")
		[ -n "$a0" ] && [ "$a0" = "$a1" ] && ok || bad "$n: the Markdown has '$a0', the Word file saved twice '$a1'"
	fi
	echo "office: $n: $t1 tables, saved again $t2"
done
[ "$merged" -ge 1 ] && ok || bad "no programme had its tables merged by saving again: the merged reading was not tested"

# wpgen's own Word annex, as a word processor and pandoc read it:
# LibreOffice converts it to PDF (the seed within 34 pages), pandoc finds
# every activity's title in it, and it still reads back after LibreOffice
# saves it again (the same activities)
mkdir -p "$tmp/annex" "$tmp/pdf" "$tmp/again"
for s in $srcs input/rkc-work-programme-2025-2028.docx; do
	n=$(basename "$(basename "$s" .md)" .docx)
	"$bin" render --to docx -o "$tmp/annex/$n.docx" "$s" 2>/dev/null
	[ -s "$tmp/annex/$n.docx" ] || { bad "$n: no Word annex"; continue; }
done
"$bin" diff --to docx -o "$tmp/annex/redline.docx" input/ctfi-work-programme-2024-2027.md input/enforcement-work-programme-2025-2028.md 2>/dev/null
lo --convert-to pdf --outdir "$tmp/pdf" "$tmp"/annex/*.docx
lo --convert-to docx --outdir "$tmp/again" "$tmp"/annex/*.docx
for f in "$tmp"/annex/*.docx; do
	n=$(basename "$f" .docx)
	pages=$(pdfinfo "$tmp/pdf/$n.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	[ -n "$pages" ] && [ "$pages" -ge 1 ] && ok || { bad "$n: LibreOffice did not convert the Word annex to PDF: $(tail -2 "$tmp/lo.log")"; continue; }
	if [ "$n" = ptc-work-programme-2022-2025 ]; then
		[ "$pages" -le 34 ] && ok || bad "$n: the Word annex is $pages pages in LibreOffice, over the budget of 34"
	fi
	# every activity's title (the Activities column) in pandoc's reading
	# (its HTML: pandoc's plain text draws a table whose cells hold several
	# paragraphs as "[TABLE]")
	if command -v pandoc > /dev/null; then
		pandoc -f docx -t html --wrap=none "$f" 2>/dev/null | sed 's/<[^>]*>/ /g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' |
			tr -s ' \n' '  ' > "$tmp/plain.txt"
		missing=0 total=0
		"$bin" render --to xml "$f" 2>/dev/null | xsltproc tests/titles.xsl - 2>/dev/null | tr -s ' ' > "$tmp/titles.txt"
		while IFS= read -r t; do
			[ -n "$t" ] || continue
			total=$((total + 1))
			grep -qF -- "$t" "$tmp/plain.txt" || missing=$((missing + 1))
		done < "$tmp/titles.txt"
		[ "$total" -ge 1 ] && [ "$missing" -eq 0 ] && ok || bad "$n: pandoc's reading of the Word annex lacks $missing of $total activity titles"
	fi
	# saved again, the same annex and the same findings (their places
	# aside), not only the same activities
	"$bin" render --to md "$f" > "$tmp/b1.md" 2>/dev/null
	"$bin" render --to md "$tmp/again/$n.docx" > "$tmp/b2.md" 2>/dev/null
	[ -s "$tmp/b1.md" ] && cmp -s "$tmp/b1.md" "$tmp/b2.md" && ok ||
		bad "$n: the Word annex saved again by LibreOffice reads differently: $(diff "$tmp/b1.md" "$tmp/b2.md" | head -4 | tr '\n' ' ')"
	findings "$f" > "$tmp/f1"
	findings "$tmp/again/$n.docx" > "$tmp/f2"
	cmp -s "$tmp/f1" "$tmp/f2" && ok || bad "$n: the Word annex saved again by LibreOffice has other findings: $(diff "$tmp/f1" "$tmp/f2" | head -6 | tr '\n' ' ')"
	a0=$(acts "$f")
	a1=$(acts "$tmp/again/$n.docx")
	[ -n "$a0" ] && [ "$a0" = "$a1" ] && ok || bad "$n: the Word annex has '$a0', saved again by LibreOffice '$a1'"
	echo "office: the Word annex $n: $pages pages in LibreOffice${total:+, $total titles found by pandoc}, $a0 read back after saving again"
done
echo "office: $pass passed, $fail failed"
[ $fail -eq 0 ]
