/* test_array.c: the array module, checked against numpy.
 *
 * Two kinds of tests. Hand-written ones check every function of
 * wb_array.h, the layouts the tutorial relies on (meshgrid, flatten, np.c_,
 * reshape) and the refusals (NULL in, NULL out; mismatched shapes abort).
 * Table-driven ones read fixtures/numpy_print.txt, written by numpy itself
 * (make_numpy_print.py), and check print(a) byte for byte, and linspace,
 * meshgrid, the statistics and the histograms bit for bit.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <criterion/redirect.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_array.h"
#include "wb_core.h"

#ifndef WB_SOURCE_DIR
#define WB_SOURCE_DIR "."
#endif
#define FIXTURE WB_SOURCE_DIR "/tests/fixtures/numpy_print.txt"

/* Tolerances. Most checks here are exact: copies, layouts, and values
 * computed by the same operations as numpy. A tolerance is used only
 * against a value computed another way (in long double, or by hand):
 * REL_TOL allows a few roundings of a double, relative to the magnitude. */
#define REL_TOL (8 * DBL_EPSILON)

static bool close_to(double got, double want, double scale)
{
    return fabs(got - want) <= REL_TOL * fabs(scale);
}

/* The same double, bit for bit as far as printing can tell: -0.0 is not
 * 0.0, and any NaN equals any NaN. */
static bool same_double(double a, double b)
{
    if (isnan(a) || isnan(b))
        return isnan(a) && isnan(b);
    return a == b && signbit(a) == signbit(b);
}

static wb_array *vec(size_t n, const double *v)
{
    wb_array *a = wb_vector_from(v, n);
    cr_assert_not_null(a, "wb_vector_from(%zu values) failed: %s", n,
                       wb_error());
    return a;
}

static void assert_shape(const wb_array *a, int ndim, size_t rows,
                         size_t cols, const char *what)
{
    cr_assert_not_null(a, "%s: NULL (%s)", what, wb_error());
    cr_assert(a->ndim == ndim && a->shape[0] == rows && a->shape[1] == cols &&
                  a->size == rows * cols,
              "%s: ndim %d shape (%zu, %zu) size %zu, expected ndim %d shape "
              "(%zu, %zu)",
              what, a->ndim, a->shape[0], a->shape[1], a->size, ndim, rows,
              cols);
}

/* ---- making and freeing ------------------------------------------------ */

Test(array, vector_and_matrix_are_zeros)
{
    wb_array *v = wb_vector(4);
    wb_array *m = wb_matrix(2, 3);
    assert_shape(v, 1, 4, 1, "wb_vector(4)");
    assert_shape(m, 2, 2, 3, "wb_matrix(2, 3)");
    for (size_t i = 0; i < 4; i++)
        cr_assert(same_double(v->data[i], 0.0), "v[%zu] = %g", i, v->data[i]);
    for (size_t i = 0; i < 6; i++)
        cr_assert(same_double(m->data[i], 0.0), "m[%zu] = %g", i, m->data[i]);
    wb_free(v);
    wb_free(m);
}

Test(array, empty_shapes)
{
    wb_array *v = wb_vector(0);
    wb_array *m = wb_matrix(0, 3);
    assert_shape(v, 1, 0, 1, "wb_vector(0)");
    assert_shape(m, 2, 0, 3, "wb_matrix(0, 3)");
    wb_free(v);
    wb_free(m);
}

Test(array, too_large_is_a_failure_not_a_crash)
{
    wb_array *m = wb_matrix(SIZE_MAX / 2, 4);
    cr_assert_null(m, "a matrix of SIZE_MAX * 2 values was made");
    cr_assert(strstr(wb_error(), "too large") != NULL,
              "error message: '%s'", wb_error());
}

Test(array, full_like_copy_vector_from)
{
    const double v[] = {1.5, -2.0, 3.25};
    wb_array *a = vec(3, v);
    wb_array *m = wb_matrix(2, 2);
    wb_array *f = wb_full_like(m, 7.5);
    wb_array *c = wb_copy(a);

    assert_shape(f, 2, 2, 2, "wb_full_like");
    for (size_t i = 0; i < 4; i++)
        cr_assert(f->data[i] == 7.5, "full_like[%zu] = %g", i, f->data[i]);
    assert_shape(c, 1, 3, 1, "wb_copy");
    cr_assert(c->data != a->data, "wb_copy shares the data");
    for (size_t i = 0; i < 3; i++)
        cr_assert(c->data[i] == v[i], "copy[%zu] = %g, expected %g", i,
                  c->data[i], v[i]);
    c->data[0] = 100.0;
    cr_assert(a->data[0] == 1.5, "changing the copy changed the original");
    wb_free(a);
    wb_free(m);
    wb_free(f);
    wb_free(c);
    wb_free(NULL);
}

