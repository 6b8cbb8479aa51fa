/* Chapter 4 run as the book runs it (--book), and as a reader runs it: its
 * figures are valid images, its numbers are what the problem's symmetry
 * and sampling allow, --json and --data / --test-data work, and a bad file
 * is refused in one line. (Its exercises are tested with the others, in
 * test_exercises.c.) */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define CHAPTER WB_BUILD_DIR "/chapters/04_variable_change"
#define WEAVE WB_BUILD_DIR "/book/weave"
#define SOURCE WB_SOURCE_DIR "/chapters/04_variable_change.c"

/* The samples have 500 points. */
#define N 500.0

/* Five standard errors of a proportion p measured on N points. */
static double five_se(double p)
{
    return 5 * sqrt(p * (1 - p) / N);
}

/* The fraction of the square [-1, 1]^2 where u = x1 x2 lies between 0 and
 * t: u has the density -ln|u| / 2 on [-1, 1], whose integral from 0 to |t|
 * is |t| (1 - ln|t|) / 2. A model on u with its boundary at u = t gets
 * exactly these points wrong. */
static double between_0_and(double t)
{
    t = fabs(t);
    return t == 0 ? 0 : t * (1 - log(t)) / 2;
}

Test(chapter04, book_run_makes_every_figure)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    cr_assert_eq(assert_book_figures(dir), 6);
    const char *names[] = {"sample", "line_map", "u_sample", "u_fit",
                           "u_map", "maps"};
    char **figures = manifest_figures(dir);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        cr_assert_str_eq(figures[i], names[i]);
    free_names(figures);
    /* The two maps side by side are wider than they are tall. */
    uint32_t w, h;
    assert_png(dir, "maps.png", 20000, &w, &h);
    cr_assert(w > 2 * h, "%u x %u", w, h);
}

/* The sample and the line fitted to it. */
Test(chapter04, a_line_fails)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *sample = read_in(dir, "sample.out", NULL);
    cr_assert(strstr(sample, "shape (500, 2)"), "%s", sample);
    double n1 = number_after(sample, "points in category 1:");
    double n0 = number_after(sample, "in category 0:");
    cr_assert(n0 + n1 == N, "%g + %g", n0, n1);
    /* Each point is in category 1 with probability 1/2. */
    cr_assert(fabs(n1 / N - 0.5) < five_se(0.5), "%g", n1);

    /* By symmetry, the best logistic regression on (x1, x2) for the whole
     * square is w1 = w2 = b = 0. On 500 points each estimate has a
     * sampling standard deviation of about 0.15 for the weights and 0.09
     * for the bias (the square root of the inverse Hessian of the loss at
     * 0: N/12 for each weight, N/4 for the bias); 5 of them here. */
    char *line = read_in(dir, "line.out", NULL);
    double w1 = number_after(line, "w1 ="), w2 = number_after(line, "w2 =");
    double b = number_after(line, "b =");
    cr_assert(fabs(w1) < 0.76 && fabs(w2) < 0.76 && fabs(b) < 0.45, "%s",
              line);
    cr_assert(strstr(line, "converged"), "%s", line);
    /* So the map stays within sigma(+-(0.76 + 0.76 + 0.45)). */
    double lo = number_after(line, "on the grid: from");
    double hi = number_after(strstr(line, "on the grid:"), " to");
    cr_assert(lo > 0.12 && hi < 0.88 && lo < hi, "%s", line);
    /* No line is right, on average, about more than 2/3 of the square's
     * points, nor fewer than 1/3 (the best cut off a corner); the
     * sample's accuracy is allowed 5 standard errors beyond. */
    double acc = number_after(line, "training sample:");
    cr_assert(acc > 1.0 / 3 - five_se(0.5) && acc < 2.0 / 3 + five_se(0.5),
              "%s", line);
    /* The corner rule x1 + x2 > 2/3 is right about 2/3 of the square. */
    double corner = number_after(line, "for comparison:");
    cr_assert(fabs(corner - 2.0 / 3) < five_se(2.0 / 3), "%s", line);
    free(sample);
    free(line);
}

