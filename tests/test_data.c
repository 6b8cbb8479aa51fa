/* Tests of wb_data: the CSV reader on good files in every accepted shape
 * (CRLF, byte-order mark, no final newline, empty lines at the end), one
 * exact message for each kind of bad file, and the writer: exact round
 * trips, and no file left behind when writing fails. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_array.h"
#include "wb_core.h"
#include "wb_data.h"
#include "wb_rng.h"

/* A file `name` in a fresh folder, holding `len` bytes of `text`. The
 * path belongs to the test: free it. */
static char *file_with(const char *name, const char *text, size_t len)
{
    char *path = wb_path_join(test_dir("data"), name);
    cr_assert(path);
    cr_assert_eq(wb_write_file(path, text, len), 0, "%s", wb_error());
    return path;
}

static char *csv(const char *text)
{
    return file_with("sample.csv", text, strlen(text));
}

/* Reads `path`, which must be good, and checks the shape. */
static void read_ok(wb_array **X, wb_array **y, const char *path, int ndim,
                    size_t n, size_t d)
{
    cr_assert_eq(wb_read_csv(X, y, path), 0, "%s", wb_error());
    cr_assert_eq((*X)->ndim, ndim, "X has %d dimensions", (*X)->ndim);
    cr_assert(
        (*X)->shape[0] == n && (*X)->shape[1] == d && (*y)->size == n,
        "X is (%zu, %zu) and y has %zu values, expected (%zu, %zu) and %zu",
        (*X)->shape[0], (*X)->shape[1], (*y)->size, n, d, n);
}

/* The values here are read from decimal text, so they must be the doubles
 * strtod gives for the same text: compared exactly. */
static void assert_values(const wb_array *a, const double *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        cr_assert(a->data[i] == want[i], "value %zu is %.17g, expected %.17g",
                  i, a->data[i], want[i]);
}

/* The file is refused with exactly this message after "PATH". */
static void refused(const char *path, const char *after_path)
{
    wb_array *X = (wb_array *)1, *y = (wb_array *)1;
    char *want = wb_asprintf("%s%s", path, after_path);
    cr_assert_eq(wb_read_csv(&X, &y, path), -1, "%s was accepted", path);
    cr_assert(X == NULL && y == NULL, "a refused file still gave arrays");
    cr_assert_str_eq(wb_error(), want);
    free(want);
}

static void refused_text(const char *text, const char *after_path)
{
    char *path = csv(text);
    refused(path, after_path);
    free(path);
}

/* ---- good files -------------------------------------------------------- */

Test(data, reads_two_features)
{
    wb_array *X, *y;
    char *path = csv("x1,x2,y\n1.5,-2,0\n3,4e-3,1\n-0.25,1e10,1\n");
    read_ok(&X, &y, path, 2, 3, 2);
    assert_values(X, (double[]){1.5, -2, 3, 4e-3, -0.25, 1e10}, 6);
    assert_values(y, (double[]){0, 1, 1}, 3);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, x_y_is_one_feature_in_a_1d_array)
{
    wb_array *X, *y;
    char *path = csv("x,y\n-1.5,0\n2,1\n");
    read_ok(&X, &y, path, 1, 2, 1);
    assert_values(X, (double[]){-1.5, 2}, 2);
    assert_values(y, (double[]){0, 1}, 2);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, x1_y_is_one_feature_in_a_2d_array)
{
    wb_array *X, *y;
    char *path = csv("x1,y\n7,1\n");
    read_ok(&X, &y, path, 2, 1, 1);
    assert_values(X, (double[]){7}, 1);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, many_features)
{
    wb_array *X, *y;
    char *path = csv("x1,x2,x3,x4,x5,x6,x7,x8,x9,x10,x11,y\n"
                     "1,2,3,4,5,6,7,8,9,10,11,1\n");
    read_ok(&X, &y, path, 2, 1, 11);
    cr_assert(X->data[10] == 11, "x11 = %g", X->data[10]);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, crlf_bom_spaces_and_no_final_newline)
{
    wb_array *X, *y;
    char *path = csv("\xEF\xBB\xBFx1,x2,y\r\n 1.5 ,\t2,0\r\n3,4 , 1");
    read_ok(&X, &y, path, 2, 2, 2);
    assert_values(X, (double[]){1.5, 2, 3, 4}, 4);
    assert_values(y, (double[]){0, 1}, 2);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, empty_lines_may_end_the_file)
{
    wb_array *X, *y;
    char *path = csv("x,y\n1,0\n2,1\n\n  \r\n\n");
    read_ok(&X, &y, path, 1, 2, 1);
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, labels_written_as_other_numbers)
{
    wb_array *X, *y;
    char *path = csv("x,y\n1,1.0\n2,-0\n3,1e0\n4,0.0\n");
    read_ok(&X, &y, path, 1, 4, 1);
    assert_values(y, (double[]){1, 0, 1, 0}, 4);
    /* "-0" is the label 0, not -0.0 */
    cr_assert(!signbit(y->data[1]), "y[1] is -0");
    wb_free(X);
    wb_free(y);
    free(path);
}

