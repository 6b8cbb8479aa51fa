/* Chapter: 4
 * Goal: A variable for a problem of unknown shape
 *
 * Another problem in chapter 4's square, points uniform in $[-1, 1]^2$,
 * whose rule you are not told: run the check once, and it draws the
 * problem in the terminal. Find a variable $u$ that sorts it, and write it
 * in `band_variable`. The check fits the logistic regression to $u$ on a
 * sample of 500 points (seed 1) and scores it on 500 fresh ones: it must
 * get at least 0.93 of them right. Is there more than one right answer?
 * Why does $u = x_1 - x_2$ fail?
 *
 * Hint: The category depends only on how far the point is from the
 * diagonal $x_1 = x_2$, on either side: find a $u$ that is small near it
 * and grows away from it, whichever the side. $x_1 - x_2$ measures that
 * distance, but with a sign.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

static double band_variable(double x1, double x2)
{
    return fabs(x1 - x2);    /* the distance from the diagonal, times sqrt 2 */
}

/* ==== your code: to here ============================================== */
