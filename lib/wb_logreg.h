/* wb_logreg.h: logistic regression with two categories, fitted as
 * scikit-learn 1.2 fits LogisticRegression(solver='lbfgs').
 *
 * The model gives an example x (d numbers, its features) a score and a
 * probability:
 *
 *     z = w . x + b = w_1 x_1 + ... + w_d x_d + b
 *     P(category 1 | x) = sigmoid(z) = 1 / (1 + e^-z)
 *
 * Fitting chooses the weights w and the intercept (bias) b that minimise
 *
 *     f(w, b) = sum_i [ log(1 + e^{z_i}) - y_i z_i ]  +  ||w||^2 / (2C)
 *
 * over the n examples x_i with labels y_i (0 or 1). The sum is minus the
 * log of the probability the model gives to the labels seen; the second
 * term, the L2 penalty, keeps w small (smaller C, smaller w; b is not
 * penalised). The minimiser is L-BFGS (liblbfgs), started from w = 0,
 * b = 0, and stopped by scikit-learn's own tests (wb_optim.h), so that the
 * weights, the intercept and the number of iterations are scikit-learn's.
 * f is convex, with a single minimum when penalised: Newton's method
 * (solver newton), which uses f's second derivatives as well, reaches the
 * same minimum in a few iterations, without liblbfgs.
 *
 *     wb_logreg *model = wb_logreg_create(2, NULL);   (NULL: the defaults)
 *     if (!model || wb_logreg_fit(model, X, y) != 0)
 *         ... wb_error() says why ...
 *     printf("w = (%g, %g), b = %g: %s\n", model->coef[0], model->coef[1],
 *            model->intercept, model->message);
 *     wb_array *p = wb_logreg_predict_proba(model, X);
 *     ...
 *     wb_free(p);
 *     wb_logreg_destroy(model);
 *
 * Shapes: n examples, d features. X: (n, d), one example per row; a 1-D X
 * of shape (n,) is n examples of one feature (d = 1). y: (n,), each 0 or 1.
 * Bad data (no examples, a NaN, a label 2, a single category) and bad
 * options are errors: -1 or NULL, and wb_error() says what is wrong. X and
 * y of different lengths, or X with the wrong number of columns, are bugs
 * in the calling program: they abort with a message.
 */
#ifndef WB_LOGREG_H
#define WB_LOGREG_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_array.h"
#include "wb_optim.h"

/* The penalty added to the data term: ||w||^2 / (2C), or none (scikit-
 * learn's penalty=None, the same as C = infinity). */
typedef enum wb_penalty {
    WB_PENALTY_L2,
    WB_PENALTY_NONE
} wb_penalty;

/* The solvers a logistic regression takes. */
#define WB_LOGREG_SOLVERS (WB_SOLVER(WB_LBFGS) | WB_SOLVER(WB_NEWTON))

/* How the next fit goes. tol and max_iter stop both solvers; ftol and
 * max_fun, L-BFGS alone (see wb_optim.c, region stopping). */
typedef struct wb_logreg_options {
    wb_solver solver;     /* WB_LBFGS, or WB_NEWTON */
    wb_penalty penalty;   /* WB_PENALTY_L2 */
    double C;             /* 1: the inverse strength of the L2 penalty, > 0 */
    double tol;           /* 1e-4: converged when max|gradient| <= tol */
    size_t max_iter;      /* 100: at most this many iterations, >= 1 */
    double ftol;          /* WB_FTOL: converged when an iteration lowers f
                             by this fraction or less; 0 to go on as long
                             as f falls at all (a tight fit) */
    size_t max_fun;       /* 15000 (scipy's): at most about this many
                             evaluations of f */
} wb_logreg_options;

/* scikit-learn's defaults, written after each field. */
wb_logreg_options wb_logreg_default_options(void);

typedef struct wb_logreg {
    wb_logreg_options options;  /* used by the next wb_logreg_fit */
    size_t d;                   /* the number of features */
    double intercept;           /* b (scikit-learn's intercept_) */

    /* What the last wb_logreg_fit did, named as in a wb_mlp. */
    size_t n_iter;              /* iterations done (n_iter_) */
    size_t n_fun;               /* evaluations of f and its gradient
                                   (scipy's nfev; the start counts once) */
    double loss;                /* f(w, b) at the result */
    double *loss_curve;         /* (n_iter + 1,): f at the start and after
                                   each iteration, falling; NULL before a
                                   fit */
    wb_stop stop;               /* why it stopped */
    bool converged;             /* false: scikit-learn would warn */
    char message[WB_MESSAGE_SIZE];  /* why it stopped, in words */
    int lbfgs_status;           /* what liblbfgs returned (wb_optim.h) */
    double grad_max;            /* max|gradient of f| at the result */
    double coef[];              /* (d,): w_1, ..., w_d (coef_) */
} wb_logreg;

/* A model for d >= 1 features, with w = 0 and b = 0, not fitted. `options`
 * NULL means wb_logreg_default_options(). NULL with an error for d = 0 or
 * bad options. */
wb_logreg *wb_logreg_create(size_t d, const wb_logreg_options *options);
/* wb_logreg_destroy(NULL) does nothing. */
void wb_logreg_destroy(wb_logreg *model);

/* Fits the model to X: (n, d) and y: (n,) with model->options. Returns 0
 * (even when it did not converge: see model->converged and message), or
 * -1 with an error and the model unchanged, for bad data or options. */
int wb_logreg_fit(wb_logreg *model, const wb_array *X, const wb_array *y);

/* The objective and its gradient at params = (w_1, ..., w_d, b):
 *     f(w, b)  = sum_i [ log(1 + e^{z_i}) - y_i z_i ] + ||w||^2 / (2C)
 *     df/dw_j  = sum_i (sigmoid(z_i) - y_i) x_ij + w_j / C
 *     df/db    = sum_i (sigmoid(z_i) - y_i)
 * grad: (d + 1,), laid out as params; X: (n, d) or (n,); y: (n,), 0 or 1.
 * C = INFINITY gives no penalty. Returns f, computed stably: finite
 * whenever the scores z_i and ||w||^2 are, however large (1e4, 1e300). */
double wb_logreg_objective(double *grad, const double *params,
                           const wb_array *X, const wb_array *y, double C);

/* New (n,) arrays for the n examples of X: (n, d) or (n,), or NULL when
 * memory runs out (or X is NULL):
 *   decision_function  z_i = w . x_i + b
 *   predict_proba      P(category 1 | x_i) = sigmoid(z_i)
 *   predict            1 where z_i > 0, else 0 (z_i = 0 gives 0, as
 *                      scikit-learn) */
wb_array *wb_logreg_decision_function(const wb_logreg *model,
                                      const wb_array *X);
wb_array *wb_logreg_predict_proba(const wb_logreg *model, const wb_array *X);
wb_array *wb_logreg_predict(const wb_logreg *model, const wb_array *X);

#endif
