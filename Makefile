# wpgen: committee work programmes in, checked annexes out.
#   make run    set up, build, render every sample in input/ into output/
#   make test   set up, build, run every test
# Dependencies are Debian 12 packages, found with pkg-config; `make deps`
# installs what is missing (with sudo when not root).

PREFIX  ?= /usr/local
DESTDIR ?=
DATADIR  = $(PREFIX)/share/wpgen
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
# libwpgen's version; the soname changes with the first number.
SO_MAJOR = 0
SO_VERSION = 0.1.0

CC      ?= cc
# libxml2, libxslt and libzip are built against but not linked: wpgen
# loads them when it first needs them (src/base/lazy.h), by the sonames
# found here; a Markdown programme to HTML or Markdown never does.
CORE_PKGS = libcmark-gfm yaml-0.1
LAZY_PKGS = libxml-2.0 libxslt libzip
PKGS     = $(CORE_PKGS) $(LAZY_PKGS)
soname   = $(shell objdump -p "$$($(CC) -print-file-name=lib$(1).so)" 2>/dev/null | sed -n 's/^ *SONAME *//p')
SONAMES  = -DWP_SONAME_XML='"$(call soname,xml2)"' -DWP_SONAME_XSLT='"$(call soname,xslt)"' \
           -DWP_SONAME_ZIP='"$(call soname,zip)"'
DEBS     = libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libxslt1-dev \
           libyaml-dev libzip-dev libcmocka-dev pkg-config xsltproc jq strace
WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
# CI builds with WERROR=1: a warning fails it.
ifeq ($(WERROR),1)
WARN    += -Werror
endif
CFLAGS  ?= -O2 -g
# The sanitizers of make test-asan and make fuzz, written once.
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# Recursive (=) on purpose: pkg-config is asked when a recipe runs, i.e.
# after `deps` has installed what it reports.
ALL_CFLAGS  = -std=c11 $(WARN) $(CFLAGS) -Iinclude -Isrc -D_DEFAULT_SOURCE \
              $(shell pkg-config --cflags $(PKGS))
# The library's objects: position-independent (the shared library is made
# of them too), and nothing visible outside it but the WP_API names.
LIB_CFLAGS  = -fPIC -fvisibility=hidden
# libcmark-gfm-extensions ships no .pc file in Debian 12: linked by name.
LIBS        = $(shell pkg-config --libs $(CORE_PKGS)) -lcmark-gfm-extensions -lpthread -lm -ldl
# (the tests and mkdocx call them directly too)
LAZY_LIBS   = $(shell pkg-config --libs $(LAZY_PKGS))
TEST_LIBS   = $(shell pkg-config --libs cmocka) $(LAZY_LIBS)

