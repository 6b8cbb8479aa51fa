/* Tests of wb_logreg: the objective and its gradient, the fit against
 * scikit-learn 1.2.1, the stopping rules, liblbfgs's faults, predictions
 * and bad input.
 *
 * The reference numbers are in fixtures/logreg_sklearn.txt, with the
 * samples in fixtures/logreg_*.csv, all written by
 * tests/reference/make_logreg_fixtures.py. For each fit it holds
 * scikit-learn's answer at its own settings and the exact optimum of the
 * same objective.
 */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <float.h>
#include <lbfgs.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_array.h"
#include "wb_core.h"
#include "wb_data.h"
#include "wb_logreg.h"
#include "wb_rng.h"
#include "wb_sample.h"

#ifndef WB_SOURCE_DIR
#define WB_SOURCE_DIR "."
#endif
#define FIXTURES WB_SOURCE_DIR "/tests/fixtures/"

/* ---- tolerances ----------------------------------------------------------
 *
 * SKLEARN_RTOL, SKLEARN_ATOL: our fit against scikit-learn's at the same
 *   settings. Both run L-BFGS from 0 on the same objective with the same
 *   stopping tests, but with different line searches (liblbfgs's
 *   More-Thuente, L-BFGS-B's dcsrch) and summation orders. They agree to
 *   1e-13 on most fits, and to 5e-6 on the worst (the badly scaled sample
 *   at C = 1). 1e-4 relative is the agreement asked for; the 1e-8 floor is
 *   for a coefficient near 0.
 * SKLEARN_OBJECTIVE_RTOL: f at the two results: 9e-11 apart at worst.
 * PROBA_ATOL: predict_proba at the fixtures' points: 7e-8 apart at worst.
 * OPTIMUM_RTOL, OPTIMUM_ATOL: a tight fit (tol 1e-10, ftol 0) against the
 *   exact optimum. It stops where f no longer falls in double precision,
 *   at max|gradient| between 1e-11 and 4e-5, with every coefficient within
 *   6.2e-7 of the optimum, relative (the badly scaled sample; 1e-7 on the
 *   others). The 1e-8 floor is for a coefficient near 0.
 * OPTIMUM_OBJECTIVE_RTOL: f there against f at the optimum: f is flat
 *   there, and they agree to 5e-15.
 * FD_RTOL: the gradient against central differences; see that test.
 *
 * Newton's method (solver newton), which needs no liblbfgs:
 * NEWTON_OPTIMUM_RTOL: a tight Newton fit (tol 1e-10) against the exact
 *   optimum of every fixture that has one: within 1.2e-10 relative at
 *   worst (the badly scaled sample with no penalty), 1e-14 on most.
 * On the chapters' samples, against L-BFGS:
 * NEWTON_TIGHT_RTOL: both tight (tol 1e-10, ftol 0): the coefficients
 *   agree to 4.9e-7 relative at worst, which is L-BFGS's error, not
 *   Newton's (its line search gives up at max|gradient| near 1e-6);
 *   NEWTON_TIGHT_LOSS_RTOL: f to 2e-15.
 * NEWTON_RTOL, NEWTON_ATOL: both at scikit-learn's settings, the fits the
 *   chapters print: each stops within what its gradient test allows of
 *   the optimum, and they agree to 1.6e-5 relative at worst, or 3.4e-5
 *   absolute (chapter 1's intercept, 0.03, where L-BFGS stops by the
 *   decrease test at max|gradient| 4.6e-4); NEWTON_LOSS_RTOL: f to
 *   1.9e-10.
 */
#define SKLEARN_RTOL 1e-4
#define SKLEARN_ATOL 1e-8
#define SKLEARN_OBJECTIVE_RTOL 1e-9
#define PROBA_ATOL 1e-6
#define OPTIMUM_RTOL 1e-6
#define OPTIMUM_ATOL 1e-8
#define OPTIMUM_OBJECTIVE_RTOL 1e-12
#define FD_RTOL 1e-6
#define NEWTON_OPTIMUM_RTOL 1e-9
#define NEWTON_TIGHT_RTOL 1e-6
#define NEWTON_TIGHT_LOSS_RTOL 1e-13
#define NEWTON_RTOL 1e-4
#define NEWTON_ATOL 1e-4
#define NEWTON_LOSS_RTOL 1e-9

static bool near(double got, double want, double rtol, double atol)
{
    return fabs(got - want) <= rtol * fabs(want) + atol;
}

/* ---- the reference file ------------------------------------------------ */

#define MAX_D 8
#define MAX_FITS 128
#define MAX_POINTWISE 64

typedef struct sk_fit {
    int id;
    char dataset[32];
    wb_logreg_options options;     /* scikit-learn's settings */
    size_t d;
    double coef[MAX_D], intercept, objective;
    size_t n_iter, nfev;
    bool converged;
    wb_stop stop;
    bool has_optimum;              /* false: separable with no penalty */
    double opt_coef[MAX_D], opt_intercept, opt_objective, opt_grad_max;
    size_t nproba;
    double proba_x[8][MAX_D], proba[8];
} sk_fit;

typedef struct pointwise {
    double z, y, loss, dloss;
} pointwise;

static sk_fit fits[MAX_FITS];
static int nfits;
static pointwise points[MAX_POINTWISE];
static int npoints;

static void read_numbers(double *v, size_t n, const char *s)
{
    char *end;
    for (size_t i = 0; i < n; i++) {
        v[i] = strtod(s, &end);
        cr_assert(end != s, "a number is missing in: %s", s);
        s = end;
    }
}

static wb_stop stop_named(const char *name)
{
    if (strcmp(name, "GRADIENT") == 0)
        return WB_STOP_SMALL_GRADIENT;
    if (strcmp(name, "DECREASE") == 0)
        return WB_STOP_FLAT_LOSS;
    cr_assert_str_eq(name, "MAX_ITER", "unknown stop %s", name);
    return WB_STOP_MAX_ITER;
}

