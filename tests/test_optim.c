/* Tests of wb_optim: the solvers' and the stops' names, and wb_minimize,
 * by L-BFGS and by Newton's method, on functions whose minimum is known:
 * a quadratic bowl, and Rosenbrock's valley, which is not a bowl
 * everywhere. Each of the tests that stop a minimisation is made to fire,
 * and says so. (The models' own fits are tested in test_logreg.c and
 * test_mlp.c.) */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wb_core.h"
#include "wb_logreg.h"
#include "wb_mlp.h"
#include "wb_optim.h"

/* ---- names ------------------------------------------------------------- */

Test(optim, solvers_by_name)
{
    const wb_solver all[] = {WB_ADAM, WB_SGD, WB_LBFGS, WB_NEWTON};
    const unsigned every = WB_LOGREG_SOLVERS | WB_MLP_SOLVERS;
    for (size_t k = 0; k < 4; k++) {
        wb_solver s = (wb_solver)-1;
        cr_assert_eq(wb_solver_find(&s, wb_solver_name(all[k]), every), 0);
        cr_assert_eq(s, all[k]);
    }
    cr_assert_str_eq(wb_solver_name(WB_NEWTON), "newton");
    wb_solver s = WB_ADAM;
    cr_assert_eq(wb_solver_find(&s, "newton", WB_MLP_SOLVERS), -1);
    cr_assert_str_eq(wb_error(), "unknown solver 'newton' (expected adam, "
                     "sgd or lbfgs)");
    cr_assert_eq(s, WB_ADAM, "a refused name changed the solver");
    cr_assert_eq(wb_solver_find(&s, "adam", WB_LOGREG_SOLVERS), -1);
    cr_assert_str_eq(wb_error(), "unknown solver 'adam' (expected lbfgs or "
                     "newton)");
    cr_assert_eq(wb_solver_find(&s, "Adam", WB_SOLVER(WB_ADAM)), -1);
    cr_assert_str_eq(wb_error(), "unknown solver 'Adam' (expected adam)");
}

Test(optim, stops_by_name)
{
    const char *seen[16];
    size_t n = 0;
    for (wb_stop s = WB_STOP_NOT_FITTED; s <= WB_STOP_HOOK; s++) {
        const char *name = wb_stop_name(s);
        cr_assert(strcmp(name, "unknown") != 0, "stop %d has no name", s);
        for (size_t k = 0; k < n; k++)
            cr_assert_str_neq(name, seen[k]);
        seen[n++] = name;
        cr_assert_eq(wb_stop_converged(s),
                     s == WB_STOP_SMALL_GRADIENT || s == WB_STOP_FLAT_LOSS ||
                         s == WB_STOP_NO_IMPROVEMENT,
                     "%s", name);
    }
    cr_assert_str_eq(wb_stop_name(WB_STOP_FLAT_LOSS), "flat loss");
    cr_assert_eq(wb_max_abs((double[]){1, -3, 2}, 3), 3);
    cr_assert_eq(wb_max_abs(NULL, 0), 0);
}

/* ---- functions to minimise --------------------------------------------- */

/* What the callbacks record: each call of the iteration callback, and
 * what it answers. */
typedef struct record {
    size_t calls, k[64];
    double f[64];
    int answer_at;        /* the iteration at which to answer `answer` */
    int answer;
} record;

static int iteration(void *data, size_t k, double f)
{
    record *r = data;
    if (r->calls < 64) {
        r->k[r->calls] = k;
        r->f[r->calls] = f;
    }
    r->calls++;
    if ((int)k == r->answer_at) {
        if (r->answer < 0)
            wb_fail("the model's hook failed");
        return r->answer;
    }
    return 0;
}

/* f(x) = 1/2 x^T A x - c . x, with A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]]
 * (positive definite) and c = (1, 2, 3): a bowl with its bottom at
 * A x = c, x* = (2/9, 1/9, 13/9). */
static const double A[3][3] = {{4, 1, 0}, {1, 3, 1}, {0, 1, 2}};
static const double c[3] = {1, 2, 3};
static const double bottom[3] = {2.0 / 9, 1.0 / 9, 13.0 / 9};

static double bowl(double *grad, const double *x, void *data)
{
    double f = 0;
    (void)data;
    for (int i = 0; i < 3; i++) {
        grad[i] = -c[i];
        for (int j = 0; j < 3; j++)
            grad[i] += A[i][j] * x[j];
        f += 0.5 * x[i] * (grad[i] - c[i]);    /* 1/2 x.(Ax - c) - 1/2 x.c */
    }
    return f;
}

static void bowl_hessian(double *H, const double *x, void *data)
{
    (void)x, (void)data;
    memcpy(H, A, sizeof A);
}

