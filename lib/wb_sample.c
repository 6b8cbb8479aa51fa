/* wb_sample.c: the tutorial's samples. See wb_sample.h. */
#include "wb_sample.h"

#include <math.h>

#include "wb_core.h"

#define PI 3.14159265358979323846

/* Both arrays, or neither. */
static int done(wb_array **X, wb_array **y)
{
    if (*X && *y)
        return 0;
    wb_free(*X);
    wb_free(*y);
    *X = *y = NULL;
    return -1;
}

int wb_sample_gaussians_1d(wb_array **x, wb_array **y, wb_rng *rng, size_t n,
                           double mu)
{
    wb_array *x0 = wb_random_normal(rng, -mu, 1, n);
    wb_array *x1 = wb_random_normal(rng, +mu, 1, n);
    *x = wb_concatenate(x0, x1);
    *y = *x ? wb_vector(2 * n) : NULL;
    for (size_t i = n; *y && i < 2 * n; i++)
        (*y)->data[i] = 1;
    wb_free(x0);
    wb_free(x1);
    return done(x, y);
}

/* region gaussians_2d */
int wb_sample_gaussians_2d(wb_array **X, wb_array **y, wb_rng *rng,
                           size_t n)
{
    const double mean0[2] = {0, 0}, mean1[2] = {2, 2};
    const double cov[2 * 2] = {1, 0,     /* width 1 along x1 and x2, */
                               0, 1};    /* no correlation */
    wb_array *X0 = wb_random_multivariate_normal(rng, mean0, cov, 2, n);
    wb_array *X1 = wb_random_multivariate_normal(rng, mean1, cov, 2, n);
    /* One sample: the n rows of category 0, then the n of category 1. */
    *X = wb_concatenate(X0, X1);            /* (2n, 2) */
    *y = *X ? wb_vector(2 * n) : NULL;      /* (2n,), zeros... */
    for (size_t i = n; *y && i < 2 * n; i++)
        (*y)->data[i] = 1;                  /* ...then ones */
    wb_free(X0);
    wb_free(X1);
    return done(X, y);
}
/* endregion gaussians_2d */

/* region quadrants */
/* Both coordinates of the same sign: category 1. */
int wb_rule_quadrants(double x1, double x2)
{
    return x1 * x2 > 0;
}

int wb_sample_quadrants(wb_array **X, wb_array **y, wb_rng *rng, size_t n)
{
    return wb_sample_square(X, y, rng, n, wb_rule_quadrants);
}

/* n points uniform in the square, each in the category `rule` says. */
int wb_sample_square(wb_array **X, wb_array **y, wb_rng *rng, size_t n,
                     wb_rule rule)
{
    *X = wb_random_uniform(rng, -1, 1, n, 2);   /* (n, 2) in [-1, 1]^2 */
    *y = *X ? wb_vector(n) : NULL;              /* (n,) */
    for (size_t i = 0; *y && i < n; i++)
        (*y)->data[i] = rule(WB_AT(*X, i, 0), WB_AT(*X, i, 1));
    return done(X, y);
}
/* endregion quadrants */

/* Inside the circle of radius sqrt(2 / pi): category 1. */
int wb_rule_circle(double x1, double x2)
{
    return hypot(x1, x2) < sqrt(2 / PI);
}

/* Within 2 - sqrt(2) of the diagonal, along x1: category 1. */
int wb_rule_band(double x1, double x2)
{
    return fabs(x1 - x2) < 2 - sqrt(2);
}
