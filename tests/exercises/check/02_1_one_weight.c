/* The check of exercises/02_1_one_weight.c: each neuron's map, where it
 * crosses 1/2 column by column (the horizontal line) or row by row (the
 * vertical one), and on which side it is above 1/2. */
#include "map.h"

/* Within 1e-9 of the map's crossing: the interpolation is exact to
 * rounding (see map.h). */
#define TOL 1e-9

/* Where the map m crosses 1/2 in each of its lines: columns (by_column,
 * along x2) or rows (along x1); the first crossing, once each line has
 * one and all agree within TOL, or NAN. */
static double check_line(const check_map *m, bool by_column)
{
    const wb_array *along = by_column ? m->gridx2 : m->gridx1;
    size_t step = by_column ? MAP_POINTS : 1;
    double first = NAN;
    for (size_t line = 0; line < MAP_POINTS; line++) {
        int found = 0;
        for (size_t t = 0; t + 1 < MAP_POINTS; t++) {
            size_t k = by_column ? t * MAP_POINTS + line
                                 : line * MAP_POINTS + t;
            double c = map_crossing(m, along, k, step);
            if (isnan(c))
                continue;
            if (isnan(first))
                first = c;
            if (fabs(c - first) > TOL)
                return NAN;
            found++;
        }
        if (found != 1)
            return NAN;
    }
    return first;
}

int main(void)
{
    check_map m;
    if (map_make(&m, 0, 2, -1) != 0)
        return check_error("the map");
    double x2 = check_line(&m, true);
    int above = WB_AT(m.sigma, MAP_POINTS - 1, 0) > 0.5;
    check_close("w1 = 0, w2 = 2, b = -1: where the map crosses 1/2, in "
                "each of its 51 columns;\n    your horizontal_x2",
                horizontal_x2, x2, TOL, TOL);
    if (category_1_above != above)
        check_fail("w1 = 0, w2 = 2, b = -1: the map is %s 1/2 at the top, "
                   "so category 1 is %s the line;\n    expected "
                   "category_1_above = %d, got %d", above ? "above" :
                   "below", above ? "above" : "below", above,
                   category_1_above);
    map_free(&m);

    if (map_make(&m, -2, 0, 3) != 0)
        return check_error("the map");
    double x1 = check_line(&m, false);
    int right = WB_AT(m.sigma, 0, MAP_POINTS - 1) > 0.5;
    check_close("w1 = -2, w2 = 0, b = 3: where the map crosses 1/2, in "
                "each of its 51 rows;\n    your vertical_x1", vertical_x1,
                x1, TOL, TOL);
    if (category_1_right != right)
        check_fail("w1 = -2, w2 = 0, b = 3: the map is %s 1/2 on the "
                   "right, so category 1 is to the %s of the line;\n    "
                   "expected category_1_right = %d, got %d", right ?
                   "above" : "below", right ? "right" : "left", right,
                   category_1_right);
    map_free(&m);
    return check_verdict("both lines and both sides agree with the maps, "
                         "in all 51 columns and all 51 rows");
}
