/* wb_notebook.c: --step, the notebook in the terminal. See
 * wb_notebook.h. */
#include "wb_notebook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_exercise.h"
#include "wb_lit.h"
#include "wb_pager.h"
#include "wb_rebuild.h"
#include "wb_show.h"
#include "wb_term.h"

/* What the notebook keeps beside the session. */
typedef struct notebook {
    wb_session *s;
    wb_pager pg;
    wb_term_graphics graphics;  /* how figures are drawn */
    int number;                 /* the chapter's, from its slug: 1 for 01_ */
    size_t next_chunk;          /* the first chunk not yet shown */
    size_t figures;             /* how many were drawn before the step */
    size_t step;                /* the step whose text is kept (b) */
    size_t chunks_from, chunks_to;  /* the text between two steps shown */
    bool hold;                  /* the step's output is held back */
    bool ran;                   /* the step has run (its prompt is after) */
    bool again;                 /* the step runs again, at once (r) */
    bool stop;                  /* the reader quit */
} notebook;

/* How figures are drawn: as WB_GRAPHICS says, or as well as the terminal
 * can. */
static wb_term_graphics choose_graphics(void)
{
    static const char *const names[] = {[WB_TERM_NONE] = "none",
                                        [WB_TERM_DUMB] = "dumb",
                                        [WB_TERM_ANSI] = "ansi",
                                        [WB_TERM_SIXEL] = "sixel"};
    const char *want = getenv("WB_GRAPHICS");
    for (size_t g = 0; want && *want && g < sizeof names / sizeof *names; g++)
        if (strcmp(want, names[g]) == 0)
            return (wb_term_graphics)g;
    if (want && *want) {
        char shown[64];
        snprintf(shown, sizeof shown, "%s", want);
        fprintf(stderr, "warning: WB_GRAPHICS=%s is not none, dumb, ansi or "
                "sixel; using text\n", wb_mask_controls(shown));
    }
    if (!wb_pager_colour_allowed())
        return WB_TERM_DUMB;
    return wb_pager_terminal_has_sixel() ? WB_TERM_SIXEL : WB_TERM_ANSI;
}

/* An escape sequence (bold, dim, ...), when the terminal takes them. */
static const char *sgr(const notebook *n, const char *code)
{
    return n->pg.styled ? code : "";
}

/* ---- the chapter's text: the notebook's renderer of its tokens ---------- */

/* The width prose is filled to: the screen's, up to a width that reads
 * well. */
static int prose_width(const notebook *n)
{
    return n->pg.cols - 1 < 88 ? n->pg.cols - 1 : 88;
}

/* The columns before a listing's code: "   12 │ ". */
#define GUTTER 8

/* A fold of a listing, as one line in the place of its lines: what they
 * do (the marker's Markdown, on one line), and where they are. */
static void put_fold(wb_buf *b, const notebook *n, const wb_region *r,
                     const wb_fold *f)
{
    wb_buf text = {0};
    if (wb_term_markdown(&text, f->summary, 10000, 0) != 0 || !text.len) {
        wb_buf_free(&text);
        wb_buf_printf(&text, "%s\n", f->summary);
    }
    const char *path = r->path, *root = n->s->root;
    size_t len = root ? strlen(root) : 0;
    /* the chapter's path, as the book gives it: from the workbook's top */
    if (len && strncmp(path, root, len) == 0 && path[len] == '/')
        path += len + 1;
    while (text.len && (text.data[text.len - 1] == '\n'))
        text.len--;
    char *where = wb_asprintf("(%s, lines %zu to %zu)", path, f->first_line,
                              f->first_line + f->lines - 1);
    /* where the lines are goes on a line of its own, should the screen be
     * too narrow for both */
    bool fits = !n->pg.interactive ||
                8 + wb_term_width(text.data ? text.data : "", text.len) + 1 +
                        strlen(where ? where : "") < (size_t)n->pg.cols;
    wb_buf_printf(b, "%s      ⋯ %.*s%s%s%s\n", sgr(n, "\033[2m"),
                  (int)text.len, text.data ? text.data : "",
                  fits ? " " : "\n        ", where ? where : "",
                  sgr(n, "\033[0m"));
    free(where);
    wb_buf_free(&text);
}

