#!/bin/sh
# browser.sh: the annex as committees read it, printed. Headless Chromium
# prints the seed's HTML annex (and a sample's) to PDF; pdftotext then
# checks that every page has "Page N of M", the document reference, and
# the repeated header row of its table; that no "Example" banner stands
# alone at a page's foot; and that the seed prints on 32 pages at most. Skipped, saying so, where Chromium
# or pdftotext is absent (make test-browser is optional).
bin=${1:-build/wpgen}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "browser: FAIL: $*"; }
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ] || ! command -v pdftotext > /dev/null; then
	echo "browser: SKIPPED: no Chromium or no pdftotext (poppler-utils); the printed annex was not checked"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# print FILE.html to FILE.pdf and check every page (and the page budget,
# when one is given)
check_pdf() {
	name=$1 ref=$2 header=$3 budget=${4:-}
	"$chrome" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir="$tmp/profile" \
		--print-to-pdf="$tmp/$name.pdf" "file://$tmp/$name.html" > /dev/null 2>&1
	[ -s "$tmp/$name.pdf" ] || { bad "$name: Chromium printed nothing"; return; }
	pages=$(pdfinfo "$tmp/$name.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	[ -n "$pages" ] && [ "$pages" -ge 1 ] || { bad "$name: no pages"; return; }
	missing=0 noref=0 nohead=0 alone=0 cont=0
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -layout -f "$p" -l "$p" "$tmp/$name.pdf" "$tmp/page.txt"
		grep -q "Page $p of $pages" "$tmp/page.txt" || missing=$((missing + 1))
		grep -q "$ref" "$tmp/page.txt" || noref=$((noref + 1))
		# a page of a table shows its header row (the first two may hold the
		# title block and the summary, the last the notes)
		if [ "$p" -gt 2 ] && [ "$p" -lt "$pages" ] && ! grep -q "$header" "$tmp/page.txt"; then nohead=$((nohead + 1)); fi
		# the "Example" banner is never the last line of a page's table
		last=$(grep -v 'Page [0-9]* of [0-9]*' "$tmp/page.txt" | grep -v '^[[:space:]]*$' | tail -1)
		case $last in *"Example, not an activity"*) alone=$((alone + 1)) ;; esac
		# no page says a row runs on (the annex cannot know where pages end)
		grep -q 'continued overleaf' "$tmp/page.txt" && cont=$((cont + 1))
		p=$((p + 1))
	done
	[ $alone -eq 0 ] && ok || bad "$name: on $alone pages the Example banner is alone at the foot"
	[ $cont -eq 0 ] && ok || bad "$name: $cont pages say 'continued overleaf'"
	if [ -n "$budget" ]; then
		[ "$pages" -le "$budget" ] && ok || bad "$name: $pages pages, over the budget of $budget"
	fi
	[ $missing -eq 0 ] && ok || bad "$name: $missing of $pages pages lack 'Page N of $pages'"
	[ $noref -eq 0 ] && ok || bad "$name: $noref of $pages pages lack '$ref'"
	[ $nohead -eq 0 ] && ok || bad "$name: $nohead of $pages pages lack the header row ('$header')"
	[ $((missing + noref + nohead)) -eq 0 ] && echo "browser: $name: $pages pages, each numbered, with its reference and header row"
}

"$bin" render -o "$tmp/sample.html" input/ctfi-work-programme-2024-2027.md 2>/dev/null
check_pdf sample "Annex to Doc. TF0214" "Priority"
if [ -f ../shared/seeds/ptc-work-programme-2022-2025.md ]; then
	"$bin" render -o "$tmp/seed.html" ../shared/seeds/ptc-work-programme-2022-2025.md 2>/dev/null
	check_pdf seed "Annex to Doc. PC0756" "Priority" 32
else
	echo "browser: SKIPPED: ../shared/seeds is absent; the seed's printed annex was not checked"
fi
echo "browser: $pass passed, $fail failed"
[ $fail -eq 0 ]
