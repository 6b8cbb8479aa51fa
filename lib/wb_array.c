/* wb_array.c: arrays of doubles, laid out like numpy's. See wb_array.h.
 *
 * Shapes in the comments: (n,) is a 1-D array of n values, (r, c) a 2-D
 * array of r rows and c columns. A 2-D array is row-major, so row i is the
 * c doubles that start at data + i * c; a 1-D array stores shape (n, 1).
 *
 * The second half of the file prints arrays exactly as numpy's print(a)
 * does, following numpy/core/arrayprint.py (numpy 1.24) step by step.
 */
#include "wb_array.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* Enough for "(18446744073709551615, 18446744073709551615)". */
#define SHAPE_STR_SIZE 48

/* ---- making and freeing ------------------------------------------------ */

/* Whether rows * cols fits in a size_t. */
static bool product_fits(size_t rows, size_t cols)
{
    return cols == 0 || rows <= SIZE_MAX / cols;
}

/* A new array of zeros, in two allocations: the struct and its data. */
static wb_array *new_array(int ndim, size_t rows, size_t cols)
{
    wb_array *a;
    if (!product_fits(rows, cols)) {
        wb_fail("an array of %zu x %zu values is too large", rows, cols);
        return NULL;
    }
    a = wb_malloc(sizeof *a);
    if (!a)
        return NULL;
    /* calloc's zero bytes are the double 0.0 */
    a->data = wb_calloc(rows * cols, sizeof *a->data);
    if (!a->data) {
        free(a);
        return NULL;
    }
    a->ndim = ndim;
    a->shape[0] = rows;
    a->shape[1] = cols;
    a->size = rows * cols;
    return a;
}

wb_array *wb_vector(size_t n)
{
    return new_array(1, n, 1);
}

wb_array *wb_matrix(size_t rows, size_t cols)
{
    return new_array(2, rows, cols);
}

wb_array *wb_full_like(const wb_array *like, double value)
{
    wb_array *a;
    if (!like)
        return NULL;
    a = new_array(like->ndim, like->shape[0], like->shape[1]);
    if (a)
        for (size_t i = 0; i < a->size; i++)
            a->data[i] = value;
    return a;
}

wb_array *wb_vector_from(const double *values, size_t n)
{
    wb_array *a;
    if (!values && n > 0)
        return NULL;
    a = wb_vector(n);
    if (a && n > 0)
        memcpy(a->data, values, n * sizeof *values);
    return a;
}

wb_array *wb_copy(const wb_array *a)
{
    wb_array *c;
    if (!a)
        return NULL;
    c = new_array(a->ndim, a->shape[0], a->shape[1]);
    if (c && a->size > 0)
        memcpy(c->data, a->data, a->size * sizeof *a->data);
    return c;
}

void wb_free(wb_array *a)
{
    if (a) {
        free(a->data);
        free(a);
    }
}

/* ---- numpy's layouts --------------------------------------------------- */

/* np.linspace(start, stop, num), computed as numpy computes it:
 *     step = (stop - start) / (num - 1),    y[i] = i * step + start,
 * then y[num - 1] = stop exactly, because i * step + start can miss stop by
 * a rounding. Returns y: (num,). */
wb_array *wb_linspace(double start, double stop, size_t num)
{
    wb_array *y = wb_vector(num);
    double delta = stop - start;
    double div = (double)num - 1.0;
    double step;

    if (!y || num == 0)
        return y;
    if (num == 1) {
        /* numpy has no step here: it computes 0 * delta + start */
        y->data[0] = 0.0 * delta + start;
        return y;
    }
    step = delta / div;
    for (size_t i = 0; i < num; i++)
        /* A step that underflows to 0 (a tiny, subnormal delta) would lose
         * every value; numpy then divides first, as done here. */
        y->data[i] = step != 0.0 ? (double)i * step + start
                                 : (double)i / div * delta + start;
    y->data[num - 1] = stop;
    return y;
}