/* The gutter a listing has: the line numbers, on a screen wide enough for
 * them beside a chapter's lines of up to 80 columns (and where there is
 * no screen); none on a narrower one, where they would push 80-column
 * code past its edge. */
static size_t gutter(const notebook *n)
{
    return !n->pg.interactive || n->pg.cols >= 80 + GUTTER ? GUTTER : 0;
}

/* A listing with its line numbers, dim, under the name of its file when
 * it is library code, not the chapter's; each of its folds one line. On a
 * screen narrower than its lines, a line that does not fit goes on on the
 * next, after its indentation and two spaces, rather than at the screen's
 * left edge. */
static void put_listing(wb_buf *b, const notebook *n, const wb_region *r)
{
    const char *line = r->code, *dim = sgr(n, "\033[2m");
    const char *off = sgr(n, "\033[0m");
    size_t first = r->first_line, g = gutter(n), part = 0, nparts;
    size_t width = n->pg.interactive && n->pg.cols > (int)g + 20
                       ? (size_t)n->pg.cols - g - 1
                       : (size_t)-1;
    wb_part *parts = wb_calloc(2 * r->nfolds + 1, sizeof *parts);
    if (!parts) {
        b->failed = true;
        return;
    }
    nparts = wb_listing_parts(parts, r);
    if (r->name)
        wb_buf_printf(b, "%s%s, lines %zu to %zu:%s\n", dim, r->path, first,
                      first + r->lines - 1, off);
    for (size_t i = 0; i < r->lines && *line; i++) {
        size_t len = strcspn(line, "\n"), indent = strspn(line, " ");
        const char *s = line;
        size_t left = len, room = width;
        while (part < nparts &&
               parts[part].first_line + parts[part].lines <= first + i)
            part++;
        if (part == nparts || parts[part].first_line > first + i ||
            parts[part].fold) {
            /* a line not shown: a fold's first shows the fold */
            if (part < nparts && parts[part].fold &&
                parts[part].first_line == first + i)
                put_fold(b, n, r, parts[part].fold);
            line += len + (line[len] == '\n');
            continue;
        }
        if (g)
            wb_buf_printf(b, "%s%5zu │%s ", dim, first + i, off);
        while (wb_term_width(s, left) > room) {
            /* the last space that leaves a line of at most `room` */
            size_t cut = room;
            while (cut > indent + 1 && s[cut] != ' ')
                cut--;
            if (cut <= indent + 1)
                cut = room;
            while (cut > 1 && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--;    /* never in the middle of a character */
            wb_buf_printf(b, "%.*s\n", (int)cut, s);
            if (g)
                wb_buf_printf(b, "%s      │%s ", dim, off);
            wb_buf_printf(b, "%*s", (int)(indent + 2), "");
            s += cut;
            left -= cut;
            while (left > 0 && *s == ' ') {
                s++;
                left--;
            }
            room = room > indent + 2 ? room - indent - 2 : room;
            indent = 0;
        }
        wb_buf_printf(b, "%.*s\n", (int)left, s);
        line += len + (line[len] == '\n');
    }
    free(parts);
}

/* A line across the screen with a title in it, in bold. */
static void put_rule(wb_buf *b, const notebook *n, const char *title)
{
    size_t w = wb_term_width(title, strlen(title)) + 4;
    wb_buf_printf(b, "%s━━ %s ", sgr(n, "\033[1m"), title);
    for (; w < (size_t)prose_width(n); w++)
        wb_buf_puts(b, "━");
    wb_buf_printf(b, "%s\n", sgr(n, "\033[0m"));
}

/* Renders the Markdown gathered in `md` into `b`, then empties `md`. */
static void flush_markdown(wb_buf *b, wb_buf *md, const notebook *n)
{
    if (md->len == 0)
        return;
    if (wb_term_markdown(b, md->data, prose_width(n),
                         n->pg.styled ? WB_TERM_STYLE : 0) != 0)
        wb_buf_printf(b, "(%s)\n", wb_error());
    wb_buf_free(md);
}

/* The chapter's exercises (a prose line @exercises), as the book lists
 * them: each one's goal, what it asks, its file, the command that checks
 * it, and the one that shows its hint, on request. */
static void put_exercises(wb_buf *md, const notebook *n)
{
    wb_exercise *list = NULL;
    size_t count = 0;
    char *dir = n->s->root ? wb_path_join(n->s->root, "exercises") : NULL;
    if (!dir || wb_exercises_read(dir, n->number, &list, &count) != 0) {
        wb_buf_printf(md, "(The exercises cannot be read: %s.)\n\n",
                      wb_error());
        free(dir);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const wb_exercise *e = &list[i];
        wb_buf_printf(md, "### Exercise %d.%d: %s\n\n%s\n\n"
                      "Open `exercises/%s.c`, write your code between its "
                      "markers, then check it:\n\n"
                      "    make exercise EX=%s\n\nStuck? `make hint EX=%s` "
                      "gives a hint.\n\n",
                      e->chapter, e->number, e->goal, e->text, e->name,
                      e->name, e->name);
    }
    wb_exercises_free(list, count);
    free(dir);
}

/* A labelled equation's number as the book writes it, "1.2" (its name
 * when it has none), between `open` and `close`. */
static void put_equation(wb_buf *md, const notebook *n, const wb_token *t,
                         const char *open, const char *close)
{
    if (t->number && n->number)
        wb_buf_printf(md, "%s%d.%d%s", open, n->number, t->number, close);
    else if (t->number)
        wb_buf_printf(md, "%s%d%s", open, t->number, close);
    else
        wb_buf_printf(md, "%s%s%s", open, t->name, close);
}

/* Whether what is appended to the Markdown gathered in `md` starts a
 * sentence: it starts a paragraph, or follows a full stop. */
static bool starts_sentence(const wb_buf *md)
{
    size_t i = md->len;
    while (i > 0 && (md->data[i - 1] == ' ' || md->data[i - 1] == '\n'))
        i--;
    return i == 0 || strchr(".!?", md->data[i - 1]) ||
           (i + 1 < md->len && md->data[i] == '\n' && md->data[i + 1] == '\n');
}

/* One token of the prose, into the Markdown gathered in `md` (or, for a
 * listing, into `b`): a reference in words (@fig:NAME is "figure NAME",
 * "Figure NAME" at the start of a sentence,
 * @step:NAME the step's title in italics, @eq:NAME the equation's number
 * in parentheses, "(1.2)", as in the book), a labelled equation's label
 * the \tag that the terminal shows at its right edge, the library code it
 * shows as a listing (the line as written when that cannot be read), and
 * the chapter's exercises. */
static void put_token(wb_buf *b, wb_buf *md, const notebook *n,
                      const wb_token *t)
{
    wb_region r;
    switch (t->kind) {
    case WB_TOKEN_TEXT:
    case WB_TOKEN_TITLE:
        wb_buf_append(md, t->text, t->len);
        break;
    case WB_TOKEN_FIG_REF:
        wb_buf_printf(md, "%s %s", starts_sentence(md) ? "Figure" : "figure",
                      t->name);
        break;
    case WB_TOKEN_STEP_REF:
        wb_buf_printf(md, "*%s*", t->step && t->step->title ? t->step->title
                                                            : t->name);
        break;
    case WB_TOKEN_EQ_REF:
        put_equation(md, n, t, "(", ")");
        break;
    case WB_TOKEN_EQ_TAG:
        put_equation(md, n, t, "\\tag{", "}$$");
        break;
    case WB_TOKEN_EXERCISES:
        put_exercises(md, n);
        break;
    case WB_TOKEN_DIV:
        /* a hint opens its first paragraph; an answer is put_chunk's */
        if (strcmp(t->name, "hint") == 0)
            wb_buf_printf(md, "%.*s*Hint:*\n", (int)strspn(t->text, " \t"),
                          t->text);
        break;
    case WB_TOKEN_DIV_END:
        break;
    case WB_TOKEN_REGION:
        if (!n->s->root || wb_lit_listing(&r, n->s->lit, t, n->s->root)) {
            wb_buf_printf(md, "%.*s\n", (int)t->len, t->text);
            break;
        }
        flush_markdown(b, md, n);
        wb_buf_puts(b, "\n");
        put_listing(b, n, &r);
        wb_buf_puts(b, "\n");
        wb_region_free(&r);
        break;
    case WB_TOKEN_LISTING:
        if (wb_lit_listing(&r, n->s->lit, t, NULL) == 0) {
            put_listing(b, n, &r);
            wb_buf_puts(b, "\n");
            wb_region_free(&r);
        }
        break;
    }
}

/* The answers gathered from a chunk's prose, `answers` (each "N. TEXT",
 * its lines as indented as the block's fence), after it, under their own
 * heading: the reader meets each question before its answer. */
static void put_answers(wb_buf *b, wb_buf *answers, const notebook *n)
{
    wb_buf md = {0};
    if (answers->len == 0)
        return;
    wb_buf_puts(&md, "### Answers to the questions\n\n");
    wb_buf_append(&md, answers->data, answers->len);
    wb_buf_free(answers);
    flush_markdown(b, &md, n);
    wb_buf_puts(b, "\n");
}

/* A chunk: its prose, then its code, then the answers of its prose. With
 * `banner`, the prose's heading is left out, and the blank lines after it:
 * the step's banner shows its title. */
static void put_chunk(wb_buf *b, const notebook *n, const wb_chunk *c,
                      bool banner)
{
    wb_buf md = {0}, answers = {0}, answer = {0};
    bool after_title = banner && c->nprose > 0 &&
                       c->tokens[0].kind == WB_TOKEN_TITLE;
    bool shown = false, in_answer = false;
    size_t i = after_title ? 1 : 0, indent = 0;
    int question = 0;
    for (; i < c->nprose; i++) {
        wb_token t = c->tokens[i];
        if (after_title && t.kind == WB_TOKEN_TEXT) {
            size_t blank = strspn(t.text, "\n");
            t.text += blank < t.len ? blank : t.len;
            t.len -= blank < t.len ? blank : t.len;
            if (t.len == 0)
                continue;
        }
        after_title = false;
        shown = true;
        if (t.kind == WB_TOKEN_DIV && strcmp(t.name, "answer") == 0) {
            in_answer = true;
            indent = strspn(t.text, " \t");
            question = t.number;
            continue;
        }
        if (in_answer && t.kind == WB_TOKEN_DIV_END) {
            /* the answer, out of its place, as item N of a list: its lines
             * without the fence's indentation */
            bool first = true;
            in_answer = false;
            for (const char *s = answer.data ? answer.data : ""; *s;) {
                size_t len = strcspn(s, "\n"), lead = strspn(s, " \t");
                s += lead < indent ? lead : indent;
                len -= lead < indent ? lead : indent;
                if (first && len > 0)
                    wb_buf_printf(&answers, "%d. ", question);
                else if (len > 0)
                    wb_buf_puts(&answers, "   ");
                first = first && len == 0;
                wb_buf_printf(&answers, "%.*s\n", (int)len, s);
                s += len + (s[len] == '\n');
            }
            wb_buf_puts(&answers, "\n");
            wb_buf_free(&answer);
            continue;
        }
        put_token(b, in_answer ? &answer : &md, n, &t);
    }
    flush_markdown(b, &md, n);
    if (shown)
        wb_buf_puts(b, "\n");
    for (; i < c->ntokens; i++)
        put_token(b, &md, n, &c->tokens[i]);
    put_answers(b, &answers, n);
    wb_buf_free(&answer);
}

/* The chunk of the source that defines step k, or lit->nchunks. */
static size_t step_chunk(const wb_session *s, size_t k)
{
    const wb_lit *lit = s->lit;
    const wb_chunk *c = lit ? wb_lit_find_step(lit, s->run->chapter->steps[k]
                                                         .name)
                            : NULL;
    return c ? (size_t)(c - lit->chunks) : lit ? lit->nchunks : 0;
}

/* The chunks from n->chunks_from to n->chunks_to, for wb_pager_show; a
 * step that --skip leaves out is read, and said not to run. */
static void render_chunks(wb_buf *b, void *ctx)
{
    const notebook *n = ctx;
    const wb_session *s = n->s;
    for (size_t i = n->chunks_from; i < n->chunks_to; i++) {
        put_chunk(b, n, &s->lit->chunks[i], false);
        for (size_t k = 0; s->skipping && k < s->nsteps; k++)
            if (wb_session_skips(s, k) && step_chunk(s, k) == i)
                wb_buf_printf(b, "%s(Step %zu of %zu is left out: --skip.)%s"
                              "\n", sgr(n, "\033[2m"), k + 1, s->nsteps,
                              sgr(n, "\033[0m"));
    }
}

/* Shows the chunks of the source from n->next_chunk up to chunk `end`:
 * the introduction before the first step, the text between two steps, the
 * exercises after the last. Returns 0, or 'q' when the reader closed it. */
static int show_chunks(notebook *n, size_t end)
{
    int rc;
    if (!n->s->lit || n->next_chunk >= end)
        return 0;
    n->chunks_from = n->next_chunk;
    n->chunks_to = n->next_chunk = end;
    rc = wb_pager_show(&n->pg, render_chunks, n);
    return rc == 'q' ? 'q' : 0;
}

/* ---- the steps ---------------------------------------------------------- */

/* Step k's title, as the prose shows it (its math in Unicode). */
static void put_title(wb_buf *b, const wb_session *s, size_t k)
{
    const char *title = wb_lit_title(s->lit, s->run->chapter->steps[k].name);
    if (wb_term_line(b, title, 0) != 0)
        wb_buf_puts(b, title);
}

/* The banner of step n->step: a rule with its number and title. */
static void put_banner(wb_buf *b, const notebook *n)
{
    wb_buf title = {0};
    wb_buf_printf(&title, "Step %zu of %zu: ", n->step + 1, n->s->nsteps);
    put_title(&title, n->s, n->step);
    wb_buf_puts(b, "\n");
    put_rule(b, n, title.data ? title.data : "");
    wb_buf_free(&title);
}

/* The text of step n->step: its banner, prose and code; for
 * wb_pager_keep_block. */
static void render_step(wb_buf *b, void *ctx)
{
    const notebook *n = ctx;
    size_t chunk = step_chunk(n->s, n->step);
    put_banner(b, n);
    wb_buf_puts(b, "\n");
    if (n->s->lit && chunk < n->s->lit->nchunks)
        put_chunk(b, n, &n->s->lit->chunks[chunk], true);
}

/* The keys of the notebook's prompts, and what they do: 'a' runs the rest
 * without stopping, 'q' quits, 'e' edits the chapter at step k, 'b' shows
 * the step's text again, and so does a change of the screen's size before
 * the step has run (after it, the prompt is asked again, for the new
 * width); the other keys are returned. */
static int ask(notebook *n, size_t k, const char *text, const char *keys)
{
    for (;;) {
        int key;
        if (!n->pg.interactive || !n->pg.paging)
            return '\n';
        key = wb_pager_ask(&n->pg, text, keys);
        if (key == 'a')
            n->pg.paging = false;
        if (key == 'q')
            n->stop = true;
        if (key == 'e')
            wb_rebuild(n->s, &n->pg, k);
        else if (key == 'b' || (key == WB_KEY_RESIZE && !n->ran))
            wb_pager_page_again(&n->pg);
        else if (key != WB_KEY_RESIZE)
            return key;
        if (n->stop)
            return 'q';
    }
}

/* Before step k: the text since the last step, then the step's title,
 * prose and code; then the prompt. (Run again with r, the step runs at
 * once.) */
static int before_step(wb_session *s, size_t k, wb_sink *sink)
{
    notebook *n = s->state;
    char prompt[128];
    int key = 0;

    /* On a terminal the notebook holds the step's output back, to page it
     * once the step is done. */
    n->hold = n->pg.interactive && n->pg.paging;
    n->ran = false;
    if (n->again) {
        wb_buf b = {0};
        n->again = false;
        wb_buf_printf(&b, "\n%sStep %zu again: ", sgr(n, "\033[1m"), k + 1);
        put_title(&b, s, k);
        wb_buf_printf(&b, "%s\n", sgr(n, "\033[0m"));
        wb_pager_page(&n->pg, b.data ? b.data : "\n");
        wb_buf_free(&b);
    } else {
        /* q closes the text before the step, its own text too: the
         * prompt is next, and b shows it */
        bool closed = show_chunks(n, step_chunk(s, k)) == 'q';
        n->step = k;
        if (s->lit && step_chunk(s, k) < s->lit->nchunks)
            n->next_chunk = step_chunk(s, k) + 1;
        /* e, at any page of the step's text, edits the chapter there */
        n->pg.edit_key = true;
        if (closed) {
            wb_buf b = {0};
            put_banner(&b, n);
            wb_pager_page(&n->pg, b.data ? b.data : "\n");
            wb_buf_free(&b);
            n->pg.kept = render_step;
            n->pg.kept_ctx = n;
        } else {
            key = wb_pager_keep_block(&n->pg, render_step, n);
        }
        n->pg.edit_key = false;
        if (key == 'e')
            wb_rebuild(s, &n->pg, k);
        snprintf(prompt, sizeof prompt, "[Enter: run step %zu, e: edit, "
                 "b: back, a: run all, q: quit]", k + 1);
        if (n->stop || ask(n, k, prompt, "\neabq") == 'q')
            return 1;
    }
    n->figures = s->run->out.nfigures;
    if (n->hold)
        *sink = WB_SINK_HELD;
    return 0;
}

/* A figure's caption, Markdown with math, after its name. */
static void put_caption(wb_buf *b, const notebook *n,
                        const wb_output_figure *f, const char *path)
{
    char *md = wb_asprintf("**Figure %s.** %s `%s`", f->name,
                           f->caption ? f->caption : "", path);
    if (!md || wb_term_markdown(b, md, prose_width(n),
                                n->pg.styled ? WB_TERM_STYLE : 0) != 0)
        wb_buf_printf(b, "Figure %s: %s\n", f->name, path);
    free(md);
}

/* Whether a line of a text plot shows nothing: spaces, and in colour
 * escape sequences. */
static bool shows_nothing(const char *line, size_t n)
{
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\033')) {
        if (line[k] == '\033')    /* ESC [ ... m */
            k += strcspn(line + k, "m");
        k++;
    }
    return k >= n;
}

