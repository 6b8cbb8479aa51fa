/* Chapter: 3
 * Goal: The logistic loss and its gradient
 *
 * Write `objective`, the function that chapter 3's fit minimises, for the
 * model $p = \sigma(w_1 x_1 + w_2 x_2 + b)$ with `params` $= (w_1, w_2, b)$:
 *
 * $$f = \sum_i \big[\log(1 + e^{z_i}) - y_i z_i\big]
 *     + \frac{w_1^2 + w_2^2}{2C},$$
 *
 * with $z_i = w_1 x_{i1} + w_2 x_{i2} + b$ for each row $(x_{i1}, x_{i2})$
 * of `X` and its label $y_i$. It returns $f$ and writes its three partial
 * derivatives into `grad`. The check compares $f$ with the library's at
 * five points, one of them with scores near 10000, and your gradient with
 * finite differences of your own $f$, on chapter 2's sample (seed 1), for
 * $C = 1$ and $C = 0.01$.
 *
 * Hint: The derivative of $\log(1 + e^z) - yz$ with respect to $z$ is
 * $\sigma(z) - y$, and $z$ changes by $x_1$, $x_2$ and 1 when $w_1$, $w_2$
 * and $b$ change by 1: the chain rule does the rest. The penalty adds
 * $w_1 / C$ and $w_2 / C$, and nothing for $b$. For a large $z$, $e^z$
 * overflows: $\log(1 + e^z)$ is $z + \log(1 + e^{-z})$, and `log1p` is
 * exact where `log(1 + t)` is not.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

/* f(w1, w2, b) and its gradient. params, grad: (3,); X: (n, 2); y: (n,). */
static double objective(double grad[3], const double params[3],
                        const wb_array *X, const wb_array *y, double C)
{
    double w1 = params[0], w2 = params[1], b = params[2], f = 0;
    grad[0] = w1 / C;
    grad[1] = w2 / C;
    grad[2] = 0;
    for (size_t i = 0; i < y->size; i++) {
        double x1 = WB_AT(X, i, 0), x2 = WB_AT(X, i, 1);
        double z = w1 * x1 + w2 * x2 + b;
        /* log(1 + e^z), without overflow for a large z */
        double softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
        double dz = wb_sigmoid(z) - y->data[i];    /* df/dz */
        f += softplus - y->data[i] * z;
        grad[0] += dz * x1;
        grad[1] += dz * x2;
        grad[2] += dz;
    }
    return f + (w1 * w1 + w2 * w2) / (2 * C);
}

/* ==== your code: to here ============================================== */
