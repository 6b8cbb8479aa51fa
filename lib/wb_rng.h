/* wb_rng.h: random numbers from an explicit, seeded state.
 *
 * There is no hidden global generator (no rand()): every function takes the
 * state it draws from, so the same seed gives the same numbers, the same
 * samples and the same figures on every machine.
 *
 * The generator is xoshiro256** (Blackman and Vigna, 2018), seeded by
 * expanding a 64-bit seed with splitmix64. Uniform doubles use the top 53
 * bits; normal values use the polar method of Marsaglia, which makes them in
 * pairs and keeps the second for the next call.
 */
#ifndef WB_RNG_H
#define WB_RNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wb_array.h"

typedef struct wb_rng {
    uint64_t s[4];      /* the xoshiro256** state */
    bool has_spare;     /* a normal value is waiting in `spare` */
    double spare;
} wb_rng;

void wb_rng_seed(wb_rng *rng, uint64_t seed);
/* The next 64 random bits. */
uint64_t wb_rng_next(wb_rng *rng);
/* A double uniform in [lo, hi). */
double wb_rng_uniform(wb_rng *rng, double lo, double hi);
/* A double from the normal distribution of the given mean and standard
 * deviation. */
double wb_rng_normal(wb_rng *rng, double mean, double sd);

/* An integer uniform in [0, n), for n >= 1, with no modulo bias. */
uint64_t wb_rng_below(wb_rng *rng, uint64_t n);
/* Shuffles idx[0..n-1] in place (Fisher and Yates): every order is equally
 * likely. As np.random.shuffle, shuffling again starts from the current
 * order. */
void wb_rng_shuffle(wb_rng *rng, size_t *idx, size_t n);
/* np.random.permutation(n): a new array of 0, 1, ..., n-1 in random order
 * (free it with free), or NULL when memory runs out. */
size_t *wb_rng_permutation(wb_rng *rng, size_t n);

/* np.random.normal(mean, sd, n): a new (n,) array. */
wb_array *wb_random_normal(wb_rng *rng, double mean, double sd, size_t n);
/* np.random.uniform(lo, hi, (rows, cols)): a new (rows, cols) array. */
wb_array *wb_random_uniform(wb_rng *rng, double lo, double hi, size_t rows,
                            size_t cols);
/* np.random.multivariate_normal(mean, cov, n) in d dimensions: a new (n, d)
 * array whose rows are drawn from N(mean, cov). mean: (d,), cov: (d, d),
 * symmetric positive definite; otherwise NULL with an error. Each row is
 * mean + L z, with L the Cholesky factor of cov and z standard normal. */
wb_array *wb_random_multivariate_normal(wb_rng *rng, const double *mean,
                                        const double *cov, size_t d,
                                        size_t n);

#endif
