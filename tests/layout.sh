#!/bin/sh
# layout.sh: the house rules of src/, checked on the built objects and the
# sources (make layout, part of make test):
#  - src/ is folders by stage: base, model, read, check, write, session,
#    cli; a file calls only its own stage and the stages before it, and no
#    two files call each other, directly or round a circle;
#  - no source file over 1,200 lines, no function over 120;
#  - a private header is implemented in the file of its name;
#  - the shared library exports the public API (wp_ names) only.
# Usage: sh tests/layout.sh BUILD_DIR
B=${1:-build}
fail=0
bad() { fail=$((fail + 1)); echo "layout: FAIL: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

stages="base model read check write session cli"
rank() { i=0; for s in $stages; do [ "$s" = "$1" ] && { echo $i; return; }; i=$((i + 1)); done; echo 99; }

# every source is in a stage's folder
for f in src/*.c src/*.h; do
	[ -e "$f" ] && bad "$f is not in a stage's folder ($stages)"
done
for d in src/*/; do
	s=$(basename "$d")
	[ "$(rank "$s")" = 99 ] && bad "src/$s is not a stage ($stages)"
done

# sizes
for f in src/*/*.c src/*/*.h; do
	n=$(wc -l < "$f")
	[ "$n" -gt 1200 ] && bad "$f has $n lines (1,200 at most)"
done
awk -v MAX=120 '
/^[A-Za-z_].*\(/ && !/;[ \t]*$/ { sig = $0; sigline = FNR }
/^\{/ { start = sigline ? sigline : FNR; name = sig }
/^\}/ { if (name != "") { n = FNR - start + 1; if (n > MAX) printf "%s:%d: a function of %d lines (120 at most): %s\n", FILENAME, start, n, name; name = ""; sigline = 0 } }
' src/*/*.c > "$tmp/long"
while IFS= read -r l; do bad "$l"; done < "$tmp/long"

# the graph of calls between files, from the objects
for o in $(find "$B" -path "$B/tests" -prune -o -path "$B/asan" -prune -o -path "$B/fuzz" -prune -o -name '*.o' -print); do
	f=${o#"$B"/}
	f=${f%.o}
	[ -e "src/$f.c" ] || continue
	nm --defined-only "$o" | awk -v f="$f" '$2 ~ /^[TDRBC]$/ {print $3, f}' >> "$tmp/defs"
	nm --undefined-only "$o" | awk -v f="$f" '{print $2, f}' >> "$tmp/uses"
done
[ -s "$tmp/defs" ] || { bad "no objects in $B: build first"; exit 1; }
awk 'NR == FNR { def[$1] = $2; next } ($1 in def) && def[$1] != $2 { print $2, def[$1], $1 }' "$tmp/defs" "$tmp/uses" |
	sort -u > "$tmp/calls"
awk '{ print $1, $2 }' "$tmp/calls" | sort -u > "$tmp/edges"
while read -r from to; do
	rf=$(rank "${from%%/*}")
	rt=$(rank "${to%%/*}")
	if [ "$rt" -gt "$rf" ]; then
		sym=$(awk -v a="$from" -v b="$to" '$1 == a && $2 == b { print $3 }' "$tmp/calls" | head -3 | tr '\n' ' ')
		bad "$from calls up into $to (${sym% })"
	fi
done < "$tmp/edges"
# circles: tsort names the files of a cycle
tsort "$tmp/edges" > /dev/null 2> "$tmp/cycles"
if [ -s "$tmp/cycles" ]; then
	bad "a circle of calls between files: $(grep -v 'tsort: -: input contains a loop' "$tmp/cycles" | sed 's/tsort: //' | tr '\n' ' ')"
fi

# a private header is implemented in the file of its name: every function
# it declares is defined there
for h in src/*/*.h; do
	c=${h%.h}.c
	[ -e "$c" ] || continue
	f=${h#src/}
	f=${f%.h}
	grep -E '^[a-z][a-zA-Z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(' "$h" | grep -v '^static' |
		sed -E 's/^[a-z][a-zA-Z0-9_ *]*[ *]([a-z_][a-z0-9_]*)\(.*/\1/' | sort -u > "$tmp/decl"
	while read -r fn; do
		grep -q "^$fn $f\$" "$tmp/defs" || bad "$h declares $fn, which $c does not define"
	done < "$tmp/decl"
done

n=$(wc -l < "$tmp/edges")
[ $fail -eq 0 ] && echo "layout: $(ls src/*/*.c | wc -l) files in $(ls -d src/*/ | wc -l) stages, $n calls between files, no circle, none upward; files and functions within size" && exit 0
echo "layout: $fail problems"
exit 1
