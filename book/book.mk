# The book, included by the Makefile. Each chapter is woven into Markdown
# from its source and its book-mode run (figures/SLUG/), then pandoc makes
# one HTML page per chapter and one PDF of the whole book.

BOOK_MD   := $(CHAPTERS:%=$(B)/book/%.md)
BOOK_DEPS := book/metadata.yaml book/preface.md

# 01_sigmoid_1d -> 1
chapter_number = $(patsubst 0%,%,$(firstword $(subst _, ,$(1))))

$(B)/book/%.md: chapters/%.c figures/%/manifest.tsv $(WEAVE)
	@mkdir -p $(@D)
	$(say) WEAVE $@
	$(Q)$(WEAVE) --number $(call chapter_number,$*) --figures figures/$* $< \
	  > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

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
