/* Tests of wb_lit: reading a literate chapter into prose and code. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_lit.h"

static const char *chapter =
    "/*md\n"
    "# The title\n"
    "\n"
    "Intro with $x$.\n"
    "*/\n"
    "\n"
    "#include \"wb.h\"\n"
    "\n"
    "/*md\n"
    "  ## First step\n"
    "\n"
    "  Indented prose is dedented.\n"
    "    A deeper line keeps its extra indent.\n"
    "*/\n"
    "static int helper(int x);\n"
    "static int first(wb_run *run)\n"
    "{\n"
    "    return 0;\n"
    "}\n"
    "\n"
    "\n"
    "/*md\n"
    "## Second step ##\n"
    "*/\n"
    "static int second(wb_run *run) /* a comment */\n"
    "{\n"
    "    return 0;\n"
    "}\n"
    "/*md\n"
    "## Closing words\n"
    "*/\n";

Test(lit, splits_into_chunks)
{
    wb_lit *lit = wb_lit_parse(chapter, "ch.c");
    cr_assert(lit, "%s", wb_error());
    cr_assert_eq(lit->nchunks, 4);

    const wb_chunk *c = &lit->chunks[0];
    cr_assert_str_eq(c->title, "The title");
    cr_assert_eq(c->level, 1);
    cr_assert_eq(c->prose_line, 1);
    cr_assert_str_eq(c->prose, "# The title\n\nIntro with $x$.\n");
    cr_assert_str_eq(c->code, "#include \"wb.h\"\n");
    cr_assert_eq(c->code_line, 7);
    cr_assert_eq(c->code_lines, 1);
    cr_assert_null(c->step);

    c = &lit->chunks[1];
    cr_assert_str_eq(c->title, "First step");
    cr_assert_eq(c->level, 2);
    cr_assert_str_eq(c->prose, "## First step\n\nIndented prose is dedented."
                               "\n  A deeper line keeps its extra indent.\n");
    cr_assert_str_eq(c->step, "first", "a prototype is not a step");
    cr_assert_eq(c->code_line, 15);
    cr_assert_eq(c->code_lines, 5, "trailing blank lines are dropped");

    c = &lit->chunks[2];
    cr_assert_str_eq(c->title, "Second step", "closing #s are dropped");
    cr_assert_str_eq(c->step, "second");
    cr_assert_eq(c->code_line, 25);

    c = &lit->chunks[3];
    cr_assert_str_eq(c->title, "Closing words");
    cr_assert_str_eq(c->code, "");
    cr_assert_eq(c->code_lines, 0);
    cr_assert_null(c->step);

    cr_assert_eq(wb_lit_find_step(lit, "second"), &lit->chunks[2]);
    cr_assert_null(wb_lit_find_step(lit, "third"));
    wb_lit_free(lit);
}

Test(lit, code_before_any_prose_is_a_chunk_of_its_own)
{
    wb_lit *lit = wb_lit_parse("int x;\n/*md\nHi\n*/\nint y;\n", "a.c");
    cr_assert(lit);
    cr_assert_eq(lit->nchunks, 2);
    cr_assert_null(lit->chunks[0].prose);
    cr_assert_str_eq(lit->chunks[0].code, "int x;\n");
    cr_assert_null(lit->chunks[1].title, "prose without a heading");
    wb_lit_free(lit);
}

Test(lit, unterminated_prose_is_an_error_with_its_line)
{
    cr_assert_null(wb_lit_parse("int x;\n\n/*md\n# T\nno end\n", "a.c"));
    cr_assert(strstr(wb_error(), "a.c:3:"), "%s", wb_error());
}

Test(lit, two_steps_after_one_prose_block_is_an_error)
{
    cr_assert_null(wb_lit_parse("/*md\n## A\n*/\n"
                                "static int a(wb_run *run) { return 0; }\n"
                                "static int b(wb_run *run) { return 0; }\n",
                                "a.c"));
    cr_assert(strstr(wb_error(), "a.c:5:"), "%s", wb_error());
    cr_assert(strstr(wb_error(), "'b'"), "%s", wb_error());
}

/* A step is a function of the run alone: the --json callback, a function
 * of the run and a file, is not one, nor is a helper of the run and more. */
