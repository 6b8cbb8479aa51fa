/* wb_core.c: errors, memory and files. See wb_core.h. */
#include "wb_core.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- errors ------------------------------------------------------------ */

/* One message per thread, like errno. */
static _Thread_local char error_message[WB_ERROR_SIZE];

int wb_fail(const char *fmt, ...)
{
    /* Formatted apart first: an argument may be the message itself. */
    static _Thread_local char next[WB_ERROR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(next, sizeof next, fmt, ap);
    va_end(ap);
    wb_mask_controls(next);
    memcpy(error_message, next, sizeof error_message);
    return -1;
}

const char *wb_error(void)
{
    return error_message;
}

void wb_assert_fail(const char *file, int line, const char *cond,
                    const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s:%d: assertion failed: %s: ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

char *wb_mask_controls(char *text)
{
    unsigned char *s = (unsigned char *)text;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] < 0x20 || s[i] == 0x7F) {
            s[i] = '?';
        } else if (s[i] == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F) {
            /* a C1 code, in UTF-8: two bytes, shown as one '?' */
            s[i] = '?';
            memmove(s + i + 1, s + i + 2, strlen((char *)s + i + 2) + 1);
        }
    }
    return text;
}

/* ---- numbers ------------------------------------------------------------ */

wb_number wb_shortest(double v)
{
    wb_number n;
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(n.text, sizeof n.text, "%.*g", digits, v);
        if (!isfinite(v) || strtod(n.text, NULL) == v)
            break;
    }
    return n;
}

/* ---- memory ------------------------------------------------------------ */

void *wb_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        wb_fail("out of memory (%zu bytes)", size);
    return p;
}

void *wb_calloc(size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size) {
        wb_fail("out of memory (%zu x %zu bytes overflows)", count, size);
        return NULL;
    }
    p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        wb_fail("out of memory (%zu x %zu bytes)", count, size);
    return p;
}

void *wb_reallocarray(void *ptr, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size) {
        wb_fail("out of memory (%zu x %zu bytes overflows)", count, size);
        return NULL;
    }
    p = realloc(ptr, count * size > 0 ? count * size : 1);
    if (!p)
        wb_fail("out of memory (%zu x %zu bytes)", count, size);
    return p;
}

