/* The weaver (book/weave.c) and the notebook (--step) render the same
 * tokens (wb_lit.h). Fed the same chapter, a small one written here that
 * uses every directive and each real chapter, they must find the same
 * things: every reference resolved to the same figure, step or equation,
 * every equation numbered alike, every listing of the same lines, the same
 * exercises, in the order of the source, the same folds, each
 * in the place of its lines. The test reads the chapter's
 * tokens and looks for each one in what both renderers wrote, as each
 * writes it; and the weaver wrote nothing more. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "wb.h"

#define WEAVE WB_BUILD_DIR "/book/weave"

/* ---- what each renderer shows of each token ----------------------------- */

/* s with every run of spaces and newlines made one space, as the notebook
 * fills its prose to the terminal's width (a title may break), and its
 * typographic quotes and dashes (the notebook's, as the book's) made plain
 * again. */
static char *squeeze(const char *s)
{
    static const char *const plain[][2] = {
        {"’", "'"}, {"‘", "'"}, {"“", "\""}, {"”", "\""}, {"—", "-"},
        {"–", "-"}, {"---", "-"}, {"--", "-"}};
    wb_buf b = {0};
    for (size_t k; *s; s++) {
        for (k = 0; k < sizeof plain / sizeof *plain; k++)
            if (strncmp(s, plain[k][0], strlen(plain[k][0])) == 0)
                break;
        if (k < sizeof plain / sizeof *plain) {
            wb_buf_puts(&b, plain[k][1]);
            s += strlen(plain[k][0]) - 1;
        } else if (*s != ' ' && *s != '\n') {
            wb_buf_append(&b, s, 1);
        } else if (b.len > 0 && b.data[b.len - 1] != ' ') {
            wb_buf_puts(&b, " ");
        }
    }
    char *t = wb_buf_take(&b);
    cr_assert(t);
    return t;
}

/* A step's title as the notebook shows it: its math in Unicode (the
 * text is the helper's, until the next call). */
static const char *shown_title(const char *title)
{
    static wb_buf b;
    wb_buf_free(&b);
    cr_assert_eq(wb_term_line(&b, title, 0), 0, "%s", wb_error());
    cr_assert(b.data);
    return b.data;
}

/* `want` is in `text` after *at; *at then moves past it. */
static void expect(const char **at, const char *want, const char *who,
                   const char *source)
{
    const char *found = strstr(*at, want);
    cr_assert(found, "%s: %s lacks, after what it showed before, '%s'\n"
              "it shows, from there:\n%.600s", source, who, want, *at);
    *at = found + strlen(want);
}

static size_t count(const char *text, const char *what)
{
    size_t n = 0;
    for (const char *s = strstr(text, what); s; s = strstr(s + 1, what))
        n++;
    return n;
}

/* Lines [first, first + n) of listing r, as a string. */
static char *lines_of(const wb_region *r, size_t first, size_t n)
{
    const char *s = r->code, *e;
    for (size_t i = r->first_line; i < first; i++)
        s += strcspn(s, "\n") + 1;
    e = s;
    for (size_t i = 0; i < n; i++)
        e += strcspn(e, "\n") + 1;
    return wb_strndup(s, (size_t)(e - s));
}

/* A listing, after *w in the book and *t in the notebook (squeezed): in
 * the book its origin, then each part, lines shown or a fold (its summary,
 * file, lines, and the lines it folds), as the weaver writes them; in the
 * notebook, each part in order: the first and last line shown with their
 * numbers, a fold as one line (its summary, file and lines), not its
 * lines. */
