#!/bin/sh
# make bench: wpgen against cmark-gfm and pandoc, measured in one run, as
# ratios, against the targets of the second speed round: at 100x the real
# programme, render --to html and --to md against cmark-gfm's own HTML and
# CommonMark, peak memory against the input, wpgen diff against one
# render, pandoc; a one-row programme's CPU time against cmark-gfm's; a
# no-change rebuild of 1,000 programmes against the cold build. A
# benchmark, not a test: it prints a table and never fails.
#   sh bench/run.sh BINARY
bin=${1:?usage: run.sh BINARY}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
seed=${WPGEN_SEEDS:-../shared/seeds}/ptc-work-programme-2022-2025.md
[ -f "$seed" ] || seed=input/ctfi-work-programme-2024-2027.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${BENCH_OUT:-bench/latest.md}

for n in 1 10 100; do awk -v N=$n -f bench/replicate.awk "$seed" > "$work/x$n.md"; done
bytes() { wc -c < "$1" | tr -d ' '; }
# Two commands timed in turns, run for run (A, B, A, B, ...), the median
# of each: a ratio of the two is not one series in a quiet moment over
# another in a busy one. Prints "A B" (seconds of wall-clock time).
pair() { # name runs commandA commandB
	name=$1 runs=$2; shift 2
	hyperfine -N -i -w 2 -r 1 "$@" > /dev/null 2>&1 # (warm-up)
	k=1
	while [ $k -le "$runs" ]; do
		hyperfine -N -i -w 0 -r 1 --export-json "$work/$name.$k.json" "$@" > /dev/null 2>&1
		k=$((k + 1))
	done
	jq -s -r 'def med: sort | .[(length / 2 | floor)];
		"\([.[].results[0].mean] | med) \([.[].results[1].mean] | med)"' "$work/$name".[0-9]*.json
}
# The median of one command's runs, in seconds.
one() { # name runs command [hyperfine options]
	name=$1 runs=$2; shift 2
	hyperfine -N -i -w 2 -r "$runs" --export-json "$work/$name.json" "$@" > /dev/null 2>&1
	jq -r '.results[0].times | sort | .[(length / 2 | floor)]' "$work/$name.json"
}
# CPU time (ms, perf's task-clock: the kernel's count, not rusage's
# ticks) of two commands in turns, the median of each: "A B".
cpu_pair() { # runs commandA commandB
	runs=$1 a=$2 b=$3 k=0
	: > "$work/cpu.a"; : > "$work/cpu.b"
	while [ $k -lt $((runs + 2)) ]; do # (the first two warm up)
		x=$(perf stat -x, -e task-clock $a 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
		y=$(perf stat -x, -e task-clock $b 2>&1 >/dev/null | awk -F, '/task-clock/ {print $1}')
		[ $k -ge 2 ] && echo "$x" >> "$work/cpu.a" && echo "$y" >> "$work/cpu.b"
		k=$((k + 1))
	done
	echo "$(sort -n "$work/cpu.a" | awk '{v[NR] = $1} END {print v[int(NR / 2) + 1]}') $(sort -n "$work/cpu.b" | awk '{v[NR] = $1} END {print v[int(NR / 2) + 1]}')"
}
wp() { echo "$bin build -q -j1 --to html,md -o $work/o$1 $work/x$1.md"; }

echo "bench: timing wpgen, cmark-gfm and pandoc on 1x, 10x and 100x the real programme..." >&2
# wpgen render reads, checks (hyperfine drops its findings) and writes one annex
wr() { echo "$bin render --to $1 -o $work/o.$1 $work/x$2.md"; }
for n in 1 10 100; do
	runs=11; [ $n -eq 100 ] && runs=5
	set -- $(pair hc$n $runs "$(wr html $n)" "cmark-gfm -e table -t html $work/x$n.md")
	eval "h$n=$1 c$n=$2"
	set -- $(pair dc$n $runs "$(wr md $n)" "cmark-gfm -e table -t commonmark $work/x$n.md")
	eval "d$n=$1 cc$n=$2"
	eval "w$n=\$(one w$n $runs --prepare 'rm -rf $work/o$n' '$(wp $n)')"
	# pandoc in turns with wpgen too (its 12-15 s at 100x: three runs)
	prun=$runs; [ $n -eq 100 ] && prun=3
	set -- $(pair pw$n $prun "pandoc -f gfm -t html $work/x$n.md" "$(wr html $n)")
	eval "p$n=$1 ph$n=$2"
	eval "m$n=\$(/usr/bin/time -f %M $bin render --to html -o $work/mh$n.html $work/x$n.md 2>&1 >/dev/null | tail -1)"
	eval "cm$n=\$(/usr/bin/time -f %M cmark-gfm -e table -t html $work/x$n.md 2>&1 >/dev/null | tail -1)"
	eval "b$n=\$(bytes $work/x$n.md)"
done

echo "bench: a one-row programme (CPU time), and a diff of two 100x versions..." >&2
# the real programme's header, footnotes and first activity: start-up
# and one row
awk '/^\|/ { n++; if (n > 4) next } { print }' "$seed" > "$work/one.md"
set -- $(cpu_pair 15 "$bin render --to html -o $work/one.html $work/one.md" "cmark-gfm -e table -t html $work/one.md")
one_w=$1 one_c=$2
# 1 % of the progress texts edited (a fixed choice: the same rows each run)
awk 'BEGIN { srand(7); OFS = FS = "|" } /^\|/ && NF >= 13 && rand() < 0.01 { $12 = $12 " Updated at the session." } { print }' \
	"$work/x100.md" > "$work/y100.md"
set -- $(pair df 5 "$bin diff -o $work/d.html $work/x100.md $work/y100.md" "$(wr html 100)")
dw=$1 dr=$2
set -- $(cpu_pair 5 "$bin diff -o $work/d.html $work/x100.md $work/y100.md" "$(wr html 100)")
dcw=$1 dcr=$2

echo "bench: a tree of 1,000 programmes: cold build, no-change rebuild, one source touched..." >&2
mkdir -p "$work/tree"
i=0
while [ $i -lt 1000 ]; do
	d="$work/tree/g$((i / 100))"; mkdir -p "$d"
	sed "s/WORK PROGRAMME/WORK PROGRAMME (copy $i)/" "$seed" > "$d/p$i.md"
	i=$((i + 1))
done
# cold: the median of three builds into an empty folder
cold=$(one cold 3 --prepare "rm -rf $work/tout" "$bin build -q -o $work/tout $work/tree")
"$bin" build -q -o "$work/tout" "$work/tree" 2>/dev/null
nochange=$(one nochange 5 "$bin build -q -o $work/tout $work/tree")
touched=$(one touched 5 --prepare "sed -i 's/(copy 7)/(copy 7 )/; t; s/(copy 7 )/(copy 7)/' $work/tree/g0/p7.md" "$bin build -q -o $work/tout $work/tree")

r() { echo "$1 / $2" | bc -l | awk '{printf "%.2f", $1}'; }
ms() { echo "$1 * 1000" | bc -l | awk '{printf "%.1f ms", $1}'; }
yes_no() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "yes" : "**no**" }'; }

