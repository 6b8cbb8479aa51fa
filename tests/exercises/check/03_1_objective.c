/* The check of exercises/03_1_objective.c: f against the library's
 * wb_logreg_objective, and the gradient against central differences of
 * the reader's own f, on chapter 2's sample. */
#include "check.h"

/* f is a sum of 1000 terms of a few units each, computed in another
 * order than the library's: 1e-9 relative is far above rounding. */
#define F_TOL 1e-9
/* A central difference with step h = 1e-5 (1 + |param|) errs by about
 * h^2 f''' (the curvature's change, a few hundred here) plus rounding,
 * 1e-16 f / h (f is at most 1e6): 1e-4 absolute plus 1e-6 relative
 * covers both. */
#define FD_STEP 1e-5
#define FD_ABS 1e-4
#define FD_REL 1e-6
/* e^z is larger than the largest double, and inf, past z = log(DBL_MAX). */
#define EXP_MAX_Z 709.78

/* The largest score z = w1 x1 + w2 x2 + b over the rows of X. */
static double largest_z(const double params[3], const wb_array *X)
{
    double largest = -INFINITY;
    for (size_t i = 0; i < X->shape[0]; i++)
        largest = fmax(largest, params[0] * WB_AT(X, i, 0) +
                                    params[1] * WB_AT(X, i, 1) + params[2]);
    return largest;
}

/* Says why f came out inf or NaN, in words: the expected value is no help
 * to a reader whose exp overflowed. */
static void explain_not_finite(const char *where, double f, double expected,
                               double z)
{
    if (z > EXP_MAX_Z)
        check_fail("%s: your f is %g\n    the library's is %.10g: the "
                   "objective overflows at z = %.6g, the\n    largest score "
                   "here (e^z is inf once z > %.2f, and log(1 + e^z) with "
                   "it)", where, f, expected, z, EXP_MAX_Z);
    else
        check_fail("%s: your f is %g\n    the library's is %.10g; no "
                   "score here is above %.3g, so no e^z\n    overflows: "
                   "look for a log of 0 or a division by zero", where, f,
                   expected, z);
}

int main(void)
{
    static const double points[][3] = {
        {0, 0, 0}, {1, 2, 0}, {1, 1, -2}, {1.95, 1.86, -3.96},
        {2000, 2000, -4000}};
    static const double Cs[] = {1, 0.01};
    wb_rng rng;
    wb_array *X, *y;
    wb_rng_seed(&rng, CHECK_SEED);
    if (wb_sample_gaussians_2d(&X, &y, &rng, 500) != 0)
        return check_error("the sample");
    for (size_t c = 0; c < 2; c++)
        for (size_t p = 0; p < sizeof points / sizeof *points; p++) {
            const double *params = points[p];
            double C = Cs[c], grad[3] = {NAN, NAN, NAN}, ignored[3];
            char where[96], what[256];
            double f = objective(grad, params, X, y, C);
            double expected = wb_logreg_objective(ignored, params, X, y, C);
            snprintf(where, sizeof where, "C = %g, (w1, w2, b) = (%g, %g, "
                     "%g)", C, params[0], params[1], params[2]);
            if (!isfinite(f)) {
                /* Its differences would say nothing of the gradient. */
                explain_not_finite(where, f, expected,
                                   largest_z(params, X));
                continue;
            }
            snprintf(what, sizeof what, "%s: your f (the library's is the "
                     "expected)", where);
            check_close(what, f, expected, 0, F_TOL);
            for (int k = 0; k < 3; k++) {
                double up[3] = {params[0], params[1], params[2]};
                double down[3] = {params[0], params[1], params[2]};
                double h = FD_STEP * (1 + fabs(params[k]));
                up[k] += h;
                down[k] -= h;
                double fd = (objective(ignored, up, X, y, C) -
                             objective(ignored, down, X, y, C)) / (2 * h);
                const char *name = k == 0 ? "w1" : k == 1 ? "w2" : "b";
                if (!isfinite(fd)) {
                    check_fail("%s: your f is not finite when %s changes "
                               "by %g, so its differences cannot check "
                               "your df/d%s", where, name, h, name);
                    continue;
                }
                snprintf(what, sizeof what, "%s: your df/d%s (finite "
                         "differences of your f are the expected)", where,
                         name);
                check_close(what, grad[k], fd, FD_ABS, FD_REL);
            }
        }
    wb_free(X);
    wb_free(y);
    return check_verdict("f is the library's, and the gradient agrees with "
                         "finite differences, at 5 points for 2 values of C");
}
