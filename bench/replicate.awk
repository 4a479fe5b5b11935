# replicate.awk: a work programme with each activity row repeated N times
# and renumbered, so that the result is still a valid programme.
#   awk -v N=10 -f bench/replicate.awk programme.md
# Header, delimiter, guidance and continuation rows (empty number) and
# example rows are kept once; numbering restarts at each "II." heading.
function cell1(line,   s) {
	s = line
	sub(/^\|[ \t]*/, "", s)
	sub(/[ \t]*\|.*$/, "", s)
	return s
}
/^II\.|^## II\./ { k = 0 }
/^\|/ {
	c = cell1($0)
	if (c == "" || c ~ /^-+$/ || c ~ /^:?-+:?$/ || c ~ /^No\.?$/ || c ~ /[Ee]xample|EXAMPLE/) { print; next }
	rest = $0
	sub(/^\|[^|]*\|/, "", rest)
	for (i = 0; i < N; i++) { k++; print "| " k ". |" rest }
	next
}
{ print }
