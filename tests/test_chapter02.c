/* Chapter 2 run as the book runs it (--book), and as a reader runs it: its
 * figures are valid images, its numbers are what the sigmoid and the
 * meshgrid make them, its sample is within sampling error of the
 * tutorial's distributions, the weaver makes a page of it, and the
 * boundary step checks a reader's prediction. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define CHAPTER WB_BUILD_DIR "/chapters/02_sigmoid_2d"
#define WEAVE WB_BUILD_DIR "/book/weave"
#define SOURCE WB_SOURCE_DIR "/chapters/02_sigmoid_2d.c"

/* The numbers the chapter prints with 4 decimals are compared with their
 * exact values within half a unit of the last digit, and a little more. */
#define PRINTED_4 6e-5

static double sigmoid(double z)
{
    return 1 / (1 + exp(-z));
}

Test(chapter02, book_run_makes_every_figure)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    cr_assert_eq(assert_book_figures(dir), 6);
    char **names = manifest_figures(dir);
    const char *want[] = {"sample", "neuron", "memory", "sigmoid_map",
                          "boundary", "surface"};
    for (size_t i = 0; i < 6; i++)
        cr_assert(names[i] && strcmp(names[i], want[i]) == 0,
                  "figure %zu is %s, not %s", i, names[i], want[i]);
    free_names(names);
}

/* The sample: 500 points per category around (0, 0) and (2, 2). Each
 * mean of 500 values of width 1 has a standard error of 0.045: 5 of them
 * are allowed. */
Test(chapter02, the_sample_is_the_tutorials)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "sample.out", NULL);
    cr_assert(strstr(out, "X.shape, y.shape: (1000, 2) (1000,)\n"), "%s", out);
    for (int c = 0; c <= 1; c++) {
        char label[64];
        snprintf(label, sizeof label, "category %d: 500 points, mean (", c);
        const char *s = strstr(out, label);
        double m1, m2;
        cr_assert(s && sscanf(s + strlen(label), "%lf, %lf", &m1, &m2) == 2,
                  "%s", out);
        cr_assert(fabs(m1 - 2 * c) < 0.23 && fabs(m2 - 2 * c) < 0.23,
                  "category %d: mean (%g, %g)", c, m1, m2);
    }
    free(out);
}

/* sigma(w1 x1 + w2 x2 + b) at the points the neuron step prints, with
 * w1 = 1, w2 = 2, b = 0. */
Test(chapter02, the_neuron_computes_the_sigmoid_of_z)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "neuron.out", NULL);
    const double points[][2] = {{0, 0}, {1, 0}, {0, 1}, {2, -1},
                                {-4, 2}, {-2, -2}, {2, 2}};
    const char *s = out;
    for (size_t i = 0; i < sizeof points / sizeof *points; i++) {
        double x1, x2, z, p;
        s = strstr(s, "(x1, x2) = (");
        cr_assert(s, "point %zu missing in:\n%s", i, out);
        cr_assert_eq(sscanf(s, "(x1, x2) = (%lf, %lf): z = %lf, sigma(z) = "
                            "%lf", &x1, &x2, &z, &p), 4, "%s", s);
        cr_assert(x1 == points[i][0] && x2 == points[i][1]);
        cr_assert_eq(z, x1 + 2 * x2);
        cr_assert(fabs(p - sigmoid(z)) < PRINTED_4, "sigma(%g) = %g", z, p);
        s++;
    }
    free(out);
}

/* The meshgrid prints as numpy prints np.meshgrid(np.linspace(-6, 6, 51),
 * ...): these lines are the tutorial's own output. */
Test(chapter02, the_meshgrid_prints_as_numpy_does)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "meshgrid.out", NULL);
    const char *lines[] = {
        "gridx1.shape, gridx2.shape: (51, 51) (51, 51)\n",
        "gridx1:\n[[-6.   -5.76 -5.52 ...  5.52  5.76  6.  ]\n"
        " [-6.   -5.76 -5.52 ...  5.52  5.76  6.  ]\n",
        "gridx2:\n[[-6.   -6.   -6.   ... -6.   -6.   -6.  ]\n"
        " [-5.76 -5.76 -5.76 ... -5.76 -5.76 -5.76]\n",
        " [ 6.    6.    6.   ...  6.    6.    6.  ]]\n"};
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        cr_assert(strstr(out, lines[i]), "no\n%s\nin\n%s", lines[i], out);
    free(out);
}

/* Element k of the (51, 51) grids is (i, j) = (k / 51, k % 51), at
 * x1 = -6 + 0.24 j, x2 = -6 + 0.24 i: the bottom row first. */
