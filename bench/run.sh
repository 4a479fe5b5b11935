#!/bin/sh
# make bench: wpgen against cmark-gfm and pandoc, measured in one run, as
# ratios, against the targets of the native writers (render --to html and
# --to md against cmark-gfm's own HTML and CommonMark, pandoc, memory,
# linearity, a no-change rebuild). A benchmark, not a test: it prints a
# table and never fails.
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
# The fastest run, in seconds: the one the machine disturbed least (on a
# shared machine a burst of load can slow a whole series by half, and
# the mean with it).
hf() { # name runs command...
	name=$1 runs=$2; shift 2
	hyperfine -N -i -w 2 -r "$runs" --export-json "$work/$name.json" "$@" > /dev/null 2>&1
	jq -r '.results[0].min' "$work/$name.json"
}
# Two commands timed in turns, run for run (A, B, A, B, ...), the fastest
# run of each: a ratio of the two is not one series in a quiet moment over
# another in a busy one. Prints "A B".
pair() { # name runs commandA commandB
	name=$1 runs=$2; shift 2
	hyperfine -N -i -w 2 -r 1 "$@" > /dev/null 2>&1 # (warm-up)
	k=1
	while [ $k -le "$runs" ]; do
		hyperfine -N -i -w 0 -r 1 --export-json "$work/$name.$k.json" "$@" > /dev/null 2>&1
		k=$((k + 1))
	done
	jq -s -r '"\([.[].results[0].min] | min) \([.[].results[1].min] | min)"' "$work/$name".[0-9]*.json
}
wp() { echo "$bin build -q -j1 --to html,md -o $work/o$1 $work/x$1.md"; }

echo "bench: timing wpgen, cmark-gfm and pandoc on 1x, 10x and 100x the real programme..." >&2
# wpgen render reads, checks (hyperfine drops its findings) and writes one annex
wr() { echo "$bin render --to $1 -o $work/o.$1 $work/x$2.md"; }
for n in 1 10 100; do
	runs=21; [ $n -eq 100 ] && runs=9
	set -- $(pair hc$n $runs "$(wr html $n)" "cmark-gfm -e table -t html $work/x$n.md")
	eval "h$n=$1 c$n=$2"
	set -- $(pair dc$n $runs "$(wr md $n)" "cmark-gfm -e table -t commonmark $work/x$n.md")
	eval "d$n=$1 cc$n=$2"
	eval "w$n=\$(hf w$n $runs --prepare 'rm -rf $work/o$n' '$(wp $n)')"
	prun=$runs; [ $n -eq 100 ] && prun=2
	eval "p$n=\$(hf p$n $prun 'pandoc -f gfm -t html $work/x$n.md')"
	eval "m$n=\$(/usr/bin/time -f %M $bin render --to html -o $work/mh$n.html $work/x$n.md 2>&1 >/dev/null | tail -1)"
	eval "cm$n=\$(/usr/bin/time -f %M cmark-gfm -e table -t html $work/x$n.md 2>&1 >/dev/null | tail -1)"
	eval "b$n=\$(bytes $work/x$n.md)"
done

echo "bench: a tree of 1,000 programmes: cold build, no-change rebuild, one source touched..." >&2
mkdir -p "$work/tree"
i=0
while [ $i -lt 1000 ]; do
	d="$work/tree/g$((i / 100))"; mkdir -p "$d"
	sed "s/WORK PROGRAMME/WORK PROGRAMME (copy $i)/" "$seed" > "$d/p$i.md"
	i=$((i + 1))
done
# cold: the faster of two builds into an empty folder
cold=$(hf cold 2 --prepare "rm -rf $work/tout" "$bin build -q -o $work/tout $work/tree")
"$bin" build -q -o "$work/tout" "$work/tree" 2>/dev/null
nochange=$(hf nochange 5 "$bin build -q -o $work/tout $work/tree")
touched=$(hf touched 5 --prepare "sed -i 's/(copy 7)/(copy 7 )/; t; s/(copy 7 )/(copy 7)/' $work/tree/g0/p7.md" "$bin build -q -o $work/tout $work/tree")

r() { echo "$1 / $2" | bc -l | awk '{printf "%.2f", $1}'; }
ms() { echo "$1 * 1000" | bc -l | awk '{printf "%.1f ms", $1}'; }
yes_no() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { ok = (op == "le") ? (v <= t) : (v >= t); print ok ? "yes" : "**no**" }'; }

{
echo "| measure | figure | target | met |"
echo "| --- | --- | --- | --- |"
for n in 1 10 100; do
	eval "h=\$h$n d=\$d$n c=\$c$n cc=\$cc$n w=\$w$n p=\$p$n m=\$m$n b=\$b$n cm=\$cm$n"
	rh=$(r "$h" "$c"); rd=$(r "$d" "$cc"); rp=$(r "$p" "$h")
	mark=""; [ $n -eq 100 ] || mark="(at 100×)"
	echo "| ${n}x ($b bytes): wpgen render --to html $(ms "$h") / cmark-gfm -e table -t html $(ms "$c") | $rh× | ≤ 2.5× $mark | $( [ $n -eq 100 ] && yes_no "$rh" 2.5 le) |"
	echo "| ${n}x: wpgen render --to md $(ms "$d") / cmark-gfm -e table -t commonmark $(ms "$cc") | $rd× | ≤ 2× $mark | $( [ $n -eq 100 ] && yes_no "$rd" 2 le) |"
	echo "| ${n}x: pandoc -f gfm -t html $(ms "$p") / wpgen render --to html | $rp× faster | ≥ 25× $mark | $( [ $n -eq 100 ] && yes_no "$rp" 25 ge) |"
	mr=$(echo "$m * 1024 / $b" | bc -l | awk '{printf "%.1f", $1}')
	cr=$(echo "$cm * 1024 / $b" | bc -l | awk '{printf "%.1f", $1}')
	echo "| ${n}x: wpgen render --to html peak memory $m KB / input (cmark-gfm: $cm KB, $cr×) | $mr× | ≤ 20× $mark | $( [ $n -eq 100 ] && yes_no "$mr" 20 le) |"
	echo "| ${n}x: (both annexes and the XML: wpgen build -j1) $(ms "$w") | $(r "$w" "$c")× cmark-gfm | | |"
done
lin=$(r "$h100" "$h1")
echo "| linearity: wpgen render --to html 100x / 1x time | $lin× | ≤ 110× | $(yes_no "$lin" 110 le) |"
nc=$(echo "100 * $nochange / $cold" | bc -l | awk '{printf "%.2f", $1}')
tc=$(echo "100 * $touched / $cold" | bc -l | awk '{printf "%.2f", $1}')
echo "| 1,000 programmes: cold build $(ms "$cold") (-j$(nproc)) | | | |"
echo "| no-change rebuild $(ms "$nochange") / cold | $nc % | ≤ 2 % | $(yes_no "$nc" 2 le) |"
echo "| one source touched $(ms "$touched") / cold | $tc % | | |"
} > "$work/table.md"
{
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1);"
echo "wpgen $("$bin" --version | cut -d' ' -f2), $(cmark-gfm --version | head -1), $(pandoc --version | head -1), hyperfine $(hyperfine --version | cut -d' ' -f2)."
echo "Each time is the fastest of its runs; wpgen and cmark-gfm are timed in turns, run for run."
echo
cat "$work/table.md"
} | tee "$out"
exit 0
