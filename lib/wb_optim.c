/* wb_optim.c: the solvers by name, why a fit stops, and the minimisation
 * of a model's loss by L-BFGS or Newton's method. See wb_optim.h.
 *
 * The file follows a minimisation: the tests that stop it after each
 * iteration (region stopping), what runs after each iteration (region
 * progress), L-BFGS through liblbfgs, Newton's method (region newton),
 * and wb_minimize, which starts either and says how it ended.
 *
 * Shapes: x, the parameters, and the gradient g are (n,); the Hessian H
 * is (n, n).
 */
#include "wb_optim.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef WB_NO_LBFGS
#include <lbfgs.h>
#endif

#include "wb_array.h"
#include "wb_core.h"

/* ---- names ------------------------------------------------------------- */

static const char *const solver_names[] = {
    [WB_ADAM] = "adam", [WB_SGD] = "sgd", [WB_LBFGS] = "lbfgs",
    [WB_NEWTON] = "newton"};
#define N_SOLVERS (sizeof solver_names / sizeof *solver_names)

const char *wb_solver_name(wb_solver solver)
{
    WB_ASSERT((size_t)solver < N_SOLVERS, "no solver %d", (int)solver);
    return solver_names[solver];
}

int wb_solver_find(wb_solver *solver, const char *name, unsigned solvers)
{
    char list[64] = "";
    size_t left = 0;
    for (size_t s = 0; s < N_SOLVERS; s++)
        if (solvers & WB_SOLVER(s)) {
            if (strcmp(name, solver_names[s]) == 0) {
                *solver = (wb_solver)s;
                return 0;
            }
            left++;
        }
    /* "adam, sgd or lbfgs" */
    for (size_t s = 0; s < N_SOLVERS; s++)
        if (solvers & WB_SOLVER(s)) {
            left--;
            snprintf(list + strlen(list), sizeof list - strlen(list),
                     "%s%s", solver_names[s],
                     left > 1 ? ", " : left == 1 ? " or " : "");
        }
    return wb_fail("unknown solver '%s' (expected %s)", name, list);
}

static const char *const stop_names[] = {
    [WB_STOP_NOT_FITTED] = "not fitted",
    [WB_STOP_SMALL_GRADIENT] = "small gradient",
    [WB_STOP_FLAT_LOSS] = "flat loss",
    [WB_STOP_NO_IMPROVEMENT] = "no improvement",
    [WB_STOP_MAX_ITER] = "max_iter",
    [WB_STOP_MAX_FUN] = "max_fun",
    [WB_STOP_LINE_SEARCH] = "line search",
    [WB_STOP_UNDERFLOW] = "underflow",
    [WB_STOP_HOOK] = "progress hook"};

const char *wb_stop_name(wb_stop stop)
{
    return (size_t)stop < sizeof stop_names / sizeof *stop_names
               ? stop_names[stop] : "unknown";
}

bool wb_stop_converged(wb_stop stop)
{
    return stop == WB_STOP_SMALL_GRADIENT || stop == WB_STOP_FLAT_LOSS ||
           stop == WB_STOP_NO_IMPROVEMENT;
}

double wb_max_abs(const double *v, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++)
        m = fmax(m, fabs(v[i]));
    return m;
}

/* ---- after each iteration ---------------------------------------------- */

/* A minimisation under way. */
typedef struct minimization {
    const wb_objective *obj;
    const wb_optim_settings *s;
    wb_solver solver;        /* WB_LBFGS or WB_NEWTON */
    wb_optim_result *r;      /* n_iter, n_fun, f and grad_max so far */
    double *grad;            /* (n,): the gradient at the start, then at
                                the point the method is at */
    bool start_given;        /* L-BFGS has had the start's values */
    double f_prev;           /* the loss after the iteration before */
    double decrease;         /* the last iteration's, as test (8) measures
                                it */
    bool stopped;            /* a test or the hook stopped it: r->stop */
    bool failed;             /* the model's hook failed */
    const char *line_search; /* what the line search met, or NULL */
} minimization;

/* region stopping */
/* The fit stops after iteration k, at a point where the loss is f_k and
 * the gradient g, when one of these tests holds. They are scikit-learn's
 * (its optimiser is scipy's L-BFGS-B), in the same order:
 *
 *     k >= max_iter, or more than max_fun evaluations of f
 *                                                       not converged  (6)
 *     max_j |g_j| <= tol                                converged      (7)
 *     f_{k-1} - f_k <= ftol max(|f_{k-1}|, |f_k|, 1)    converged      (8)
 *
 * At the minimum the gradient is 0, so (7) says we are close to it. (8)
 * says that the last iteration lowered f by a fraction ftol or less
 * (2.2e-9 unless asked otherwise): L-BFGS is no longer making progress
 * worth having. Newton's method keeps making it when f no longer shows
 * it: near the minimum it measures its progress by the gradient, and
 * stops by max_iter and (7) alone. Returns true, with the reason in
 * *stop, to stop.
 */