/* The variable u and the model on it. */
Test(chapter04, the_variable_u_succeeds)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    /* u = x1 x2 parts the categories at 0, by their definition. */
    char *var = read_in(dir, "variable.out", NULL);
    cr_assert(strstr(var, "u: shape (500,)"), "%s", var);
    double max0 = number_after(strstr(var, "category 0:"), " to");
    double min1 = number_after(strstr(var, "category 1:"), "from");
    cr_assert(max0 < 0 && min1 > 0, "%s", var);

    /* The boundary t = -b/w of the model on u is 0 give or take the
     * sampling noise of b: over 200 seeds its standard deviation is
     * 0.011, so |t| < 0.055 (5 of them). A positive weight: P rises
     * with u. */
    char *fit = read_in(dir, "fit.out", NULL);
    double w = number_after(fit, "w ="), b = number_after(fit, "b =");
    double t = number_after(fit, "u = -b/w =");
    cr_assert(w > 0 && fabs(t) < 0.055, "%s", fit);
    cr_assert(fabs(t + b / w) < 1e-3, "the printed boundary is -b/w: %s",
              fit);
    cr_assert(strstr(fit, "converged"), "%s", fit);
    /* Its accuracy, on a sample it did not see, is binomial around
     * 1 - between_0_and(t); on the training sample, which placed t, at
     * least 1 - between_0_and(0.055) less 5 standard errors (0.82). */
    double train = number_after(fit, "training sample:");
    double worst = 1 - between_0_and(0.055);
    cr_assert(train > worst - five_se(worst), "%s", fit);

    char *test = read_in(dir, "test.out", NULL);
    double acc = number_after(test, "the model on u:");
    double expected = 1 - between_0_and(t);
    cr_assert(fabs(acc - expected) <= five_se(expected) + 1 / N,
              "accuracy %g, expected %g from the boundary %g", acc, expected,
              t);
    /* The line on fresh points: no better than on the training ones. */
    double line = number_after(test, "accuracy of the line:");
    cr_assert(line > 1.0 / 3 - five_se(0.5) &&
              line < 2.0 / 3 + five_se(0.5), "%s", test);

    /* The map of the model on u spans almost all of [0, 1]. */
    char *plane = read_in(dir, "plane.out", NULL);
    cr_assert(strstr(plane, "us, flattened: shape (10000,)"), "%s", plane);
    cr_assert(strstr(plane, "reshaped for the map: shape (100, 100)"));
    free(var);
    free(fit);
    free(test);
    free(plane);
}

/* The value of "key": in a JSON object printed on one line. */
static double json_number(const char *json, const char *key)
{
    char label[64];
    snprintf(label, sizeof label, "\"%s\":", key);
    return number_after(json, label);
}

Test(chapter04, json_sums_up_the_fit)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--json", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    cr_assert_eq(count_lines(r.out), 1, "one line: %s", r.out);
    cr_assert(r.out[0] == '{' && strstr(r.out, "}\n"), "%s", r.out);
    cr_assert(strstr(r.out, "\"model\":\"logreg_u\""), "%s", r.out);
    assert_json_numbers_shortest(r.out);

    /* The same fit as the book's run, to the digits it prints. */
    char *fit = read_in(dir, "fit.out", NULL);
    char *line = read_in(dir, "line.out", NULL);
    char *test = read_in(dir, "test.out", NULL);
    const struct {
        const char *key, *text, *label;
        double digits;
    } same[] = {
        {"w", fit, "w =", 5e-5},
        {"b", fit, "b =", 5e-5},
        {"n_iter", fit, "after", 0},
        {"train_accuracy", fit, "training sample:", 5e-4},
        {"test_accuracy", test, "the model on u:", 5e-4},
        {"linear_train_accuracy", line, "training sample:", 5e-4},
        {"linear_test_accuracy", test, "accuracy of the line:", 5e-4},
    };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
        double j = json_number(r.out, same[i].key);
        double p = number_after(same[i].text, same[i].label);
        cr_assert(fabs(j - p) <= same[i].digits, "%s: %.17g in JSON, %g "
                  "printed", same[i].key, j, p);
    }
    program_result_free(&r);
    free(fit);
    free(line);
    free(test);
}

/* ---- samples from files ------------------------------------------------- */

/* Writes DIR/NAME: the points of an m x m lattice over [-1, 1]^2, at
 * -1 + (2k + 1)/m, with their categories, as a CSV file x1,x2,y. */
static char *write_lattice(const char *dir, const char *name, int m)
{
    char *path = wb_path_join(dir, name);
    FILE *f = fopen(path, "w");
    cr_assert(f, "%s", path);
    fprintf(f, "x1,x2,y\n");
    for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++) {
            double x1 = -1 + (2.0 * i + 1) / m, x2 = -1 + (2.0 * j + 1) / m;
            fprintf(f, "%.17g,%.17g,%d\n", x1, x2, x1 * x2 > 0);
        }
    cr_assert_eq(fclose(f), 0);
    return path;
}

/* A lattice is exactly symmetric: mirrored across either axis, it is the
 * same lattice with the categories swapped. So the line's weights are 0
 * (to rounding), and so is the bias of the model on u, whose boundary
 * then lies closer to 0 than any point's u: it gets every point right. */
