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
 *
 * The rest of the grammar: in the prose, @fig:NAME refers to a figure the
 * step draws, @step:NAME to a step, and a line `@exercises` stands for the
 * chapter's exercises (wb_exercise.h). A block between a line
 * `::: {.hint}` and a line `:::` is a hint, and one that opens with
 * `::: {.answer question="2"}` the answer to the chapter's question 2:
 * the book shows both closed (the PDF moves the answers to its appendix),
 * the notebook a hint where it stands and the answers after the chunk.
 *
 * Folded code. A listing shows the lines that carry its step's idea; the
 * lines that only draw, print, parse options or clip are folded away. In
 * the code, chapter's or library's, a line that holds only the comment
 *
 *     /\* fold: SUMMARY *\/
 *
 * folds itself and the lines after it: indented (in a function), up to
 * the next blank line or the end of its block (a line indented less than
 * the marker, such as the function's closing brace), whichever comes
 * first; at the start of its line (between functions), the whole
 * definition that follows, up to and with the next line that starts with
 * a closing brace. The book shows the folded lines as one line, SUMMARY
 * (Markdown, as the prose) and where they are: the HTML opens them with a
 * click, the PDF and the notebook name their file and lines. The source
 * stays one program; its highlighted page in the book keeps every line.
 *
 * This file is the one reader of that grammar: each chunk reads as a list
 * of tokens (text, references, equation labels, listings, exercises), and
 * the weaver (book/weave.c) and the notebook (wb_notebook.c) are two
 * renderers of them. A new directive is a new kind of token, read here;
 * the compiler then points at each renderer's switch that lacks it.
 */
#ifndef WB_LIT_H
#define WB_LIT_H

#include <stddef.h>

typedef struct wb_chunk wb_chunk;

typedef enum wb_token_kind {
    WB_TOKEN_TEXT,        /* Markdown, as written */
    WB_TOKEN_TITLE,       /* a step's heading line, "## Title": the book
                             anchors it, the notebook's banner shows it */
    WB_TOKEN_FIG_REF,     /* @fig:NAME */
    WB_TOKEN_STEP_REF,    /* @step:NAME */
    WB_TOKEN_EQ_REF,      /* @eq:NAME */
    WB_TOKEN_EQ_TAG,      /* "$$ {#eq:NAME}": the closing $$ of a numbered
                             equation, and its label */
    WB_TOKEN_REGION,      /* a line @code:PATH:NAME: that region's listing */
    WB_TOKEN_EXERCISES,   /* a line @exercises: the chapter's exercises */
    WB_TOKEN_DIV,         /* a line `::: {.CLASS ...}` (or `::: CLASS`): a
                             block opens, such as a hint or an answer;
                             name: CLASS; number: its question="N", or 0 */
    WB_TOKEN_DIV_END,     /* a line `:::`: the block closes */
    WB_TOKEN_LISTING      /* the chunk's code: its listing */
} wb_token_kind;

typedef struct wb_token {
    wb_token_kind kind;
    const char *text;     /* what it stands for in the chunk's prose or code
                             (for a line, without its newline) */
    size_t len;
    size_t line;          /* the line of the source it starts on */
    char *name;           /* the NAME of a reference, an equation's label or
                             a region; else NULL */
    char *path;           /* REGION: its PATH; else NULL */
    int number;           /* EQ_REF, EQ_TAG: the equation's number k (N.k in
                             chapter N); 0 when no equation has that label */
    const wb_chunk *step; /* STEP_REF: that step's chunk, or NULL */
} wb_token;

struct wb_chunk {
    char *prose;         /* the Markdown, or NULL for code before any prose */
    size_t prose_line;   /* line of the `/\*md` marker (1-based), or 0 */
    char *title;         /* the text of the prose's first heading, or NULL */
    int level;           /* that heading's level (1 for #, 2 for ##), or 0 */
    char *code;          /* the code after the prose, without leading and
                            trailing blank lines; "" if none */
    size_t code_line;    /* line of the code's first line, or 0 if none */
    size_t code_lines;   /* how many lines of code */
    char *step;          /* the step this chunk defines, or NULL */
    wb_token *tokens;    /* the chunk, read: tokens[0..nprose) its prose,
                            then one LISTING for its code, if it has code */
    size_t ntokens, nprose;
};

typedef struct wb_lit {
    char *path;          /* the file it was read from */
    wb_chunk *chunks;
    size_t nchunks;
} wb_lit;

/* Splits `text` (the contents of `path`, used in messages) into chunks,
 * and reads each into tokens. NULL with an error "path:line: ..." for an
 * unterminated prose block, a chunk that defines two steps, an equation
 * label given twice, a malformed @code line (PATH must be relative, with
 * no "..", and NAME made of letters, digits and '_'), or a fold marker
 * that is not one line, has no summary, folds nothing, opens inside
 * another fold, or, at the start of its line, finds no closing brace. */
wb_lit *wb_lit_parse(const char *text, const char *path);
/* wb_lit_parse of the file at `path`. */
wb_lit *wb_lit_read(const char *path);
void wb_lit_free(wb_lit *lit);

/* The chunk of step `name`, or NULL. */
const wb_chunk *wb_lit_find_step(const wb_lit *lit, const char *name);
/* The title of step `name`'s prose, or `name` when it has none (or when
 * lit is NULL). */
const char *wb_lit_title(const wb_lit *lit, const char *name);

/* Checks that the source and a program's steps agree: the chunks define
 * the steps named in `names` (NULL-terminated), each once, in that order.
 * Returns 0, or -1 with an error naming the first disagreement. */
int wb_lit_check_steps(const wb_lit *lit, const char *const *names);

/* Lines of a listing folded away (see Folded code, above). */
typedef struct wb_fold {
    char *summary;       /* what the lines do: the marker's SUMMARY */
    size_t first_line;   /* the marker's line in the file (1-based) */
    size_t lines;        /* how many lines it folds, its marker's with them */
} wb_fold;

/* A region of a source file, and a listing. */
typedef struct wb_region {
    char *path;          /* the file */
    char *name;          /* NULL for a chunk's own code */
    char *code;          /* its lines, without the markers */
    size_t first_line;   /* the line number of its first line (1-based) */
    size_t lines;        /* how many lines */
    wb_fold *folds;      /* its folds, in the order of the lines, apart */
    size_t nfolds;
} wb_region;

/* Finds region `name` in `text`, the contents of `path`, and its folds.
 * Returns 0, or -1 with an error "path:line: ..." when the file's markers
 * are unbalanced, nested or name a region twice, when the region is not
 * there, or when a fold marker of it is wrong (see wb_lit_parse). */
int wb_region_find(wb_region *out, const char *text, const char *path,
                   const char *name);
void wb_region_free(wb_region *r);

/* A part of what a listing shows: a run of its lines, or a fold. */
typedef struct wb_part {
    size_t first_line;   /* its first line in the file */
    size_t lines;        /* how many */
    const wb_fold *fold; /* the fold it is, or NULL for lines shown */
} wb_part;

/* The parts of listing r, in order, into parts[0..2 r->nfolds + 1): its
 * folds, and the runs of lines between them, without the blank lines
 * next to a fold (a run of blank lines alone is no part). Returns how
 * many. */
size_t wb_listing_parts(wb_part *parts, const wb_region *r);

/* The listing a LISTING or REGION token of `lit` stands for: the chunk's
 * code, or the region read from file PATH under folder `root` (the current
 * folder when NULL). Both renderers show every listing through this, so
 * that what a listing is (its lines, where they come from) is decided
 * here. Returns 0, or -1 with an error "SOURCE:LINE: @code:PATH:NAME: what
 * is wrong". */
int wb_lit_listing(wb_region *out, const wb_lit *lit, const wb_token *t,
                   const char *root);

#endif
