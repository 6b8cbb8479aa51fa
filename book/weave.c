/* weave: turns a literate chapter and its book-mode run into Markdown.
 *
 *     weave --number N --figures DIR [--root DIR] CHAPTER.c > CHAPTER.md
 *
 * CHAPTER.c is the chapter's source; DIR is where `CHAPTER --book --out DIR`
 * left its figures, the output of each step (STEP.out) and manifest.tsv.
 * The Markdown has, chunk by chunk, the prose, the code listing exactly as
 * compiled (with its line numbers in the file), the step's output and its
 * figures, numbered N.1, N.2, ... Images are linked as figures/SLUG/NAME,
 * without extension, so that pandoc picks PNG for the HTML and PDF for the
 * printed book (--default-image-extension); the book's build puts them
 * there for the HTML, and points pandoc at the run for the PDF.
 *
 * In the prose, @fig:NAME becomes a link "Figure N.k" to the figure and
 * @step:NAME a link to the step's section. A display equation whose line
 * ends with its closing $$ and a label, `$$ {#eq:NAME}`, is numbered N.k
 * (in the margin, by \tag), and @eq:NAME becomes a link "(N.k)" to it;
 * equations that are never referred to need no label. A line
 * `@code:PATH:NAME`
 * becomes the listing of region NAME of library file PATH (see wb_lit.h),
 * PATH read from the folder given with --root (the current one unless
 * given). The weaver refuses, with "file:line: what is wrong", a reference
 * to a figure, step or region that does not exist, a region whose markers
 * are wrong, a source whose steps do not match the run's, and a listing
 * line wider than the page, 80 columns.
 *
 * A listing's folds (wb_lit.h: the lines that only draw, print, parse or
 * clip) are each a div of class "fold", with the summary its marker gives
 * and the folded lines: the HTML shows it closed, its summary a control
 * that opens it (book/html.lua); the PDF shows one line in its place,
 * naming the file and lines (book/latex.lua).
 *
 * The maths. The PDF gives LaTeX, and the HTML KaTeX, the TeX between $
 * and $, or $$ and $$, as it is written. So the weaver lets through only
 * the TeX that the book's own math-text parser reads (wb_mathtext.h: the
 * commands the book uses), in the prose, the folds' summaries, the
 * figures' captions and the exercises; anything else, such as
 * $\input{FILE}$, fails the build, naming the file and line.
 *
 * Each figure's image carries, besides its caption, an alt text in plain
 * words: the caption with its $...$ maths written out in Unicode (σ(z),
 * x₁, e^(−z)), for a reader who hears the page rather than sees it.
 *
 * Blocks the book shows closed. In the Markdown, prose or generated, a
 * fenced div
 *
 *     ::: {.hint}                  ::: {.answer question="2"}
 *     Where is sigma(z) = 1/2?     z = 0, so x = -b/w.
 *     :::                          :::
 *
 * is a hint, or the answer to one of the chapter's questions. The HTML
 * book shows each closed, as a <details> block with the summary line
 * "Hint" or "Answer", which the reader opens with a click and no script
 * (book/html.lua). The PDF shows a hint in a small box where it stands,
 * and moves each answer to the appendix "Answers to the questions", at
 * the end of the book, leaving a line with its page behind; the attribute
 * question="K", if given, names the question there (book/latex.lua).
 *
 * A prose line `@exercises` becomes the chapter's exercises: every file
 * exercises/NN_K_NAME.c under the root whose NN is the chapter's number,
 * in the order of their names, each with its goal, what it asks, the file
 * to open, the command that checks it, and its hint in a fenced div
 * `::: {.hint}` (shown collapsed in the HTML). They are read from the
 * first comment of each file, which holds the lines `Chapter: N`,
 * `Goal: ...` (one line), the text of the exercise, then `Hint: ...` to
 * the end of the comment. An exercise without them, or whose chapter is
 * not its name's, fails the build, and so does a chapter that has
 * exercises and no `@exercises` line.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"
#include "wb_mathtext.h"

typedef struct weaver {
    const char *source;         /* the chapter's path, for messages */
    const char *dir;            /* the figure folder */
    const char *root;           /* where @code paths start, or NULL */
    int number;                 /* the chapter's number */
    wb_manifest m;
    wb_lit *lit;
    wb_buf out;
    bool exercises_woven;       /* an @exercises line was expanded */
} weaver;

