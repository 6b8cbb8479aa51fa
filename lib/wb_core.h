/* wb_core.h: errors, memory and files, shared by every module.
 *
 * How the library reports failure. A function that can fail returns -1
 * (or NULL) after recording one line that says what went wrong; wb_error()
 * returns that line. The library never exits and never prints: the program
 * decides what to do. Programmer errors, such as arrays of mismatched shapes,
 * are not failures but bugs: WB_ASSERT prints where and why, then aborts.
 *
 * How the library writes files. Every file goes first to a temporary name
 * in the same folder and is renamed into place only once complete
 * (wb_file_open, wb_file_commit), so a reader never sees a half-written
 * figure, data file or page, even if the program is interrupted.
 */
#ifndef WB_CORE_H
#define WB_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define WB_VERSION "0.1.0"

/* ---- errors ------------------------------------------------------------ */

/* The longest error message kept, with its final NUL: room for the
 * longest path (4096 bytes) and what is said of it. */
#define WB_ERROR_SIZE 8192

/* Records a printf-style message as the current error and returns -1. The
 * arguments may include wb_error() itself, to add to the message:
 * wb_fail("figure %s: %s", name, wb_error()). The message is one line:
 * a control character that an argument brings in (a file name with a
 * newline) is shown as '?' (wb_mask_controls). */
int wb_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The current error message ("" when there is none). */
const char *wb_error(void);

/* Aborts with "file:line: assertion failed: cond: message". */
#define WB_ASSERT(cond, ...)                                                  \
    ((cond) ? (void)0                                                         \
            : wb_assert_fail(__FILE__, __LINE__, #cond, __VA_ARGS__))
_Noreturn void wb_assert_fail(const char *file, int line, const char *cond,
                              const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Shows each control character of `text` (a newline, a tab, an escape;
 * the C1 codes, U+0080 to U+009F, too) as '?', in place, so that a text
 * quoted in a message leaves it one line and does nothing to a terminal.
 * wb_fail does so to every message. Returns `text`. */
char *wb_mask_controls(char *text);

/* ---- numbers ----------------------------------------------------------- */

/* A double as the shortest of %.15g, %.16g and %.17g that reads back as
 * the same double: exact, and as short as the value allows (0.922, not
 * 0.92200000000000004); "inf", "-inf" or "nan" when it is not finite. The
 * text is in a struct, so that it can be an argument:
 *
 *     printf("w = %s\n", wb_shortest(w).text);
 */
typedef struct wb_number {
    char text[32];
} wb_number;

wb_number wb_shortest(double v);

/* ---- memory ------------------------------------------------------------ */

/* malloc/calloc/realloc that record "out of memory" on failure. wb_calloc
 * and wb_reallocarray also fail, instead of overflowing, when
 * count * size does not fit in a size_t. */
void *wb_malloc(size_t size);
void *wb_calloc(size_t count, size_t size);
void *wb_reallocarray(void *ptr, size_t count, size_t size);
char *wb_strdup(const char *s);
char *wb_strndup(const char *s, size_t n);
/* A newly allocated string formatted like printf. */
char *wb_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string, for building text piece by piece. A failed append
 * sets `failed` and leaves the text as it was; wb_buf_take reports it. */
typedef struct wb_buf {
    char *data;    /* NUL-terminated text, or NULL while empty */
    size_t len;
    size_t cap;
    bool failed;
} wb_buf;

void wb_buf_append(wb_buf *b, const char *s, size_t n);
void wb_buf_puts(wb_buf *b, const char *s);
void wb_buf_printf(wb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text (owned by the caller; "" when empty), or NULL after a failure. */
char *wb_buf_take(wb_buf *b);
void wb_buf_free(wb_buf *b);

/* ---- files ------------------------------------------------------------- */

/* A file being written under a temporary name. */
typedef struct wb_file {
    FILE *fp;      /* open for writing on `tmp`, or NULL once closed */
    char *path;    /* where the file goes once complete */
    char *tmp;     /* the temporary file, in the same folder as `path` */
} wb_file;

/* Creates a temporary file next to `path` and opens it for writing. */
int wb_file_open(wb_file *f, const char *path);
/* Closes the file (checking every buffered write) and renames it to its
 * final path. On failure the temporary file is removed. If the caller has
 * already closed `fp` (and set it to NULL), only the rename is done: this is
 * how a file written by another program (gnuplot) is moved into place. */
int wb_file_commit(wb_file *f);
/* Closes and removes the temporary file; `path` is left untouched. */
void wb_file_abort(wb_file *f);

/* The temporary files being written now, for a signal handler that
 * removes them when the program is stopped (the figures layer installs
 * one: see wb_signals.h). Slot i, for i < WB_FILES_PENDING, holds
 * the name of one, or NULL. The handler may read them at any moment: a
 * name is recorded, complete, before its file is created, and dropped
 * once the file is renamed into place or removed. */
#define WB_FILES_PENDING 64
const char *wb_file_pending(size_t i);

/* Writes `len` bytes to `path` through a temporary file. */
int wb_write_file(const char *path, const void *data, size_t len);
/* Reads a whole file; the result is NUL-terminated. *len may be NULL. */
char *wb_read_file(const char *path, size_t *len);
/* Creates a folder and its parents, like mkdir -p. */
int wb_mkdirs(const char *dir);
/* "dir/name" (or "name" when dir is NULL or ""). */
char *wb_path_join(const char *dir, const char *name);
/* A name made only of letters, digits, '_', '-' and '.', not starting
 * with '.' or '-': safe as a file name and inside a gnuplot script. */
bool wb_is_safe_name(const char *name);

#endif
