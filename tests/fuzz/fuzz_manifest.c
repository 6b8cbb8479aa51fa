/* Fuzzing the manifest reader: nothing it accepts can reach the book
 * unchecked (safe names, steps listed before their figures). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = wb_strndup((const char *)data, size);
    wb_manifest m;
    if (!text)
        return 0;
    if (wb_manifest_parse(&m, text, "fuzz.tsv") == 0) {
        if (!wb_is_safe_name(m.slug))
            abort();
        for (size_t i = 0; i < m.nfigures; i++)
            if (!wb_is_safe_name(m.figures[i].name))
                abort();
        wb_manifest_free(&m);
    }
    free(text);
    return 0;
}