static void expect_listing(const char **w, const char **t, const wb_lit *lit,
                           const wb_token *tk, const char *root,
                           const char *source)
{
    wb_region r;
    wb_part parts[64];
    cr_assert_eq(wb_lit_listing(&r, lit, tk, root), 0, "%s", wb_error());
    cr_assert_leq(2 * r.nfolds + 1, 64);
    size_t n = wb_listing_parts(parts, &r);
    /* the path as the book shows it: from the workbook's top */
    const char *path = r.path;
    if (strncmp(path, root, strlen(root)) == 0 && path[strlen(root)] == '/')
        path += strlen(root) + 1;
    wb_buf md = {0};
    wb_buf_printf(&md, "`%s`, lines %zu to %zu\n\n", r.path, r.first_line,
                  r.first_line + r.lines - 1);
    if (r.name) {
        char *b = wb_asprintf("%s, lines %zu to %zu:", r.path, r.first_line,
                              r.first_line + r.lines - 1);
        char *sb = squeeze(b);
        expect(t, sb, "the notebook", source);
        free(b);
        free(sb);
    }
    for (size_t i = 0; i < n; i++) {
        const wb_part *p = &parts[i];
        size_t last = p->first_line + p->lines - 1;
        char *code = lines_of(&r, p->first_line, p->lines);
        if (i > 0)
            wb_buf_puts(&md, "\n");
        if (p->fold)
            wb_buf_printf(&md, "::: {.fold path=\"%s\" first=\"%zu\" "
                          "last=\"%zu\"}\n%s\n\n", r.path, p->first_line,
                          last, p->fold->summary);
        wb_buf_printf(&md, "```{.c .numberLines startFrom=\"%zu\"}\n%s```\n",
                      p->first_line, code);
        if (p->fold) {
            wb_buf_puts(&md, ":::\n");
            wb_buf summary = {0};
            cr_assert_eq(wb_term_markdown(&summary, p->fold->summary, 10000,
                                          0), 0, "%s", wb_error());
            summary.data[strcspn(summary.data, "\n")] = '\0';
            char *b = wb_asprintf("⋯ %s (%s, lines %zu to %zu)",
                                  summary.data, path, p->first_line, last);
            char *sb = squeeze(b);
            expect(t, sb, "the notebook", source);
            free(b);
            free(sb);
            wb_buf_free(&summary);
        } else {
            for (size_t k = 0; k < (p->lines > 1 ? 2 : 1); k++) {
                size_t at = k ? last : p->first_line;
                char *line = lines_of(&r, at, 1);
                line[strcspn(line, "\n")] = '\0';
                char *b = wb_asprintf("%zu │ %s", at, line);
                char *sb = squeeze(b);
                expect(t, sb, "the notebook", source);
                free(line);
                free(b);
                free(sb);
            }
        }
        free(code);
    }
    char *a = wb_buf_take(&md);
    cr_assert(a);
    expect(w, a, "the book", source);
    free(a);
    wb_region_free(&r);
}

/* What the weaver (md) and the notebook (nb) show of the chapter at
 * `source`, number n, its run's figures `figures` and its workbook at
 * `root`: each token of it, in order. */
