/* `make bench` at its tiny sizes, as `make check` runs it: it runs to the
 * end and writes its page, with scikit-learn when Debian's Python has it,
 * and without, saying so, when it has not. Times depend on the machine
 * and on what else it does: they are not tested, only that they are
 * there. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define RUN WB_SOURCE_DIR "/bench/run"
#define PYTHON "/usr/bin/python3"

/* bench/run --size tiny into a new folder, with the given Python; returns
 * its page, and what it said in *said (free both). */
static char *tiny_bench(const char *python, char **said)
{
    char *dir = test_dir("bench");
    char *out = wb_path_join(dir, "results.md");
    program_result r = run_program(
        NULL, (const char *[]){RUN, "--size", "tiny", "--build", WB_BUILD_DIR,
                               "--out", out, "--python", python, NULL});
    cr_assert_eq(r.status, 0, "bench/run failed:\n%s", r.err);
    /* its programs were built with this build's sanitizers, if any */
    cr_assert_null(strstr(r.err, "Sanitizer"), "%s", r.err);
    cr_assert_null(strstr(r.err, "runtime error"), "%s", r.err);
    char *page = read_in(dir, "results.md", NULL);
    /* the page is also printed */
    cr_assert(strstr(r.out, page), "the page was not printed:\n%s", r.out);
    *said = r.err;
    r.err = NULL;
    program_result_free(&r);
    free(out);
    return page;
}

/* What every page holds: the appendix's heading, the C side's times. */
static void assert_page(const char *page)
{
    static const char *rows[] = {
        "# How fast is it?",
        "| logistic regression on 200 points: one fit | ",
        "| logistic regression on 2,000 points: one fit, in a program that"
        " has fitted before | ",
        "| the same: the program's first fit | ",
        "| neural network (50 ReLU units, Adam) on chapter 5's 200 points:"
        " one epoch | ",
        "| the same network on 1,000 points: one epoch | ",
        "| its computing rate, GFLOP/s (share of the processor's peak) | ",
        "| the probabilities at the 50 × 50 points of a grid: logistic"
        " regression | ",
        "| chapter 3's logistic regression on 1,000 points (`03_logreg_fit"
        " --json --data FILE`) | ",
        "| chapter 5, `05_mlp --json` | ",
        "| all the chapters, with their figures | ",
        "| the same, the chapters side by side, one per processor",
        "| the tutorial's work: the chapters without the steps that fit"
        " again on other samples | ",
        "| `02_sigmoid_2d` | ",
        " | `seeds`, `compare` |",
        "| processor | ",
        "These are the tiny sizes",
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        cr_assert(strstr(page, rows[i]), "no '%s' in:\n%s", rows[i], page);
    /* the C side is always measured: a time in each row of the models,
     * and its iterations in the text */
    const char *s =
        strstr(page, "| logistic regression on 200 points: one fit | ");
    const char *time = s ? strstr(s, " ms | ") : NULL;
    cr_assert(time && time < strchr(s, '\n'), "%s", page);
    cr_assert(strstr(page, "takes 12 iterations at 200 points, ") ||
              strstr(page, "scikit-learn's, 12 iterations at 200 points, "),
              "%s", page);
    cr_assert(strstr(page, " figures) | "), "%s", page);
    /* the book's part and the goals are for the full sizes */
    cr_assert_null(strstr(page, "make book` from clean"), "%s", page);
    cr_assert_null(strstr(page, "goals"), "%s", page);
    /* no column a reader could not read: the workbook's own targets */
    cr_assert_null(strstr(page, "target"), "%s", page);
}

static bool python_has(const char *modules)
{
    char *code = wb_asprintf("import %s", modules);
    program_result r = run_program(
        NULL, (const char *[]){PYTHON, "-c", code, NULL});
    bool has = r.status == 0;
    program_result_free(&r);
    free(code);
    return has;
}

Test(bench, tiny_with_debians_python)
{
    char *said;
    char *page = tiny_bench(PYTHON, &said);
    assert_page(page);
    if (python_has("sklearn, scipy")) {
        const char *s =
            strstr(page, "| logistic regression on 200 points: one fit |");
        const char *end = s ? strchr(s, '\n') : NULL;
        /* both sides, and their ratio */
        cr_assert(end && (s = strstr(s, " ms | ")) && s < end &&
                  (s = strstr(s + 1, " ms | ")) && s < end, "%s", page);
        cr_assert(strstr(page, "finds the same coefficients"), "%s", page);
        cr_assert(strstr(page, "largest difference"), "%s", page);
        cr_assert(strstr(page, "| Python | Python 3"), "%s", page);
        if (python_has("matplotlib"))
            cr_assert(strstr(page, "(17 figures)"), "%s", page);
    } else {
        cr_assert(strstr(said, "the Python side is not measured"), "%s",
                  said);
        cr_assert(strstr(page, "not measured"), "%s", page);
    }
    free(page);
    free(said);
}

/* No Python at all: the C side alone, and the page says why. */
Test(bench, tiny_without_python)
{
    char *said;
    char *page = tiny_bench("/nonexistent/python3", &said);
    assert_page(page);
    cr_assert(strstr(said, "the Python side is not measured"), "%s", said);
    cr_assert(strstr(said, "make bench-deps"), "%s", said);
    cr_assert(strstr(page, "scikit-learn was not found"), "%s", page);
    cr_assert(strstr(page, "| not measured |"), "%s", page);
    cr_assert_null(strstr(page, "| Python | "), "%s", page);
    free(page);
    free(said);
}

/* A size it does not know is refused before anything runs. */
Test(bench, unknown_size_is_refused)
{
    program_result r = run_program(
        NULL, (const char *[]){RUN, "--size", "huge", "--build", WB_BUILD_DIR,
                               NULL});
    cr_assert_eq(r.status, 2, "%s", r.err);
    cr_assert(strstr(r.err, "full or tiny"), "%s", r.err);
    program_result_free(&r);
}
