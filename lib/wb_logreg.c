/* wb_logreg.c: logistic regression fitted by L-BFGS. See wb_logreg.h.
 *
 * The file follows the mathematics: the loss of one example (region
 * loss), the objective summed over the sample with its gradient (region
 * objective), the tests that stop the fit (region stopping), the fit that
 * hands these to liblbfgs, and the predictions (regions decision_function,
 * predict_proba, predict).
 *
 * Shapes: n examples, d features. The parameters are one vector
 * params = (w_1, ..., w_d, b) of d + 1 numbers, the intercept last, as in
 * scikit-learn; the gradient has the same layout.
 */
#include "wb_logreg.h"

#include <lbfgs.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_activation.h"
#include "wb_core.h"

/* region loss */
/* The loss of one example, of score z and label y (0 or 1), is minus the
 * log of the probability the model gives to its label; its derivative
 * with respect to z is that probability minus the label:
 *
 *     loss(z, y)  = log(1 + e^z) - y z                               (1)
 *     loss'(z, y) = sigmoid(z) - y = e^z / (1 + e^z) - y             (2)
 *
 * Written as they stand, e^z overflows for z > 709, and (1) becomes
 * inf - inf = NaN. So each side of 0 takes an exponential that cannot
 * overflow, e = e^-|z|, in (0, 1]:
 *
 *     z <= 0:  e = e^z,   log(1 + e^z) = log1p(e)                    (1a)
 *                         sigmoid(z)   = e / (1 + e)                 (2a)
 *     z >  0:  e = e^-z,  log(1 + e^z) = z + log1p(e)                (1b)
 *                         sigmoid(z)   = 1 / (1 + e)                 (2b)
 *
 * log1p(e) is log(1 + e) without rounding 1 + e first. For a tiny e it
 * is e - e^2/2 + ..., so it is e to the last digit when z <= -37, and
 * within a relative 1e-8 when z > 18: scikit-learn takes e there, and so
 * do we. The derivative minus y is written as one fraction, as
 * scikit-learn writes it.
 *
 * Returns loss(z, y) and stores loss'(z, y) in *dloss, given
 * e = e^-|z| and l = log1p(e): the objective below computes these two
 * for many examples at once.
 */
static double loss(double *dloss, double z, double y, double e, double l)
{
    if (z <= 0) {
        *dloss = ((1 - y) * e - y) / (1 + e);       /* e/(1+e) - y    (2a) */
        return (z <= -37 ? e : l) - y * z;          /* (1a) - y z */
    }
    *dloss = ((1 - y) - y * e) / (1 + e);           /* 1/(1+e) - y    (2b) */
    return (z <= 18 ? l : e) + (1 - y) * z;         /* (1b) - y z */
}
/* endregion loss */

/* X: (n, d) with n = y's length. A 1-D X has shape (n, 1) already. */
static void assert_shapes(const wb_array *X, const wb_array *y)
{
    WB_ASSERT(X && y, "X and y are required");
    WB_ASSERT(X->shape[0] == y->size,
              "X has %zu rows but y has %zu labels", X->shape[0], y->size);
}

/* glibc has vector versions of exp and log1p (libmvec), which take 2 or 4
 * numbers per call: gcc calls them from a loop over an array when it is
 * told that they exist, and that they need not set errno (wb_logreg.c is
 * compiled with -fno-math-errno; see the Makefile). Elsewhere the loops
 * call the usual exp and log1p, one number at a time. */
#if defined __GNUC__ && !defined __clang__ && defined __x86_64__ && \
    defined __GLIBC__
__attribute__((simd("notinbranch"))) double exp(double);
__attribute__((simd("notinbranch"))) double log1p(double);
/* The objective is compiled twice: for any x86-64, and for a processor
 * with AVX2, whose vectors hold 4 doubles. The program picks the one its
 * processor runs when it starts. */
#define WB_LOGREG_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WB_LOGREG_CLONES
#endif

