#!/bin/sh
# Golden tests: each source renders to the expected HTML, Markdown and XML,
# and checks to the expected diagnostics and exit code. Sources are the
# samples in input/ and the small ones in tests/golden/; the expected
# files are in tests/golden/expected/, for a reviewer to read.
#   sh tests/golden.sh BINARY          compare
#   sh tests/golden.sh BINARY --update  rewrite the expected files
bin=${1:?usage: golden.sh BINARY [--update]}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
update=${2:-}
exp=tests/golden/expected
pass=0 fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

compare() { # name got
	if [ "$update" = --update ]; then
		cp "$2" "$exp/$1"
	elif cmp -s "$2" "$exp/$1"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "golden: $1 differs from the expected file:"
		diff -u "$exp/$1" "$2" | head -20
	fi
}

for src in input/*.md input/*.xml input/*.docx tests/golden/*.md; do
	[ -e "$src" ] || continue
	name=$(basename "$(basename "$(basename "$src" .md)" .xml)" .docx)
	for fmt in html md xml; do
		"$bin" render --to $fmt -o "$tmp/$name.$fmt" "$src" 2>/dev/null
		compare "$name.$fmt" "$tmp/$name.$fmt"
	done
	"$bin" check "$src" > "$tmp/out" 2> "$tmp/$name.diag"
	echo "exit: $?" >> "$tmp/$name.diag"
	compare "$name.diag" "$tmp/$name.diag"
	# The Markdown annex renders to itself (not a progress report's: its
	# annex is the plan with the report's text set in, a plan, not a report).
	if [ "$update" != --update ] && ! grep -q '^plan:' "$src"; then
		"$bin" render --to md -o "$tmp/again.md" "$tmp/$name.md" 2>/dev/null
		if cmp -s "$tmp/again.md" "$tmp/$name.md"; then pass=$((pass + 1)); else
			fail=$((fail + 1)); echo "golden: the Markdown annex of $src is not a fixed point"; fi
	fi
done
# Tracked changes: each version of the redline sample, as HTML and Markdown.
for mode in accept reject; do
	for fmt in html md; do
		"$bin" render --changes $mode --to $fmt -o "$tmp/changes.$mode.$fmt" tests/golden/changes.md 2>/dev/null
		compare "changes.$mode.$fmt" "$tmp/changes.$mode.$fmt"
	done
done

# The real document's diagnostics, reviewed line by line (see the README).
seed=${WPGEN_SEEDS:-../shared/seeds}/ptc-work-programme-2022-2025.md
if [ -f "$seed" ]; then
	(cd "$(dirname "$seed")" && "$bin" check --as-of 2024-04-01 "$(basename "$seed")") > /dev/null 2> "$tmp/seed.diag"
	echo "exit: $?" >> "$tmp/seed.diag"
	compare ptc-work-programme-2022-2025.diag "$tmp/seed.diag"
	# and it converts without loss: MD -> XML -> MD == MD -> MD, XML -> XML fixed
	"$bin" convert --to xml -o "$tmp/seed.xml" "$seed" 2>/dev/null
	"$bin" convert --to md -o "$tmp/seed1.md" "$seed" 2>/dev/null
	"$bin" convert --to md -o "$tmp/seed2.md" "$tmp/seed.xml" 2>/dev/null
	"$bin" convert --to xml -o "$tmp/seed2.xml" "$tmp/seed.xml" 2>/dev/null
	if cmp -s "$tmp/seed1.md" "$tmp/seed2.md" && cmp -s "$tmp/seed.xml" "$tmp/seed2.xml"; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "golden: the real document does not convert without loss"; fi
else
	echo "golden: SKIPPED the real document's diagnostics: $seed is absent"
fi
[ "$update" = --update ] && { echo "golden: expected files rewritten"; exit 0; }
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ]
