/* Chapter: 3
 * Goal: The logistic loss and its gradient
 *
 * Write `objective`, the function that chapter 3's fit minimises, for the
 * model p = sigma(w1 x1 + w2 x2 + b) with params = (w1, w2, b):
 *
 *     f = sum over the examples of [log(1 + e^z) - y z] + (w1^2 + w2^2) / (2C)
 *
 * with z = w1 x1 + w2 x2 + b for each row (x1, x2) of X and its label y.
 * It returns f and writes its three partial derivatives into `grad`. The
 * check compares f with the library's at five points, one of them with
 * scores near 10000, and your gradient with finite differences of your
 * own f, on chapter 2's sample (seed 1), for C = 1 and C = 0.01.
 *
 * Hint: The derivative of log(1 + e^z) - y z with respect to z is
 * sigma(z) - y, and z changes by x1, x2 and 1 when w1, w2 and b change
 * by 1: the chain rule does the rest. The penalty adds w1 / C and w2 / C,
 * and nothing for b. For a large z, e^z overflows: log(1 + e^z) is
 * z + log(1 + e^-z), and log1p is exact where log(1 + t) is not.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

/* f(w1, w2, b) and its gradient. params, grad: (3,); X: (n, 2); y: (n,). */
static double objective(double grad[3], const double params[3],
                        const wb_array *X, const wb_array *y, double C)
{
    (void)params;
    (void)X;
    (void)y;
    (void)C;
    grad[0] = grad[1] = grad[2] = 0;
    return 0;
}

/* ==== your code: to here ============================================== */
