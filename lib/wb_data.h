/* wb_data.h: samples read from and written to CSV files.
 *
 * A sample is n examples, each d numbers (its features) and a label y, 0
 * or 1. In a file it is a header line naming the columns, then one line
 * per example:
 *
 *     x,y                  x1,x2,y
 *     -1.25,0              0.31,-0.7,0
 *     2.0625,1             1.9,2.4,1
 *
 * "x,y" is one feature, read into a 1-D X of shape (n,); "x1,...,xd,y" is
 * d features, read into a 2-D X of shape (n, d). Numbers are written as C
 * writes them, with a point, whatever the locale ("0.5", "-1e-07"); NaN
 * and infinity are refused. Lines may end in CRLF (as Windows writes them),
 * the file may start with a UTF-8 byte-order mark, the last line need not
 * end in a newline, and empty lines may end the file (not sit among the
 * rows).
 *
 * A file that breaks these rules is refused with one line naming the
 * file, the line and the problem:
 *
 *     data.csv:7: 'abc' is not a number in column x2
 *
 * (the file's name and its text shown with each control character as '?',
 * so that the message stays one line). A NUL byte, a line longer than
 * WB_CSV_MAX_LINE bytes or a file larger than WB_CSV_MAX_BYTES is refused
 * as soon as it is read: a file that is no sample, even one that never
 * ends (/dev/zero), is refused at once.
 */
#ifndef WB_DATA_H
#define WB_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_array.h"
#include "wb_rng.h"

/* The longest line and the largest file a sample may have: room for some
 * thousands of features, and for about ten million examples of two (the
 * chapters' samples have a thousand). */
#define WB_CSV_MAX_LINE 65536
#define WB_CSV_MAX_BYTES (256 * 1024 * 1024)

/* Reads the sample in the CSV file at `path`: X: (n,) or (n, d), y: (n,).
 * Returns 0, or -1 with an error and *X and *y set to NULL. */
int wb_read_csv(wb_array **X, wb_array **y, const char *path);

/* The largest size of a value a model may learn from: the models
 * multiply two values and sum the squares of such products over a sample
 * (chapter 4's u = x1 x2), which must stay far within a double's 1e308. */
#define WB_SAMPLE_MAX 1e50

/* wb_read_csv of a sample a model will learn from or be judged on: it
 * must have `d` features, each value at most WB_SAMPLE_MAX in size
 * ("sample.csv:7: x2 = 1e+300: a model here can use values up to 1e+50 in
 * size: scale the data"), and, when `both` is set, as a sample to learn
 * from, examples of both categories ("sample.csv: only category 1 in its
 * 12 examples: a model learns from both") not all at one point. */
int wb_read_sample(wb_array **X, wb_array **y, const char *path, size_t d,
                   bool both);

/* The same, from the len bytes at `text` (which may hold NUL bytes, and
 * need not end with one), read as the contents of a file named `path`. */
int wb_parse_csv(wb_array **X, wb_array **y, const char *text, size_t len,
                 const char *path);

/* Splits the sample X: (n,) or (n, d), y: (n,) named `name` into a part
 * to learn from, *X_train and *y_train, and one held out to test on, *X_test
 * and *y_test, as scikit-learn's train_test_split(stratify=y) does: of
 * each category's k points, k / parts (rounded down), chosen at random
 * with rng, are held out; each part keeps the sample's order. Returns 0,
 * or -1 with an error when a category has fewer than `parts` points, and
 * none of them could be held out. */
int wb_hold_out(wb_array **X_train, wb_array **y_train, wb_array **X_test,
                wb_array **y_test, const wb_array *X, const wb_array *y,
                size_t parts, wb_rng *rng, const char *name);

/* Writes X: (n,) or (n, d) and y: (n,) to `path` in the same format, each
 * number with as few digits as read back to the same double. The file is
 * written under a temporary name and renamed when complete: after a
 * failure (-1, with an error) nothing new is left at `path`. An empty
 * sample, a NaN or infinity in X, or a label other than 0 and 1 is
 * refused, as wb_read_csv would refuse the file. */
int wb_write_csv(const char *path, const wb_array *X, const wb_array *y);

#endif
