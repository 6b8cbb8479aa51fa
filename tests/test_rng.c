/* Tests of wb_rng: the generator against its published definition, seeds,
 * and the distributions within their sampling error. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_rng.h"

/* Sample statistics are compared with the truth within 5 standard errors:
 * a correct generator fails such a check about once in 1.7 million runs,
 * and the seeds are fixed, so a pass is repeatable. */
#define Z 5.0

Test(rng, matches_the_reference_algorithm)
{
    /* The first outputs of xoshiro256** seeded through splitmix64 from 42,
     * computed by an independent Python transcription of the published C
     * code (Blackman and Vigna). */
    wb_rng r;
    wb_rng_seed(&r, 42);
    cr_assert_eq(wb_rng_next(&r), 0x15780b2e0c2ec716u);
    cr_assert_eq(wb_rng_next(&r), 0x6104d9866d113a7eu);
    cr_assert_eq(wb_rng_next(&r), 0xae17533239e499a1u);
}

Test(rng, same_seed_same_stream_other_seed_other_stream)
{
    wb_rng a, b, c;
    wb_rng_seed(&a, 7);
    wb_rng_seed(&b, 7);
    wb_rng_seed(&c, 8);
    int same_c = 0;
    for (int i = 0; i < 1000; i++) {
        double x = wb_rng_normal(&a, 0, 1), y = wb_rng_normal(&b, 0, 1);
        cr_assert_eq(x, y, "draw %d differs: %.17g vs %.17g", i, x, y);
        same_c += x == wb_rng_normal(&c, 0, 1);
    }
    cr_assert_eq(same_c, 0, "seeds 7 and 8 gave %d equal draws", same_c);
}

Test(rng, uniform_stays_in_range_with_the_right_moments)
{
    wb_rng r;
    const int n = 200000;
    const double lo = -1, hi = 3;
    double sum = 0, sum2 = 0;
    wb_rng_seed(&r, 1);
    for (int i = 0; i < n; i++) {
        double u = wb_rng_uniform(&r, lo, hi);
        cr_assert(u >= lo && u < hi, "%.17g out of [%g, %g)", u, lo, hi);
        sum += u;
        sum2 += u * u;
    }
    double mean = sum / n, var = sum2 / n - mean * mean;
    double true_var = (hi - lo) * (hi - lo) / 12;
    cr_assert(fabs(mean - 1) < Z * sqrt(true_var / n), "mean %g", mean);
    /* The variance of a uniform's sample variance is (4/45) s^4 / n. */
    cr_assert(fabs(var - true_var) < Z * sqrt(4.0 / 45 * true_var *
                                              true_var / n),
              "variance %g, expected %g", var, true_var);
}

Test(rng, normal_has_the_right_moments)
{
    wb_rng r;
    wb_rng_seed(&r, 2);
    wb_array *x = wb_random_normal(&r, 2, 3, 100000);
    cr_assert(x);
    double n = (double)x->size, mean = wb_mean(x), sd = wb_std(x);
    cr_assert(fabs(mean - 2) < Z * 3 / sqrt(n), "mean %g", mean);
    /* var(sample variance) = 2 s^4 / n for a normal sample. */
    cr_assert(fabs(sd * sd - 9) < Z * sqrt(2 * 81 / n), "sd %g", sd);
    /* About 68.27% within one standard deviation. */
    size_t inside = 0;
    for (size_t i = 0; i < x->size; i++)
        inside += fabs(x->data[i] - 2) < 3;
    double p = 0.682689492137, frac = inside / n;
    cr_assert(fabs(frac - p) < Z * sqrt(p * (1 - p) / n), "%g", frac);
    wb_free(x);
}

