/* wb_term.h: the book's prose for a terminal.
 *
 * A chapter's prose is Markdown with $...$ and $$...$$ math (wb_lit.h).
 * In a terminal it is shown with the terminal's own means: headings in
 * bold and underlined, *emphasis* in italics, **strong** in bold, `code`
 * in a colour, lists with their bullets and numbers, each paragraph wrapped
 * to the terminal's width; the math turned into Unicode text (σ(z) =
 * 1/(1 + e⁻ᶻ), x₁, √(2π)), a display equation centred on a line of its
 * own, with its number, when it ends in \tag{1.2} as the book's numbered
 * equations do (wb_lit.h), as "(1.2)" at the right edge. The Markdown is read by cmark, the reference CommonMark parser,
 * with the same typographic quotes and dashes as the book (pandoc's
 * "smart" punctuation); the math by the math-text parser that the figures
 * use, so that both understand the same TeX.
 *
 *     wb_buf b = {0};
 *     wb_term_markdown(&b, "The *sigmoid* $\\sigma(z)$.", 80, WB_TERM_STYLE);
 *     fputs(b.data, stdout);
 */
#ifndef WB_TERM_H
#define WB_TERM_H

#include <stddef.h>

#include "wb_core.h"

/* How a figure can be shown in a terminal (wb_show.h). */
typedef enum wb_term_graphics {
    WB_TERM_NONE,    /* only say where the files are */
    WB_TERM_DUMB,    /* ASCII art */
    WB_TERM_ANSI,    /* ASCII art in colour */
    WB_TERM_SIXEL    /* pixels, for terminals that speak sixel */
} wb_term_graphics;

enum {
    /* Bold, italics and colours as escape sequences (ECMA-48 SGR). Without
     * it the text is plain, for a file or a terminal with NO_COLOR set. */
    WB_TERM_STYLE = 1 << 0
};

/* Appends `markdown` rendered as lines of at most `width` columns (a word
 * wider than that stays whole), each ending in a newline, to `out`. Math
 * that cannot be read is shown as it is written, and the function then
 * returns -1 with the first such error; otherwise 0. */
int wb_term_markdown(wb_buf *out, const char *markdown, int width,
                     unsigned flags);

/* Appends one line of Markdown, such as a step's title, rendered as
 * wb_term_markdown renders a paragraph but on one line, without its
 * newline: "A new variable, $u = x_1 x_2$" is "A new variable, u = x₁x₂". */
int wb_term_line(wb_buf *out, const char *markdown, unsigned flags);

/* The columns that the n bytes of UTF-8 at s take on a terminal: escape
 * sequences and combining marks take none, East Asian wide characters
 * two, other characters one. */
size_t wb_term_width(const char *s, size_t n);

#endif
