/* Chapter: 5
 * Goal: ReLU and its derivative, gradient-checked
 *
 * Write `relu`, the activation of chapter 5's hidden neurons,
 * $\text{relu}(z) = \max(0, z)$, and `relu_prime`, its derivative. The
 * check compares `relu` with $\max(0, z)$, `relu_prime` with finite
 * differences of your `relu`, and then uses `relu_prime` as the chapter's
 * gradient check does: in the formula for the derivative of the loss with
 * respect to each hidden neuron's bias,
 *
 * $$\frac{\partial L}{\partial b_h} = \frac{1}{N} \sum_n (p_n - y_n)\,
 *   v_h\, \text{relu}'(z_{nh}),$$
 *
 * against finite differences of the network's loss, for the chapter's 50
 * neurons at the weights training starts from (seed 1).
 *
 * Hint: ReLU is flat, 0, for $z < 0$, and rises with slope 1 for $z > 0$,
 * so its derivative is 0 on one side and 1 on the other. At $z = 0$ it
 * has a kink and no derivative: any value from 0 to 1 will do, since no
 * sample sits exactly there (the library takes 0, as scikit-learn does).
 */
#include "wb.h"

/* ==== your code: from here ============================================ */

static double relu(double z)
{
    return z > 0 ? z : 0;
}

static double relu_prime(double z)
{
    return z > 0 ? 1 : 0;
}

/* ==== your code: to here ============================================== */
