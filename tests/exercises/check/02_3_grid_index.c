/* The check of exercises/02_3_grid_index.c: for every point of chapter
 * 2's meshgrid, grid_index must give the index that holds it. */
#include "check.h"

int main(void)
{
    wb_array *x = wb_linspace(XMIN, XMAX, NPOINTS), *gridx1, *gridx2;
    if (!x || wb_meshgrid(&gridx1, &gridx2, x, x) != 0)
        return check_error("the grid");
    for (size_t k = 0; k < gridx1->size; k++) {
        double x1 = gridx1->data[k], x2 = gridx2->data[k];
        size_t got = grid_index(x1, x2);
        if (got != k)
            check_fail("your grid_index(%g, %g)\n    expected %zu (row %zu, "
                       "column %zu), got %zu", x1, x2, k, k / NPOINTS,
                       k % NPOINTS, got);
    }
    wb_free(x);
    wb_free(gridx1);
    wb_free(gridx2);
    return check_verdict("grid_index finds all 2601 points of the grid");
}