Test(lit, a_function_of_the_run_and_more_is_not_a_step)
{
    wb_lit *lit = wb_lit_parse("/*md\n## A\n*/\n"
                               "static int a(wb_run *run) { return 0; }\n"
                               "static int json(wb_run *run, FILE *out)\n"
                               "{\n    return 0;\n}\n"
                               "static int grid(wb_run *run, size_t m)\n{}\n",
                               "a.c");
    cr_assert(lit, "%s", wb_error());
    cr_assert_eq(lit->nchunks, 1);
    cr_assert_str_eq(lit->chunks[0].step, "a");
    wb_lit_free(lit);
}

static const char *const table_ok[] = {"first", "second", NULL};
static const char *const table_swapped[] = {"second", "first", NULL};
static const char *const table_extra[] = {"first", "second", "third", NULL};
static const char *const table_short[] = {"first", NULL};

Test(lit, steps_must_match_the_table)
{
    wb_lit *lit = wb_lit_parse(chapter, "ch.c");
    cr_assert(lit);
    cr_assert_eq(wb_lit_check_steps(lit, table_ok), 0, "%s", wb_error());

    cr_assert_eq(wb_lit_check_steps(lit, table_swapped), -1);
    cr_assert(strstr(wb_error(), "order"), "%s", wb_error());

    cr_assert_eq(wb_lit_check_steps(lit, table_extra), -1);
    cr_assert(strstr(wb_error(), "'third'"), "%s", wb_error());

    cr_assert_eq(wb_lit_check_steps(lit, table_short), -1);
    cr_assert(strstr(wb_error(), "'second'"), "%s", wb_error());
    cr_assert(strstr(wb_error(), "not in the table"), "%s", wb_error());
    wb_lit_free(lit);
}

Test(lit, a_step_needs_prose)
{
    wb_lit *lit = wb_lit_parse("static int first(wb_run *run)\n{}\n"
                               "/*md\n## Second\n*/\n"
                               "static int second(wb_run *run)\n{}\n",
                               "a.c");
    cr_assert(lit);
    cr_assert_eq(wb_lit_check_steps(lit, table_ok), -1);
    cr_assert(strstr(wb_error(), "no /*md prose"), "%s", wb_error());
    wb_lit_free(lit);
}

Test(lit, reads_files)
{
    cr_assert_null(wb_lit_read("/nonexistent.c"));
    wb_lit *lit = wb_lit_read(WB_SOURCE_DIR "/chapters/01_sigmoid_1d.c");
    cr_assert(lit, "%s", wb_error());
    cr_assert(lit->nchunks > 3);
    cr_assert_eq(lit->chunks[0].level, 1, "a chapter opens with its title");
    wb_lit_free(lit);
}

/* ---- the prose, read as tokens ------------------------------------------ */

/* The tokens of a file that holds one prose block, `prose`. */
static wb_lit *read_prose(const char *prose)
{
    char *text = wb_asprintf("/*md\n%s\n*/\n", prose);
    wb_lit *lit = text ? wb_lit_parse(text, "p.c") : NULL;
    free(text);
    cr_assert(lit, "%s", wb_error());
    cr_assert_eq(lit->nchunks, 1);
    return lit;
}

/* Token i of chunk c is of kind `kind` and stands for `text`. */
static void assert_token(const wb_chunk *c, size_t i, wb_token_kind kind,
                         const char *text)
{
    cr_assert_lt(i, c->ntokens, "no token %zu", i);
    cr_assert_eq(c->tokens[i].kind, kind, "token %zu is of kind %d, not %d",
                 i, (int)c->tokens[i].kind, (int)kind);
    cr_assert_eq(c->tokens[i].len, strlen(text), "token %zu: '%.*s'", i,
                 (int)c->tokens[i].len, c->tokens[i].text);
    cr_assert_eq(strncmp(c->tokens[i].text, text, c->tokens[i].len), 0,
                 "token %zu: '%.*s', not '%s'", i, (int)c->tokens[i].len,
                 c->tokens[i].text, text);
}

