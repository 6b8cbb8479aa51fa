/* wb_core.c: errors, memory and files. See wb_core.h. */
#include "wb_core.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* Temporary files that a signal handler must remove. The handler may only
 * read what is here, so each slot is set after its string is complete. */
#define MAX_PENDING 64
static char *volatile pending[MAX_PENDING];

static void pending_add(char *tmp)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
    /* More than 64 files open at once: the file is still written safely,
     * only an interrupted run may leave its temporary behind. */
}

static void pending_remove(const char *tmp)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
}

/* Children to stop first: the handler reads these too. */
#define MAX_CHILDREN 16
static volatile pid_t children[MAX_CHILDREN];

void wb_child_track(pid_t pid)
{
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i] == 0) {
            children[i] = pid;
            return;
        }
}

void wb_child_untrack(pid_t pid)
{
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i] == pid)
            children[i] = 0;
}

static void remove_pending_and_die(int sig)
{
    for (int i = 0; i < MAX_CHILDREN; i++)
        if (children[i] > 0 && kill(children[i], SIGKILL) == 0)
            waitpid(children[i], NULL, 0);
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

void wb_signals_hold(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals;
         i++)
        sigaddset(&set, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void wb_signals_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

void wb_signals_default(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_DFL;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals;
         i++)
        sigaction(cleanup_signals[i], &sa, NULL);
}

void wb_file_cleanup_on_signals(void)
{
    const int *sigs = cleanup_signals;
    for (size_t i = 0; i < sizeof cleanup_signals / sizeof *cleanup_signals;
         i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_pending_and_die;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

int wb_file_open(wb_file *f, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    sigset_t saved;
    int fd;

    *f = (wb_file){0};
    /* "dir/.name.XXXXXX": hidden, and in the same folder so that rename()
     * is atomic. */
    f->tmp = wb_asprintf("%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    f->path = wb_strdup(path);
    if (!f->tmp || !f->path)
        goto fail;
    /* No signal between making the file and recording it: the handler
     * must find every temporary file it has to remove. */
    wb_signals_hold(&saved);
    fd = mkstemp(f->tmp);
    if (fd >= 0)
        pending_add(f->tmp);
    wb_signals_release(&saved);
    if (fd < 0) {
        wb_fail("cannot create a file next to %s: %s", path, strerror(errno));
        goto fail;
    }
    /* mkstemp makes the file 0600; a figure or a page should be readable by
     * others like any file the user creates. */
    {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        wb_fail("cannot write %s: %s", f->tmp, strerror(errno));
        close(fd);
        wb_file_abort(f);
        return -1;
    }
    return 0;
fail:
    free(f->tmp);
    free(f->path);
    *f = (wb_file){0};
    return -1;
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
