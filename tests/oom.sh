#!/bin/sh
# Out of memory, end to end: `wpgen render` of the sample with its Nth
# allocation failing (WPGEN_FAIL_ALLOC=N), for every N until a render
# needs fewer: each run exits 2 with "out of memory" and the name of what
# it was doing, and the previous annex is left as it was; none crashes.
#   sh tests/oom.sh WPGEN [STRIDE]
# A render of the sample makes thousands of allocations: a sweep that
# ends before N = 2000 means the failure injection itself is broken
# (every run would exit 0 at once), and fails.
# (STRIDE > 1 tries every STRIDE-th N: make test-asan, where each run is
# slower and test_alloc already fails every N in-process under ASan.)
bin=${1:?usage: oom.sh WPGEN [STRIDE]}
stride=${2:-1}
sample=input/ctfi-work-programme-2024-2027.md
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
n=0 runs=0 fail=0
while :; do
	echo "previous annex" > "$T/out.html"
	WPGEN_FAIL_ALLOC=$n "$bin" render -o "$T/out.html" "$sample" 2>"$T/err"
	rc=$?
	runs=$((runs + 1))
	if [ $rc -eq 0 ]; then
		grep -q '</html>' "$T/out.html" || { echo "oom: N=$n: exit 0 but the annex is not whole"; fail=$((fail + 1)); }
		break
	fi
	if [ $rc -ne 2 ] || ! grep -qi 'out of memory\|cannot allocate memory' "$T/err"; then
		echo "oom: N=$n: exit $rc: $(head -c 300 "$T/err")"
		fail=$((fail + 1))
	elif [ "$(cat "$T/out.html")" != "previous annex" ]; then
		echo "oom: N=$n: the previous annex was changed"
		fail=$((fail + 1))
	fi
	[ $fail -lt 10 ] || break
	n=$((n + stride))
done
echo "oom: $runs renders with allocation N failing (N = 0..$n, every $stride), $fail failed"
if [ $n -lt 2000 ]; then
	echo "oom: the sweep ended at N = $n, below 2000: the failure injection (WPGEN_FAIL_ALLOC) does not work"
	fail=$((fail + 1))
fi
[ $fail -eq 0 ]
