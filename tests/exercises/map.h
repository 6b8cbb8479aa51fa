/* map.h: chapter 2's map of a neuron, for the checks of its exercises: the
 * meshgrid of 51 by 51 points over [-6, 6]^2 and sigma(w1 x1 + w2 x2 + b)
 * at each point, and where the map crosses 1/2, read from the map alone.
 */
#ifndef CHECK_MAP_H
#define CHECK_MAP_H

#include "check.h"

#define MAP_MIN (-6.0)
#define MAP_MAX 6.0
#define MAP_POINTS 51

typedef struct check_map {
    wb_array *gridx1, *gridx2;    /* (51, 51): row i at x2 = x[i] */
    wb_array *sigma;              /* (51, 51) */
} check_map;

static inline int map_make(check_map *m, double w1, double w2, double b)
{
    wb_array *x = wb_linspace(MAP_MIN, MAP_MAX, MAP_POINTS);
    int rc = x ? wb_meshgrid(&m->gridx1, &m->gridx2, x, x) : -1;
    wb_free(x);
    m->sigma = rc == 0 ? wb_full_like(m->gridx1, 0) : NULL;
    for (size_t k = 0; m->sigma && k < m->sigma->size; k++)
        m->sigma->data[k] = wb_sigmoid(w1 * m->gridx1->data[k] +
                                       w2 * m->gridx2->data[k] + b);
    return m->sigma ? 0 : -1;
}

static inline void map_free(check_map *m)
{
    wb_free(m->gridx1);
    wb_free(m->gridx2);
    wb_free(m->sigma);
}

/* The score z = ln(s / (1 - s)) behind a value s of the map. */
static inline double map_score(double s)
{
    return log(s / (1 - s));
}

/* Where the map crosses 1/2 between its values at index k and k + step
 * (two neighbours along a column, step 51, or a row, step 1), the point
 * found on the coordinate `along` (gridx2 or gridx1); NAN if it does not
 * cross there. The score is linear along the grid, so interpolating it
 * is exact to rounding. */
static inline double map_crossing(const check_map *m, const wb_array *along,
                                  size_t k, size_t step)
{
    double s0 = m->sigma->data[k], s1 = m->sigma->data[k + step];
    if ((s0 > 0.5) == (s1 > 0.5) || s0 == s1)
        return NAN;
    double z0 = map_score(s0), z1 = map_score(s1);
    double t0 = along->data[k], t1 = along->data[k + step];
    return t0 + (0 - z0) / (z1 - z0) * (t1 - t0);
}

#endif