Test(lit, every_directive_is_a_token)
{
    wb_lit *lit = wb_lit_parse(
        "/*md\n"                                            /* 1 */
        "## Drawing\n"                                      /* 2 */
        "\n"                                                /* 3 */
        "See @fig:curve_1, @step:draw and @eq:e-1; me@x.org.\n" /* 4 */
        "$$y = x$$ {#eq:e-1}\n"                             /* 5 */
        "  @code:lib/maths.c:square  \n"                    /* 6 */
        "@exercises\n"                                      /* 7 */
        "*/\n"                                              /* 8 */
        "static int draw(wb_run *run)\n{\n}\n",             /* 9 */
        "d.c");
    cr_assert(lit, "%s", wb_error());
    const wb_chunk *c = &lit->chunks[0];
    assert_token(c, 0, WB_TOKEN_TITLE, "## Drawing");
    assert_token(c, 1, WB_TOKEN_TEXT, "\n\nSee ");
    assert_token(c, 2, WB_TOKEN_FIG_REF, "@fig:curve_1");
    cr_assert_str_eq(c->tokens[2].name, "curve_1");
    cr_assert_eq(c->tokens[2].line, 4);
    assert_token(c, 3, WB_TOKEN_TEXT, ", ");
    assert_token(c, 4, WB_TOKEN_STEP_REF, "@step:draw");
    cr_assert_eq(c->tokens[4].step, c, "the step's chunk");
    assert_token(c, 5, WB_TOKEN_TEXT, " and ");
    assert_token(c, 6, WB_TOKEN_EQ_REF, "@eq:e-1");
    cr_assert_eq(c->tokens[6].number, 1);
    assert_token(c, 7, WB_TOKEN_TEXT, "; me@x.org.\n$$y = x");
    assert_token(c, 8, WB_TOKEN_EQ_TAG, "$$ {#eq:e-1}");
    cr_assert_str_eq(c->tokens[8].name, "e-1");
    cr_assert_eq(c->tokens[8].number, 1);
    cr_assert_eq(c->tokens[8].line, 5);
    assert_token(c, 9, WB_TOKEN_TEXT, "\n");
    assert_token(c, 10, WB_TOKEN_REGION, "  @code:lib/maths.c:square  ");
    cr_assert_str_eq(c->tokens[10].path, "lib/maths.c");
    cr_assert_str_eq(c->tokens[10].name, "square");
    cr_assert_eq(c->tokens[10].line, 6);
    assert_token(c, 11, WB_TOKEN_EXERCISES, "@exercises");
    cr_assert_eq(c->tokens[11].line, 7);
    cr_assert_eq(c->nprose, 12, "then the code");
    cr_assert_eq(c->ntokens, 13);
    assert_token(c, 12, WB_TOKEN_LISTING,
                 "static int draw(wb_run *run)\n{\n}\n");
    cr_assert_eq(c->tokens[12].line, 9);
    wb_lit_free(lit);
}

/* Only a step's heading is its title; a chunk that is no step has only
 * text, and so has a reference to nothing known. */
Test(lit, a_title_is_a_steps_heading)
{
    wb_lit *lit = read_prose("# A chapter\n\nSee @step:none and @fig:x.");
    const wb_chunk *c = &lit->chunks[0];
    assert_token(c, 0, WB_TOKEN_TEXT, "# A chapter\n\nSee ");
    assert_token(c, 1, WB_TOKEN_STEP_REF, "@step:none");
    cr_assert_null(c->tokens[1].step, "no such step");
    assert_token(c, 2, WB_TOKEN_TEXT, " and ");
    assert_token(c, 3, WB_TOKEN_FIG_REF, "@fig:x");
    assert_token(c, 4, WB_TOKEN_TEXT, ".\n");
    cr_assert_eq(c->ntokens, 5);
    cr_assert_str_eq(wb_lit_title(lit, "none"), "none");
    cr_assert_str_eq(wb_lit_title(NULL, "none"), "none");
    wb_lit_free(lit);
}