/* The figure called `name`, and its number k in "Figure N.k"; or 0 when
 * there is none. */
static int find_figure(const wb_manifest *m, const char *name)
{
    for (size_t i = 0; i < m->nfigures; i++)
        if (strcmp(m->figures[i].name, name) == 0)
            return (int)i + 1;
    return 0;
}

static int weave_exercises(weaver *w);

/* The columns line s[0..n) takes, a tab to the next multiple of 8. */
static size_t columns(const char *s, size_t n)
{
    size_t w = 0;
    for (const char *tab; (tab = memchr(s, '\t', n)) != NULL;) {
        w += wb_term_width(s, (size_t)(tab - s));
        w += 8 - w % 8;
        n -= (size_t)(tab - s) + 1;
        s = tab + 1;
    }
    return w + wb_term_width(s, n);
}

/* Lines [from, from + count) of a listing's code, lines numbered from
 * r->first_line, as a fenced code block. */
static void put_code(wb_buf *b, const wb_region *r, size_t from,
                     size_t count)
{
    const char *s = r->code, *e;
    if (count == 0)
        return;
    for (size_t i = r->first_line; i < from; i++)
        s += strcspn(s, "\n") + 1;
    e = s;
    for (size_t i = 0; i < count; i++)
        e += strcspn(e, "\n") + 1;
    wb_buf_printf(b, "```{.c .numberLines startFrom=\"%zu\"}\n%.*s```\n",
                  from, (int)(e - s), s);
}

/* The first math span of Markdown text md that the book cannot typeset:
 * -1 with its offset in *at and the parser's error; 0 when there is
 * none. */
static int bad_math(const char *md, size_t *at)
{
    wb_md_math m;
    for (size_t from = 0; wb_md_math_next(md, from, &m); from = m.end) {
        char *tex = wb_asprintf("$%.*s$", (int)m.len, md + m.tex);
        wb_mt_list list;
        int rc = tex ? wb_mt_parse(&list, tex, true) : -1;
        if (rc == 0)
            wb_mt_free(&list);
        free(tex);
        if (rc != 0) {
            *at = m.start;
            return -1;
        }
    }
    return 0;
}

/* A listing: a chunk's code, or a region of library code. (What a listing
 * is shown as, whatever it is, is decided here.) Its lines, from
 * `first_line`, then its origin; each fold a div of its own, whose first
 * paragraph says what it holds:
 *
 *     ::: {.fold path="PATH" first="A" last="B"}
 *     SUMMARY
 *
 *     ```{.c .numberLines startFrom="A"} ... ```
 *     :::
 */