Test(array, null_in_null_out)
{
    const double v[] = {1.0, 2.0};
    wb_array *a = vec(2, v);
    wb_array *xx = a, *yy = a;
    const wb_array *with_null[] = {a, NULL};
    char buf[16];

    cr_assert_null(wb_full_like(NULL, 1.0), "wb_full_like(NULL)");
    cr_assert_null(wb_vector_from(NULL, 3), "wb_vector_from(NULL, 3)");
    cr_assert_null(wb_copy(NULL), "wb_copy(NULL)");
    cr_assert_null(wb_flatten(NULL), "wb_flatten(NULL)");
    cr_assert_null(wb_column_stack(NULL, 2), "wb_column_stack(NULL)");
    cr_assert_null(wb_column_stack(with_null, 2),
                   "wb_column_stack with a NULL array");
    cr_assert_null(wb_concatenate(a, NULL), "wb_concatenate(a, NULL)");
    cr_assert_null(wb_concatenate(NULL, a), "wb_concatenate(NULL, a)");
    cr_assert_null(wb_column(NULL, 0), "wb_column(NULL)");
    cr_assert_null(wb_map(NULL, sqrt), "wb_map(NULL)");
    cr_assert_null(wb_histogram(NULL, 3, 0, 1), "wb_histogram(NULL)");
    cr_assert_null(wb_array_str(NULL), "wb_array_str(NULL)");
    cr_assert(wb_reshape(NULL, 1, 2) == -1, "wb_reshape(NULL)");
    cr_assert(wb_reshape_1d(NULL, 2) == -1, "wb_reshape_1d(NULL)");
    cr_assert(wb_fprint(stdout, NULL) == -1, "wb_fprint(NULL)");
    cr_assert(wb_meshgrid(&xx, &yy, a, NULL) == -1, "wb_meshgrid(a, NULL)");
    cr_assert(xx == NULL && yy == NULL, "wb_meshgrid left *xx, *yy set");
    cr_assert(isnan(wb_mean(NULL)) && isnan(wb_std(NULL)) &&
                  isnan(wb_min(NULL)) && isnan(wb_max(NULL)),
              "statistics of NULL are not NaN");
    cr_assert_str_eq(wb_shape_str(buf, sizeof buf, NULL), "(null)");
    wb_free(a);
}

/* ---- linspace ---------------------------------------------------------- */

Test(array, linspace_ends_and_steps)
{
    wb_array *y = wb_linspace(-6, 6, 51);
    assert_shape(y, 1, 51, 1, "linspace(-6, 6, 51)");
    cr_assert(y->data[0] == -6.0, "first value %.17g", y->data[0]);
    cr_assert(y->data[50] == 6.0, "last value %.17g is not exactly stop",
              y->data[50]);
    for (size_t i = 0; i < 51; i++) {
        long double want = -6.0L + 12.0L * (long double)i / 50.0L;
        cr_assert(close_to(y->data[i], (double)want, 6.0),
                  "linspace[%zu] = %.17g, expected %.17Lg (tolerance %g)", i,
                  y->data[i], want, REL_TOL * 6.0);
    }
    wb_free(y);
}

Test(array, linspace_exact_endpoint)
{
    /* 49 * (1 / 49) is 0.9999999999999999: the last value must still be 1 */
    wb_array *y = wb_linspace(0.0, 1.0, 50);
    cr_assert_not_null(y, "linspace failed: %s", wb_error());
    cr_assert(y->data[49] == 1.0, "last value %.17g, expected exactly 1",
              y->data[49]);
    wb_free(y);
}

Test(array, linspace_one_and_zero_values)
{
    wb_array *one = wb_linspace(2.5, 7.0, 1);
    wb_array *none = wb_linspace(2.5, 7.0, 0);
    wb_array *flat = wb_linspace(3.0, 3.0, 3);
    assert_shape(one, 1, 1, 1, "linspace(2.5, 7, 1)");
    cr_assert(one->data[0] == 2.5, "linspace(.., 1) gives %g, not start",
              one->data[0]);
    assert_shape(none, 1, 0, 1, "linspace(.., 0)");
    for (size_t i = 0; i < 3; i++)
        cr_assert(flat->data[i] == 3.0, "linspace(3, 3, 3)[%zu] = %g", i,
                  flat->data[i]);
    wb_free(one);
    wb_free(none);
    wb_free(flat);
}

Test(array, linspace_descending)
{
    wb_array *y = wb_linspace(1.0, -1.0, 5);
    const double want[] = {1.0, 0.5, 0.0, -0.5, -1.0};
    for (size_t i = 0; i < 5; i++)
        cr_assert(y->data[i] == want[i], "linspace(1, -1, 5)[%zu] = %g", i,
                  y->data[i]);
    wb_free(y);
}

/* ---- meshgrid, flatten, column_stack, reshape: the tutorial's path ----- */

Test(array, meshgrid_layout)
{
    const double xv[] = {1.0, 2.0, 3.0}, yv[] = {10.0, 20.0};
    wb_array *x = vec(3, xv), *y = vec(2, yv);
    wb_array *xx, *yy;

    cr_assert(wb_meshgrid(&xx, &yy, x, y) == 0, "meshgrid: %s", wb_error());
    assert_shape(xx, 2, 2, 3, "xx (len(y), len(x))");
    assert_shape(yy, 2, 2, 3, "yy (len(y), len(x))");
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++) {
            cr_assert(WB_AT(xx, i, j) == xv[j], "xx[%zu][%zu] = %g, not x[j]",
                      i, j, WB_AT(xx, i, j));
            cr_assert(WB_AT(yy, i, j) == yv[i], "yy[%zu][%zu] = %g, not y[i]",
                      i, j, WB_AT(yy, i, j));
        }
    wb_free(x);
    wb_free(y);
    wb_free(xx);
    wb_free(yy);
}