/* Rosenbrock's valley, f(x, y) = (1 - x)^2 + 100 (y - x^2)^2: its bottom
 * is (1, 1), at the end of a curved valley; away from it the Hessian is
 * not positive definite everywhere (where y > x^2 + 1/200). */
static double rosenbrock(double *grad, const double *x, void *data)
{
    double a = 1 - x[0], b = x[1] - x[0] * x[0];
    (void)data;
    grad[0] = -2 * a - 400 * x[0] * b;
    grad[1] = 200 * b;
    return a * a + 100 * b * b;
}

static void rosenbrock_hessian(double *H, const double *x, void *data)
{
    (void)data;
    H[0] = 2 - 400 * (x[1] - x[0] * x[0]) + 800 * x[0] * x[0];
    H[1] = H[2] = -400 * x[0];
    H[3] = 200;
}

static const wb_optim_settings DEFAULTS = {1e-4, WB_FTOL, 100, 15000};

/* ---- minimising -------------------------------------------------------- */

/* Both methods find the bottom of the bowl; Newton's first step lands on
 * it, as it must on a quadratic (its model of f is f itself). The
 * iteration callback sees the start and every iteration, in order, and
 * the last f it sees is the one reported. */
Test(optim, both_methods_find_the_bottom_of_a_bowl)
{
    const wb_solver solvers[] = {WB_LBFGS, WB_NEWTON};
    for (size_t k = 0; k < 2; k++) {
        record rec = {.answer_at = -1};
        wb_objective f = {bowl, bowl_hessian, iteration, &rec};
        wb_optim_settings s = {1e-9, 0, 100, 15000};
        wb_optim_result r;
        double x[3] = {0, 0, 0};
        cr_assert_eq(wb_minimize(&r, x, 3, &f, &s, solvers[k]), 0, "%s",
                     wb_error());
        const char *name = wb_solver_name(solvers[k]);
        cr_assert_eq(r.stop, WB_STOP_SMALL_GRADIENT, "%s: %s", name,
                     r.message);
        for (int i = 0; i < 3; i++)
            cr_assert(fabs(x[i] - bottom[i]) <= 1e-9, "%s: x[%d] = %.17g",
                      name, i, x[i]);
        cr_assert(r.grad_max <= 1e-9 && r.n_fun >= r.n_iter + 1);
        if (solvers[k] == WB_NEWTON)
            cr_assert(r.n_iter == 1 && r.n_fun == 2 && r.lbfgs_status == 0,
                      "%zu iterations, %zu evaluations", r.n_iter, r.n_fun);
        cr_assert_eq(rec.calls, r.n_iter + 1);
        for (size_t i = 0; i < rec.calls; i++)
            cr_assert_eq(rec.k[i], i);
        cr_assert_eq(rec.f[rec.calls - 1], r.f);
        cr_assert_eq(rec.f[0], 0, "f at the start");
        char want[64];
        snprintf(want, sizeof want, "<= tol = 1e-09 after %zu iteration",
                 r.n_iter);
        cr_assert(strstr(r.message, want), "%s", r.message);
    }
}

/* Newton's method leaves the valley's floor where its Hessian is not
 * positive definite, by going straight downhill there, and reaches the
 * bottom all the same, as L-BFGS does. */
Test(optim, both_methods_find_the_bottom_of_rosenbrocks_valley)
{
    const wb_solver solvers[] = {WB_LBFGS, WB_NEWTON};
    for (size_t k = 0; k < 2; k++) {
        wb_objective f = {rosenbrock, rosenbrock_hessian, NULL, NULL};
        wb_optim_settings s = {1e-9, 0, 1000, 15000};
        wb_optim_result r;
        double x[2] = {-1.2, 1};
        cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, solvers[k]), 0, "%s",
                     wb_error());
        cr_assert(fabs(x[0] - 1) < 1e-8 && fabs(x[1] - 1) < 1e-8,
                  "%s: (%.17g, %.17g), %s", wb_solver_name(solvers[k]), x[0],
                  x[1], r.message);
        cr_assert(wb_stop_converged(r.stop), "%s", r.message);
    }
}