/* A malformed @code line is an error of the source, at its line. */
Test(lit, a_malformed_code_line_is_an_error_at_its_line)
{
    const struct {
        const char *line, *why;
    } bad[] = {
        {"@code:lib/maths.c", "'@code:lib/maths.c' is not @code:PATH:NAME"},
        {"@code:/etc/passwd:root", "no leading / and no .."},
        {"@code:lib/../x.c:a", "no leading / and no .."},
        {"@code:lib/x.c:a b", "is not @code:PATH:NAME"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *text = wb_asprintf("int x;\n/*md\nSee:\n\n%s\n*/\n",
                                 bad[i].line);
        cr_assert_null(wb_lit_parse(text, "m.c"), "accepted %s", bad[i].line);
        cr_assert(strncmp(wb_error(), "m.c:5: ", 7) == 0, "%s", wb_error());
        cr_assert(strstr(wb_error(), bad[i].why), "%s", wb_error());
        free(text);
    }
}

/* A listing: a chunk's own code, or a region of library code, read from
 * the folder given. */
Test(lit, listings_of_the_chapter_and_of_the_library)
{
    char dir[] = "/tmp/wb-lit-XXXXXX";
    cr_assert(mkdtemp(dir));
    char *lib = wb_path_join(dir, "lib");
    char *file = wb_path_join(lib, "maths.c");
    const char *code = "int a;\n/* region square */\nint sq;\n"
                       "int sq2;\n/* endregion square */\n";
    cr_assert_eq(wb_mkdirs(lib), 0);
    cr_assert_eq(wb_write_file(file, code, strlen(code)), 0);
    wb_lit *lit = wb_lit_parse("/*md\n## A\n@code:lib/maths.c:square\n"
                               "@code:lib/maths.c:cube\n*/\n"
                               "static int a(wb_run *run)\n{\n}\n", "ch.c");
    cr_assert(lit, "%s", wb_error());
    const wb_chunk *c = &lit->chunks[0];
    wb_region r;

    cr_assert_eq(wb_lit_listing(&r, lit, &c->tokens[c->nprose], NULL), 0);
    cr_assert_str_eq(r.path, "ch.c");
    cr_assert_null(r.name, "the chapter's own code");
    cr_assert_str_eq(r.code, "static int a(wb_run *run)\n{\n}\n");
    cr_assert_eq(r.first_line, 6);
    cr_assert_eq(r.lines, 3);
    wb_region_free(&r);

    cr_assert_eq(c->tokens[2].kind, WB_TOKEN_REGION);
    cr_assert_eq(wb_lit_listing(&r, lit, &c->tokens[2], dir), 0, "%s",
                 wb_error());
    cr_assert_str_eq(r.path, "lib/maths.c");
    cr_assert_str_eq(r.name, "square");
    cr_assert_str_eq(r.code, "int sq;\nint sq2;\n");
    cr_assert_eq(r.first_line, 3);
    cr_assert_eq(r.lines, 2);
    wb_region_free(&r);

    cr_assert_eq(c->tokens[3].kind, WB_TOKEN_REGION);
    cr_assert_eq(wb_lit_listing(&r, lit, &c->tokens[3], dir), -1);
    cr_assert(strncmp(wb_error(), "ch.c:4: @code:lib/maths.c:cube: "
                                  "lib/maths.c: there is no region 'cube'",
                      70) == 0, "%s", wb_error());
    wb_lit_free(lit);
    remove(file);
    remove(lib);
    remove(dir);
    free(lib);
    free(file);
}

/* ---- numbered equations ------------------------------------------------ */

Test(lit, an_equation_label_ends_its_line)
{
    wb_lit *lit = read_prose("$$x = -\\frac{b}{w}.$$ {#eq:boundary}  ");
    const wb_chunk *c = &lit->chunks[0];
    assert_token(c, 0, WB_TOKEN_TEXT, "$$x = -\\frac{b}{w}.");
    assert_token(c, 1, WB_TOKEN_EQ_TAG, "$$ {#eq:boundary}  ");
    cr_assert_str_eq(c->tokens[1].name, "boundary");
    assert_token(c, 2, WB_TOKEN_TEXT, "\n");
    cr_assert_eq(c->ntokens, 3);
    wb_lit_free(lit);
    /* not labels: no closing $$ before it, no name, text after it */
    const char *not[] = {"x = 1 {#eq:one}", "$$x$$ {#eq:}", "$$x$$ {#eq:a} b",
                         "$$x$$ {#fig:a}", "$$x$${#eq:a}", "{#eq:a}", ""};
    for (size_t i = 0; i < sizeof not / sizeof *not; i++) {
        char *line = wb_asprintf("%s\n", not[i]);
        lit = read_prose(not[i]);
        cr_assert_eq(lit->chunks[0].ntokens, 1, "'%s'", not[i]);
        assert_token(&lit->chunks[0], 0, WB_TOKEN_TEXT, line);
        wb_lit_free(lit);
        free(line);
    }
}

/* The number of equation `name`, as a reference to it has it. */
static int eq_ref(const wb_lit *lit, const char *name)
{
    for (size_t i = 0; i < lit->nchunks; i++)
        for (size_t j = 0; j < lit->chunks[i].ntokens; j++)
            if (lit->chunks[i].tokens[j].kind == WB_TOKEN_EQ_REF &&
                strcmp(lit->chunks[i].tokens[j].name, name) == 0)
                return lit->chunks[i].tokens[j].number;
    cr_assert_fail("no reference to '%s'", name);
    return -1;
}

Test(lit, equations_are_numbered_in_order_across_chunks)
{
    wb_lit *lit = wb_lit_parse("/*md\n# T\n\nSee @eq:second.\n\n"
                               "$$a = 1$$ {#eq:first}\n*/\nint x;\n"
                               "/*md\n$$b$$\n\n$$c = 2$$ {#eq:second}\n\n"
                               "@eq:first, @eq:third, @eq:firs\n*/\n",
                               "eq.c");
    cr_assert(lit, "%s", wb_error());
    cr_assert_eq(eq_ref(lit, "first"), 1);
    cr_assert_eq(eq_ref(lit, "second"), 2,
                 "an unlabelled equation takes no number, and a reference "
                 "may come first");
    cr_assert_eq(eq_ref(lit, "third"), 0);
    cr_assert_eq(eq_ref(lit, "firs"), 0, "a prefix is not a name");
    wb_lit_free(lit);
}

Test(lit, an_equation_labelled_twice_is_an_error_at_its_line)
{
    wb_lit *lit = wb_lit_parse("/*md\n# T\n\n$$a$$ {#eq:a}\n*/\nint x;\n"
                               "/*md\n$$b$$ {#eq:a}\n*/\n", "twice.c");
    cr_assert_null(lit);
    cr_assert_str_eq(wb_error(), "twice.c:8: the equation 'a' is labelled "
                                 "twice");
}

/* ---- folds ------------------------------------------------------------- */

static const char *folded =
    "/*md\n"                                               /* 1 */
    "## A step\n"
    "*/\n"
    "/* fold: draws `curve`, a figure */\n"                /* 4 */
    "static void curve(void)\n"
    "{\n"
    "\n"
    "    draw();\n"
    "}\n"                                                  /* 9 */
    "\n"
    "static int a(wb_run *run)\n"                          /* 11 */
    "{\n"
    "    int x = idea(run);\n"
    "\n"
    "    /* fold: prints $x$ */\n"                         /* 15 */
    "    printf(\"%d\\n\", x);\n"
    "\n"
    "    x += more(run);\n"                                /* 18 */
    "    /*fold:draws it*/\n"                              /* 19 */
    "    curve();\n"
    "    return 0;\n"
    "}\n";                                                 /* 22 */

/* A fold at the start of a line folds the definition after it; an indented
 * one, the lines after it to a blank line or to the end of the function.
 * A listing's parts leave out the blank lines next to a fold. */
Test(lit, folds_are_read_with_their_listing)
{
    wb_lit *lit = wb_lit_parse(folded, "ch.c");
    cr_assert(lit, "%s", wb_error());
    const wb_chunk *c = &lit->chunks[0];
    wb_region r;
    cr_assert_eq(wb_lit_listing(&r, lit, &c->tokens[c->nprose], NULL), 0,
                 "%s", wb_error());
    cr_assert_eq(r.nfolds, 3);
    cr_assert_str_eq(r.folds[0].summary, "draws `curve`, a figure");
    cr_assert_eq(r.folds[0].first_line, 4);
    cr_assert_eq(r.folds[0].lines, 6, "to and with its closing brace");
    cr_assert_str_eq(r.folds[1].summary, "prints $x$");
    cr_assert_eq(r.folds[1].first_line, 15);
    cr_assert_eq(r.folds[1].lines, 2, "to the blank line");
    cr_assert_str_eq(r.folds[2].summary, "draws it");
    cr_assert_eq(r.folds[2].first_line, 19);
    cr_assert_eq(r.folds[2].lines, 3, "to the function's end");

    wb_part parts[7];
    size_t n = wb_listing_parts(parts, &r);
    const size_t want[][3] = {/* first line, lines, a fold */
                              {4, 6, 1}, {11, 3, 0}, {15, 2, 1},
                              {18, 1, 0}, {19, 3, 1}, {22, 1, 0}};
    cr_assert_eq(n, 6);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(parts[i].first_line, want[i][0], "part %zu", i);
        cr_assert_eq(parts[i].lines, want[i][1], "part %zu", i);
        cr_assert_eq(parts[i].fold != NULL, want[i][2] == 1, "part %zu", i);
    }
    wb_region_free(&r);
    wb_lit_free(lit);
}

