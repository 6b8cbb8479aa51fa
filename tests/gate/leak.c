/* Not a test of the workbook: a test that leaks, which `make check` runs
 * in the sanitized build to make sure that tools/run-tests fails it.
 * (Criterion runs tests in child processes, where a LeakSanitizer report
 * alone does not fail the test.) */
#include <criterion/criterion.h>
#include <stdlib.h>

static void *volatile kept;

Test(gate, leaks_64_bytes)
{
    kept = malloc(64);
    kept = NULL;
    cr_assert(1);
}