Test(chapter02, the_grid_is_walked_row_by_row_from_the_bottom)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *out = read_in(dir, "memory.out", NULL);
    int rows = 0;
    for (const char *s = strchr(out, '\n'); s && s[1];
         s = strchr(s + 1, '\n')) {
        size_t k, i, j;
        double x1, x2;
        if (sscanf(s + 1, "%zu %zu %zu (%lf, %lf)", &k, &i, &j, &x1, &x2) != 5)
            continue;
        cr_assert(i == k / 51 && j == k % 51, "k = %zu", k);
        cr_assert(fabs(x1 - (-6 + 0.24 * (double)j)) < 1e-9, "k = %zu", k);
        cr_assert(fabs(x2 - (-6 + 0.24 * (double)i)) < 1e-9, "k = %zu", k);
        rows++;
    }
    cr_assert_eq(rows, 8, "%s", out);
    free(out);
}

Test(chapter02, the_map_and_the_boundary)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *map = read_in(dir, "heatmap.out", NULL);
    cr_assert(strstr(map, "sigma.shape: (51, 51)\n"), "%s", map);
    /* Printed with 3 significant digits: 1e-2 relative. */
    double low = number_after(map, "sigma(-6, -6) =");
    double high = number_after(map, "sigma(6, 6) = 1 -");
    cr_assert(fabs(low / sigmoid(-18) - 1) < 1e-2, "%g", low);
    cr_assert(fabs(high / sigmoid(-18) - 1) < 1e-2, "%g", high);

    /* x2 = -(w1 / w2) x1 - b / w2 = -0.5 x1; on it sigma = 1/2, and half
     * a unit above and below, z = +-1. */
    char *line = read_in(dir, "boundary.out", NULL);
    cr_assert(strstr(line, "the boundary: x2 = -0.5 x1 + 0\n"), "%s", line);
    int points = 0;
    for (const char *s = strstr(line, "\n  ("); s;
         s = strstr(s + 1, "\n  (")) {
        double x1, x2, on, below, above;
        cr_assert_eq(sscanf(s, " (%lf, %lf) %lf %lf %lf", &x1, &x2, &on,
                            &below, &above), 5, "%s", s);
        cr_assert(fabs(x2 + 0.5 * x1) < 1e-9, "(%g, %g) is off the line", x1,
                  x2);
        cr_assert(fabs(on - 0.5) < PRINTED_4);
        cr_assert(fabs(below - sigmoid(-1)) < PRINTED_4);
        cr_assert(fabs(above - sigmoid(1)) < PRINTED_4);
        points++;
    }
    cr_assert_eq(points, 3, "%s", line);

    char *surface = read_in(dir, "surface.out", NULL);
    cr_assert(fabs(number_after(surface, "|(w1, w2)| =") - sqrt(5)) <
              PRINTED_4, "%s", surface);
    free(map);
    free(line);
    free(surface);
}

/* Weights inside their ranges whose line has no slope or no place a
 * double can hold: a vertical line, or no boundary, said in words, and
 * the figures drawn; never "inf" or "nan". */
Test(chapter02, a_boundary_without_a_slope_or_out_of_reach)
{
    const char *cases[][4] = {
        {"-100", "1e-310", "100", "the boundary: the vertical line x1 = 1 "
                                  "(w2 is too small beside w1 for a slope)"},
        {"1e-310", "1e-310", "100", "sigma = 1 everywhere, no boundary"},
        {"0", "0", "1", "w1 = w2 = 0: sigma = 0.731059 everywhere"},
        {"2", "0", "1", "the boundary: the vertical line x1 = -0.5\n"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *dir = test_dir("ch02-edge");
        program_result r = run_program(
            NULL, (const char *[]){CHAPTER, "--w1", cases[i][0], "--w2",
                                   cases[i][1], "--b", cases[i][2], "--out",
                                   dir, "--slope", "1", NULL});
        cr_assert_eq(r.status, 0, "%s", r.err);
        cr_assert(strstr(r.out, cases[i][3]), "%s", r.out);
        cr_assert_null(strstr(r.out, "inf"), "%s", r.out);
        cr_assert_null(strstr(r.out, "nan"), "%s", r.out);
        cr_assert(strstr(r.out, "your slope, 1: not quite"), "%s", r.out);
        assert_png(dir, "boundary.png", 1000, NULL, NULL);
        program_result_free(&r);
    }
}

/* The same seed gives the same numbers and the same figures. */
Test(chapter02, runs_are_reproducible)
{
    char *a = chapter_book_run(CHAPTER, NULL);
    char *b = chapter_book_run(CHAPTER, NULL);
    assert_same_files(a, b, (const char *[]){
        "sample.out", "sample.dat", "boundary.out", "sigmoid_map.dat",
        "surface.gp", "memory.png", "neuron.png", "boundary.pdf",
        "manifest.tsv", NULL});
}

Test(chapter02, the_weaver_makes_its_page)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "2", "--figures", dir,
                               "--root", WB_SOURCE_DIR, SOURCE, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "# The sigmoid in two dimensions\n"));
    char **figures = manifest_figures(dir);
    for (char **f = figures; *f; f++) {
        char fig[128];
        snprintf(fig, sizeof fig,
                 "](figures/02_sigmoid_2d/%s){#fig-2-%s alt=\"Figure ",
                 *f, *f);
        cr_assert(strstr(r.out, fig), "no figure %s in the page", *f);
    }
    free_names(figures);
    /* The sample's code, from the library, is in the page. */
    cr_assert(strstr(r.out, "int wb_sample_gaussians_2d(wb_array **X"));
    cr_assert(strstr(r.out, "static int boundary(wb_run *run)\n"));
    program_result_free(&r);
}

