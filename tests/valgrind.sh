#!/bin/sh
# The CLI and golden suites with every wpgen run under valgrind: memcheck,
# full leak check; any error or leak makes the run exit 86 (not 1, which is
# wpgen's own exit code for a document with errors) and fails the suite.
#   sh tests/valgrind.sh WPGEN
bin=${1:?usage: valgrind.sh WPGEN}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
T=$(mktemp -d) || exit 2
trap 'rm -rf "$T"' EXIT
cat >"$T/wpgen" <<EOW
#!/bin/sh
exec valgrind -q --error-exitcode=86 --leak-check=full --errors-for-leak-kinds=definite,indirect \\
	--suppressions="$(pwd)/tests/valgrind.supp" \\
	--log-file="$T/vg.%p" "$bin" "\$@"
EOW
chmod +x "$T/wpgen"
failed=0
WPGEN_SLOW=1 sh tests/golden.sh "$T/wpgen" || failed=$((failed + 1))
# (the Word checks make their .docx with the mkdocx built beside wpgen)
MKDOCX=$(dirname "$bin")/mkdocx WPGEN_SLOW=1 sh tests/cli.sh "$T/wpgen" || failed=$((failed + 1))
reports=$(cat "$T"/vg.* 2>/dev/null | grep -c '^==[0-9]*== [A-Z]')
if [ "$reports" -ne 0 ]; then
	cat "$T"/vg.* | head -60
	failed=$((failed + 1))
fi
runs=$(ls "$T" | grep -c '^vg\.')
echo "valgrind: $runs wpgen runs, $reports report lines, $failed parts failed"
[ $failed -eq 0 ]
