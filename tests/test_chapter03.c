/* Chapter 3 run as the book runs it (--book), and as a reader runs it: its
 * figures are valid images; its sample is chapter 2's; its fit is right
 * within sampling error and, on samples read with --data, is scikit-learn's
 * (tests/fixtures/logreg_sklearn.txt); its reshaping prints what numpy
 * prints; --json, bad files and bad options behave; the weaver makes a
 * page of it with the library's code in it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define CHAPTER WB_BUILD_DIR "/chapters/03_logreg_fit"
#define CHAPTER2 WB_BUILD_DIR "/chapters/02_sigmoid_2d"
#define WEAVE WB_BUILD_DIR "/book/weave"
#define SOURCE WB_SOURCE_DIR "/chapters/03_logreg_fit.c"
#define FIXTURES WB_SOURCE_DIR "/tests/fixtures/"

/* Our fit against scikit-learn's on the same sample: test_logreg.c's
 * tolerances (see there; the fits agree to 5e-6 relative at worst). The
 * chapter prints its numbers with 17 digits, so nothing is lost in
 * between. */
#define SKLEARN_RTOL 1e-4
#define SKLEARN_ATOL 1e-8

static bool near(double got, double want, double rtol, double atol)
{
    return fabs(got - want) <= rtol * fabs(want) + atol;
}

/* ---- the --json object ------------------------------------------------- */

typedef struct fit_json {
    double w[2], b, accuracy;
    int n_iter;
    bool converged;
} fit_json;

/* Reads the one-line JSON object the chapter prints with --json, field by
 * field, in the order the chapter promises. */
static fit_json parse_json(const char *s)
{
    fit_json j;
    char converged[8];
    int n = sscanf(s, "{\"model\":\"logreg\",\"w\":[%lf,%lf],\"b\":%lf,"
                      "\"n_iter\":%d,\"converged\":%7[a-z],"
                      "\"train_accuracy\":%lf}", &j.w[0], &j.w[1], &j.b,
                   &j.n_iter, converged, &j.accuracy);
    cr_assert_eq(n, 6, "not the chapter's JSON object: %s", s);
    cr_assert(strcmp(converged, "true") == 0 ||
              strcmp(converged, "false") == 0, "%s", s);
    j.converged = strcmp(converged, "true") == 0;
    const char *end = strchr(s, '}');
    cr_assert(end && strcmp(end, "}\n") == 0, "one object, one line: %s", s);
    assert_json_numbers_shortest(s);
    return j;
}

/* Runs the chapter with --json and the given options. */
static fit_json run_json(const char *const *args)
{
    const char *argv[16] = {CHAPTER, "--json"};
    size_t k = 2;
    for (; *args; args++)
        argv[k++] = *args;
    argv[k] = NULL;
    program_result r = run_program(NULL, argv);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    fit_json j = parse_json(r.out);
    program_result_free(&r);
    return j;
}

/* ---- scikit-learn's fits ----------------------------------------------- */

typedef struct sk_fit {
    double w[2], b;
    int n_iter;
} sk_fit;

/* The fit of `dataset` at scikit-learn's defaults (C = 1, tol = 1e-4,
 * max_iter = 100) in logreg_sklearn.txt, whose format
 * tests/reference/make_logreg_fixtures.py describes. */
static sk_fit sklearn_default_fit(const char *dataset)
{
    char *text = read_in(FIXTURES, "logreg_sklearn.txt", NULL);
    char head[128];
    snprintf(head, sizeof head, " %s l2 1.0 0.0001 100\n", dataset);
    const char *s = strstr(text, head);
    cr_assert(s, "no default fit of %s in the fixtures", dataset);
    sk_fit f;
    size_t d;
    s = strstr(s, "sklearn_coef ");
    cr_assert(s && sscanf(s, "sklearn_coef %zu %lf %lf", &d, &f.w[0],
                          &f.w[1]) == 3 && d == 2);
    f.b = number_after(s, "sklearn_intercept ");
    f.n_iter = (int)number_after(s, "sklearn_n_iter ");
    free(text);
    return f;
}

/* --data on the fixtures' samples: the same weights, intercept and number
 * of iterations as scikit-learn's LogisticRegression() on the same file. */
