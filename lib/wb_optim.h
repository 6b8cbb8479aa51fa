/* wb_optim.h: what fitting means to every model of the library: the
 * solvers by name, why a fit stops, and the two full-batch methods that
 * minimise a model's loss.
 *
 * Fitting a model is minimising its loss f(x) over its n parameters x.
 * The logistic regression (wb_logreg.h) and the MLP (wb_mlp.h) share:
 *
 *   - the solvers, by scikit-learn's names (wb_solver);
 *   - the reasons a fit stops, by name (wb_stop), and the sentence that
 *     says why (a model's `message`);
 *   - L-BFGS (liblbfgs), stopped by the tests of scipy's L-BFGS-B as
 *     scikit-learn calls it, so that a fit stops where scikit-learn's
 *     does; and Newton's method, for a loss whose second derivatives are
 *     at hand (the logistic regression's), stopped by the same tests
 *     (wb_minimize).
 *
 * Adam and SGD, which go through the sample in mini-batches, are the
 * MLP's own (wb_mlp.c); they stop by the same names.
 *
 * The library built with WB_NO_LBFGS defined (for WebAssembly, which has
 * no liblbfgs) has no L-BFGS: a fit that asks for it fails, and says so.
 */
#ifndef WB_OPTIM_H
#define WB_OPTIM_H

#include <stdbool.h>
#include <stddef.h>

/* ---- solvers ----------------------------------------------------------- */

typedef enum wb_solver {
    WB_ADAM,     /* "adam": Adam, by mini-batches (MLP) */
    WB_SGD,      /* "sgd": gradient descent with momentum, by mini-batches
                    (MLP) */
    WB_LBFGS,    /* "lbfgs": L-BFGS, on the whole sample (both models) */
    WB_NEWTON    /* "newton": Newton's method, on the whole sample
                    (logistic regression) */
} wb_solver;

/* A set of solvers, as a model accepts them: WB_SOLVER(WB_ADAM) |
 * WB_SOLVER(WB_SGD) ... */
#define WB_SOLVER(s) (1u << (s))

/* "adam", "sgd", "lbfgs", "newton". */
const char *wb_solver_name(wb_solver solver);
/* The solver called `name` among the set `solvers` (WB_LOGREG_SOLVERS,
 * WB_MLP_SOLVERS), into *solver. -1, with an error that lists the set,
 * for any other name. */
int wb_solver_find(wb_solver *solver, const char *name, unsigned solvers);

/* ---- why a fit stops --------------------------------------------------- */

typedef enum wb_stop {
    WB_STOP_NOT_FITTED,      /* no fit yet, or the last one failed */
    WB_STOP_SMALL_GRADIENT,  /* converged: max|gradient| <= tol */
    WB_STOP_FLAT_LOSS,       /* converged: an iteration lowered the loss
                                by a fraction ftol or less */
    WB_STOP_NO_IMPROVEMENT,  /* converged (adam, sgd): the loss did not
                                improve by tol for more than
                                n_iter_no_change epochs in a row */
    WB_STOP_MAX_ITER,        /* not converged: max_iter iterations (adam,
                                sgd: epochs) done */
    WB_STOP_MAX_FUN,         /* not converged: more than max_fun
                                evaluations of the loss */
    WB_STOP_LINE_SEARCH,     /* not converged: the line search found no
                                lower point along its direction */
    WB_STOP_UNDERFLOW,       /* not converged (lbfgs): the gradient fell
                                below 1e-154, too small for liblbfgs to
                                measure, but not to tol (tol = 0) */
    WB_STOP_HOOK             /* not converged: the progress hook asked to
                                stop */
} wb_stop;

/* "not fitted", "small gradient", "flat loss", "no improvement",
 * "max_iter", "max_fun", "line search", "underflow", "progress hook". */
const char *wb_stop_name(wb_stop stop);
/* Whether a fit that stopped so converged: small gradient, flat loss, no
 * improvement. */
bool wb_stop_converged(wb_stop stop);

/* Room for a model's message, why its fit stopped in words, with its
 * final NUL. */
#define WB_MESSAGE_SIZE 192

/* ---- minimising a loss ------------------------------------------------- */

/* The relative decrease of the loss below which L-BFGS stops: scipy's
 * factr * machine epsilon = 1e7 * 2^-52, which scikit-learn 1.2 fixes. */
#define WB_FTOL 2.220446049250313e-9

/* The tests that stop a minimisation, after each iteration (see
 * wb_optim.c, region stopping). */
typedef struct wb_optim_settings {
    double tol;          /* converged when max|gradient| <= tol */
    double ftol;         /* converged when an iteration lowers the loss
                            by this fraction or less */
    size_t max_iter;     /* at most this many iterations */
    size_t max_fun;      /* at most a few more evaluations of the loss
                            than this (it is tested after an iteration) */
} wb_optim_settings;

/* The loss of a model, as a function of its parameters x: (n,). */
typedef struct wb_objective {
    /* Returns f(x), and puts its gradient into grad: (n,). */
    double (*f)(double *grad, const double *x, void *data);
    /* Newton's method: the Hessian of f at x into H: (n, n), row-major.
     * NULL for L-BFGS. */
    void (*hessian)(double *H, const double *x, void *data);
    /* Called with f at the start (k = 0) and after each iteration k = 1,
     * 2, ... (NULL: none). Returns 0 to go on, 1 to stop there (after
     * the tests, which come first: WB_STOP_HOOK; not at k = 0), or -1,
     * with an error, to fail the fit. */
    int (*iteration)(void *data, size_t k, double f);
    void *data;          /* passed to the three */
} wb_objective;

/* How a minimisation ended: what a model keeps of it. */
typedef struct wb_optim_result {
    wb_stop stop;
    size_t n_iter;       /* iterations done */
    size_t n_fun;        /* evaluations of f and its gradient (the start
                            counts once) */
    double f;            /* the loss at the x returned */
    double grad_max;     /* max|gradient of f| there */
    int lbfgs_status;    /* what liblbfgs returned (see lbfgs.h): 1 when
                            a test above stopped it; 0 for newton */
    char message[WB_MESSAGE_SIZE];  /* why it stopped, in words */
} wb_optim_result;

/* Minimises f from x: (n,), left at the result, by `solver` (WB_LBFGS, or
 * WB_NEWTON given f->hessian), with the tests of `s`. Returns 0 when it
 * ran, converged or not (r->stop), or -1 with an error: f not finite at
 * the start, memory, liblbfgs failing, the iteration callback's error, or
 * L-BFGS in a build without it. */
int wb_minimize(wb_optim_result *r, double *x, size_t n,
                const wb_objective *f, const wb_optim_settings *s,
                wb_solver solver);

/* max_j |v_j| over v: (n,); 0 when n = 0. */
double wb_max_abs(const double *v, size_t n);

#endif