/* np.meshgrid(x, y):  xx[i][j] = x[j],  yy[i][j] = y[i].
 * x: (n,), y: (m,); xx, yy: (m, n). Row i of the pair scans every x at the
 * height y[i], so reading both arrays in memory order visits the plane line
 * by line, from the bottom (y[0]) to the top. */
int wb_meshgrid(wb_array **xx, wb_array **yy, const wb_array *x,
                const wb_array *y)
{
    char sx[SHAPE_STR_SIZE], sy[SHAPE_STR_SIZE];
    size_t n, m;

    *xx = *yy = NULL;
    if (!x || !y)
        return -1;
    WB_ASSERT(x->ndim == 1 && y->ndim == 1,
              "meshgrid wants 1-D x and y, not x %s and y %s",
              wb_shape_str(sx, sizeof sx, x), wb_shape_str(sy, sizeof sy, y));
    n = x->size;
    m = y->size;
    *xx = wb_matrix(m, n);
    *yy = wb_matrix(m, n);
    if (!*xx || !*yy) {
        wb_free(*xx);
        wb_free(*yy);
        *xx = *yy = NULL;
        return -1;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < n; j++) {
            WB_AT(*xx, i, j) = x->data[j];
            WB_AT(*yy, i, j) = y->data[i];
        }
    return 0;
}

/* a.flatten():  out[k] = a.data[k], the values in memory order, so element
 * (i, j) of a: (r, c) lands at k = i * c + j. Returns (r * c,). */
wb_array *wb_flatten(const wb_array *a)
{
    wb_array *out;
    if (!a)
        return NULL;
    out = wb_vector(a->size);
    if (out && a->size > 0)
        memcpy(out->data, a->data, a->size * sizeof *a->data);
    return out;
}

/* np.c_[a0, a1, ...]:  the columns of a0, then those of a1, and so on.
 * arrays[t]: (n,) (one column) or (n, c_t); returns (n, c_0 + c_1 + ...).
 * A 1-D array stores shape (n, 1), so both kinds are read the same way. */
wb_array *wb_column_stack(const wb_array *const *arrays, size_t k)
{
    char s0[SHAPE_STR_SIZE], st[SHAPE_STR_SIZE];
    size_t n, cols = 0, col = 0;
    wb_array *out;

    if (!arrays)
        return NULL;
    WB_ASSERT(k > 0, "column_stack needs at least one array");
    for (size_t t = 0; t < k; t++)
        if (!arrays[t])
            return NULL;
    n = arrays[0]->shape[0];
    for (size_t t = 0; t < k; t++) {
        WB_ASSERT(arrays[t]->shape[0] == n,
                  "column_stack: array %zu has shape %s but array 0 has %s; "
                  "the numbers of rows must match",
                  t, wb_shape_str(st, sizeof st, arrays[t]),
                  wb_shape_str(s0, sizeof s0, arrays[0]));
        cols += arrays[t]->shape[1];
    }
    out = wb_matrix(n, cols);
    if (!out)
        return NULL;
    for (size_t t = 0; t < k; t++) {
        const wb_array *a = arrays[t];
        size_t c = a->shape[1];
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < c; j++)
                WB_AT(out, i, col + j) = a->data[i * c + j];
        col += c;
    }
    return out;
}

/* np.concatenate((a, b)):  a's values, then b's. In row-major memory that
 * is "b's rows after a's". a: (na,), b: (nb,) give (na + nb,);
 * a: (ra, c), b: (rb, c) give (ra + rb, c). */
wb_array *wb_concatenate(const wb_array *a, const wb_array *b)
{
    char sa[SHAPE_STR_SIZE], sb[SHAPE_STR_SIZE];
    wb_array *out;

    if (!a || !b)
        return NULL;
    WB_ASSERT(a->ndim == b->ndim && a->shape[1] == b->shape[1],
              "concatenate wants two 1-D arrays or two 2-D arrays with as "
              "many columns, not %s and %s",
              wb_shape_str(sa, sizeof sa, a), wb_shape_str(sb, sizeof sb, b));
    out = new_array(a->ndim, a->shape[0] + b->shape[0], a->shape[1]);
    if (!out)
        return NULL;
    if (a->size > 0)
        memcpy(out->data, a->data, a->size * sizeof *a->data);
    if (b->size > 0)
        memcpy(out->data + a->size, b->data, b->size * sizeof *b->data);
    return out;
}

