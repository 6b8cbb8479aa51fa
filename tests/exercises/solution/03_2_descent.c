/* Chapter: 3
 * Goal: Gradient descent's steps against L-BFGS
 *
 * L-BFGS fits chapter 3's model in a dozen or so iterations (its fit step
 * prints how many). Plain gradient descent takes the simplest step there
 * is, straight downhill:
 *
 * $$\theta \leftarrow \theta - \text{rate} \cdot \nabla f(\theta),$$
 *
 * with $\theta$ the parameters, `params`. Write `descend`: starting from
 * the `params` it is given, it repeats this step until the largest of the
 * gradient's three components (in size) is at most `tol`, the test that
 * ends L-BFGS's fit, and returns the number of steps it took, or $-1$ if
 * `max_steps` were not enough. The library's
 * `wb_logreg_objective(grad, params, X, y, C)` gives $f$ and its gradient
 * (chapter 3 shows it). The check runs your descent on chapter 2's sample
 * (seed 1) from $(0, 0, 0)$ with a rate of 0.001 and `tol` $= 10^{-4}$,
 * and compares where it ends with the L-BFGS fit.
 *
 * Hint: One loop: compute the gradient, stop (returning the count) when
 * its largest component in size (`fabs`) is at most `tol`, otherwise take
 * the step and count it. Check the gradient before the step, so that a
 * start already at the bottom takes 0 steps. Once it passes, try other
 * rates in the check's place: 0.008 and 0.01 are worth a look.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

/* Gradient descent on f, from params: (3,) (which it changes), with
 * C = 1. X: (n, 2), y: (n,). */
static long descend(double params[3], const wb_array *X, const wb_array *y,
                    double rate, double tol, long max_steps)
{
    for (long steps = 0;; steps++) {
        double grad[3];
        wb_logreg_objective(grad, params, X, y, 1);
        double largest = fmax(fabs(grad[0]), fmax(fabs(grad[1]),
                                                  fabs(grad[2])));
        if (largest <= tol)
            return steps;
        if (steps == max_steps)
            return -1;
        for (int k = 0; k < 3; k++)
            params[k] -= rate * grad[k];
    }
}

/* ==== your code: to here ============================================== */
