/* The check of exercises/04_1_circle.c: the model on circle_variable
 * sorts a test sample of the circle problem (see variable.h). */
#include "variable.h"

int main(void)
{
    return variable_check(wb_rule_circle, circle_variable, "circle_variable");
}