/* a.reshape(rows, cols):  the same values in the same order, read as
 * (rows, cols); needs rows * cols == a.size. Nothing moves in memory. */
int wb_reshape(wb_array *a, size_t rows, size_t cols)
{
    char sa[SHAPE_STR_SIZE];
    if (!a)
        return -1;
    if (!product_fits(rows, cols) || rows * cols != a->size)
        return wb_fail("cannot reshape an array of shape %s (%zu values) "
                       "into shape (%zu, %zu)",
                       wb_shape_str(sa, sizeof sa, a), a->size, rows, cols);
    a->ndim = 2;
    a->shape[0] = rows;
    a->shape[1] = cols;
    return 0;
}

/* a.reshape(n):  the same values read as (n,); needs n == a.size. */
int wb_reshape_1d(wb_array *a, size_t n)
{
    char sa[SHAPE_STR_SIZE];
    if (!a)
        return -1;
    if (n != a->size)
        return wb_fail("cannot reshape an array of shape %s (%zu values) "
                       "into shape (%zu,)",
                       wb_shape_str(sa, sizeof sa, a), a->size, n);
    a->ndim = 1;
    a->shape[0] = n;
    a->shape[1] = 1;
    return 0;
}

/* a[:, j]:  out[i] = a[i][j]. a: (r, c) with j < c; returns (r,). The
 * values are c doubles apart in memory, hence the copy. */
wb_array *wb_column(const wb_array *a, size_t j)
{
    char sa[SHAPE_STR_SIZE];
    wb_array *out;

    if (!a)
        return NULL;
    WB_ASSERT(a->ndim == 2 && j < a->shape[1],
              "column %zu of an array of shape %s does not exist", j,
              wb_shape_str(sa, sizeof sa, a));
    out = wb_vector(a->shape[0]);
    if (out)
        for (size_t i = 0; i < a->shape[0]; i++)
            out->data[i] = WB_AT(a, i, j);
    return out;
}

/* y[i] = f(x[i]), element by element. x: any shape; y: the shape of x. */
wb_array *wb_map(const wb_array *x, double (*f)(double))
{
    wb_array *y;
    if (!x)
        return NULL;
    WB_ASSERT(f != NULL, "wb_map needs a function");
    y = wb_copy(x);
    if (y)
        for (size_t i = 0; i < y->size; i++)
            y->data[i] = f(y->data[i]);
    return y;
}

/* ---- statistics -------------------------------------------------------- */

/* sum of x[0..n-1], added in pairs as numpy's np.add.reduce does, so that
 * the rounding error grows like log n rather than n. Below 8 values: a
 * plain loop. Up to 128: eight running sums, one per position modulo 8,
 * added pairwise at the end. Above: the two halves (split at a multiple
 * of 8) summed separately. */
static double pairwise_sum(const double *x, size_t n)
{
    if (n < 8) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += x[i];
        return s;
    }
    if (n <= 128) {
        double r[8];
        double s;
        size_t i;
        for (size_t j = 0; j < 8; j++)
            r[j] = x[j];
        for (i = 8; i < n - n % 8; i += 8)
            for (size_t j = 0; j < 8; j++)
                r[j] += x[i + j];
        s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < n; i++)
            s += x[i];
        return s;
    }
    {
        size_t half = n / 2;
        half -= half % 8;
        return pairwise_sum(x, half) + pairwise_sum(x + half, n - half);
    }
}

/* sum of x[0..n-1] exactly as numpy gets it: numpy hands its adding loop
 * blocks of 8192 values (its buffer size), sums each block in pairs, and
 * adds the block sums one after the other. Matching this makes wb_mean and
 * wb_std agree with numpy to the last bit, not only to rounding. */