static void load_fixtures(void)
{
    FILE *fp = fopen(FIXTURES "logreg_sklearn.txt", "r");
    char line[4096], word[32], pen[8];
    sk_fit *f = NULL;
    cr_assert(fp, "cannot open the fixtures");
    while (fgets(line, sizeof line, fp)) {
        char *rest = strchr(line, ' ');
        rest = rest ? rest + 1 : line;
        if (line[0] == '#')
            continue;
        if (strncmp(line, "pointwise ", 10) == 0) {
            cr_assert(npoints < MAX_POINTWISE);
            pointwise *p = &points[npoints++];
            cr_assert(sscanf(rest, "%lf %lf %lf %lf", &p->z, &p->y, &p->loss,
                             &p->dloss) == 4, "%s", line);
        } else if (strncmp(line, "fit ", 4) == 0) {
            cr_assert(nfits < MAX_FITS);
            f = &fits[nfits++];
            *f = (sk_fit){0};
            f->options = wb_logreg_default_options();
            cr_assert(sscanf(rest, "%d %31s %7s %lf %lf %zu", &f->id,
                             f->dataset, pen, &f->options.C, &f->options.tol,
                             &f->options.max_iter) == 6, "%s", line);
            if (strcmp(pen, "none") == 0)
                f->options.penalty = WB_PENALTY_NONE;
        } else if (sscanf(line, "sklearn_coef %zu", &f->d) == 1) {
            cr_assert(f->d <= MAX_D);
            read_numbers(f->coef, f->d, strchr(rest, ' '));
        } else if (sscanf(line, "optimum_coef %zu", &f->d) == 1) {
            read_numbers(f->opt_coef, f->d, strchr(rest, ' '));
            f->has_optimum = true;
        } else if (strncmp(line, "sklearn_intercept ", 18) == 0) {
            f->intercept = strtod(rest, NULL);
        } else if (strncmp(line, "sklearn_objective ", 18) == 0) {
            f->objective = strtod(rest, NULL);
        } else if (strncmp(line, "optimum_intercept ", 18) == 0) {
            f->opt_intercept = strtod(rest, NULL);
        } else if (strncmp(line, "optimum_objective ", 18) == 0) {
            f->opt_objective = strtod(rest, NULL);
        } else if (strncmp(line, "optimum_grad_max ", 17) == 0) {
            f->opt_grad_max = strtod(rest, NULL);
        } else if (strncmp(line, "sklearn_n_iter ", 15) == 0) {
            f->n_iter = (size_t)atoi(rest);
        } else if (strncmp(line, "sklearn_nfev ", 13) == 0) {
            f->nfev = (size_t)atoi(rest);
        } else if (strncmp(line, "sklearn_converged ", 18) == 0) {
            f->converged = atoi(rest) == 1;
        } else if (sscanf(line, "sklearn_stop %31s", word) == 1) {
            f->stop = stop_named(word);
        } else if (sscanf(line, "proba %zu", &f->nproba) == 1) {
            cr_assert(f->nproba <= 8);
            for (size_t i = 0; i < f->nproba; i++) {
                double v[MAX_D + 1];
                cr_assert(fgets(line, sizeof line, fp));
                read_numbers(v, f->d + 1, line);
                memcpy(f->proba_x[i], v, f->d * sizeof *v);
                f->proba[i] = v[f->d];
            }
        } else {
            cr_assert_str_eq(line, "end\n", "unexpected line: %s", line);
        }
    }
    fclose(fp);
    cr_assert(nfits > 60 && npoints > 40, "%d fits, %d points", nfits,
              npoints);
}

/* The sample `name` (fixtures/logreg_NAME.csv). */
static void load_sample(wb_array **X, wb_array **y, const char *name)
{
    char *path = wb_asprintf(FIXTURES "logreg_%s.csv", name);
    cr_assert_eq(wb_read_csv(X, y, path), 0, "%s", wb_error());
    free(path);
}

/* A fitted model, which must not fail. */
static wb_logreg *fitted(const wb_array *X, const wb_array *y,
                         const wb_logreg_options *options)
{
    wb_logreg *m = wb_logreg_create(X->shape[1], options);
    cr_assert(m, "%s", wb_error());
    cr_assert_eq(wb_logreg_fit(m, X, y), 0, "%s", wb_error());
    return m;
}

/* The objective and gradient at the model's coefficients. */
static double objective_at(double *grad, const wb_logreg *m,
                           const wb_array *X, const wb_array *y)
{
    double params[MAX_D + 1];
    memcpy(params, m->coef, m->d * sizeof *params);
    params[m->d] = m->intercept;
    return wb_logreg_objective(grad, params, X, y,
                               m->options.penalty == WB_PENALTY_NONE
                                   ? INFINITY : m->options.C);
}

/* ---- the loss and the objective ---------------------------------------- */

/* scikit-learn's HalfBinomialLoss on single examples, far out and on both
 * sides of its cut-offs (-37 and 18): our loss is computed by the same
 * operations in the same order, so it must give the same doubles, bit
 * for bit. One example x = 1 with w = z, b = 0 and no penalty has
 * f = loss(z, y), df/dw = df/db = loss'(z, y). */
Test(logreg, loss_is_scikit_learns_bit_for_bit)
{
    wb_array *X = wb_vector_from((double[]){1}, 1), *y = wb_vector(1);
    load_fixtures();
    for (int i = 0; i < npoints; i++) {
        double params[2] = {points[i].z, 0}, grad[2];
        y->data[0] = points[i].y;
        double f = wb_logreg_objective(grad, params, X, y, INFINITY);
        cr_assert(f == points[i].loss && grad[0] == points[i].dloss &&
                      grad[1] == points[i].dloss,
                  "z = %g, y = %g: loss %.17g, loss' %.17g; scikit-learn "
                  "%.17g, %.17g", points[i].z, points[i].y, f, grad[0],
                  points[i].loss, points[i].dloss);
    }
    wb_free(X);
    wb_free(y);
}

/* Scores of 1e4 (and 1e300) overflow e^z in the textbook formulas; the
 * loss and its gradient stay finite and take their limits:
 * loss(z, 0) -> z and loss'(z, 0) -> 1 as z -> +inf; loss(z, 1) -> 0. */
Test(logreg, huge_scores_give_finite_loss_and_gradient)
{
    const double zs[] = {1e4, -1e4, 1e300, -1e300};
    wb_array *X = wb_vector_from((double[]){1}, 1), *y = wb_vector(1);
    for (size_t i = 0; i < sizeof zs / sizeof *zs; i++)
        for (int label = 0; label <= 1; label++) {
            double z = zs[i], params[2] = {z, 0}, grad[2];
            y->data[0] = label;
            double f = wb_logreg_objective(grad, params, X, y, 1.0);
            /* the right answer: the mistaken side costs |z|, the other 0;
             * the penalty adds z^2 / 2, which is finite for 1e4 */
            bool wrong = (z > 0) != (label == 1);
            double loss = wrong ? fabs(z) : 0;
            double dloss = wrong ? (z > 0 ? 1 : -1) : 0;
            double penalty = z * z / 2;
            if (isinf(penalty))
                continue;    /* 1e300^2: the penalty itself overflows */
            cr_assert(isfinite(f) && isfinite(grad[0]) && isfinite(grad[1]),
                      "z = %g, y = %d: f = %g, grad = (%g, %g)", z, label, f,
                      grad[0], grad[1]);
            cr_assert(f == loss + penalty, "z = %g, y = %d: f = %.17g", z,
                      label, f);
            cr_assert(grad[1] == dloss && grad[0] == dloss + z,
                      "z = %g, y = %d: grad = (%.17g, %.17g)", z, label,
                      grad[0], grad[1]);
        }
    /* Without the penalty, z = +-1e300 too. */
    for (size_t i = 2; i < 4; i++) {
        double params[2] = {zs[i], 0}, grad[2];
        y->data[0] = 0;
        double f = wb_logreg_objective(grad, params, X, y, INFINITY);
        cr_assert(f == (zs[i] > 0 ? zs[i] : 0) && isfinite(grad[0]),
                  "z = %g: f = %g", zs[i], f);
    }
    wb_free(X);
    wb_free(y);
}

