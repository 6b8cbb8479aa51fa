/* tools/term-text.c: the book's Markdown as a terminal shows it.
 *
 *     term-text [WIDTH] < MARKDOWN
 *
 * writes the Markdown it reads, with its $...$ maths, as the notebook
 * shows the book's prose (lib/wb_term.h): the maths in Unicode, σ(wx + b)
 * for $\sigma(wx + b)$, each paragraph filled to WIDTH columns (78 unless
 * given), plain, without escape sequences. tools/exercises shows the
 * exercises' hints with it. A formula it cannot read is written as it is,
 * with one line on stderr and exit status 1.
 */
#include <stdio.h>
#include <stdlib.h>

#include "wb_term.h"

int main(int argc, char **argv)
{
    wb_buf in = {0}, out = {0};
    char chunk[4096], *end;
    size_t n;
    long width = argc > 1 ? strtol(argv[1], &end, 10) : 78;
    int status = 0;

    if (argc > 2 || (argc == 2 && (*end || width < 20 || width > 1000))) {
        fprintf(stderr, "usage: term-text [WIDTH, 20 to 1000] < MARKDOWN\n");
        return 2;
    }
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        wb_buf_append(&in, chunk, n);
    wb_buf_append(&in, "", 1);
    if (ferror(stdin) || in.failed) {
        fprintf(stderr, "term-text: cannot read the text\n");
        return 1;
    }
    if (wb_term_markdown(&out, in.data, (int)width, 0) != 0) {
        fprintf(stderr, "term-text: %s\n", wb_error());
        status = 1;
    }
    if ((out.len && fwrite(out.data, 1, out.len, stdout) != out.len) ||
        fflush(stdout) != 0) {
        fprintf(stderr, "term-text: cannot write the text\n");
        status = 1;
    }
    wb_buf_free(&in);
    wb_buf_free(&out);
    return status;
}