/* meshgrid, flatten both, np.c_ them: rows (x[j], y[i]) with j running
 * fastest; then a value per row, reshaped back to the grid. */
Test(array, meshgrid_flatten_column_stack_reshape)
{
    const double xv[] = {-1.0, 0.0, 1.0}, yv[] = {5.0, 6.0};
    wb_array *x = vec(3, xv), *y = vec(2, yv);
    wb_array *xx, *yy, *fx, *fy, *grid, *z;
    const wb_array *cols[2];

    cr_assert(wb_meshgrid(&xx, &yy, x, y) == 0, "meshgrid: %s", wb_error());
    fx = wb_flatten(xx);
    fy = wb_flatten(yy);
    assert_shape(fx, 1, 6, 1, "flatten(xx)");
    cols[0] = fx;
    cols[1] = fy;
    grid = wb_column_stack(cols, 2);
    assert_shape(grid, 2, 6, 2, "np.c_[xx.flatten(), yy.flatten()]");
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++) {
            size_t r = i * 3 + j;
            cr_assert(WB_AT(grid, r, 0) == xv[j] && WB_AT(grid, r, 1) == yv[i],
                      "grid row %zu = (%g, %g), expected (x[%zu], y[%zu]) = "
                      "(%g, %g)",
                      r, WB_AT(grid, r, 0), WB_AT(grid, r, 1), j, i, xv[j],
                      yv[i]);
        }

    /* z = x + 100 y per row, then back to the (2, 3) grid */
    z = wb_vector(6);
    for (size_t r = 0; r < 6; r++)
        z->data[r] = WB_AT(grid, r, 0) + 100.0 * WB_AT(grid, r, 1);
    cr_assert(wb_reshape(z, 2, 3) == 0, "reshape(2, 3): %s", wb_error());
    assert_shape(z, 2, 2, 3, "z.reshape(2, 3)");
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++)
            cr_assert(WB_AT(z, i, j) == xv[j] + 100.0 * yv[i],
                      "z[%zu][%zu] = %g, expected x[j] + 100 y[i] = %g", i, j,
                      WB_AT(z, i, j), xv[j] + 100.0 * yv[i]);
    wb_free(x);
    wb_free(y);
    wb_free(xx);
    wb_free(yy);
    wb_free(fx);
    wb_free(fy);
    wb_free(grid);
    wb_free(z);
}

Test(array, flatten_2d_is_memory_order)
{
    wb_array *a = wb_matrix(2, 2);
    wb_array *f;
    for (size_t k = 0; k < 4; k++)
        a->data[k] = (double)k;  /* [[0, 1], [2, 3]] as in the tutorial */
    f = wb_flatten(a);
    assert_shape(f, 1, 4, 1, "flatten of (2, 2)");
    for (size_t k = 0; k < 4; k++)
        cr_assert(f->data[k] == (double)k, "flat[%zu] = %g", k, f->data[k]);
    cr_assert(f->data != a->data, "flatten does not copy");
    wb_free(a);
    wb_free(f);
}

Test(array, column_stack_mixes_1d_and_2d)
{
    const double v[] = {1.0, 2.0};
    wb_array *a = vec(2, v);
    wb_array *m = wb_matrix(2, 2);
    wb_array *out;
    const wb_array *cols[2];
    m->data[0] = 10.0;  /* [[10, 11], [12, 13]] */
    m->data[1] = 11.0;
    m->data[2] = 12.0;
    m->data[3] = 13.0;
    cols[0] = a;
    cols[1] = m;
    out = wb_column_stack(cols, 2);
    assert_shape(out, 2, 2, 3, "c_[(2,), (2, 2)]");
    {
        const double want[] = {1.0, 10.0, 11.0, 2.0, 12.0, 13.0};
        for (size_t k = 0; k < 6; k++)
            cr_assert(out->data[k] == want[k], "out[%zu] = %g, expected %g",
                      k, out->data[k], want[k]);
    }
    wb_free(out);
    out = wb_column_stack(cols, 1);  /* np.c_[x] of a 1-D x: one column */
    assert_shape(out, 2, 2, 1, "np.c_[x]");
    wb_free(a);
    wb_free(m);
    wb_free(out);
}

