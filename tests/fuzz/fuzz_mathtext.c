/* Fuzzing the math-text parser and the gnuplot strings made from it: any
 * bytes give a parse or an error, never a crash, and a gnuplot string is
 * one single-quoted line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_gp_string.h"
#include "wb_mathtext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = wb_strndup((const char *)data, size);
    wb_mt_list list;
    char *s;
    if (!text)
        return 0;
    if (wb_mt_parse(&list, text, true) == 0)
        wb_mt_free(&list);
    s = wb_gp_string(text, size % 2 == 0);
    if (s) {
        size_t n = strlen(s);
        if (n < 2 || s[0] != '\'' || s[n - 1] != '\'' || strchr(s, '\n'))
            abort();
        free(s);
    }
    free(text);
    return 0;
}
