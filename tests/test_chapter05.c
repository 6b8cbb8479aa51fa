/* Chapter 5 run as the book runs it (--book) and as a reader runs it: its
 * figures, its numbers against what they must be, the claims its prose
 * makes about the trained network, --json, the checks of --hidden and the
 * other words of its command line, --data and --test-data, and the check
 * of --predict. (Its exercises are tested with the others, in
 * test_exercises.c.) */
#include <criterion/criterion.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "wb.h"

#define CHAPTER WB_BUILD_DIR "/chapters/05_mlp"
#define SOURCE WB_SOURCE_DIR "/chapters/05_mlp.c"

/* The standard error of an accuracy measured on the 500 test points, at
 * its largest (a true accuracy of 1/2): sqrt(0.25 / 500) = 0.022. Sample
 * values are allowed 5 of them. */
#define SE_500 0.0224

/* The most a straight boundary can get right of the quadrant problem: it
 * cuts off one corner of the square, as x1 + x2 > 2/3, and gets 2/3 of
 * the area right. */
#define BEST_LINE (2.0 / 3.0)

/* One row of the comparison table of the last step: the test accuracy
 * over the samples (mean, sd, range), and on this page's sample (test,
 * epochs). */
typedef struct row {
    double mean, sd, from, to, test;
    int epochs;
} row;

/* The row of the table in `text` whose hidden layer is `name` ("2 relu",
 * "50 identity", ...). */
static row table_row(const char *text, const char *name)
{
    char start[32];
    row r;
    snprintf(start, sizeof start, "\n%-13s  ", name);
    const char *s = strstr(text, start);
    cr_assert(s, "no row '%s' in:\n%s", name, text);
    cr_assert_eq(sscanf(s + strlen(start), "%lf %lf %lf %lf %lf %d", &r.mean,
                        &r.sd, &r.from, &r.to, &r.test, &r.epochs), 6,
                 "%s", s);
    return r;
}

static const char *const ACTIVATIONS[] = {"relu", "tanh", "logistic",
                                          "identity"};
static const int WIDTHS[] = {2, 3, 5, 10, 50};

/* The accuracies of the tutorial's network that scikit-learn 1.2.1 gets
 * on its fresh samples, in tests/fixtures/mlp.txt: their count, into a. */
static size_t sklearn_accuracies(double *a, size_t max)
{
    char *text = read_in(WB_SOURCE_DIR "/tests/fixtures", "mlp.txt", NULL);
    const char *s = strstr(text, "case tutorial\nkind accuracy\naccuracy ");
    size_t n = 0;
    int count, used;
    cr_assert(s, "no accuracy case in tests/fixtures/mlp.txt");
    s += strlen("case tutorial\nkind accuracy\naccuracy ");
    cr_assert_eq(sscanf(s, "%d%n", &count, &used), 1);
    s += used;
    for (; n < (size_t)count && n < max; n++) {
        cr_assert_eq(sscanf(s, "%lf%n", &a[n], &used), 1);
        s += used;
    }
    free(text);
    return n;
}

/* The chapter's source with every run of white space made one space, so
 * that the prose reads as one line. */
static char *source_text(void)
{
    char *text = read_in(WB_SOURCE_DIR "/chapters", "05_mlp.c", NULL);
    char *w = text;
    for (const char *r = text; *r; r++)
        if (!(isspace((unsigned char)*r) && w > text &&
              isspace((unsigned char)w[-1])))
            *w++ = isspace((unsigned char)*r) ? ' ' : *r;
    *w = '\0';
    return text;
}

/* ---- the book's run -------------------------------------------------- */

Test(chapter05, book_run_makes_every_figure)
{
    static const char *names[] = {"network", "loss", "probability_map",
                                  "relu", "switch_lines", "snapshots",
                                  "hidden_units", "hidden_space",
                                  "trained_network", "boundaries",
                                  "loss_curves", NULL};
    char *dir = chapter_book_run(CHAPTER, NULL);
    cr_assert_eq(assert_book_figures(dir), 11);
    char **figures = manifest_figures(dir);
    for (size_t i = 0; names[i]; i++)
        cr_assert(figures[i] && strcmp(figures[i], names[i]) == 0,
                  "figure %zu is %s, not %s", i, figures[i], names[i]);
    free_names(figures);
}

