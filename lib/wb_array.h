/* wb_array.h: arrays of doubles, laid out like numpy's.
 *
 * The tutorial leans on numpy: linspace, meshgrid, flatten, np.c_, concatenate
 * and reshape. A C reader should see what those do to memory, so an array here
 * is nothing but a block of doubles and a shape:
 *
 *     a 1-D array of n values        shape (n,)      data[i]
 *     a 2-D array of r rows, c cols  shape (r, c)    data[i * c + j]   (row-major)
 *
 * Reshaping changes the shape and never moves the data. Functions that make a
 * new array return NULL when memory runs out (see wb_error()) and accept
 * NULL inputs by returning NULL, so a chain of calls can be checked once at
 * its end. Mismatched shapes are programming errors: they abort with a message.
 */
#ifndef WB_ARRAY_H
#define WB_ARRAY_H

#include <stddef.h>
#include <stdio.h>

typedef struct wb_array {
    int ndim;          /* 1 or 2 */
    size_t shape[2];   /* (rows, cols); a 1-D array has shape[1] == 1 */
    size_t size;       /* shape[0] * shape[1] */
    double *data;      /* row-major */
} wb_array;

/* Element i of a 1-D array, element (i, j) of a 2-D array. */
#define WB_AT1(a, i) ((a)->data[(i)])
#define WB_AT(a, i, j) ((a)->data[(i) * (a)->shape[1] + (j)])

/* New arrays filled with zeros: shape (n,) and (rows, cols). */
wb_array *wb_vector(size_t n);
wb_array *wb_matrix(size_t rows, size_t cols);
/* New arrays filled with `value`; the shape of `like`. */
wb_array *wb_full_like(const wb_array *like, double value);
/* A copy of values[0..n-1] as a 1-D array. */
wb_array *wb_vector_from(const double *values, size_t n);
wb_array *wb_copy(const wb_array *a);
/* Frees the array and its data; wb_free(NULL) does nothing. */
void wb_free(wb_array *a);

/* np.linspace(start, stop, num): num values, both ends included. */
wb_array *wb_linspace(double start, double stop, size_t num);

/* np.meshgrid(x, y) for 1-D x (n,) and y (m,): two (m, n) arrays with
 * xx[i][j] = x[j] and yy[i][j] = y[i]; row i scans x at height y[i].
 * Returns 0, or -1 with *xx and *yy set to NULL. */
int wb_meshgrid(wb_array **xx, wb_array **yy, const wb_array *x,
                const wb_array *y);

/* a.flatten(): a new 1-D copy of the values in memory order. */
wb_array *wb_flatten(const wb_array *a);

/* np.c_[a, b, ...] / np.column_stack: the k arrays side by side as columns.
 * A 1-D array (n,) gives one column, a 2-D array (n, c) gives c columns;
 * all must have n rows. np.c_[x] of a 1-D x is wb_column_stack(&x, 1). */
wb_array *wb_column_stack(const wb_array *const *arrays, size_t k);

/* np.concatenate((a, b)): b's rows after a's (axis 0). Both 1-D, or both 2-D
 * with the same number of columns. */
wb_array *wb_concatenate(const wb_array *a, const wb_array *b);

/* a.reshape(rows, cols) and a.reshape(n), in place: only the shape changes.
 * Returns -1 (and leaves `a` unchanged) when the sizes differ. */
int wb_reshape(wb_array *a, size_t rows, size_t cols);
int wb_reshape_1d(wb_array *a, size_t n);

/* a[:, j] of a 2-D array, as a new 1-D array. */
wb_array *wb_column(const wb_array *a, size_t j);

/* y[i] = f(x[i]) for every element: a new array of the shape of x. */
wb_array *wb_map(const wb_array *x, double (*f)(double));

/* Statistics over all elements (the population standard deviation, ddof=0,
 * as numpy's default). The empty array gives NaN. */
double wb_mean(const wb_array *a);
double wb_std(const wb_array *a);
double wb_min(const wb_array *a);
double wb_max(const wb_array *a);

/* np.linalg.cholesky(A): A = L L^T, with L lower triangular (its diagonal
 * positive, above it 0). A, L: (n, n), row-major; L may be A itself.
 * -1, with an error, unless A is symmetric and positive definite. */
int wb_cholesky(double *L, const double *A, size_t n);

/* np.histogram(x, bins, range=(lo, hi))[0]: counts in `bins` equal bins
 * over [lo, hi]; each bin is half-open [left, right) except the last,
 * which includes hi. Values outside [lo, hi] are not counted. */
wb_array *wb_histogram(const wb_array *x, size_t bins, double lo, double hi);

/* ---- printing, in numpy's style --------------------------------------- */

/* What print(a.shape) shows: "(100,)" or "(51, 51)". Writes at most `size`
 * bytes to buf and returns buf. */
char *wb_shape_str(char *buf, size_t size, const wb_array *a);

/* How the values of `a` spread, as the book gives a number that depends
 * on the random sample: "mean 0.921, sd 0.019, from 0.870 to 0.965", the
 * mean, the standard deviation and the range, with `digits` digits after
 * the point; values that are not finite (a slope of a line x2 = 0) are
 * left out, and said to be. Writes at most `size` bytes to buf and
 * returns buf. */
char *wb_spread_str(char *buf, size_t size, const wb_array *a, int digits);

/* What print(a) shows with numpy's default print options (precision 8,
 * threshold 1000, edgeitems 3, linewidth 75): the same digits, padding,
 * line wrapping and "..." for long arrays. A new string, or NULL. */
char *wb_array_str(const wb_array *a);

/* print(a): wb_array_str(a) and a newline. Returns 0, or -1 on failure. */
int wb_fprint(FILE *fp, const wb_array *a);
int wb_print(const wb_array *a);

#endif