Test(chapter02, command_line)
{
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--help",
                                                          NULL});
    cr_assert_eq(r.status, 0);
    const char *options[] = {"--step", "--only", "--list", "--seed",
                             "--w1 W1", "--w2 W2", "--b B", "--slope S",
                             "--intercept I"};
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        cr_assert(strstr(r.out, options[i]), "--help lacks %s", options[i]);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--w2", "two", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--w2: 'two' is not a number"), "%s", r.err);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--list", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count_lines(r.out), 7, "%s", r.out);
    program_result_free(&r);
}

/* Runs the boundary step alone with the given options; returns its
 * output. */
static char *boundary_with(const char *const *args)
{
    const char *argv[16] = {CHAPTER, "--only", "boundary", "--out", NULL};
    size_t k = 4;
    argv[k++] = test_dir("ch02-boundary");
    for (; *args; args++)
        argv[k++] = *args;
    argv[k] = NULL;
    program_result r = run_program(NULL, argv);
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *out = wb_strdup(r.out);
    program_result_free(&r);
    return out;
}

/* The exercises' self-check: the boundary step says whether a predicted
 * slope and intercept are the boundary's. */
Test(chapter02, predictions_are_checked)
{
    char *out = boundary_with((const char *[]){"--slope", "-0.5",
                                               "--intercept", "0", NULL});
    cr_assert(strstr(out, "your slope, -0.5: right!"), "%s", out);
    cr_assert(strstr(out, "your intercept, 0: right!"), "%s", out);
    cr_assert_null(strstr(out, "[1/7]"), "earlier steps run silently");
    free(out);

    /* Exercise 3: x2 = 3 x1 + 2. */
    out = boundary_with((const char *[]){"--w1", "3", "--w2", "-1", "--b",
                                         "2", "--slope", "3", "--intercept",
                                         "-2", NULL});
    cr_assert(strstr(out, "the boundary: x2 = 3 x1 + 2\n"), "%s", out);
    cr_assert(strstr(out, "your slope, 3: right!"), "%s", out);
    cr_assert(strstr(out, "your intercept, -2: not quite"), "%s", out);
    free(out);

    /* A guess written with 4 digits is right: -1/3 is -0.3333. */
    out = boundary_with((const char *[]){"--w1", "1", "--w2", "3",
                                         "--slope", "-0.3333", NULL});
    cr_assert(strstr(out, "your slope, -0.3333: right!"), "%s", out);
    free(out);

    /* With w2 = 0 the boundary is the vertical line x1 = -b/w1. */
    out = boundary_with((const char *[]){"--w2", "0", "--b", "2", "--slope",
                                         "1", NULL});
    cr_assert(strstr(out, "the vertical line x1 = -2\n"), "%s", out);
    cr_assert(strstr(out, "not quite: with w2 = 0"), "%s", out);
    free(out);

    out = boundary_with((const char *[]){"--w1", "0", "--w2", "0", NULL});
    cr_assert(strstr(out, "no boundary"), "%s", out);
    free(out);
}

/* --step, with standard input not a terminal: shows each step's prose and
 * code, runs everything, never waits. */
Test(chapter02, step_mode_runs_through_without_a_terminal)
{
    char *dir = test_dir("ch02-step");
    setenv("WB_GRAPHICS", "dumb", 1);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--step", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Step 1 of 7: Two clouds of points "));
    cr_assert(strstr(r.out, "Step 7 of 7: The sigmoid in three "
                            "dimensions "));
    cr_assert(strstr(r.out, "lib/wb_sample.c, lines"), "the library's code");
    cr_assert(strstr(r.out, "Figure boundary"), "figures are named");
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");
    program_result_free(&r);
}
