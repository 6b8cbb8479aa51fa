#!/bin/sh
# tests/book_filters.sh: the book's pandoc filters do what book/weave.c's
# header promises. A hint or an answer (::: {.hint}, ::: {.answer}) is a
# closed <details> block in the HTML (book/html.lua); in the PDF a hint is
# a box where it stands and an answer moves to the appendix of answers,
# leaving its page behind (book/latex.lua); a listing's fold is a closed
# <details> block in the HTML, one line in the PDF; code in a table breaks
# only between names. And in the HTML: an option in inline code is kept
# whole, a formula keeps the comma after it, a source file named in the
# prose and "chapter N" are links, and a table's columns take the width
# of their contents.
set -u
status=0
fail() { printf 'book_filters: %s\n' "$*"; status=1; }
md=$(mktemp /tmp/wb-filters-XXXXXX)
trap 'rm -f "$md"' EXIT INT TERM
cat > "$md" <<'MD'
# A chapter

1. Predict the boundary with `--w 2 --predict X`, from $x = -b/w$, as
   chapter 1 does in `lib/wb_activation.c`.

   ::: {.hint}
   Where is the sigmoid one half?
   :::

   ::: {.answer question="1"}
   At $z = 0$.
   :::

::: {.listing}
`chapters/01_one.c`, lines 3 to 6

::: {.fold path="chapters/01_one.c" first="3" last="5"}
draws $x$ and `y`

```{.c .numberLines startFrom="3"}
    /* fold: draws $x$ and `y` */
    draw(x);
    draw(y);
```
:::

```{.c .numberLines startFrom="6"}
}
```
:::

| Python | C |
|--------------------|------------------------------|
| `np.random.multivariate_normal(m, c, n)` | `wb_random_multivariate_normal(rng, m, c, 2, n)` |
MD

html=$(pandoc "$md" --from markdown --to html5 --katex \
       --lua-filter book/html.lua -M chapter-pages=01_one,02_two) ||
    fail "pandoc could not make HTML"
expect_html() {
    printf '%s' "$html" | tr '\n' ' ' | grep -qF -- "$1" ||
        fail "the HTML lacks: $1"
}
expect_html '<details class="hint"><summary>Hint</summary>'
expect_html '<details class="answer"><summary>Answer</summary>'
expect_html '<span class="nobr">--predict</span>'
# A fold of a listing opens from its summary, which says what and where.
expect_html '<details class="fold"><summary> <span class="fold-mark" aria-hidden="true">⋯</span> draws'
expect_html '<span class="fold-lines">lines 3–5</span> </summary>'
expect_html '<span id="cb1-3"><a href="#cb1-3"></a>    <span class="co">/* fold'

expect_html '<span class="nobr"><span class="math inline">x = -b/w</span>,</span>'
expect_html '<a href="01_one.html">chapter 1</a>'
expect_html 'href="src/lib/wb_activation.c.html"'
# A table's columns are as wide as their contents on a screen.
printf '%s' "$html" | grep -q '<col style="width' &&
    fail "the HTML gives a table's columns fixed widths"

latex=$(pandoc "$md" --from markdown-raw_tex --to latex \
        --top-level-division=chapter --lua-filter book/latex.lua) ||
    fail "pandoc could not make LaTeX"
expect_latex() {
    printf '%s' "$latex" | grep -qF -- "$1" || fail "the LaTeX lacks: $1"
}
expect_latex '\begin{bookbox}{Hint}'
expect_latex 'Answer: page \pageref{answer-1}'
# A fold is one line that names what the lines do and where they are.
expect_latex '\color{darkgray}$\cdots$\ draws \(x\)'
expect_latex '(\texttt{chapters/01\_one.c}, lines 3 to 5)}\par'

expect_latex 'Answers to the questions'
expect_latex '\begin{bookbox}{Chapter 1, question 1}'
# Code in a table breaks between the names of a call, never inside one.
expect_latex 'np.\allowbreak{}random.\allowbreak{}multivariate\_normal(\allowbreak{}m,\allowbreak{}'
expect_latex '\texttt{wb\_random\_multivariate\_normal(\allowbreak{}rng,'
# The answer is in the appendix, after the chapter's text, not in it.
answer_at=$(printf '%s\n' "$latex" | grep -n 'At \\(z = 0\\)' | cut -d: -f1)
appendix_at=$(printf '%s\n' "$latex" | grep -n 'Answers to the questions' |
              head -n 1 | cut -d: -f1)
if [ -z "$answer_at" ] || [ -z "$appendix_at" ] ||
    [ "$answer_at" -lt "$appendix_at" ]; then
    fail "the answer is not in the appendix of answers"
fi
[ "$status" -eq 0 ] &&
    echo "book_filters: hints, answers, folds, options, formulas, links and" \
        "tables as promised"
exit "$status"