/* What the steps before the table print, against what it must be. */
Test(chapter05, numbers_are_right)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    int ones, zeros;
    char *text = read_in(dir, "samples.out", NULL);
    const char *train = strstr(text, "training sample: X (500, 2), drawn; ");
    cr_assert(train, "%s", text);
    cr_assert_eq(sscanf(train, "training sample: X (500, 2), drawn; %d in "
                        "category 1, %d in category 0", &ones, &zeros), 2);
    /* 500 uniform points: each is in category 1 with probability 1/2,
     * and the count's standard error is sqrt(500 / 4) = 11.2. */
    cr_assert_eq(ones + zeros, 500);
    cr_assert(abs(ones - 250) <= 5 * 11.2, "%d in category 1", ones);
    cr_assert(strstr(text, "test sample: X (500, 2), drawn; "), "%s", text);
    free(text);

    /* Two inputs, 50 hidden units, one output: 3 * 50 + 51 parameters. */
    text = read_in(dir, "network.out", NULL);
    cr_assert_eq(number_after(text, "parameters:"), 201, "%s", text);
    free(text);

    /* The first weights: within Glorot's bound sqrt(6 / 52) = 0.340; a
     * unit is off all over the square with probability 1/12, so that the
     * mean number of 50 over 10000 draws is 50/12 = 4.17, within 5 of its
     * standard errors (sd / 100, with an sd of about 2); and the forward
     * pass gives about 1/2 everywhere, a loss near ln 2. */
    text = read_in(dir, "start.out", NULL);
    cr_assert(number_after(text, "largest |W| or |b|:") <= sqrt(6.0 / 52),
              "%s", text);
    double dead = number_after(text, "over 10000 other draws: mean");
    double dead_sd = number_after(text, ", sd");
    cr_assert(fabs(dead - 50.0 / 12) <= 5 * dead_sd / 100, "%s", text);
    cr_assert(fabs(number_after(text, "loss") - log(2)) < 0.05, "%s", text);
    cr_assert(number_after(text, "p from") > 0.3, "%s", text);
    cr_assert(number_after(strstr(text, "p from"), " to ") < 0.7, "%s", text);
    free(text);

    /* Central differences with a step of 1e-6 on a loss of about 0.7 are
     * right to about 1e-10 (rounding, 1e-16 / 1e-6, and the step squared);
     * 1e-7 leaves room and still catches a wrong derivative, which is off
     * by the size of the derivatives themselves, about 1e-2. */
    text = read_in(dir, "gradient_check.out", NULL);
    const char *largest = strstr(text, "largest difference");
    cr_assert(largest, "%s", text);
    cr_assert(number_after(largest, "formula") < 1e-7, "%s", text);
    cr_assert(number_after(largest, "backward pass") < 1e-7, "%s", text);
    cr_assert(strstr(text, "over the 50 units:"), "no unit left out: %s",
              text);
    cr_assert_null(strstr(text, "left out"), "%s", text);
    free(text);

    text = read_in(dir, "training.out", NULL);
    double epochs = number_after(text, "converged after");
    double loss = number_after(text, "final loss");
    double train_acc = number_after(text, "training accuracy");
    cr_assert(epochs >= 1 && epochs < 10000, "%s", text);
    /* It learned: far below ln 2, the loss of p = 1/2 everywhere. */
    cr_assert(loss > 0 && loss < 0.5 * log(2), "%s", text);
    /* It fits its training points but for a few beside the axes. */
    cr_assert(train_acc >= 0.97, "%s", text);
    cr_assert_null(strstr(text, "epoch 10, loss"), "no progress line");
    free(text);

    text = read_in(dir, "test.out", NULL);
    double test_acc = number_after(text, "test accuracy");
    cr_assert(test_acc >= 0.95 && test_acc <= 1, "%s", text);
    /* The introduction says: 97 to 99 test points in 100, whatever the
     * sample; this one, and every one of the step's. */
    cr_assert(test_acc > 0.98, "%s", text);
    /* The mistakes agree with the accuracy, and sit beside the axes, as
     * the prose says. */
    int mistakes;
    cr_assert_eq(sscanf(strchr(text, '\n') + 1, "%d mistakes", &mistakes), 1,
                 "%s", text);
    cr_assert_eq(mistakes, (int)lround((1 - test_acc) * 500), "%s", text);
    cr_assert(number_after(text, "all within") < 0.1, "%s", text);
    /* The binomial sd of @eq:binomial, at the test accuracy. */
    double q = number_after(text, "own sd at");
    cr_assert_eq(q, test_acc, "%s", text);
    cr_assert(fabs(number_after(text, "/ 500) =") -
                   sqrt(q * (1 - q) / 500)) <= 5e-4, "%s", text);
    free(text);

    /* Over 10 samples: the first is this one, each as the prose says
     * (97 to 99 points in 100), and the spread is what wb_spread_str says
     * of them; the sd over the samples is of the order of the test
     * sample's own (the prose: not much more), the epochs within a few
     * per cent of their mean, the mistakes within a few hundredths of an
     * axis, most folds through the centre, and more units off at the end
     * than the 50/12 dead at the start. */
    text = read_in(dir, "seeds.out", NULL);
    const char *spread = strstr(text, "sample by sample:");
    cr_assert(spread, "%s", text);
    spread += strlen("sample by sample:");
    double acc[10], sum = 0, lo = 1, hi = 0;
    for (int k = 0, used; k < 10; k++, spread += used) {
        cr_assert_eq(sscanf(spread, "%lf%n", &acc[k], &used), 1, "%s", text);
        cr_assert(acc[k] >= 0.97 && acc[k] < 1, "%s", text);
        sum += acc[k];
        lo = fmin(lo, acc[k]);
        hi = fmax(hi, acc[k]);
    }
    cr_assert_eq(acc[0], test_acc, "%s", text);
    const char *acc_line = strstr(text, "\ntest accuracy:");
    cr_assert(acc_line, "%s", text);
    cr_assert(fabs(number_after(acc_line, "mean") - sum / 10) <= 5e-4, "%s",
              text);
    cr_assert_eq(number_after(acc_line, "from"), lo, "%s", text);
    cr_assert_eq(number_after(acc_line, " to "), hi, "%s", text);
    double sd = number_after(acc_line, "sd");
    q = number_after(text, "own sd at");
    double own = number_after(text, "/ 500) =");
    cr_assert(fabs(own - sqrt(q * (1 - q) / 500)) <= 5e-4, "%s", text);
    cr_assert(sd <= 3 * own, "%s", text);
    const char *ep = strstr(text, "epochs:");
    cr_assert(ep, "%s", text);
    cr_assert(number_after(ep, "sd") <= 0.1 * number_after(ep, "mean"), "%s",
              text);
    cr_assert(number_after(strstr(text, "farthest mistake"), " to ") <= 0.1,
              "%s", text);
    cr_assert(number_after(strstr(text, "folds through the centre:"),
                           "mean") > 25, "%s", text);
    cr_assert(number_after(strstr(text, "units off all over the square:"),
                           "mean") > 50.0 / 12, "%s", text);
    free(text);

    text = read_in(dir, "relu.out", NULL);
    cr_assert(strstr(text, "relu(-0.001) = 0, relu(0) = 0, relu(0.001) = "
                           "0.001\n"), "%s", text);
    cr_assert(strstr(text, "slope on the left 0, on the right 1\n"), "%s",
              text);
    /* Without its kinks the network is one line: no better than the best
     * line, give or take the test sample's error. */
    cr_assert(number_after(strstr(text, "without"), "test accuracy") <=
              BEST_LINE + 5 * SE_500, "%s", text);
    free(text);
}

