/* The check of exercises/03_2_descent.c: the descent ends where
 * the gradient is small, at the L-BFGS fit, after as many steps as it
 * says, and no fewer. */
#include "check.h"

#define RATE 1e-3
#define TOL 1e-4
#define MAX_STEPS 100000

/* The largest component of f's gradient at params, in size. */
static double check_gradient(const double params[3], const wb_array *X,
                             const wb_array *y)
{
    double g[3];
    wb_logreg_objective(g, params, X, y, 1);
    return fmax(fabs(g[0]), fmax(fabs(g[1]), fabs(g[2])));
}

int main(void)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_rng_seed(&rng, CHECK_SEED);
    if (wb_sample_gaussians_2d(&X, &y, &rng, 500) != 0)
        return check_error("the sample");
    wb_logreg *fit = wb_logreg_create(2, NULL);
    if (!fit || wb_logreg_fit(fit, X, y) != 0)
        return check_error("the L-BFGS fit");
    const double best[3] = {fit->coef[0], fit->coef[1], fit->intercept};

    double params[3] = {0, 0, 0};
    long steps = descend(params, X, y, RATE, TOL, MAX_STEPS);
    printf("  from (0, 0, 0), rate %g: your descent took %ld steps to "
           "(%.4f, %.4f, %.4f);\n  L-BFGS took %zu iterations (%zu "
           "evaluations of f) to (%.4f, %.4f, %.4f)\n", RATE, steps,
           params[0], params[1], params[2], fit->n_iter, fit->n_fun,
           best[0], best[1], best[2]);
    if (steps < 0)
        check_fail("your descent returned %ld: it did not reach a gradient "
                   "of %g in %d steps", steps, TOL, MAX_STEPS);
    double g = check_gradient(params, X, y);
    if (!(g <= TOL))
        check_fail("the largest component of the gradient where your "
                   "descent ends\n    expected at most %g, got %g", TOL, g);
    /* Both stop where max|gradient| <= 1e-4, within |gradient| / (the
     * bowl's smallest curvature, the Hessian's smallest eigenvalue, 8.3
     * at the fit) of the bottom: 1e-4 sqrt(3) / 8.3 = 2e-5. 1e-3 is far
     * above that, and far below where a wrong descent ends. */
    const char *names[] = {"w1", "w2", "b"};
    for (int k = 0; k < 3; k++) {
        char what[128];
        snprintf(what, sizeof what, "your descent's %s (L-BFGS's is the "
                 "expected)", names[k]);
        check_close(what, params[k], best[k], 1e-3, 0);
    }
    if (steps > 0 && !check_failures) {
        /* One step fewer must not be enough: the count is the count. */
        double again[3] = {0, 0, 0};
        long fewer = descend(again, X, y, RATE, TOL, steps - 1);
        if (fewer != -1)
            check_fail("with max_steps = %ld, one fewer than your count, "
                       "your descent\n    should return -1, and returned "
                       "%ld", steps - 1, fewer);
    }
    wb_logreg_destroy(fit);
    wb_free(X);
    wb_free(y);
    return check_verdict("your descent ends at the L-BFGS fit, and counts "
                         "its steps");
}
