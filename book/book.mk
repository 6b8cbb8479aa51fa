# The book, included by the Makefile. Each chapter runs in book mode into
# the build tree, BOOK_RUN/SLUG/, a folder of the book's own: a reader's
# runs, which draw into figures/SLUG/, never reach the book. Each chapter
# is then woven into Markdown from its source, the library code its prose
# shows, and that run; pandoc makes one HTML page per chapter and one PDF
# of the whole book.
#
# Every HTML page has a rule of its own, so that changing one chapter
# rebuilds its page alone: pandoc turns its Markdown into a fragment
# (BOOK_FRAG/SLUG.html), book/toc.js gathers the fragments' titles and
# sections into the table of contents (rewritten only when it changes),
# and book/finish.js puts a fragment in the book's frame and typesets its
# maths with KaTeX. The search index (book/search.js) is built from all the
# fragments.
#
# Appendices: every book/appendix_*.md, in the order of their names, and
# the generated ones a rule adds to BOOK_APPENDIX_GEN (Markdown files in
# the build tree); both books put them after the chapters, lettered A, B...

BOOK_RUN  := $(B)/book/figures
BOOK_FRAG := $(B)/book/html
BOOK_OUT  := book/out
BOOK_MD   := $(CHAPTERS:%=$(B)/book/%.md)
BOOK_APPENDIX_SRC := $(sort $(wildcard book/appendix_*.md))
BOOK_APPENDIX_GEN ?=
# The last results of `make bench` (bench/results.md, written on the machine
# it describes) are the appendix "How fast is it?".
BOOK_SPEED := $(B)/book/appendix_b_speed.md
BOOK_APPENDIX_GEN += $(if $(wildcard bench/results.md),$(BOOK_SPEED))
BOOK_APPENDICES := $(BOOK_APPENDIX_SRC) $(BOOK_APPENDIX_GEN)
BOOK_APPENDIX_PAGES := $(basename $(notdir $(BOOK_APPENDICES)))
BOOK_PAGES := index $(CHAPTERS) $(BOOK_APPENDIX_PAGES)
BOOK_HTML  := $(BOOK_PAGES:%=$(BOOK_OUT)/%.html)
BOOK_TOC   := $(B)/book/toc.json
BOOK_MATH_TEXT := $(B)/book/math-text

# The figures: SVG in the HTML book (sharp on any screen), PDF in print.
BOOK_FORMAT := svg