Test(array, concatenate_1d_and_2d)
{
    const double av[] = {1.0, 2.0}, bv[] = {3.0, 4.0, 5.0};
    wb_array *a = vec(2, av), *b = vec(3, bv);
    wb_array *c = wb_concatenate(a, b);
    wb_array *m1 = wb_matrix(1, 2), *m2 = wb_matrix(2, 2), *m;

    assert_shape(c, 1, 5, 1, "concatenate((2,), (3,))");
    for (size_t k = 0; k < 5; k++)
        cr_assert(c->data[k] == (double)(k + 1), "c[%zu] = %g", k,
                  c->data[k]);
    m1->data[0] = 1.0;
    m1->data[1] = 2.0;
    for (size_t k = 0; k < 4; k++)
        m2->data[k] = 3.0 + (double)k;
    m = wb_concatenate(m1, m2);
    assert_shape(m, 2, 3, 2, "concatenate((1, 2), (2, 2))");
    for (size_t k = 0; k < 6; k++)
        cr_assert(m->data[k] == (double)(k + 1), "rows of b after a: m[%zu] "
                  "= %g", k, m->data[k]);
    wb_free(a);
    wb_free(b);
    wb_free(c);
    wb_free(m1);
    wb_free(m2);
    wb_free(m);
}

Test(array, reshape_changes_only_the_shape)
{
    wb_array *d = wb_linspace(0, 3, 4);  /* [0 1 2 3] */
    double *data = d->data;
    cr_assert(wb_reshape(d, 2, 2) == 0, "reshape(2, 2): %s", wb_error());
    assert_shape(d, 2, 2, 2, "d.reshape(2, 2)");
    cr_assert(d->data == data, "reshape moved the data");
    cr_assert(WB_AT(d, 1, 0) == 2.0, "d[1][0] = %g, expected 2",
              WB_AT(d, 1, 0));
    cr_assert(wb_reshape_1d(d, 4) == 0, "reshape(4): %s", wb_error());
    assert_shape(d, 1, 4, 1, "reshape back to (4,)");
    wb_free(d);
}

Test(array, reshape_refuses_other_sizes)
{
    wb_array *z = wb_vector(2601);
    double *data = z->data;
    cr_assert(wb_reshape(z, 50, 50) == -1, "reshape (2601,) to (50, 50)");
    assert_shape(z, 1, 2601, 1, "after a refused reshape");
    cr_assert(z->data == data, "a refused reshape changed the data");
    cr_assert(strstr(wb_error(), "(2601,)") && strstr(wb_error(), "(50, 50)"),
              "the message should name both shapes: '%s'", wb_error());

    cr_assert(wb_reshape(z, 51, 51) == 0, "reshape to (51, 51): %s",
              wb_error());
    cr_assert(wb_reshape_1d(z, 2600) == -1, "reshape (51, 51) to (2600,)");
    assert_shape(z, 2, 51, 51, "after a refused reshape_1d");
    cr_assert(strstr(wb_error(), "(51, 51)") && strstr(wb_error(), "(2600,)"),
              "the message should name both shapes: '%s'", wb_error());
    /* rows * cols overflowing a size_t must not wrap around to a match */
    cr_assert(wb_reshape(z, SIZE_MAX / 2 + 1, 2) == -1,
              "an overflowing reshape was accepted");
    wb_free(z);
}

Test(array, column_and_map)
{
    wb_array *m = wb_matrix(3, 2);
    wb_array *c, *s;
    for (size_t k = 0; k < 6; k++)
        m->data[k] = (double)k;  /* [[0, 1], [2, 3], [4, 5]] */
    c = wb_column(m, 1);
    assert_shape(c, 1, 3, 1, "m[:, 1]");
    for (size_t i = 0; i < 3; i++)
        cr_assert(c->data[i] == 2.0 * (double)i + 1.0, "m[%zu, 1] = %g", i,
                  c->data[i]);
    s = wb_map(m, sqrt);
    assert_shape(s, 2, 3, 2, "map keeps the shape");
    for (size_t k = 0; k < 6; k++)
        cr_assert(s->data[k] == sqrt((double)k), "sqrt map[%zu] = %g", k,
                  s->data[k]);
    wb_free(m);
    wb_free(c);
    wb_free(s);
}

/* ---- programming errors abort ----------------------------------------- */

static void quiet(void)
{
    cr_redirect_stderr();  /* the abort message is expected */
}

Test(array, concatenate_mismatch_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_array *a = wb_matrix(2, 3), *b = wb_matrix(2, 2);
    wb_concatenate(a, b);
}

Test(array, concatenate_1d_with_2d_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_array *a = wb_vector(2), *b = wb_matrix(2, 1);
    wb_concatenate(a, b);
}

Test(array, column_stack_rows_mismatch_aborts, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *a = wb_vector(3), *b = wb_vector(4);
    const wb_array *cols[] = {a, b};
    wb_column_stack(cols, 2);
}

Test(array, meshgrid_of_2d_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_array *a = wb_matrix(2, 2), *b = wb_vector(2), *xx, *yy;
    wb_meshgrid(&xx, &yy, a, b);
}

Test(array, column_out_of_range_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_column(wb_matrix(2, 2), 2);
}

Test(array, histogram_without_bins_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_histogram(wb_vector(2), 0, 0.0, 1.0);
}

Test(array, histogram_reversed_range_aborts, .signal = SIGABRT, .init = quiet)
{
    wb_histogram(wb_vector(2), 3, 1.0, 0.0);
}

/* ---- statistics and histograms ----------------------------------------- */