/* Each test of region stopping, made to fire. */
Test(optim, each_stopping_test_fires)
{
    wb_objective f = {rosenbrock, rosenbrock_hessian, NULL, NULL};
    wb_optim_settings s = DEFAULTS;
    wb_optim_result r;
    double x[2];

    /* max_iter, for both */
    s.max_iter = 3;
    for (int k = 0; k < 2; k++) {
        x[0] = -1.2, x[1] = 1;
        cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, k ? WB_NEWTON : WB_LBFGS),
                     0);
        cr_assert(r.stop == WB_STOP_MAX_ITER && r.n_iter == 3, "%s",
                  r.message);
        cr_assert(strstr(r.message, "stopped at max_iter = 3 iterations"),
                  "%s", r.message);
    }
    /* max_fun, for L-BFGS */
    s = DEFAULTS;
    s.max_fun = 5;
    x[0] = -1.2, x[1] = 1;
    cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, WB_LBFGS), 0);
    cr_assert(r.stop == WB_STOP_MAX_FUN && r.n_fun > 5, "%s", r.message);
    cr_assert(strstr(r.message, "more than max_fun = 5 evaluations"), "%s",
              r.message);
    /* the relative decrease, for L-BFGS: a loose ftol ends it at once */
    s = DEFAULTS;
    s.ftol = 0.9;
    x[0] = -1.2, x[1] = 1;
    cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, WB_LBFGS), 0);
    cr_assert(r.stop == WB_STOP_FLAT_LOSS && r.n_iter < 5, "%s", r.message);
    cr_assert(strstr(r.message, "lowered the loss by a fraction") &&
                  strstr(r.message, "<= ftol = 0.9"),
              "%s", r.message);
    /* Newton's method measures its progress by the gradient: neither ftol
     * nor max_fun stops it, and it goes on to the bottom */
    s.max_fun = 1;
    x[0] = -1.2, x[1] = 1;
    cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, WB_NEWTON), 0);
    cr_assert(r.stop == WB_STOP_SMALL_GRADIENT && fabs(x[0] - 1) < 1e-4,
              "%s", r.message);
    /* the gradient at the start: no iteration, one evaluation */
    s = DEFAULTS;
    s.tol = 1e3;
    for (int k = 0; k < 2; k++) {
        x[0] = -1.2, x[1] = 1;
        cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, k ? WB_NEWTON : WB_LBFGS),
                     0);
        cr_assert(r.stop == WB_STOP_SMALL_GRADIENT && r.n_iter == 0 &&
                      r.n_fun == 1 && x[0] == -1.2 && x[1] == 1,
                  "%s", r.message);
        cr_assert_str_eq(r.message, "max|gradient| = 216 <= tol = 1000 "
                         "after 0 iterations");
    }
}

/* The model's hook can stop a minimisation, after the tests (which name
 * the stop when they hold too), or fail it: the error is the hook's. */
Test(optim, the_hook_stops_or_fails_a_minimisation)
{
    for (int k = 0; k < 2; k++) {
        wb_solver solver = k ? WB_NEWTON : WB_LBFGS;
        record rec = {.answer_at = 2, .answer = 1};
        wb_objective f = {rosenbrock, rosenbrock_hessian, iteration, &rec};
        wb_optim_result r;
        double x[2] = {-1.2, 1};
        cr_assert_eq(wb_minimize(&r, x, 2, &f, &DEFAULTS, solver), 0);
        cr_assert(r.stop == WB_STOP_HOOK && r.n_iter == 2 && rec.calls == 3,
                  "%s", r.message);
        cr_assert_str_eq(r.message, "stopped by the progress hook after 2 "
                         "iterations");
        /* max_iter holds at the same iteration: it names the stop */
        wb_optim_settings s = DEFAULTS;
        s.max_iter = 2;
        rec = (record){.answer_at = 2, .answer = 1};
        x[0] = -1.2, x[1] = 1;
        cr_assert_eq(wb_minimize(&r, x, 2, &f, &s, solver), 0);
        cr_assert_eq(r.stop, WB_STOP_MAX_ITER, "%s", r.message);
        /* a failing hook fails the minimisation, at any iteration */
        for (int at = 0; at <= 2; at++) {
            rec = (record){.answer_at = at, .answer = -1};
            x[0] = -1.2, x[1] = 1;
            cr_assert_eq(wb_minimize(&r, x, 2, &f, &DEFAULTS, solver), -1);
            cr_assert_str_eq(wb_error(), "the model's hook failed");
            cr_assert_eq(r.stop, WB_STOP_NOT_FITTED);
        }
    }
}

static double not_a_number(double *grad, const double *x, void *data)
{
    (void)x, (void)data;
    grad[0] = 0;
    return NAN;
}

Test(optim, a_loss_that_is_not_a_number_is_an_error)
{
    wb_objective f = {not_a_number, NULL, NULL, NULL};
    wb_optim_result r;
    double x[1] = {0};
    cr_assert_eq(wb_minimize(&r, x, 1, &f, &DEFAULTS, WB_LBFGS), -1);
    cr_assert_str_eq(wb_error(), "the loss is nan at the start");
    cr_assert_eq(r.stop, WB_STOP_NOT_FITTED);
}
