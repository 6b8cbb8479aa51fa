# The workbook's one Makefile.  `make help` lists what it can do.
#
# CFLAGS, LDFLAGS, CC, PKG_CONFIG, PREFIX and DESTDIR are yours to set;
# the flags the project needs are kept apart, in WB_*.

CC         ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
PREFIX     ?= /usr/local
VERSION    := $(shell sed -n 's/^\#define WB_VERSION "\(.*\)"/\1/p' lib/wb_core.h)

# `make V=1` shows the commands in full.
ifeq ($(V),1)
Q :=
say := @true
else
Q := @
say := @printf '  %-5s %s\n'
endif

# Where objects and programs go. `make check` builds a second tree,
# build/asan, with AddressSanitizer and UndefinedBehaviorSanitizer.
B ?= build
ifdef SANITIZE
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
endif

# What pkg-config and the compiler say is asked when first needed, once
# per make: `lazy NAME,COMMAND` makes NAME expand to COMMAND's output. A
# make that compiles nothing (one that rebuilds a page of the book) asks
# nothing.
lazy = $(eval $(1) = $$(eval $(1) := $$$$(shell $(2)))$$($(1)))
$(call lazy,CAIRO_CFLAGS,$(PKG_CONFIG) --cflags cairo 2>/dev/null)
$(call lazy,CAIRO_LIBS,$(PKG_CONFIG) --libs cairo 2>/dev/null)
$(call lazy,CMARK_CFLAGS,$(PKG_CONFIG) --cflags libcmark 2>/dev/null)
$(call lazy,CMARK_LIBS,$(PKG_CONFIG) --libs libcmark 2>/dev/null || \
                       echo -lcmark)
$(call lazy,CRITERION_CFLAGS,$(PKG_CONFIG) --cflags criterion 2>/dev/null)
$(call lazy,CRITERION_LIBS,$(PKG_CONFIG) --libs criterion 2>/dev/null)

WB_CPPFLAGS = -Ilib -D_DEFAULT_SOURCE -MMD -MP
WB_CFLAGS   = -std=c11 -Wall -Wextra -Wpedantic -Werror -fPIC $(SAN_FLAGS) \
              $(WB_DEBUG_MAP)
# The debugging information names the sources from the workbook's folder,
# as the .d files do, not from where it was when built: a debugger in a
# copied or moved tree opens that tree's sources.
WB_DEBUG_MAP = -fdebug-prefix-map=$(CURDIR)=.
WB_LDFLAGS  = $(SAN_FLAGS)
WB_LIBS     = $(CAIRO_LIBS) $(CMARK_LIBS) -llbfgs -lm

# The library's hot loops (the models' passes along a layer's row of units)
# are plain loops, which the compiler runs on two doubles per instruction
# (SSE2). gcc -O2 does so only for loops with no value left over after the
# last vector, unless its cost model is "cheap"; clang does so anyway, and
# knows no such option. A row of wb_mlp.c is short (50 units): unrolled,
# its loops spend less on counting than on arithmetic. wb_logreg.c's loops
# of exp and log1p call glibc's vector versions, which do not set errno:
# -fno-math-errno says that no one reads it (the library never does).
$(call lazy,VECT_CHEAP,$(CC) -fvect-cost-model=cheap -E -x c /dev/null \
                 >/dev/null 2>&1 && echo -fvect-cost-model=cheap)
WB_LIB_CFLAGS = $(VECT_CHEAP)
WB_MLP_CFLAGS = -funroll-loops
WB_LOGREG_CFLAGS = -fno-math-errno
$(B)/lib/wb_mlp.o: WB_LIB_CFLAGS += $(WB_MLP_CFLAGS)
$(B)/lib/wb_logreg.o: WB_LIB_CFLAGS += $(WB_LOGREG_CFLAGS)