Test(data, a_large_file)
{
    wb_buf b = {0};
    wb_array *X, *y;
    wb_buf_puts(&b, "x1,x2,y\n");
    for (int i = 0; i < 20000; i++)
        wb_buf_printf(&b, "%d.5,%d,%d\n", i, -i, i % 2);
    char *text = wb_buf_take(&b);
    char *path = csv(text);
    read_ok(&X, &y, path, 2, 20000, 2);
    cr_assert(WB_AT(X, 19999, 0) == 19999.5 && WB_AT(X, 19999, 1) == -19999,
              "last row (%g, %g)", WB_AT(X, 19999, 0), WB_AT(X, 19999, 1));
    cr_assert(y->data[19999] == 1, "last label %g", y->data[19999]);
    wb_free(X);
    wb_free(y);
    free(text);
    free(path);
}

/* ---- bad files: one line, naming the file and the line ----------------- */

Test(data, the_message_names_file_line_and_column)
{
    /* A bad number on line 7 of data.csv, in column x2. */
    const char *text = "x1,x2,y\n1,2,0\n1,2,1\n1,2,0\n1,2,1\n1,2,0\n"
                       "1,abc,1\n1,2,0\n";
    char *path = file_with("data.csv", text, strlen(text));
    refused(path, ":7: 'abc' is not a number in column x2");
    cr_assert(strchr(wb_error(), '\n') == NULL, "the message is one line");
    free(path);
}

Test(data, missing_file)
{
    /* wb_read_file's own words: "cannot open PATH: reason". */
    char *path = wb_path_join(test_dir("data"), "missing.csv");
    wb_array *X, *y;
    char *want = wb_asprintf("cannot open %s: No such file or directory",
                             path);
    cr_assert_eq(wb_read_csv(&X, &y, path), -1);
    cr_assert_str_eq(wb_error(), want);
    free(want);
    free(path);
}

Test(data, a_folder_is_not_a_file)
{
    char *dir = test_dir("data");
    wb_array *X, *y;
    cr_assert_eq(wb_read_csv(&X, &y, dir), -1);
    cr_assert(strstr(wb_error(), dir) && strstr(wb_error(), "directory"),
              "%s", wb_error());
}

Test(data, empty_files)
{
    const char *msg = ":1: the file is empty; it must start with a header "
                      "x,y or x1,x2,...,y";
    char *path = file_with("empty.csv", "", 0);
    refused(path, msg);
    free(path);
    refused_text("\xEF\xBB\xBF", msg);
    refused_text("\n\n \r\n", msg);
}

Test(data, bad_headers)
{
    const char *msg = ":1: the header must be x,y or x1,x2,...,y";
    refused_text("a,b,y\n1,2,0\n", msg);
    refused_text("x1,x3,y\n1,2,0\n", msg);
    refused_text("x,x2,y\n1,2,0\n", msg);
    refused_text("x2,y\n1,0\n", msg);
    refused_text("x1,x2\n1,2\n", msg);
    refused_text("y\n1\n", msg);
    refused_text("x,y,z\n1,0,0\n", msg);
    refused_text("X,Y\n1,0\n", msg);
    refused_text("\"x\",\"y\"\n1,0\n", msg);
    refused_text("1.5,0\n2,1\n", msg);
    refused_text("\nx,y\n1,0\n", msg);
}

