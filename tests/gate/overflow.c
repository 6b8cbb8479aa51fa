/* Not a test of the workbook: a test that writes past the end of a block,
 * which `make check` runs in the sanitized build to make sure that
 * tools/run-tests fails it. */
#include <criterion/criterion.h>
#include <stdlib.h>

static volatile size_t past = 8;

Test(gate, writes_past_the_end)
{
    char *p = malloc(8);
    cr_assert(p);
    p[past] = 1;
    free(p);
}