Test(chapter03, data_fits_as_scikit_learn_does)
{
    const char *datasets[] = {"tutorial_2d", "overlap", "separable"};
    for (size_t i = 0; i < 3; i++) {
        char path[256];
        snprintf(path, sizeof path, FIXTURES "logreg_%s.csv", datasets[i]);
        fit_json got = run_json((const char *[]){"--data", path, NULL});
        sk_fit want = sklearn_default_fit(datasets[i]);
        for (int j = 0; j < 2; j++)
            cr_assert(near(got.w[j], want.w[j], SKLEARN_RTOL, SKLEARN_ATOL),
                      "%s: w%d = %.17g, scikit-learn %.17g", datasets[i],
                      j + 1, got.w[j], want.w[j]);
        cr_assert(near(got.b, want.b, SKLEARN_RTOL, SKLEARN_ATOL),
                  "%s: b = %.17g, scikit-learn %.17g", datasets[i], got.b,
                  want.b);
        cr_assert_eq(got.n_iter, want.n_iter, "%s: %d iterations, "
                     "scikit-learn %d", datasets[i], got.n_iter,
                     want.n_iter);
        cr_assert(got.converged);
    }
}

/* ---- the book's run ---------------------------------------------------- */

Test(chapter03, book_run_makes_every_figure)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    cr_assert_eq(assert_book_figures(dir), 6);
}

/* The step seeds: the fit over 100 samples of the two distributions. On
 * average it scores Phi(sqrt 2) = 0.921, with a sample's standard
 * deviation sqrt(p (1 - p) / 1000) = 0.0085: the mean of 100 is within 5
 * of its standard errors (0.0043), and so is the best line's; the line
 * P = 1/2 is near the best one, x2 = -x1 + 2, on average (its slope's
 * and intercept's spreads are about 0.1: 0.05 is 5 standard errors). Seed
 * 1 is the book's sample: its fit is among them. */
Test(chapter03, the_numbers_of_the_sample_spread_as_they_must)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *seeds = read_in(dir, "seeds.out", NULL);
    char *fit = read_in(dir, "fit.out", NULL);
    const char *acc = strstr(seeds, "accuracy of the fit:");
    const char *best = strstr(seeds, "accuracy of x1 + x2 > 2:");
    const char *slope = strstr(seeds, "slope:");
    const char *intercept = strstr(seeds, "  intercept:");
    cr_assert(acc && best && slope && intercept, "%s", seeds);
    cr_assert(fabs(number_after(acc, "mean") - 0.921) < 0.0043, "%s", seeds);
    cr_assert(fabs(number_after(best, "mean") - 0.921) < 0.0043, "%s",
              seeds);
    cr_assert(fabs(number_after(slope, "mean") + 1) < 0.05, "%s", seeds);
    cr_assert(fabs(number_after(intercept, "mean") - 2) < 0.05, "%s", seeds);
    double page = number_after(fit, "training accuracy:");
    cr_assert(number_after(acc, "from") <= page &&
              page <= number_after(acc, " to "), "%g: %s", page, seeds);
    cr_assert(strstr(seeds, "sqrt(p (1 - p) / 1000) = 0.009\n"), "%s",
              seeds);
    free(seeds);
    free(fit);
}

/* The same generator and seed as chapter 2: the same sample, printed the
 * same way. */
Test(chapter03, the_sample_is_chapter_2s)
{
    char *dir3 = chapter_book_run(CHAPTER, NULL);
    char *dir2 = chapter_book_run(CHAPTER2, NULL);
    char *out3 = read_in(dir3, "sample.out", NULL);
    char *out2 = read_in(dir2, "sample.out", NULL);
    const char *x3 = strstr(out3, "X:\n"), *x2 = strstr(out2, "X:\n");
    cr_assert(x3 && x2);
    const char *end3 = strstr(x3, "]]\n"), *end2 = strstr(x2, "]]\n");
    cr_assert(end3 && end2);
    cr_assert(end3 - x3 == end2 - x2 &&
              memcmp(x3, x2, (size_t)(end3 - x3)) == 0,
              "chapter 3's sample:\n%s\nchapter 2's:\n%s", out3, out2);
    cr_assert(strstr(out3, "X.shape, y.shape: (1000, 2) (1000,)\n"));
    free(out3);
    free(out2);
}

/* The fit of the 1000 points. Over 300 samples of the tutorial's
 * distributions, scikit-learn's fit gives w1 and w2 of mean 1.96 and
 * standard deviation 0.16, b of mean -3.91 and deviation 0.28, and a
 * training accuracy of 0.921 with deviation 0.009; the boundary's slope
 * and intercept, -1.00 and 2.01 with deviations 0.09 and 0.11. Each is
 * allowed 5 deviations. */