Test(chapter04, data_and_test_data_from_files)
{
    char *dir = test_dir("ch04-data");
    char *train = write_lattice(dir, "train.csv", 20);
    char *test = write_lattice(dir, "test.csv", 10);
    char *out = wb_path_join(dir, "run");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--book", "--out", out, "--data",
                               train, "--test-data", test, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    program_result_free(&r);

    char *sample = read_in(out, "sample.out", NULL);
    cr_assert(strstr(sample, "shape (400, 2)"), "%s", sample);
    cr_assert(strstr(sample, "points in category 1: 200, in category 0: 200"),
              "%s", sample);
    char *line = read_in(out, "line.out", NULL);
    cr_assert(fabs(number_after(line, "w1 =")) < 1e-4 &&
              fabs(number_after(line, "w2 =")) < 1e-4, "%s", line);
    cr_assert(strstr(line, "from 0.500 to 0.500"), "%s", line);
    char *fit = read_in(out, "fit.out", NULL);
    cr_assert_eq(number_after(fit, "training sample:"), 1, "%s", fit);
    char *tested = read_in(out, "test.out", NULL);
    cr_assert(strstr(tested, "the test sample: 100 points"), "%s", tested);
    cr_assert_eq(number_after(tested, "the model on u:"), 1, "%s", tested);

    r = run_program(NULL, (const char *[]){CHAPTER, "--json", "--data",
                                           train, "--test-data", test,
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(json_number(r.out, "train_accuracy"), 1, "%s", r.out);
    cr_assert_eq(json_number(r.out, "test_accuracy"), 1, "%s", r.out);
    cr_assert(fabs(json_number(r.out, "b")) < 1e-6, "%s", r.out);
    program_result_free(&r);

    /* --data alone: a fifth of the file is the test sample, held out of
     * the fit, never the sample the chapter would draw */
    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "test",
                                           "--data", train, "--out", out,
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "the test sample: 80 points, held out of the "
                            "training file"), "%s", r.out);
    /* (the part left is no longer symmetric: a few mistakes by the axes) */
    cr_assert_geq(number_after(r.out, "the model on u:"), 0.9, "%s", r.out);
    program_result_free(&r);
    free(sample);
    free(line);
    free(fit);
    free(tested);
    free(train);
    free(test);
    free(out);
}

/* Runs the chapter on a file holding `text` and expects it to stop with
 * one line on stderr that holds `message` (which names the file where the
 * file is at fault) behind the option's name, and exit status 2: a bad
 * file is a bad command line, refused before any step. */
static void assert_refused(const char *option, const char *text,
                           const char *message)
{
    char *dir = test_dir("ch04-bad");
    char *path = wb_path_join(dir, "bad.csv");
    cr_assert_eq(wb_write_file(path, text, strlen(text)), 0);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--quiet", "--out", dir, option,
                               path, NULL});
    cr_assert_eq(r.status, 2, "%s %s: status %d", option, text, r.status);
    cr_assert_eq(count_lines(r.err), 1, "one line: %s", r.err);
    char *named = wb_asprintf("%s: ", option);
    cr_assert(strstr(r.err, named), "names %s: %s", option, r.err);
    free(named);
    cr_assert(strstr(r.err, message), "%s", r.err);
    program_result_free(&r);
    free(path);
}

Test(chapter04, bad_files_are_refused_in_one_line)
{
    assert_refused("--data", "x1,x2,y\n0.5,abc,1\n",
                   "bad.csv:2: 'abc' is not a number in column x2");
    assert_refused("--test-data", "x1,x2,y\n0.5,0.5,1\n-0.5,0.5,2\n",
                   "bad.csv:3:");
    assert_refused("--data", "x,y\n0.5,1\n-0.5,0\n",
                   "bad.csv: 1 feature, where 2 are needed");
    /* A well-formed file, but one category: nothing to learn. */
    assert_refused("--data", "x1,x2,y\n0.5,0.5,1\n0.25,0.5,1\n",
                   "only category 1 in its 2 examples");
}

/* ---- the command line, the book ----------------------------------------- */