B        = build
# src/ is folders by stage (base, model, read, check, write, session,
# then cli): the library is every stage but the command line's.
STAGES   = base model read check write session
LIB_SRC  = $(foreach s,$(STAGES),$(sort $(wildcard src/$(s)/*.c)))
CLI_SRC  = $(sort $(wildcard src/cli/*.c))
LIB_OBJ  = $(LIB_SRC:src/%.c=$(B)/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(B)/%.o)
LIB      = $(B)/libwpgen.a
SHLIB    = $(B)/libwpgen.so.$(SO_VERSION)
BIN      = $(B)/wpgen
TESTS    = $(patsubst tests/unit/%.c,$(B)/tests/%,$(wildcard tests/unit/test_*.c))
# Word samples are kept as their parts, as text (input/NAME.docx.parts/);
# the .docx is made from them (not committed), by mkdocx (tests/mkdocx.c).
MKDOCX   = $(B)/mkdocx
DOCX_PARTS = $(wildcard input/*.docx.parts)
SAMPLES  = $(wildcard input/*.md input/*.xml) $(DOCX_PARTS:.docx.parts=.docx)

.PHONY: test-browser test-office test-valgrind all deps run test unit golden golden-update install uninstall clean test-asan bench fuzz replay \
        docx-samples

all: $(BIN) $(SHLIB)

# A benchmark, not a test: ratios against cmark-gfm and pandoc, in one run.
bench: deps
	@command -v cmark-gfm >/dev/null 2>&1 && command -v pandoc >/dev/null 2>&1 && \
	  command -v hyperfine >/dev/null 2>&1 && command -v bc >/dev/null 2>&1 && command -v perf >/dev/null 2>&1 || { \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends cmark-gfm pandoc hyperfine bc time linux-perf >/dev/null; }
	@$(MAKE) -s --no-print-directory all
	@sh bench/run.sh ./$(BIN)


deps:
	@missing=0; \
	command -v pkg-config >/dev/null 2>&1 || missing=1; \
	[ $$missing = 1 ] || pkg-config --exists $(PKGS) cmocka || missing=1; \
	[ -e /usr/include/cmark-gfm-core-extensions.h ] || missing=1; \
	command -v xsltproc >/dev/null 2>&1 || missing=1; \
	command -v jq >/dev/null 2>&1 || missing=1; \
	command -v strace >/dev/null 2>&1 || missing=1; \
	if [ $$missing = 1 ]; then \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  echo "deps: installing $(DEBS)"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(DEBS) >/dev/null; \
	fi

# Each object depends on the headers it includes (-MMD -MP writes them to
# its .d file), and on a stamp of the flags and PREFIX it was built with:
# touching one header recompiles its includers only; changing CFLAGS or
# PREFIX recompiles everything.
$(B)/%.o: src/%.c $(B)/.flags | $(B)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) -MMD -MP -c -o $@ $<

# The loader of libxml2, libxslt and libzip knows their sonames.
$(B)/base/lazy.o: LIB_CFLAGS += $(SONAMES)

# Only the command line knows where wpgen is installed (the library is
# told its data folder): PREFIX recompiles it, not the library.
$(B)/cli/%.o: src/cli/%.c $(B)/.flags $(B)/.datadir | $(B)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -DWP_DATADIR='"$(DATADIR)"' -c -o $@ $<

-include $(wildcard $(B)/*/*.d $(B)/tests/*.d)

FLAGS_NOW = $(CC) $(ALL_CFLAGS) $(LIB_CFLAGS) $(LDFLAGS)
$(B)/.flags: FORCE | $(B)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@
$(B)/.datadir: FORCE | $(B)
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

.PHONY: FORCE headers readme-rules layout
FORCE:

# Every public header compiles on its own.
headers: | $(B)
	@for h in include/wpgen/*.h; do \
	  printf '#include "wpgen/%s"\ntypedef int wp_header_alone;\n' "$${h##*/}" | $(CC) $(ALL_CFLAGS) -fsyntax-only -x c - || { echo "headers: $$h does not compile alone"; exit 1; }; \
	  printf '#include "wpgen/%s"\n' "$${h##*/}" | g++ -std=c++11 -Iinclude $(shell pkg-config --cflags $(PKGS)) -fsyntax-only -x c++ - 2>/dev/null || \
	    ! command -v g++ >/dev/null || { echo "headers: $$h does not compile alone as C++"; exit 1; }; \
	done; echo "headers: each of $$(ls include/wpgen/*.h | wc -l) public headers compiles alone"
	@hs=$$(grep -l '"read/front_matter.h"' src/*/*.h | sed 's|^src/||'); \
	want=$$(for h in read/front_matter.h $$hs; do grep -l "\"$$h\"" src/*/*.c; done | sort -u | wc -l); \
	$(MAKE) -s $(BIN) >/dev/null; touch src/read/front_matter.h; \
	$(MAKE) -s --no-print-directory $(BIN) >/dev/null; \
	got=$$(find $(B) -path $(B)/tests -prune -o -name '*.o' -newer src/read/front_matter.h -print | wc -l); \
	[ "$$got" -eq "$$want" ] || { echo "headers: touching src/read/front_matter.h would recompile $$got sources, not its $$want includers"; exit 1; }; \
	echo "headers: touching a private header recompiles its $$want includers only"

# The house rules of src/ (tests/layout.sh): stages in folders, calls only
# to the same stage or an earlier one, no circle, files and functions
# within size, private headers implemented in the file of their name.
layout: $(BIN)
	@sh tests/layout.sh $(B)

$(LIB): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# The shared library, with its soname and the links to it.
$(SHLIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libwpgen.so.$(SO_MAJOR) -Wl,--no-undefined -o $@ $^ $(LIBS) $(LDFLAGS)
	ln -sf libwpgen.so.$(SO_VERSION) $(B)/libwpgen.so.$(SO_MAJOR)
	ln -sf libwpgen.so.$(SO_MAJOR) $(B)/libwpgen.so

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS) $(LDFLAGS)

$(B) $(B)/tests:
	mkdir -p $@

$(B)/tests/%: tests/unit/%.c $(LIB) $(B)/.flags | $(B)/tests
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/unit -o $@ $< $(LIB) $(LIBS) $(TEST_LIBS) $(LDFLAGS)

$(MKDOCX): tests/mkdocx.c tests/docx_zip.h $(B)/.flags | $(B)
	$(CC) $(ALL_CFLAGS) -o $@ tests/mkdocx.c $(LIBS) $(LAZY_LIBS) $(LDFLAGS)

# Made every time (it is quick, and the bytes are the same for the same parts).
docx-samples: $(MKDOCX)
	@for d in $(DOCX_PARTS); do ./$(MKDOCX) $${d%.parts} $$d || exit 1; done

run: deps
	@$(MAKE) -s --no-print-directory all docx-samples
	@mkdir -p output
	@status=0; for src in $(SAMPLES); do \
	  base=output/$$(basename $$(basename $$(basename $$src .md) .xml) .docx); \
	  ./$(BIN) render --to html -o $$base.html $$src 2>/dev/null; rc=$$?; [ $$rc -le 1 ] || status=$$rc; \
	  ./$(BIN) render --to md -o $$base.md $$src 2>/dev/null; rc=$$?; [ $$rc -le 1 ] || status=$$rc; \
	  echo "wrote $$base.html $$base.md"; \
	done; \
	./$(BIN) check --summary $(SAMPLES); rc=$$?; [ $$rc -le 1 ] || status=$$rc; exit $$status

test: deps
	@$(MAKE) --no-print-directory headers layout unit golden replay

unit: $(TESTS) $(BIN) docx-samples
	@failed=0; for t in $(TESTS); do \
	  ./$$t || failed=$$((failed + 1)); \
	done; \
	if [ $$failed -ne 0 ]; then echo "unit: $$failed test programs failed"; exit 1; fi

golden: $(BIN) docx-samples
	@sh tests/golden.sh ./$(BIN)
	@sh tests/cli.sh ./$(BIN)
	@sh tests/library.sh $(B)
	@sh tests/build.sh ./$(BIN)
	@sh tests/peers.sh ./$(BIN)
	@sh tests/pathological.sh ./$(BIN)
	@sh tests/pieces.sh ./$(BIN)
	@sh tests/oom.sh ./$(BIN)
	@sh tests/kill.sh ./$(BIN)

# Word files as a word processor leaves them: LibreOffice (installed here
# when missing, with cmark-gfm) saves each programme as a Word file and
# saves that again (which merges adjacent tables); both read the same.
# Then the annex as published: wpgen's Word annex converted by LibreOffice
# within its page budget and read by pandoc; the HTML annex printed by
# headless Chromium within its page budget (tests/browser.sh).
test-office: deps all docx-samples
	@{ command -v soffice && command -v cmark-gfm && command -v pandoc && command -v pdfinfo && command -v chromium; } \
	  >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends libreoffice-writer-nogui cmark-gfm pandoc poppler-utils chromium >/dev/null; }
	@sh tests/office.sh ./$(BIN)
	@sh tests/browser.sh ./$(BIN)

# Optional: the printed annex (headless Chromium to PDF, checked with
# pdftotext); skipped, saying so, where Chromium or poppler-utils is absent.
test-browser: all
	@sh tests/browser.sh ./$(BIN)

# The whole suite built with AddressSanitizer and UBSan, leak detection on;
# any report fails it (sanitizer exit code 86, never a test's own 1 or 2).
ASAN_B = build/asan
test-asan: deps
	@$(MAKE) -s --no-print-directory B=$(ASAN_B) CFLAGS="$(SAN_FLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" $(ASAN_B)/wpgen $(ASAN_B)/mkdocx docx-samples \
	  $(patsubst tests/unit/%.c,$(ASAN_B)/tests/%,$(wildcard tests/unit/test_*.c))
	@export ASAN_OPTIONS=detect_leaks=1:exitcode=86 LSAN_OPTIONS=exitcode=86 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 WPGEN_DATADIR=$(CURDIR); \
	failed=0; for t in $(patsubst tests/unit/%.c,$(ASAN_B)/tests/%,$(wildcard tests/unit/test_*.c)); do $$t || failed=$$((failed + 1)); done; \
	sh tests/golden.sh ./$(ASAN_B)/wpgen || failed=$$((failed + 1)); \
	$(MAKE) -s --no-print-directory B=$(ASAN_B) CFLAGS="$(SAN_FLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined" replay || failed=$$((failed + 1)); \
	WPGEN_SLOW=1 sh tests/cli.sh ./$(ASAN_B)/wpgen || failed=$$((failed + 1)); \
	sh tests/build.sh ./$(ASAN_B)/wpgen || failed=$$((failed + 1)); \
	sh tests/peers.sh ./$(ASAN_B)/wpgen || failed=$$((failed + 1)); \
	WPGEN_SLOW=1 sh tests/pathological.sh ./$(ASAN_B)/wpgen || failed=$$((failed + 1)); \
	sh tests/oom.sh ./$(ASAN_B)/wpgen 20 || failed=$$((failed + 1)); \
	sh tests/kill.sh ./$(ASAN_B)/wpgen 3 || failed=$$((failed + 1)); \
	if [ $$failed -ne 0 ]; then echo "test-asan: $$failed parts failed"; exit 1; fi; echo "test-asan: clean"

# The CLI and golden suites with every wpgen run under valgrind (memcheck,
# full leak check). Slow (minutes); not part of CI, which runs test-asan.
test-valgrind: deps all docx-samples
	@command -v valgrind >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind >/dev/null; }
	@sh tests/valgrind.sh ./$(BIN)

# The seed corpora: the samples and the golden sources, the real
# programmes of ../shared/seeds (their first 60 kB), and the Word files of
# ../shared/docx-peers up to 64 kB, as raw packages (read in place, copied
# into build/, never into the repository).
# libFuzzer targets (clang 14, libfuzzer-14-dev): the Markdown reader, the
# XML reader, the pipeline end to end, import, and the Word reader (its
# XML parts, packed in memory). Each runs FUZZ_SECONDS on a
# corpus in build/fuzz/corpus-TARGET seeded from input/ and tests/; a crash
# is written to build/fuzz/ and belongs in tests/fuzz/regress/TARGET/.
FUZZ_B       = build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = read_md read_xml pipeline import docx write_docx review
FUZZ_FLAGS   = $(SAN_FLAGS)
fuzz: deps
	@command -v clang-14 >/dev/null 2>&1 && [ -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ] || { \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends clang-14 libfuzzer-14-dev >/dev/null; }
	@$(MAKE) -s --no-print-directory B=$(FUZZ_B) CC=clang-14 \
	  CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" $(FUZZ_B)/libwpgen.a $(FUZZ_B)/wpgen
	@for t in $(FUZZ_TARGETS); do \
	  clang-14 $(ALL_CFLAGS) -D_GNU_SOURCE $(FUZZ_FLAGS) -fsanitize=fuzzer -o $(FUZZ_B)/fuzz_$$t \
	    tests/fuzz/fuzz_$$t.c $(FUZZ_B)/libwpgen.a $(LIBS) $(LAZY_LIBS) || exit 1; \
	  mkdir -p $(FUZZ_B)/corpus-$$t $(FUZZ_B)/seed-$$t; \
	done
	@mkdir -p $(FUZZ_B)/seed-import $(FUZZ_B)/seed-read_md $(FUZZ_B)/seed-read_xml $(FUZZ_B)/seed-pipeline $(FUZZ_B)/seed-docx \
	  $(FUZZ_B)/seed-write_docx $(FUZZ_B)/seed-review; cp tests/fuzz/regress/import/* $(FUZZ_B)/seed-import/ 2>/dev/null; \
	  for f in ../shared/seeds/*.txt; do [ -f "$$f" ] && head -c 60000 "$$f" > $(FUZZ_B)/seed-import/$$(basename "$$f"); done; true
	@for f in input/*.md tests/golden/*.md; do \
	  cp "$$f" $(FUZZ_B)/seed-read_md/; cp "$$f" $(FUZZ_B)/seed-pipeline/; cp "$$f" $(FUZZ_B)/seed-write_docx/; \
	  cp "$$f" $(FUZZ_B)/seed-review/; \
	  b=$$(basename "$$f" .md); \
	  WPGEN_DATADIR=$(CURDIR) $(FUZZ_B)/wpgen convert --to xml -o $(FUZZ_B)/seed-read_xml/$$b.xml "$$f" 2>/dev/null; \
	  cp $(FUZZ_B)/seed-read_xml/$$b.xml $(FUZZ_B)/seed-pipeline/ 2>/dev/null; \
	done; true
	@for f in ../shared/seeds/*.md; do [ -f "$$f" ] && head -c 60000 "$$f" > $(FUZZ_B)/seed-read_md/$$(basename "$$f") && \
	  cp $(FUZZ_B)/seed-read_md/$$(basename "$$f") $(FUZZ_B)/seed-pipeline/ && \
	  cp $(FUZZ_B)/seed-read_md/$$(basename "$$f") $(FUZZ_B)/seed-write_docx/ && \
	  cp $(FUZZ_B)/seed-read_md/$$(basename "$$f") $(FUZZ_B)/seed-review/; done; \
	  for f in ../shared/docx-peers/*/*.docx; do \
	    [ -f "$$f" ] && [ $$(wc -c < "$$f") -le 65536 ] && cp "$$f" $(FUZZ_B)/seed-docx/$$(basename "$$f"); \
	  done; true
	@for d in tests/docx/*/word input/*.docx.parts/word; do \
	  [ -f $$d/document.xml ] || continue; n=$$(echo $$d | tr / _); \
	  { cat $$d/document.xml; printf '\0'; cat $$d/numbering.xml 2>/dev/null || cat tests/docx/common/word/numbering.xml; \
	    printf '\0'; cat $$d/footnotes.xml 2>/dev/null || cat tests/docx/common/word/footnotes.xml; \
	  } > $(FUZZ_B)/seed-docx/$$n; \
	done
	@for t in $(FUZZ_TARGETS); do \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1 $(FUZZ_B)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=2048 -max_len=65536 -dict=tests/fuzz/wpgen.dict -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_B)/$$t- $(FUZZ_B)/corpus-$$t $(FUZZ_B)/seed-$$t \
	    tests/fuzz/regress/$$t 2>$(FUZZ_B)/$$t.log || { tail -40 $(FUZZ_B)/$$t.log; exit 1; }; \
	  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' $(FUZZ_B)/$$t.log; \
	  grep -E '^#[0-9]+' $(FUZZ_B)/$$t.log | tail -1; \
	done

# The fuzz targets' entry points replayed on tests/fuzz/regress/ (built
# with the compiler and flags of the run: plain in make test, sanitized in
# make test-asan).
replay: $(LIB)
	@for t in $(FUZZ_TARGETS); do \
	  $(CC) $(ALL_CFLAGS) -D_GNU_SOURCE -o $(B)/replay_$$t tests/fuzz/replay.c tests/fuzz/fuzz_$$t.c \
	    $(LIB) $(LIBS) $(LAZY_LIBS) $(LDFLAGS) || exit 1; \
	  ./$(B)/replay_$$t tests/fuzz/regress/$$t/* | sed "s/^replay:/replay $$t:/" || exit 1; \
	done

# Rewrite the golden files after a deliberate change of output; review the
# diff before committing it.
golden-update: $(BIN) docx-samples
	@sh tests/golden.sh ./$(BIN) --update

# The command, its data, its manual and completion; and the library:
# shared (with its soname) and static, the public headers and wpgen.pc.
install: $(BIN) $(SHLIB) $(LIB)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/profiles
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/wpgen
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libwpgen.so.$(SO_VERSION) $(DESTDIR)$(LIBDIR)/libwpgen.so.$(SO_MAJOR)
	ln -sf libwpgen.so.$(SO_MAJOR) $(DESTDIR)$(LIBDIR)/libwpgen.so
	install -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/
	install -m 644 include/wpgen/*.h $(DESTDIR)$(INCLUDEDIR)/wpgen/
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@DATADIR@|$(DATADIR)|' \
	  -e 's|@VERSION@|$(SO_VERSION)|; s|@PKGS@|$(CORE_PKGS)|' doc/wpgen.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/wpgen.pc
	chmod 644 $(DESTDIR)$(LIBDIR)/pkgconfig/wpgen.pc
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/wpgen
	install -m 644 templates/*.xsl $(DESTDIR)$(DATADIR)/templates/
	install -m 644 profiles/*.yaml $(DESTDIR)$(DATADIR)/profiles/
	install -d $(DESTDIR)$(DATADIR)/schema
	install -m 644 schema/wpgen.rng $(DESTDIR)$(DATADIR)/schema/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 doc/wpgen.1 $(DESTDIR)$(PREFIX)/share/man/man1/wpgen.1
	install -m 644 doc/wpgen.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/wpgen

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/wpgen $(DESTDIR)$(PREFIX)/share/man/man1/wpgen.1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/wpgen \
	  $(DESTDIR)$(LIBDIR)/libwpgen.so* $(DESTDIR)$(LIBDIR)/libwpgen.a $(DESTDIR)$(LIBDIR)/pkgconfig/wpgen.pc
	rm -rf $(DESTDIR)$(INCLUDEDIR)/wpgen
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B)

# The README's rule table is made from the registry (src/check/rules.def); a
# test fails when they differ.
readme-rules: $(BIN)
	@./$(BIN) rules --format md > $(B)/rules.md
	@awk -v t=$(B)/rules.md '/<!-- rules:begin -->/ { print; while ((getline l < t) > 0) print l; skip = 1; next } \
	  /<!-- rules:end -->/ { skip = 0 } !skip' README.md > $(B)/README.md && mv $(B)/README.md README.md
