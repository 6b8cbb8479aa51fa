/* The check of exercises/04_2_band.c: the model on band_variable sorts a
 * test sample of the band problem (see variable.h). */
#include "variable.h"

int main(void)
{
    return variable_check(wb_rule_band, band_variable, "band_variable");
}