Test(chapter04, command_line)
{
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--help",
                                                          NULL});
    cr_assert_eq(r.status, 0);
    const char *options[] = {"--n N", "--data FILE", "--test-data FILE",
                             "--json", "\"w\"", "\"b\"",
                             "\"n_iter\"", "\"linear_train_accuracy\"",
                             "\"linear_test_accuracy\"",
                             "\"train_accuracy\"", "\"test_accuracy\""};
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        cr_assert(strstr(r.out, options[i]), "--help lacks %s", options[i]);
    program_result_free(&r);

    const char *bad[][2] = {{"--n", "5"}, {"--data", ""}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        r = run_program(NULL, (const char *[]){CHAPTER, bad[i][0], bad[i][1],
                                               NULL});
        cr_assert_eq(r.status, 2, "%s %s", bad[i][0], bad[i][1]);
        cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
        cr_assert(strstr(r.err, bad[i][0]), "%s", r.err);
        program_result_free(&r);
    }

    r = run_program(NULL, (const char *[]){CHAPTER, "--list", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count_lines(r.out), 7, "%s", r.out);
    /* a title's math as the prose shows it */
    cr_assert(strstr(r.out, "variable  A new variable, u = x₁ x₂\n"),
              "%s", r.out);
    cr_assert_null(strchr(r.out, '$'), "%s", r.out);
    program_result_free(&r);
}

/* The step seeds: both models over 100 pairs of samples. The line does
 * no better than a coin on average: the mean of its test accuracies is
 * within 0.05 of 1/2 (their spread is about 0.08; 0.05 is 6 of its
 * standard errors); the corner rule's mean is 2/3 (its sd is about 0.02:
 * 0.01 is 5 standard errors); the model on u is above 0.9 on every
 * sample. Seed 1 is the book's: its accuracies are among them. */
Test(chapter04, the_numbers_of_the_samples_spread_as_they_must)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *seeds = read_in(dir, "seeds.out", NULL);
    char *test = read_in(dir, "test.out", NULL);
    const char *line = strstr(seeds, "the line,");
    const char *corner = strstr(seeds, "the corner rule:");
    const char *u = strstr(seeds, "the model on u");
    cr_assert(line && corner && u, "%s", seeds);
    const char *line_test = strstr(line, "accuracy, test:");
    const char *u_test = strstr(u, "accuracy, test:");
    cr_assert(line_test && u_test, "%s", seeds);
    cr_assert(fabs(number_after(line_test, "mean") - 0.5) < 0.05, "%s",
              seeds);
    cr_assert(fabs(number_after(corner, "mean") - 2.0 / 3) < 0.01, "%s",
              seeds);
    cr_assert(number_after(u_test, "from") > 0.9, "%s", seeds);
    double page = number_after(test, "accuracy of the line:");
    cr_assert(number_after(line_test, "from") <= page &&
              page <= number_after(line_test, " to "), "%g: %s", page,
              seeds);
    cr_assert(strstr(seeds, "sqrt(0.5 0.5 / 500) = 0.022\n"), "%s", seeds);
    free(seeds);
    free(test);
}

/* The same seed gives the same numbers and the same figures. */
Test(chapter04, runs_are_reproducible)
{
    char *a = chapter_book_run(CHAPTER, NULL);
    char *b = chapter_book_run(CHAPTER, NULL);
    assert_same_files(a, b, (const char *[]){
        "sample.out", "fit.out", "test.out", "maps.dat", "maps.gp",
        "u_map.png", "line_map.pdf", "manifest.tsv", NULL});
}

Test(chapter04, the_weaver_makes_its_page)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "4", "--figures", dir,
                               "--root", WB_SOURCE_DIR, SOURCE, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "# Changing variables\n"));
    char **figures = manifest_figures(dir);
    for (char **f = figures; *f; f++) {
        char fig[128];
        snprintf(fig, sizeof fig,
                 "](figures/04_variable_change/%s){#fig-4-%s alt=\"Figure ",
                 *f, *f);
        cr_assert(strstr(r.out, fig), "no figure %s in the page", *f);
    }
    free_names(figures);
    cr_assert(strstr(r.out, "return x1 * x2 > 0;"),
              "the sample's code is shown from the library");
    cr_assert(strstr(r.out, "Open `exercises/04_1_circle.c`"),
              "the exercises are listed");
    cr_assert(strstr(r.out, "make exercise EX=04_2_band\n"),
              "with the command that checks them");
    program_result_free(&r);
}

/* --step, with standard input not a terminal: shows each step's prose and
 * code, runs everything, never waits. */
Test(chapter04, step_mode_runs_through_without_a_terminal)
{
    char *dir = test_dir("ch04-step");
    setenv("WB_GRAPHICS", "none", 1);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--step", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Step 1 of 7: A sample that no line can "
                            "split "), "%s", r.out);
    cr_assert(strstr(r.out, "Step 6 of 7: On fresh examples "));
    cr_assert(strstr(r.out, "Step 3 of 7: A new variable, u = x₁ x₂ "),
              "a title's math as the prose shows it");
    cr_assert(strstr(r.out, "Step 4 of 7: A logistic regression on u "));
    cr_assert(strstr(r.out, "static int plane(wb_run *run)"));
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");
    program_result_free(&r);
}