{
echo "| measure | figure | target | met |"
echo "| --- | --- | --- | --- |"
for n in 1 10 100; do
	eval "h=\$h$n d=\$d$n c=\$c$n cc=\$cc$n w=\$w$n p=\$p$n ph=\$ph$n m=\$m$n b=\$b$n cm=\$cm$n"
	rh=$(r "$h" "$c"); rd=$(r "$d" "$cc"); rp=$(r "$p" "$ph")
	at=""; [ $n -eq 100 ] || at=" (at 100×)"
	met() { [ $n -eq 100 ] && yes_no "$@"; }
	echo "| ${n}x ($b bytes): wpgen render --to html $(ms "$h") / cmark-gfm -e table -t html $(ms "$c") | $rh× | ≤ 1.5×$at | $(met "$rh" 1.5 le) |"
	echo "| ${n}x: wpgen render --to md $(ms "$d") / cmark-gfm -e table -t commonmark $(ms "$cc") | $rd× | ≤ 1.2×$at | $(met "$rd" 1.2 le) |"
	echo "| ${n}x: pandoc -f gfm -t html $(ms "$p") / wpgen render --to html $(ms "$ph") (in turns) | $rp× faster | ≥ 25×$at | $(met "$rp" 25 ge) |"
	mr=$(echo "$m * 1024 / $b" | bc -l | awk '{printf "%.1f", $1}')
	cr=$(echo "$cm * 1024 / $b" | bc -l | awk '{printf "%.1f", $1}')
	echo "| ${n}x: wpgen render --to html peak memory $m KB / input (cmark-gfm: $cm KB, $cr×) | $mr× | ≤ 8×$at | $(met "$mr" 8 le) |"
	echo "| ${n}x: (both annexes: wpgen build -j1) $(ms "$w") | $(r "$w" "$c")× cmark-gfm | | |"
done
lin=$(r "$h100" "$h1")
echo "| linearity: wpgen render --to html 100x / 1x time | $lin× | ≤ 110× | $(yes_no "$lin" 110 le) |"
ro=$(r "$one_w" "$one_c")
echo "| one-row programme: wpgen render --to html CPU $one_w ms / cmark-gfm -e table -t html $one_c ms (median of 15) | $ro× | ≤ 2× | $(yes_no "$ro" 2 le) |"
rdf=$(r "$dw" "$dr")
echo "| 100x: wpgen diff (1 % of progress texts edited) $(ms "$dw") / one render --to html $(ms "$dr") | $rdf× | ≤ 1.5× | $(yes_no "$rdf" 1.5 le) |"
echo "| 100x: the same in CPU time: diff $dcw ms / render $dcr ms (the two versions are read on two cores) | $(r "$dcw" "$dcr")× | | |"
nc=$(echo "100 * $nochange / $cold" | bc -l | awk '{printf "%.2f", $1}')
tc=$(echo "100 * $touched / $cold" | bc -l | awk '{printf "%.2f", $1}')
echo "| 1,000 programmes: cold build $(ms "$cold") (-j$(nproc)) | | | |"
echo "| no-change rebuild $(ms "$nochange") / cold | $nc % | ≤ 2 % | $(yes_no "$nc" 2 le) |"
echo "| one source touched $(ms "$touched") / cold | $tc % | | |"
} > "$work/table.md"
{
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1);"
echo "wpgen $("$bin" --version | cut -d' ' -f2), $(cmark-gfm --version | head -1), $(pandoc --version | head -1), hyperfine $(hyperfine --version | cut -d' ' -f2)."
echo "Each time is the median of its runs (5 at 100x, 11 below, 15 for CPU time); each pair of commands is timed in turns, run for run."
echo
cat "$work/table.md"
} | tee "$out"
exit 0
