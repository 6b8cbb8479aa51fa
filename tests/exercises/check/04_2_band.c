/* The check of exercises/04_2_band.c: the model on band_variable sorts a
 * test sample of the band problem (see variable.h). */
#include "variable.h"

/* Category 1 in the band |x1 - x2| < 2 - sqrt(2) along the diagonal,
 * which holds half the square's area. */
static int check_in_band(double x1, double x2)
{
    return fabs(x1 - x2) < 2 - sqrt(2);
}

int main(void)
{
    return variable_check(check_in_band, band_variable, "band_variable");
}