static bool stopping_test(wb_stop *stop, size_t k, double f_prev,
                          double f_k, double grad_max, size_t n_fun,
                          const wb_optim_settings *s, wb_solver solver)
{
    double scale = fmax(fmax(fabs(f_prev), fabs(f_k)), 1);
    bool lbfgs = solver == WB_LBFGS;

    if (k >= s->max_iter)
        *stop = WB_STOP_MAX_ITER;                         /* (6) */
    else if (lbfgs && n_fun > s->max_fun)
        *stop = WB_STOP_MAX_FUN;                          /* (6) */
    else if (grad_max <= s->tol)
        *stop = WB_STOP_SMALL_GRADIENT;                   /* (7) */
    else if (lbfgs && f_prev - f_k <= s->ftol * scale)
        *stop = WB_STOP_FLAT_LOSS;                        /* (8) */
    else
        return false;
    return true;
}
/* endregion stopping */

/* region progress */
/* fold: `after_iteration`: the model records $f$, then the tests decide */
/* After iteration k, at a point where the loss is f and max|gradient| is
 * grad_max: the model records f (its loss curve; it may ask to stop),
 * then the tests above decide. Returns true to stop: m->r->stop says why,
 * or m->failed that the model's hook failed. */
static bool after_iteration(minimization *m, size_t k, double f,
                            double grad_max)
{
    const wb_objective *obj = m->obj;
    wb_optim_result *r = m->r;
    int hook = obj->iteration ? obj->iteration(obj->data, k, f) : 0;

    if (hook < 0) {
        m->failed = true;
        return true;
    }
    r->n_iter = k;
    r->f = f;
    r->grad_max = grad_max;
    m->decrease = (m->f_prev - f) / fmax(fmax(fabs(m->f_prev), fabs(f)), 1);
    m->stopped = stopping_test(&r->stop, k, m->f_prev, f, grad_max,
                               r->n_fun, m->s, m->solver);
    if (!m->stopped && hook > 0) {
        r->stop = WB_STOP_HOOK;
        m->stopped = true;
    }
    m->f_prev = f;
    return m->stopped;
}
/* endregion progress */

/* ---- L-BFGS ------------------------------------------------------------ */

#ifndef WB_NO_LBFGS
/* liblbfgs asks for f and its gradient at each point it tries. */
static double evaluate(void *data, const double *x, double *grad, int n,
                       double step)
{
    minimization *m = data;
    (void)step;
    /* It first evaluates the start, which wb_minimize has done: hand it
     * those values, counted once already. */
    if (!m->start_given) {
        m->start_given = true;
        memcpy(grad, m->grad, (size_t)n * sizeof *grad);
        return m->r->f;
    }
    m->r->n_fun++;
    return m->obj->f(grad, x, m->obj->data);
}

/* liblbfgs calls this after each iteration k = 1, 2, ..., at the point x
 * where the loss is f and its gradient g; a non-zero answer stops it
 * there. */
static int progress(void *data, const double *x, const double *g, double f,
                    double xnorm, double gnorm, double step, int n, int k,
                    int ls)
{
    (void)x, (void)xnorm, (void)gnorm, (void)step, (void)ls;
    return after_iteration(data, (size_t)k, f, wb_max_abs(g, (size_t)n));
}

/* What went wrong in a line search, in words; NULL for a code that is not
 * a line-search error. */
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

/* L-BFGS with scipy's memory of 10 steps and at most 20 evaluations per
 * line search; liblbfgs's own tests are off, the tests above decide.
 * liblbfgs 1.10 has two faults to step around. After a failed line search
 * it returns the last point it accepted but may leave in f the loss at a
 * later trial point: f and its gradient are computed again at the point
 * returned. And its More-Thuente search can fail with a "rounding error"
 * close to a minimum: the fit is judged at that point, converged if test
 * (7) holds there. */
