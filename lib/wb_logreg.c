/* wb_logreg.c: logistic regression fitted by L-BFGS or Newton's method.
 * See wb_logreg.h.
 *
 * The file follows the mathematics: the loss of one example (region
 * loss), the objective summed over the sample with its gradient (region
 * objective) and its second derivatives (region hessian), the fit that
 * hands these to the minimiser (wb_optim.c, which holds the tests that
 * stop it), and the predictions (regions decision_function,
 * predict_proba, predict).
 *
 * Shapes: n examples, d features. The parameters are one vector
 * params = (w_1, ..., w_d, b) of d + 1 numbers, the intercept last, as in
 * scikit-learn; the gradient has the same layout.
 */
#include "wb_logreg.h"

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
 * penalised. The examples go by blocks of BLOCK. */
enum { BLOCK = 256 };   /* 3 arrays of 256 doubles: 6 KiB */

WB_LOGREG_CLONES
double wb_logreg_objective(double *grad, const double *params,
                           const wb_array *X, const wb_array *y, double C)
{
    /* fold: the sizes, $w$ and $b$ in `params`, the sums at 0 */
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
        /* fold: the block's scores $z_i$, $e^{-|z_i|}$ and their `log1p` */
        /* The block's scores z_i, then its exponentials e_i = e^-|z_i|,
         * then their log1p, each a loop that does one thing to an array,
         * which the compiler turns into vector code (two or four examples
         * at a time); the pass below takes each example's loss and
         * gathers the three sums, in the order of the examples.
         * WB_LOGREG_CLONES (above) has the function compiled twice: for
         * any x86-64, and for processors with AVX2, which do four
         * examples at a time.
         *
         * z = x w + b, a feature at a time: w . x_i + b, summed in the
         * same order, for all the block at once. */
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

/* region hessian */
/* Newton's method needs the second derivatives of f too: its Hessian.
 * With x~_i = (x_i1, ..., x_id, 1), example i with a 1 for the intercept,
 * differentiating (4) and (5) once more gives
 *
 *     H = sum_i s_i x~_i x~_i^T + diag(1/C, ..., 1/C, 0)
 *     s_i = sigmoid(z_i) (1 - sigmoid(z_i)) = e_i / (1 + e_i)^2
 *
 * with e_i = e^-|z_i| (the same either side of 0). Every s_i > 0, so H
 * is positive definite, and f a bowl, once the penalty is there.
 * H: (d + 1, d + 1); params: (d + 1,); X: (n, d)
 */
static void hessian(double *H, const double *params, const wb_array *X,
                    double C)
{
    size_t n = X->shape[0], d = X->shape[1], P = d + 1;
    memset(H, 0, P * P * sizeof *H);
    for (size_t i = 0; i < n; i++) {
        const double *x = X->data + i * d;
        double z = params[d], e, s;
        for (size_t j = 0; j < d; j++)
            z += params[j] * x[j];
        e = exp(-fabs(z));
        s = e / ((1 + e) * (1 + e));
        for (size_t j = 0; j < P; j++)          /* the lower half */
            for (size_t k = 0; k <= j; k++)
                H[j * P + k] += s * (j < d ? x[j] : 1) * (k < d ? x[k] : 1);
    }
    for (size_t j = 0; j < P; j++) {
        for (size_t k = 0; k < j; k++)
            H[k * P + j] = H[j * P + k];
        if (j < d)
            H[j * P + j] += 1 / C;
    }
}
/* endregion hessian */

wb_logreg_options wb_logreg_default_options(void)
{
    return (wb_logreg_options){
        .solver = WB_LBFGS, .penalty = WB_PENALTY_L2, .C = 1, .tol = 1e-4,
        .max_iter = 100, .ftol = WB_FTOL, .max_fun = 15000};
}

/* Bad options are errors, not bugs: a reader sets them from the command
 * line or an exercise. */
static int check_options(const wb_logreg_options *o)
{
    if ((unsigned)o->solver > WB_NEWTON ||
        !(WB_LOGREG_SOLVERS & WB_SOLVER(o->solver)))
        return wb_fail("logistic regression: solver %d is neither lbfgs "
                       "nor newton", (int)o->solver);
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
        return wb_fail("logistic regression: max_iter = %zu, but max_iter "
                       "must be >= 1", o->max_iter);
    if (!(o->ftol >= 0))
        return wb_fail("logistic regression: ftol = %g, but ftol must be "
                       ">= 0", o->ftol);
    if (o->max_fun < 1)
        return wb_fail("logistic regression: max_fun = %zu, but max_fun "
                       "must be >= 1", o->max_fun);
    return 0;
}

wb_logreg *wb_logreg_create(size_t d, const wb_logreg_options *options)
{
    wb_logreg_options o = options ? *options : wb_logreg_default_options();
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
    model->stop = WB_STOP_NOT_FITTED;
    snprintf(model->message, sizeof model->message, "not fitted yet");
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

/* The sample, for the minimiser's callbacks. */
typedef struct fit_data {
    const wb_array *X, *y;
    double C;                   /* INFINITY for no penalty */
    double *curve;              /* (max_iter + 1,): f after each iteration */
} fit_data;

static double objective(double *grad, const double *params, void *data)
{
    const fit_data *fit = data;
    return wb_logreg_objective(grad, params, fit->X, fit->y, fit->C);
}

static void objective_hessian(double *H, const double *params, void *data)
{
    const fit_data *fit = data;
    hessian(H, params, fit->X, fit->C);
}

/* The loss curve, after each iteration k (k = 0: the start). */
static int record(void *data, size_t k, double f)
{
    fit_data *fit = data;
    fit->curve[k] = f;
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
    wb_optim_result r;
    double *params, *curve;

    assert_shapes(X, y);
    WB_ASSERT(X->shape[1] == d, "X has %zu columns but the model has %zu "
              "features", X->shape[1], d);
    if (check_options(o) != 0 || check_data(X, y) != 0)
        return -1;

    /* params = 0, then the loss curve, in one block. */
    params = wb_calloc(size + o->max_iter + 1, sizeof *params);
    if (!params)
        return -1;
    fit_data fit = {X, y, o->penalty == WB_PENALTY_NONE ? INFINITY : o->C,
                    params + size};
    wb_objective f = {objective, objective_hessian, record, &fit};
    wb_optim_settings s = {o->tol, o->ftol, o->max_iter, o->max_fun};
    if (wb_minimize(&r, params, size, &f, &s, o->solver) != 0) {
        free(params);
        return wb_fail("logistic regression: %s", wb_error());
    }
    curve = wb_reallocarray(model->loss_curve, r.n_iter + 1, sizeof *curve);
    if (!curve) {
        free(params);
        return -1;
    }
    memcpy(curve, fit.curve, (r.n_iter + 1) * sizeof *curve);
    model->loss_curve = curve;

    memcpy(model->coef, params, d * sizeof *params);
    model->intercept = params[d];
    model->n_iter = r.n_iter;
    model->n_fun = r.n_fun;
    model->loss = r.f;
    model->stop = r.stop;
    model->converged = wb_stop_converged(r.stop);
    memcpy(model->message, r.message, sizeof r.message);
    model->lbfgs_status = r.lbfgs_status;
    model->grad_max = r.grad_max;
    free(params);
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
    /* fold: no `X`, or one of the wrong width, is an error */
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
