/* Fuzzing the literate reader: a chapter's source split into chunks read
 * as tokens, and library regions found in it; any bytes give a result or
 * an error. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_lit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const steps[] = {"sample", "fit", NULL};
    char *text = wb_strndup((const char *)data, size);
    wb_lit *lit;
    wb_region r;
    if (!text)
        return 0;
    lit = wb_lit_parse(text, "fuzz.c");
    if (lit) {
        /* Every token stands for text of its chunk, and every reference
         * and region has its name. */
        for (size_t i = 0; i < lit->nchunks; i++) {
            const wb_chunk *c = &lit->chunks[i];
            for (size_t j = 0; j < c->ntokens; j++) {
                const wb_token *t = &c->tokens[j];
                const char *in = j < c->nprose ? c->prose : c->code;
                if (t->text < in || t->text + t->len > in + strlen(in) ||
                    (t->kind != WB_TOKEN_TEXT && t->kind != WB_TOKEN_TITLE &&
                     t->kind != WB_TOKEN_EXERCISES &&
                     t->kind != WB_TOKEN_DIV_END &&
                     t->kind != WB_TOKEN_LISTING && !t->name) ||
                    (t->kind == WB_TOKEN_REGION && !t->path))
                    abort();
            }
        }
        wb_lit_check_steps(lit, steps);
        wb_lit_free(lit);
    }
    if (wb_region_find(&r, text, "fuzz.c", "a") == 0) {
        if (r.lines == 0 || r.first_line < 2)
            abort();
        wb_region_free(&r);
    }
    free(text);
    return 0;
}