static int weave_listing(weaver *w, const wb_token *t)
{
    wb_region r;
    size_t line = 0;
    if (wb_lit_listing(&r, w->lit, t, w->root) != 0)
        return -1;
    for (const char *s = r.code; *s; line++) {
        size_t n = strcspn(s, "\n"), width = columns(s, n);
        if (width > 80) {
            wb_fail("%s:%zu: this line is %zu columns wide; the book's "
                    "listings are at most 80", r.path, r.first_line + line,
                    width);
            wb_region_free(&r);
            return -1;
        }
        s += n + (s[n] == '\n');
    }
    for (size_t i = 0; i < r.nfolds; i++) {
        size_t at;
        if (bad_math(r.folds[i].summary, &at) != 0) {
            wb_fail("%s:%zu: %s", r.path, r.folds[i].first_line,
                    wb_error());
            wb_region_free(&r);
            return -1;
        }
    }
    wb_part *parts = wb_calloc(2 * r.nfolds + 1, sizeof *parts);
    size_t nparts = parts ? wb_listing_parts(parts, &r) : 0;
    if (!parts) {
        wb_region_free(&r);
        return -1;
    }
    wb_buf_printf(&w->out, "::: {.listing}\n`%s`, lines %zu to %zu\n\n",
                  r.path, r.first_line, r.first_line + r.lines - 1);
    for (size_t i = 0; i < nparts; i++) {
        const wb_part *p = &parts[i];
        if (i > 0)
            wb_buf_puts(&w->out, "\n");
        if (p->fold)
            wb_buf_printf(&w->out, "::: {.fold path=\"%s\" first=\"%zu\" "
                          "last=\"%zu\"}\n%s\n\n", r.path, p->first_line,
                          p->first_line + p->lines - 1, p->fold->summary);
        put_code(&w->out, &r, p->first_line, p->lines);
        if (p->fold)
            wb_buf_puts(&w->out, ":::\n");
    }
    free(parts);
    wb_buf_puts(&w->out, ":::\n\n");
    wb_region_free(&r);
    return 0;
}

/* A reference that leads nowhere: "ch.c:4: @fig:NAME: there is no ...". */
static int dangling(const weaver *w, const wb_token *t, const char *what,
                    const char *where)
{
    return wb_fail("%s:%zu: %.*s: there is no %s '%s' in this %s", w->source,
                   t->line, (int)t->len, t->text, what, t->name, where);
}

/* One token of chunk c, in Markdown: references become links, a step's
 * heading the target of @step:NAME, a numbered equation gets its number
 * (\tag) and an anchor. */
static int weave_token(weaver *w, const wb_chunk *c, const wb_token *t)
{
    int n = w->number, k;
    switch (t->kind) {
    case WB_TOKEN_TEXT:
        wb_buf_append(&w->out, t->text, t->len);
        return 0;
    case WB_TOKEN_TITLE:
        wb_buf_printf(&w->out, "%.*s {#step-%d-%s}", (int)t->len, t->text,
                      n, c->step);
        return 0;
    case WB_TOKEN_FIG_REF:
        if (!(k = find_figure(&w->m, t->name)))
            return dangling(w, t, "figure", "chapter's run");
        wb_buf_printf(&w->out, "[Figure %d.%d](#fig-%d-%s)", n, k, n,
                      t->name);
        return 0;
    case WB_TOKEN_STEP_REF:
        if (!t->step)
            return dangling(w, t, "step", "chapter");
        wb_buf_printf(&w->out, "[*%s*](#step-%d-%s)",
                      t->step->title ? t->step->title : t->step->step, n,
                      t->step->step);
        return 0;
    case WB_TOKEN_EQ_REF:
        if (!t->number)
            return dangling(w, t, "equation labelled", "chapter");
        wb_buf_printf(&w->out, "[(%d.%d)](#eq-%d-%s)", n, t->number, n,
                      t->name);
        return 0;
    case WB_TOKEN_EQ_TAG:
        wb_buf_printf(&w->out, "\\tag{%d.%d}$$[]{#eq-%d-%s}", n, t->number,
                      n, t->name);
        return 0;
    case WB_TOKEN_EXERCISES:
        if (weave_exercises(w) != 0)
            return wb_fail("%s:%zu: @exercises: %s", w->source, t->line,
                           wb_error());
        return 0;
    case WB_TOKEN_DIV:
    case WB_TOKEN_DIV_END:
        wb_buf_printf(&w->out, "%.*s\n", (int)t->len, t->text);
        return 0;
    case WB_TOKEN_REGION:
    case WB_TOKEN_LISTING:
        return weave_listing(w, t);
    }
    return 0;
}

/* Tokens [from, to) of chunk c. */
static int weave_tokens(weaver *w, const wb_chunk *c, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (weave_token(w, c, &c->tokens[i]) != 0)
            return -1;
    return 0;
}

