#!/bin/sh
# office.sh: a programme opened and saved in a word processor reads the
# same. LibreOffice (Debian's libreoffice-writer-nogui) saves each
# programme as a Word file (from its HTML, as a secretariat would paste it
# into Word), then opens that file and saves it again, as a user who edits
# it would. Saving again merges adjacent tables (their columns over one
# grid, w:gridSpan, each one's header row inside), so this is the test of
# reading merged tables: both Word files give the same annex, byte for
# byte, the same findings (their places in Word aside) and the activities
# of the Markdown. The Word sample is saved again as it is. Skipped, saying
# so, where LibreOffice is absent.   sh tests/office.sh BINARY
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
	cmark-gfm -e table --unsafe "$s" > "$tmp/md/$n.html"
	cp "$s" "$tmp/md/$n.md"
done
cp input/rkc-work-programme-2025-2028.docx "$tmp/w1/"
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/w1" "$tmp"/md/*.html
lo --convert-to docx --outdir "$tmp/w2" "$tmp"/w1/*.docx

tables() { unzip -p "$1" word/document.xml | grep -o '<w:tbl>' | wc -l; }
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
		a0=$("$bin" check --summary "$tmp/md/$n.md" 2>&1 | grep -o '[0-9]* activit[a-z]*)' | tail -1)
		a1=$("$bin" check --summary "$g" 2>&1 | grep -o '[0-9]* activit[a-z]*)' | tail -1)
		[ -n "$a0" ] && [ "$a0" = "$a1" ] && ok || bad "$n: the Markdown has '$a0', the Word file saved twice '$a1'"
	fi
	echo "office: $n: $t1 tables, saved again $t2"
done
[ "$merged" -ge 1 ] && ok || bad "no programme had its tables merged by saving again: the merged reading was not tested"
echo "office: $pass passed, $fail failed"
[ $fail -eq 0 ]