/* scikit-learn's spread, as the test step's prose quotes it, is the one
 * of the fixture that tests/reference/make_mlp_fixtures.py wrote. */
Test(chapter05, the_prose_quotes_scikit_learn_as_it_scored)
{
    double a[64], sum = 0, lo = 1, hi = 0;
    size_t n = sklearn_accuracies(a, 64);
    cr_assert(n >= 5, "%zu accuracies", n);
    for (size_t k = 0; k < n; k++) {
        sum += a[k];
        lo = fmin(lo, a[k]);
        hi = fmax(hi, a[k]);
    }
    char *text = source_text();
    char *quote = wb_asprintf("On %zu fresh pairs of samples (numpy's, with "
                              "the seeds 0 to %zu,", n, n - 1);
    cr_assert(strstr(text, quote), "the prose does not say: %s", quote);
    free(quote);
    quote = wb_asprintf("scores from %.3f to %.3f, %.3f on average", lo, hi,
                        sum / (double)n);
    cr_assert(strstr(text, quote), "the prose does not say: %s", quote);
    free(quote);
    free(text);
}

/* What the prose says of the trained network: most folds pass through the
 * centre, around the diagonals, in four groups, weighted + towards the
 * same-sign quadrants and - towards the others; the other folds have small
 * weights; z follows |x1 + x2| - |x1 - x2|; in the hidden layer's
 * coordinates a line parts the categories; the network as it learned. */
