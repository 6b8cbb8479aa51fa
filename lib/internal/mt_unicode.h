/* mt_unicode.h: math text as plain Unicode, for a terminal
 * (wb_mt_unicode.c).
 *
 * The third renderer of the math-text parser (internal/mathtext.h), after
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
#ifndef WB_INTERNAL_MT_UNICODE_H
#define WB_INTERNAL_MT_UNICODE_H

#include "wb_core.h"

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

#endif