/* ---- the exercises ---------------------------------------------------- */

/* The maths of an exercise's goal, text and hint must be the book's: an
 * error names the exercise's file, and the first line of it that holds
 * the first characters of the wrong formula (the text is read from a
 * comment, its lines joined). */
static int check_exercise_math(const weaver *w, const wb_exercise *e)
{
    const char *parts[] = {e->goal, e->text, e->hint};
    for (size_t i = 0; i < 3; i++) {
        size_t at, line = 1;
        if (bad_math(parts[i], &at) == 0)
            continue;
        char *error = wb_strdup(wb_error());
        char *name = wb_asprintf("exercises/%s.c", e->name);
        char *file = name ? wb_path_join(w->root ? w->root : ".", name)
                          : NULL;
        char *text = file ? wb_read_file(file, NULL) : NULL;
        size_t n = strcspn(parts[i] + at, "\n");
        char *head = wb_strndup(parts[i] + at, n < 12 ? n : 12);
        const char *found = text && head ? strstr(text, head) : NULL;
        for (const char *s = text; found && s < found; s++)
            line += *s == '\n';
        wb_fail("%s:%zu: %s", name ? name : e->name, line,
                error ? error : "out of memory");
        free(error);
        free(name);
        free(file);
        free(text);
        free(head);
        return -1;
    }
    return 0;
}

/* One exercise in Markdown. */
static void weave_exercise(weaver *w, const wb_exercise *e)
{
    wb_buf_printf(&w->out, "### Exercise %d.%d: %s {#exercise-%d-%d "
                  ".unnumbered}\n\n%s\n\n", w->number, e->number, e->goal,
                  w->number, e->number, e->text);
    wb_buf_printf(&w->out, "Open `exercises/%s.c`, write your code "
                  "between its markers, then check it:\n\n"
                  "```sh\nmake exercise EX=%s\n```\n\n", e->name, e->name);
    wb_buf_printf(&w->out, "::: {.hint}\n%s\n:::\n\n", e->hint);
}

/* The chapter's exercises, read from ROOT/exercises. */
static int read_exercises(const weaver *w, wb_exercise **list, size_t *n)
{
    char *dir = wb_path_join(w->root ? w->root : ".", "exercises");
    int rc = dir ? wb_exercises_read(dir, w->number, list, n) : -1;
    free(dir);
    return rc;
}

/* An @exercises line: the chapter's exercises. */
static int weave_exercises(weaver *w)
{
    wb_exercise *list;
    size_t n;
    if (read_exercises(w, &list, &n) != 0)
        return -1;
    if (n == 0)
        return wb_fail("there is no exercise of chapter %d in %s/exercises "
                       "(exercises/%02d_K_NAME.c)", w->number,
                       w->root ? w->root : ".", w->number);
    for (size_t i = 0; i < n; i++) {
        if (check_exercise_math(w, &list[i]) != 0) {
            wb_exercises_free(list, n);
            return -1;
        }
        weave_exercise(w, &list[i]);
    }
    wb_exercises_free(list, n);
    w->exercises_woven = true;
    return 0;
}

/* A chapter that has exercises must list them. */
static int check_exercises_woven(weaver *w)
{
    wb_exercise *list;
    size_t n;
    int rc = read_exercises(w, &list, &n);
    if (rc == 0 && n > 0 && !w->exercises_woven)
        rc = wb_fail("%s: exercises/%s.c is an exercise of chapter %d, "
                     "whose exercises section has no line @exercises",
                     w->source, list[0].name, w->number);
    if (rc == 0)
        wb_exercises_free(list, n);
    return rc;
}