Test(data, header_without_rows)
{
    refused_text("x1,x2,y\n", ":2: the header is followed by no rows");
    refused_text("x1,x2,y", ":2: the header is followed by no rows");
    refused_text("x,y\r\n\r\n\r\n", ":2: the header is followed by no rows");
}

Test(data, wrong_number_of_fields)
{
    refused_text("x1,x2,y\n1,2,0\n1,0\n",
                 ":3: 2 fields, but the header has 3 columns");
    refused_text("x1,x2,y\n1,2,3,0\n",
                 ":2: 4 fields, but the header has 3 columns");
    refused_text("x,y\n1\n", ":2: 1 field, but the header has 2 columns");
    refused_text("x,y\n1,0,\n", ":2: 3 fields, but the header has 2 columns");
}

Test(data, labels_other_than_0_and_1)
{
    refused_text("x,y\n1,0\n2,2\n", ":3: y = 2, but y must be 0 or 1");
    refused_text("x,y\n1,0.5\n", ":2: y = 0.5, but y must be 0 or 1");
    refused_text("x,y\n1,-1\n", ":2: y = -1, but y must be 0 or 1");
    refused_text("x,y\n1,yes\n", ":2: 'yes' is not a number in column y");
}

Test(data, numbers_that_are_not)
{
    refused_text("x,y\n1.5x,0\n", ":2: '1.5x' is not a number in column x");
    refused_text("x1,x2,y\n1,2 3,0\n",
                 ":2: '2 3' is not a number in column x2");
    refused_text("x1,x2,y\n1,1,0\n0,0x,1\n",
                 ":3: '0x' is not a number in column x2");
    refused_text("x1,x2,y\n1,,0\n", ":2: column x2 is empty");
    refused_text("x1,x2,y\n  ,1,0\n", ":2: column x1 is empty");
    refused_text("x,y\n1,\n", ":2: column y is empty");
    /* A decimal comma, as some locales write: two fields, not a number. */
    refused_text("x,y\n1,5,0\n", ":2: 3 fields, but the header has 2 columns");
}

Test(data, nan_and_infinity_are_refused)
{
    refused_text("x,y\nnan,0\n", ":2: 'nan' is not a finite number in "
                 "column x");
    refused_text("x1,x2,y\n1,-inf,0\n", ":2: '-inf' is not a finite number "
                 "in column x2");
    refused_text("x1,x2,y\n1,Infinity,0\n", ":2: 'Infinity' is not a finite "
                 "number in column x2");
    refused_text("x,y\n1e999,1\n", ":2: '1e999' is not a finite number in "
                 "column x");
    refused_text("x,y\n1,nan\n", ":2: 'nan' is not a finite number in "
                 "column y");
}

Test(data, empty_line_among_the_rows)
{
    refused_text("x,y\n1,0\n\n2,1\n", ":3: an empty line among the rows "
                 "(only the end of the file may have empty lines)");
    refused_text("x,y\n\n1,0\n", ":2: an empty line among the rows (only "
                 "the end of the file may have empty lines)");
}

Test(data, a_nul_byte)
{
    char *path = file_with("bin.csv", "x,y\n1,0\n2\0,1\n", 13);
    refused(path, ":3: a NUL byte: this is not a text file");
    free(path);
}

/* ---- files that are no sample: refused as soon as read ----------------- */

/* More than the reader takes of any file: what a file that never ends
 * (/dev/zero) gives, within a bound that spares the machine a reader that
 * has no limit. */
#define ENDLESS ((size_t)WB_CSV_MAX_BYTES + (64u << 20))

/* Reads, as the file /dev/fd/N, a stream of `head` then `piece` again and
 * again, ENDLESS bytes in all, written by a child process into a pipe.
 * Returns how much of it the child could write before the reader stopped
 * reading (and closed the pipe). */
