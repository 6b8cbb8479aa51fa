/* The check of exercises/04_1_circle.c: the model on circle_variable
 * sorts a test sample of the circle problem (see variable.h). */
#include "variable.h"

/* Category 1 inside the circle of radius sqrt(2 / pi), which holds half
 * the square's area. */
static int check_inside(double x1, double x2)
{
    return hypot(x1, x2) < sqrt(2 / 3.14159265358979323846);
}

int main(void)
{
    return variable_check(check_inside, circle_variable, "circle_variable");
}
