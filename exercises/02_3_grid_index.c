/* Chapter: 2
 * Goal: A grid point in the meshgrid's memory
 *
 * Chapter 2's grid is made by `wb_meshgrid(&gridx1, &gridx2, x, x)` with
 * `x = wb_linspace(-6, 6, 51)`: two arrays of 51 by 51 numbers, each
 * stored as one row after the other in `data`. Write `grid_index`: the
 * index $k$ at which `gridx1->data[k]` is $x_1$ and `gridx2->data[k]` is
 * $x_2$, for any point $(x_1, x_2)$ of the grid. The check tries every one
 * of the 2601 points.
 *
 * Hint: `wb_meshgrid` makes row $i$ of `gridx1` scan $x_1$ from $-6$ to 6,
 * at the height $x_2 = x_i$ that row $i$ of `gridx2` holds. So the point
 * $(x_j, x_i)$ is in row $i$ and column $j$, at index $51 i + j$. Find $j$
 * from $x_1$, as the number of steps of $12/50$ from $-6$, and $i$ from
 * $x_2$ the same way; round to the nearest whole number (`lround`, in
 * `math.h`), since the points are not exact in binary.
 */
#include <math.h>
#include <stddef.h>

#include "wb.h"

/* Chapter 2's grid: NPOINTS values from XMIN to XMAX along each axis. */
#define XMIN (-6.0)
#define XMAX 6.0
#define NPOINTS 51

/* ==== your code: from here ============================================ */

static size_t grid_index(double x1, double x2)
{
    (void)x1;
    (void)x2;
    return 0;    /* the first point: replace it with the right one */
}

/* ==== your code: to here ============================================== */