static size_t read_stream(wb_array **X, wb_array **y, int *status,
                          const char *head, const char *piece, size_t len)
{
    int fd[2];
    cr_assert_eq(pipe(fd), 0);
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork");
    if (pid == 0) {
        size_t written = strlen(head);
        close(fd[0]);
        signal(SIGPIPE, SIG_IGN);    /* a write past the reader: EPIPE */
        if (write(fd[1], head, written) != (ssize_t)written)
            _exit(1);
        while (written < ENDLESS) {
            ssize_t n = write(fd[1], piece, len);
            if (n <= 0)
                _exit(1);
            written += (size_t)n;
        }
        _exit(0);
    }
    close(fd[1]);
    char path[64];
    snprintf(path, sizeof path, "/dev/fd/%d", fd[0]);
    *status = wb_read_csv(X, y, path);
    close(fd[0]);
    int child;
    cr_assert_eq(waitpid(pid, &child, 0), pid);
    cr_assert(WIFEXITED(child));
    return WEXITSTATUS(child) == 0 ? ENDLESS : 0;
}

/* An endless file of `piece` after `head` is refused, the message ending
 * in `says`, before the reader has taken much more than its limit. */
static void endless_refused(const char *head, const char *piece, size_t len,
                            const char *says)
{
    wb_array *X = NULL, *y = NULL;
    int status;
    size_t written = read_stream(&X, &y, &status, head, piece, len);
    cr_assert_eq(status, -1, "an endless file was accepted");
    cr_assert(X == NULL && y == NULL);
    cr_assert(strstr(wb_error(), "/dev/fd/") && strstr(wb_error(), says),
              "%s", wb_error());
    cr_assert_lt(written, ENDLESS, "the reader read all %zu bytes before "
                 "refusing the file", ENDLESS);
}

Test(data, an_endless_file_of_nul_bytes)
{
    char zeros[4096] = {0};
    endless_refused("", zeros, sizeof zeros,
                    ":1: a NUL byte: this is not a text file");
}

Test(data, an_endless_line)
{
    char digits[4096];
    memset(digits, '1', sizeof digits);
    endless_refused("x1,x2,y\n", digits, sizeof digits,
                    ":2: a line longer than 65536 bytes: this is not a "
                    "sample file");
}

Test(data, an_endless_sample)
{
    wb_buf b = {0};
    for (int i = 0; i < 1000; i++)
        wb_buf_puts(&b, "0.5,-2.25,1\n");
    char *rows = wb_buf_take(&b);
    endless_refused("x1,x2,y\n", rows, strlen(rows),
                    ": larger than 256 MiB, the most a sample file may "
                    "hold");
    free(rows);
}

/* A line of the longest length is read; one byte more is refused. */
Test(data, the_longest_line)
{
    size_t n = WB_CSV_MAX_LINE;
    char *text = malloc(n + 16);
    cr_assert(text);
    memcpy(text, "x,y\n", 4);
    memset(text + 4, '0', n - 2);
    memcpy(text + 4 + n - 2, ",1\n", 3);
    wb_array *X, *y;
    cr_assert_eq(wb_parse_csv(&X, &y, text, n + 5, "long.csv"), 0, "%s",
                 wb_error());
    wb_free(X);
    wb_free(y);
    memmove(text + 5, text + 4, n + 1);
    cr_assert_eq(wb_parse_csv(&X, &y, text, n + 6, "long.csv"), -1);
    cr_assert_str_eq(wb_error(), "long.csv:2: a line longer than 65536 "
                     "bytes: this is not a sample file");
    free(text);
}

/* Every message quotes the file's name and text with each control
 * character shown as '?': one line, whatever the name. */