/* A text plot without the empty lines it starts and ends with, and with
 * its colours reset. */
static void trim_empty_lines(wb_buf *fig, const notebook *n)
{
    size_t start = fig->len, end = 0;
    for (size_t i = 0; i < fig->len;) {
        size_t len = strcspn(fig->data + i, "\n");
        if (!shows_nothing(fig->data + i, len)) {
            start = start < i ? start : i;
            end = i + len;
        }
        i += len + 1;
    }
    if (end <= start) {
        wb_buf_free(fig);
        return;
    }
    memmove(fig->data, fig->data + start, end - start);
    fig->len = end - start;
    fig->data[fig->len] = '\0';
    wb_buf_printf(fig, "%s\n", sgr(n, "\033[0m"));
}

/* After a step: its figures in the terminal. Stops at the first that
 * cannot be written: standard output is then broken, and the end of the
 * run says so, once. */
static void show_figures(notebook *n, const wb_run *run, size_t first)
{
    wb_pager_resize(&n->pg);
    bool closed = false;
    for (size_t i = first; i < run->out.nfigures && !closed &&
                           !ferror(stdout); i++) {
        const wb_output_figure *f = &run->out.figures[i];
        char *file = wb_asprintf("%s.png", f->name);
        char *path = file ? wb_path_join(run->out.dir, file) : NULL;
        int cols = n->pg.cols > 120 ? 120 : n->pg.cols - 1;
        int rows = n->pg.rows > 40 ? 34 : n->pg.rows - 6;
        wb_buf b = {0}, fig = {0};
        int rc = 0;

        wb_buf_puts(&b, "\n");
        put_caption(&b, n, f, path ? path : f->name);
        free(file);
        free(path);
        if (n->graphics != WB_TERM_NONE &&
            wb_figure_term(&fig, run->out.dir, f->name, n->graphics, cols,
                           rows) != 0)
            wb_buf_printf(&b, "(cannot show figure %s: %s)\n", f->name,
                          wb_error());
        /* the caption right above, so that the two stay on one page */
        if (n->graphics != WB_TERM_SIXEL)
            trim_empty_lines(&fig, n);
        if (n->graphics == WB_TERM_SIXEL && fig.len > 0) {
            rc = wb_pager_page(&n->pg, b.data);
            if (rc == 0)
                rc = wb_pager_page_image(&n->pg, fig.data, fig.len, rows);
        } else {
            wb_buf_append(&b, fig.data ? fig.data : "", fig.len);
            rc = wb_pager_page(&n->pg, b.data ? b.data : "");
        }
        closed = rc == 'q';
        wb_buf_free(&b);
        wb_buf_free(&fig);
    }
    fflush(stdout);
}

