/* Fuzzing the CSV reader: any bytes give a sample or one line of error,
 * never a crash; a sample read has consistent shapes and labels 0 or 1. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wb_array *X, *y;
    if (wb_parse_csv(&X, &y, (const char *)data, size, "fuzz.csv") != 0) {
        if (X || y || strchr(wb_error(), '\n'))
            abort();
        return 0;
    }
    if (X->shape[0] != y->size || y->size == 0)
        abort();
    for (size_t i = 0; i < y->size; i++)
        if (y->data[i] != 0 && y->data[i] != 1)
            abort();
    for (size_t i = 0; i < X->size; i++)
        if (!isfinite(X->data[i]))
            abort();
    wb_free(X);
    wb_free(y);
    return 0;
}
