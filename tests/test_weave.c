/* Tests of the weaver (book/weave.c): a small chapter and its run, written
 * here, woven into Markdown; and every mistake it must refuse. */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"

#define WEAVE WB_BUILD_DIR "/book/weave"

static const char *good_source =
    "/*md\n"
    "# A small chapter\n"
    "\n"
    "It shows @fig:curve, drawn by @step:draw.\n"
    "*/\n"
    "#include \"wb.h\"\n"
    "\n"
    "/*md\n"
    "## Drawing a curve\n"
    "\n"
    "Mail me@example.org; math $a_1$ stays.\n"
    "*/\n"
    "static int draw(wb_run *run)\n"
    "{\n"
    "    return 0;\n"
    "}\n"
    "\n"
    "/*md\n"
    "## Printing\n"
    "*/\n"
    "static int quiet(wb_run *run)\n"
    "{\n"
    "    return 0;\n"
    "}\n";

static const char *good_manifest =
    "# a comment\n"
    "chapter\t03_small\t1\n"
    "step\tdraw\tdraw.out\n"
    "figure\tdraw\tcurve\tA curve, $y = x^2$, on $[0, 1]$ [sic].\n"
    "figure\tdraw\tother\tAnother.\n"
    "step\tquiet\tquiet.out\n";

/* Writes a chapter and its run into a new folder: DIR/ch.c and
 * DIR/figs/{manifest.tsv, draw.out, quiet.out}. */
static char *setup_chapter(const char *source, const char *manifest)
{
    char *dir = test_dir("weave");
    char *figs = wb_path_join(dir, "figs");
    char *path;
    cr_assert_eq(wb_mkdirs(figs), 0);
    path = wb_path_join(dir, "ch.c");
    cr_assert_eq(wb_write_file(path, source, strlen(source)), 0);
    free(path);
    path = wb_path_join(figs, "manifest.tsv");
    cr_assert_eq(wb_write_file(path, manifest, strlen(manifest)), 0);
    free(path);
    path = wb_path_join(figs, "draw.out");
    cr_assert_eq(wb_write_file(path, "x = 1\n```\n", 10), 0);
    free(path);
    path = wb_path_join(figs, "quiet.out");
    cr_assert_eq(wb_write_file(path, "", 0), 0);
    free(path);
    free(figs);
    return dir;
}

static program_result weave(const char *dir)
{
    return run_program(dir, (const char *[]){WEAVE, "--number", "3",
                                             "--figures", "figs", "ch.c",
                                             NULL});
}

Test(weave, a_chapter_becomes_markdown)
{
    char *dir = setup_chapter(good_source, good_manifest);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    const char *expect[] = {
        /* references resolved */
        "It shows [Figure 3.1](#fig-3-curve), drawn by "
        "[*Drawing a curve*](#step-3-draw).\n",
        /* an @ that is not a reference, and math, untouched */
        "Mail me@example.org; math $a_1$ stays.\n",
        /* the step's heading is the target of @step */
        "## Drawing a curve {#step-3-draw}\n",
        /* listings with their place in the file */
        "`ch.c`, lines 6 to 6\n\n```{.c .numberLines startFrom=\"6\"}\n"
        "#include \"wb.h\"\n```\n",
        "`ch.c`, lines 13 to 16\n\n```{.c .numberLines startFrom=\"13\"}\n"
        "static int draw(wb_run *run)\n",
        /* the output, fenced longer than the ``` it contains */
        "::: {.output}\n````{.output}\nx = 1\n```\n````\n:::\n",
        /* the figures, numbered, in the step's place */
        "![Figure 3.1: A curve, $y = x^2$, on $[0, 1]$ \\[sic\\].]"
        "(figures/03_small/curve)"
        "{#fig-3-curve alt=\"Figure 3.1: A curve, y = x², on [0, 1] "
        "[sic].\"}\n",
        "![Figure 3.2: Another.](figures/03_small/other){#fig-3-other "
        "alt=\"Figure 3.2: Another.\"}\n",
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++)
        cr_assert(strstr(r.out, expect[i]), "missing:\n%s\nin:\n%s",
                  expect[i], r.out);
    /* In order: draw's listing, its output, its figures, then quiet. */
    const char *a = strstr(r.out, "static int draw");
    const char *b = strstr(r.out, "x = 1");
    const char *c = strstr(r.out, "![Figure 3.2");
    const char *d = strstr(r.out, "static int quiet");
    cr_assert(a < b && b < c && c < d, "out of order:\n%s", r.out);
    /* A step that printed nothing has no output block. */
    cr_assert_eq(strstr(d, ".output"), NULL, "%s", r.out);
    program_result_free(&r);
}

