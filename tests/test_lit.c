/* Tests of wb_lit: reading a literate chapter into prose and code. */
#include <criterion/criterion.h>
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

/* ---- numbered equations ------------------------------------------------ */

Test(lit, an_equation_label_ends_its_line)
{
    const char *name;
    size_t n;
    const char *line = "$$x = -\\frac{b}{w}.$$ {#eq:boundary}  ";
    size_t body = wb_lit_eq_label(line, strlen(line), &name, &n);
    cr_assert_eq(body, strlen("$$x = -\\frac{b}{w}.$$"));
    cr_assert_eq(n, strlen("boundary"));
    cr_assert_eq(strncmp(name, "boundary", n), 0);
    /* not labels: no closing $$ before it, no name, text after it */
    const char *not[] = {"x = 1 {#eq:one}", "$$x$$ {#eq:}", "$$x$$ {#eq:a} b",
                         "$$x$$ {#fig:a}", "$$x$${#eq:a}", "{#eq:a}", ""};
    for (size_t i = 0; i < sizeof not / sizeof *not; i++)
        cr_assert_eq(wb_lit_eq_label(not[i], strlen(not[i]), &name, &n), 0,
                     "'%s'", not[i]);
}

Test(lit, equations_are_numbered_in_order_across_chunks)
{
    wb_lit *lit = wb_lit_parse("/*md\n# T\n\nSee @eq:second.\n\n"
                               "$$a = 1$$ {#eq:first}\n*/\nint x;\n"
                               "/*md\n$$b$$\n\n$$c = 2$$ {#eq:second}\n*/\n",
                               "eq.c");
    cr_assert(lit, "%s", wb_error());
    cr_assert_eq(wb_lit_equation(lit, "first", 5), 1);
    cr_assert_eq(wb_lit_equation(lit, "second", 6), 2,
                 "an unlabelled equation takes no number");
    cr_assert_eq(wb_lit_equation(lit, "third", 5), 0);
    cr_assert_eq(wb_lit_equation(lit, "firs", 4), 0, "a prefix is not a name");
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