Test(chapter03, the_fit_is_right)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *obj = read_in(dir, "objective.out", NULL);
    /* At w = 0, b = 0 every probability is 1/2: f = n log 2. */
    const char *start = strstr(obj, "\n    0     0     0 ");
    cr_assert(start, "%s", obj);
    cr_assert(fabs(number_after(start, "0     0     0 ") - 1000 * log(2)) <
              0.006, "%s", obj);

    char *fit = read_in(dir, "fit.out", NULL);
    double w1 = number_after(fit, "w1 ="), w2 = number_after(fit, "w2 =");
    double b = number_after(fit, ", b =");
    double acc = number_after(fit, "accuracy:");
    cr_assert(fabs(w1 - 1.96) < 0.8 && fabs(w2 - 1.96) < 0.8, "%s", fit);
    cr_assert(fabs(b + 3.91) < 1.4, "%s", fit);
    cr_assert(fabs(acc - 0.921) < 0.045, "%s", fit);
    cr_assert(strstr(fit, "\nconverged: "), "%s", fit);

    /* --json gives the same fit, to the printed digits. */
    fit_json j = run_json((const char *[]){NULL});
    cr_assert(fabs(j.w[0] - w1) < 6e-5 && fabs(j.w[1] - w2) < 6e-5 &&
              fabs(j.b - b) < 6e-5 && fabs(j.accuracy - acc) < 6e-4);
    cr_assert(j.n_iter == (int)number_after(fit, "iterations:"));

    char *map = read_in(dir, "probability_map.out", NULL);
    double slope = number_after(map, "P = 1/2: x2 =");
    double intercept = number_after(strstr(map, "x1 +"), "x1 +");
    cr_assert(fabs(slope + w1 / w2) < 1e-4, "%s", map);
    cr_assert(fabs(slope + 1) < 0.45 && fabs(intercept - 2.01) < 0.55,
              "%s", map);
    free(obj);
    free(fit);
    free(map);
}

/* The loss curve starts at n log 2, falls at every iteration, and has
 * n_iter + 1 values. */
Test(chapter03, the_loss_falls)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *fit = read_in(dir, "fit.out", NULL);
    int n_iter = (int)number_after(fit, "iterations:");
    char *curve = read_in(dir, "loss_curve.out", NULL);
    double prev = INFINITY;
    int k = 0;
    for (const char *s = strchr(curve, '\n'); s && s[1];
         s = strchr(s + 1, '\n')) {
        int it;
        double f;
        cr_assert_eq(sscanf(s + 1, "%d %lf", &it, &f), 2, "%s", s);
        cr_assert_eq(it, k);
        if (k == 0)
            cr_assert(fabs(f - 1000 * log(2)) < 6e-5);
        cr_assert(f <= prev, "f rose at iteration %d", k);
        prev = f;
        k++;
    }
    cr_assert_eq(k, n_iter + 1, "%s", curve);
    free(fit);
    free(curve);
}

/* Newton's method lands where L-BFGS does: f is convex, with one lowest
 * point. Both stop within tol = 1e-4 of a zero gradient, so their
 * parameters agree to about 1e-5 (|delta| <= |H^-1| tol, and H's smallest
 * eigenvalue is near 10 on this sample); f, flat at its bottom, to 1e-9
 * relative. Newton needs fewer iterations. */
Test(chapter03, newton_lands_where_l_bfgs_does)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "newton.out", NULL);
    double w[2][3], f[3];
    int it[2];
    const char *l = strstr(out, "L-BFGS:"), *n = strstr(out, "Newton:");
    cr_assert(l && n, "%s", out);
    cr_assert_eq(sscanf(l, "L-BFGS: %d iterations, w1 = %lf, w2 = %lf, "
                        "b = %lf", &it[0], &w[0][0], &w[0][1], &w[0][2]), 4);
    cr_assert_eq(sscanf(n, "Newton: %d iterations, w1 = %lf, w2 = %lf, "
                        "b = %lf", &it[1], &w[1][0], &w[1][1], &w[1][2]), 4);
    for (int k = 0; k < 3; k++)
        cr_assert(fabs(w[0][k] - w[1][k]) < 1e-5, "parameter %d: %g, %g", k,
                  w[0][k], w[1][k]);
    cr_assert_lt(it[1], it[0], "Newton in fewer iterations:\n%s", out);
    const char *fs = strstr(out, "f: L-BFGS");
    cr_assert(fs && sscanf(fs, "f: L-BFGS %lf, Newton %lf, lowest %lf",
                           &f[0], &f[1], &f[2]) == 3, "%s", out);
    cr_assert(f[2] <= f[0] && f[2] <= f[1] && f[0] - f[2] < 1e-9 * f[2] &&
              f[1] - f[2] < 1e-9 * f[2], "%s", out);
    free(out);
}

