/* Chapter: 2
 * Goal: The boundary's equation, against the map
 *
 * The boundary of the neuron $\sigma(w_1 x_1 + w_2 x_2 + b)$ is a line.
 * Write `boundary_x2`: for a neuron whose $w_2$ is not 0, the height $x_2$
 * of its boundary above the point $x_1$. The check draws the maps of four
 * neurons on chapter 2's grid (51 by 51 points over $[-6, 6]^2$), finds in
 * each column where the map crosses $1/2$, and compares it with your
 * line.
 *
 * Hint: On the boundary $\sigma = 1/2$, so $w_1 x_1 + w_2 x_2 + b = 0$.
 * Solve this for $x_2$ (you may divide by $w_2$, which is not 0): the slope
 * of the line is the number that multiplies $x_1$, and what is left is
 * where the line crosses the $x_2$ axis.
 */
#include "wb.h"

/* ==== your code: from here ============================================ */

static double boundary_x2(double x1, double w1, double w2, double b)
{
    return -(w1 / w2) * x1 - b / w2;    /* w1 x1 + w2 x2 + b = 0 */
}

/* ==== your code: to here ============================================== */