Test(chapter05, the_hidden_layer_is_as_the_prose_says)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *text = read_in(dir, "switch_lines.out", NULL);
    int central = (int)number_after(text, "centre (within 0.05):");
    int elsewhere = (int)number_after(text, "elsewhere in the square:");
    int on = (int)number_after(text, "on all over the square:");
    int off = (int)number_after(text, "off all over the square:");
    cr_assert_eq(central + elsewhere + on + off, 50, "%s", text);
    cr_assert(central > elsewhere + on + off, "%s", text);
    /* Closer to a diagonal than to an axis: within 22.5 degrees. */
    cr_assert(number_after(text, "within") < 22.5, "%s", text);
    double small = number_after(text, "|v_h| at most"), smallest = INFINITY;
    static const char *quadrants[] = {"x1 > 0, x2 > 0:", "x1 < 0, x2 > 0:",
                                      "x1 < 0, x2 < 0:", "x1 > 0, x2 < 0:"};
    int sum = 0;
    for (int q = 0; q < 4; q++) {
        int n;
        double lo, hi;
        const char *s = strstr(text, quadrants[q]);
        cr_assert(s, "%s", text);
        cr_assert_eq(sscanf(s + strlen(quadrants[q]), "%d, output weights "
                            "v_h from %lf to %lf", &n, &lo, &hi), 3, "%s", s);
        cr_assert(n >= 1, "%s", text);
        cr_assert(q % 2 == 0 ? lo > 0 : hi < 0, "%s", text);
        smallest = fmin(smallest, q % 2 == 0 ? lo : -hi);
        sum += n;
    }
    cr_assert_eq(sum, central, "%s", text);
    cr_assert(small < smallest, "%s", text);
    free(text);

    text = read_in(dir, "hidden_maps.out", NULL);
    cr_assert(number_after(text, "over the grid:") >= 0.95, "%s", text);
    cr_assert_eq(count_lines(text), 5, "the correlation and four units");
    /* The units of the maps are the diagram's, in the same order. */
    char *diagram = read_in(dir, "trained_network.txt", NULL);
    const char *after = diagram;
    for (const char *u = text; (u = strstr(u, "\nunit ")); u++) {
        int h;
        cr_assert_eq(sscanf(u, "\nunit %d:", &h), 1);
        /* h13 in the diagram's text is h₁₃: look for the subscript digits. */
        static const char *sub[] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇",
                                    "₈", "₉"};
        char want[32] = "( h";
        if (h >= 10)
            strcat(want, sub[h / 10]);
        strcat(want, sub[h % 10]);
        strcat(want, " ) ");
        const char *at = strstr(after, want);
        cr_assert(at, "unit %d is not in the diagram, after the units "
                  "before it:\n%s", h, diagram);
        after = at;
    }
    free(diagram);
    free(text);

    /* In (s-, s+), the line z = 0 parts the test points as the network
     * does: z has the sign of u wherever the network is right; and s+ and
     * s- follow the two diagonals' absolute values. */
    text = read_in(dir, "hidden_space.out", NULL);
    char *test = read_in(dir, "test.out", NULL);
    int agree = (int)number_after(text, "at ");
    int mistakes;
    cr_assert_eq(sscanf(strchr(test, '\n') + 1, "%d mistakes", &mistakes),
                 1);
    cr_assert_eq(agree, 500 - mistakes, "%s", text);
    cr_assert(number_after(text, "s+ with |x1 + x2|:") >= 0.95, "%s", text);
    cr_assert(number_after(text, "s- with |x1 - x2|:") >= 0.95, "%s", text);
    free(test);
    free(text);

    /* 2 x 50 weights into the hidden layer, 50 out of it. */
    text = read_in(dir, "trained_network.out", NULL);
    int weights, positive, negative;
    cr_assert_eq(sscanf(text, "%d weights: %d positive, %d negative",
                        &weights, &positive, &negative), 3, "%s", text);
    cr_assert(weights == positive + negative && weights <= 150, "%s", text);
    /* Neuron 4, as the prose says: off at every training point from the
     * start (a derivative of exactly 0), and off all over the square at
     * the end; and every neuron dead from the start is still dead. */
    cr_assert(strstr(text, "the neurons off all over the square: 4,"), "%s",
              text);
    char *start = read_in(dir, "start.out", NULL);
    const char *dead = strstr(start, "units off all over the square:");
    cr_assert(dead, "%s", start);
    dead += strlen("units off all over the square:");
    for (int h, used; sscanf(dead, " %d%n", &h, &used) == 1; dead += used) {
        char *at = wb_asprintf(" %d,", h), *last = wb_asprintf(" %d\n", h);
        cr_assert(strstr(text, at) || strstr(text, last),
                  "unit %d, dead from the start, lives: %s", h, text);
        free(at);
        free(last);
    }
    free(start);
    free(text);
    text = read_in(dir, "gradient_check.out", NULL);
    cr_assert(strstr(text, "\n   4    0.00000000      0.00000000          "
                           "0.00000000\n"), "%s", text);
    free(text);

    /* The network while it learned, as the prose tells it: at first every
     * p below 1/2 (all called category 0); after 30 epochs right at 9
     * points in 10 with p still within 0.15 of 1/2; at 100 about half the
     * folds through the centre; at the end, the trained network. */
    text = read_in(dir, "snapshots.out", NULL);
    const char *e0 = strstr(text, "epoch    0:"), *e30 = strstr(text,
                                                               "epoch   30:");
    const char *e100 = strstr(text, "epoch  100:");
    cr_assert(e0 && e30 && e100, "%s", text);
    cr_assert(number_after(e0, " to ") < 0.5, "%s", text);
    cr_assert(number_after(e30, "accuracy") >= 0.9, "%s", text);
    cr_assert(number_after(e30, "p from") > 0.35, "%s", text);
    cr_assert(number_after(e30, " to ") < 0.65, "%s", text);
    int c100 = (int)number_after(strstr(e100, " to "), ", ");
    cr_assert(c100 >= 15 && c100 <= 35, "%s", text);
    cr_assert_eq(count_lines(text), 4, "%s", text);
    free(text);
}