/* A fold in library code, read with its region. */
Test(lit, a_region_has_folds)
{
    const char *text = "/* region r */\nint f(void)\n{\n"
                       "    /* fold: clips */\n    clip();\n    return 1;\n"
                       "}\n/* endregion r */\n";
    wb_region r;
    cr_assert_eq(wb_region_find(&r, text, "lib/x.c", "r"), 0, "%s",
                 wb_error());
    cr_assert_eq(r.nfolds, 1);
    cr_assert_eq(r.folds[0].first_line, 4);
    cr_assert_eq(r.folds[0].lines, 3);
    wb_region_free(&r);
    /* in a block, a fold ends with it */
    text = "/* region r */\nint f(void)\n{\n    for (;;) {\n"
           "        /* fold: keeps it */\n        keep();\n    }\n"
           "    return 1;\n}\n/* endregion r */\n";
    cr_assert_eq(wb_region_find(&r, text, "lib/x.c", "r"), 0, "%s",
                 wb_error());
    cr_assert_eq(r.nfolds, 1);
    cr_assert_eq(r.folds[0].first_line, 5);
    cr_assert_eq(r.folds[0].lines, 2, "not the loop's closing brace");
    wb_region_free(&r);
    text = "/* region r */\n    /* fold: nothing */\n/* endregion r */\n";
    cr_assert_eq(wb_region_find(&r, text, "lib/x.c", "r"), -1);
    cr_assert_str_eq(wb_error(), "lib/x.c:2: this fold folds nothing: the "
                     "line after it is blank or ends its block");
}