Test(array, stats_small)
{
    const double v[] = {1.0, 2.0, 3.0, 4.0};
    wb_array *a = vec(4, v);
    cr_assert(wb_mean(a) == 2.5, "mean = %.17g", wb_mean(a));
    /* ddof 0: sqrt(((1.5^2 + 0.5^2) * 2) / 4) = sqrt(1.25) */
    cr_assert(close_to(wb_std(a), sqrt(1.25), 1.0),
              "std = %.17g, expected sqrt(1.25) = %.17g (tolerance %g)",
              wb_std(a), sqrt(1.25), REL_TOL);
    cr_assert(wb_min(a) == 1.0 && wb_max(a) == 4.0, "min %g max %g",
              wb_min(a), wb_max(a));
    wb_free(a);
}

Test(array, stats_empty_and_nan)
{
    const double v[] = {1.0, NAN, -3.0};
    wb_array *e = wb_vector(0), *a = vec(3, v);
    cr_assert(isnan(wb_mean(e)) && isnan(wb_std(e)) && isnan(wb_min(e)) &&
                  isnan(wb_max(e)),
              "statistics of an empty array are not NaN");
    cr_assert(isnan(wb_min(a)) && isnan(wb_max(a)) && isnan(wb_mean(a)),
              "a NaN should propagate: min %g max %g mean %g", wb_min(a),
              wb_max(a), wb_mean(a));
    wb_free(e);
    wb_free(a);
}

/* numpy adds in pairs: a long sum of 0.1 is far closer to n/10 than a
 * left-to-right loop, and wb_mean must give numpy's digits. */
Test(array, mean_sums_in_pairs)
{
    wb_array *a = wb_vector(100000);
    double loop = 0.0;
    for (size_t k = 0; k < a->size; k++) {
        a->data[k] = 0.1;
        loop += 0.1;
    }
    cr_assert(fabs(wb_mean(a) - 0.1) < fabs(loop / 1e5 - 0.1),
              "mean %.17g is no better than a plain loop's %.17g",
              wb_mean(a), loop / 1e5);
    cr_assert(close_to(wb_mean(a), 0.1, 0.1), "mean %.17g", wb_mean(a));
    wb_free(a);
}

Test(array, histogram_edges)
{
    /* bins of 0.25 over [0, 1]: [0, .25) [.25, .5) [.5, .75) [.75, 1] */
    const double v[] = {0.0, 0.25, 0.5, 0.75, 1.0, 0.1, -0.01, 1.01, NAN};
    const double want[] = {2, 1, 1, 2};
    wb_array *x = vec(9, v);
    wb_array *h = wb_histogram(x, 4, 0.0, 1.0);
    assert_shape(h, 1, 4, 1, "histogram of 4 bins");
    for (size_t b = 0; b < 4; b++)
        cr_assert(h->data[b] == want[b], "bin %zu counts %g, expected %g", b,
                  h->data[b], want[b]);
    wb_free(x);
    wb_free(h);
}

/* With 7 bins over [0, 1], edge[5] = 0.7142857142857142 but
 * 0.7142857142857142 * 7 is 4.9999999999999991, whose floor is bin 4: the
 * edges must correct the guess, so that every edge opens its own bin. */
Test(array, histogram_corrects_rounding_at_edges)
{
    wb_array *edges = wb_linspace(0.0, 1.0, 8);
    wb_array *h = wb_histogram(edges, 7, 0.0, 1.0);
    cr_assert(floor(edges->data[5] * 7.0) == 4.0,
              "this test needs a value whose guessed bin is wrong");
    for (size_t b = 0; b < 6; b++)
        cr_assert(h->data[b] == 1.0, "bin %zu counts %g: every edge value "
                  "should open its own bin", b, h->data[b]);
    cr_assert(h->data[6] == 2.0, "the last bin counts %g, expected 2 (its "
              "left edge and hi)", h->data[6]);
    wb_free(edges);
    wb_free(h);
}

Test(array, histogram_empty_range_widens)
{
    const double v[] = {1.0, 1.0, 2.0, 0.5};
    wb_array *x = vec(4, v);
    wb_array *h = wb_histogram(x, 2, 1.0, 1.0);  /* becomes [0.5, 1.5] */
    cr_assert(h->data[0] == 1.0 && h->data[1] == 2.0,
              "counts (%g, %g), expected (1, 2)", h->data[0], h->data[1]);
    wb_free(x);
    wb_free(h);
}

/* ---- printing ---------------------------------------------------------- */

Test(array, shape_str)
{
    char buf[32];
    wb_array *v = wb_vector(100), *m = wb_matrix(51, 51);
    cr_assert_str_eq(wb_shape_str(buf, sizeof buf, v), "(100,)");
    cr_assert_str_eq(wb_shape_str(buf, sizeof buf, m), "(51, 51)");
    cr_assert_str_eq(wb_shape_str(buf, 4, m), "(51", "a short buffer should "
                     "truncate");
    wb_free(v);
    wb_free(m);
}

