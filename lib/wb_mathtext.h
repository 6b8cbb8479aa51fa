/* wb_mathtext.h: the small part of TeX that figure and diagram texts speak.
 *
 * A text is shown literally, except inside $...$, where it is math as in
 * the book's equations: letters are italic, x_1 and x_{10} are subscripts,
 * e^{-z} is a superscript, \sigma and the other Greek letters, \cdot,
 * \times, \leq, \infty and the like give their symbol, \mathrm{...} and
 * \text{...} are upright, and - is a minus sign. \$ is a dollar sign.
 * The prose of the book also has fractions (\frac{a}{b}), roots (\sqrt{x},
 * \sqrt[3]{x}), accents (\hat{y}, \bar{x}, \vec{w}), bold (\mathbf{w}),
 * norms (\|w\|), \left( ... \right) and sums with limits.
 *
 * The text is parsed once, here, into a list of atoms (after TeX's noads:
 * a nucleus and its scripts); each place that shows text renders the list
 * its own way: as gnuplot's enhanced text (wb_gp_string.c), with cairo
 * (wb_diagram.c), as Unicode text for a terminal (wb_mt_unicode.c). They
 * share one symbol table and one behaviour for wrong input: an unknown
 * \command, an unmatched $ or brace, a script without its argument and a
 * double script are errors, never shown as they are.
 */
#ifndef WB_MATHTEXT_H
#define WB_MATHTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wb_core.h"

typedef enum wb_mt_kind {
    WB_MT_TEXT,      /* text outside $...$ */
    WB_MT_SYMBOL,    /* a symbol of math: a run of letters, a digit, +, σ */
    WB_MT_SPACE,     /* a space in math */
    WB_MT_GROUP,     /* {...}, \mathrm{...}: the atoms of `group` */
    WB_MT_FRAC,      /* \frac{a}{b}: `group` over `den` */
    WB_MT_ROOT,      /* \sqrt{x}: the root of `group`, of degree `index` */
    WB_MT_ACCENT     /* \hat{y}: `group` under the accent `text` */
} wb_mt_kind;

/* How TeX spaces a symbol from its neighbours. */
typedef enum wb_mt_class {
    WB_MT_ORD,       /* letters, digits, most symbols */
    WB_MT_BIN,       /* binary operators: + − ± × · */
    WB_MT_REL,       /* relations: = < > ≤ ≥ → ≈ */
    WB_MT_OPEN,      /* ( [ */
    WB_MT_CLOSE,     /* ) ] */
    WB_MT_PUNCT      /* , ; */
} wb_mt_class;

typedef struct wb_mt_atom wb_mt_atom;

typedef struct wb_mt_list {
    wb_mt_atom *atoms;
    size_t n;
} wb_mt_list;

struct wb_mt_atom {
    wb_mt_kind kind;
    char *text;          /* TEXT, SYMBOL, SPACE: valid UTF-8, no control
                            characters; "" for the empty base of a script
                            that starts the math. ACCENT: the combining
                            character (U+0302 for a hat) */
    bool italic;         /* SYMBOL: set in italics */
    wb_mt_class cls;     /* SYMBOL */
    bool typed;          /* SPACE: typed as a space (which TeX ignores),
                            not asked for with ~, \, \; \: or \  */
    bool after_command;  /* SPACE: typed right after a \command made of
                            letters, where it only ends the command's name */
    wb_mt_list group;    /* GROUP; FRAC: the numerator; ROOT: what is under
                            the root; ACCENT: what is under the accent */
    wb_mt_list den;      /* FRAC: the denominator */
    wb_mt_list index;    /* ROOT: n in \sqrt[n]{x}; empty for \sqrt{x} */
    bool bold;           /* GROUP: \mathbf{...}, \boldsymbol{...} */
    bool text_mode;      /* GROUP: \text{...}, whose typed spaces count */
    wb_mt_list *sub;     /* the subscript, or NULL */
    wb_mt_list *sup;     /* the superscript, or NULL */
    bool sup_first;      /* written x^a_b rather than x_a^b */
};

/* Parses `text`; with `math` false, $ is an ordinary character and the
 * whole text is one TEXT atom. Control characters become spaces and bytes
 * that are not UTF-8 become '?'. Returns 0, or -1 with an error that
 * quotes the text. */
int wb_mt_parse(wb_mt_list *out, const char *text, bool math);
void wb_mt_free(wb_mt_list *list);

/* Whether a list reads as one thing when written on one line: a symbol, a
 * number, a group in parentheses, a root or an accent, with its scripts.
 * A fraction's parts, a root's argument and a script written on the line
 * (x^(a+b)) need parentheses when they are not. */
bool wb_mt_simple(const wb_mt_list *list);

/* The length of the valid UTF-8 sequence at s (1 to 4), or 0. */
size_t wb_utf8_len(const unsigned char *s);
/* The code point of the valid UTF-8 sequence at s, of length n. */
uint32_t wb_utf8_decode(const unsigned char *s, size_t n);

/* ---- math text as plain Unicode (wb_mt_unicode.c) -------------------
 *
 * The third renderer of the parser above, after
 * gnuplot's enhanced text and cairo: $\sigma(z) = \frac{1}{1 + e^{-z}}$
 * becomes "σ(z) = 1/(1 + e⁻ᶻ)". Greek letters and symbols come from the
 * parser's one symbol table; a script whose every character has a Unicode
 * sub- or superscript form is written with them (x₁, e⁻ᶻ, ∑ᵢ₌₁ⁿ), any
 * other on the line, in parentheses when it is more than one character
 * (x_q, e^(−z/2)); a fraction is a/b, with parentheses around a part that
 * is more than one thing (1/(1 + e⁻ᶻ)); a root is √x or √(2π); an accent
 * is its combining character (ŷ, x̄). Operators and relations get a space
 * on each side, as TeX gives them; other spaces are the ones typed.
 */
enum {
    /* Mark \mathbf{...} with the bytes WB_MT_BOLD_ON and WB_MT_BOLD_OFF,
     * for the caller to show as bold; without it, bold is plain. */
    WB_MT_MARK_BOLD = 1 << 0
};
#define WB_MT_BOLD_ON '\002'
#define WB_MT_BOLD_OFF '\003'

/* Appends `text`, with its $...$ math turned into Unicode, to `out`.
 * Returns 0, or -1 with the parser's error (and nothing appended). */
int wb_mt_unicode(wb_buf *out, const char *text, unsigned flags);

/* ---- math in Markdown ---------------------------------------------------
 *
 * The book's prose is Markdown with $...$ and $$...$$ math. Where the math
 * is, found as pandoc finds it: $ opens math when a non-space follows it,
 * and closes it when a non-space comes before it and no digit after it;
 * $$...$$ is a display; math never crosses a blank line, and is never in
 * a code span, in a fenced code block, nor an escaped \$.
 */
typedef struct wb_md_math {
    size_t start;    /* the offset of its opening $ or $$ */
    size_t tex;      /* of the TeX between the delimiters */
    size_t len;      /* the TeX's length */
    size_t end;      /* the offset just past its closing delimiter */
    bool display;    /* $$...$$ */
} wb_md_math;

/* The first math span of `md` at or after md[from], into *m; false when
 * there is none. `from` is 0 or the end of a span found before. */
bool wb_md_math_next(const char *md, size_t from, wb_md_math *m);

#endif