/* The weaver refuses a chapter: status 1, one line naming the problem. */
static void assert_refused(const char *source, const char *manifest,
                           const char *what)
{
    char *dir = setup_chapter(source, manifest);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 1, "accepted, expected '%s'", what);
    cr_assert_str_eq(r.out, "", "nothing half-written on stdout");
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, what), "expected '%s' in: %s", what, r.err);
    program_result_free(&r);
}

static char *replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    cr_assert(at);
    return wb_asprintf("%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
}

Test(weave, refuses_a_reference_to_a_missing_figure)
{
    char *src = replace(good_source, "@fig:curve", "@fig:curv");
    assert_refused(src, good_manifest, "ch.c:4: @fig:curv: there is no "
                                       "figure 'curv'");
    free(src);
}

Test(weave, refuses_a_reference_to_a_missing_step)
{
    char *src = replace(good_source, "@step:draw", "@step:paint");
    assert_refused(src, good_manifest, "ch.c:4: @step:paint: there is no "
                                       "step 'paint'");
    free(src);
}

/* A listing line wider than the page, 80 columns, fails the book,
 * naming its file and line. */
Test(weave, refuses_a_listing_wider_than_the_page)
{
    char *src = replace(good_source, "    return 0;\n}\n\n/*md\n## Printing",
                        "    return 0; /* a comment that makes this line "
                        "far, far, far wider than the page */\n}\n\n/*md\n## "
                        "Printing");
    assert_refused(src, good_manifest, "ch.c:15: this line is 84 columns "
                                       "wide; the book's listings are at "
                                       "most 80");
    free(src);
    /* 80 columns of UTF-8 are 80, not their bytes */
    src = replace(good_source, "    return 0;\n}\n\n/*md\n## Printing",
                  "    return 0; /* σσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσσ"
                  "σσσσσσσσσσσσσσσσσσσσσ */\n}\n\n/*md\n## Printing");
    char *dir = setup_chapter(src, good_manifest);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    program_result_free(&r);
    free(src);
}

/* Folded lines: a div of their own in the listing, with the summary its
 * marker gives, between the lines shown; the blank lines next to a fold
 * are not shown. */
Test(weave, a_fold_is_a_div_in_its_listing)
{
    char *src = replace(good_source,
                        "static int draw(wb_run *run)\n{\n    return 0;\n}\n",
                        "static int draw(wb_run *run)\n{\n    int x = 1;\n\n"
                        "    /* fold: prints `x` */\n    printf(x);\n\n"
                        "    return 0;\n}\n");
    char *dir = setup_chapter(src, good_manifest);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out,
        "::: {.listing}\n`ch.c`, lines 13 to 21\n\n"
        "```{.c .numberLines startFrom=\"13\"}\n"
        "static int draw(wb_run *run)\n{\n    int x = 1;\n```\n\n"
        "::: {.fold path=\"ch.c\" first=\"17\" last=\"18\"}\n"
        "prints `x`\n\n"
        "```{.c .numberLines startFrom=\"17\"}\n"
        "    /* fold: prints `x` */\n    printf(x);\n```\n:::\n\n"
        "```{.c .numberLines startFrom=\"20\"}\n    return 0;\n}\n```\n"
        ":::\n"), "%s", r.out);
    program_result_free(&r);
    free(src);
}

/* The PDF hands the maths to LaTeX as written: TeX the book's math-text
 * parser does not read fails the book, in the prose, in a fold's summary,
 * in a caption. */
Test(weave, refuses_tex_the_book_does_not_use)
{
    char *src = replace(good_source, "math $a_1$ stays.",
                        "math $a_1$ stays,\nbut not $\\input{/etc/passwd}$.");
    assert_refused(src, good_manifest,
                   "ch.c:12: unknown command \\input in "
                   "'$\\input{/etc/passwd}$'");
    free(src);
    src = replace(good_source, "    return 0;\n}\n\n/*md\n## Printing",
                  "    /* fold: $\\write18{ls}$ */\n    f();\n}\n\n/*md\n"
                  "## Printing");
    assert_refused(src, good_manifest, "ch.c:15: unknown command \\write in");
    free(src);
    src = replace(good_source, "    return 0;\n}\n\n/*md\n## Printing",
                  "    return 0;\n    \"other\";\n}\n\n/*md\n## Printing");
    char *man = replace(good_manifest, "Another.",
                        "Another, $\\input{/etc/passwd}$.");
    assert_refused(src, man, "ch.c:16: the caption of figure 'other': "
                             "unknown command \\input");
    free(man);
    free(src);
}

