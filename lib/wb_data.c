/* wb_data.c: samples in CSV files. See wb_data.h.
 *
 * The reader takes the whole file into memory, checking it as it comes
 * (a text, of lines and a size a sample may have), then cuts it in place:
 * each line end, and then each comma, becomes a NUL, so every field is a C
 * string ready for strtod. It checks everything before it returns
 * anything: the caller gets the whole sample or nothing.
 */
#include "wb_data.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* ---- numbers in the C locale ------------------------------------------- */

/* strtod and printf follow the program's locale, and a program that calls
 * setlocale may have one that writes a half as 0,5. The files always use
 * a point, so this thread switches to the C locale's numbers while it
 * reads or writes them. */
typedef struct numeric_locale {
    locale_t c;
    locale_t saved;
} numeric_locale;

static int c_numbers_begin(numeric_locale *l)
{
    l->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (l->c == (locale_t)0)
        return wb_fail("cannot make the C locale: %s", strerror(errno));
    l->saved = uselocale(l->c);
    return 0;
}

static void c_numbers_end(numeric_locale *l)
{
    uselocale(l->saved);
    freelocale(l->c);
}

/* ---- reading ----------------------------------------------------------- */

/* Where the reader is: the text left, the file's name, the line number. */
typedef struct reader {
    char *p;             /* the start of the next line */
    char *end;           /* the end of the text */
    const char *path;
    size_t line;         /* the number of the line last taken, from 1 */
} reader;

/* Takes the next line, cut off with a NUL where its line end ("\n" or
 * "\r\n") was. NULL at the end of the text. */
static char *next_line(reader *r)
{
    char *s = r->p, *nl;
    size_t len;

    if (s >= r->end)
        return NULL;
    nl = memchr(s, '\n', (size_t)(r->end - s));
    len = nl ? (size_t)(nl - s) : (size_t)(r->end - s);
    r->p = nl ? nl + 1 : r->end;
    if (len > 0 && s[len - 1] == '\r')
        len--;
    s[len] = '\0';
    r->line++;
    return s;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* The field without the spaces and tabs around it, cut off with a NUL. */
static char *trim(char *s)
{
    size_t len;
    while (is_blank(*s))
        s++;
    len = strlen(s);
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    s[len] = '\0';
    return s;
}

/* Whether the text holds nothing but spaces, tabs and line ends. */
static bool is_empty_text(const char *s, const char *end)
{
    for (; s < end; s++)
        if (!is_blank(*s) && *s != '\r' && *s != '\n')
            return false;
    return true;
}

/* Cuts `line` at its commas into at most `max` trimmed fields. Returns how
 * many fields the line has (more than `max` when it has too many). */
static size_t split(char **fields, size_t max, char *line)
{
    size_t count = 0;
    for (char *s = line;; s++) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        if (count < max)
            fields[count] = trim(s);
        count++;
        if (!comma)
            return count;
        s = comma;
    }
}

/* The field as it may be quoted in a message: at most 40 bytes. (wb_fail
 * shows its control characters as '?', as those of the file's name.) */
static const char *quoted(char *buf, size_t size, const char *field)
{
    size_t i = 0;
    for (; field[i] && i + 4 < size && i < 40; i++)
        buf[i] = field[i];
    if (field[i]) {
        memcpy(buf + i, "...", 3);
        i += 3;
    }
    buf[i] = '\0';
    return buf;
}

/* What has been checked of a text so far: its line, how long that line
 * is, and its size. */
typedef struct text_check {
    size_t line;      /* from 1 */
    size_t length;
    size_t size;
} text_check;

/* Checks the next n bytes of a text, the contents of `name`: no NUL byte
 * (a binary file), no line longer than WB_CSV_MAX_LINE, no more than
 * WB_CSV_MAX_BYTES in all. Reading a file a piece at a time, the reader
 * stops at the first piece that fails. */
static int check_text(text_check *c, const char *s, size_t n,
                      const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            c->line++;
            c->length = 0;
        } else if (s[i] == '\0') {
            return wb_fail("%s:%zu: a NUL byte: this is not a text file",
                           name, c->line);
        } else if (++c->length > WB_CSV_MAX_LINE) {
            return wb_fail("%s:%zu: a line longer than %d bytes: this is "
                           "not a sample file", name, c->line,
                           WB_CSV_MAX_LINE);
        }
    }
    c->size += n;
    if (c->size > WB_CSV_MAX_BYTES)
        return wb_fail("%s: larger than %d MiB, the most a sample file may "
                       "hold", name, WB_CSV_MAX_BYTES >> 20);
    return 0;
}