/* The step's captured output, as a block of its own. */
static int weave_output(weaver *w, const char *step)
{
    char *file = wb_asprintf("%s.out", step);
    char *path = file ? wb_path_join(w->dir, file) : NULL;
    char *text = path ? wb_read_file(path, NULL) : NULL;
    size_t fence = 3;

    free(file);
    free(path);
    if (!text)
        return -1;
    if (*text) {
        /* A fence longer than any run of backquotes in the output. */
        for (const char *s = text; *s; s++) {
            size_t run = 0;
            while (s[run] == '`')
                run++;
            if (run >= fence)
                fence = run + 1;
            s += run ? run - 1 : 0;
        }
        wb_buf_puts(&w->out, "::: {.output}\n");
        for (size_t i = 0; i < fence; i++)
            wb_buf_puts(&w->out, "`");
        wb_buf_puts(&w->out, "{.output}\n");
        wb_buf_puts(&w->out, text);
        if (text[strlen(text) - 1] != '\n')
            wb_buf_puts(&w->out, "\n");
        for (size_t i = 0; i < fence; i++)
            wb_buf_puts(&w->out, "`");
        wb_buf_puts(&w->out, "\n:::\n\n");
    }
    free(text);
    return 0;
}

/* A caption as the text of a Markdown image: brackets and angle brackets
 * outside $...$ and `code` escaped, so that no caption can end the image's
 * text or open raw HTML (raw TeX is off in the book's build); in code,
 * where a backslash is itself, they need none. */
static void put_caption(wb_buf *b, const char *caption)
{
    bool math = false, code = false;
    for (const char *c = caption; *c; c++) {
        if (*c == '\\' && c[1] && !code) {
            wb_buf_append(b, c, 2);
            c++;
            continue;
        }
        if (*c == '$' && !code)
            math = !math;
        else if (*c == '`' && !math)
            code = !code;
        if (!math && !code && strchr("[]<>", *c))
            wb_buf_puts(b, "\\");
        wb_buf_append(b, c, 1);
    }
}

/* The caption's alt text, as a Markdown attribute value: its maths in
 * Unicode, its `code` without the backquotes that mark it, quotes and
 * backslashes escaped. (The caption's maths were checked before.) */
static void put_alt(wb_buf *b, const char *caption)
{
    wb_buf plain = {0};
    char *text;
    if (wb_mt_unicode(&plain, caption, 0) != 0)
        wb_buf_puts(&plain, caption);
    text = wb_buf_take(&plain);
    if (!text)
        b->failed = true;
    for (const char *c = text ? text : ""; *c; c++) {
        if (*c == '`')
            continue;
        if (*c == '"' || *c == '\\')
            wb_buf_puts(b, "\\");
        wb_buf_append(b, c, 1);
    }
    free(text);
}

/* The line of the chapter that draws figure `name` of step `c`: the first
 * that names it in quotes, or the step's first. */
static size_t figure_line(const wb_chunk *c, const char *name)
{
    char *quoted = wb_asprintf("\"%s\"", name);
    const char *at = quoted ? strstr(c->code, quoted) : NULL;
    size_t line = c->code_line;
    for (const char *s = c->code; at && s < at; s++)
        line += *s == '\n';
    free(quoted);
    return line;
}

static int weave_figures(weaver *w, const wb_chunk *c)
{
    const char *step = c->step;
    for (size_t i = 0; i < w->m.nfigures; i++) {
        const wb_manifest_figure *f = &w->m.figures[i];
        size_t at;
        if (strcmp(f->step, step) != 0)
            continue;
        if (bad_math(f->caption, &at) != 0)
            return wb_fail("%s:%zu: the caption of figure '%s': %s",
                           w->source, figure_line(c, f->name), f->name,
                           wb_error());
        wb_buf_printf(&w->out, "![Figure %d.%zu: ", w->number, i + 1);
        put_caption(&w->out, f->caption);
        wb_buf_printf(&w->out, "](figures/%s/%s){#fig-%d-%s alt=\"Figure "
                      "%d.%zu: ", w->m.slug, f->name, w->number, f->name,
                      w->number, i + 1);
        put_alt(&w->out, f->caption);
        wb_buf_puts(&w->out, "\"}\n\n");
    }
    return 0;
}