Test(data, control_characters_are_shown_as_question_marks)
{
    char *dir = test_dir("data");
    char *path = wb_path_join(dir, "sam\nple\033[31m.csv");
    const char *bad = "x1,x2,y\n1,2\033[2J,0\n";
    cr_assert_eq(wb_write_file(path, bad, strlen(bad)), 0);
    char *shown = wb_path_join(dir, "sam?ple?[31m.csv");
    wb_array *X, *y;

    cr_assert_eq(wb_read_csv(&X, &y, path), -1);
    char *want = wb_asprintf("%s:2: '2?[2J' is not a number in column x2",
                             shown);
    cr_assert_str_eq(wb_error(), want);
    free(want);

    const char *one = "x1,x2,y\n1,2,0\n";
    cr_assert_eq(wb_write_file(path, one, strlen(one)), 0);
    cr_assert_eq(wb_read_sample(&X, &y, path, 2, true), -1);
    want = wb_asprintf("%s: only category 0 in its 1 examples: a model "
                       "learns from both", shown);
    cr_assert_str_eq(wb_error(), want);
    free(want);
    cr_assert_eq(wb_read_sample(&X, &y, path, 1, false), -1);
    cr_assert(strncmp(wb_error(), shown, strlen(shown)) == 0, "%s",
              wb_error());

    cr_assert_eq(wb_parse_csv(&X, &y, "x,y\n\0", 5, "in\tmemory"), -1);
    cr_assert_str_eq(wb_error(), "in?memory:2: a NUL byte: this is not a "
                     "text file");

    remove(path);
    cr_assert_eq(wb_read_csv(&X, &y, path), -1);
    want = wb_asprintf("cannot open %s: No such file or directory", shown);
    cr_assert_str_eq(wb_error(), want);
    free(want);
    free(shown);
    free(path);
}

Test(data, long_and_odd_fields_are_quoted_short)
{
    char field[200], text[300];
    memset(field, '7', sizeof field);
    field[0] = 'a';
    field[1] = '\t';
    field[sizeof field - 1] = '\0';
    snprintf(text, sizeof text, "x,y\n%s,0\n", field);
    char *path = csv(text);
    wb_array *X, *y;
    cr_assert_eq(wb_read_csv(&X, &y, path), -1);
    /* at most 40 bytes of the field, the tab shown as '?' */
    cr_assert(strstr(wb_error(), ":2: 'a?77777") &&
                  strstr(wb_error(), "...' is not a number in column x"),
              "%s", wb_error());
    cr_assert(strlen(wb_error()) < strlen(path) + 100, "%s", wb_error());
    free(path);
}

/* ---- writing ----------------------------------------------------------- */

static bool same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

Test(data, round_trip_is_exact)
{
    /* Doubles of every magnitude, the extremes and the awkward ones: each
     * must read back as the very same bits. */
    const size_t n = 3000;
    wb_rng rng;
    wb_array *X = wb_matrix(n, 3), *y = wb_vector(n), *X2, *y2;
    const double special[] = {0.1, 1.0 / 3, -0.0, 0.0, DBL_MAX, -DBL_MAX,
                              DBL_MIN, 5e-324, -5e-324, 2.2250738585072009e-308,
                              1e23, 9007199254740993.0, 0.30000000000000004};
    const size_t nspecial = sizeof special / sizeof *special;
    char *path = wb_path_join(test_dir("data"), "trip.csv");

    wb_rng_seed(&rng, 11);
    for (size_t k = 0; k < X->size; k++) {
        double e = wb_rng_uniform(&rng, -300, 300);
        X->data[k] = k < nspecial ? special[k]
                                  : wb_rng_normal(&rng, 0, 1) * pow(10, e);
    }
    for (size_t i = 0; i < n; i++)
        y->data[i] = (double)(wb_rng_below(&rng, 2));
    cr_assert_eq(wb_write_csv(path, X, y), 0, "%s", wb_error());
    cr_assert_eq(wb_read_csv(&X2, &y2, path), 0, "%s", wb_error());
    cr_assert(X2->ndim == 2 && X2->shape[0] == n && X2->shape[1] == 3);
    for (size_t k = 0; k < X->size; k++)
        cr_assert(same_bits(X2->data[k], X->data[k]),
                  "X value %zu: wrote %.17g, read %.17g", k, X->data[k],
                  X2->data[k]);
    for (size_t i = 0; i < n; i++)
        cr_assert(y2->data[i] == y->data[i], "label %zu", i);
    wb_free(X);
    wb_free(y);
    wb_free(X2);
    wb_free(y2);
    free(path);
}