/* The mean, the population standard deviation and the range. */
Test(array, spread_str)
{
    char buf[80];
    const double v[] = {0.9, 0.8, 1.0, 0.9};
    wb_array *a = vec(4, v), *none = wb_vector(0);
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, a, 3),
                     "mean 0.900, sd 0.071, from 0.800 to 1.000");
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, a, 1),
                     "mean 0.9, sd 0.1, from 0.8 to 1.0");
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, none, 3), "(no values)");
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, NULL, 3), "(no values)");
    /* values that are not finite are left out, and said to be */
    const double w[] = {0.9, NAN, 1.1, INFINITY}, x[] = {NAN, -NAN};
    wb_array *some = vec(4, w), *nans = vec(2, x);
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, some, 2),
                     "mean 1.00, sd 0.10, from 0.90 to 1.10 (some have none)");
    cr_assert_str_eq(wb_spread_str(buf, sizeof buf, nans, 3), "(no values)");
    wb_free(some);
    wb_free(nans);
    wb_free(a);
    wb_free(none);
}

Test(array, str_examples)
{
    const double v[] = {0.0, 1.0, 2.0, 3.0};
    wb_array *a = vec(4, v);
    char *s = wb_array_str(a);
    cr_assert_str_eq(s, "[0. 1. 2. 3.]");
    free(s);
    wb_reshape(a, 2, 2);
    s = wb_array_str(a);
    cr_assert_str_eq(s, "[[0. 1.]\n [2. 3.]]");
    free(s);
    wb_free(a);
}

Test(array, fprint_writes_a_line)
{
    const double v[] = {1.5, 2.25};
    wb_array *a = vec(2, v);
    FILE *fp = tmpfile();
    char line[64] = "";
    cr_assert_not_null(fp, "tmpfile failed");
    cr_assert(wb_fprint(fp, a) == 0, "wb_fprint: %s", wb_error());
    rewind(fp);
    cr_assert(fgets(line, sizeof line, fp) != NULL, "nothing written");
    cr_assert_str_eq(line, "[1.5  2.25]\n");
    fclose(fp);
    wb_free(a);
}

Test(array, fprint_reports_write_errors)
{
    wb_array *a = wb_vector(3);
    FILE *fp = fopen("/dev/null", "r");  /* a stream that cannot be written */
    cr_assert_not_null(fp, "cannot open /dev/null");
    cr_assert(wb_fprint(fp, a) == -1, "a failed write was not reported");
    cr_assert(strstr(wb_error(), "cannot print") != NULL, "error: '%s'",
              wb_error());
    fclose(fp);
    wb_free(a);
}

/* ---- cases written by numpy -------------------------------------------- */

typedef struct fixture_case {
    const char *name;
    wb_array *a;
    double stats[4];       /* mean, std, min, max */
    size_t bins;           /* 0 when numpy gave no histogram */
    double lo, hi;
    double *counts;
    const char *str;       /* what print(a) shows */
} fixture_case;

typedef struct fixture {
    char *text;            /* the file, cut into strings in place */
    fixture_case *cases;
    size_t n;
    size_t declared;       /* the number of cases its header announces */
} fixture;

/* The next line of the file, as a string; *p moves past it. */
static char *next_line(char **p, size_t *lineno)
{
    char *line = *p, *nl;
    cr_assert(**p != '\0', "fixture: unexpected end of file at line %zu",
              *lineno);
    nl = strchr(line, '\n');
    cr_assert_not_null(nl, "fixture: line %zu does not end", *lineno);
    *nl = '\0';
    *p = nl + 1;
    ++*lineno;
    return line;
}

/* The rest of a line that must start with `key` and a space. */
static char *after_key(char *line, const char *key, size_t lineno)
{
    size_t n = strlen(key);
    cr_assert(strncmp(line, key, n) == 0 && line[n] == ' ',
              "fixture line %zu: expected '%s ...', found '%.40s'", lineno, key,
              line);
    return line + n + 1;
}

/* Reads `count` numbers written by repr(), over as many lines as needed. */
static void read_numbers(char **p, size_t *lineno, double *out, size_t count)
{
    size_t k = 0;
    while (k < count) {
        char *s = next_line(p, lineno), *end;
        for (;;) {
            double v = strtod(s, &end);
            if (end == s)
                break;
            cr_assert(k < count, "fixture line %zu: more than %zu numbers",
                      *lineno, count);
            out[k++] = v;
            s = end;
        }
        cr_assert(*s == '\0', "fixture line %zu: '%s' is not a number",
                  *lineno, s);
    }
}

