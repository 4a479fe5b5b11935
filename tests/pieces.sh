#!/bin/sh
# The Markdown reader parses a programme a piece at a time (src/read/md_cut.c
# says where it may cut). A differential test: every file here, read whole
# (WPGEN_TEST_MD_PIECE=0) and cut at every place the reader may cut (=1),
# gives the same bytes in every output (html, md, xml), the same findings
# (check --format json) and the same exit code.
#   sh tests/pieces.sh WPGEN [FILE]...
# Without files: every sample in input/, the seeds in ../shared/seeds, and
# cases made here of what runs across a blank line (fenced code, HTML
# comments and tables, lists, block quotes, link reference definitions,
# lone CRs) placed before, inside and after the tables.
set -u
WPGEN=${1:?usage: pieces.sh WPGEN [FILE]...}
shift
here=$(dirname "$0")
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
failed=0 n=0

# one FILE PIECE: every output of FILE into $T/PIECE.*
one() {
	for to in html md xml; do
		WPGEN_TEST_MD_PIECE=$2 "$WPGEN" render --to $to -o "$T/$2.$to" "$1" >/dev/null 2>"$T/$2.$to.err"
		echo "exit $?" >>"$T/$2.$to.err"
		[ -f "$T/$2.$to" ] || : >"$T/$2.$to"
	done
	WPGEN_TEST_MD_PIECE=$2 "$WPGEN" check --format json "$1" >"$T/$2.json" 2>&1
	echo "exit $?" >>"$T/$2.json"
}

differ() {
	n=$((n + 1))
	rm -f "$T"/0.* "$T"/1.*
	one "$1" 0
	one "$1" 1
	for f in html html.err md md.err xml xml.err json; do
		if ! cmp -s "$T/0.$f" "$T/1.$f"; then
			echo "not ok - $2: read in pieces, its $f differs from the whole's:"
			diff "$T/0.$f" "$T/1.$f" | head -8
			failed=$((failed + 1))
			return
		fi
	done
	[ "${VERBOSE:-0}" = 1 ] && echo "ok - $2"
}

if [ $# -gt 0 ]; then
	for f in "$@"; do differ "$f" "$(basename "$f")"; done
else
	for f in "$here"/../input/*.md; do differ "$f" "sample $(basename "$f")"; done
	seeds=${WPGEN_SEEDS:-$here/../../shared/seeds}
	if [ -d "$seeds" ]; then
		for f in "$seeds"/*.md; do differ "$f" "seed $(basename "$f")"; done
	else
		echo "pieces: the seeds ($seeds) are absent: skipped"
	fi
	# A programme of three tables, with the construct between the first
	# two, inside the second's last cell's paragraph run, and after the
	# last: each of them runs across a blank line or acts at a distance.
	head='TEST COMMITTEE (PTC) WORK PROGRAMME 2024-2025**I. Activities**'
	table() { # N: a table of two activities from N
		printf '| No. | Priority ranking | Activities | Progress | Completion status |\n|---|---|---|---|---|\n'
		printf '| %d. | A | Draft the guide | In progress: drafted | Blue |\n' "$1"
		printf '| %d. | B | Hold a workshop | Completed in May | Green |\n\n' $(($1 + 1))
	}
	i=0
	while IFS= read -r c; do
		i=$((i + 1))
		body=$(printf '%b' "$c")
		for where in before between after; do
			{
				printf '%s\n\n' "$head"
				[ $where = before ] && printf '%s\n\n' "$body"
				table 1
				[ $where = between ] && printf '%s\n\n' "$body"
				table 3
				table 5
				[ $where = after ] && printf '%s\n' "$body"
			} >"$T/case.md"
			differ "$T/case.md" "case $i ($where): $(printf '%s' "$c" | head -c 40)"
		done
	done <<'EOF'
```\n| 9. | A | in code |\n\n| 10. | B | still code |\n```
~~~~\n\n| 9. | A | x |\n~~~
```\n\n| 9. | A | never closed |
<!-- a comment\n\n| 9. | A | in the comment |\n\n-->
<script>\n\n| 9. | A | x |\n\n</script>
<pre>\n\n| 9. | A | x |\n</PRE>
<?php\n\n| 9. | A | x |\n?>
<!DOCTYPE x\n\n| 9. | A | x |\n>
<![CDATA[\n\n| 9. | A | x |\n]]>
<table><tr><td>No.</td><td>Activities</td></tr>\n\n<tr><td>9.</td><td>x</td></tr>\n\n</table>
<div>\n\n| 9. | A | x |\n\n</div>
- a list item\n\n| 9. | A | not in the list |\n\n- another item
1. first\n\n2. second\n\n   | 9. | A | x |
> quoted\n\n| 9. | A | x |\n\n> quoted again
    indented code\n\n    | 9. | A | x |
[ref]: https://example.org/a\n\nSee [ref].
See [ref].\n\n[ref]: https://example.org/b
a lone CR\rhere\n\n| 9. | A | x |
Setext heading\n===\n\n---\n\n***
\t| 9. | A | after a tab |
EOF
fi
echo "pieces: $n files, $failed differ"
[ $failed -eq 0 ]