/* After step k: the figures it drew, in place; then what it printed, held
 * back while it ran, and its figures in the terminal; then the prompt,
 * unless it was the last. */
static int after_step(wb_session *s, size_t k, int status, const char *held)
{
    notebook *n = s->state;
    bool last, closed = false;
    if (status == 0)
        status = wb_output_wait(&s->run->out);
    if (status != 0)
        return status;
    n->ran = true;
    if (*held) {
        size_t len = strlen(held);
        char *text = held[len - 1] == '\n' ? NULL
                                           : wb_asprintf("%s\n", held);
        closed = wb_pager_page(&n->pg, "\n") == 'q' ||
                 wb_pager_page(&n->pg, text ? text : held) == 'q';
        free(text);
    }
    /* q at a page of the output closes the figures too */
    if (!closed)
        show_figures(n, s->run, n->figures);
    last = k + 1 >= s->last &&
           (s->only || !s->lit || n->next_chunk >= s->lit->nchunks);
    if (!last && ask(n, k, "[Enter: next step, r: run again, b: back, "
                     "e: edit, a: run all, q: quit]", "\nrbeaq") == 'r') {
        n->again = true;
        return WB_MODE_AGAIN;
    }
    return n->stop ? 1 : 0;
}

/* ---- the notebook, from its beginning to its end ----------------------- */

