#!/bin/sh
# The Word reader on 440 .docx files other projects wrote for their own
# tests (../shared/docx-peers: python-docx, mammoth.js, Open-XML-SDK; its
# README says where each comes from). None is a work programme. Each must
# be read (exit 0 or 1: findings) or refused (exit 2) with a message that
# names the file; never a crash, a hang or a sanitizer report; and never a
# refusal of a package Debian's pandoc reads (pandoc-verdicts.tsv).
#   sh tests/peers.sh BINARY [PEERS_DIR]
bin=${1:?usage: peers.sh BINARY [PEERS_DIR]}
dir=${2:-../shared/docx-peers}
if [ ! -f "$dir/pandoc-verdicts.tsv" ]; then
	echo "peers: skipped: $dir is absent (the peer suite is read from ../shared, never copied)"
	exit 0
fi
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')
n=0 read_=0 refused=0 fail=0
while IFS="$tab" read -r f verdict; do
	[ -f "$dir/$f" ] || { fail=$((fail + 1)); echo "peers: FAIL: $f is listed but absent"; continue; }
	n=$((n + 1))
	timeout 30 "$bin" check "$dir/$f" > /dev/null 2> "$tmp/err"; rc=$?
	case $rc in
	0 | 1) read_=$((read_ + 1)) ;;
	2) refused=$((refused + 1)) ;;
	124) fail=$((fail + 1)); echo "peers: FAIL: $f hangs (over 30 s)"; continue ;;
	*) fail=$((fail + 1)); echo "peers: FAIL: $f exits $rc: $(head -3 "$tmp/err")"; continue ;;
	esac
	if [ $rc -eq 2 ] && [ "$verdict" = read ]; then
		fail=$((fail + 1)); echo "peers: FAIL: pandoc reads $f, wpgen refuses it: $(grep -m1 error "$tmp/err")"
	fi
	if [ $rc -ne 0 ] && ! grep -aF "$dir/$f:" "$tmp/err" | grep -aq ' error: .* \[[a-z.-]*\]$'; then
		fail=$((fail + 1)); echo "peers: FAIL: $f exits $rc without a finding that names it: $(head -2 "$tmp/err")"
	fi
	if ! iconv -f UTF-8 -t UTF-8 "$tmp/err" > /dev/null 2>&1; then # (a label cut inside a character)
		fail=$((fail + 1)); echo "peers: FAIL: $f: its findings are not UTF-8"
	fi
	if grep -aq "Markdown" "$tmp/err"; then # a Word file is told about Word tables
		fail=$((fail + 1)); echo "peers: FAIL: $f is told about Markdown: $(grep -m1 Markdown "$tmp/err")"
	fi
done < "$dir/pandoc-verdicts.tsv"
# the one that is not a package: a password-protected document, refused as such
pw="$dir/Open-XML-SDK/v2FxTestFiles__wordprocessing__protected__document_with_password.docx"
if [ -f "$pw" ]; then
	"$bin" check "$pw" > /dev/null 2> "$tmp/err"; rc=$?
	[ $rc -eq 2 ] && grep -q "password-protected" "$tmp/err" || { fail=$((fail + 1)); echo "peers: FAIL: the password-protected file: exit $rc, $(cat "$tmp/err")"; }
fi
echo "peers: $n Word files of other projects: $read_ read, $refused refused with a message, $fail failed"
[ $fail -eq 0 ]