Test(data, round_trip_of_one_feature)
{
    wb_array *x = wb_vector_from((double[]){-1.5, 0.1, 2e-7}, 3);
    wb_array *y = wb_vector_from((double[]){0, 1, 1}, 3), *x2, *y2;
    char *path = wb_path_join(test_dir("data"), "one.csv");
    cr_assert_eq(wb_write_csv(path, x, y), 0, "%s", wb_error());
    char *text = wb_read_file(path, NULL);
    /* the header says one feature; numbers as short as they read back */
    cr_assert_str_eq(text, "x,y\n-1.5,0\n0.1,1\n2e-07,1\n");
    read_ok(&x2, &y2, path, 1, 3, 1);
    assert_values(x2, x->data, 3);
    assert_values(y2, y->data, 3);
    free(text);
    free(path);
    wb_free(x);
    wb_free(y);
    wb_free(x2);
    wb_free(y2);
}

Test(data, header_of_several_features)
{
    wb_array *X = wb_matrix(1, 3), *y = wb_vector(1);
    char *path = wb_path_join(test_dir("data"), "three.csv");
    X->data[0] = 1;
    X->data[1] = 0.5;
    X->data[2] = -3;
    y->data[0] = 1;
    cr_assert_eq(wb_write_csv(path, X, y), 0, "%s", wb_error());
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "x1,x2,x3,y\n1,0.5,-3,1\n");
    free(text);
    free(path);
    wb_free(X);
    wb_free(y);
}

/* Writing what the reader would refuse fails before any file is made. */
Test(data, refuses_to_write_an_unreadable_sample)
{
    char *dir = test_dir("data");
    char *path = wb_path_join(dir, "bad.csv");
    wb_array *X = wb_matrix(2, 2), *y = wb_vector(2), *empty = wb_vector(0);
    X->data[3] = NAN;
    cr_assert_eq(wb_write_csv(path, X, y), -1);
    cr_assert(strstr(wb_error(), "nan at row 1"), "%s", wb_error());
    X->data[3] = INFINITY;
    cr_assert_eq(wb_write_csv(path, X, y), -1);
    X->data[3] = 0;
    y->data[1] = 2;
    cr_assert_eq(wb_write_csv(path, X, y), -1);
    cr_assert(strstr(wb_error(), "y[1] = 2, but a label must be 0 or 1"),
              "%s", wb_error());
    cr_assert_eq(wb_write_csv(path, empty, empty), -1);
    cr_assert(strstr(wb_error(), "empty sample"), "%s", wb_error());
    wb_array *no_columns = wb_matrix(2, 0);
    cr_assert_eq(wb_write_csv(path, no_columns, y), -1);
    cr_assert(strstr(wb_error(), "X has no columns"), "%s", wb_error());
    wb_free(no_columns);
    cr_assert_eq(count_entries(dir, ""), 0, "a file was left in %s", dir);
    free(path);
    wb_free(X);
    wb_free(y);
    wb_free(empty);
}

Test(data, failed_write_into_a_missing_folder)
{
    char *dir = test_dir("data");
    char *path = wb_path_join(dir, "no/such/folder/out.csv");
    wb_array *x = wb_vector_from((double[]){1, 2}, 2);
    wb_array *y = wb_vector_from((double[]){0, 1}, 2);
    cr_assert_eq(wb_write_csv(path, x, y), -1);
    cr_assert(strstr(wb_error(), "cannot create a file next to"), "%s",
              wb_error());
    cr_assert_eq(count_entries(dir, ""), 0);
    free(path);
    wb_free(x);
    wb_free(y);
}

/* A write that fails half way (the file-size limit of this test's process
 * is set below what the sample needs) leaves no file, no temporary file,
 * and an older file at the same path untouched. */
Test(data, failed_write_leaves_nothing_behind)
{
    char *dir = test_dir("data");
    char *path = wb_path_join(dir, "big.csv");
    const char *old = "x,y\n1,0\n2,1\n";
    const size_t n = 5000;
    wb_array *X = wb_matrix(n, 2), *y = wb_vector(n);
    struct rlimit limit = {4096, 4096};

    for (size_t k = 0; k < X->size; k++)
        X->data[k] = 1.0 / (double)(k + 3);
    cr_assert_eq(wb_write_file(path, old, strlen(old)), 0);
    signal(SIGXFSZ, SIG_IGN);    /* a write past the limit fails (EFBIG) */
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);

    cr_assert_eq(wb_write_csv(path, X, y), -1, "the write did not fail");
    cr_assert(strstr(wb_error(), path), "%s", wb_error());
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, old, "the older file was changed");
    cr_assert_eq(count_entries(dir, "."), 0, "a temporary file was left");
    cr_assert_eq(count_entries(dir, ""), 1);

    remove(path);
    cr_assert_eq(wb_write_csv(path, X, y), -1);
    cr_assert_eq(count_entries(dir, ""), 0, "a file was left in %s", dir);
    free(text);
    free(path);
    wb_free(X);
    wb_free(y);
}