/* region objective */
/* The objective, summed over the n examples, and its gradient:
 *
 *     f(w, b)  = sum_i loss(z_i, y_i) + ||w||^2 / (2C)               (3)
 *     df/dw_j  = sum_i loss'(z_i, y_i) x_ij + w_j / C                (4)
 *     df/db    = sum_i loss'(z_i, y_i)                               (5)
 *
 * with z_i = w . x_i + b. (4) and (5) are (3) differentiated by the chain
 * rule, since dz_i/dw_j = x_ij and dz_i/db = 1. The intercept b is not
 * penalised.
 *
 * The examples go by blocks of BLOCK: the block's scores z_i, then
 * its exponentials e_i = e^-|z_i|, then their log1p, each a loop
 * that does one thing to an array, which the compiler turns into
 * vector code (two or four examples at a time); then one pass takes
 * each example's loss and gathers the three sums, in the order of the
 * examples. WB_LOGREG_CLONES (above) has the function compiled twice:
 * for any x86-64, and for processors with AVX2, which do four
 * examples at a time.
 */
enum { BLOCK = 256 };   /* 3 arrays of 256 doubles: 6 KiB */

WB_LOGREG_CLONES
double wb_logreg_objective(double *grad, const double *params,
                           const wb_array *X, const wb_array *y, double C)
{
    assert_shapes(X, y);
    size_t n = X->shape[0], d = X->shape[1];
    const double *w = params;            /* (d,) */
    double b = params[d];
    double *grad_w = grad;               /* (d,) */
    double grad_b = 0;
    double f = 0;
    double z[BLOCK];            /* the scores */
    double e[BLOCK], l[BLOCK];  /* e^-|z| and log1p(e^-|z|) */

    for (size_t j = 0; j < d; j++)
        grad_w[j] = 0;
    for (size_t start = 0; start < n; start += BLOCK) {
        size_t m = n - start < BLOCK ? n - start : BLOCK;
        const double *x = X->data + start * d;  /* the block: (m, d) */
        const double *yb = y->data + start;     /* (m,) */
        /* z = x w + b, a feature at a time: w . x_i + b, summed in
         * the same order, for all the block at once */
        for (size_t i = 0; i < m; i++)
            z[i] = 0;
        for (size_t j = 0; j < d; j++)
            for (size_t i = 0; i < m; i++)
                z[i] += w[j] * x[i * d + j];
        for (size_t i = 0; i < m; i++)
            z[i] += b;
        for (size_t i = 0; i < m; i++)
            e[i] = exp(-fabs(z[i]));
        for (size_t i = 0; i < m; i++)
            l[i] = log1p(e[i]);
        for (size_t i = 0; i < m; i++) {
            double dloss;
            f += loss(&dloss, z[i], yb[i], e[i], l[i]); /* (3), the sum */
            for (size_t j = 0; j < d; j++)
                grad_w[j] += dloss * x[i * d + j];      /* (4), the sum */
            grad_b += dloss;                            /* (5) */
        }
    }

    double lambda = 1 / C;      /* the penalty's strength; 0 for no penalty */
    for (size_t j = 0; j < d; j++) {
        f += lambda / 2 * w[j] * w[j];          /* (3), the penalty */
        grad_w[j] += lambda * w[j];             /* (4), the penalty */
    }
    grad[d] = grad_b;
    return f;
}
/* endregion objective */

wb_logreg_options wb_logreg_defaults(void)
{
    return (wb_logreg_options){
        .penalty = WB_PENALTY_L2, .C = 1, .tol = 1e-4, .max_iter = 100,
        .ftol = WB_LOGREG_FTOL};
}

/* Bad options are errors, not bugs: a reader sets them from the command
 * line or an exercise. */
static int check_options(const wb_logreg_options *o)
{
    if (o->penalty != WB_PENALTY_L2 && o->penalty != WB_PENALTY_NONE)
        return wb_fail("logistic regression: unknown penalty %d",
                       (int)o->penalty);
    if (!(o->C > 0))
        return wb_fail("logistic regression: C = %g, but C must be > 0",
                       o->C);
    if (!(o->tol >= 0))
        return wb_fail("logistic regression: tol = %g, but tol must be >= 0",
                       o->tol);
    if (o->max_iter < 1)
        return wb_fail("logistic regression: max_iter = %d, but max_iter "
                       "must be >= 1", o->max_iter);
    if (!(o->ftol >= 0))
        return wb_fail("logistic regression: ftol = %g, but ftol must be "
                       ">= 0", o->ftol);
    return 0;
}

