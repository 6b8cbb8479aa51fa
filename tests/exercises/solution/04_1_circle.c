/* Chapter: 4
 * Goal: The variable that sorts a circle
 *
 * A new problem in chapter 4's square: points uniform in $[-1, 1]^2$, in
 * category 1 when they lie inside the circle of radius $\sqrt{2/\pi}$,
 * about 0.80, around the centre (half the square is inside it), and in
 * category 0 outside. No line can part them. Write `circle_variable`: the
 * variable $u$ that the logistic regression is given instead of
 * $(x_1, x_2)$. The check fits the model to $u$ on a sample of 500 points
 * (seed 1) and scores it on 500 fresh ones: it must get at least 0.93 of
 * them right, as the right variable does.
 *
 * Hint: The category depends only on the distance from the centre: find
 * a $u$ that grows with it, the same in every direction. The model then
 * only has to put a threshold on $u$, as it put one on $x_1 x_2$.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

static double circle_variable(double x1, double x2)
{
    return x1 * x1 + x2 * x2;    /* the squared distance from the centre */
}

/* ==== your code: to here ============================================== */