/* A caption's code is shown as written, its brackets unescaped; its alt
 * text has no backquotes. */
Test(weave, a_caption_keeps_its_code)
{
    char *man = replace(good_manifest, "Another.",
                        "Another: `data[k]` of [both] arrays.");
    char *dir = setup_chapter(good_source, man);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "![Figure 3.2: Another: `data[k]` of \\[both\\] "
                            "arrays.](figures/03_small/other){#fig-3-other "
                            "alt=\"Figure 3.2: Another: data[k] of [both] "
                            "arrays.\"}"), "%s", r.out);
    program_result_free(&r);
    free(man);
}

/* Labelled equations are numbered in order, and a reference, even one
 * that comes first, links to its number; an equation with no label is left
 * alone. */
Test(weave, equations_are_numbered_where_labelled)
{
    char *src = replace(good_source, "Mail me@example.org; math $a_1$ "
                        "stays.\n",
                        "See @eq:second and @eq:first.\n\n"
                        "$$y = x$$ {#eq:first}\n\n$$y = 2x$$\n\n"
                        "$$y = 3x\n  + 1.$$ {#eq:second}\n");
    char *dir = setup_chapter(src, good_manifest);
    program_result r = weave(dir);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *expect[] = {
        "See [(3.2)](#eq-3-second) and [(3.1)](#eq-3-first).\n",
        "$$y = x\\tag{3.1}$$[]{#eq-3-first}\n",
        "\n$$y = 2x$$\n",
        "$$y = 3x\n  + 1.\\tag{3.2}$$[]{#eq-3-second}\n",
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++)
        cr_assert(strstr(r.out, expect[i]), "missing:\n%s\nin:\n%s",
                  expect[i], r.out);
    program_result_free(&r);
    free(src);
}

Test(weave, refuses_a_reference_to_a_missing_equation)
{
    char *src = replace(good_source, "@step:draw", "@step:draw (@eq:none)");
    assert_refused(src, good_manifest, "ch.c:4: @eq:none: there is no "
                                       "equation labelled 'none'");
    free(src);
}

Test(weave, refuses_a_source_that_lacks_a_step_of_the_run)
{
    char *man = wb_asprintf("%sstep\textra\textra.out\n", good_manifest);
    assert_refused(good_source, man, "step 'extra'");
    free(man);
}

Test(weave, refuses_steps_in_another_order)
{
    assert_refused(good_source,
                   "chapter\t03_small\t1\nstep\tquiet\tquiet.out\n"
                   "step\tdraw\tdraw.out\n",
                   "order");
}

Test(weave, refuses_a_broken_manifest)
{
    assert_refused(good_source, "chapter\t03_small\t1\nbogus line\n",
                   "manifest.tsv:2: 'bogus line' is not a kind of line");
}

Test(weave, says_how_to_make_a_missing_run)
{
    char *dir = setup_chapter(good_source, good_manifest);
    program_result r = run_program(dir, (const char *[]){
        WEAVE, "--number", "3", "--figures", "nowhere", "ch.c", NULL});
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "run the chapter with --book --out nowhere"),
              "%s", r.err);
    program_result_free(&r);
}

Test(weave, bad_command_line)
{
    program_result r = run_program(NULL, (const char *[]){WEAVE, "--number",
                                                          "x", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "--number: 'x'"), "%s", r.err);
    program_result_free(&r);
}

/* ---- library code in the book ------------------------------------------ */

static const char *library =
    "/* lib/maths.c */\n"                               /* 1 */
    "#include <math.h>\n"                               /* 2 */
    "\n"                                                /* 3 */
    "/* region square */\n"                             /* 4 */
    "/* x^2 */\n"                                       /* 5 */
    "double square(double x)\n"                         /* 6 */
    "{\n"                                               /* 7 */
    "    return x * x;\n"                               /* 8 */
    "}\n"                                               /* 9 */
    "/* endregion square */\n"                          /* 10 */
    "\n"                                                /* 11 */
    "    /* region cube */\n"                           /* 12 */
    "double cube(double x) { return x * x * x; }\n"     /* 13 */
    "    /* endregion cube */\n";                       /* 14 */

