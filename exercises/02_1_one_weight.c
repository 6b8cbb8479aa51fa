/* Chapter: 2
 * Goal: One weight at zero: where is the boundary?
 *
 * Chapter 2's neuron is $\sigma(w_1 x_1 + w_2 x_2 + b)$. With one of its
 * weights at zero, it ignores one of the coordinates. Say where the
 * boundary of each of these two neurons lies, and on which side of it
 * category 1 (an output above $1/2$) lies:
 *
 * - $w_1 = 0$, $w_2 = 2$, $b = -1$: a horizontal line $x_2 =$
 *   `horizontal_x2`;
 * - $w_1 = -2$, $w_2 = 0$, $b = 3$: a vertical line $x_1 =$ `vertical_x1`.
 *
 * The check draws each neuron's map on chapter 2's grid, 51 by 51 points
 * over $[-6, 6]^2$, and finds where it crosses $1/2$ in every column and
 * every row.
 *
 * Hint: The boundary is where $w_1 x_1 + w_2 x_2 + b = 0$. With $w_1 = 0$
 * the equation no longer holds $x_1$: it says $2 x_2 - 1 = 0$ whatever
 * $x_1$, one value of $x_2$ for every column of the map. Category 1 is
 * where $w_1 x_1 + w_2 x_2 + b > 0$: take a point on each side and see.
 */
#include "wb.h"

/* ==== your code: from here ============================================ */

/* w1 = 0, w2 = 2, b = -1: the boundary is the line x2 = horizontal_x2,
 * and category 1 is above it (1) or below it (0). */
static const double horizontal_x2 = 0;
static const int category_1_above = 0;

/* w1 = -2, w2 = 0, b = 3: the boundary is the line x1 = vertical_x1, and
 * category 1 is to its right (1) or to its left (0). */
static const double vertical_x1 = 0;
static const int category_1_right = 0;

/* ==== your code: to here ============================================== */
