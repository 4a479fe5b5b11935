#!/bin/sh
# library.sh: libwpgen as a library user gets it. The shared library
# exports the public API only (wp_ names declared WP_API in
# include/wpgen/); `make install` into a fresh prefix installs it with its
# soname, the static library, the headers and wpgen.pc; doc/example.c
# builds against that installed copy with pkg-config alone, runs, and
# counts on every sample what wpgen's own XML counts.
# Usage: sh tests/library.sh BUILD_DIR
B=${1:-build}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "library: FAIL: $*"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

so=$(ls "$B"/libwpgen.so.*.*.* 2>/dev/null | head -1)
[ -n "$so" ] || { echo "library: FAIL: no shared library in $B (make all)"; exit 1; }
# exported: wp_ names only, each declared WP_API in a public header
nm -D --defined-only "$so" | awk '{print $3}' | sort > "$tmp/exported"
grep -ho 'WP_API[^(]*[ *]\(wp_[a-z0-9_]*\)' include/wpgen/*.h | sed 's/.*[ *]\(wp_[a-z0-9_]*\)$/\1/' | sort -u > "$tmp/declared"
[ -s "$tmp/exported" ] && ok || bad "the shared library exports nothing"
others=$(grep -v '^wp_' "$tmp/exported" | head -5 | tr '\n' ' ')
[ -z "$others" ] && ok || bad "the shared library exports names outside the API: $others"
undeclared=$(comm -23 "$tmp/exported" "$tmp/declared" | head -5 | tr '\n' ' ')
[ -z "$undeclared" ] && ok || bad "exported but not in a public header: $undeclared"
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | head -5 | tr '\n' ' ')
[ -z "$missing" ] && ok || bad "declared WP_API but not exported: $missing"
objdump -p "$so" | grep -q 'SONAME *libwpgen.so.0$' && ok || bad "no soname libwpgen.so.0"
# the test hooks are not installed API
grep -q 'wp_alloc_fail_after' include/wpgen/*.h && bad "a test hook is in a public header" || ok

# installed into a root of its own (PREFIX=/usr, as cli.sh installs: the
# command is not built again)
root="$tmp/root"
prefix="$root/usr"
if make -s install PREFIX=/usr DESTDIR="$root" > "$tmp/install.log" 2>&1; then ok; else bad "make install failed: $(tail -3 "$tmp/install.log")"; fi
for f in lib/libwpgen.so lib/libwpgen.so.0 lib/libwpgen.a lib/pkgconfig/wpgen.pc include/wpgen/wpgen.h include/wpgen/facts.h \
	bin/wpgen share/wpgen/profiles/wco-working-body.yaml; do
	[ -e "$prefix/$f" ] && ok || bad "make install did not install $f"
done
[ ! -e "$prefix/include/wpgen/alloc.h" ] && ok || bad "a private header was installed"

# the example, built with pkg-config alone against the installed copy
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$root"
grep -q '^prefix=/usr$' "$prefix/lib/pkgconfig/wpgen.pc" && ok || bad "wpgen.pc does not say its prefix"
if cc -std=c11 -Wall -Wextra -Werror -o "$tmp/example" doc/example.c $(pkg-config --cflags --libs wpgen) \
	-DDATADIR="\"$(pkg-config --variable=datadir wpgen)\"" -Wl,-rpath,"$prefix/lib" 2> "$tmp/cc.log"; then
	ok
else
	bad "doc/example.c does not build against the installed library: $(head -5 "$tmp/cc.log")"
fi
ldd "$tmp/example" 2>/dev/null | grep -q "$prefix/lib/libwpgen.so.0" && ok || bad "the example is not linked to the installed libwpgen.so.0"
n=0
for src in input/*.md input/*.xml input/*.docx tests/golden/*.md; do
	[ -f "$src" ] || continue
	"$B"/wpgen render --to xml -o "$tmp/x.xml" "$src" 2>/dev/null
	xsltproc tests/status-counts.xsl "$tmp/x.xml" > "$tmp/want" 2>/dev/null
	"$tmp/example" "$src" > "$tmp/got" 2> "$tmp/err"; rc=$?
	[ $rc -eq 0 ] && ok || bad "the example failed on $src: $(head -2 "$tmp/err")"
	if cmp -s "$tmp/want" "$tmp/got"; then ok; else bad "the example counts $src otherwise than wpgen: $(paste -d'|' "$tmp/want" "$tmp/got" | head -2)"; fi
	n=$((n + 1))
done
[ $n -ge 10 ] && ok || bad "the example ran on $n samples"
echo "library: $pass passed, $fail failed ($(wc -l < "$tmp/exported") names exported, the example run on $n samples)"
[ $fail -eq 0 ]
