/* bench/peak.c: the floating-point rate of one core at its best, in
 * GFLOP/s, measured: the yardstick for the networks' rate in `make bench`.
 *
 *     peak          prints "peak <tab> gflops <tab> RATE"
 *
 * The kernel keeps many running values x_k, each updated as x = x a + b,
 * a multiplication and an addition that do not wait on any other value's:
 * as many as the processor can start at once, with nothing to load or
 * store. The Makefile builds it twice: with the library's own flags (the
 * instructions every x86-64 has, two doubles at a time), and for this
 * very processor (-march=native: its widest vectors, and a fused
 * multiply-add where it has one). The second is the machine's peak; the
 * first, what code compiled as the library is could reach at best.
 */
#include <math.h>
#include <stdio.h>
#include <time.h>

/* Enough independent values to keep every multiply-add unit busy while
 * each waits for its last result, and few enough to stay in registers:
 * 16 vector registers of two doubles without AVX, 32 of eight with
 * AVX-512. */
#if defined(__AVX512F__)
#define LANES 128
#elif defined(__AVX__)
#define LANES 48
#else
#define LANES 24
#endif

/* x a + b, in one rounding where the processor has a fused multiply-add. */
#ifdef __FMA__
#define MULADD(x, a, b) fma(x, a, b)
#else
#define MULADD(x, a, b) ((x) * (a) + (b))
#endif

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* turns times, every x_k = x_k a + b; returns the sum of the x_k, so that
 * the work is not optimised away. a and b keep the values bounded. */
static double kernel(long turns, double a, double b)
{
    double x[LANES];
    double sum = 0;
    for (int k = 0; k < LANES; k++)
        x[k] = k;
    for (long t = 0; t < turns; t++)
        for (int k = 0; k < LANES; k++)
            x[k] = MULADD(x[k], a, b);
    for (int k = 0; k < LANES; k++)
        sum += x[k];
    return sum;
}

/* Read at each run, so that the compiler cannot compute the kernel once
 * for all the runs. */
static volatile double a_run = 0.999999, b_run = 1e-6;

int main(void)
{
    double best = 0, check = 0;
    long turns = 1000;

    /* Longer runs until one lasts 20 ms, then the best of 20 such. */
    for (;;) {
        double t0 = now();
        check += kernel(turns, a_run, b_run);
        if (now() - t0 > 0.02)
            break;
        turns *= 2;
    }
    for (int r = 0; r < 20; r++) {
        double t0 = now();
        check += kernel(turns, a_run, b_run);
        double rate = 2.0 * LANES * (double)turns / (now() - t0);
        best = rate > best ? rate : best;
    }
    if (!isfinite(check))
        return 1;
    printf("peak\tgflops\t%.6g\n", best * 1e-9);
    return ferror(stdout) ? 1 : 0;
}
