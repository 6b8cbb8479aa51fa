/* The check of exercises/02_2_boundary_line.c: for four neurons, the
 * height at which each column of the map crosses 1/2 against
 * boundary_x2. */
#include "map.h"

int main(void)
{
    static const double neurons[][3] = {
        {1, 2, 0}, {1, 2, 4}, {3, -1, 2}, {-0.5, 1, 1}};
    /* Within 1e-9 (relative above 1) of the map's crossing: the
     * interpolation is exact to rounding (see map.h). */
    const double tol = 1e-9;
    int columns = 0;
    for (size_t n = 0; n < sizeof neurons / sizeof *neurons; n++) {
        double w1 = neurons[n][0], w2 = neurons[n][1], b = neurons[n][2];
        check_map m;
        if (map_make(&m, w1, w2, b) != 0)
            return check_error("the map");
        for (size_t j = 0; j < MAP_POINTS; j++)
            for (size_t i = 0; i + 1 < MAP_POINTS; i++) {
                size_t k = i * MAP_POINTS + j;
                double x2 = map_crossing(&m, m.gridx2, k, MAP_POINTS);
                if (isnan(x2))
                    continue;
                double x1 = m.gridx1->data[k];
                char what[256];
                snprintf(what, sizeof what, "w1 = %g, w2 = %g, b = %g: in "
                         "column x1 = %g the map crosses 1/2 at x2 = %g;\n"
                         "    your boundary_x2(%g, %g, %g, %g)", w1, w2, b,
                         x1, x2, x1, w1, w2, b);
                check_close(what, boundary_x2(x1, w1, w2, b), x2, tol, tol);
                columns++;
            }
        map_free(&m);
    }
    char passed[120];
    snprintf(passed, sizeof passed, "your line runs where the map crosses "
             "1/2, in all %d columns where the four maps do", columns);
    return check_verdict(passed);
}