/* The gradient check in a large network takes a bounded number of units,
 * spread over the layer, and says so; with inputs so large that the
 * output saturates, where finite differences measure nothing, it says
 * so and is left out, and the run goes on. */
Test(chapter05, the_gradient_check_in_large_networks_and_inputs)
{
    char *dir = test_dir("ch05-check");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "gradient_check", "--hidden",
                               "300,300", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *at = strstr(r.out, " of the 300 units checked");
    cr_assert(at, "%s", r.out);
    while (at > r.out && at[-1] >= '0' && at[-1] <= '9')
        at--;
    size_t checked = strtoul(at, NULL, 10);
    cr_assert(checked >= 5 && checked < 50, "%zu units: %s", checked, r.out);
    program_result_free(&r);

    char *path = wb_path_join(dir, "large.csv");
    wb_rng rng;
    wb_array *X, *y;
    wb_rng_seed(&rng, 5);
    cr_assert_eq(wb_sample_quadrants(&X, &y, &rng, 200), 0);
    for (size_t i = 0; i < X->size; i++)
        X->data[i] *= 1e4;
    cr_assert_eq(wb_write_csv(path, X, y), 0, "%s", wb_error());
    r = run_program(NULL, (const char *[]){CHAPTER, "--only",
                                           "gradient_check", "--data", path,
                                           "--test-data", path, "--out", dir,
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "samples saturate the output"), "%s", r.out);
    program_result_free(&r);
    wb_free(X);
    wb_free(y);
    free(path);
}

/* The table: every row, sensible values, and the rows the prose speaks
 * of as it says. */
Test(chapter05, the_table_compares_the_networks)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *text = read_in(dir, "compare.out", NULL);
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 5; j++) {
            char name[32];
            snprintf(name, sizeof name, "%d %s", WIDTHS[j], ACTIVATIONS[i]);
            row r = table_row(text, name);
            cr_assert(r.epochs >= 1 && r.epochs <= 10000, "%s", name);
            cr_assert(r.from <= r.mean && r.mean <= r.to && r.from >= 0 &&
                      r.to <= 1 && r.sd >= 0, "%s", name);
            cr_assert(r.test >= r.from && r.test <= r.to, "%s", name);
            /* A line, or a network stuck near p = 1/2: no sample does
             * better than the best line, give or take the test's error. */
            if (i >= 2)
                cr_assert(r.to <= BEST_LINE + 5 * SE_500, "%s: %s", name,
                          text);
        }
    /* 10 ReLU or tanh neurons do nearly as well as 50, and vary little;
     * 2 and 3 ReLU neurons vary much more. */
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 3; j < 5; j++) {
            char name[32];
            snprintf(name, sizeof name, "%d %s", WIDTHS[j], ACTIVATIONS[i]);
            row r = table_row(text, name);
            cr_assert(r.mean >= 0.96 && r.sd <= 0.02, "%s: %s", name, text);
        }
    cr_assert(table_row(text, "2 relu").sd > 5 * table_row(text, "50 relu").sd,
              "%s", text);
    /* The spread of 2 ReLU neurons is theirs, not the test sample's: it
     * is more than twice the binomial sd at q = 1/2 that the step prints,
     * sqrt(0.25 / 500). */
    double own = number_after(text, "sqrt(q (1 - q) / 500):");
    cr_assert(fabs(own - sqrt(0.25 / 500)) <= 5e-4, "%s", text);
    cr_assert(table_row(text, "2 relu").sd > 2 * own, "%s", text);
    cr_assert(table_row(text, "3 relu").sd > 5 * table_row(text, "50 relu").sd,
              "%s", text);
    /* The 50 ReLU units on this page's sample start where the training
     * step's did, with the same settings: the same network, to the last
     * digit. */
    char *training = read_in(dir, "training.out", NULL);
    char *test = read_in(dir, "test.out", NULL);
    row relu = table_row(text, "50 relu");
    cr_assert_eq(relu.epochs, (int)number_after(training, "converged after"));
    cr_assert_eq(relu.test, number_after(test, "test accuracy"));
    free(training);
    free(test);
    free(text);
}