static int lbfgs_minimize(minimization *m, double *x, size_t n)
{
    wb_optim_result *r = m->r;
    lbfgs_parameter_t param;
    double f;
    const char *ls;

    if (n >= INT_MAX)
        return wb_fail("L-BFGS counts the parameters in an int: %zu are "
                       "too many", n);
    lbfgs_parameter_init(&param);
    param.m = 10;               /* corrections kept, as scipy's maxcor */
    param.max_linesearch = 20;  /* trial steps per iteration (maxls) */
    param.epsilon = 0;          /* liblbfgs's own tests are off */
    param.past = 0;
    param.max_iterations = 0;
    r->lbfgs_status = lbfgs((int)n, x, &f, evaluate, progress, m, &param);
    if (m->failed || m->stopped)
        return m->failed ? -1 : 0;

    /* liblbfgs stopped on its own: its line search failed, or its own
     * convergence test fired. That test, ||g|| <= 0 with our settings,
     * holds only when the squares of a gradient below 1e-154 underflow
     * to 0, which only a tol below that lets us reach. */
    ls = line_search_error(r->lbfgs_status);
    if (!ls && r->lbfgs_status != LBFGS_SUCCESS)
        return r->lbfgs_status == LBFGSERR_OUTOFMEMORY
                   ? wb_fail("out of memory in liblbfgs")
                   : wb_fail("liblbfgs stopped with code %d",
                             r->lbfgs_status);
    r->f = m->obj->f(m->grad, x, m->obj->data);
    r->grad_max = wb_max_abs(m->grad, n);
    if (!isfinite(r->f))
        return wb_fail("the loss is %g after L-BFGS", r->f);
    r->stop = r->grad_max <= m->s->tol ? WB_STOP_SMALL_GRADIENT
              : ls                     ? WB_STOP_LINE_SEARCH
                                       : WB_STOP_UNDERFLOW;
    m->line_search = ls;
    return 0;
}
#else
static int lbfgs_minimize(minimization *m, double *x, size_t n)
{
    (void)m, (void)x, (void)n;
    return wb_fail("this build of the library has no L-BFGS (no "
                   "liblbfgs)");
}
#endif

/* ---- Newton's method --------------------------------------------------- */

/* Solves H p = -g by Cholesky's factorisation H = L L^T (wb_cholesky,
 * written over H), then L y = -g and L^T p = y. Returns -1 when H is not
 * positive definite, with p unset. p, g: (n,)  H: (n, n) */