static double numpy_sum(const double *x, size_t n)
{
    const size_t block = 8192;
    double s = 0.0;
    for (size_t i = 0; i < n; i += block)
        s += pairwise_sum(x + i, n - i < block ? n - i : block);
    return s;
}

/* mean = (1/N) sum_k a_k over all N elements of a (any shape). NaN for an
 * empty or NULL array. */
double wb_mean(const wb_array *a)
{
    if (!a || a->size == 0)
        return NAN;
    return numpy_sum(a->data, a->size) / (double)a->size;
}

/* std = sqrt((1/N) sum_k (a_k - mean)^2), the population standard
 * deviation (numpy's default ddof = 0), over all N elements of a. NaN for an
 * empty or NULL array, and when memory runs out (see wb_error()). */
double wb_std(const wb_array *a)
{
    double mean, var;
    double *d;

    if (!a || a->size == 0)
        return NAN;
    mean = wb_mean(a);
    /* numpy squares the deviations into an array, then sums it */
    d = wb_malloc(a->size * sizeof *d);
    if (!d)
        return NAN;
    for (size_t k = 0; k < a->size; k++)
        d[k] = (a->data[k] - mean) * (a->data[k] - mean);
    var = numpy_sum(d, a->size) / (double)a->size;
    free(d);
    return sqrt(var);
}

/* min_k a_k over all elements of a. A NaN anywhere gives NaN, as in numpy;
 * so do an empty and a NULL array. */
double wb_min(const wb_array *a)
{
    double m;
    if (!a || a->size == 0)
        return NAN;
    m = a->data[0];
    for (size_t k = 1; k < a->size; k++)
        if (a->data[k] < m || isnan(a->data[k]))
            m = a->data[k];
    return m;
}

/* max_k a_k over all elements of a; NaN as for wb_min. */
double wb_max(const wb_array *a)
{
    double m;
    if (!a || a->size == 0)
        return NAN;
    m = a->data[0];
    for (size_t k = 1; k < a->size; k++)
        if (a->data[k] > m || isnan(a->data[k]))
            m = a->data[k];
    return m;
}

/* A = L L^T, column by column: the diagonal, then below it. In place,
 * each entry of A below the diagonal is read just before L's takes its
 * place, and those above it are read only by the test of symmetry. */
int wb_cholesky(double *L, const double *A, size_t d)
{
    for (size_t i = 0; i < d; i++)
        for (size_t j = 0; j < d; j++)
            if (A[i * d + j] != A[j * d + i])
                return wb_fail("matrix is not symmetric: entry (%zu, %zu) "
                               "= %g but entry (%zu, %zu) = %g", i, j,
                               A[i * d + j], j, i, A[j * d + i]);
    for (size_t j = 0; j < d; j++) {
        double diag = A[j * d + j];
        for (size_t k = 0; k < j; k++)
            diag -= L[j * d + k] * L[j * d + k];
        if (!(diag > 0))
            return wb_fail("matrix is not positive definite");
        L[j * d + j] = sqrt(diag);
        for (size_t i = j + 1; i < d; i++) {
            double sum = A[i * d + j];
            for (size_t k = 0; k < j; k++)
                sum -= L[i * d + k] * L[j * d + k];
            L[i * d + j] = sum / L[j * d + j];
        }
        for (size_t i = 0; i < j; i++)
            L[i * d + j] = 0;
    }
    return 0;
}

/* np.histogram(x, bins, range=(lo, hi))[0]:  counts[b] = the number of x_k
 * with edge[b] <= x_k < edge[b + 1], where edge = linspace(lo, hi, bins + 1)
 * and the last bin also takes x_k == hi. Values outside [lo, hi] and NaN
 * are not counted. x: any shape; returns counts: (bins,).
 *
 * Like numpy, the bin is first guessed as floor((x - lo) * (bins / (hi - lo)))
 * and then moved by one when rounding put x on the wrong side of an edge:
 * the edges themselves decide, so x == edge[b] always goes to bin b. */