wb_logreg *wb_logreg_create(size_t d, const wb_logreg_options *options)
{
    wb_logreg_options o = options ? *options : wb_logreg_defaults();
    wb_logreg *model;

    if (d == 0) {
        wb_fail("logistic regression: a model needs at least one feature");
        return NULL;
    }
    /* liblbfgs counts the d + 1 parameters in an int. */
    if (d >= INT_MAX) {
        wb_fail("logistic regression: %zu features are too many", d);
        return NULL;
    }
    if (check_options(&o) != 0)
        return NULL;
    /* One allocation: the struct and its d weights, w = 0. */
    model = wb_calloc(1, sizeof *model + d * sizeof model->coef[0]);
    if (!model)
        return NULL;
    model->options = o;
    model->d = d;
    snprintf(model->stop_line, sizeof model->stop_line, "not fitted yet");
    return model;
}

void wb_logreg_destroy(wb_logreg *model)
{
    if (model) {
        free(model->loss_curve);
        free(model);
    }
}

/* ---- fitting ----------------------------------------------------------- */

static double max_abs(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, fabs(v[i]));
    return m;
}

/* What the fit shares with liblbfgs's callbacks. */
typedef struct fit_state {
    const wb_array *X, *y;
    const wb_logreg_options *options;
    double C;                   /* INFINITY for no penalty */
    const double *grad_start;   /* (d + 1,): the gradient at w = 0, b = 0 */
    bool start_given;           /* liblbfgs has had the start's values */
    int n_eval;
    int n_iter;
    double *curve;              /* (max_iter + 1,): f after each iteration */
    double grad_max;            /* max|gradient| after the last iteration */
} fit_state;

/* The fraction by which iteration k lowered f, as test (8) measures it. */
static double decrease(double f_prev, double f_k)
{
    return (f_prev - f_k) / fmax(fmax(fabs(f_prev), fabs(f_k)), 1);
}

/* region stopping */
/* The fit stops after iteration k, at a point where the objective is f_k
 * and the gradient g, when one of these tests holds. They are
 * scikit-learn's (its optimiser is scipy's L-BFGS-B), in the same order:
 *
 *     k >= max_iter                                     not converged  (6)
 *     max_j |g_j| <= tol                                converged      (7)
 *     f_{k-1} - f_k <= ftol max(|f_{k-1}|, |f_k|, 1)    converged      (8)
 *
 * At the minimum the gradient is 0, so (7) says we are close to it. (8)
 * says that the last iteration lowered f by a fraction ftol or less
 * (2.2e-9 unless asked otherwise): L-BFGS is no longer making progress
 * worth having. Returns the reason to stop, or WB_LOGREG_NOT_FITTED (no
 * reason) to go on.
 */
static wb_logreg_stop stopping_test(int k, double f_prev, double f_k,
                                    double grad_max,
                                    const wb_logreg_options *o)
{
    double scale = fmax(fmax(fabs(f_prev), fabs(f_k)), 1);

    if (k >= o->max_iter)
        return WB_LOGREG_MAX_ITER;                        /* (6) */
    if (grad_max <= o->tol)
        return WB_LOGREG_GRADIENT_SMALL;                  /* (7) */
    if (f_prev - f_k <= o->ftol * scale)
        return WB_LOGREG_DECREASE_SMALL;                  /* (8) */
    return WB_LOGREG_NOT_FITTED;
}
/* endregion stopping */

/* A non-zero return from the progress callback stops liblbfgs, which then
 * returns that number itself. Ours are STOPPED + the reason: positive, and
 * apart from liblbfgs's own codes (0, 1 and 2 for success, negative for
 * errors). */
enum { STOPPED = 100 };