/* The same seed gives the same numbers and the same figures. */
Test(chapter05, runs_are_reproducible)
{
    char *a = chapter_book_run(CHAPTER, NULL);
    char *b = chapter_book_run(CHAPTER, NULL);
    assert_same_files(a, b, (const char *[]){
        "start.out", "training.out", "test.out", "switch_lines.out",
        "snapshots.out", "hidden_space.out", "compare.out",
        "hidden_units.dat", "snapshots.dat", "trained_network.png",
        "manifest.tsv", NULL});
}

/* ---- --json ------------------------------------------------------------ */

/* The number after "NAME": in a JSON object. */
static double json_number(const char *json, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "\"%s\":", name);
    return number_after(json, key);
}

Test(chapter05, json_summarises_the_fit)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *training = read_in(dir, "training.out", NULL);
    char *test = read_in(dir, "test.out", NULL);
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--json",
                                                          NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    cr_assert_eq(count_lines(r.out), 1, "one line: %s", r.out);
    const char *head = "{\"model\":\"mlp\",\"hidden\":[50],"
                       "\"activation\":\"relu\",\"solver\":\"adam\",";
    cr_assert(strncmp(r.out, head, strlen(head)) == 0, "%s", r.out);
    cr_assert(r.out[strlen(r.out) - 2] == '}', "%s", r.out);
    assert_json_numbers_shortest(r.out);
    /* The same fit as the book's, read back from its exact digits. */
    cr_assert_eq(json_number(r.out, "n_iter"),
                 number_after(training, "converged after"));
    cr_assert(strstr(r.out, "\"converged\":true"), "%s", r.out);
    cr_assert(fabs(json_number(r.out, "loss") -
                   number_after(training, "final loss")) <= 5e-5);
    cr_assert(fabs(json_number(r.out, "train_accuracy") -
                   number_after(training, "training accuracy")) <= 5e-4);
    cr_assert(fabs(json_number(r.out, "test_accuracy") -
                   number_after(test, "test accuracy")) <= 5e-4);
    /* An accuracy of 500 points is a multiple of 1/500. */
    double acc = json_number(r.out, "test_accuracy") * 500;
    cr_assert(fabs(acc - round(acc)) < 1e-9, "%s", r.out);
    program_result_free(&r);
    free(training);
    free(test);

    r = run_program(NULL, (const char *[]){CHAPTER, "--json", "--hidden",
                                           "10,10", "--activation",
                                           "sigmoid", "--max-iter", "20",
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\"hidden\":[10,10],\"activation\":\"logistic\""
                            ",\"solver\":\"adam\",\"n_iter\":"), "%s", r.out);
    cr_assert(json_number(r.out, "n_iter") <= 20, "%s", r.out);
    program_result_free(&r);
}

/* ---- the command line -------------------------------------------------- */

/* A bad list gets one line naming --hidden, and exit status 2, before
 * anything runs. */
Test(chapter05, bad_hidden_lists_are_refused)
{
    const char *lists[] = {"abc", "50,,3", "50,", ",50", "0", "50,0",
                           "1001", "-5", "5.5", "+5", " 5", "",
                           "1,2,3,4,5,6,7,8,9", "--hidden=x"};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        const char *argv[] = {CHAPTER, "--hidden", lists[i], "--quiet",
                              NULL};
        if (strncmp(lists[i], "--", 2) == 0) {    /* the --NAME=VALUE form */
            argv[1] = lists[i];
            argv[2] = "--quiet";
            argv[3] = NULL;
        }
        program_result r = run_program(NULL, argv);
        cr_assert_eq(r.status, 2, "'%s': status %d", lists[i], r.status);
        cr_assert_eq(count_lines(r.err), 1, "'%s': %s", lists[i], r.err);
        cr_assert(strncmp(r.err, "05_mlp: --hidden: ", 18) == 0, "%s", r.err);
        cr_assert_str_eq(r.out, "", "'%s': nothing ran", lists[i]);
        program_result_free(&r);
    }
}

Test(chapter05, good_lists_and_bad_words)
{
    const char *good[] = {"1", "50", "10,10", "3,3,3", "1000",
                          "1,2,3,4,5,6,7,8"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        program_result r = run_program(
            NULL, (const char *[]){CHAPTER, "--hidden", good[i], "--list",
                                   NULL});
        cr_assert_eq(r.status, 0, "'%s': %s", good[i], r.err);
        program_result_free(&r);
    }
    const char *bad[][3] = {{"--activation", "relux", "--activation: "},
                            {"--solver", "bfgs", "--solver: "},
                            {"--predict", "maybe", "--predict: "},
                            {"--learning-rate", "0", "--learning-rate: "}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        program_result r = run_program(
            NULL, (const char *[]){CHAPTER, bad[i][0], bad[i][1], NULL});
        cr_assert_eq(r.status, 2, "%s %s", bad[i][0], bad[i][1]);
        cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
        cr_assert(strstr(r.err, bad[i][2]), "%s", r.err);
        program_result_free(&r);
    }
}

