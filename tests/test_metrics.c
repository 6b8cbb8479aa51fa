/* Tests of wb_metrics: accuracy, confusion counts and log-loss against
 * scikit-learn's accuracy_score, confusion_matrix and log_loss
 * (fixtures/metrics_sklearn.txt, written by
 * tests/reference/make_logreg_fixtures.py), and the edge cases by hand. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_array.h"
#include "wb_core.h"
#include "wb_metrics.h"

#ifndef WB_SOURCE_DIR
#define WB_SOURCE_DIR "."
#endif
#define FIXTURE WB_SOURCE_DIR "/tests/fixtures/metrics_sklearn.txt"

/* Tolerances, relative. The accuracy is a count divided by n, as numpy
 * computes it: the same double. The log-loss is a mean of logarithms;
 * scikit-learn also divides each probability pair by its sum (1 - p) + p,
 * which is 1 give or take a rounding, so a few roundings per term may
 * differ: 1e-13 of the mean is far above them and far below any error. */
#define ACCURACY_RTOL 0.0
#define LOG_LOSS_RTOL 1e-13

static wb_array *vec(const double *v, size_t n)
{
    wb_array *a = wb_vector_from(v, n);
    cr_assert(a, "%s", wb_error());
    return a;
}

/* ---- scikit-learn's numbers -------------------------------------------- */

typedef struct metric_case {
    char name[32];
    wb_array *y_true, *y_pred, *proba;
    double accuracy, log_loss;
    size_t tn, fp, fn, tp;
} metric_case;

/* "KEY N V_1 ... V_N" into a new array. */
static wb_array *read_values(const char *line, const char *key)
{
    char *end;
    size_t len = strlen(key);
    cr_assert(strncmp(line, key, len) == 0 && line[len] == ' ',
              "expected %s, got: %.40s", key, line);
    long n = strtol(line + len, &end, 10);
    wb_array *a = wb_vector((size_t)n);
    cr_assert(a);
    for (long i = 0; i < n; i++)
        a->data[i] = strtod(end, &end);
    return a;
}

/* Reads the next case, or returns false at the end of the file. */
static bool next_case(FILE *fp, metric_case *c)
{
    static char line[65536];
    while (fgets(line, sizeof line, fp) && line[0] == '#')
        ;
    if (feof(fp))
        return false;
    cr_assert(sscanf(line, "case %31s", c->name) == 1, "%s", line);
    cr_assert(fgets(line, sizeof line, fp));
    c->y_true = read_values(line, "y_true");
    cr_assert(fgets(line, sizeof line, fp));
    c->y_pred = read_values(line, "y_pred");
    cr_assert(fgets(line, sizeof line, fp));
    c->proba = read_values(line, "proba");
    cr_assert(fgets(line, sizeof line, fp) &&
              sscanf(line, "accuracy %lf", &c->accuracy) == 1);
    cr_assert(fgets(line, sizeof line, fp) &&
              sscanf(line, "confusion %zu %zu %zu %zu", &c->tn, &c->fp,
                     &c->fn, &c->tp) == 4);
    cr_assert(fgets(line, sizeof line, fp) &&
              sscanf(line, "log_loss %lf", &c->log_loss) == 1);
    cr_assert(fgets(line, sizeof line, fp) && strcmp(line, "end\n") == 0);
    return true;
}

static void free_case(metric_case *c)
{
    wb_free(c->y_true);
    wb_free(c->y_pred);
    wb_free(c->proba);
}

Test(metrics, agree_with_scikit_learn)
{
    FILE *fp = fopen(FIXTURE, "r");
    metric_case c;
    int cases = 0;
    cr_assert(fp, "cannot open %s", FIXTURE);
    while (next_case(fp, &c)) {
        double acc = wb_accuracy(c.y_true, c.y_pred);
        double ll = wb_log_loss(c.y_true, c.proba);
        wb_confusion m = wb_confusion_counts(c.y_true, c.y_pred);
        cr_assert(fabs(acc - c.accuracy) <= ACCURACY_RTOL * c.accuracy,
                  "%s: accuracy %.17g, scikit-learn %.17g", c.name, acc,
                  c.accuracy);
        cr_assert(fabs(ll - c.log_loss) <= LOG_LOSS_RTOL * c.log_loss,
                  "%s: log-loss %.17g, scikit-learn %.17g", c.name, ll,
                  c.log_loss);
        cr_assert(m.tn == c.tn && m.fp == c.fp && m.fn == c.fn &&
                      m.tp == c.tp,
                  "%s: tn fp fn tp = %zu %zu %zu %zu, scikit-learn %zu %zu "
                  "%zu %zu", c.name, m.tn, m.fp, m.fn, m.tp, c.tn, c.fp,
                  c.fn, c.tp);
        free_case(&c);
        cases++;
    }
    fclose(fp);
    cr_assert_eq(cases, 4, "read %d cases", cases);
}

