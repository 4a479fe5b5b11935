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
# The review page, as Chromium runs it (--dump-dom: the DOM after its
# script): every finding of check listed, and marked in its cell or listed
# apart; every in-page link with its target; the filters shown (the
# policy allowed the script by its hash) and, opened with #hide=sev:note,
# every note hidden and nothing else.
x() { xmllint --html --xpath "$1" "$2" 2>/dev/null; }
review_dom() {
	src=$1 name=$2
	"$bin" review -o "$tmp/$name.html" "$src" 2>/dev/null
	n=$("$bin" check --format json "$src" 2>/dev/null | jq length)
	notes=$("$bin" check --format json "$src" 2>/dev/null | jq '[.[] | select(.severity == "note")] | length')
	"$chrome" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/$name.html" \
		> "$tmp/$name.dom" 2>/dev/null
	"$chrome" --headless --no-sandbox --disable-gpu --user-data-dir="$tmp/profile" --dump-dom "file://$tmp/$name.html#hide=sev:note" \
		> "$tmp/$name-hidden.dom" 2>/dev/null
	d=$tmp/$name.dom
	listed=$(x "count(//section[@class='review']//ol[@class='findings']/li)" "$d")
	marked=$(x "count(//td//ul[@class='marks']/li)" "$d")
	apart=$(x "count(//ol[@class='findings']/li[not(a)])" "$d")
	[ -n "$n" ] && [ "$listed" = "$n" ] && [ $((marked + apart)) -eq "$n" ] && ok ||
		bad "$name: check finds $n, the review page lists $listed, marks $marked in cells and $apart apart"
	links=$(x "count(//a[starts-with(@href, '#')])" "$d")
	targets=$(x "count(//a[starts-with(@href, '#')][substring(@href, 2) = //@id])" "$d")
	[ "$links" = "$targets" ] && ok || bad "$name: $links in-page links, $targets with a target"
	[ "$n" -eq 0 ] || { [ "$(x "count(//fieldset[@class='filters'][not(@hidden)])" "$d")" = 1 ] && ok ||
		bad "$name: the filters are not shown: the script did not run (its hash, the policy?)"; }
	h=$tmp/$name-hidden.dom
	hidden=$(x "count(//*[@data-sev='note'][@hidden])" "$h")
	shown=$(x "count(//*[@data-sev and @data-sev!='note'][@hidden])" "$h")
	all_notes=$(x "count(//*[@data-sev='note'])" "$h")
	[ "$hidden" = "$all_notes" ] && [ "$shown" = 0 ] && { [ "$notes" -eq 0 ] || [ "$hidden" -gt 0 ]; } && ok ||
		bad "$name: #hide=sev:note hid $hidden of $all_notes notes and $shown others"
	echo "browser: the review page of $name: $n findings, $marked on their cells, $apart apart; $links links; $hidden notes hidden by the filter"
}
if command -v xmllint > /dev/null && command -v jq > /dev/null; then
	for f in input/*.md input/*.xml input/rkc-work-programme-2025-2028.docx; do
		[ -f "$f" ] && review_dom "$f" "review-$(basename "$f")"
	done
	[ -f ../shared/seeds/ptc-work-programme-2022-2025.md ] && review_dom ../shared/seeds/ptc-work-programme-2022-2025.md review-seed
else
	echo "browser: SKIPPED: no xmllint or jq: the review pages were not loaded"
fi
echo "browser: $pass passed, $fail failed"
[ $fail -eq 0 ]