/* A program that sets a locale writing a half as 0,5 (German here) still
 * reads and writes files with a point. The locale is built for the test
 * with localedef, from the sources of Debian's locales package; without
 * them the test is skipped. */
Test(data, a_decimal_comma_locale_changes_nothing)
{
    char *dir = test_dir("locale");
    char *cmd = wb_asprintf("localedef -i de_DE -f UTF-8 %s/de_DE.UTF-8 "
                            ">/dev/null 2>&1", dir);
    if (system(cmd) != 0)
        cr_skip_test("localedef cannot build de_DE.UTF-8 here");
    free(cmd);
    cr_assert_eq(setenv("LOCPATH", dir, 1), 0);
    cr_assert(setlocale(LC_NUMERIC, "de_DE.UTF-8"), "the locale is missing");
    cr_assert(strtod("0,5", NULL) == 0.5, "the locale reads no comma");

    wb_array *X, *y;
    wb_array *x = wb_vector_from((double[]){0.5, -1.25}, 2);
    wb_array *labels = wb_vector_from((double[]){1, 0}, 2);
    char *path = wb_path_join(dir, "comma.csv");
    cr_assert_eq(wb_write_csv(path, x, labels), 0, "%s", wb_error());
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "x,y\n0.5,1\n-1.25,0\n");
    read_ok(&X, &y, path, 1, 2, 1);
    assert_values(X, x->data, 2);
    /* and the program's locale is as it was */
    cr_assert(strtod("0,5", NULL) == 0.5, "the locale was changed");
    setlocale(LC_NUMERIC, "C");
    free(text);
    free(path);
    wb_free(x);
    wb_free(labels);
    wb_free(X);
    wb_free(y);
}

/* ---- programming errors abort ------------------------------------------ */

static void quiet(void)
{
    cr_redirect_stderr();    /* the abort message is expected */
}

Test(data, writing_mismatched_arrays_aborts, .signal = SIGABRT,
     .init = quiet)
{
    wb_array *X = wb_matrix(3, 2), *y = wb_vector(2);
    wb_write_csv("/tmp/never-written.csv", X, y);
}

/* ---- holding out a test sample ------------------------------------------ */

/* 1 in `parts` of each category, at random but by the seed, in the
 * sample's order; every point in one part exactly. */
