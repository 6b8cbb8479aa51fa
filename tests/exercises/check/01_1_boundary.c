/* The check of exercises/01_1_boundary.c: for three pairs (x0, width),
 * the neuron place_neuron chooses must output 0.1, 1/2 and 0.9 at
 * x0 - width/2, x0 and x0 + width/2. */
#include "check.h"

int main(void)
{
    static const double cases[][2] = {{1.5, 0.5}, {-2, 4}, {0, 1}};
    /* sigma is computed to rounding; 1e-9 leaves room for w x + b. */
    const double tol = 1e-9;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double x0 = cases[i][0], width = cases[i][1], w = NAN, b = NAN;
        place_neuron(&w, &b, x0, width);
        const double x[] = {x0 - width / 2, x0, x0 + width / 2};
        const double f[] = {0.1, 0.5, 0.9};
        for (size_t k = 0; k < 3; k++) {
            char what[256];
            snprintf(what, sizeof what, "x0 = %g, width = %g, your w = %g "
                     "and b = %g: f(%g)", x0, width, w, b, x[k]);
            check_close(what, wb_sigmoid(w * x[k] + b), f[k], tol, 0);
        }
    }
    return check_verdict("the boundary at x0, and 0.1 to 0.9 over the "
                         "width, for all three pairs");
}
