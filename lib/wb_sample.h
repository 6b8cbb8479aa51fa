/* wb_sample.h: the tutorial's samples, drawn from a seeded generator.
 *
 * Each function makes a sample of examples X and their labels y (0 or 1),
 * new arrays that the caller frees, drawn from `rng` in a documented order
 * so that the same seed gives the same sample in every chapter, exercise
 * and test. Returns 0, or -1 with *X and *y set to NULL when memory runs
 * out.
 */
#ifndef WB_SAMPLE_H
#define WB_SAMPLE_H

#include <stddef.h>

#include "wb_array.h"
#include "wb_rng.h"

/* Chapter 1: n examples of category 0 drawn from the normal distribution
 * of mean -mu and width 1, then n of category 1 from mean +mu. x: (2n,),
 * y: (2n,), category 0 first. */
int wb_sample_gaussians_1d(wb_array **x, wb_array **y, wb_rng *rng, size_t n,
                           double mu);

/* Chapters 2 and 3: n examples of category 0 drawn from the 2-D normal
 * distribution centred on (0, 0), then n of category 1 centred on (2, 2),
 * both with the identity covariance (width 1 along both axes). X: (2n, 2),
 * y: (2n,), category 0 first. */
int wb_sample_gaussians_2d(wb_array **X, wb_array **y, wb_rng *rng,
                           size_t n);

/* The problems of chapter 4's square: whether the point (x1, x2) of
 * [-1, 1]^2 is in category 1 (1) or 0 (0), by one rule. */
typedef int (*wb_rule)(double x1, double x2);

/* n points drawn uniformly in the square [-1, 1]^2, row by row (x1 then
 * x2 of each point), each in the category `rule` gives it. X: (n, 2),
 * y: (n,). */
int wb_sample_square(wb_array **X, wb_array **y, wb_rng *rng, size_t n,
                     wb_rule rule);

/* Chapters 4 and 5: category 1 when x1 x2 > 0, in the quadrants where
 * both have the same sign, and 0 otherwise; wb_sample_quadrants is
 * wb_sample_square with this rule. */
int wb_rule_quadrants(double x1, double x2);
int wb_sample_quadrants(wb_array **X, wb_array **y, wb_rng *rng, size_t n);

/* The exercises of chapter 4 (and the playground of chapter 5): category
 * 1 inside the circle of radius sqrt(2 / pi), about 0.80, around the
 * centre, or within 2 - sqrt(2), about 0.59, of the diagonal x1 = x2
 * (|x1 - x2| < 2 - sqrt(2)). Each holds half the square's area, as the
 * quadrants do, and no line parts it. */
int wb_rule_circle(double x1, double x2);
int wb_rule_band(double x1, double x2);

#endif