LIB_SRC   := $(wildcard lib/*.c)
LIB_OBJ   := $(LIB_SRC:%.c=$(B)/%.o)
# The public headers: wb.h and those it includes (the others are private
# to their layer, and are not installed).
LIB_PUBLIC_H = lib/wb.h $(addprefix lib/,$(shell sed -n \
                  's/^\#include "\(.*\)"/\1/p' lib/wb.h))
CHAPTERS  := $(basename $(notdir $(wildcard chapters/[0-9][0-9]_*.c)))
TESTS     := $(basename $(notdir $(wildcard tests/test_*.c)))
SONAME    := libworkbook.so.0

CHAPTER_BIN := $(CHAPTERS:%=$(B)/chapters/%)
TEST_BIN    := $(TESTS:%=$(B)/tests/%)
WEAVE       := $(B)/book/weave

.PHONY: all deps figures book html pdf book-html book-pdf check tests \
        FORCE install uninstall clean help bench bench-deps bench-figures fuzz \
        robust exercises exercise hint watch
.DELETE_ON_ERROR:
# Objects are kept once made (make would otherwise delete those it made on
# the way to a program, and relink the program at the next make).
.SECONDARY:

TERM_TEXT   := $(B)/tools/term-text

all: $(B)/libworkbook.so $(B)/libworkbook.a $(CHAPTER_BIN) $(WEAVE) \
     $(B)/workbook.pc $(TERM_TEXT)

help:
	@echo 'make deps      check for the tools the workbook needs; install the missing ones'
	@echo 'make           build the library, the chapter programs and the weaver (into build/)'
	@echo 'make figures   run every chapter and draw its figures (into figures/)'
	@echo 'make book      the whole book: book/out/index.html and book/out/workbook.pdf'
	@echo 'make html      only the HTML book;  make pdf  only the PDF'
	@echo 'make exercises the exercises, which are done, and the next one'
	@echo 'make exercise EX=NAME  check one (make ex-1.1 for short; no EX: the next)'
	@echo 'make hint EX=NAME      its hint (make hint-1.1)'
	@echo 'make watch EX=NAME     check it again at each save (make watch-1.1)'
	@echo 'make check     every test, also under AddressSanitizer and UBSan'
	@echo 'make fuzz      run each fuzzer for FUZZ_TIME seconds (60)'
	@echo 'make robust    full disks (as root) and valgrind on every chapter'
	@echo 'make bench     time the workbook against scikit-learn and the tutorial'\''s Python'
	@echo '               (bench/results.md); make bench-deps installs the Python side'
	@echo 'make bench-figures  time chapter 1 with all its figures (median of 7)'
	@echo 'make install   the library, its headers and workbook.pc under PREFIX (/usr/local)'
	@echo 'make clean     remove build/, figures/ and book/out/'

deps:
	@tools/deps

# ---- the library -------------------------------------------------------

$(B)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(CAIRO_CFLAGS) $(CMARK_CFLAGS) \
	  $(WB_CFLAGS) $(WB_LIB_CFLAGS) $(CFLAGS) -c -o $@ $<

# The shared library carries its soname; libworkbook.so points to it, for
# linking with -lworkbook.
$(B)/$(SONAME): $(LIB_OBJ)
	$(say) LINK $@
	$(Q)$(CC) -shared -Wl,-soname,$(SONAME) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $^ \
	  $(WB_LIBS)

$(B)/libworkbook.so: $(B)/$(SONAME)
	$(Q)ln -sf $(SONAME) $@

$(B)/libworkbook.a: $(LIB_OBJ)
	$(say) AR $@
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# For programs of your own, from the build tree:
#   cc my.c $(PKG_CONFIG_PATH=$PWD/build pkg-config --cflags --libs workbook)
# Its paths start from ${pcfiledir}, the folder pkg-config found it in, so
# that a copied or moved tree's workbook.pc names that tree's library and
# headers, never the first tree's. (pc_top: the top folder, seen from
# $(B); its absolute path when $(B) lies outside it. `space` is book.mk's.)
pc_top = $(if $(filter /% ..%,$(B)),$(CURDIR),$${pcfiledir}/$(subst \
  $(space),/,$(patsubst %,..,$(subst /, ,$(B)))))
$(B)/workbook.pc: Makefile
	@mkdir -p $(@D)
	@printf '%s\n' 'top=$(pc_top)' 'Name: workbook' \
	  'Description: the workbook library (build tree)' 'Version: $(VERSION)' \
	  'Requires.private: cairo libcmark liblbfgs' 'Cflags: -I$${top}/lib' \
	  'Libs: -L$${pcfiledir} -Wl,-rpath,$${pcfiledir} -lworkbook -lm' > $@

# ---- the chapters ------------------------------------------------------

# Compiled from their path in the workbook, chapters/SLUG.c: __FILE__ says
# where a chapter's prose is (for --step), and the runtime finds the
# workbook's folder from the program's own file (the nearest folder above
# it that holds chapters/SLUG.c), so that a copied or moved tree reads its
# own prose and edits its own chapters. (With $(B) outside the workbook,
# from their absolute path: that build belongs to this folder.) Nothing
# built records the folder it was built in, and the .d files name the
# sources as the rules do, relative to it.
chapter_src = $(if $(filter /% ..%,$(B)),$(abspath $(1)),$(1))

$(B)/chapters/%.o: chapters/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) -c -o $@ \
	  $(call chapter_src,$<)

$(B)/chapters/%: $(B)/chapters/%.o $(B)/libworkbook.so
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $< -L$(B) -lworkbook \
	  -Wl,-rpath,'$$ORIGIN/..' $(WB_LIBS)

# ---- the book ----------------------------------------------------------

$(B)/book/%.o: book/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(WEAVE): $(B)/book/weave.o $(B)/libworkbook.a
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $^ $(WB_LIBS)

# `make figures` runs every chapter as a reader would, drawing its figures
# into figures/SLUG/. (The book makes its own run, in the build tree: see
# book/book.mk.)
figures: $(CHAPTER_BIN)
	@for c in $(CHAPTERS); do \
	  printf '  %-5s %s\n' RUN "$(B)/chapters/$$c --quiet"; \
	  $(B)/chapters/$$c --quiet || exit 1; \
	done

include book/book.mk

# ---- exercises ---------------------------------------------------------

# The hints' Markdown and maths, as a terminal shows them (the notebook's
# renderer, lib/wb_term.h), for tools/exercises.
$(B)/tools/%.o: tools/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(TERM_TEXT): $(B)/tools/term-text.o $(B)/libworkbook.a
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $^ $(WB_LIBS)

# Each exercise is built against the library and checked by tools/exercises
# (see there); EX names one (01_1_boundary, or 1.1), or else the next. The
# runner's exit status is make's: an exercise not done yet fails, as a
# failing test does. EX goes to it as one quoted word, never as shell or
# make text (nor through the environment, where make would expand it); the
# runner is exec'd, so that a signal to make reaches it.
quote = '$(subst ','\'',$(1))'
unexport EX
exercises_run = @exec tools/exercises --build $(call quote,$(B))

exercises: $(B)/libworkbook.so $(B)/workbook.pc
	$(exercises_run) list

exercise: $(B)/libworkbook.so $(B)/workbook.pc
	$(exercises_run) check $(call quote,$(value EX))

ex-%: $(B)/libworkbook.so $(B)/workbook.pc
	$(exercises_run) check $(call quote,$*)

hint: $(TERM_TEXT)
	$(exercises_run) hint $(call quote,$(value EX))

hint-%: $(TERM_TEXT)
	$(exercises_run) hint $(call quote,$*)

watch: $(B)/libworkbook.so $(B)/workbook.pc $(TERM_TEXT)
	$(exercises_run) watch $(call quote,$(value EX))

watch-%: $(B)/libworkbook.so $(B)/workbook.pc $(TERM_TEXT)
	$(exercises_run) watch $(call quote,$*)

# ---- tests -------------------------------------------------------------

# The tests know the build's and the workbook's folders (WB_BUILD_DIR,
# WB_SOURCE_DIR): they are compiled again when the workbook has moved.
# $(B)/folder names them, and is written only when they change.
$(B)/folder: FORCE
	@mkdir -p $(@D)
	@echo '$(CURDIR) $(abspath $(B))' | cmp -s - $@ 2>/dev/null || \
	  echo '$(CURDIR) $(abspath $(B))' > $@

FORCE:

$(B)/tests/%.o: tests/%.c $(B)/folder
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(CAIRO_CFLAGS) $(CRITERION_CFLAGS) \
	  -DWB_BUILD_DIR='"$(abspath $(B))"' -DWB_SOURCE_DIR='"$(CURDIR)"' \
	  -DWB_SAN_FLAGS='"$(SAN_FLAGS)"' \
	  $(WB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/tests/test_%: $(B)/tests/test_%.o $(B)/tests/helpers.o \
                   $(B)/libworkbook.a
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(WB_LIBS)

# The tests that run a chapter or the weaver need them built first.
$(TEST_BIN): | $(CHAPTER_BIN) $(WEAVE)

tests: $(TEST_BIN)

# Tests that must fail in the sanitized build (a leak, a buffer overflow,
# a signed overflow): they check that tools/run-tests catches what the
# sanitizers report.
GATE := gate_leak gate_overflow gate_undefined
$(B)/tests/gate_%: tests/gate/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(CRITERION_CFLAGS) $(WB_CFLAGS) $(CFLAGS) $(WB_LDFLAGS) \
	  $(LDFLAGS) -o $@ $< $(CRITERION_LIBS)

# Every test, then every test again in the sanitized build (tools/run-tests
# fails on a failing test and on any sanitizer report, even one that
# Criterion's forked test processes would let pass), then the book, so that
# a chapter that pandoc or LaTeX cannot typeset fails too, and that every
# exercise is in it. (tests/test_exercises.c proves the exercises: each
# fails its check as shipped, each solution passes.) The scripts run the
# exercises as make does, in a copy of the workbook, then copy and move it,
# then install it.
# The chapters held to the book's limits on the code a page shows by
# default: no more lines of it than of prose, and no listing over 40 lines
# (tools/check-listings; README.md, "How a chapter is written"). The check
# prints the figures of every chapter, and fails for these.
BOOK_CODE_LIMITED := 01_sigmoid_1d 02_sigmoid_2d 03_logreg_fit 04_variable_change 05_mlp

check: deps
	@$(MAKE) --no-print-directory all tests
	@tools/run-tests $(B) $(TESTS)
	@tests/exercise_runner.sh $(B)
	@tests/relocation.sh $(B)
	@tests/install.sh $(B)
	@$(MAKE) --no-print-directory B=build/asan SANITIZE=1 all tests \
	  $(GATE:%=build/asan/tests/%)
	@tools/run-tests build/asan $(TESTS)
	@for g in $(GATE); do \
	  if tools/run-tests build/asan $$g >/dev/null 2>&1; then \
	    echo "check: the sanitizer report of tests/gate/$$g was missed"; \
	    exit 1; \
	  fi; \
	done; echo 'check: a leak, a buffer overflow and undefined behaviour in a test fail the run, as they must'
	@tools/check-layers $(B) >/dev/null || tools/check-layers $(B)
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS:%=$(B)/fuzz/%)
	@tools/fuzz $(B) 5 $(FUZZ_TARGETS)
	@$(MAKE) --no-print-directory $(BOOK_JOBS) book-pdf book-html
	@tools/check-book $(CHAPTERS)
	@tools/check-listings $(B) $(CHAPTERS) -- $(BOOK_CODE_LIMITED)
	@tools/check-exercises $(B)
	@tests/book_filters.sh
	@node tests/book_browser.js book/out $(B)/book/screenshots
	@node tests/live_browser.js book/out $(B)/chapters $(B)/book/screenshots
	@mkdir -p $(B)/bench && node bench/live.js book/out $(B) tiny \
	  > $(B)/bench/live-tiny.md
	@tests/book_isolation.sh $(B)

# ---- the numerical layers in WebAssembly ---------------------------------

# The layers the live book runs in the page (core, arrays, random numbers,
# activations, metrics, samples, the models) compiled for wasm32-wasi with
# Debian's clang-14, lld-14 and wasi-libc, warnings as errors: `make
# check` builds them, and tests/test_wasm.c runs tests/wasm/models.c,
# built for WebAssembly and natively, under node's WASI and here, and
# compares what they print. liblbfgs is not in that toolchain:
# WB_NO_LBFGS leaves L-BFGS out (the logistic regression fits by Newton's
# method). wasi-libc has getpid only as an emulation, which the core's
# temporary file names ask for.
WASM_CC     ?= clang-14
WASM_CFLAGS ?= -O2
WASM_FLAGS  := --target=wasm32-wasi -DWB_NO_LBFGS -D_WASI_EMULATED_GETPID \
               -std=c11 -Wall -Wextra -Wpedantic -Werror
WASM_LIB    := core array rng activation metrics sample optim logreg mlp
WASM_OBJ    := $(WASM_LIB:%=$(B)/wasm/lib/wb_%.o)

$(B)/wasm/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(say) WASM $@
	$(Q)$(WASM_CC) $(WASM_FLAGS) $(WB_CPPFLAGS) $(WASM_CFLAGS) -c -o $@ $<

# (A program's inputs are its prerequisites less the headers that its
# dependency file, NAME.d, adds to them.)
inputs = $(filter %.c %.o %.a,$^)

$(B)/wasm/models.wasm: tests/wasm/models.c $(WASM_OBJ)
	$(say) WASM $@
	$(Q)$(WASM_CC) $(WASM_FLAGS) $(WB_CPPFLAGS) $(WASM_CFLAGS) -o $@ \
	  $(inputs) -lwasi-emulated-getpid -lm

# The same program built natively, as the tests are.
$(B)/wasm/models-native: tests/wasm/models.c $(B)/libworkbook.a
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) \
	  $(WB_LDFLAGS) $(LDFLAGS) -o $@ $(inputs) $(WB_LIBS)

$(B)/tests/test_wasm: | $(B)/wasm/models.wasm $(B)/wasm/models-native \
                       $(B)/live/live.js $(CHAPTER_BIN)

# The live book's module: the same layers and book/live/live.c, its entry
# points, as a WebAssembly "reactor" (a library whose functions the page
# calls, with no main), stripped of its names.
$(B)/wasm/live.wasm: book/live/live.c $(WASM_OBJ)
	$(say) WASM $@
	$(Q)$(WASM_CC) $(WASM_FLAGS) $(WB_CPPFLAGS) $(WASM_CFLAGS) \
	  -mexec-model=reactor -Wl,--strip-all -o $@ $(inputs) \
	  -lwasi-emulated-getpid -lm

# The figures' theme (lib/wb_theme.c) as a JavaScript object.
$(B)/live/theme: book/live/theme.c $(B)/lib/wb_theme.o
	@mkdir -p $(@D)
	$(say) LINK $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) \
	  $(WB_LDFLAGS) $(LDFLAGS) -o $@ $(inputs)

# The live book's script: the theme, the module in base64, and the
# JavaScript of book/live/ in this order, in one function; the book copies
# it to book/out/live.js (book/book.mk).
LIVE_JS := $(addprefix book/live/,module.js plot.js figures.js main.js)
$(B)/live/live.js: $(B)/wasm/live.wasm $(B)/live/theme $(LIVE_JS)
	$(say) GEN $@
	$(Q){ echo '// live.js: the live figures of the book, made by make from'; \
	  echo '// book/live/ (see there); the module is book/live/live.c and'; \
	  echo '// the library'"'"'s numerical layers, compiled to WebAssembly.'; \
	  echo '(function () {'; echo "'use strict';"; $(B)/live/theme && \
	  printf "var MODULE = '" && base64 -w 0 $< && echo "';" && \
	  cat $(LIVE_JS) && echo '})();'; } > $@.tmp && mv $@.tmp $@

# ---- fuzzing --------------------------------------------------------------

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang and linked with
# the library compiled for them (coverage and sanitizers). `make fuzz` runs
# each for FUZZ_TIME seconds; `make check` runs each briefly.
FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_TARGETS := $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB_OBJ := $(LIB_SRC:lib/%.c=$(B)/fuzz/lib/%.o)

$(B)/fuzz/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(say) FUZZCC $@
	$(Q)$(FUZZ_CC) $(WB_CPPFLAGS) $(CAIRO_CFLAGS) -std=c11 -Wall -Wextra \
	  -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(@D)
	$(say) FUZZ $@
	$(Q)$(FUZZ_CC) $(WB_CPPFLAGS) $(CAIRO_CFLAGS) -std=c11 -Wall -Wextra \
	  -g -O1 $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) \
	  $(WB_LIBS)

# The robustness battery's part that needs root (a small tmpfs, to fill a
# disk) or time (valgrind on every chapter); make check runs the rest.
robust: all
	@tests/robust.sh $(B)

fuzz: deps $(FUZZ_TARGETS:%=$(B)/fuzz/%)
	@tools/fuzz $(B) $(FUZZ_TIME) $(FUZZ_TARGETS)

# ---- benchmarks (not tests: times depend on the machine) -----------------

# `make bench`: the workbook against scikit-learn and against the tutorial's
# Python, written to bench/results.md (the book's appendix "How fast is
# it?") and printed; see bench/run. BENCH_SIZE=tiny runs tiny sizes once,
# into $(B)/bench/results.md: what `make check` checks. The Python side
# needs /usr/bin/python3 with scikit-learn and matplotlib, which `make
# bench-deps` installs; without them it is left out, and the page says so.
BENCH_SIZE ?= full
BENCH_TOOLS := $(B)/bench/bench $(B)/bench/peak $(B)/bench/peak-native

bench: all $(BENCH_TOOLS)
	@$(MAKE) --no-print-directory $(BOOK_JOBS) book-html
	@CC='$(CC)' CFLAGS='$(CFLAGS)' \
	  WB_LIB_CFLAGS='$(WB_LIB_CFLAGS)' WB_MLP_CFLAGS='$(WB_MLP_CFLAGS)' \
	  WB_LOGREG_CFLAGS='$(WB_LOGREG_CFLAGS)' \
	  bench/run --build $(B) --size $(BENCH_SIZE)

bench-deps:
	@tools/deps bench

# tests/test_bench.c runs `make bench` at its tiny sizes.
$(B)/tests/test_bench: | $(BENCH_TOOLS)

bench-figures: $(CHAPTER_BIN)
	@bench/figures

# The C side of `make bench` (bench/bench.c), linked as the chapters are,
# and the yardstick of its floating-point rate (bench/peak.c), built twice.
$(B)/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(CPPFLAGS) $(WB_CFLAGS) $(CFLAGS) -c -o $@ $<

$(B)/bench/bench: $(B)/bench/bench.o $(B)/libworkbook.so
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $< -L$(B) -lworkbook \
	  -Wl,-rpath,'$$ORIGIN/..' $(WB_LIBS)

# The peak is built at -O3, which keeps the kernel's values in registers:
# peak with the instruction set the library is built for (any -m option of
# CFLAGS), peak-native with this processor's own (-march=native, when the
# compiler takes it).
$(call lazy,NATIVE,$(CC) -march=native -E -x c /dev/null >/dev/null 2>&1 \
            && echo -march=native)
$(B)/bench/peak: bench/peak.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(WB_CFLAGS) -O3 $(filter -m%,$(CFLAGS)) \
	  -o $@ $< -lm

$(B)/bench/peak-native: bench/peak.c
	@mkdir -p $(@D)
	$(say) CC $@
	$(Q)$(CC) $(WB_CPPFLAGS) $(WB_CFLAGS) -O3 $(NATIVE) -o $@ $< -lm

# ---- installing --------------------------------------------------------

# A program built against the installed library finds it where the
# dynamic linker looks: in /usr/lib, and in /usr/local/lib once ldconfig
# has listed it (make install runs ldconfig there, which needs root).
# Under any other PREFIX, workbook.pc writes the library's folder into the
# program (an rpath).
SYSTEM_PREFIXES := /usr /usr/local
LDCONFIG ?= ldconfig
rpath_flag := -Wl,-rpath,$${libdir}
install_rpath = $(if $(filter $(SYSTEM_PREFIXES),$(PREFIX)),,$(rpath_flag) )

install: $(B)/libworkbook.so $(B)/libworkbook.a
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/workbook \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(LIB_PUBLIC_H) $(DESTDIR)$(PREFIX)/include/workbook
	install -m 755 $(B)/$(SONAME) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libworkbook.so
	install -m 644 $(B)/libworkbook.a $(DESTDIR)$(PREFIX)/lib
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
	  'includedir=$${prefix}/include/workbook' 'Name: workbook' \
	  'Description: the workbook library' 'Version: $(VERSION)' \
	  'Requires.private: cairo libcmark liblbfgs' 'Cflags: -I$${includedir}' \
	  'Libs: -L$${libdir} $(install_rpath)-lworkbook -lm' \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/workbook.pc
ifeq ($(DESTDIR)$(filter-out $(SYSTEM_PREFIXES),$(PREFIX)),)
	$(LDCONFIG)
endif

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/workbook
	rm -f $(DESTDIR)$(PREFIX)/lib/$(SONAME) $(DESTDIR)$(PREFIX)/lib/libworkbook.so \
	  $(DESTDIR)$(PREFIX)/lib/libworkbook.a $(DESTDIR)$(PREFIX)/lib/pkgconfig/workbook.pc

clean:
	rm -rf build figures book/out

-include $(LIB_OBJ:.o=.d) $(B)/chapters/*.d $(B)/book/*.d $(B)/tests/*.d \
  $(B)/tools/*.d \
  $(B)/fuzz/lib/*.d $(B)/bench/*.d $(B)/wasm/*.d $(B)/wasm/lib/*.d \
  $(B)/live/*.d