/* flatten, column stack and reshape print what numpy prints for the
 * tutorial's arrays made of floats; then the shapes on the grid. */
Test(chapter03, reshaping_prints_as_numpy_does)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "reshaping.out", NULL);
    const char *lines[] = {
        "a:\n[[0. 1.]\n [2. 3.]]\n",
        "a flattened: [0. 1. 2. 3.]\n",
        "b flattened: [4. 5. 6. 7.]\n",
        "[[0. 4.]\n [1. 5.]\n [2. 6.]\n [3. 7.]]\nc.shape: (4, 2)\n",
        "c in memory: 0 4 1 5 2 6 3 7\n",
        "d: [0. 1. 2. 3.]\nd reshaped to (2, 2):\n[[0. 1.]\n [2. 3.]]\n"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        cr_assert(strstr(out, lines[i]), "no\n%s\nin\n%s", lines[i], out);

    char *grid = read_in(dir, "grid.out", NULL);
    const char *shapes[] = {
        "gridx1.shape, gridx2.shape: (51, 51) (51, 51)\n",
        "flattened: (2601,) (2601,)\n", "grid.shape: (2601, 2)\n",
        "grid:\n[[-6.   -6.  ]\n [-5.76 -6.  ]\n",
        "prob.shape: (2601,)\nreshaped to (51, 51)\n"};
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        cr_assert(strstr(grid, shapes[i]), "no\n%s\nin\n%s", shapes[i], grid);
    free(out);
    free(grid);
}

/* The level lines z = -4, -2, 0, 2, 4 lie at z / ||w|| from the boundary,
 * with P = sigma(z). */
Test(chapter03, the_level_lines)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *fit = read_in(dir, "fit.out", NULL);
    double norm = hypot(number_after(fit, "w1 ="), number_after(fit, "w2 ="));
    char *out = read_in(dir, "linear.out", NULL);
    int n = 0;
    for (const char *s = strchr(out, '\n'); s && s[1];
         s = strchr(s + 1, '\n')) {
        double z, p, distance;
        cr_assert_eq(sscanf(s + 1, "%lf %lf %lf", &z, &p, &distance), 3);
        cr_assert(fabs(p - 1 / (1 + exp(-z))) < 6e-5, "%s", s);
        /* The norm comes from 4-digit weights. */
        cr_assert(fabs(distance - z / norm) < 1e-3, "%s", s);
        n++;
    }
    cr_assert_eq(n, 5, "%s", out);
    free(fit);
    free(out);
}

Test(chapter03, the_weaver_makes_its_page)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "3", "--figures", dir,
                               "--root", WB_SOURCE_DIR, SOURCE, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "# Fitting a logistic regression\n"));
    char **figures = manifest_figures(dir);
    for (char **f = figures; *f; f++) {
        char fig[128];
        snprintf(fig, sizeof fig,
                 "](figures/03_logreg_fit/%s){#fig-3-%s alt=\"Figure ",
                 *f, *f);
        cr_assert(strstr(r.out, fig), "no figure %s in the page", *f);
    }
    free_names(figures);
    /* The model's code, from the library: the loss, the objective with
     * its gradient, the stopping test, what runs after each iteration,
     * and the predictions. */
    const char *code[] = {"static double loss(double *dloss, double z",
                          "double wb_logreg_objective(double *grad",
                          "static bool stopping_test(wb_stop *stop, size_t k",
                          "static bool after_iteration(minimization *m,",
                          "wb_array *wb_logreg_decision_function(",
                          "wb_array *wb_logreg_predict_proba("};
    for (size_t i = 0; i < sizeof code / sizeof *code; i++)
        cr_assert(strstr(r.out, code[i]), "no '%s' in the page", code[i]);
    program_result_free(&r);
}

/* ---- the command line -------------------------------------------------- */

Test(chapter03, command_line)
{
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--help",
                                                          NULL});
    cr_assert_eq(r.status, 0);
    const char *options[] = {"--data FILE", "--C C", "--tol TOL",
                             "--max-iter N", "--json", "--w1 W1"};
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        cr_assert(strstr(r.out, options[i]), "--help lacks %s", options[i]);
    program_result_free(&r);

    const char *bad[][2] = {{"--C", "0"}, {"--max-iter", "0"},
                            {"--tol", "-1"}};
    for (size_t i = 0; i < 3; i++) {
        r = run_program(NULL, (const char *[]){CHAPTER, bad[i][0], bad[i][1],
                                               NULL});
        cr_assert_eq(r.status, 2, "%s %s", bad[i][0], bad[i][1]);
        cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
        program_result_free(&r);
    }

    r = run_program(NULL, (const char *[]){CHAPTER, "--list", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count_lines(r.out), 10, "%s", r.out);
    program_result_free(&r);
}