# The source files the book shows as highlighted pages: the chapters, and
# the library files their prose, their listings or their exercises name.
BOOK_SOURCES := $(wildcard chapters/[0-9][0-9]_*.c) \
  $(sort $(filter $(wildcard lib/*.[ch]), \
    $(shell grep -ohs 'lib/wb_[a-z0-9_]*\.[ch]' /dev/null \
      $(wildcard chapters/*.c exercises/*.c book/*.md))))
BOOK_SOURCE_PAGES := $(BOOK_SOURCES:%=$(BOOK_OUT)/src/%.html)

BOOK_STATIC := $(BOOK_OUT)/style.css $(BOOK_OUT)/book.js \
  $(BOOK_OUT)/lunr.min.js $(BOOK_OUT)/katex/katex.min.css

# 01_sigmoid_1d -> 1
chapter_number = $(patsubst 0%,%,$(firstword $(subst _, ,$(1))))

# The run writes its figures, its steps' output and, last, manifest.tsv:
# the manifest stands for the whole run. The library draws the figures, so
# a new library draws them again, and so does a new BOOK_FORMAT. A run is
# reproducible (its seed is fixed): when the program, the library and this
# file are the same bytes as for the last run (a chapter whose prose alone
# changed compiles to the same program), the last run stands.
$(BOOK_RUN)/%/manifest.tsv: $(B)/chapters/% $(B)/$(SONAME) book/book.mk
	$(Q)key=$$(cat $^ | cksum); \
	if [ -f $@ ] && [ "$$(cat $(@D)/.run-key 2>/dev/null)" = "$$key" ]; then \
	  touch $@; \
	else \
	  printf '  %-5s %s\n' RUN "$< --book"; \
	  rm -f $(@D)/.run-key && \
	  $< --book --format $(BOOK_FORMAT) --out $(BOOK_RUN)/$* && \
	  echo "$$key" > $(@D)/.run-key; \
	fi

$(B)/book/%.md: chapters/%.c $(BOOK_RUN)/%/manifest.tsv $(WEAVE) \
                $(wildcard lib/*.c) $(wildcard exercises/*.c)
	@mkdir -p $(@D)
	$(say) WEAVE $@
	$(Q)$(WEAVE) --number $(call chapter_number,$*) --figures $(BOOK_RUN)/$* \
	  $< > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

# `make book` first installs what is missing, then builds with the tools in
# place (a new make reads pkg-config's answers afresh).
# `make book`, `make html` and `make pdf` run one job per processor (the
# chapters run and the pages are written side by side), unless the command
# line gives -jN: `make -j1 book` does one thing at a time.
# (nproc would obey OMP_NUM_THREADS, which is about threads, not jobs.)
BOOK_JOBS = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(shell env -u OMP_NUM_THREADS \
  -u OMP_THREAD_LIMIT nproc 2>/dev/null || echo 1))

# The tools are checked once for a build tree, and again when tools/deps
# changes (`make deps` checks them every time): a fresh machine, which has
# no build tree, gets what is missing.
BOOK_DEPS := $(B)/.deps-checked
$(BOOK_DEPS): tools/deps
	@mkdir -p $(@D)
	@tools/deps && touch $@

# The PDF, the longest job, is named first: it starts as soon as the
# chapters are woven, and the pages are made beside it.
book: $(BOOK_DEPS)
	@$(MAKE) --no-print-directory $(BOOK_JOBS) book-pdf book-html
	@echo 'The book: book/out/index.html and book/out/workbook.pdf'
html:
	@$(MAKE) --no-print-directory $(BOOK_JOBS) book-html
pdf:
	@$(MAKE) --no-print-directory $(BOOK_JOBS) book-pdf

book-html: $(BOOK_HTML) $(BOOK_OUT)/search-index.js $(BOOK_STATIC) \
      $(BOOK_SOURCE_PAGES) $(CHAPTERS:%=$(BOOK_OUT)/figures/%/.done)
book-pdf: $(BOOK_OUT)/workbook.pdf

# ---- the HTML book ---------------------------------------------------------

BOOK_PANDOC_HTML = pandoc --from markdown --to html5 --standalone \
  --template book/fragment.html --metadata-file book/metadata.yaml \
  --katex --section-divs --lua-filter book/html.lua \
  --default-image-extension=svg -M highlight-cache=$(B)/book/highlight \
  -M chapter-pages=$(subst $(space),$(comma),$(strip $(CHAPTERS)))
space := $(subst ,, )
comma := ,
BOOK_FRAG_DEPS := book/fragment.html book/html.lua book/metadata.yaml \
  book/book.mk

$(BOOK_FRAG)/%.html: $(B)/book/%.md $(BOOK_FRAG_DEPS)
	@mkdir -p $(@D) $(B)/book/highlight
	$(say) HTML $@
	$(Q)$(BOOK_PANDOC_HTML) --number-sections \
	  --number-offset=$$(($(call chapter_number,$*) - 1)) -o $@.tmp $< && \
	  mv $@.tmp $@

$(BOOK_SPEED): bench/results.md
	@mkdir -p $(@D)
	$(Q)cp $< $@.tmp && mv $@.tmp $@

define appendix_rule
$(BOOK_FRAG)/$(basename $(notdir $(1))).html: $(1) $(BOOK_FRAG_DEPS)
	@mkdir -p $$(@D) $(B)/book/highlight
	$$(say) HTML $$@
	$(Q)$(BOOK_PANDOC_HTML) -o $$@.tmp $$< && mv $$@.tmp $$@
endef
$(foreach a,$(BOOK_APPENDICES),$(eval $(call appendix_rule,$(a))))

# The contents page: the book's title, the contents (book/finish.js fills
# them in), then the preface.
$(B)/book/index.md: book/preface.md book/metadata.yaml
	@mkdir -p $(@D)
	$(Q){ sed -n 's/^title: \(.*\)/# \1 {.unnumbered .cover}/p' \
	    book/metadata.yaml; echo; \
	  sed -n 's/^subtitle: \(.*\)/[\1]{.subtitle}/p' book/metadata.yaml; \
	  echo; echo '## Contents {.unnumbered}'; echo; \
	  echo '<!-- contents -->'; echo; cat book/preface.md; } > $@

$(BOOK_FRAG)/index.html: $(B)/book/index.md $(BOOK_FRAG_DEPS)
	@mkdir -p $(@D) $(B)/book/highlight
	$(say) HTML $@
	$(Q)$(BOOK_PANDOC_HTML) -o $@.tmp $< && mv $@.tmp $@

# book/toc.js rewrites the contents only when they change, so that a page
# whose sections did not change rebuilds its page alone; its stamp says
# when it last read the fragments, so that a make with nothing new does not
# read them again.
BOOK_TOC_STAMP := $(B)/book/toc.stamp
$(BOOK_TOC_STAMP): $(BOOK_PAGES:%=$(BOOK_FRAG)/%.html) book/toc.js \
                   $(if $(wildcard $(BOOK_TOC)),,FORCE)
	$(Q)node book/toc.js $(BOOK_TOC) $(BOOK_FRAG) $(BOOK_PAGES) && touch $@
$(BOOK_TOC): $(BOOK_TOC_STAMP) ;

$(BOOK_OUT)/%.html: $(BOOK_FRAG)/%.html $(BOOK_TOC) book/finish.js \
                    book/template.html
	@mkdir -p $(@D)
	$(say) PAGE $@
	$(Q)node book/finish.js $* $< $(BOOK_TOC) $@ \
	  $(if $(filter $*,$(CHAPTERS)),$(BOOK_FRAG)/$*.figures.json)

$(BOOK_OUT)/search-index.js: $(BOOK_TOC) $(BOOK_PAGES:%=$(BOOK_FRAG)/%.html) \
                             book/search.js $(BOOK_MATH_TEXT)
	@mkdir -p $(@D)
	$(say) INDEX $@
	$(Q)node book/search.js $@ $(BOOK_TOC) $(BOOK_FRAG) $(BOOK_MATH_TEXT)

# The formulas as text, for the search's quotes: the library's Unicode
# maths, as in the terminal.
$(BOOK_MATH_TEXT): $(B)/book/math-text.o $(B)/libworkbook.a
	$(say) LINK $@
	$(Q)$(CC) $(WB_LDFLAGS) $(LDFLAGS) -o $@ $^ $(WB_LIBS)

# A chapter's figures, as its page shows them: in the reader's theme, light
# or dark, and, for a figure of several panels, with a view of each
# (book/figures.js); and their sizes, for the page
# (BOOK_FRAG/SLUG.figures.json).
BOOK_FIGURE_DEPS := book/figures.js book/style.css lib/wb_theme.h
$(BOOK_OUT)/figures/%/.done: $(BOOK_RUN)/%/manifest.tsv $(BOOK_FIGURE_DEPS)
	@mkdir -p $(@D) $(BOOK_FRAG)
	$(Q)rm -rf $(@D) && mkdir -p $(@D) && \
	  node book/figures.js $(BOOK_RUN)/$* $(@D) $(BOOK_FRAG)/$*.figures.json && \
	  touch $@

# A chapter's page lays out its figures by their sizes.
$(CHAPTERS:%=$(BOOK_OUT)/%.html): $(BOOK_OUT)/%.html: \
  $(BOOK_OUT)/figures/%/.done

# A source file as a page: highlighted, each line numbered and linkable
# (src/lib/wb_logreg.c.html#src-42).
$(BOOK_OUT)/src/%.html: % book/source-page book/source.html \
                     book/metadata.yaml
	@mkdir -p $(@D)
	$(say) SRC $@
	$(Q)book/source-page $< $@

# The live figures (book/live/): the script, with its WebAssembly module
# (the Makefile's wasm section), and its style.
book-html: $(BOOK_OUT)/live.js $(BOOK_OUT)/live.css
$(BOOK_OUT)/live.js: $(B)/live/live.js
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(BOOK_OUT)/live.css: book/live/live.css
	@mkdir -p $(@D)
	$(Q)cp $< $@

$(BOOK_OUT)/style.css: book/style.css
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(BOOK_OUT)/book.js: book/book.js
	@mkdir -p $(@D)
	$(Q)cp $< $@
$(BOOK_OUT)/lunr.min.js: /usr/share/javascript/lunr/lunr.min.js
	@mkdir -p $(@D)
	$(Q)cp $< $@
# KaTeX's style sheet and the fonts it uses, in WOFF2 alone (every browser
# that reads the rest of the page reads it).
$(BOOK_OUT)/katex/katex.min.css: /usr/share/javascript/katex/katex.min.css
	@mkdir -p $(@D)/fonts
	$(Q)cp /usr/share/fonts/truetype/katex/*.woff2 $(@D)/fonts/
	$(Q)sed 's/,url([^)]*\.woff) format("woff"),url([^)]*\.ttf) format("truetype")//g' \
	  $< > $@

# ---- the PDF -------------------------------------------------------------

$(BOOK_OUT)/workbook.pdf: $(BOOK_MD) $(BOOK_APPENDICES) book/preface.md \
                          book/metadata.yaml book/build-pdf book/latex.lua \
                          book/preamble.tex
	$(say) PDF $@
	$(Q)book/build-pdf $(B) $(BOOK_MD) -- $(BOOK_APPENDICES)