/* The gradient against central differences, (f(p + h e_j) - f(p - h e_j))
 * / 2h, on samples of 1, 2 and 5 features, with and without the penalty,
 * at points where the scores stay below 1.5 and where they reach 12.
 * The step moves every score by at most 1e-5 (h_j = 1e-5 / max_i |x_ij|),
 * so the differences' own error, eps |f| / h_j from rounding plus
 * h_j^2 |f'''| / 6 from truncation, is a tiny part of the gradient's
 * natural size s_j = sum_i |x_ij| (n for b): 6e-10 of it at worst.
 * FD_RTOL = 1e-6 of s_j leaves a wide margin and still catches a wrong
 * sign, factor or term. */
Test(logreg, gradient_matches_central_differences)
{
    const char *samples[] = {"chapter1_1d", "tutorial_2d", "scaled"};
    const double scales[] = {0.3, 3};
    wb_rng rng;
    wb_rng_seed(&rng, 5);
    for (size_t s = 0; s < 3; s++)
        for (int pen = 0; pen < 2; pen++)
            for (size_t k = 0; k < 2; k++) {
                wb_array *X, *y;
                load_sample(&X, &y, samples[s]);
                size_t n = X->shape[0], d = X->shape[1];
                double p[MAX_D + 1], g[MAX_D + 1], gh[MAX_D + 1];
                double C = pen ? INFINITY : 0.5;
                for (size_t j = 0; j <= d; j++) {
                    double big = 0;
                    for (size_t i = 0; j < d && i < n; i++)
                        big = fmax(big, fabs(WB_AT(X, i, j)));
                    p[j] = wb_rng_normal(&rng, 0, scales[k]) /
                           (j < d ? big : 1);
                }
                wb_logreg_objective(g, p, X, y, C);
                for (size_t j = 0; j <= d; j++) {
                    double big = 0, size = 0;
                    for (size_t i = 0; i < n; i++) {
                        double v = j < d ? fabs(WB_AT(X, i, j)) : 1;
                        big = fmax(big, v);
                        size += v;
                    }
                    double h = 1e-5 / big, keep = p[j];
                    p[j] = keep + h;
                    double fp = wb_logreg_objective(gh, p, X, y, C);
                    p[j] = keep - h;
                    double fm = wb_logreg_objective(gh, p, X, y, C);
                    p[j] = keep;
                    double fd = (fp - fm) / (2 * h);
                    cr_assert(fabs(fd - g[j]) <= FD_RTOL * size,
                              "%s, C = %g, point %zu: df/dp_%zu = %.10g, "
                              "differences give %.10g", samples[s], C, k, j,
                              g[j], fd);
                }
                wb_free(X);
                wb_free(y);
            }
}

/* f at w = 0, b = 0 is n log 2: every example gets probability 1/2. */
Test(logreg, objective_at_zero_is_n_log_2)
{
    wb_array *X, *y;
    double p[3] = {0, 0, 0}, g[3];
    load_sample(&X, &y, "tutorial_2d");
    double f = wb_logreg_objective(g, p, X, y, 1);
    cr_assert(fabs(f - 1000 * log(2)) <= 1e-12 * f, "%.17g", f);
    /* and df/db = sum (1/2 - y_i) = 0 for 500 of each */
    cr_assert(fabs(g[2]) <= 1e-12, "df/db = %g", g[2]);
    wb_free(X);
    wb_free(y);
}

/* ---- fits against scikit-learn ----------------------------------------- */

/* Every fit of the fixtures at scikit-learn's settings: the same
 * coefficients (SKLEARN_RTOL), the same number of iterations and of
 * evaluations, the same stop reason, the same verdict on convergence, the
 * same probabilities. All 69 fits agree on all of these. */
Test(logreg, fits_as_scikit_learn_does)
{
    load_fixtures();
    for (int k = 0; k < nfits; k++) {
        const sk_fit *s = &fits[k];
        wb_array *X, *y;
        load_sample(&X, &y, s->dataset);
        wb_logreg *m = fitted(X, y, &s->options);
        const char *what = s->dataset;
        cr_assert(m->d == s->d);
        for (size_t j = 0; j < s->d; j++)
            cr_assert(near(m->coef[j], s->coef[j], SKLEARN_RTOL,
                            SKLEARN_ATOL),
                      "fit %d (%s, C = %g, tol = %g): w_%zu = %.10g, "
                      "scikit-learn %.10g", s->id, what, s->options.C,
                      s->options.tol, j + 1, m->coef[j], s->coef[j]);
        cr_assert(near(m->intercept, s->intercept, SKLEARN_RTOL,
                        SKLEARN_ATOL),
                  "fit %d (%s): b = %.10g, scikit-learn %.10g", s->id, what,
                  m->intercept, s->intercept);
        cr_assert(m->n_iter == s->n_iter && m->n_fun == s->nfev,
                  "fit %d (%s, C = %g, tol = %g): %zu iterations and %zu "
                  "evaluations, scikit-learn %zu and %zu", s->id, what,
                  s->options.C, s->options.tol, m->n_iter, m->n_fun,
                  s->n_iter, s->nfev);
        cr_assert(m->stop == s->stop && m->converged == s->converged,
                  "fit %d (%s): stopped by %s (%s), scikit-learn by %s, "
                  "converged %d", s->id, what, wb_stop_name(m->stop),
                  m->message, wb_stop_name(s->stop), s->converged);
        cr_assert(near(m->loss, s->objective, SKLEARN_OBJECTIVE_RTOL, 0),
                  "fit %d: f = %.17g, scikit-learn %.17g", s->id,
                  m->loss, s->objective);
        wb_array *P = wb_matrix(s->nproba, s->d);
        for (size_t i = 0; i < s->nproba; i++)
            memcpy(P->data + i * s->d, s->proba_x[i], s->d * sizeof(double));
        wb_array *p = wb_logreg_predict_proba(m, P);
        cr_assert(p);
        for (size_t i = 0; i < s->nproba; i++)
            cr_assert(near(p->data[i], s->proba[i], 0, PROBA_ATOL),
                      "fit %d: p(point %zu) = %.10g, scikit-learn %.10g",
                      s->id, i, p->data[i], s->proba[i]);
        wb_free(P);
        wb_free(p);
        wb_logreg_destroy(m);
        wb_free(X);
        wb_free(y);
    }
}

static wb_logreg_options tight(const sk_fit *s)
{
    wb_logreg_options o = s->options;
    o.tol = 1e-10;
    o.ftol = 0;
    o.max_iter = 1000;
    return o;
}

/* A tight fit (tol 1e-10 and no relative-decrease test) reaches the exact
 * optimum of scikit-learn's objective, however it stops. */
