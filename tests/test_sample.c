/* Tests of wb_sample: the tutorial's samples have their shapes, labels and
 * distributions, and come from the generator in the documented order. */
#include <criterion/criterion.h>
#include <math.h>

#include "wb_core.h"
#include "wb_sample.h"

/* Sample means are compared with the truth within 5 standard errors. */
#define Z 5.0

Test(sample, gaussians_1d)
{
    wb_rng a, b;
    wb_array *x, *y, *x0, *x1;
    const size_t n = 4000;
    wb_rng_seed(&a, 3);
    wb_rng_seed(&b, 3);
    cr_assert_eq(wb_sample_gaussians_1d(&x, &y, &a, n, 1.5), 0);
    cr_assert_eq(x->ndim, 1);
    cr_assert_eq(x->size, 2 * n);
    cr_assert_eq(y->size, 2 * n);
    /* The same draws as chapter 1 makes them: category 0, then 1. */
    x0 = wb_random_normal(&b, -1.5, 1, n);
    x1 = wb_random_normal(&b, 1.5, 1, n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(x->data[i], x0->data[i]);
        cr_assert_eq(x->data[n + i], x1->data[i]);
        cr_assert_eq(y->data[i], 0);
        cr_assert_eq(y->data[n + i], 1);
    }
    wb_free(x);
    wb_free(y);
    wb_free(x0);
    wb_free(x1);
}

Test(sample, gaussians_2d)
{
    wb_rng r;
    wb_array *X, *y;
    const size_t n = 5000;
    double m[2][2] = {{0}};
    wb_rng_seed(&r, 5);
    cr_assert_eq(wb_sample_gaussians_2d(&X, &y, &r, n), 0);
    cr_assert(X->ndim == 2 && X->shape[0] == 2 * n && X->shape[1] == 2);
    cr_assert(y->ndim == 1 && y->size == 2 * n);
    for (size_t i = 0; i < 2 * n; i++) {
        int c = i >= n;
        cr_assert_eq(y->data[i], c);
        m[c][0] += WB_AT(X, i, 0) / (double)n;
        m[c][1] += WB_AT(X, i, 1) / (double)n;
    }
    /* Centres (0, 0) and (2, 2); the standard error of a mean of n draws
     * of width 1 is 1/sqrt(n). */
    for (int k = 0; k < 2; k++) {
        cr_assert_lt(fabs(m[0][k]), Z / sqrt((double)n), "%g", m[0][k]);
        cr_assert_lt(fabs(m[1][k] - 2), Z / sqrt((double)n), "%g", m[1][k]);
    }
    wb_free(X);
    wb_free(y);
}

Test(sample, quadrants)
{
    wb_rng r, again;
    wb_array *X, *y, *X2, *y2;
    const size_t n = 8000;
    double ones = 0;
    wb_rng_seed(&r, 7);
    wb_rng_seed(&again, 7);
    cr_assert_eq(wb_sample_quadrants(&X, &y, &r, n), 0);
    cr_assert(X->shape[0] == n && X->shape[1] == 2 && y->size == n);
    for (size_t i = 0; i < n; i++) {
        double x1 = WB_AT(X, i, 0), x2 = WB_AT(X, i, 1);
        cr_assert(x1 >= -1 && x1 < 1 && x2 >= -1 && x2 < 1);
        cr_assert_eq(y->data[i], x1 * x2 > 0 ? 1 : 0, "point %zu", i);
        ones += y->data[i];
    }
    /* Half the square is in category 1: binomial(n, 1/2). */
    cr_assert_lt(fabs(ones / (double)n - 0.5), Z * 0.5 / sqrt((double)n));
    cr_assert_eq(wb_sample_quadrants(&X2, &y2, &again, n), 0);
    for (size_t i = 0; i < X->size; i++)
        cr_assert_eq(X->data[i], X2->data[i], "the same seed, the same "
                     "sample");
    wb_free(X);
    wb_free(y);
    wb_free(X2);
    wb_free(y2);
}

/* The exercises' problems: points drawn as the quadrants' are (the same
 * seed, the same points), each labelled by its rule, which puts half the
 * square in category 1: the circle of radius sqrt(2 / pi), the band
 * |x1 - x2| < 2 - sqrt(2). */
Test(sample, circle_and_band)
{
    const wb_rule rules[] = {wb_rule_circle, wb_rule_band};
    const size_t n = 8000;
    cr_assert_eq(wb_rule_circle(0.79, 0), 1);
    cr_assert_eq(wb_rule_circle(0.57, 0.57), 0, "0.806 from the centre");
    cr_assert_eq(wb_rule_band(0.9, 0.32), 1);
    cr_assert_eq(wb_rule_band(-0.3, 0.3), 0, "0.6 from the diagonal");
    for (size_t k = 0; k < 2; k++) {
        wb_rng r, again;
        wb_array *X, *y, *Xq, *yq;
        double ones = 0;
        wb_rng_seed(&r, 7);
        wb_rng_seed(&again, 7);
        cr_assert_eq(wb_sample_square(&X, &y, &r, n, rules[k]), 0);
        cr_assert_eq(wb_sample_quadrants(&Xq, &yq, &again, n), 0);
        cr_assert(X->shape[0] == n && X->shape[1] == 2 && y->size == n);
        for (size_t i = 0; i < n; i++) {
            double x1 = WB_AT(X, i, 0), x2 = WB_AT(X, i, 1);
            double inside = k == 0 ? x1 * x1 + x2 * x2 < 2 / 3.141592653589793
                                   : fabs(x1 - x2) < 0.5857864376269049;
            cr_assert_eq(x1, WB_AT(Xq, i, 0));
            cr_assert_eq(x2, WB_AT(Xq, i, 1));
            cr_assert_eq(y->data[i], inside, "rule %zu, point %zu", k, i);
            ones += y->data[i];
        }
        cr_assert_lt(fabs(ones / (double)n - 0.5), Z * 0.5 / sqrt((double)n));
        wb_free(X);
        wb_free(y);
        wb_free(Xq);
        wb_free(yq);
    }
}
