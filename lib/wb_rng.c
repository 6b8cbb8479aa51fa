/* wb_rng.c: xoshiro256**, uniform, normal and multivariate normal draws.
 * See wb_rng.h. */
#include "wb_rng.h"

#include <math.h>
#include <stdlib.h>

#include "wb_core.h"

/* splitmix64 (Vigna): turns one 64-bit seed into well-mixed state words,
 * so that seeds 1 and 2 give unrelated streams. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void wb_rng_seed(wb_rng *rng, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        rng->s[i] = splitmix64(&seed);
    rng->has_spare = false;
    rng->spare = 0;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* xoshiro256** 1.0, as published by Blackman and Vigna. */
uint64_t wb_rng_next(wb_rng *rng)
{
    uint64_t *s = rng->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* u = k / 2^53 with k the top 53 bits: every double in [0, 1) that is a
 * multiple of 2^-53, each equally likely. */
static double unit(wb_rng *rng)
{
    return (double)(wb_rng_next(rng) >> 11) * 0x1.0p-53;
}

double wb_rng_uniform(wb_rng *rng, double lo, double hi)
{
    return lo + (hi - lo) * unit(rng);
}

/* x mod n is uniform in [0, n) once the 2^64 mod n smallest values of x
 * are rejected: what remains is a whole number of runs of n values. That
 * threshold is below n, so only an x below n needs it: the division that
 * finds it is nearly never done. */
uint64_t wb_rng_below(wb_rng *rng, uint64_t n)
{
    WB_ASSERT(n >= 1, "wb_rng_below needs n >= 1");
    uint64_t x = wb_rng_next(rng);
    if (x < n) {
        uint64_t threshold = -n % n;    /* 2^64 mod n */
        while (x < threshold)
            x = wb_rng_next(rng);
    }
    return x % n;
}

void wb_rng_shuffle(wb_rng *rng, size_t *idx, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)wb_rng_below(rng, i), t = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = t;
    }
}

size_t *wb_rng_permutation(wb_rng *rng, size_t n)
{
    size_t *idx = wb_calloc(n ? n : 1, sizeof *idx);
    if (!idx)
        return NULL;
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    wb_rng_shuffle(rng, idx, n);
    return idx;
}

/* Marsaglia's polar method: draw (u, v) uniform in the unit disc; then
 * u sqrt(-2 ln s / s) and v sqrt(-2 ln s / s), with s = u^2 + v^2, are two
 * independent standard normal values. */
double wb_rng_normal(wb_rng *rng, double mean, double sd)
{
    double u, v, s, f;
    if (rng->has_spare) {
        rng->has_spare = false;
        return mean + sd * rng->spare;
    }
    do {
        u = 2 * unit(rng) - 1;
        v = 2 * unit(rng) - 1;
        s = u * u + v * v;
    } while (s >= 1 || s == 0);
    f = sqrt(-2 * log(s) / s);
    rng->spare = v * f;
    rng->has_spare = true;
    return mean + sd * u * f;
}

wb_array *wb_random_normal(wb_rng *rng, double mean, double sd, size_t n)
{
    wb_array *a = wb_vector(n);
    if (a)
        for (size_t i = 0; i < n; i++)
            a->data[i] = wb_rng_normal(rng, mean, sd);
    return a;
}

wb_array *wb_random_uniform(wb_rng *rng, double lo, double hi, size_t rows,
                            size_t cols)
{
    wb_array *a = wb_matrix(rows, cols);
    if (a)
        for (size_t i = 0; i < a->size; i++)
            a->data[i] = wb_rng_uniform(rng, lo, hi);
    return a;
}

wb_array *wb_random_multivariate_normal(wb_rng *rng, const double *mean,
                                        const double *cov, size_t d,
                                        size_t n)
{
    double *L = wb_calloc(d * d, sizeof *L);
    double *z = wb_calloc(d, sizeof *z);
    wb_array *x = NULL;

    if (!L || !z)
        goto done;
    if (wb_cholesky(L, cov, d) != 0) {
        wb_fail("covariance %s", wb_error());
        goto done;
    }
    x = wb_matrix(n, d);
    if (!x)
        goto done;
    for (size_t r = 0; r < n; r++) {
        for (size_t k = 0; k < d; k++)
            z[k] = wb_rng_normal(rng, 0, 1);
        for (size_t i = 0; i < d; i++) {
            double v = mean[i];
            for (size_t k = 0; k <= i; k++)
                v += L[i * d + k] * z[k];
            WB_AT(x, r, i) = v;
        }
    }
done:
    free(L);
    free(z);
    return x;
}
