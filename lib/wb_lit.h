/* wb_lit.h: reading a literate chapter source.
 *
 * A chapter's .c file is both the program and the book. Its prose lives in
 * block comments that open with a line of their own, `/\*md`, and close with
 * a line `*\/`; between them is Markdown, with $...$ and $$...$$ for math.
 * Everything else is code. The file reads as a list of chunks, each one a
 * prose block and the code that follows it, up to the next block:
 *
 *     /\*md
 *     ## Two categories of points           <- the chunk's title
 *     Prose...
 *     *\/
 *     static int sample(wb_run *run)         <- the chunk's step
 *     {
 *         ...
 *     }
 *
 * A chunk whose code defines a function `static int NAME(wb_run *run)` at
 * the start of a line is the prose and listing of step NAME. The runtime
 * reads this to show a step's prose in --step, and the weaver to make the
 * book.
 *
 * Library code in the book. A model's loss or its backward pass lives in
 * lib/, not in the chapter, and the prose shows it all the same: in the
 * library source, a region is the lines between two marker lines,
 *
 *     /\* region NAME *\/
 *     ...
 *     /\* endregion NAME *\/
 *
 * and a line of prose that holds only `@code:PATH:NAME` (PATH from the top
 * of the workbook, as lib/wb_logreg.c) stands for that region's listing.
 * Regions do not nest, and a file names each region once.
 *
 * Numbered equations. A display equation whose line ends with its closing
 * $$ and a label,
 *
 *     $$\sigma(z) = \frac{1}{1 + e^{-z}}.$$ {#eq:sigmoid}
 *
 * is numbered: the k-th labelled equation of chapter N is N.k, and @eq:NAME
 * in the prose refers to it, before or after it. The book shows the number
 * in the margin, and the notebook at the right edge of the terminal.
 */
#ifndef WB_LIT_H
#define WB_LIT_H

#include <stddef.h>

typedef struct wb_chunk {
    char *prose;         /* the Markdown, or NULL for code before any prose */
    size_t prose_line;   /* line of the `/\*md` marker (1-based), or 0 */
    char *title;         /* the text of the prose's first heading, or NULL */
    int level;           /* that heading's level (1 for #, 2 for ##), or 0 */
    char *code;          /* the code after the prose, without leading and
                            trailing blank lines; "" if none */
    size_t code_line;    /* line of the code's first line, or 0 if none */
    size_t code_lines;   /* how many lines of code */
    char *step;          /* the step this chunk defines, or NULL */
} wb_chunk;

typedef struct wb_lit {
    char *path;          /* the file it was read from */
    wb_chunk *chunks;
    size_t nchunks;
} wb_lit;

/* Splits `text` (the contents of `path`, used in messages) into chunks.
 * NULL with an error "path:line: ..." for an unterminated prose block, a
 * chunk that defines two steps, or an equation label given twice. */
wb_lit *wb_lit_parse(const char *text, const char *path);
/* wb_lit_parse of the file at `path`. */
wb_lit *wb_lit_read(const char *path);
void wb_lit_free(wb_lit *lit);

/* The chunk of step `name`, or NULL. */
const wb_chunk *wb_lit_find_step(const wb_lit *lit, const char *name);

/* Checks that the source and a program's steps agree: the chunks define
 * the steps named in `names` (NULL-terminated), each once, in that order.
 * Returns 0, or -1 with an error naming the first disagreement. */
int wb_lit_check_steps(const wb_lit *lit, const char *const *names);

/* If the prose line s[0..len) ends with "$$ {#eq:NAME}" (and spaces),
 * returns the length of the line before its label (the equation, up to
 * and with its closing $$) and sets *name, *name_len to NAME; else 0. */
size_t wb_lit_eq_label(const char *s, size_t len, const char **name,
                       size_t *name_len);

/* The number k of the equation labelled name[0..len) (N.k in chapter N):
 * its place among the labelled equations of the prose; 0 when none is. */
int wb_lit_equation(const wb_lit *lit, const char *name, size_t len);

/* A region of a source file. */
typedef struct wb_region {
    char *path;          /* the file */
    char *name;
    char *code;          /* its lines, without the markers */
    size_t first_line;   /* the line number of its first line (1-based) */
    size_t lines;        /* how many lines */
} wb_region;

/* Finds region `name` in `text`, the contents of `path`. Returns 0, or -1
 * with an error "path:line: ..." when the file's markers are unbalanced,
 * nested or name a region twice, or when the region is not there. */
int wb_region_find(wb_region *out, const char *text, const char *path,
                   const char *name);
/* wb_region_find in the file at `path` (read from folder `root`, or from
 * the current folder when root is NULL); out->path is `path`. */
int wb_region_read(wb_region *out, const char *root, const char *path,
                   const char *name);
void wb_region_free(wb_region *r);

/* Whether a line of prose (without its newline) is `@code:PATH:NAME`:
 * returns 1 and sets *path and *name (new strings), 0 when it is not, or -1
 * with an error when it is one but malformed (PATH must be relative, with
 * no "..", and NAME made of letters, digits and '_'). */
int wb_region_ref(const char *line, size_t len, char **path, char **name);

#endif