Test(chapter05, command_line)
{
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--help",
                                                          NULL});
    cr_assert_eq(r.status, 0);
    const char *options[] = {"--json", "--hidden LIST", "--activation F",
                             "--solver S", "--alpha A", "--learning-rate R",
                             "--batch-size B", "--max-iter N", "--tol T",
                             "--no-shuffle", "--data FILE",
                             "--test-data FILE", "--predict P"};
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        cr_assert(strstr(r.out, options[i]), "--help lacks %s", options[i]);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--list", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count_lines(r.out), 14, "%s", r.out);
    cr_assert(strstr(r.out, "switch_lines"), "%s", r.out);
    program_result_free(&r);

    /* A word of the command line quoted in a complaint keeps it on one
     * line: its control characters are shown as '?'. */
    const char *quoted[][3] = {
        {"--hidden", "5\n0", "'5?0' is not a list"},
        {"--activation", "re\nlu", "unknown activation 're?lu'"},
        {"--solver", "ad\033[2Jam", "'ad?[2Jam'"},
        {"--predict", "learns\n", "'learns?' is neither"},
        {"--data", "/no/such\nfile.csv", "/no/such?file.csv"},
        {"--test-data", "/no/such\rfile.csv", "/no/such?file.csv"}};
    for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++) {
        r = run_program(NULL, (const char *[]){CHAPTER, quoted[i][0],
                                               quoted[i][1], NULL});
        cr_assert_eq(r.status, 2, "%s", r.err);
        cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
        cr_assert_null(strchr(r.err, '\r'), "%s", r.err);
        cr_assert_null(strchr(r.err, '\033'), "%s", r.err);
        cr_assert(strstr(r.err, quoted[i][2]), "%s", r.err);
        program_result_free(&r);
    }
}

/* On a terminal, a line of progress while the network trains; never in
 * the book (checked in numbers_are_right). */
Test(chapter05, progress_on_a_terminal)
{
    char *dir = test_dir("ch05-tty");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "training",
                                 "--out", dir, NULL},
        .da1 = "\033[?62;22c", .cols = 120, .rows = 45, .keys = "\n"});
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert(strstr(r.out, "epoch 10, loss 0."), "%s", r.out);
    cr_assert(strstr(r.out, "converged after"), "%s", r.out);
    cr_assert(r.restored, "the terminal was left in another mode");
    terminal_result_free(&r);
}

/* ---- --data and --test-data ----------------------------------------------- */

/* Writes n points of the quadrant problem, drawn with `seed`, to DIR/NAME;
 * returns the path. */
static char *write_sample(const char *dir, const char *name, uint64_t seed,
                          size_t n)
{
    wb_rng rng;
    wb_array *X, *y;
    char *path = wb_path_join(dir, name);
    wb_rng_seed(&rng, seed);
    cr_assert_eq(wb_sample_quadrants(&X, &y, &rng, n), 0);
    cr_assert_eq(wb_write_csv(path, X, y), 0, "%s", wb_error());
    wb_free(X);
    wb_free(y);
    return path;
}

