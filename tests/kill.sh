#!/bin/sh
# A build killed with SIGKILL at random moments never leaves a truncated
# annex: every annex in OUTDIR is, byte for byte, the one a whole build
# writes (cold build) or either the old or the new one (rebuild after every
# source changed). The next build completes the tree and removes the
# temporaries the killed one left.
#   sh tests/kill.sh WPGEN [ROUNDS]
bin=${1:?usage: kill.sh WPGEN [ROUNDS]}
rounds=${2:-12}
sample=input/ctfi-work-programme-2024-2027.md
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
fail=0 killed=0
bad() { echo "kill: FAIL: $*"; fail=$((fail + 1)); }

# Big programmes (the sample's rows 30 times over: annexes of about
# 0.5 MB), so that a good share of a build's time is spent writing.
mkdir -p "$T/src/a" "$T/src/b"
awk -v N=30 -f "$(dirname "$0")/../bench/replicate.awk" "$sample" >"$T/big.md"
for i in $(seq 1 8); do
	d=a; [ $((i % 2)) -eq 0 ] && d=b
	cp "$T/big.md" "$T/src/$d/p$i.md"
done
"$bin" build -q -j2 --to html,md,xml -o "$T/old" "$T/src" || { echo "kill: reference build failed"; exit 1; }
# the new version of every source: one more sentence of progress
for f in "$T"/src/*/*.md; do sed -i 's/Checklist endorsed by the CTFI/Checklist endorsed by the CTFI and the Council/' "$f"; done
"$bin" build -q -j2 --to html,md,xml -o "$T/new" "$T/src" || { echo "kill: reference build failed"; exit 1; }
cmp -s "$T/old/a/p1.html" "$T/new/a/p1.html" && { echo "kill: the edit changed nothing"; exit 1; }
# Writes in pieces with pauses between them, so that kills land mid-write.
export WPGEN_TEST_SLOW_WRITES=1
# how long a whole cold build takes, to spread the kills over it
t0=$(date +%s%N)
"$bin" build -q -j2 --to html,md,xml -o "$T/time" "$T/src"
span=$((($(date +%s%N) - t0) / 1000000))
[ "$span" -gt 5 ] || span=5

# check OUT ALLOWED...: each annex in OUT is a whole one of ALLOWED trees
check() {
	out=$1
	shift
	[ -d "$out" ] || return 0
	for f in $(cd "$out" && find . -type f ! -name '.*' ! -name index.html); do
		ok=0
		for ref in "$@"; do cmp -s "$out/$f" "$ref/$f" && ok=1; done
		[ $ok = 1 ] || bad "$out/$f is not an annex a whole build writes ($(wc -c <"$out/$f") bytes)"
	done
}

i=0
while [ $i -lt "$rounds" ]; do
	i=$((i + 1))
	ms=$(awk -v s="$i" -v span="$span" 'BEGIN { srand(s * 7919); printf "%d", rand() * span }')
	delay=$(awk -v ms="$ms" 'BEGIN { printf "%.3f", ms / 1000 }')
	# a cold build, killed
	rm -rf "$T/out"
	"$bin" build -q -j2 --to html,md,xml -o "$T/out" "$T/src" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
	check "$T/out" "$T/new"
	# a rebuild from the old annexes to the new, killed
	rm -rf "$T/re"
	cp -a "$T/old" "$T/re"
	"$bin" build -q -j2 --to html,md,xml -o "$T/re" "$T/src" 2>/dev/null &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null && killed=$((killed + 1))
	wait $pid 2>/dev/null
	check "$T/re" "$T/old" "$T/new"
	# the next build completes both trees and leaves no temporary
	for o in out re; do
		"$bin" build -q -j2 --to html,md,xml -o "$T/$o" "$T/src" || bad "build after the kill failed ($o)"
		left=$(find "$T/$o" -name '.*.tmp.*' | head -3)
		[ -z "$left" ] || bad "temporaries left after a whole build: $left"
		n=$(cd "$T/$o" && find . -type f ! -name '.*' ! -name index.html | wc -l)
		[ "$n" -eq 24 ] || bad "$o has $n annexes after a whole build, not 24"
		check "$T/$o" "$T/new"
	done
done
echo "kill: $rounds rounds, $killed builds killed with SIGKILL (spread over ${span} ms), $fail failed"
[ $fail -eq 0 ]