/* A wrong fold marker is an error of the source, at its line. */
Test(lit, a_wrong_fold_is_an_error_at_its_line)
{
    const struct {
        const char *code, *why;
    } bad[] = {
        {"int f(void)\n{\n    /* fold: two\n       lines */\n    g();\n}\n",
         "ch.c:6: a fold marker is one line"},
        {"int f(void)\n{\n    /* fold:  */\n    g();\n}\n",
         "ch.c:6: this fold marker says nothing of what it folds"},
        {"/* fold: a preamble */\n#include <x.h>\n",
         "ch.c:4: this fold starts its line, so it folds the definition "
         "after it, to a line that starts with '}'; there is none"},
        {"int f(void)\n{\n    /* fold: prints */\n\n    g();\n}\n",
         "ch.c:6: this fold folds nothing"},
        {"int f(void)\n{\n    if (x) {\n        /* fold: g */\n    }\n}\n",
         "ch.c:7: this fold folds nothing: the line after it is blank or "
         "ends its block"},
        {"int f(void)\n{\n    /* fold: prints */\n    /* fold: more */\n}\n",
         "ch.c:7: a fold inside the fold of line 6"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *text = wb_asprintf("/*md\n## A\n*/\n%s", bad[i].code);
        cr_assert_null(wb_lit_parse(text, "ch.c"), "accepted %s",
                       bad[i].code);
        cr_assert(strncmp(wb_error(), bad[i].why, strlen(bad[i].why)) == 0,
                  "%s\nwanted: %s", wb_error(), bad[i].why);
        free(text);
    }
    /* a comment that only mentions folds is no marker */
    wb_lit *lit = wb_lit_parse("/*md\n## A\n*/\nint f(void)\n{\n"
                               "    /* unfold: x */\n    /* fold */\n}\n",
                               "ch.c");
    cr_assert(lit, "%s", wb_error());
    wb_lit_free(lit);
}

/* A block's fences are tokens: its class, and the question it answers. */
Test(lit, a_block_opens_and_closes)
{
    wb_lit *lit = read_prose("1. Why?\n\n   ::: {.answer question=\"12\"}\n"
                             "   Because.\n   :::\n::: hint\nLook.\n:::\n"
                             ":: not a fence");
    const wb_chunk *c = &lit->chunks[0];
    assert_token(c, 0, WB_TOKEN_TEXT, "1. Why?\n\n");
    assert_token(c, 1, WB_TOKEN_DIV, "   ::: {.answer question=\"12\"}");
    cr_assert_str_eq(c->tokens[1].name, "answer");
    cr_assert_eq(c->tokens[1].number, 12);
    assert_token(c, 2, WB_TOKEN_TEXT, "   Because.\n");
    assert_token(c, 3, WB_TOKEN_DIV_END, "   :::");
    assert_token(c, 4, WB_TOKEN_DIV, "::: hint");
    cr_assert_str_eq(c->tokens[4].name, "hint");
    cr_assert_eq(c->tokens[4].number, 0);
    assert_token(c, 5, WB_TOKEN_TEXT, "Look.\n");
    assert_token(c, 6, WB_TOKEN_DIV_END, ":::");
    assert_token(c, 7, WB_TOKEN_TEXT, ":: not a fence\n");
    wb_lit_free(lit);
}