static void assert_agree(const char *source, int n, const char *root,
                         char **figures, const char *md, const char *nb)
{
    wb_lit *lit = wb_lit_read(source);
    char *plain = squeeze(nb);
    const char *w = md, *t = plain;
    size_t steps = 0, step = 0, links = 0, tags = 0, listings = 0;
    size_t answers = 0;
    bool in_answer = false;     /* the notebook shows it after the chunk */
    cr_assert(lit, "%s", wb_error());
    for (size_t i = 0; i < lit->nchunks; i++)
        steps += lit->chunks[i].step != NULL;
    for (size_t i = 0; i < lit->nchunks; i++) {
        const wb_chunk *c = &lit->chunks[i];
        for (size_t j = 0; j < c->ntokens; j++) {
            const wb_token *tk = &c->tokens[j];
            char *a = NULL, *b = NULL;
            int k = 0;
            switch (tk->kind) {
            case WB_TOKEN_TEXT:
                break;
            case WB_TOKEN_TITLE:
                a = wb_asprintf("%.*s {#step-%d-%s}\n", (int)tk->len,
                                tk->text, n, c->step);
                b = wb_asprintf("Step %zu of %zu: %s", ++step, steps,
                                shown_title(c->title));
                break;
            case WB_TOKEN_FIG_REF:
                while (figures[k] && strcmp(figures[k], tk->name) != 0)
                    k++;
                cr_assert(figures[k], "%s: no figure %s", source, tk->name);
                a = wb_asprintf("[Figure %d.%d](#fig-%d-%s)", n, k + 1, n,
                                tk->name);
                /* "figure NAME", or "Figure NAME" to start a sentence */
                b = wb_asprintf("igure %s", tk->name);
                links++;
                break;
            case WB_TOKEN_STEP_REF:
                cr_assert(tk->step, "%s: no step %s", source, tk->name);
                a = wb_asprintf("[*%s*](#step-%d-%s)", tk->step->title, n,
                                tk->name);
                b = wb_strdup(shown_title(tk->step->title));
                links++;
                break;
            case WB_TOKEN_EQ_REF:
            case WB_TOKEN_EQ_TAG:
                cr_assert(tk->number, "%s: no equation %s", source,
                          tk->name);
                a = tk->kind == WB_TOKEN_EQ_REF
                        ? wb_asprintf("[(%d.%d)](#eq-%d-%s)", n, tk->number,
                                      n, tk->name)
                        : wb_asprintf("\\tag{%d.%d}$$[]{#eq-%d-%s}", n,
                                      tk->number, n, tk->name);
                b = wb_asprintf("(%d.%d)", n, tk->number);
                *(tk->kind == WB_TOKEN_EQ_REF ? &links : &tags) += 1;
                break;
            case WB_TOKEN_DIV:
            case WB_TOKEN_DIV_END:
                /* the book keeps the fence; the notebook shows a hint
                 * where it stands, and an answer after its chunk */
                a = wb_asprintf("%.*s\n", (int)tk->len, tk->text);
                if (tk->kind == WB_TOKEN_DIV && strcmp(tk->name, "hint") == 0)
                    b = wb_strdup("Hint:");
                if (tk->kind == WB_TOKEN_DIV &&
                    strcmp(tk->name, "answer") == 0) {
                    answers++;
                    in_answer = true;
                } else if (tk->kind == WB_TOKEN_DIV_END) {
                    in_answer = false;
                }
                break;
            case WB_TOKEN_REGION:
            case WB_TOKEN_LISTING:
                expect_listing(&w, &t, lit, tk, root, source);
                listings++;
                break;
            case WB_TOKEN_EXERCISES: {
                wb_exercise *list;
                size_t m;
                char *dir = wb_path_join(root, "exercises");
                cr_assert_eq(wb_exercises_read(dir, n, &list, &m), 0);
                cr_assert_gt(m, 0, "%s: @exercises, and none", source);
                for (size_t e = 0; e < m; e++) {
                    char *ea = wb_asprintf("### Exercise %d.%d: %s "
                                           "{#exercise-%d-%d", n,
                                           list[e].number, list[e].goal, n,
                                           list[e].number);
                    char *eb = wb_asprintf("Exercise %d.%d: %s", n,
                                           list[e].number, list[e].goal);
                    char *sb = squeeze(eb);
                    expect(&w, ea, "the book", source);
                    expect(&t, sb, "the notebook", source);
                    free(ea);
                    free(eb);
                    free(sb);
                }
                wb_exercises_free(list, m);
                free(dir);
                break;
            }
            }
            if (a)
                expect(&w, a, "the book", source);
            if (b && !in_answer) {
                char *sb = squeeze(b);
                expect(&t, sb, "the notebook", source);
                free(sb);
            }
            free(a);
            free(b);
        }
    }
    /* the notebook shows the answers, each chunk's after it */
    cr_assert_eq(count(nb, "Answers to the questions") > 0, answers > 0,
                 "%s: %zu answers", source, answers);
    /* and the book has no other link, number or listing */
    cr_assert_eq(count(md, "](#fig-") + count(md, "](#step-") +
                     count(md, "](#eq-"), links, "%s: links", source);
    cr_assert_eq(count(md, "\\tag{"), tags, "%s: numbered equations", source);
    cr_assert_eq(count(md, "::: {.listing}"), listings, "%s: listings",
                 source);
    cr_assert_eq(count(md, "](#step-"), count(md, "[*"), "%s", source);
    free(plain);
    wb_lit_free(lit);
}

/* ---- a chapter written for the test ------------------------------------- */