wb_array *wb_histogram(const wb_array *x, size_t bins, double lo, double hi)
{
    wb_array *counts, *edge;
    double norm;

    if (!x)
        return NULL;
    WB_ASSERT(bins > 0, "histogram needs at least one bin");
    WB_ASSERT(isfinite(lo) && isfinite(hi) && lo <= hi,
              "histogram range [%g, %g] must be finite, with lo <= hi", lo,
              hi);
    if (lo == hi) {
        /* numpy widens an empty range instead of dividing by zero */
        lo -= 0.5;
        hi += 0.5;
    }
    counts = wb_vector(bins);
    edge = wb_linspace(lo, hi, bins + 1);
    if (!counts || !edge) {
        wb_free(counts);
        wb_free(edge);
        return NULL;
    }
    norm = (double)bins / (hi - lo);
    for (size_t k = 0; k < x->size; k++) {
        double v = x->data[k], guess;
        size_t b;
        if (!(v >= lo && v <= hi))
            continue;
        guess = (v - lo) * norm;
        /* guess == bins means v == hi, which belongs to the last bin */
        b = guess < (double)bins ? (size_t)guess : bins - 1;
        if (v < edge->data[b])
            b--;
        else if (v >= edge->data[b + 1] && b != bins - 1)
            b++;
        counts->data[b] += 1.0;
    }
    wb_free(edge);
    return counts;
}

/* ---- printing, as numpy's print(a) ------------------------------------- */

char *wb_shape_str(char *buf, size_t size, const wb_array *a)
{
    if (!a)
        snprintf(buf, size, "(null)");
    else if (a->ndim == 1)
        snprintf(buf, size, "(%zu,)", a->shape[0]);
    else
        snprintf(buf, size, "(%zu, %zu)", a->shape[0], a->shape[1]);
    return buf;
}

char *wb_spread_str(char *buf, size_t size, const wb_array *a, int digits)
{
    /* over the finite values only: a line with no slope (w2 = 0) has none */
    double sum = 0, sq = 0, lo = INFINITY, hi = -INFINITY;
    size_t n = 0, total = a ? a->size : 0;
    for (size_t i = 0; i < total; i++)
        if (isfinite(a->data[i])) {
            sum += a->data[i];
            lo = fmin(lo, a->data[i]);
            hi = fmax(hi, a->data[i]);
            n++;
        }
    double mean = n ? sum / (double)n : 0;
    for (size_t i = 0; i < total; i++)
        if (isfinite(a->data[i]))
            sq += (a->data[i] - mean) * (a->data[i] - mean);
    if (n == 0)
        snprintf(buf, size, "(no values)");
    else
        snprintf(buf, size, "mean %.*f, sd %.*f, from %.*f to %.*f%s", digits,
                 mean, digits, sqrt(sq / (double)n), digits, lo, digits, hi,
                 n < total ? " (some have none)" : "");
    return buf;
}

/* numpy's default print options (np.get_printoptions()). */
enum {
    PRINT_PRECISION = 8,    /* at most 8 digits after the point */
    PRINT_THRESHOLD = 1000, /* more values than this: show only the edges */
    PRINT_EDGEITEMS = 3,    /* values shown at each end of a long axis */
    PRINT_LINEWIDTH = 75    /* characters per line, "]" included */
};

/* A finite number cut into its parts, before any padding: -12.375 is
 * int_part "-12" and frac "375"; 1.5e-05 is "1", "5" and exp10 -5.
 * Positional numbers are below 1e8 here, so every part is short. */
typedef struct number_text {
    char int_part[40];
    char frac[40];
    int exp10;        /* scientific notation only */
} number_text;

/* x written by printf with `after` digits after the point ("%.*e" or
 * "%.*f", which round the exact binary value to nearest, as numpy's Dragon4
 * does), then cut at the point and at the 'e'. */
