/* check.h: what the exercises' checks share.
 *
 * tools/exercises builds one program of an exercise and its check: the
 * reader's file first, then tests/exercises/check/NAME.c, which includes
 * this header and calls the reader's functions. A check compares what
 * comes out with what is expected, within a tolerance it states, and
 * prints both when they differ; it exits 0 when everything agrees and 1
 * otherwise. The hint comes from the exercise's own header, which the
 * runner shows on request (make hint). Random samples come from a
 * generator with the seed the check prints, the chapters' default seed,
 * so that the numbers are the book's.
 */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

#include "wb.h"

/* The chapters' default seed: a check's samples are the book's. */
#define CHECK_SEED 1

/* Failures printed in full; the rest are only counted. */
#define CHECK_SHOWN 3

static int check_failures;

/* Says what failed, for the first CHECK_SHOWN failures. */
__attribute__((format(printf, 1, 2)))
static inline void check_fail(const char *fmt, ...)
{
    if (check_failures++ >= CHECK_SHOWN)
        return;
    va_list ap;
    va_start(ap, fmt);
    printf("  ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

/* Whether got is expected within abs_tol + rel_tol |expected|; when not,
 * says so: `what`, what was expected and what came out. NaN is never
 * close to anything. */
static inline bool check_close(const char *what, double got, double expected,
                        double abs_tol, double rel_tol)
{
    double tol = abs_tol + rel_tol * fabs(expected);
    if (fabs(got - expected) <= tol)
        return true;
    if (tol == 0)
        check_fail("%s\n    expected %.10g exactly, got %.10g", what,
                   expected, got);
    else
        check_fail("%s\n    expected %.10g (within %.2g), got %.10g", what,
                   expected, tol, got);
    return false;
}

/* The check's verdict: its exit status. On success, `passed` says what
 * was verified. */
static inline int check_verdict(const char *passed)
{
    if (check_failures > CHECK_SHOWN)
        printf("  ... and %d more\n", check_failures - CHECK_SHOWN);
    if (!check_failures)
        printf("  %s\n", passed);
    /* Now, before a sanitizer's report at exit can cut the output. */
    fflush(stdout);
    return check_failures ? 1 : 0;
}

/* When the library fails (memory, a bad sample): why, and exit status 2,
 * which the runner reports as the check's own failure. */
static inline int check_error(const char *what)
{
    printf("  %s: %s\n", what, wb_error());
    fflush(stdout);
    return 2;
}

#endif