static void read_case(fixture_case *c, char **p, size_t *lineno, char *line)
{
    size_t rows, cols, count, nlines;
    int nshape;
    char *s;

    c->name = after_key(line, "case", *lineno);
    s = after_key(next_line(p, lineno), "shape", *lineno);
    nshape = sscanf(s, "%zu %zu", &rows, &cols);
    cr_assert(nshape == 1 || nshape == 2, "fixture line %zu: bad shape",
              *lineno);
    c->a = nshape == 1 ? wb_vector(rows) : wb_matrix(rows, cols);
    cr_assert_not_null(c->a, "case %s: %s", c->name, wb_error());
    s = after_key(next_line(p, lineno), "values", *lineno);
    count = strtoul(s, NULL, 10);
    cr_assert(count == c->a->size, "case %s: %zu values for %zu elements",
              c->name, count, c->a->size);
    read_numbers(p, lineno, c->a->data, count);
    s = after_key(next_line(p, lineno), "stats", *lineno);
    cr_assert(sscanf(s, "%lf %lf %lf %lf", &c->stats[0], &c->stats[1],
                     &c->stats[2], &c->stats[3]) == 4,
              "fixture line %zu: bad stats", *lineno);
    line = next_line(p, lineno);
    if (strncmp(line, "hist ", 5) == 0) {
        cr_assert(sscanf(line + 5, "%zu %lf %lf", &c->bins, &c->lo, &c->hi) ==
                      3,
                  "fixture line %zu: bad hist", *lineno);
        c->counts = malloc(c->bins * sizeof *c->counts);
        cr_assert_not_null(c->counts, "out of memory");
        read_numbers(p, lineno, c->counts, c->bins);
        line = next_line(p, lineno);
    }
    nlines = strtoul(after_key(line, "str", *lineno), NULL, 10);
    /* the expected text is the next nlines lines, newlines inside kept */
    c->str = *p;
    for (size_t i = 0; i < nlines; i++)
        next_line(p, lineno);
    for (char *q = (char *)c->str; q < *p - 1; q++)
        if (*q == '\0')
            *q = '\n';
    cr_assert_str_eq(next_line(p, lineno), "end", "case %s: no 'end'",
                     c->name);
}

static fixture load_fixture(void)
{
    fixture fx = {0};
    size_t lineno = 0, cap = 0;
    char *p;

    fx.text = wb_read_file(FIXTURE, NULL);
    cr_assert_not_null(fx.text, "cannot read the fixture: %s", wb_error());
    p = fx.text;
    while (*p != '\0') {
        char *line = next_line(&p, &lineno);
        if (line[0] == '#') {
            sscanf(line, "# %zu cases", &fx.declared);
            continue;
        }
        if (fx.n == cap) {
            cap = cap ? 2 * cap : 64;
            fx.cases = realloc(fx.cases, cap * sizeof *fx.cases);
            cr_assert_not_null(fx.cases, "out of memory");
        }
        fx.cases[fx.n] = (fixture_case){0};
        read_case(&fx.cases[fx.n++], &p, &lineno, line);
    }
    cr_assert(fx.n >= 40 && fx.n == fx.declared,
              "fixture: read %zu cases, its header announces %zu", fx.n,
              fx.declared);
    return fx;
}

static void free_fixture(fixture *fx)
{
    for (size_t i = 0; i < fx->n; i++) {
        wb_free(fx->cases[i].a);
        free(fx->cases[i].counts);
    }
    free(fx->cases);
    free(fx->text);
}

static const fixture_case *find_case(const fixture *fx, const char *name)
{
    for (size_t i = 0; i < fx->n; i++)
        if (strcmp(fx->cases[i].name, name) == 0)
            return &fx->cases[i];
    cr_assert_fail("fixture: no case '%s'", name);
    return NULL;
}

static void assert_same_array(const wb_array *got, const wb_array *want,
                              const char *what)
{
    char sg[32], sw[32];
    cr_assert_not_null(got, "%s: NULL (%s)", what, wb_error());
    cr_assert(got->ndim == want->ndim && got->shape[0] == want->shape[0] &&
                  got->shape[1] == want->shape[1],
              "%s: shape %s, numpy has %s", what,
              wb_shape_str(sg, sizeof sg, got),
              wb_shape_str(sw, sizeof sw, want));
    for (size_t k = 0; k < want->size; k++)
        cr_assert(same_double(got->data[k], want->data[k]),
                  "%s: value %zu is %.17g, numpy has %.17g", what, k,
                  got->data[k], want->data[k]);
}

Test(array, numpy_print)
{
    fixture fx = load_fixture();
    size_t failed = 0;
    for (size_t i = 0; i < fx.n; i++) {
        const fixture_case *c = &fx.cases[i];
        char *got = wb_array_str(c->a);
        cr_assert_not_null(got, "case %s: %s", c->name, wb_error());
        if (strcmp(got, c->str) != 0) {
            failed++;
            cr_log_error("case %s: print(a) differs\n--- numpy:\n%s\n"
                         "--- wb_array_str:\n%s\n---",
                         c->name, c->str, got);
        }
        free(got);
    }
    cr_assert(failed == 0, "%zu of %zu cases print differently (above)",
              failed, fx.n);
    free_fixture(&fx);
}