Test(logreg, tight_fits_reach_the_optimum)
{
    load_fixtures();
    for (int k = 0; k < nfits; k++) {
        const sk_fit *s = &fits[k];
        if (!s->has_optimum || s->options.tol != 1e-4 ||
            s->options.max_iter != 100)
            continue;
        wb_array *X, *y;
        wb_logreg_options o = tight(s);
        load_sample(&X, &y, s->dataset);
        wb_logreg *m = fitted(X, y, &o);
        for (size_t j = 0; j < s->d; j++)
            cr_assert(near(m->coef[j], s->opt_coef[j], OPTIMUM_RTOL,
                            OPTIMUM_ATOL),
                      "fit %d (%s, C = %g): w_%zu = %.12g, optimum %.12g "
                      "(%s)", s->id, s->dataset, s->options.C, j + 1,
                      m->coef[j], s->opt_coef[j], m->message);
        cr_assert(near(m->intercept, s->opt_intercept, OPTIMUM_RTOL,
                        OPTIMUM_ATOL),
                  "fit %d (%s, C = %g): b = %.12g, optimum %.12g", s->id,
                  s->dataset, s->options.C, m->intercept, s->opt_intercept);
        cr_assert(near(m->loss, s->opt_objective, OPTIMUM_OBJECTIVE_RTOL, 0),
                  "fit %d: f = %.17g, optimum %.17g", s->id, m->loss,
                  s->opt_objective);
        wb_logreg_destroy(m);
        wb_free(X);
        wb_free(y);
    }
}

/* What the model reports: the loss curve starts at n log 2, falls at
 * every iteration, and ends at the reported objective, which is f at the
 * reported coefficients; max|gradient| is the gradient's there. */
