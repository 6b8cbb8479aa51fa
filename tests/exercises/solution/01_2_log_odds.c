/* Chapter: 1
 * Goal: The neuron of the exact probability
 *
 * Chapter 1 says that for its two categories, centred at $-1.5$ and
 * $+1.5$ with width 1, the neuron $w = 3$, $b = 0$ gives exactly the
 * probability that an example $x$ is in category 1. Find it for any two
 * categories: category 0 drawn from the normal distribution centred at
 * `m0`, category 1 from the one centred at `m1`, both of width (standard
 * deviation) `s`, and as many examples in each. Write `log_odds_neuron`,
 * which chooses `w` and `b` so that
 * $\sigma(wx + b) = p_1(x) / (p_0(x) + p_1(x))$, with $p_0$ and $p_1$ the
 * two densities. The check compares the two at many points for several
 * categories, then fits a logistic regression to 100000 examples of each
 * of the chapter's categories (seed 1) to see it come close.
 *
 * Hint: $\sigma(z) = p_1 / (p_0 + p_1)$ when $e^{-z} = p_0 / p_1$, that is
 * when $z = \ln p_1(x) - \ln p_0(x)$, the log of the odds. Write both logs
 * with the density of chapter 1's normal distribution step: the factors in
 * front cancel, and so do the $x^2$ terms of $(x - m)^2 / 2s^2$. What is
 * left is $wx + b$.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

static void log_odds_neuron(double *w, double *b, double m0, double m1,
                            double s)
{
    /* ln p1 - ln p0 = ((x - m0)^2 - (x - m1)^2) / (2 s^2)
     *              = (m1 - m0) x / s^2 + (m0^2 - m1^2) / (2 s^2) */
    *w = (m1 - m0) / (s * s);
    *b = (m0 * m0 - m1 * m1) / (2 * s * s);
}

/* ==== your code: to here ============================================== */