static const char *fixture_source =
    "/*md\n"
    "# A fixture chapter\n"
    "\n"
    "It draws @fig:curve in @step:draw, and numbers @eq:square before\n"
    "it shows it.\n"
    "*/\n"
    "#include \"wb.h\"\n"
    "\n"
    "/*md\n"
    "## Drawing a curve\n"
    "\n"
    "$$y = x^2$$ {#eq:square}\n"
    "\n"
    "The same, as code:\n"
    "\n"
    "@code:lib/maths.c:square\n"
    "\n"
    "and its slope, which @step:report prints:\n"
    "\n"
    "$$y' = 2x.$$ {#eq:slope}\n"
    "*/\n"
    "static int draw(wb_run *run)\n"
    "{\n"
    "    int rc = wb_diagram_neuron(&run->out, \"curve\", \"A curve.\");\n"
    "\n"
    "    /* fold: checks `rc`, as $x^2$ would */\n"
    "    if (rc != 0)\n"
    "        rc = -1; /* folded away */\n"
    "    return rc;\n"
    "}\n"
    "\n"
    "/*md\n"
    "## Reporting\n"
    "\n"
    "Equation @eq:slope, below @fig:curve.\n"
    "*/\n"
    "static int report(wb_run *run)\n"
    "{\n"
    "    printf(\"slope 2\\n\");\n"
    "}\n"
    "\n"
    "/*md\n"
    "## Exercises\n"
    "\n"
    "1. What is $y$ at $x = 3$?\n"
    "\n"
    "   ::: {.hint}\n"
    "   Square it.\n"
    "   :::\n"
    "\n"
    "   ::: {.answer question=\"1\"}\n"
    "   Nine, $3^2$.\n"
    "\n"
    "   Or $9$.\n"
    "   :::\n"
    "\n"
    "@exercises\n"
    "*/\n";

static const char *fixture_library =
    "#include <math.h>\n"
    "/* region square */\n"
    "double square(double x)\n"
    "{\n"
    "    return x * x;\n"
    "}\n"
    "/* endregion square */\n";

static const char *fixture_exercise =
    "/* Chapter: 7\n"
    " * Goal: Square a number\n"
    " *\n"
    " * Write `square`.\n"
    " *\n"
    " * Hint: x times x.\n"
    " */\n";

static int draw(wb_run *run)
{
    return wb_diagram_neuron(&run->out, "curve", "A curve.");
}

static int report(wb_run *run)
{
    (void)run;
    printf("slope 2\n");
    return 0;
}

static const wb_step fixture_steps[] = {WB_STEP(draw), WB_STEP(report),
                                        {0}};

