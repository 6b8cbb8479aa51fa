/* book/math-text.c: the book's formulas as plain Unicode text, for the
 * search of the HTML book (book/search.js), which quotes them so:
 *
 *     math-text < FORMULAS > TEXTS
 *
 * FORMULAS are TeX, as between $...$ in the prose, each ended by a NUL
 * byte; each is written back, ended by a NUL byte, as the terminal shows
 * it (the library's wb_mt_unicode): $\sigma(z) = \frac{1}{1 + e^{-z}}$
 * becomes "σ(z) = 1/(1 + e⁻ᶻ)". A formula it cannot read stops it: one
 * line on stderr, with the formula, and exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_mathtext.h"

int main(void)
{
    wb_buf in = {0}, out = {0};
    char chunk[4096];
    size_t n;
    int status = 0;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        wb_buf_append(&in, chunk, n);
    if (ferror(stdin) || in.failed) {
        fprintf(stderr, "math-text: cannot read the formulas\n");
        status = 1;
    }
    for (size_t at = 0; status == 0 && at < in.len;) {
        const char *tex = in.data + at;
        size_t len = strnlen(tex, in.len - at);
        char *math = wb_asprintf("$%.*s$", (int)len, tex);
        if (!math || wb_mt_unicode(&out, math, 0) != 0) {
            fprintf(stderr, "math-text: $%.*s$: %s\n", (int)len, tex,
                    wb_error());
            status = 1;
        }
        free(math);
        wb_buf_append(&out, "", 1);
        at += len + 1;
    }
    if (status == 0 &&
        (out.failed ||
         (out.len && fwrite(out.data, 1, out.len, stdout) != out.len) ||
         fflush(stdout) != 0)) {
        fprintf(stderr, "math-text: cannot write the texts\n");
        status = 1;
    }
    wb_buf_free(&in);
    wb_buf_free(&out);
    return status;
}
