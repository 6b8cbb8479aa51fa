/* Not a test of the workbook: a test with undefined behaviour (a signed
 * overflow), which `make check` runs in the sanitized build to make sure
 * that tools/run-tests fails it. */
#include <criterion/criterion.h>
#include <limits.h>

static volatile int big = INT_MAX;

Test(gate, overflows_an_int)
{
    int x = big + 1;
    cr_assert(x != 0);
}