/* ---- by hand ----------------------------------------------------------- */

Test(metrics, accuracy_counts_equal_labels)
{
    wb_array *t = vec((double[]){0, 1, 1, 0, 1}, 5);
    wb_array *p = vec((double[]){0, 1, 0, 0, 0}, 5);
    cr_assert(wb_accuracy(t, p) == 3.0 / 5, "%g", wb_accuracy(t, p));
    cr_assert(wb_accuracy(t, t) == 1);
    wb_free(t);
    wb_free(p);
}

Test(metrics, no_examples_give_nan)
{
    wb_array *e = wb_vector(0);
    cr_assert(isnan(wb_accuracy(e, e)));
    cr_assert(isnan(wb_log_loss(e, e)));
    wb_confusion c = wb_confusion_counts(e, e);
    cr_assert(c.tn + c.fp + c.fn + c.tp == 0);
    wb_free(e);
}

Test(metrics, log_loss_of_a_single_example)
{
    /* -log(0.8) for a 1 given 0.8; -log(1 - 0.8) for a 0 given 0.8. */
    wb_array *one = vec((double[]){1}, 1), *zero = vec((double[]){0}, 1);
    wb_array *p = vec((double[]){0.8}, 1);
    double a = wb_log_loss(one, p), b = wb_log_loss(zero, p);
    cr_assert(fabs(a - -log(0.8)) <= 1e-15 * a, "%.17g", a);
    cr_assert(fabs(b - -log(1 - 0.8)) <= 1e-15 * b, "%.17g", b);
    wb_free(one);
    wb_free(zero);
    wb_free(p);
}

Test(metrics, certain_mistakes_cost_minus_log_eps)
{
    /* p = 0 for a 1, p = 1 for a 0, and beyond: each costs -log(eps),
     * 36.04, not infinity. */
    wb_array *t = vec((double[]){1, 0, 1, 0}, 4);
    wb_array *p = vec((double[]){0, 1, -0.5, 2}, 4);
    double ll = wb_log_loss(t, p), want = -log(WB_LOG_LOSS_EPS);
    cr_assert(isfinite(ll) && fabs(ll - want) <= 1e-15 * want,
              "%.17g, expected %.17g", ll, want);
    cr_assert(fabs(want - 36.04365338911715) < 1e-12, "%.17g", want);
    wb_free(t);
    wb_free(p);
}

Test(metrics, log_loss_of_bad_labels_or_probabilities_is_nan)
{
    wb_array *t = vec((double[]){1, 2}, 2), *p = vec((double[]){0.5, 0.5}, 2);
    cr_assert(isnan(wb_log_loss(t, p)), "a label 2 was accepted");
    t->data[1] = 0;
    p->data[0] = NAN;
    cr_assert(isnan(wb_log_loss(t, p)), "a NaN probability was clipped");
    wb_free(t);
    wb_free(p);
}

Test(metrics, confusion_counts_each_outcome)
{
    wb_array *t = vec((double[]){0, 0, 0, 1, 1, 1, 1, 0, 1}, 9);
    wb_array *q = vec((double[]){0, 1, 1, 0, 1, 1, 1, 0.5, 2}, 9);
    wb_confusion c = wb_confusion_counts(t, q);
    cr_assert(c.tn == 1 && c.fp == 2 && c.fn == 1 && c.tp == 3,
              "tn fp fn tp = %zu %zu %zu %zu", c.tn, c.fp, c.fn, c.tp);
    /* the last two predictions are not labels: counted nowhere */
    cr_assert_eq(c.tn + c.fp + c.fn + c.tp, 7);
    wb_free(t);
    wb_free(q);
}

Test(metrics, shapes_do_not_matter_only_sizes)
{
    wb_array *t = wb_matrix(2, 2), *p = wb_vector(4);
    t->data[3] = 1;
    p->data[3] = 1;
    cr_assert(wb_accuracy(t, p) == 1);
    wb_free(t);
    wb_free(p);
}

static void quiet(void)
{
    cr_redirect_stderr();    /* the abort message is expected */
}

Test(metrics, different_sizes_abort, .signal = SIGABRT, .init = quiet)
{
    wb_array *t = wb_vector(3), *p = wb_vector(2);
    wb_accuracy(t, p);
}

Test(metrics, log_loss_of_different_sizes_aborts, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *t = wb_vector(3), *p = wb_vector(4);
    wb_log_loss(t, p);
}