/* liblbfgs calls this for f and its gradient at each point it tries. */
static double evaluate(void *instance, const double *params, double *grad,
                       int size, double step)
{
    fit_state *fit = instance;
    (void)step;
    /* liblbfgs first evaluates the start, which the fit has done already:
     * hand it those values, and count that evaluation once. */
    if (!fit->start_given) {
        fit->start_given = true;
        memcpy(grad, fit->grad_start, (size_t)size * sizeof *grad);
        return fit->curve[0];
    }
    fit->n_eval++;
    return wb_logreg_objective(grad, params, fit->X, fit->y, fit->C);
}

/* region progress */
/* liblbfgs calls this after each iteration k = 1, 2, ... */
static int progress(void *instance, const double *params, const double *grad,
                    double f, double xnorm, double gnorm, double step,
                    int size, int k, int ls)
{
    fit_state *fit = instance;
    (void)params, (void)xnorm, (void)gnorm, (void)step, (void)ls;
    fit->curve[k] = f;          /* the loss curve */
    fit->n_iter = k;
    fit->grad_max = max_abs(grad, (size_t)size);
    wb_logreg_stop stop = stopping_test(k, fit->curve[k - 1], f,
                                        fit->grad_max, fit->options);
    return stop == WB_LOGREG_NOT_FITTED ? 0 : STOPPED + (int)stop;
}
/* endregion progress */

/* What went wrong in a line search, in words, for the stop line; NULL for
 * a code that is not a line-search error. */
static const char *line_search_error(int status)
{
    switch (status) {
    case LBFGSERR_ROUNDING_ERROR:
        return "a rounding error";
    case LBFGSERR_MAXIMUMLINESEARCH:
        return "too many trial steps";
    case LBFGSERR_MINIMUMSTEP:
        return "a step below the smallest allowed";
    case LBFGSERR_MAXIMUMSTEP:
        return "a step above the largest allowed";
    case LBFGSERR_WIDTHTOOSMALL:
        return "an interval of steps too narrow to search";
    case LBFGSERR_INCREASEGRADIENT:
        return "a direction in which f increases";
    case LBFGSERR_OUTOFINTERVAL:
    case LBFGSERR_INCORRECT_TMINMAX:
        return "a step outside its interval";
    default:
        return NULL;
    }
}

static const char *plural(int k)
{
    return k == 1 ? "" : "s";
}

/* The outcome of a fit, before it is stored in the model. */
typedef struct fit_result {
    wb_logreg_stop stop;
    bool converged;
    char line[WB_LOGREG_LINE_SIZE];
} fit_result;

/* Turns what lbfgs() returned into the reason the fit stopped. The point
 * it returned has objective f and max|gradient| grad_max. Returns -1 with
 * an error when liblbfgs itself failed. */