static int begin(wb_session *s)
{
    notebook *n = wb_calloc(1, sizeof *n);
    if (!n)
        return -1;
    s->state = n;
    n->s = s;
    if (!s->lit)
        fprintf(stderr, "%s: warning: no prose: %s\n", s->run->chapter->slug,
                s->no_source);
    wb_pager_init(&n->pg);
    n->number = atoi(s->run->chapter->slug);
    /* Started part-way, the notebook shows nothing before its first
     * step. */
    n->next_chunk = s->only || s->from ? step_chunk(s, s->first) : 0;
    n->graphics = choose_graphics();
    return 0;
}

/* The text after the last step, the exercises; and the end. */
static int end(wb_session *s)
{
    notebook *n = s->state;
    wb_buf b = {0};
    if (s->only || show_chunks(n, s->lit ? s->lit->nchunks : 0) == 'q')
        return 0;
    wb_buf_puts(&b, "\n");
    put_rule(&b, n, "The end of the chapter");
    wb_buf_printf(&b, "--list shows its steps; --from STEP starts at one of "
                      "them.\n");
    wb_pager_page(&n->pg, b.data ? b.data : "");
    wb_buf_free(&b);
    return 0;
}

static void free_notebook(wb_session *s)
{
    notebook *n = s->state;
    if (!n)
        return;
    wb_pager_free(&n->pg);
    free(n);
    s->state = NULL;
}

const wb_mode wb_notebook_mode = {
    .option = "step", .progress = true, .begin = begin,
    .before = before_step, .after = after_step, .end = end,
    .free = free_notebook};