char *wb_strndup(const char *s, size_t n)
{
    char *d = wb_malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *wb_strdup(const char *s)
{
    return wb_strndup(s, strlen(s));
}

static char *format_va(const char *fmt, va_list ap)
{
    va_list copy;
    char *s;
    int n;
    va_copy(copy, ap);
    n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0) {
        wb_fail("cannot format '%s'", fmt);
        return NULL;
    }
    s = wb_malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *wb_asprintf(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = format_va(fmt, ap);
    va_end(ap);
    return s;
}

void wb_buf_append(wb_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        char *p;
        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->data, cap);
        if (!p) {
            wb_fail("out of memory (%zu bytes of text)", cap);
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void wb_buf_puts(wb_buf *b, const char *s)
{
    wb_buf_append(b, s, strlen(s));
}

void wb_buf_printf(wb_buf *b, const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    s = format_va(fmt, ap);
    va_end(ap);
    if (!s) {
        b->failed = true;
        return;
    }
    wb_buf_puts(b, s);
    free(s);
}

char *wb_buf_take(wb_buf *b)
{
    char *s;
    if (b->failed) {
        wb_buf_free(b);
        return NULL;
    }
    s = b->data ? b->data : wb_strdup("");
    *b = (wb_buf){0};
    return s;
}

void wb_buf_free(wb_buf *b)
{
    free(b->data);
    *b = (wb_buf){0};
}

/* ---- files ------------------------------------------------------------- */

/* Temporary files that a signal handler may remove (wb_file_pending).
 * The handler may only read what is here, so each slot is set after its
 * string is complete. */
static char *volatile pending[WB_FILES_PENDING];

static void pending_add(char *tmp)
{
    for (int i = 0; i < WB_FILES_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
    /* More than 64 files open at once: the file is still written safely,
     * only an interrupted run may leave its temporary behind. */
}

static void pending_remove(const char *tmp)
{
    for (int i = 0; i < WB_FILES_PENDING; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
}

const char *wb_file_pending(size_t i)
{
    return i < WB_FILES_PENDING ? pending[i] : NULL;
}

int wb_file_open(wb_file *f, const char *path)
{
    static unsigned long made;    /* temporary names made so far */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    int fd = -1;

    *f = (wb_file){0};
    f->path = wb_strdup(path);
    if (!f->path)
        return -1;
    /* "dir/.name.PID.N": hidden, in the same folder so that rename() is
     * atomic, and this process's own. The name is recorded before the file
     * exists, so that a signal handler always finds it: removing it then
     * removes nothing, or a file of this process. O_EXCL never takes an
     * existing file; one left by an earlier process of the same number
     * only moves us on to the next name. */
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        free(f->tmp);
        f->tmp = wb_asprintf("%.*s.%s.%ld.%lu", (int)dirlen, path,
                             path + dirlen, (long)getpid(), ++made);
        if (!f->tmp)
            break;
        pending_add(f->tmp);
        fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0)
            pending_remove(f->tmp);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        if (f->tmp)
            wb_fail("cannot create a file next to %s: %s", path,
                    strerror(errno));
        free(f->tmp);
        free(f->path);
        *f = (wb_file){0};
        return -1;
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        wb_fail("cannot write %s: %s", f->tmp, strerror(errno));
        close(fd);
        wb_file_abort(f);
        return -1;
    }
    return 0;
}

int wb_file_commit(wb_file *f)
{
    int status = 0;
    if (f->fp) {
        bool bad = ferror(f->fp) != 0;
        if (fclose(f->fp) != 0 || bad)
            status = wb_fail("cannot write %s: %s", f->path,
                             bad ? "write error" : strerror(errno));
        f->fp = NULL;
    }
    if (status == 0 && rename(f->tmp, f->path) != 0)
        status = wb_fail("cannot rename %s to %s: %s", f->tmp, f->path,
                         strerror(errno));
    if (status != 0)
        unlink(f->tmp);
    pending_remove(f->tmp);
    free(f->tmp);
    free(f->path);
    *f = (wb_file){0};
    return status;
}

void wb_file_abort(wb_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp) {
        unlink(f->tmp);
        pending_remove(f->tmp);
    }
    free(f->tmp);
    free(f->path);
    *f = (wb_file){0};
}

int wb_write_file(const char *path, const void *data, size_t len)
{
    wb_file f;
    if (wb_file_open(&f, path) != 0)
        return -1;
    if (len && fwrite(data, 1, len, f.fp) != len) {
        wb_fail("cannot write %s: %s", path, strerror(errno));
        wb_file_abort(&f);
        return -1;
    }
    return wb_file_commit(&f);
}

char *wb_read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    wb_buf b = {0};
    char chunk[8192];
    size_t n;
    char *text;

    if (!fp) {
        wb_fail("cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        wb_buf_append(&b, chunk, n);
    if (ferror(fp)) {
        wb_fail("cannot read %s: %s", path, strerror(errno));
        fclose(fp);
        wb_buf_free(&b);
        return NULL;
    }
    fclose(fp);
    n = b.len;
    text = wb_buf_take(&b);
    if (text && len)
        *len = n;
    return text;
}

int wb_mkdirs(const char *dir)
{
    struct stat st;
    char *p;
    if (!*dir)
        return wb_fail("empty folder name");
    p = wb_strdup(dir);
    if (!p)
        return -1;
    for (char *s = p + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                wb_fail("cannot create folder %s: %s", p, strerror(errno));
                free(p);
                return -1;
            }
            *s = c;
            if (c == '\0')
                break;
        }
    }
    free(p);
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return wb_fail("%s exists and is not a folder", dir);
    return 0;
}

char *wb_path_join(const char *dir, const char *name)
{
    size_t n;
    if (!dir || !*dir)
        return wb_strdup(name);
    n = strlen(dir);
    return wb_asprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

bool wb_is_safe_name(const char *name)
{
    if (!name || !*name || name[0] == '.' || name[0] == '-')
        return false;
    for (const char *s = name; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
              *s == '.'))
            return false;
    return true;
}