Test(array, numpy_stats)
{
    fixture fx = load_fixture();
    const char *names[] = {"mean", "std", "min", "max"};
    for (size_t i = 0; i < fx.n; i++) {
        const fixture_case *c = &fx.cases[i];
        double got[4];
        got[0] = wb_mean(c->a);
        got[1] = wb_std(c->a);
        got[2] = wb_min(c->a);
        got[3] = wb_max(c->a);
        /* mean and std to the bit; min and max as numbers, because
         * which of -0.0 and 0.0 numpy's vectorised min picks is its own */
        for (int k = 0; k < 4; k++)
            cr_assert(k < 2 ? same_double(got[k], c->stats[k])
                            : got[k] == c->stats[k] ||
                                  (isnan(got[k]) && isnan(c->stats[k])),
                      "case %s: %s is %.17g, numpy has %.17g", c->name,
                      names[k], got[k], c->stats[k]);
    }
    free_fixture(&fx);
}

Test(array, numpy_histograms)
{
    fixture fx = load_fixture();
    size_t seen = 0;
    for (size_t i = 0; i < fx.n; i++) {
        const fixture_case *c = &fx.cases[i];
        wb_array *h;
        if (c->bins == 0)
            continue;
        seen++;
        h = wb_histogram(c->a, c->bins, c->lo, c->hi);
        cr_assert_not_null(h, "case %s: %s", c->name, wb_error());
        for (size_t b = 0; b < c->bins; b++)
            cr_assert(h->data[b] == c->counts[b],
                      "case %s: bin %zu counts %g, numpy has %g", c->name, b,
                      h->data[b], c->counts[b]);
        wb_free(h);
    }
    cr_assert(seen >= 4, "only %zu histograms in the fixture", seen);
    free_fixture(&fx);
}

Test(array, numpy_linspace)
{
    fixture fx = load_fixture();
    const struct {
        const char *name;
        double start, stop;
        size_t num;
    } cases[] = {
        {"linspace_-6_6_51", -6, 6, 51},
        {"linspace_-10_10_51", -10, 10, 51},
        {"linspace_-5_5_51", -5, 5, 51},
        {"linspace_-5_5_100", -5, 5, 100},
        {"linspace_-3_3_100", -3, 3, 100},
        {"linspace_-1_1_default", -1, 1, 50},
        {"linspace_1000", 0, 1, 1000},
        {"linspace_1001", 0, 1, 1001},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wb_array *y = wb_linspace(cases[i].start, cases[i].stop, cases[i].num);
        assert_same_array(y, find_case(&fx, cases[i].name)->a, cases[i].name);
        wb_free(y);
    }
    free_fixture(&fx);
}

/* The tutorial's grid: meshgrid of linspace(-6, 6, 51) twice, then
 * np.c_[gridx1.flatten(), gridx2.flatten()], against numpy's arrays. */
Test(array, numpy_meshgrid_and_c_)
{
    fixture fx = load_fixture();
    wb_array *lin = wb_linspace(-6, 6, 51);
    wb_array *gx1, *gx2, *f1, *f2, *grid;
    const wb_array *cols[2];

    cr_assert(wb_meshgrid(&gx1, &gx2, lin, lin) == 0, "meshgrid: %s",
              wb_error());
    assert_same_array(gx1, find_case(&fx, "meshgrid_51_x")->a, "gridx1");
    assert_same_array(gx2, find_case(&fx, "meshgrid_51_y")->a, "gridx2");
    f1 = wb_flatten(gx1);
    f2 = wb_flatten(gx2);
    cols[0] = f1;
    cols[1] = f2;
    grid = wb_column_stack(cols, 2);
    assert_same_array(grid, find_case(&fx, "meshgrid_51_c_")->a, "grid");
    wb_free(lin);
    wb_free(gx1);
    wb_free(gx2);
    wb_free(f1);
    wb_free(f2);
    wb_free(grid);
    free_fixture(&fx);
}

/* np.linalg.cholesky: A = L L^T with L lower triangular, its diagonal
 * positive; written over A, too. A matrix that is not symmetric, or not
 * positive definite, is refused. */
Test(array, cholesky)
{
    const double A[9] = {4, 2, -2, 2, 10, 2, -2, 2, 5};
    /* L = [[2, 0, 0], [1, 3, 0], [-1, 1, sqrt(3)]], by hand */
    const double want[9] = {2, 0, 0, 1, 3, 0, -1, 1, sqrt(3)};
    double L[9], in_place[9];
    cr_assert_eq(wb_cholesky(L, A, 3), 0, "%s", wb_error());
    memcpy(in_place, A, sizeof A);
    cr_assert_eq(wb_cholesky(in_place, in_place, 3), 0, "%s", wb_error());
    for (int k = 0; k < 9; k++) {
        cr_assert(fabs(L[k] - want[k]) <= 1e-15, "L[%d] = %.17g", k, L[k]);
        cr_assert_eq(in_place[k], L[k], "in place, L[%d] = %.17g", k,
                     in_place[k]);
    }
    const double not_pd[4] = {1, 2, 2, 1}, not_symmetric[4] = {1, 0, 1, 1};
    cr_assert_eq(wb_cholesky(L, not_pd, 2), -1);
    cr_assert_str_eq(wb_error(), "matrix is not positive definite");
    cr_assert_eq(wb_cholesky(L, not_symmetric, 2), -1);
    cr_assert(strstr(wb_error(), "not symmetric: entry (0, 1) = 0 but entry "
                     "(1, 0) = 1"), "%s", wb_error());
}