Test(chapter05, samples_from_files)
{
    char *dir = test_dir("ch05-data");
    char *train = write_sample(dir, "train.csv", 7, 300);
    char *test = write_sample(dir, "test.csv", 8, 200);
    char *out = wb_path_join(dir, "figures");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "samples", "--data", train,
                               "--test-data", test, "--out", out, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    char *line = wb_asprintf("training sample: X (300, 2), %s;", train);
    cr_assert(strstr(r.out, line), "%s", r.out);
    free(line);
    line = wb_asprintf("test sample: X (200, 2), %s;", test);
    cr_assert(strstr(r.out, line), "%s", r.out);
    free(line);
    program_result_free(&r);

    /* Trained on the file's 300 points, tested on its 200. */
    r = run_program(NULL, (const char *[]){CHAPTER, "--json", "--data",
                                           train, "--test-data", test, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(json_number(r.out, "test_accuracy") >= 0.9, "%s", r.out);
    double acc = json_number(r.out, "test_accuracy") * 200;
    cr_assert(fabs(acc - round(acc)) < 1e-9, "a multiple of 1/200: %s",
              r.out);
    program_result_free(&r);
    free(train);
    free(test);
    free(out);
}

/* --data alone: the network is tested on a fifth of the file's points,
 * held out of its training (and the run says so), never on the chapter's
 * own test sample of another problem. Here the file's problem is x1 > 0,
 * which the quadrants' sample would judge wrong half the time. */
Test(chapter05, data_alone_holds_out_a_fifth_to_test_on)
{
    char *dir = test_dir("ch05-held");
    char *path = wb_path_join(dir, "half.csv");
    char *out = wb_path_join(dir, "figures");
    wb_array *X = wb_matrix(40, 2), *y = wb_vector(40);
    wb_rng rng;
    wb_rng_seed(&rng, 11);
    for (size_t i = 0; i < 40; i++) {
        WB_AT(X, i, 0) = (i % 2 ? 1 : -1) * wb_rng_uniform(&rng, 0.2, 1);
        WB_AT(X, i, 1) = wb_rng_uniform(&rng, -1, 1);
        y->data[i] = WB_AT(X, i, 0) > 0;
    }
    cr_assert_eq(wb_write_csv(path, X, y), 0, "%s", wb_error());
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "samples", "--data", path,
                               "--out", out, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "training sample: X (32, 2)"), "%s", r.out);
    cr_assert(strstr(r.out, "test sample: X (8, 2), held out of the "
                            "training file: a fifth of each category; 4 in "
                            "category 1, 4 in category 0"), "%s", r.out);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--json", "--data", path,
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "\"test_sample\":\"held out\""), "%s", r.out);
    double acc = json_number(r.out, "test_accuracy") * 8;
    cr_assert(fabs(acc - round(acc)) < 1e-9, "a multiple of 1/8: %s", r.out);
    cr_assert_geq(acc, 7, "the file's own problem, learnt: %s", r.out);
    program_result_free(&r);

    /* Too few points to hold a fifth out: a bad command line. */
    wb_array *X4 = wb_matrix(8, 2), *y4 = wb_vector(8);
    for (size_t i = 0; i < 8; i++) {
        WB_AT(X4, i, 0) = WB_AT(X, i, 0);
        WB_AT(X4, i, 1) = WB_AT(X, i, 1);
        y4->data[i] = y->data[i];
    }
    cr_assert_eq(wb_write_csv(path, X4, y4), 0, "%s", wb_error());
    r = run_program(NULL, (const char *[]){CHAPTER, "--json", "--data", path,
                                           NULL});
    cr_assert_eq(r.status, 2, "%s", r.out);
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--data: ") && strstr(r.err, "--test-data FILE"),
              "%s", r.err);
    program_result_free(&r);
    wb_free(X);
    wb_free(y);
    wb_free(X4);
    wb_free(y4);
    free(path);
    free(out);
}

/* A file the reader cannot use: a bad command line, one line that names
 * the option, exit status 2. */
Test(chapter05, bad_files_are_refused)
{
    char *dir = test_dir("ch05-bad");
    char *bad = wb_path_join(dir, "bad.csv");
    char *one = wb_path_join(dir, "one.csv");
    char *missing = wb_path_join(dir, "missing.csv");
    const char *bad_text = "x1,x2,y\n0.5,0.5,1\n0.25,abc,0\n";
    const char *one_text = "x,y\n0.5,1\n-0.5,0\n";
    cr_assert_eq(wb_write_file(bad, bad_text, strlen(bad_text)), 0);
    cr_assert_eq(wb_write_file(one, one_text, strlen(one_text)), 0);
    struct {
        const char *option, *path, *says;
    } cases[] = {{"--data", bad, "bad.csv:3: 'abc' is not a number"},
                 {"--test-data", one, "1 feature, where 2 are needed"},
                 {"--data", missing, "missing.csv"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        program_result r = run_program(
            NULL, (const char *[]){CHAPTER, cases[i].option, cases[i].path,
                                   "--json", NULL});
        cr_assert_eq(r.status, 2, "%s", cases[i].path);
        cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
        char *named = wb_asprintf("%s: ", cases[i].option);
        cr_assert(strstr(r.err, named), "names %s: %s", cases[i].option,
                  r.err);
        free(named);
        cr_assert(strstr(r.err, cases[i].says), "%s", r.err);
        cr_assert_str_eq(r.out, "");
        program_result_free(&r);
    }
    free(bad);
    free(one);
    free(missing);
}

/* ---- the prediction's check ------------------------------------------- */

/* Exercise 1: the default network learns, as the test step checks. */
Test(chapter05, exercise_1_checks_the_prediction)
{
    char *dir = test_dir("ch05-ex1");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "test", "--predict",
                               "fails", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "your prediction, fails: not quite: "), "%s",
              r.out);
    cr_assert(strstr(r.out, "so the network learns the quadrants"), "%s",
              r.out);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "test",
                                           "--predict", "learns", "--out",
                                           dir, NULL});
    cr_assert(strstr(r.out, "your prediction, learns: right!"), "%s", r.out);
    program_result_free(&r);
}

/* --json runs the samples, the training and the test alone: it prints what
 * it prints after every step. (One network: a run of every step trains a
 * hundred more.) */
Test(chapter05, json_as_after_every_step)
{
    assert_json_needs_no_more(CHAPTER, (const char *[]){"--seed", "3", NULL});
}