static void number_parts(double x, bool scientific, int after,
                         number_text *t)
{
    char s[32];
    char *point, *e;

    if (scientific)
        snprintf(s, sizeof s, "%.*e", after, fabs(x));
    else
        snprintf(s, sizeof s, "%.*f", after, fabs(x));
    t->exp10 = 0;
    e = strchr(s, 'e');
    if (e) {
        t->exp10 = atoi(e + 1);
        *e = '\0';
    }
    point = strchr(s, '.');  /* "%.0f" of 5000 is "5000", without point */
    if (point)
        *point = '\0';
    snprintf(t->int_part, sizeof t->int_part, "%s%s", signbit(x) ? "-" : "",
             s);
    snprintf(t->frac, sizeof t->frac, "%s", point ? point + 1 : "");
}

/* The length k and exponent e of the shortest digits d1.d2...dk x 10^e
 * that read back as exactly |x|: what Python's repr() and numpy's Dragon4
 * print. Found by asking printf for 1, 2, ... significant digits until
 * strtod gives |x| back; 17 digits always do. */
static int shortest_digits(double x, int *exp10)
{
    char s[40];
    int k;
    for (k = 1; k < 17; k++) {
        snprintf(s, sizeof s, "%.*e", k - 1, fabs(x));
        if (strtod(s, NULL) == fabs(x))
            break;
    }
    snprintf(s, sizeof s, "%.*e", k - 1, fabs(x));
    *exp10 = atoi(strchr(s, 'e') + 1);
    return k;
}

/* x as numpy first writes it to measure the widths (Dragon4 with
 * precision 8, unique, trim '.'): the shortest digits that read back as x,
 * but never more than 8 after the point; a number needing more is rounded
 * to 8, and the zeros this leaves at the end are dropped. */