static int outcome(fit_result *r, int status, const fit_state *fit, double f,
                   double grad_max)
{
    const double tol = fit->options->tol;
    const int k = fit->n_iter;
    const char *ls = line_search_error(status);
    char *line = r->line;
    const size_t size = sizeof r->line;

    if (status > STOPPED) {
        /* One of our tests: the progress callback's, or the test at the
         * start. */
        r->stop = (wb_logreg_stop)(status - STOPPED);
        r->converged = r->stop != WB_LOGREG_MAX_ITER;
        if (r->stop == WB_LOGREG_MAX_ITER)
            snprintf(line, size, "not converged: stopped at max_iter = %d "
                     "iterations (max|gradient| = %.3g, tol = %g)", k,
                     grad_max, tol);
        else if (r->stop == WB_LOGREG_GRADIENT_SMALL)
            snprintf(line, size, "converged: max|gradient| = %.3g <= tol = "
                     "%g after %d iteration%s", grad_max, tol, k, plural(k));
        else
            snprintf(line, size, "converged: iteration %d lowered f by a "
                     "fraction %.3g <= ftol = %.3g (max|gradient| = %.3g)",
                     k, decrease(fit->curve[k - 1], fit->curve[k]),
                     fit->options->ftol, grad_max);
        return 0;
    }
    if (!ls && status != LBFGS_SUCCESS) {
        if (status == LBFGSERR_OUTOFMEMORY)
            return wb_fail("logistic regression: out of memory in liblbfgs");
        return wb_fail("logistic regression: liblbfgs stopped with code %d",
                       status);
    }

    /* liblbfgs stopped on its own: its line search failed, or its own
     * convergence test fired. That test, ||g|| <= 0 with our settings,
     * holds only when the squares of a gradient below 1e-154 underflow to
     * 0, which only a tol below that lets us reach. Either way it returned
     * the last point it accepted: the fit is judged there. */
    r->converged = grad_max <= tol;
    if (r->converged) {
        r->stop = WB_LOGREG_GRADIENT_SMALL;
        snprintf(line, size, "converged: max|gradient| = %.3g <= tol = %g "
                 "after %d iteration%s (the line search reported %s at the "
                 "optimum)", grad_max, tol, k, plural(k), ls ? ls : "none");
    } else if (ls) {
        r->stop = WB_LOGREG_LINE_SEARCH;
        snprintf(line, size, "not converged: after %d iteration%s the line "
                 "search met %s, at max|gradient| = %.3g > tol = %g "
                 "(f = %.10g)", k, plural(k), ls, grad_max, tol, f);
    } else {
        r->stop = WB_LOGREG_UNDERFLOW;
        snprintf(line, size, "not converged: after %d iteration%s the "
                 "gradient was too small for liblbfgs to measure, but "
                 "max|gradient| = %.3g > tol = %g", k, plural(k), grad_max,
                 tol);
    }
    return 0;
}

/* Bad data is an error, with the first bad value named. */
static int check_data(const wb_array *X, const wb_array *y)
{
    size_t n = X->shape[0], d = X->shape[1], ones = 0;

    if (n == 0)
        return wb_fail("logistic regression: no examples to fit (n = 0)");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < d; j++) {
            double v = X->data[i * d + j];
            if (isfinite(v))
                continue;
            if (X->ndim == 1)
                return wb_fail("logistic regression: X[%zu] = %g is not a "
                               "finite number", i, v);
            return wb_fail("logistic regression: X[%zu][%zu] = %g is not a "
                           "finite number", i, j, v);
        }
    for (size_t i = 0; i < n; i++) {
        if (y->data[i] != 0 && y->data[i] != 1)
            return wb_fail("logistic regression: y[%zu] = %g, but a label "
                           "must be 0 or 1", i, y->data[i]);
        ones += y->data[i] == 1;
    }
    if (ones == 0 || ones == n)
        return wb_fail("logistic regression: every label is %d; fitting "
                       "needs examples of both categories, 0 and 1",
                       ones ? 1 : 0);
    return 0;
}