/* The contents of the file at `path`, checked as they come, into *len
 * bytes and a final NUL; NULL, with an error, at the first problem. */
static char *read_text(size_t *len, const char *path)
{
    FILE *fp = fopen(path, "rb");
    wb_buf b = {0};
    text_check c = {.line = 1};
    char chunk[16384];
    size_t n;
    int status = 0;

    if (!fp) {
        wb_fail("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    while (status == 0 && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        status = check_text(&c, chunk, n, path);
        if (status == 0) {
            wb_buf_append(&b, chunk, n);
            status = b.failed ? -1 : 0;    /* wb_buf_append said why */
        }
    }
    if (status == 0 && ferror(fp))
        status = wb_fail("cannot read %s: %s", path, strerror(errno));
    fclose(fp);
    if (status != 0) {
        wb_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return wb_buf_take(&b);
}

/* Reads the header; sets *d and *one_x (for "x,y"). `fields` has room for
 * the count of commas in the header plus one. */
static int read_header(size_t *d, bool *one_x, reader *r, char **fields,
                       size_t max)
{
    const char *bad = "%s:1: the header must be x,y or x1,x2,...,y";
    size_t count = split(fields, max, next_line(r));

    if (count < 2 || strcmp(fields[count - 1], "y") != 0)
        return wb_fail(bad, r->path);
    *d = count - 1;
    *one_x = count == 2 && strcmp(fields[0], "x") == 0;
    if (*one_x)
        return 0;
    for (size_t j = 0; j < *d; j++) {
        char name[32];
        snprintf(name, sizeof name, "x%zu", j + 1);
        if (strcmp(fields[j], name) != 0)
            return wb_fail(bad, r->path);
    }
    return 0;
}

/* The rows after the header, up to its last line that is not empty; an
 * empty line before that one is an error. Only counts: the text is left
 * as it is. */
static int count_rows(size_t *n, const reader *r)
{
    size_t line = r->line, blank = 0;

    *n = 0;
    for (const char *s = r->p; s < r->end;) {
        const char *nl = memchr(s, '\n', (size_t)(r->end - s));
        const char *end = nl ? nl : r->end;
        line++;
        if (is_empty_text(s, end)) {
            if (!blank)
                blank = line;
        } else if (blank) {
            return wb_fail("%s:%zu: an empty line among the rows (only the "
                           "end of the file may have empty lines)", r->path,
                           blank);
        } else {
            (*n)++;
        }
        s = nl ? nl + 1 : r->end;
    }
    if (*n == 0)
        return wb_fail("%s:2: the header is followed by no rows", r->path);
    return 0;
}

/* Parses one field of column `column` ("x", "x2" or "y") into *v. */
static int parse_number(double *v, const char *field, const reader *r,
                        const char *column)
{
    char *end, buf[48];

    if (*field == '\0')
        return wb_fail("%s:%zu: column %s is empty", r->path, r->line,
                       column);
    errno = 0;
    *v = strtod(field, &end);
    if (*end != '\0')
        return wb_fail("%s:%zu: '%s' is not a number in column %s", r->path,
                       r->line, quoted(buf, sizeof buf, field), column);
    if (!isfinite(*v))
        return wb_fail("%s:%zu: '%s' is not a finite number in column %s",
                       r->path, r->line, quoted(buf, sizeof buf, field),
                       column);
    return 0;
}

/* Reads the rows into X: (n, d) and y: (n,); line by line, field by
 * field, the first problem ends it. */
static int read_rows(wb_array *X, wb_array *y, reader *r, char **fields,
                     size_t d, bool one_x)
{
    for (size_t i = 0; i < y->size; i++) {
        char *line = next_line(r), column[32];
        size_t count = split(fields, d + 1, line);
        double label;

        if (count != d + 1)
            return wb_fail("%s:%zu: %zu field%s, but the header has %zu "
                           "columns", r->path, r->line, count,
                           count == 1 ? "" : "s", d + 1);
        for (size_t j = 0; j < d; j++) {
            if (one_x)
                snprintf(column, sizeof column, "x");
            else
                snprintf(column, sizeof column, "x%zu", j + 1);
            if (parse_number(&X->data[i * d + j], fields[j], r, column) != 0)
                return -1;
        }
        if (parse_number(&label, fields[d], r, "y") != 0)
            return -1;
        if (label != 0 && label != 1)
            return wb_fail("%s:%zu: y = %s, but y must be 0 or 1", r->path,
                           r->line, quoted(column, sizeof column, fields[d]));
        y->data[i] = label == 1 ? 1 : 0;    /* "-0" is read as 0 */
    }
    return 0;
}

/* Parses the len bytes of `text` (changing them), checked by check_text,
 * the contents of the file named `path` in messages; frees text. */
static int parse(wb_array **X, wb_array **y, char *text, size_t len,
                 const char *path)
{
    size_t d = 0, n = 0, max;
    bool one_x = false;
    char **fields = NULL;
    reader r;
    numeric_locale loc;
    int status = -1;

    r = (reader){.p = text, .end = text + len, .path = path, .line = 0};
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3;    /* the UTF-8 byte-order mark */
    if (is_empty_text(r.p, r.end)) {
        wb_fail("%s:1: the file is empty; it must start with a header x,y "
                "or x1,x2,...,y", path);
        goto done;
    }

    /* Room for as many fields as the header has commas, plus one. */
    max = 1;
    for (const char *s = r.p; s < r.end && *s != '\n'; s++)
        max += *s == ',';
    fields = wb_calloc(max, sizeof *fields);
    if (!fields || read_header(&d, &one_x, &r, fields, max) != 0 ||
        count_rows(&n, &r) != 0)
        goto done;
    *X = one_x ? wb_vector(n) : wb_matrix(n, d);
    *y = wb_vector(n);
    if (!*X || !*y || c_numbers_begin(&loc) != 0)
        goto done;
    status = read_rows(*X, *y, &r, fields, d, one_x);
    c_numbers_end(&loc);
done:
    if (status != 0) {
        wb_free(*X);
        wb_free(*y);
        *X = *y = NULL;
    }
    free(fields);
    free(text);
    return status;
}

int wb_read_csv(wb_array **X, wb_array **y, const char *path)
{
    size_t len;
    char *text;
    *X = *y = NULL;
    if ((text = read_text(&len, path)) == NULL)
        return -1;
    return parse(X, y, text, len, path);
}

/* Whether every example of X: (n, d) is at the same point. */
static bool all_at_one_point(const wb_array *X, size_t d)
{
    for (size_t k = d; k < X->size; k++)
        if (X->data[k] != X->data[k % d])
            return false;
    return true;
}

int wb_read_sample(wb_array **X, wb_array **y, const char *path, size_t d,
                   bool both)
{
    size_t have, ones = 0, big = 0, n;
    int status = 0;
    if (wb_read_csv(X, y, path) != 0)
        return -1;
    n = (*y)->size;
    have = (*X)->ndim == 1 ? 1 : (*X)->shape[1];
    for (size_t i = 0; i < n; i++)
        ones += (*y)->data[i] == 1;
    while (big < (*X)->size && fabs((*X)->data[big]) <= WB_SAMPLE_MAX)
        big++;
    if (have != d)
        status = wb_fail("%s: %zu feature%s, where %zu %s needed (a header "
                         "%s)", path, have, have == 1 ? "" : "s", d,
                         d == 1 ? "is" : "are",
                         d == 1 ? "x,y" : d == 2 ? "x1,x2,y" : "x1,...,y");
    else if (big < (*X)->size) {
        char column[32] = "x";
        if (d > 1)
            snprintf(column, sizeof column, "x%zu", big % d + 1);
        /* (line 1 is the header) */
        status = wb_fail("%s:%zu: %s = %g: a model here can use values up "
                         "to %g in size: scale the data", path, big / d + 2,
                         column, (*X)->data[big], WB_SAMPLE_MAX);
    } else if (both && (ones == 0 || ones == n))
        status = wb_fail("%s: only category %d in its %zu examples: a model "
                         "learns from both", path, ones ? 1 : 0, n);
    else if (both && n > 1 && all_at_one_point(*X, d))
        status = wb_fail("%s: its %zu examples are all at one point: a "
                         "model cannot tell the categories apart there", path,
                         n);
    if (status != 0) {
        wb_free(*X);
        wb_free(*y);
        *X = *y = NULL;
    }
    return status;
}

int wb_parse_csv(wb_array **X, wb_array **y, const char *text, size_t len,
                 const char *path)
{
    text_check c = {.line = 1};
    char *copy = NULL;
    *X = *y = NULL;
    if (check_text(&c, text, len, path) != 0 ||
        (copy = wb_malloc(len + 1)) == NULL)
        return -1;
    memcpy(copy, text, len);
    copy[len] = '\0';
    return parse(X, y, copy, len, path);
}

/* ---- holding out a test sample ----------------------------------------- */

/* A new array of the shape of a, with `rows` rows. */
static wb_array *rows_like(const wb_array *a, size_t rows)
{
    return a->ndim == 1 ? wb_vector(rows) : wb_matrix(rows, a->shape[1]);
}

int wb_hold_out(wb_array **X_train, wb_array **y_train, wb_array **X_test,
                wb_array **y_test, const wb_array *X, const wb_array *y,
                size_t parts, wb_rng *rng, const char *name)
{
    size_t n = y->size, width = n ? X->size / n : 0, held = 0;
    size_t count[2] = {0, 0}, into[2] = {0, 0};
    bool *test;

    WB_ASSERT(X->shape[0] == n && parts > 0, "hold_out: X (n, d), y (n,)");
    *X_train = *y_train = *X_test = *y_test = NULL;
    for (size_t i = 0; i < n; i++)
        count[y->data[i] == 1]++;
    for (int c = 0; c < 2; c++)
        if (count[c] < parts)
            return wb_fail("%s: %zu point%s of category %d, too few to hold "
                           "1 in %zu of them out to test on", name, count[c],
                           count[c] == 1 ? "" : "s", c, parts);
    if (!(test = wb_calloc(n, sizeof *test)))
        return -1;
    /* Of the `left` points of category c not looked at yet, each is held
     * out with the chance take / left: every choice of take points is
     * as likely (Knuth's selection sampling). */
    for (int c = 0; c < 2; c++) {
        size_t left = count[c], take = count[c] / parts;
        for (size_t i = 0; i < n && take > 0; i++)
            if ((y->data[i] == 1) == c) {
                if (wb_rng_below(rng, left) < take) {
                    test[i] = true;
                    take--;
                    held++;
                }
                left--;
            }
    }
    *X_train = rows_like(X, n - held);
    *y_train = wb_vector(n - held);
    *X_test = rows_like(X, held);
    *y_test = wb_vector(held);
    if (!*X_train || !*y_train || !*X_test || !*y_test) {
        wb_free(*X_train);
        wb_free(*y_train);
        wb_free(*X_test);
        wb_free(*y_test);
        *X_train = *y_train = *X_test = *y_test = NULL;
        free(test);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        size_t k = into[test[i]]++;
        memcpy((test[i] ? *X_test : *X_train)->data + k * width,
               X->data + i * width, width * sizeof *X->data);
        (test[i] ? *y_test : *y_train)->data[k] = y->data[i];
    }
    free(test);
    return 0;
}

/* ---- writing ----------------------------------------------------------- */

/* What wb_read_csv would refuse is refused before a file is made. */
static int check_sample(const char *path, const wb_array *X,
                        const wb_array *y)
{
    if (y->size == 0)
        return wb_fail("%s: an empty sample cannot be written (the file "
                       "would have no rows)", path);
    if (X->shape[1] == 0)
        return wb_fail("%s: X has no columns: a sample needs at least one "
                       "feature", path);
    for (size_t k = 0; k < X->size; k++)
        if (!isfinite(X->data[k]))
            return wb_fail("%s: X holds %g at row %zu, which a sample file "
                           "cannot hold", path, X->data[k],
                           k / X->shape[1]);
    for (size_t i = 0; i < y->size; i++)
        if (y->data[i] != 0 && y->data[i] != 1)
            return wb_fail("%s: y[%zu] = %g, but a label must be 0 or 1",
                           path, i, y->data[i]);
    return 0;
}

int wb_write_csv(const char *path, const wb_array *X, const wb_array *y)
{
    size_t n, d;
    numeric_locale loc;
    wb_file f;

    WB_ASSERT(X && y, "X and y are required");
    WB_ASSERT(X->shape[0] == y->size, "X has %zu rows but y has %zu labels",
              X->shape[0], y->size);
    n = X->shape[0];
    d = X->shape[1];
    if (check_sample(path, X, y) != 0 || c_numbers_begin(&loc) != 0)
        return -1;
    if (wb_file_open(&f, path) != 0) {
        c_numbers_end(&loc);
        return -1;
    }
    /* A write error is remembered by the stream, and wb_file_commit
     * reports it (and removes the temporary file). */
    if (X->ndim == 1) {
        fputs("x,", f.fp);
    } else {
        for (size_t j = 0; j < d; j++)
            fprintf(f.fp, "x%zu,", j + 1);
    }
    fputs("y\n", f.fp);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < d; j++) {
            /* exact, and as short as the value allows */
            fputs(wb_shortest(X->data[i * d + j]).text, f.fp);
            fputc(',', f.fp);
        }
        fputs(y->data[i] == 1 ? "1\n" : "0\n", f.fp);
    }
    c_numbers_end(&loc);
    return wb_file_commit(&f);
}