Test(data, hold_out_a_fifth_of_each_category)
{
    size_t n = 53;    /* 20 of category 1, 33 of category 0 */
    wb_array *X = wb_matrix(n, 2), *y = wb_vector(n);
    wb_array *Xa, *ya, *Xt, *yt, *Xb, *yb, *Xu, *yu;
    wb_rng rng;
    for (size_t i = 0; i < n; i++) {
        WB_AT(X, i, 0) = (double)i;
        WB_AT(X, i, 1) = -(double)i;
        y->data[i] = i % 8 < 3;
    }
    wb_rng_seed(&rng, 4);
    cr_assert_eq(wb_hold_out(&Xa, &ya, &Xt, &yt, X, y, 5, &rng, "s.csv"), 0,
                 "%s", wb_error());
    cr_assert_eq(yt->size, 20 / 5 + 33 / 5);
    cr_assert_eq(Xt->shape[0], yt->size);
    cr_assert_eq(Xt->shape[1], 2);
    cr_assert_eq(ya->size + yt->size, n);
    cr_assert_eq(wb_mean(yt) * (double)yt->size, 4);
    /* each point once, in order, with its label */
    size_t a = 0, t = 0;
    for (size_t i = 0; i < n; i++) {
        bool in_test = t < yt->size && WB_AT(Xt, t, 0) == (double)i;
        wb_array *Xp = in_test ? Xt : Xa, *yp = in_test ? yt : ya;
        size_t k = in_test ? t++ : a++;
        cr_assert_eq(WB_AT(Xp, k, 0), (double)i, "point %zu", i);
        cr_assert_eq(WB_AT(Xp, k, 1), -(double)i);
        cr_assert_eq(yp->data[k], y->data[i]);
    }
    cr_assert_eq(a, ya->size);
    cr_assert_eq(t, yt->size);
    /* the same seed, the same points; another, others */
    wb_rng_seed(&rng, 4);
    cr_assert_eq(wb_hold_out(&Xb, &yb, &Xu, &yu, X, y, 5, &rng, "s.csv"), 0);
    cr_assert_eq(memcmp(Xu->data, Xt->data, Xt->size * sizeof *Xt->data), 0);
    wb_free(Xb), wb_free(yb), wb_free(Xu), wb_free(yu);
    wb_rng_seed(&rng, 5);
    cr_assert_eq(wb_hold_out(&Xb, &yb, &Xu, &yu, X, y, 5, &rng, "s.csv"), 0);
    cr_assert_neq(memcmp(Xu->data, Xt->data, Xt->size * sizeof *Xt->data), 0);
    wb_free(Xb), wb_free(yb), wb_free(Xu), wb_free(yu);

    /* a category of fewer than 5 points cannot lend one to the test */
    y->data[0] = y->data[1] = y->data[2] = 0;
    for (size_t i = 8; i < n; i++)
        y->data[i] = 0;
    y->data[3] = 1;
    cr_assert_eq(wb_hold_out(&Xb, &yb, &Xu, &yu, X, y, 5, &rng, "s.csv"), -1);
    cr_assert_str_eq(wb_error(), "s.csv: 1 point of category 1, too few to "
                     "hold 1 in 5 of them out to test on");
    cr_assert(!Xb && !yb && !Xu && !yu);
    wb_free(X), wb_free(y), wb_free(Xa), wb_free(ya), wb_free(Xt);
    wb_free(yt);
}

/* A sample a model learns from holds values a model can use: at most
 * WB_SAMPLE_MAX in size, and not every example at one point. */
Test(data, a_sample_a_model_can_use)
{
    char *dir = test_dir("data-usable");
    char *path = wb_path_join(dir, "s.csv");
    const struct {
        const char *text, *says;
        bool both;
    } cases[] = {
        {"x1,x2,y\n1,2,0\n1e300,0,1\n", "s.csv:3: x1 = 1e+300: a model here "
         "can use values up to 1e+50 in size: scale the data", false},
        {"x1,x2,y\n1e-300,2,0\n0,-1e51,1\n", "s.csv:3: x2 = -1e+51", false},
        {"x,y\n1,0\n2e60,1\n", "s.csv:3: x = 2e+60", true},
        {"x1,x2,y\n1,1,0\n1,1,1\n1,1,0\n", "s.csv: its 3 examples are all "
         "at one point: a model cannot tell the categories apart there",
         true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wb_array *X, *y;
        size_t d = strncmp(cases[i].text, "x,", 2) == 0 ? 1 : 2;
        cr_assert_eq(wb_write_file(path, cases[i].text,
                                   strlen(cases[i].text)), 0);
        cr_assert_eq(wb_read_sample(&X, &y, path, d, cases[i].both), -1,
                     "%s", cases[i].text);
        cr_assert(strstr(wb_error(), cases[i].says), "%s", wb_error());
        cr_assert(!X && !y);
    }
    /* at the edge, and all at one point for a sample only judged on */
    const char *fine[] = {"x1,x2,y\n1e50,-1e50,0\n1e-300,0,1\n",
                          "x1,x2,y\n1,1,0\n1,1,1\n"};
    for (size_t i = 0; i < 2; i++) {
        wb_array *X, *y;
        cr_assert_eq(wb_write_file(path, fine[i], strlen(fine[i])), 0);
        cr_assert_eq(wb_read_sample(&X, &y, path, 2, i == 0), 0, "%s",
                     wb_error());
        wb_free(X);
        wb_free(y);
    }
    free(path);
}