/* Writes `text` to DIR/NAME, making its folder. */
static void write_in(const char *dir, const char *name, const char *text)
{
    char *path = wb_path_join(dir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    cr_assert_eq(wb_mkdirs(path), 0);
    *slash = '/';
    cr_assert_eq(wb_write_file(path, text, strlen(text)), 0);
    free(path);
}

/* wb_main(argv) with standard input from /dev/null (never a terminal) and
 * its standard output returned. */
static char *run_fixture(const wb_chapter *ch, const char *dir,
                         const char *const *argv, int argc)
{
    char *path = wb_path_join(dir, "stdout");
    int out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int in = open("/dev/null", O_RDONLY);
    int so = dup(1), si = dup(0);
    cr_assert(out >= 0 && in >= 0 && so >= 0 && si >= 0);
    fflush(stdout);
    dup2(out, 1);
    dup2(in, 0);
    int status = wb_main(ch, argc, (char **)argv);
    fflush(stdout);
    dup2(so, 1);
    dup2(si, 0);
    close(out);
    close(in);
    close(so);
    close(si);
    cr_assert_eq(status, 0, "%s failed", argv[1]);
    char *text = wb_read_file(path, NULL);
    cr_assert(text);
    free(path);
    return text;
}

Test(renderers, agree_on_a_chapter_with_every_directive)
{
    char *dir = test_dir("renderers");
    char *source = wb_path_join(dir, "chapters/07_fixture.c");
    char *book = wb_path_join(dir, "book");
    char *nbout = wb_path_join(dir, "nb");
    write_in(dir, "chapters/07_fixture.c", fixture_source);
    write_in(dir, "lib/maths.c", fixture_library);
    write_in(dir, "exercises/07_1_square.c", fixture_exercise);
    wb_chapter ch = {.slug = "07_fixture", .source = source,
                     .summary = "A fixture.", .steps = fixture_steps};
    setenv("NO_COLOR", "1", 1);
    setenv("WB_GRAPHICS", "none", 1);

    char *nb = run_fixture(&ch, dir, (const char *[]){"07_fixture", "--step",
                                                      "--out", nbout, NULL},
                           4);
    free(run_fixture(&ch, dir, (const char *[]){"07_fixture", "--book",
                                                "--out", book, NULL},
                     4));
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "7", "--figures", book,
                               "--root", dir, source, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    char **figures = manifest_figures(book);
    assert_agree(source, 7, dir, figures, r.out, nb);
    /* what the test relies on: every kind of token is there */
    cr_assert(strstr(r.out, "[Figure 7.1](#fig-7-curve)"), "%s", r.out);
    cr_assert(strstr(r.out, "[*Reporting*](#step-7-report)"), "%s", r.out);
    cr_assert(strstr(nb, "(7.2)"), "%s", nb);
    cr_assert(strstr(nb, "lib/maths.c, lines 3 to 6:"), "%s", nb);
    cr_assert(strstr(nb, "Exercise 7.1: Square a number"), "%s", nb);
    cr_assert(strstr(nb, "⋯ checks rc, as x² would (chapters/07_fixture.c, "
                         "lines 26 to 29)"), "%s", nb);
    cr_assert(strstr(r.out, "::: {.fold"), "%s", r.out);
    cr_assert(strstr(r.out, "/* folded away */"), "%s", r.out);
    cr_assert_null(strstr(nb, "folded away"), "%s", nb);
    /* a hint where it stands; the answer after the exercises, as item 1 */
    const char *hint = strstr(nb, "Hint: Square it.");
    const char *ex = strstr(nb, "Exercise 7.1");
    const char *answer = strstr(nb, "Answers to the questions");
    cr_assert(hint && ex && answer && hint < ex && ex < answer, "%s", nb);
    cr_assert(strstr(answer, "1. Nine, 3².\n\n   Or 9."), "%s", answer);
    cr_assert(strstr(r.out, "   ::: {.answer question=\"1\"}\n   Nine, "),
              "%s", r.out);
    free_names(figures);
    program_result_free(&r);
    free(nb);
    free(source);
    free(book);
    free(nbout);
}

/* ---- the chapters ------------------------------------------------------- */

/* Each chapter (chapters/NN_*.c, so that a new one is covered too), run
 * with --step and in book mode, then woven. */
Test(renderers, agree_on_every_chapter)
{
    glob_t g;
    cr_assert_eq(glob(WB_SOURCE_DIR "/chapters/[0-9][0-9]_*.c", 0, NULL, &g),
                 0);
    setenv("NO_COLOR", "1", 1);
    setenv("WB_GRAPHICS", "none", 1);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        const char *source = g.gl_pathv[i];
        char *slug = wb_strndup(strrchr(source, '/') + 1,
                                strlen(strrchr(source, '/') + 1) - 2);
        char *program = wb_asprintf("%s/chapters/%s", WB_BUILD_DIR, slug);
        char *out = wb_path_join(test_dir("renderers-nb"), slug);
        char number[8];
        snprintf(number, sizeof number, "%d", atoi(slug));
        program_result nb = run_program(
            NULL, (const char *[]){program, "--step", "--out", out, NULL});
        cr_assert_eq(nb.status, 0, "%s", nb.err);
        char *book = chapter_book_run(program, NULL);
        program_result md = run_program(
            NULL, (const char *[]){WEAVE, "--number", number, "--figures",
                                   book, "--root", WB_SOURCE_DIR, source,
                                   NULL});
        cr_assert_eq(md.status, 0, "%s", md.err);
        char **figures = manifest_figures(book);
        assert_agree(source, atoi(slug), WB_SOURCE_DIR, figures, md.out,
                     nb.out);
        free_names(figures);
        program_result_free(&nb);
        program_result_free(&md);
        free(program);
        free(out);
        free(slug);
    }
    cr_assert_geq(g.gl_pathc, 5, "only %zu chapters", g.gl_pathc);
    globfree(&g);
}