Test(rng, multivariate_normal_has_the_asked_covariance)
{
    wb_rng r;
    const double mean[2] = {2, -1};
    const double cov[4] = {1.0, 0.6, 0.6, 2.0};
    wb_rng_seed(&r, 3);
    wb_array *x = wb_random_multivariate_normal(&r, mean, cov, 2, 100000);
    cr_assert(x);
    cr_assert_eq(x->ndim, 2);
    cr_assert_eq(x->shape[0], 100000);
    cr_assert_eq(x->shape[1], 2);
    double n = 100000, m[2] = {0, 0}, c[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < 100000; i++)
        for (int j = 0; j < 2; j++)
            m[j] += WB_AT(x, i, j) / n;
    for (size_t i = 0; i < 100000; i++)
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 2; k++)
                c[2 * j + k] += (WB_AT(x, i, j) - m[j]) *
                                (WB_AT(x, i, k) - m[k]) / n;
    for (int j = 0; j < 2; j++)
        cr_assert(fabs(m[j] - mean[j]) < Z * sqrt(cov[3 * j] / n),
                  "mean[%d] = %g", j, m[j]);
    /* var(sample cov_jk) = (s_jj s_kk + s_jk^2) / n. */
    for (int j = 0; j < 2; j++)
        for (int k = 0; k < 2; k++) {
            double se = sqrt((cov[3 * j] * cov[3 * k] +
                              cov[2 * j + k] * cov[2 * j + k]) / n);
            cr_assert(fabs(c[2 * j + k] - cov[2 * j + k]) < Z * se,
                      "cov[%d][%d] = %g", j, k, c[2 * j + k]);
        }
    wb_free(x);
}

Test(rng, multivariate_normal_refuses_a_bad_covariance)
{
    wb_rng r;
    const double mean[2] = {0, 0};
    const double not_pd[4] = {1, 2, 2, 1};
    const double not_sym[4] = {1, 0.5, 0.2, 1};
    wb_rng_seed(&r, 4);
    cr_assert_null(wb_random_multivariate_normal(&r, mean, not_pd, 2, 10));
    cr_assert_str_eq(wb_error(), "covariance matrix is not positive "
                     "definite");
    cr_assert_null(wb_random_multivariate_normal(&r, mean, not_sym, 2, 10));
    cr_assert_str_eq(wb_error(), "covariance matrix is not symmetric: entry "
                     "(0, 1) = 0.5 but entry (1, 0) = 0.2");
}

Test(rng, uniform_array_shape)
{
    wb_rng r;
    wb_rng_seed(&r, 5);
    wb_array *a = wb_random_uniform(&r, -1, 1, 500, 2);
    cr_assert(a);
    cr_assert_eq(a->size, 1000);
    for (size_t i = 0; i < a->size; i++)
        cr_assert(a->data[i] >= -1 && a->data[i] < 1);
    wb_free(a);
}

Test(rng, below_is_uniform_and_in_range)
{
    /* 60000 draws in [0, 6): each count is binomial(60000, 1/6), standard
     * deviation about 91. */
    wb_rng r;
    size_t count[6] = {0};
    wb_rng_seed(&r, 3);
    for (int i = 0; i < 60000; i++) {
        uint64_t k = wb_rng_below(&r, 6);
        cr_assert_lt(k, 6);
        count[k]++;
    }
    for (int k = 0; k < 6; k++)
        cr_assert_lt(fabs((double)count[k] - 10000), Z * 91.3, "count[%d] = %zu",
                     k, count[k]);
    cr_assert_eq(wb_rng_below(&r, 1), 0);
}

Test(rng, permutations_hold_every_index_once_and_every_order_comes_up)
{
    /* The 6 orders of 3 items in 60000 shuffles: each about 10000. */
    wb_rng r;
    size_t seen[3][3][3] = {{{0}}};
    wb_rng_seed(&r, 11);
    for (int i = 0; i < 60000; i++) {
        size_t *p = wb_rng_permutation(&r, 3);
        cr_assert(p);
        cr_assert(p[0] != p[1] && p[1] != p[2] && p[0] != p[2]);
        seen[p[0]][p[1]][p[2]]++;
        free(p);
    }
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++)
            for (int c = 0; c < 3; c++)
                if (a != b && b != c && a != c)
                    cr_assert_lt(fabs((double)seen[a][b][c] - 10000),
                                 Z * 91.3, "order %d%d%d: %zu", a, b, c,
                                 seen[a][b][c]);

    size_t *big = wb_rng_permutation(&r, 1000);
    bool hit[1000] = {false};
    cr_assert(big);
    for (size_t i = 0; i < 1000; i++) {
        cr_assert_lt(big[i], 1000);
        cr_assert_not(hit[big[i]], "%zu twice", big[i]);
        hit[big[i]] = true;
    }
    free(big);
}