static void shortest_text(double x, bool scientific, number_text *t)
{
    int e, k = shortest_digits(x, &e);
    int after = scientific ? k - 1 : k - 1 - e;  /* digits after the point */
    size_t n;

    if (after < 0)
        after = 0;  /* an integer such as 5000 */
    if (after > PRINT_PRECISION)
        after = PRINT_PRECISION;
    number_parts(x, scientific, after, t);
    n = strlen(t->frac);
    while (n > 0 && t->frac[n - 1] == '0')
        t->frac[--n] = '\0';
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

/* How many digits numpy gives an exponent: at least two ("e-05"). */
static int exponent_digits(int exp10)
{
    int digits = 1;
    for (int e = abs(exp10); e >= 10; e /= 10)
        digits++;
    return digits < 2 ? 2 : digits;
}

/* How every number of one array is written (numpy's FloatingFormat): one
 * notation for all, and common widths so that the columns line up. */
typedef struct float_format {
    bool scientific;
    int pad_left;     /* characters before the point (sign included) */
    int pad_right;    /* characters after the point */
    int precision;    /* scientific: digits after the point */
    int exp_digits;   /* scientific: digits of the exponent */
} float_format;

/* numpy's FloatingFormat.fillFormat, over the n values that will be shown.
 * Scientific notation when the finite nonzero magnitudes reach 1e8, go
 * below 1e-4, or span more than a factor 1000; positional otherwise. */
static float_format choose_format(const double *v, size_t n)
{
    float_format f = {0};
    double max = 0.0, min = INFINITY;
    bool any_finite = false, any_nonfinite = false, neg_inf = false;
    int int_w = 0, frac_w = 0, exp_w = 0;

    for (size_t k = 0; k < n; k++)
        if (isfinite(v[k]) && v[k] != 0.0) {
            max = fmax(max, fabs(v[k]));
            min = fmin(min, fabs(v[k]));
        }
    f.scientific = max > 0.0 &&
                   (max >= 1e8 || min < 1e-4 || max / min > 1000.0);

    for (size_t k = 0; k < n; k++) {
        number_text t;
        if (!isfinite(v[k])) {
            any_nonfinite = true;
            neg_inf = neg_inf || (isinf(v[k]) && v[k] < 0);
            continue;
        }
        any_finite = true;
        shortest_text(v[k], f.scientific, &t);
        int_w = max_int(int_w, (int)strlen(t.int_part));
        frac_w = max_int(frac_w, (int)strlen(t.frac));
        exp_w = max_int(exp_w, exponent_digits(t.exp10));
    }
    if (any_finite) {
        f.pad_left = int_w;
        f.pad_right = frac_w;
        if (f.scientific) {
            f.precision = frac_w;
            f.exp_digits = exp_w;
            f.pad_right = frac_w + 2 + exp_w;  /* "375" "e-" "05" */
        }
    }
    if (any_nonfinite) {
        /* "nan", "inf" or "-inf" must fit in pad_left + 1 + pad_right */
        int room = f.pad_right + 1;
        f.pad_left = max_int(f.pad_left, (neg_inf ? 4 : 3) - room);
    }
    return f;
}

/* One number as numpy's FloatingFormat.__call__ writes it, the integer
 * part right-aligned in pad_left characters.
 * - Positional: the same digits as measured, then spaces up to pad_right,
 *   so that points line up ("1.5 " above "2.25").
 * - Scientific: every number gets `precision` digits after the point: x
 *   rounded to that many ("1.50e-05" next to "2.25e-05"). For ordinary
 *   doubles this only adds zeros; for the tiny subnormal ones, whose
 *   shortest form is coarse, it shows their true digits (5e-324 next to
 *   2.22507386e-308 prints as 4.94065646e-324), as numpy does. */
static void format_number(char *out, size_t size, double x,
                          const float_format *f)
{
    number_text t;
    int n;
    if (!isfinite(x)) {
        const char *word = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
        n = snprintf(out, size, "%*s", f->pad_left + 1 + f->pad_right, word);
    } else if (f->scientific) {
        number_parts(x, true, f->precision, &t);
        n = snprintf(out, size, "%*s.%se%c%0*d", f->pad_left, t.int_part,
                     t.frac, t.exp10 < 0 ? '-' : '+', f->exp_digits,
                     abs(t.exp10));
    } else {
        shortest_text(x, false, &t);
        n = snprintf(out, size, "%*s.%-*s", f->pad_left, t.int_part,
                     f->pad_right, t.frac);
    }
    /* at most 10 + 1 + 8 characters, or 2 + 1 + 8 + 2 + 3 */
    WB_ASSERT(n >= 0 && (size_t)n < size, "a number took %d characters", n);
}

/* How many of an axis's len entries are shown, and which: all of them, or
 * for a summarised array with a long axis, the first 3 and the last 3. */
static size_t shown_count(size_t len, bool summary)
{
    return summary && len > 2 * PRINT_EDGEITEMS ? 2 * PRINT_EDGEITEMS : len;
}

static size_t shown_index(size_t k, size_t len, bool summary)
{
    if (shown_count(len, summary) == len || k < PRINT_EDGEITEMS)
        return k;
    return len - 2 * PRINT_EDGEITEMS + k;
}

/* A row of words being written into `out`, broken into lines as numpy's
 * _extendLine does. numpy strips the spaces that end a broken line, so
 * spaces are held back until a word follows them on the same line. */
typedef struct row_writer {
    wb_buf *out;
    const char *indent;  /* what a continued line starts with */
    size_t width;        /* no word may end past this column */
    size_t line_len;     /* length of the current line, held spaces too */
    size_t held;         /* spaces owed to the current line */
} row_writer;

static void put_word(row_writer *w, const char *word)
{
    size_t n = strlen(word), indent = strlen(w->indent), end = n;
    /* Breaking a line that holds only its indent would not help. */
    if (w->line_len + n > w->width && w->line_len > indent) {
        wb_buf_puts(w->out, "\n");
        wb_buf_puts(w->out, w->indent);
        w->line_len = indent;
        w->held = 0;
    }
    for (; w->held > 0; w->held--)
        wb_buf_puts(w->out, " ");
    while (end > 0 && word[end - 1] == ' ')
        end--;
    wb_buf_append(w->out, word, end);
    w->held = n - end;
    w->line_len += n;
}

static void put_space(row_writer *w)
{
    w->held++;
    w->line_len++;
}

/* One row of numbers, "[v v ... v]", as numpy's _formatArray writes the
 * last axis. The "[" takes the place of the indent's last character;
 * `width` is the line width left for this row, so words end before
 * width - 1 to leave room for the "]". A summarised row shows "..." between
 * its first and last three numbers. */
static void format_row(wb_buf *out, const double *row, size_t len,
                       bool summary, const float_format *f,
                       const char *indent, size_t width)
{
    row_writer w = {out, indent, width - 1, strlen(indent), 0};
    char word[64];
    size_t shown = shown_count(len, summary);

    wb_buf_puts(out, "[");
    for (size_t k = 0; k < shown; k++) {
        if (k > 0)
            put_space(&w);
        if (shown < len && k == PRINT_EDGEITEMS) {
            put_word(&w, "...");
            put_space(&w);
        }
        format_number(word, sizeof word, row[shown_index(k, len, summary)],
                      f);
        put_word(&w, word);
    }
    for (; w.held > 0; w.held--)  /* the last word keeps its padding */
        wb_buf_puts(out, " ");
    wb_buf_puts(out, "]");
}

/* A 2-D array: its rows one per line, "[[...]\n [...]]"; each row indented
 * by one more space and given one column less, for the outer "]". */
static void format_matrix(wb_buf *out, const wb_array *a, bool summary,
                          const float_format *f)
{
    size_t rows = a->shape[0], cols = a->shape[1];
    size_t shown = shown_count(rows, summary);

    wb_buf_puts(out, "[");
    for (size_t k = 0; k < shown; k++) {
        size_t i = shown_index(k, rows, summary);
        if (k > 0)
            wb_buf_puts(out, "\n ");
        if (shown < rows && k == PRINT_EDGEITEMS)
            wb_buf_puts(out, "...\n ");
        format_row(out, a->data + i * cols, cols, summary, f, "  ",
                   PRINT_LINEWIDTH - 1);
    }
    wb_buf_puts(out, "]");
}

/* print(a): numpy's array_str with the default options. An array of more
 * than 1000 values is summarised, and only the values shown decide the
 * notation and the widths, as in numpy. */
char *wb_array_str(const wb_array *a)
{
    size_t rows, cols, nshown, n = 0;
    bool summary;
    double *shown;
    float_format f;
    wb_buf out = {0};

    if (!a)
        return NULL;
    WB_ASSERT(a->ndim == 1 || a->ndim == 2, "an array has 1 or 2 dimensions, "
              "not %d", a->ndim);
    if (a->size == 0)
        return wb_strdup("[]");
    /* seen as a grid of rows x cols values: a 1-D array is one row */
    rows = a->ndim == 1 ? 1 : a->shape[0];
    cols = a->ndim == 1 ? a->size : a->shape[1];
    summary = a->size > PRINT_THRESHOLD;
    nshown = shown_count(rows, summary) * shown_count(cols, summary);
    shown = wb_malloc(nshown * sizeof *shown);
    if (!shown)
        return NULL;
    for (size_t r = 0; r < shown_count(rows, summary); r++)
        for (size_t c = 0; c < shown_count(cols, summary); c++)
            shown[n++] = a->data[shown_index(r, rows, summary) * cols +
                                 shown_index(c, cols, summary)];
    f = choose_format(shown, nshown);
    free(shown);

    if (a->ndim == 1)
        format_row(&out, a->data, a->size, summary, &f, " ", PRINT_LINEWIDTH);
    else
        format_matrix(&out, a, summary, &f);
    return wb_buf_take(&out);
}

int wb_fprint(FILE *fp, const wb_array *a)
{
    char *s;
    int status = 0;
    if (!a)
        return -1;  /* the failure that made a NULL is already recorded */
    s = wb_array_str(a);
    if (!s)
        return -1;
    if (fputs(s, fp) == EOF || fputc('\n', fp) == EOF)
        status = wb_fail("cannot print an array: %s", strerror(errno));
    free(s);
    return status;
}

int wb_print(const wb_array *a)
{
    return wb_fprint(stdout, a);
}
