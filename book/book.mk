# The book, included by the Makefile. Each chapter runs in book mode into
# the build tree, BOOK_RUN/SLUG/, a folder of the book's own: a reader's
# runs, which draw into figures/SLUG/, never reach the book. Each chapter
# is then woven into Markdown from its source, the library code its prose
# shows, and that run; pandoc makes one HTML page per chapter and one PDF
# of the whole book.

BOOK_RUN  := $(B)/book/figures
BOOK_MD   := $(CHAPTERS:%=$(B)/book/%.md)
BOOK_DEPS := book/metadata.yaml book/preface.md

# 01_sigmoid_1d -> 1
chapter_number = $(patsubst 0%,%,$(firstword $(subst _, ,$(1))))

# The run writes its figures, its steps' output and, last, manifest.tsv:
# the manifest stands for the whole run. The library draws the figures, so
# a new library draws them again.
$(BOOK_RUN)/%/manifest.tsv: $(B)/chapters/% $(B)/$(SONAME)
	$(say) RUN "$< --book"
	$(Q)$< --book --out $(BOOK_RUN)/$*

$(B)/book/%.md: chapters/%.c $(BOOK_RUN)/%/manifest.tsv $(WEAVE) \
                $(wildcard lib/*.c) $(wildcard exercises/*.c)
	@mkdir -p $(@D)
	$(say) WEAVE $@
	$(Q)$(WEAVE) --number $(call chapter_number,$*) --figures $(BOOK_RUN)/$* \
	  $< > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

# `make book` first installs what is missing, then builds with the tools in
# place (a new make reads pkg-config's answers afresh).
book: deps
	@$(MAKE) --no-print-directory html pdf
	@echo 'The book: book/out/index.html and book/out/workbook.pdf'

html: book/out/index.html
pdf: book/out/workbook.pdf

book/out/index.html: $(BOOK_MD) $(BOOK_DEPS) book/build-html \
                     book/template.html book/style.css
	$(Q)book/build-html $(B) $(CHAPTERS)

book/out/workbook.pdf: $(BOOK_MD) $(BOOK_DEPS) book/build-pdf book/latex.lua \
                       book/preamble.tex
	$(Q)book/build-pdf $(B) $(CHAPTERS)