Test(logreg, reports_the_loss_curve_and_the_final_point)
{
    wb_array *X, *y;
    double g[3];
    load_sample(&X, &y, "tutorial_2d");
    wb_logreg *m = fitted(X, y, NULL);
    cr_assert(m->n_iter > 0 && m->loss_curve);
    cr_assert(fabs(m->loss_curve[0] - 1000 * log(2)) < 1e-9,
              "f(0) = %.17g", m->loss_curve[0]);
    for (size_t k = 1; k <= m->n_iter; k++)
        cr_assert(m->loss_curve[k] < m->loss_curve[k - 1],
                  "f rose at iteration %zu: %.17g then %.17g", k,
                  m->loss_curve[k - 1], m->loss_curve[k]);
    double f = objective_at(g, m, X, y);
    cr_assert(f == m->loss && f == m->loss_curve[m->n_iter],
              "f = %.17g, reported %.17g, curve ends at %.17g", f,
              m->loss, m->loss_curve[m->n_iter]);
    cr_assert(wb_max_abs(g, 3) == m->grad_max);
    cr_assert(m->converged && wb_stop_converged(m->stop), "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* scipy tests max_iter before its convergence tests: with max_iter equal
 * to the iteration where the gradient test holds, scikit-learn says "not
 * converged" (fixture fit 68 too); so do we. */
Test(logreg, max_iter_is_tested_first)
{
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    load_sample(&X, &y, "separable");
    wb_logreg *m = fitted(X, y, &o);
    cr_assert(m->stop == WB_STOP_SMALL_GRADIENT && m->n_iter == 13,
              "%s", m->message);
    m->options.max_iter = 13;
    cr_assert_eq(wb_logreg_fit(m, X, y), 0);
    cr_assert(m->stop == WB_STOP_MAX_ITER && !m->converged &&
                  m->grad_max <= m->options.tol,
              "%s", m->message);
    cr_assert(strstr(m->message, "stopped at max_iter = 13 iterations"),
              "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* scipy also tests the gradient at the start: with a tol above it, no
 * iteration is made. */
Test(logreg, converged_at_the_start)
{
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    o.tol = 1e6;
    load_sample(&X, &y, "tutorial_2d");
    wb_logreg *m = fitted(X, y, &o);
    cr_assert(m->n_iter == 0 && m->n_fun == 1 && m->converged &&
                  m->stop == WB_STOP_SMALL_GRADIENT,
              "%zu iterations: %s", m->n_iter, m->message);
    cr_assert(m->coef[0] == 0 && m->coef[1] == 0 && m->intercept == 0);
    cr_assert(m->loss_curve[0] == m->loss);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* The relative-decrease test stops the fit too, as scikit-learn's. */
Test(logreg, decrease_test_stops_and_says_so)
{
    wb_array *X, *y;
    load_sample(&X, &y, "tutorial_2d");
    wb_logreg *m = fitted(X, y, NULL);
    cr_assert(m->stop == WB_STOP_FLAT_LOSS && m->converged);
    cr_assert(m->grad_max > m->options.tol, "the gradient test held");
    cr_assert(strstr(m->message, "lowered the loss by a fraction") &&
                  strstr(m->message, "ftol = 2.22e-09"),
              "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* When one of the fit's own tests stops it, the objective and max|gradient|
 * it reports are those handed to its progress callback, not computed
 * again: they must be the same doubles as computed at the coefficients it
 * returns, whichever test stopped it. */
Test(logreg, reported_objective_is_the_one_at_the_result)
{
    static const struct {
        const char *sample;
        size_t max_iter;
        double tol;
        wb_stop stop;
    } cases[] = {
        {"separable", 100, 1e-4, WB_STOP_SMALL_GRADIENT},
        {"tutorial_2d", 100, 1e-4, WB_STOP_FLAT_LOSS},
        {"tutorial_2d", 3, 1e-4, WB_STOP_MAX_ITER},
        {"tutorial_2d", 100, 1e6, WB_STOP_SMALL_GRADIENT},     /* at w = 0 */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        wb_array *X, *y;
        double g[3];
        wb_logreg_options o = wb_logreg_default_options();
        o.max_iter = cases[k].max_iter;
        o.tol = cases[k].tol;
        load_sample(&X, &y, cases[k].sample);
        wb_logreg *m = fitted(X, y, &o);
        cr_assert_eq(m->stop, cases[k].stop, "case %zu: %s", k,
                     m->message);
        double f = objective_at(g, m, X, y);
        cr_assert(m->loss == f && m->loss_curve[m->n_iter] == f,
                  "case %zu: f = %.17g reported, %.17g at the result", k,
                  m->loss, f);
        cr_assert(m->grad_max == wb_max_abs(g, 3),
                  "case %zu: max|g| = %.17g reported, %.17g at the result",
                  k, m->grad_max, wb_max_abs(g, 3));
        wb_logreg_destroy(m);
        wb_free(X);
        wb_free(y);
    }
}

/* ---- separable samples ------------------------------------------------- */

/* Without a penalty, separable data have no minimum: f falls towards 0 as
 * the weights grow. At scikit-learn's settings the gradient test stops
 * the fit with finite weights (fixture fit 21 gives the same). */
Test(logreg, separable_without_penalty_stops_with_finite_weights)
{
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    o.penalty = WB_PENALTY_NONE;
    load_sample(&X, &y, "separable");
    wb_logreg *m = fitted(X, y, &o);
    cr_assert(isfinite(m->coef[0]) && isfinite(m->coef[1]) &&
                  isfinite(m->intercept) && m->converged &&
                  m->stop == WB_STOP_SMALL_GRADIENT,
              "%s", m->message);
    wb_array *label = wb_logreg_predict(m, X);
    for (size_t i = 0; i < y->size; i++)
        cr_assert(label->data[i] == y->data[i], "example %zu misclassified",
                  i);
    wb_free(label);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* 60 examples in two far-apart clouds, (-3, -3) and (3, 3), the first
 * feature multiplied by `scale`: separable. */
static void separable_sample(wb_array **X, wb_array **y, double scale)
{
    wb_rng rng;
    wb_rng_seed(&rng, 0);
    *X = wb_matrix(60, 2);
    *y = wb_vector(60);
    for (size_t i = 0; i < 60; i++) {
        double mean = i % 2 ? 3 : -3;
        (*y)->data[i] = (double)(i % 2);
        WB_AT(*X, i, 0) = wb_rng_normal(&rng, mean, 1) * scale;
        WB_AT(*X, i, 1) = wb_rng_normal(&rng, mean, 1);
    }
}

/* With tol = 0 the fit can only run until L-BFGS cannot go on. It still
 * ends with finite weights and a reason: here, after about 540
 * iterations, f is near 1e-162 and liblbfgs's own test fires because the
 * squares of the gradient underflow to 0. */
Test(logreg, separable_with_tol_zero_ends_in_underflow)
{
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    o.penalty = WB_PENALTY_NONE;
    o.tol = 0;
    o.ftol = 0;
    o.max_iter = 2000;
    separable_sample(&X, &y, 1);
    wb_logreg *m = fitted(X, y, &o);
    cr_assert(m->stop == WB_STOP_UNDERFLOW && !m->converged &&
                  m->lbfgs_status == LBFGS_SUCCESS,
              "status %d: %s", m->lbfgs_status, m->message);
    cr_assert(m->n_iter > 100 && m->n_iter < o.max_iter, "%zu", m->n_iter);
    cr_assert(isfinite(m->coef[0]) && isfinite(m->coef[1]) &&
                  isfinite(m->intercept) && m->grad_max > 0 &&
                  m->grad_max < 1e-154,
              "w = (%g, %g), b = %g, max|g| = %g", m->coef[0], m->coef[1],
              m->intercept, m->grad_max);
    cr_assert(strstr(m->message, "too small for liblbfgs to measure"),
              "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* ---- liblbfgs 1.10's faults -------------------------------------------- */

/* A bare liblbfgs run: the public objective, the fit's settings, and the
 * gradient test alone in the progress callback. */
typedef struct bare {
    const wb_array *X, *y;
    double C, tol;
} bare;

static double bare_evaluate(void *instance, const double *x, double *g,
                            int n, double step)
{
    const bare *b = instance;
    (void)n, (void)step;
    return wb_logreg_objective(g, x, b->X, b->y, b->C);
}

static int bare_progress(void *instance, const double *x, const double *g,
                         double fx, double xnorm, double gnorm, double step,
                         int n, int k, int ls)
{
    const bare *b = instance;
    (void)x, (void)fx, (void)xnorm, (void)gnorm, (void)step, (void)k,
        (void)ls;
    return wb_max_abs(g, (size_t)n) <= b->tol ? 1000 : 0;
}

static int bare_lbfgs(double *x, double *fx, const bare *b, int n)
{
    lbfgs_parameter_t param;
    lbfgs_parameter_init(&param);
    param.m = 10;
    param.max_linesearch = 20;
    param.epsilon = 0;
    return lbfgs(n, x, fx, bare_evaluate, bare_progress, (void *)b, &param);
}

/* Asked for max|gradient| <= 1e-10, L-BFGS on the tutorial's sample gets
 * to where f no longer falls in double precision (max|gradient| 4e-6),
 * and liblbfgs's line search fails with a rounding error. liblbfgs then
 * returns the last point it accepted but may leave in *ptr_fx the value at
 * a later trial point, which is not f there: whether it does depends on
 * the last bits of f, so the test tries penalties until it sees it. The
 * fit must return the same point, report f computed there, not
 * liblbfgs's value, and say that it did not converge and why. */
Test(logreg, rounding_error_in_the_line_search)
{
    static const double Cs[] = {1, 2, 0.5, 4, 0.25, 10, 0.1, 100};
    wb_array *X, *y;
    double x[3], fx = 0, f = 0, g[3], C = 0;
    load_sample(&X, &y, "tutorial_2d");

    for (size_t k = 0; k < sizeof Cs / sizeof *Cs && C == 0; k++) {
        bare b = {X, y, Cs[k], 1e-10};
        x[0] = x[1] = x[2] = 0;
        int ret = bare_lbfgs(x, &fx, &b, 3);
        f = wb_logreg_objective(g, x, X, y, Cs[k]);
        if (ret == LBFGSERR_ROUNDING_ERROR && fx != f)
            C = Cs[k];
    }
    cr_assert(C > 0, "liblbfgs's f is f at its x for every C tried: the "
              "fault this test shows is gone");

    wb_logreg_options o = wb_logreg_default_options();
    o.C = C;
    o.tol = 1e-10;
    o.ftol = 0;
    o.max_iter = 1000;
    wb_logreg *m = fitted(X, y, &o);
    cr_assert_eq(m->lbfgs_status, LBFGSERR_ROUNDING_ERROR);
    cr_assert(m->coef[0] == x[0] && m->coef[1] == x[1] &&
                  m->intercept == x[2],
              "the fit did not return liblbfgs's point");
    cr_assert(m->loss == f && m->loss != fx,
              "reported f = %.17g; f there is %.17g, liblbfgs said %.17g",
              m->loss, f, fx);
    cr_assert(m->loss_curve[m->n_iter] == f, "the curve ends at %.17g",
              m->loss_curve[m->n_iter]);
    cr_assert(m->stop == WB_STOP_LINE_SEARCH && !m->converged &&
                  m->grad_max > o.tol,
              "%s", m->message);
    cr_assert(strstr(m->message, "the line search met a rounding error"),
              "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* Separable, no penalty, the first feature 100 times the second, tol 0:
 * one step takes f to 2e-44, and along the next direction f cannot be
 * told apart from there; the line search gives up after its 20 trial
 * steps (LBFGSERR_MAXIMUMLINESEARCH). */
Test(logreg, too_many_trial_steps_in_the_line_search)
{
    wb_array *X, *y;
    double g[3];
    wb_logreg_options o = wb_logreg_default_options();
    o.penalty = WB_PENALTY_NONE;
    o.tol = 0;
    o.ftol = 0;
    o.max_iter = 1000;
    separable_sample(&X, &y, 100);
    wb_logreg *m = fitted(X, y, &o);
    cr_assert_eq(m->lbfgs_status, LBFGSERR_MAXIMUMLINESEARCH, "%s",
                 m->message);
    cr_assert(m->stop == WB_STOP_LINE_SEARCH && !m->converged,
              "%s", m->message);
    cr_assert(strstr(m->message, "too many trial steps"), "%s",
              m->message);
    cr_assert(isfinite(m->coef[0]) && isfinite(m->coef[1]) &&
              isfinite(m->intercept));
    double f = objective_at(g, m, X, y);
    cr_assert(f == m->loss && f == m->loss_curve[m->n_iter]);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* Over every sample and C: whenever a tight fit ends in a failed line
 * search, the result is the last point L-BFGS accepted (the end of the
 * loss curve), f is computed there, and the verdict is that of the
 * gradient test there. Since the progress callback has already tested
 * that very point and found the gradient too large, that verdict is "not
 * converged" every time. */
Test(logreg, failed_line_searches_keep_the_last_point)
{
    int failures = 0;
    load_fixtures();
    for (int k = 0; k < nfits; k++) {
        const sk_fit *s = &fits[k];
        if (!s->has_optimum || s->options.tol != 1e-4 ||
            s->options.max_iter != 100)
            continue;
        wb_array *X, *y;
        wb_logreg_options o = tight(s);
        double g[MAX_D + 1];
        load_sample(&X, &y, s->dataset);
        wb_logreg *m = fitted(X, y, &o);
        if (m->lbfgs_status < 0) {
            failures++;
            double f = objective_at(g, m, X, y);
            cr_assert(f == m->loss && f == m->loss_curve[m->n_iter],
                      "fit %d: f = %.17g, reported %.17g", s->id, f,
                      m->loss);
            cr_assert(m->converged == (m->grad_max <= o.tol));
            cr_assert(!m->converged && m->stop == WB_STOP_LINE_SEARCH,
                      "fit %d: %s", s->id, m->message);
        }
        wb_logreg_destroy(m);
        wb_free(X);
        wb_free(y);
    }
    cr_assert(failures >= 10, "only %d failed line searches", failures);
}

/* ---- Newton's method --------------------------------------------------- */

/* Newton's method (solver newton) from w = 0, b = 0, to max|gradient|
 * <= 1e-10, reaches the exact optimum of every fixture's objective, in a
 * handful of iterations: f is a bowl, and close to its bottom each
 * Newton step doubles the right digits. */
Test(logreg, newton_reaches_the_exact_optimum)
{
    int fits_tried = 0;
    load_fixtures();
    for (int k = 0; k < nfits; k++) {
        const sk_fit *s = &fits[k];
        if (!s->has_optimum || s->options.tol != 1e-4 ||
            s->options.max_iter != 100)
            continue;
        wb_array *X, *y;
        wb_logreg_options o = s->options;
        o.solver = WB_NEWTON;
        o.tol = 1e-10;
        load_sample(&X, &y, s->dataset);
        wb_logreg *m = fitted(X, y, &o);
        cr_assert(m->stop == WB_STOP_SMALL_GRADIENT && m->converged &&
                      m->n_iter <= 15 && m->lbfgs_status == 0,
                  "fit %d (%s, C = %g): %s", s->id, s->dataset,
                  s->options.C, m->message);
        for (size_t j = 0; j <= s->d; j++) {
            double got = j < s->d ? m->coef[j] : m->intercept;
            double want = j < s->d ? s->opt_coef[j] : s->opt_intercept;
            cr_assert(near(got, want, NEWTON_OPTIMUM_RTOL, 1e-12),
                      "fit %d (%s, C = %g): parameter %zu = %.17g, "
                      "optimum %.17g", s->id, s->dataset, s->options.C, j,
                      got, want);
        }
        fits_tried++;
        wb_logreg_destroy(m);
        wb_free(X);
        wb_free(y);
    }
    cr_assert(fits_tried >= 30, "only %d fits", fits_tried);
}

/* The samples the chapters fit, as they draw them (seed 1): chapter 1's
 * 100 + 100 points in 1-D, chapter 3's 500 + 500 in 2-D, chapter 4's 500
 * points of the quadrants on (x1, x2), and on u = x1 x2. */
static void chapter_sample(wb_array **X, wb_array **y, int which)
{
    wb_rng rng;
    wb_rng_seed(&rng, 1);
    if (which == 0)
        cr_assert_eq(wb_sample_gaussians_1d(X, y, &rng, 100, 1.5), 0);
    else if (which == 1)
        cr_assert_eq(wb_sample_gaussians_2d(X, y, &rng, 500), 0);
    else
        cr_assert_eq(wb_sample_quadrants(X, y, &rng, 500), 0);
    if (which == 3) {
        wb_array *u = wb_vector(500);
        cr_assert(u);
        for (size_t i = 0; i < 500; i++)
            u->data[i] = WB_AT(*X, i, 0) * WB_AT(*X, i, 1);
        wb_free(*X);
        *X = u;
    }
}

/* The largest difference between a's and b's parameters, beyond
 * rtol |b| + atol: > 0 when they disagree. */
static double excess(const wb_logreg *a, const wb_logreg *b, double rtol,
                     double atol)
{
    double worst = 0;
    for (size_t j = 0; j <= a->d; j++) {
        double u = j < a->d ? a->coef[j] : a->intercept;
        double v = j < b->d ? b->coef[j] : b->intercept;
        worst = fmax(worst, fabs(u - v) - rtol * fabs(v) - atol);
    }
    return worst;
}

/* On the chapters' samples Newton's method and L-BFGS reach the same
 * minimum: at scikit-learn's settings, the fits the chapters print, as
 * close as their gradient tests let them stop (NEWTON_RTOL); both asked
 * for more, as close as L-BFGS can get (NEWTON_TIGHT_RTOL). Newton takes
 * 2 to 7 iterations where L-BFGS takes 6 to 13. */
Test(logreg, newton_agrees_with_lbfgs_on_the_chapters_samples)
{
    static const char *names[] = {"chapter 1", "chapter 3",
                                  "chapter 4 (x1, x2)", "chapter 4 (u)"};
    for (int which = 0; which < 4; which++)
        for (int tight = 0; tight < 2; tight++) {
            wb_array *X, *y;
            wb_logreg_options o = wb_logreg_default_options();
            if (tight) {
                o.tol = 1e-10;
                o.ftol = 0;
                o.max_iter = 1000;
            }
            chapter_sample(&X, &y, which);
            wb_logreg *lbfgs = fitted(X, y, &o);
            o.solver = WB_NEWTON;
            wb_logreg *newton = fitted(X, y, &o);
            const char *name = names[which];
            cr_assert(newton->converged && newton->n_iter <= 8 &&
                          newton->n_iter < lbfgs->n_iter,
                      "%s: %zu iterations of Newton, %zu of L-BFGS: %s",
                      name, newton->n_iter, lbfgs->n_iter, newton->message);
            double gap = tight ? excess(newton, lbfgs, NEWTON_TIGHT_RTOL, 0)
                               : excess(newton, lbfgs, NEWTON_RTOL,
                                        NEWTON_ATOL);
            cr_assert(gap <= 0, "%s%s: Newton's w_1 = %.17g, b = %.17g; "
                      "L-BFGS's %.17g, %.17g", name, tight ? ", tight" : "",
                      newton->coef[0], newton->intercept, lbfgs->coef[0],
                      lbfgs->intercept);
            cr_assert(near(newton->loss, lbfgs->loss,
                           tight ? NEWTON_TIGHT_LOSS_RTOL : NEWTON_LOSS_RTOL,
                           0),
                      "%s: f = %.17g by Newton, %.17g by L-BFGS", name,
                      newton->loss, lbfgs->loss);
            wb_logreg_destroy(lbfgs);
            wb_logreg_destroy(newton);
            wb_free(X);
            wb_free(y);
        }
}

/* Newton's fit reports as L-BFGS's: the loss curve from n log 2 falling
 * to f at the result, max|gradient| there, the evaluations (one per trial
 * step, the start's included), and why it stopped. */
Test(logreg, newton_reports_its_fit)
{
    wb_array *X, *y;
    double g[3];
    wb_logreg_options o = wb_logreg_default_options();
    o.solver = WB_NEWTON;
    load_sample(&X, &y, "tutorial_2d");
    wb_logreg *m = fitted(X, y, &o);
    cr_assert(fabs(m->loss_curve[0] - 1000 * log(2)) < 1e-9);
    for (size_t k = 1; k <= m->n_iter; k++)
        cr_assert(m->loss_curve[k] < m->loss_curve[k - 1],
                  "f rose at iteration %zu", k);
    double f = objective_at(g, m, X, y);
    cr_assert(f == m->loss && f == m->loss_curve[m->n_iter]);
    cr_assert(m->grad_max == wb_max_abs(g, 3) && m->grad_max <= o.tol);
    cr_assert(m->n_fun >= m->n_iter + 1);
    cr_assert(m->stop == WB_STOP_SMALL_GRADIENT && m->lbfgs_status == 0);
    char want[96];
    snprintf(want, sizeof want, "<= tol = 0.0001 after %zu iterations",
             m->n_iter);
    cr_assert(strstr(m->message, want), "%s", m->message);
    /* max_iter stops it too, and is tested first, as for L-BFGS */
    m->options.max_iter = 2;
    cr_assert_eq(wb_logreg_fit(m, X, y), 0, "%s", wb_error());
    cr_assert(m->n_iter == 2 && m->stop == WB_STOP_MAX_ITER &&
                  !m->converged,
              "%s", m->message);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* Without a penalty, separable data have no minimum: Newton's method
 * stops as L-BFGS does, by the gradient test with finite weights, or at
 * max_iter with tol = 0, never with a weight that is not a number. */
Test(logreg, newton_without_a_minimum_stops_with_finite_weights)
{
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    o.solver = WB_NEWTON;
    o.penalty = WB_PENALTY_NONE;
    load_sample(&X, &y, "separable");
    for (int k = 0; k < 2; k++) {
        o.tol = k == 0 ? 1e-4 : 0;
        wb_logreg *m = fitted(X, y, &o);
        cr_assert(isfinite(m->coef[0]) && isfinite(m->coef[1]) &&
                      isfinite(m->intercept) && isfinite(m->loss),
                  "%s", m->message);
        cr_assert_eq(m->stop, k == 0 ? WB_STOP_SMALL_GRADIENT
                                     : WB_STOP_MAX_ITER, "%s", m->message);
        wb_array *label = wb_logreg_predict(m, X);
        for (size_t i = 0; i < y->size; i++)
            cr_assert(label->data[i] == y->data[i]);
        wb_free(label);
        wb_logreg_destroy(m);
    }
    wb_free(X);
    wb_free(y);
}

/* ---- predictions ------------------------------------------------------- */

static wb_logreg *model_with(size_t d, const double *w, double b)
{
    wb_logreg *m = wb_logreg_create(d, NULL);
    cr_assert(m);
    memcpy(m->coef, w, d * sizeof *w);
    m->intercept = b;
    return m;
}

Test(logreg, decision_function_proba_and_predict)
{
    /* w = (1, 2), b = -1: the tutorial's 2D sigmoid, shifted */
    wb_logreg *m = model_with(2, (double[]){1, 2}, -1);
    wb_array *X = wb_matrix(4, 2);
    const double x[] = {0, 0, 1, 0, -1, 1, 3, -1};
    memcpy(X->data, x, sizeof x);
    wb_array *z = wb_logreg_decision_function(m, X);
    wb_array *p = wb_logreg_predict_proba(m, X);
    wb_array *label = wb_logreg_predict(m, X);
    const double want_z[] = {-1, 0, 0, 0};
    cr_assert(z && p && label && z->ndim == 1 && z->size == 4 &&
              p->size == 4 && label->size == 4);
    for (size_t i = 0; i < 4; i++) {
        cr_assert(z->data[i] == want_z[i], "z[%zu] = %g", i, z->data[i]);
        double want_p = 1 / (1 + exp(-want_z[i]));
        cr_assert(fabs(p->data[i] - want_p) <= 1e-16, "p[%zu] = %.17g", i,
                  p->data[i]);
        /* z = 0 is category 0, as in scikit-learn */
        cr_assert(label->data[i] == 0, "label[%zu] = %g", i,
                  label->data[i]);
    }
    m->intercept = 0;
    X->data[0] = 1e-300;
    X->data[1] = 0;
    wb_free(label);
    label = wb_logreg_predict(m, X);
    cr_assert(label->data[0] == 1, "z just above 0 is category 1");
    wb_free(z);
    wb_free(p);
    wb_free(label);
    wb_free(X);
    wb_logreg_destroy(m);
}

Test(logreg, huge_scores_give_certain_probabilities)
{
    wb_logreg *m = model_with(1, (double[]){1e4}, 0);
    wb_array *x = wb_vector_from((double[]){1, -1}, 2);
    wb_array *p = wb_logreg_predict_proba(m, x);
    cr_assert(p->data[0] == 1 && p->data[1] == 0, "p = (%g, %g)",
              p->data[0], p->data[1]);
    wb_free(p);
    wb_free(x);
    wb_logreg_destroy(m);
}

Test(logreg, null_in_null_out)
{
    wb_logreg *m = wb_logreg_create(1, NULL);
    cr_assert_null(wb_logreg_predict_proba(m, NULL));
    cr_assert_null(wb_logreg_predict(m, NULL));
    wb_logreg_destroy(m);
    wb_logreg_destroy(NULL);
}

/* A 1-D X of n values and the same values as an (n, 1) matrix are the
 * same sample. */
Test(logreg, one_feature_as_1d_or_2d)
{
    wb_array *x, *y;
    load_sample(&x, &y, "chapter1_1d");
    cr_assert_eq(x->ndim, 1);
    wb_array *X = wb_copy(x);
    cr_assert_eq(wb_reshape(X, x->size, 1), 0);
    wb_logreg *a = fitted(x, y, NULL), *b = fitted(X, y, NULL);
    cr_assert(a->coef[0] == b->coef[0] && a->intercept == b->intercept &&
              a->n_iter == b->n_iter);
    wb_logreg_destroy(a);
    wb_logreg_destroy(b);
    wb_free(x);
    wb_free(X);
    wb_free(y);
}

Test(logreg, a_new_model_is_zero_and_not_fitted)
{
    wb_logreg *m = wb_logreg_create(3, NULL);
    wb_logreg_options d = wb_logreg_default_options();
    cr_assert(m->d == 3 && m->coef[0] == 0 && m->coef[2] == 0 &&
              m->intercept == 0 && m->loss_curve == NULL);
    cr_assert(m->stop == WB_STOP_NOT_FITTED && !m->converged);
    cr_assert_str_eq(m->message, "not fitted yet");
    cr_assert(m->options.C == 1 && m->options.tol == 1e-4 &&
              m->options.max_iter == 100 &&
              m->options.penalty == WB_PENALTY_L2 &&
              m->options.solver == WB_LBFGS &&
              m->options.ftol == WB_FTOL && m->options.max_fun == 15000);
    /* scipy's factr * eps, which scikit-learn fixes */
    cr_assert(WB_FTOL == 1e7 * DBL_EPSILON);
    cr_assert(d.C == 1 && d.tol == 1e-4 && d.max_iter == 100);
    wb_logreg_destroy(m);
}

/* Fitting again, with other options, replaces the result. */
Test(logreg, refit_with_other_options)
{
    wb_array *X, *y;
    load_sample(&X, &y, "overlap");
    wb_logreg *m = fitted(X, y, NULL);
    double w = m->coef[0];
    m->options.C = 0.01;
    m->options.max_iter = 2;
    cr_assert_eq(wb_logreg_fit(m, X, y), 0, "%s", wb_error());
    cr_assert(m->n_iter == 2 && m->stop == WB_STOP_MAX_ITER &&
              m->coef[0] != w);
    cr_assert(m->loss_curve[2] == m->loss);
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* ---- bad input: -1 or NULL, one clear line, the model unchanged -------- */

/* Fits `m` to X, y, which must fail with a message containing `want`,
 * and leave the model as it was. */
static void fit_refused(wb_logreg *m, const wb_array *X, const wb_array *y,
                        const char *want)
{
    wb_logreg before = *m;
    double w0 = m->coef[0];
    cr_assert_eq(wb_logreg_fit(m, X, y), -1, "accepted; expected: %s", want);
    cr_assert(strstr(wb_error(), want), "message: %s; expected: %s",
              wb_error(), want);
    cr_assert(strchr(wb_error(), '\n') == NULL);
    cr_assert(m->stop == before.stop && m->n_iter == before.n_iter &&
                  m->coef[0] == w0 && m->loss_curve == before.loss_curve,
              "a refused fit changed the model");
}

Test(logreg, bad_data_is_an_error)
{
    wb_array *X = wb_matrix(4, 2), *y = wb_vector(4), *x1 = wb_vector(4);
    wb_array *none = wb_matrix(0, 2), *ynone = wb_vector(0);
    wb_logreg *m = wb_logreg_create(2, NULL), *m1 = wb_logreg_create(1, NULL);
    const double labels[] = {0, 1, 0, 1};
    memcpy(y->data, labels, sizeof labels);

    fit_refused(m, none, ynone, "no examples to fit (n = 0)");
    X->data[5] = NAN;
    fit_refused(m, X, y, "X[2][1] = nan is not a finite number");
    X->data[5] = -INFINITY;
    fit_refused(m, X, y, "X[2][1] = -inf is not a finite number");
    X->data[5] = 0;
    x1->data[3] = INFINITY;
    fit_refused(m1, x1, y, "X[3] = inf is not a finite number");
    y->data[2] = 2;
    fit_refused(m, X, y, "y[2] = 2, but a label must be 0 or 1");
    y->data[2] = NAN;
    fit_refused(m, X, y, "y[2] = nan, but a label must be 0 or 1");
    y->data[2] = 0.5;
    fit_refused(m, X, y, "y[2] = 0.5, but a label must be 0 or 1");
    for (size_t i = 0; i < 4; i++)
        y->data[i] = 1;
    fit_refused(m, X, y, "every label is 1; fitting needs examples of both "
                         "categories, 0 and 1");
    for (size_t i = 0; i < 4; i++)
        y->data[i] = 0;
    fit_refused(m, X, y, "every label is 0");
    /* a fitted model stays as it was after a refused fit */
    memcpy(y->data, labels, sizeof labels);
    X->data[0] = 1;
    cr_assert_eq(wb_logreg_fit(m, X, y), 0, "%s", wb_error());
    y->data[1] = 3;
    fit_refused(m, X, y, "y[1] = 3");
    wb_free(X);
    wb_free(y);
    wb_free(x1);
    wb_free(none);
    wb_free(ynone);
    wb_logreg_destroy(m);
    wb_logreg_destroy(m1);
}

Test(logreg, bad_options_are_an_error)
{
    wb_logreg_options o;
    wb_array *X = wb_matrix(2, 1), *y = wb_vector(2);
    y->data[1] = 1;
    wb_logreg *m = wb_logreg_create(1, NULL);

#define REFUSED(field, value, text)                                       \
    do {                                                                  \
        o = wb_logreg_default_options();                                  \
        o.field = value;                                                  \
        cr_assert_null(wb_logreg_create(1, &o), #field " accepted");      \
        cr_assert(strstr(wb_error(), text), "%s", wb_error());            \
        m->options = o;                                                   \
        fit_refused(m, X, y, text);                                       \
    } while (0)

    REFUSED(C, 0, "C = 0, but C must be > 0");
    REFUSED(C, -1, "C = -1, but C must be > 0");
    REFUSED(C, NAN, "C = nan, but C must be > 0");
    REFUSED(tol, -1e-4, "tol = -0.0001, but tol must be >= 0");
    REFUSED(tol, NAN, "tol = nan");
    REFUSED(max_iter, 0, "max_iter = 0, but max_iter must be >= 1");
    REFUSED(ftol, -1, "ftol = -1, but ftol must be >= 0");
    REFUSED(max_fun, 0, "max_fun = 0, but max_fun must be >= 1");
    REFUSED(penalty, (wb_penalty)7, "unknown penalty 7");
    REFUSED(solver, WB_ADAM, "solver 0 is neither lbfgs nor newton");
    REFUSED(solver, (wb_solver)9, "solver 9 is neither lbfgs nor newton");
#undef REFUSED

    cr_assert_null(wb_logreg_create(0, NULL));
    cr_assert(strstr(wb_error(), "at least one feature"), "%s", wb_error());
    wb_logreg_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* C = infinity with the L2 penalty is no penalty: allowed. */
Test(logreg, infinite_C_is_no_penalty)
{
    wb_array *X, *y;
    wb_logreg_options a = wb_logreg_default_options(), b = a;
    a.C = INFINITY;
    b.penalty = WB_PENALTY_NONE;
    load_sample(&X, &y, "overlap");
    wb_logreg *ma = fitted(X, y, &a), *mb = fitted(X, y, &b);
    cr_assert(ma->coef[0] == mb->coef[0] && ma->intercept == mb->intercept);
    wb_logreg_destroy(ma);
    wb_logreg_destroy(mb);
    wb_free(X);
    wb_free(y);
}

/* ---- programming errors abort ------------------------------------------ */

static void quiet(void)
{
    cr_redirect_stderr();    /* the abort message is expected */
}

Test(logreg, x_and_y_of_different_lengths_abort, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *X = wb_matrix(3, 2), *y = wb_vector(2);
    wb_logreg *m = wb_logreg_create(2, NULL);
    wb_logreg_fit(m, X, y);
}

Test(logreg, x_with_the_wrong_number_of_columns_aborts, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *X = wb_matrix(3, 3), *y = wb_vector(3);
    wb_logreg *m = wb_logreg_create(2, NULL);
    wb_logreg_fit(m, X, y);
}

Test(logreg, predicting_with_the_wrong_number_of_columns_aborts,
     .signal = SIGABRT, .init = quiet)
{
    wb_array *X = wb_matrix(3, 1);
    wb_logreg *m = wb_logreg_create(2, NULL);
    wb_logreg_predict_proba(m, X);
}

Test(logreg, objective_of_mismatched_arrays_aborts, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *X = wb_matrix(3, 1), *y = wb_vector(4);
    double p[2] = {0, 0}, g[2];
    wb_logreg_objective(g, p, X, y, 1);
}