/* A file the chapter refuses: a bad command line, one line that names
 * the option and the file, exit status 2, before any step has run. */
static void assert_refused(const char *contents, const char *message)
{
    char *dir = test_dir("ch03-data");
    char *path = wb_path_join(dir, "sample.csv");
    FILE *fp = fopen(path, "w");
    cr_assert(fp && fputs(contents, fp) >= 0 && fclose(fp) == 0);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--data", path, "--json", NULL});
    cr_assert_eq(r.status, 2, "%s", r.err);
    cr_assert_str_eq(r.out, "", "no JSON after a failure");
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--data: "), "names the option: %s", r.err);
    cr_assert(strstr(r.err, message), "%s", r.err);
    program_result_free(&r);
    free(path);
}

Test(chapter03, bad_files_are_refused)
{
    assert_refused("x1,x2,y\n1,2,0\n3,abc,1\n",
                   "sample.csv:3: 'abc' is not a number in column x2");
    assert_refused("x,y\n1,0\n2,1\n", "1 feature, where 2 are needed");
    assert_refused("x1,x2,y\n1,2,0\n3,4,0\n", "only category 0 in its 2 examples");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--data", "/no/such/file.csv",
                               "--json", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "--data: cannot open /no/such/file.csv"), "%s",
              r.err);
    program_result_free(&r);
}

/* A tolerance inside its range that stops the fit where it starts, at
 * w = 0: a flat map, no boundary, said in words, and every figure drawn;
 * never "inf" or "nan". */
Test(chapter03, a_fit_that_stays_at_zero)
{
    char *dir = test_dir("ch03-flat");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--tol", "1000", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "w1 = 0.0000, w2 = 0.0000"), "%s", r.out);
    cr_assert(strstr(r.out, "none: w = 0, P is flat"), "%s", r.out);
    cr_assert_null(strstr(r.out, "inf"), "%s", r.out);
    cr_assert_null(strstr(r.out, "nan"), "%s", r.out);
    assert_png(dir, "levels.png", 1000, NULL, NULL);
    assert_png(dir, "probability_map.png", 1000, NULL, NULL);
    program_result_free(&r);
}

/* The fit's options reach the fit: three iterations do not converge on
 * the book's sample, and a larger C gives larger weights. */
Test(chapter03, options_reach_the_fit)
{
    fit_json short_fit = run_json((const char *[]){"--max-iter", "3", NULL});
    cr_assert_eq(short_fit.n_iter, 3);
    cr_assert_not(short_fit.converged);
    fit_json strong = run_json((const char *[]){"--C", "0.001", NULL});
    fit_json weak = run_json((const char *[]){"--C", "1000", NULL});
    cr_assert(hypot(strong.w[0], strong.w[1]) < hypot(weak.w[0], weak.w[1]));
}

/* The exercises' self-check: parameters of the reader's are measured next
 * to the fit. */
Test(chapter03, your_parameters_are_compared)
{
    char *dir = test_dir("ch03-yours");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "fit", "--w1", "2", "--w2",
                               "2", "--b", "-4", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "yours: w1 = 2, w2 = 2, b = -4: f = "), "%s",
              r.out);
    cr_assert(strstr(r.out, "a lower f than the fit's: no\n"), "%s", r.out);
    program_result_free(&r);

    /* After 3 iterations, the full fit's parameters do better. */
    fit_json full = run_json((const char *[]){NULL});
    char w1[32], w2[32], b[32];
    snprintf(w1, sizeof w1, "%.17g", full.w[0]);
    snprintf(w2, sizeof w2, "%.17g", full.w[1]);
    snprintf(b, sizeof b, "%.17g", full.b);
    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "fit",
                                           "--max-iter", "3", "--w1", w1,
                                           "--w2", w2, "--b", b, "--out",
                                           dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "a lower f than the fit's: yes!\n"), "%s", r.out);
    program_result_free(&r);
}

Test(chapter03, step_mode_runs_through_without_a_terminal)
{
    char *dir = test_dir("ch03-step");
    setenv("WB_GRAPHICS", "dumb", 1);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--step", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Step 3 of 10: Fitting with L-BFGS "));
    cr_assert(strstr(r.out, "lib/wb_logreg.c, lines"), "the library's code");
    cr_assert(strstr(r.out, "Figure probability_map"), "figures are named");
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");
    program_result_free(&r);
}