/* The good chapter, whose prose shows region `name` of lib/maths.c, with
 * `lib` as that file. */
static program_result weave_with_library(const char *lib, const char *name)
{
    char *ref = wb_asprintf("Mail me@example.org; math $a_1$ stays.\n\n"
                            "@code:lib/maths.c:%s\n", name);
    char *src = replace(good_source, "Mail me@example.org; math $a_1$ "
                                     "stays.\n", ref);
    char *dir = setup_chapter(src, good_manifest);
    char *libdir = wb_path_join(dir, "lib");
    char *path = wb_path_join(libdir, "maths.c");
    cr_assert_eq(wb_mkdirs(libdir), 0);
    cr_assert_eq(wb_write_file(path, lib, strlen(lib)), 0);
    free(ref);
    free(src);
    free(libdir);
    free(path);
    return weave(dir);
}

Test(weave, shows_a_region_of_library_code)
{
    program_result r = weave_with_library(library, "square");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out,
                     "stays.\n\n::: {.listing}\n`lib/maths.c`, lines 5 to 9\n"
                     "\n```{.c .numberLines startFrom=\"5\"}\n/* x^2 */\n"
                     "double square(double x)\n{\n    return x * x;\n}\n"
                     "```\n:::\n"), "%s", r.out);
    cr_assert_null(strstr(r.out, "region"), "markers are not shown");
    cr_assert_null(strstr(r.out, "@code"), "%s", r.out);
    program_result_free(&r);

    r = weave_with_library(library, "cube");    /* indented markers */
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "`lib/maths.c`, lines 13 to 13\n"), "%s", r.out);
    program_result_free(&r);
}

/* A region that cannot be shown stops the book: one line, naming the
 * problem and its place (the line of the chapter that shows the region, or
 * that of the library when it is too wide). */
static void assert_region_refused(const char *lib, const char *name,
                                  const char *what)
{
    program_result r = weave_with_library(lib, name);
    cr_assert_eq(r.status, 1, "accepted, expected '%s'", what);
    cr_assert_str_eq(r.out, "", "nothing half-written on stdout");
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "ch.c:13: @code:lib/maths.c:") ||
              strstr(r.err, "weave: lib/maths.c:"), "%s", r.err);
    cr_assert(strstr(r.err, what), "expected '%s' in: %s", what, r.err);
    program_result_free(&r);
}

Test(weave, refuses_a_region_that_is_missing_or_badly_marked)
{
    char *unclosed = replace(library, "/* endregion square */\n", "");
    char *twice = replace(library, "region cube */", "region square */");
    char *nested = replace(library, "/* x^2 */", "/* region inner */");
    char *stray = wb_asprintf("%s/* endregion other */\n", library);
    assert_region_refused(library, "circle", "there is no region 'circle'");
    assert_region_refused(unclosed, "square",
                          "lib/maths.c:11: region 'cube' opens inside region "
                          "'square' (line 4)");
    assert_region_refused(twice, "square", "region 'square' is named twice");
    assert_region_refused(nested, "square", "opens inside region 'square'");
    assert_region_refused(stray, "square", "'endregion other' closes no");
    char *open_end = replace(library, "    /* endregion cube */\n", "");
    assert_region_refused(open_end, "square", "region 'cube' is never closed");
    free(open_end);
    free(unclosed);
    free(twice);
    free(nested);
    free(stray);
}

Test(weave, refuses_a_region_path_outside_the_workbook)
{
    char *src = replace(good_source, "Mail me@example.org;",
                        "@code:../etc/passwd:root\n\nMail me@example.org;");
    assert_refused(src, good_manifest, "no leading / and no ..");
    free(src);
    src = replace(good_source, "Mail me@example.org;",
                  "@code:lib/maths.c\n\nMail me@example.org;");
    assert_refused(src, good_manifest, "is not @code:PATH:NAME");
    free(src);
}

/* The book is made from a run with the chapter's own settings: a run made
 * with --w 2 (which the manifest records) is refused. */
Test(weave, refuses_a_run_with_other_settings)
{
    /* the good manifest, after its comment and chapter lines */
    const char *steps = strstr(good_manifest, "step\t");
    char *man = wb_asprintf("chapter\t03_small\t1\nparam\tw\t2\tgiven\n%s",
                            steps);
    assert_refused(good_source, man, "the run was made with --w 2");
    free(man);
}