int wb_logreg_fit(wb_logreg *model, const wb_array *X, const wb_array *y)
{
    const wb_logreg_options *o = &model->options;
    size_t d = model->d, size = d + 1;
    lbfgs_parameter_t param;
    fit_state fit;
    fit_result r;
    double *work, *params, *grad, f, grad_max, *curve;
    int status;

    assert_shapes(X, y);
    WB_ASSERT(X->shape[1] == d, "X has %zu columns but the model has %zu "
              "features", X->shape[1], d);
    if (check_options(o) != 0 || check_data(X, y) != 0)
        return -1;

    /* params, grad and the loss curve, in one block; params = 0. */
    work = wb_calloc(2 * size + (size_t)o->max_iter + 1, sizeof *work);
    if (!work)
        return -1;
    params = work;
    grad = params + size;
    fit = (fit_state){
        .X = X, .y = y, .options = o,
        .C = o->penalty == WB_PENALTY_NONE ? INFINITY : o->C,
        .grad_start = grad, .n_eval = 1, .curve = grad + size};

    /* scipy tests the gradient at the start, before any iteration. */
    fit.curve[0] = wb_logreg_objective(grad, params, X, y, fit.C);
    fit.grad_max = max_abs(grad, size);
    if (fit.grad_max <= o->tol) {
        status = STOPPED + WB_LOGREG_GRADIENT_SMALL;
    } else {
        lbfgs_parameter_init(&param);
        param.m = 10;               /* corrections kept, as scipy's maxcor */
        param.max_linesearch = 20;  /* trial steps per iteration (maxls) */
        param.epsilon = 0;          /* liblbfgs's own tests are off: */
        param.past = 0;             /* our progress callback decides */
        param.max_iterations = 0;
        status = lbfgs((int)size, params, &f, evaluate, progress, &fit,
                       &param);
    }

    if (status > STOPPED) {
        /* One of our tests stopped the fit, at a point whose f and
         * gradient it was handed: the last of the loss curve. */
        f = fit.curve[fit.n_iter];
        grad_max = fit.grad_max;
    } else {
        /* liblbfgs stopped on its own. After a failed line search 1.10
         * returns the last point it accepted but may leave in f the value
         * at a later trial point: so f and its gradient are computed again
         * at the point returned. */
        f = wb_logreg_objective(grad, params, X, y, fit.C);
        grad_max = max_abs(grad, size);
    }
    if (outcome(&r, status, &fit, f, grad_max) != 0) {
        free(work);
        return -1;
    }
    curve = wb_reallocarray(model->loss_curve, (size_t)fit.n_iter + 1,
                            sizeof *curve);
    if (!curve) {
        free(work);
        return -1;
    }
    memcpy(curve, fit.curve, ((size_t)fit.n_iter + 1) * sizeof *curve);
    model->loss_curve = curve;

    memcpy(model->coef, params, d * sizeof *params);
    model->intercept = params[d];
    model->n_iter = fit.n_iter;
    model->n_eval = fit.n_eval;
    model->converged = r.converged;
    model->stop = r.stop;
    memcpy(model->stop_line, r.line, sizeof r.line);
    model->lbfgs_status = status;
    model->objective = f;
    model->grad_max = grad_max;
    free(work);
    return 0;
}

/* ---- predicting -------------------------------------------------------- */

/* region decision_function */
/* The score of each example, a weighted sum of its features plus the
 * intercept:
 *
 *     z_i = w . x_i + b = w_1 x_i1 + ... + w_d x_id + b
 *
 * X: (n, d); the result: (n,).
 */
wb_array *wb_logreg_decision_function(const wb_logreg *model,
                                      const wb_array *X)
{
    if (!X)
        return NULL;
    WB_ASSERT(X->shape[1] == model->d, "X has %zu columns but the model "
              "has %zu features", X->shape[1], model->d);
    size_t n = X->shape[0], d = model->d;
    const double *w = model->coef;
    wb_array *z = wb_vector(n);
    if (!z)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        const double *x = X->data + i * d;      /* example i: (d,) */
        double wx = 0;
        for (size_t j = 0; j < d; j++)
            wx += w[j] * x[j];
        z->data[i] = wx + model->intercept;
    }
    return z;
}
/* endregion decision_function */

/* region predict_proba */
/* The probability that each example belongs to category 1:
 *
 *     p_i = sigmoid(z_i) = 1 / (1 + e^-z_i)
 *
 * X: (n, d); the result: (n,). The probability of category 0 is 1 - p_i.
 */
wb_array *wb_logreg_predict_proba(const wb_logreg *model, const wb_array *X)
{
    wb_array *p = wb_logreg_decision_function(model, X);
    if (!p)
        return NULL;
    for (size_t i = 0; i < p->size; i++)
        p->data[i] = wb_sigmoid(p->data[i]);    /* z_i becomes p_i */
    return p;
}
/* endregion predict_proba */

/* region predict */
/* The predicted category: 1 when the score is positive, that is when
 * category 1 is the more probable (p_i > 1/2), else 0. A score of exactly
 * 0 gives 0, as in scikit-learn.
 */
wb_array *wb_logreg_predict(const wb_logreg *model, const wb_array *X)
{
    wb_array *label = wb_logreg_decision_function(model, X);
    if (!label)
        return NULL;
    for (size_t i = 0; i < label->size; i++)
        label->data[i] = label->data[i] > 0 ? 1 : 0;
    return label;
}
/* endregion predict */