static int weave(weaver *w)
{
    /* The book shows the chapter as it is: prose, numbers and figures from
     * one run with the chapter's own settings. */
    for (size_t i = 0; i < w->m.nparams; i++)
        if (w->m.params[i].given)
            return wb_fail("%s/manifest.tsv: the run was made with --%s %s; "
                           "the book is made from a run with the chapter's "
                           "own settings (--book --out %s alone)", w->dir,
                           w->m.params[i].name, w->m.params[i].value, w->dir);
    /* The source must define the steps the run ran, in the same order. */
    if (wb_lit_check_steps(w->lit, (const char *const *)w->m.steps) != 0)
        return -1;

    /* Each chunk: its prose, then its code, then a step's output and its
     * figures. */
    for (size_t i = 0; i < w->lit->nchunks; i++) {
        const wb_chunk *c = &w->lit->chunks[i];
        size_t at;
        if (c->prose && bad_math(c->prose, &at) != 0) {
            size_t line = c->prose_line + 1;
            for (size_t k = 0; k < at; k++)
                line += c->prose[k] == '\n';
            return wb_fail("%s:%zu: %s", w->source, line, wb_error());
        }
        if (weave_tokens(w, c, 0, c->nprose) != 0)
            return -1;
        if (c->prose)
            wb_buf_puts(&w->out, "\n");
        if (weave_tokens(w, c, c->nprose, c->ntokens) != 0)
            return -1;
        if (c->step) {
            if (weave_output(w, c->step) != 0 || weave_figures(w, c) != 0)
                return -1;
        }
    }
    if (check_exercises_woven(w) != 0)
        return -1;
    return w->out.failed ? -1 : 0;
}

static int usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "weave: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (usage: weave --number N --figures DIR [--root DIR] "
            "CHAPTER.c)\n");
    return 2;
}

int main(int argc, char **argv)
{
    weaver w = {.number = 0};
    const char *source = NULL;
    char *md = NULL;
    int status;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool valued = strcmp(arg, "--number") == 0 ||
                      strcmp(arg, "--figures") == 0 ||
                      strcmp(arg, "--root") == 0;
        if (valued && i + 1 >= argc)
            return usage("option '%s' needs a value", arg);
        if (strcmp(arg, "--number") == 0) {
            char *end;
            long n;
            errno = 0;
            n = strtol(argv[++i], &end, 10);
            if (end == argv[i] || *end || errno || n < 1 || n > 99)
                return usage("--number: '%s' is not a chapter number (1 to "
                             "99)", argv[i]);
            w.number = (int)n;
        } else if (strcmp(arg, "--figures") == 0) {
            w.dir = argv[++i];
        } else if (strcmp(arg, "--root") == 0) {
            w.root = argv[++i];
        } else if (arg[0] == '-') {
            return usage("unknown option '%s'", arg);
        } else if (!source) {
            source = arg;
        } else {
            return usage("unexpected argument '%s'", arg);
        }
    }
    if (!source || !w.dir || !w.number)
        return usage("%s", "missing arguments");
    w.source = source;

    w.lit = wb_lit_read(source);
    if (w.lit && wb_manifest_read(&w.m, w.dir) == 0 && weave(&w) == 0 &&
        (md = wb_buf_take(&w.out)) != NULL) {
        /* A full or closed standard output must not pass for success: the
         * book's build would take a cut page for a whole one. */
        errno = 0;
        if (fputs(md, stdout) == EOF || fflush(stdout) != 0 ||
            ferror(stdout))
            status = wb_fail("cannot write the Markdown: %s",
                             strerror(errno ? errno : EIO));
        else
            status = 0;
    } else
        status = -1;
    if (status != 0)
        fprintf(stderr, "weave: %s\n", wb_error());
    free(md);
    wb_buf_free(&w.out);
    wb_lit_free(w.lit);
    wb_manifest_free(&w.m);
    return status == 0 ? 0 : 1;
}