static int newton_step(double *p, double *H, const double *g, size_t n)
{
    if (wb_cholesky(H, H, n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {            /* L y = -g */
        double s = -g[i];
        for (size_t k = 0; k < i; k++)
            s -= H[i * n + k] * p[k];
        p[i] = s / H[i * n + i];
    }
    for (size_t i = n; i-- > 0;) {              /* L^T p = y */
        double s = p[i];
        for (size_t k = i + 1; k < n; k++)
            s -= H[k * n + i] * p[k];
        p[i] = s / H[i * n + i];
    }
    return 0;
}

/* The most halvings of a step, down to t = 2^-50, as scikit-learn's. */
#define MAX_HALVINGS 50

/* sum_j |v_j| over v: (n,) */
static double sum_abs(const double *v, size_t n)
{
    double s = 0;
    for (size_t j = 0; j < n; j++)
        s += fabs(v[j]);
    return s;
}

/* region newton */
/* Newton's method. At x, where f has the gradient g and the Hessian H
 * (its second derivatives), the step p solves
 *
 *     H p = -g                                                       (9)
 *
 * p goes to the lowest point of the bowl that has f's value, slope and
 * curvature at x. Where f is itself a bowl (H positive definite; else p
 * is -g, straight downhill), p points downhill, and the step taken is
 * t p with t = 1, 1/2, 1/4, ..., the first for which f falls by at least
 * a part of what its slope promises:
 *
 *     f(x + t p) - f(x) <= 1e-4 t g . p                              (10)
 *
 * Close to the minimum, t = 1 passes, and each iteration doubles the
 * number of right digits, until f changes by less than its own rounding
 * and (10) can no longer tell: a step is then taken if it shrinks the
 * gradient (sum_j |g_j|), as scikit-learn's Newton solvers do. A step
 * that does neither after 50 halvings ends the fit.
 * H: (n, n)  p, x_new, g_new: (n,), work of the caller
 */
static int newton_minimize(minimization *m, double *x, size_t n,
                           double *H, double *p, double *x_new,
                           double *g_new)
{
    const wb_objective *obj = m->obj;
    double *g = m->grad, f = m->r->f;

    for (size_t k = 1;; k++) {
        double slope = 0, t = 1, f_new;
        int halvings = 0;
        obj->hessian(H, x, obj->data);
        if (newton_step(p, H, g, n) == 0)                       /* (9) */
            for (size_t j = 0; j < n; j++)
                slope += g[j] * p[j];
        if (!(slope < 0)) {             /* not a bowl: straight down */
            slope = 0;
            for (size_t j = 0; j < n; j++) {
                p[j] = -g[j];
                slope -= g[j] * g[j];
            }
        }
        for (;; t /= 2) {
            for (size_t j = 0; j < n; j++)
                x_new[j] = x[j] + t * p[j];
            f_new = obj->f(g_new, x_new, obj->data);
            m->r->n_fun++;
            if (f_new - f <= 1e-4 * t * slope)                  /* (10) */
                break;
            if (fabs(f_new - f) <= 16 * DBL_EPSILON * fabs(f) &&
                sum_abs(g_new, n) < sum_abs(g, n))
                break;
            if (++halvings == MAX_HALVINGS) {
                m->r->stop = WB_STOP_LINE_SEARCH;
                m->line_search = "no lower point in 50 halvings of its step";
                return 0;
            }
        }
        memcpy(x, x_new, n * sizeof *x);
        memcpy(g, g_new, n * sizeof *g);
        f = f_new;
        if (after_iteration(m, k, f, wb_max_abs(g, n)))
            return m->failed ? -1 : 0;
    }
}
/* endregion newton */

/* ---- minimising -------------------------------------------------------- */

static const char *plural(size_t k)
{
    return k == 1 ? "" : "s";
}

/* Why the minimisation stopped, in words, into r->message. */
static void describe(wb_optim_result *r, const minimization *m)
{
    const wb_optim_settings *s = m->s;
    char *msg = r->message;
    const size_t size = sizeof r->message;
    size_t k = r->n_iter;

    switch (r->stop) {
    case WB_STOP_SMALL_GRADIENT:
        snprintf(msg, size, "max|gradient| = %.3g <= tol = %g after %zu "
                 "iteration%s%s%s%s", r->grad_max, s->tol, k, plural(k),
                 m->line_search ? " (the line search reported " : "",
                 m->line_search ? m->line_search : "",
                 m->line_search ? " at the optimum)" : "");
        break;
    case WB_STOP_FLAT_LOSS:
        snprintf(msg, size, "iteration %zu lowered the loss by a fraction "
                 "%.3g <= ftol = %.3g (max|gradient| = %.3g)", k,
                 m->decrease, s->ftol, r->grad_max);
        break;
    case WB_STOP_MAX_ITER:
        snprintf(msg, size, "stopped at max_iter = %zu iterations "
                 "(max|gradient| = %.3g, tol = %g)", k, r->grad_max,
                 s->tol);
        break;
    case WB_STOP_MAX_FUN:
        snprintf(msg, size, "more than max_fun = %zu evaluations of the "
                 "loss, after %zu iteration%s (max|gradient| = %.3g, tol = "
                 "%g)", s->max_fun, k, plural(k), r->grad_max, s->tol);
        break;
    case WB_STOP_LINE_SEARCH:
        snprintf(msg, size, "after %zu iteration%s the line search met %s, "
                 "at max|gradient| = %.3g > tol = %g (loss %.10g)", k,
                 plural(k), m->line_search, r->grad_max, s->tol, r->f);
        break;
    case WB_STOP_UNDERFLOW:
        snprintf(msg, size, "after %zu iteration%s the gradient was too "
                 "small for liblbfgs to measure, but max|gradient| = %.3g > "
                 "tol = %g", k, plural(k), r->grad_max, s->tol);
        break;
    case WB_STOP_HOOK:
        snprintf(msg, size, "stopped by the progress hook after %zu "
                 "iteration%s", k, plural(k));
        break;
    case WB_STOP_NOT_FITTED:
    case WB_STOP_NO_IMPROVEMENT:
        WB_ASSERT(false, "a minimisation does not stop by %s",
                  wb_stop_name(r->stop));
    }
}

int wb_minimize(wb_optim_result *r, double *x, size_t n,
                const wb_objective *f, const wb_optim_settings *s,
                wb_solver solver)
{
    minimization m = {.obj = f, .s = s, .solver = solver, .r = r};
    double *work;
    int status = 0;

    WB_ASSERT(solver == WB_LBFGS || (solver == WB_NEWTON && f->hessian),
              "wb_minimize runs lbfgs, or newton given a Hessian");
    *r = (wb_optim_result){.stop = WB_STOP_NOT_FITTED};
    /* The gradient at the start; for Newton also H, p, x_new, g_new. */
    work = wb_calloc(solver == WB_NEWTON ? (n + 4) * n : n, sizeof *work);
    if (!work)
        return -1;
    m.grad = work;

    /* scipy tests the gradient at the start, before any iteration. */
    r->n_fun = 1;
    r->f = m.f_prev = f->f(m.grad, x, f->data);
    r->grad_max = wb_max_abs(m.grad, n);
    if (!isfinite(r->f))
        status = wb_fail("the loss is %g at the start", r->f);
    else if (f->iteration && f->iteration(f->data, 0, r->f) < 0)
        status = -1;
    else if (r->grad_max <= s->tol)
        r->stop = WB_STOP_SMALL_GRADIENT;
    else if (solver == WB_LBFGS)
        status = lbfgs_minimize(&m, x, n);
    else
        status = newton_minimize(&m, x, n, work + n, work + n + n * n,
                                 work + 2 * n + n * n,
                                 work + 3 * n + n * n);
    free(work);
    if (status != 0) {
        r->stop = WB_STOP_NOT_FITTED;
        return -1;
    }
    describe(r, &m);
    return 0;
}
