/* Helpers shared by the tests. See helpers.h. */
#include "helpers.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "wb_term.h"

/* ---- folders and files ------------------------------------------------- */

/* The folders made by test_dir, removed when the test's process ends. */
static char **test_dirs;
static size_t ntest_dirs;

void remove_tree(const char *path)
{
    struct stat st;
    DIR *d = lstat(path, &st) == 0 && S_ISDIR(st.st_mode) ? opendir(path)
                                                          : NULL;
    struct dirent *e;
    if (d) {
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                char *p = wb_path_join(path, e->d_name);
                if (p)
                    remove_tree(p);
                free(p);
            }
        closedir(d);
    }
    remove(path);
}

static void remove_test_dirs(void)
{
    for (size_t i = 0; i < ntest_dirs; i++) {
        remove_tree(test_dirs[i]);
        free(test_dirs[i]);
    }
    free(test_dirs);
    test_dirs = NULL;
    ntest_dirs = 0;
}

char *test_dir(const char *prefix)
{
    char *dir = wb_asprintf("/tmp/wb-%s-XXXXXX", prefix);
    char **dirs = wb_reallocarray(test_dirs, ntest_dirs + 1, sizeof *dirs);
    cr_assert(dir && dirs && mkdtemp(dir), "mkdtemp");
    if (ntest_dirs == 0)
        atexit(remove_test_dirs);
    test_dirs = dirs;
    test_dirs[ntest_dirs++] = dir;
    return dir;
}

int count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    cr_assert(d, "cannot open %s", dir);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
            strncmp(e->d_name, prefix, strlen(prefix)) == 0)
            n++;
    closedir(d);
    return n;
}

bool file_exists(const char *dir, const char *name)
{
    char *path = wb_path_join(dir, name);
    struct stat st;
    bool yes;
    cr_assert(path);
    yes = stat(path, &st) == 0;
    free(path);
    return yes;
}

char *read_in(const char *dir, const char *name, size_t *len)
{
    char *path = wb_path_join(dir, name);
    char *text;
    cr_assert(path);
    text = wb_read_file(path, len);
    cr_assert(text, "%s", wb_error());
    free(path);
    return text;
}

void assert_same_files(const char *a, const char *b,
                       const char *const *names)
{
    for (; *names; names++) {
        size_t la, lb;
        char *x = read_in(a, *names, &la), *y = read_in(b, *names, &lb);
        cr_assert(la == lb && memcmp(x, y, la) == 0, "%s differs", *names);
        free(x);
        free(y);
    }
}

int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

double number_after(const char *text, const char *label)
{
    const char *s = strstr(text, label);
    double v;
    cr_assert(s, "'%s' is not in:\n%s", label, text);
    cr_assert_eq(sscanf(s + strlen(label), "%lf", &v), 1, "after '%s' in:\n%s",
                 label, text);
    return v;
}

/* ---- programs ---------------------------------------------------------- */

program_result run_program(const char *cwd, const char *const *argv)
{
    char *dir = test_dir("run");
    char *outp = wb_path_join(dir, "out"), *errp = wb_path_join(dir, "err");
    program_result r = {0};
    int status;
    pid_t pid = fork();
    cr_assert(pid >= 0, "fork");
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 ||
            dup2(out, 1) < 0 || dup2(err, 2) < 0 || (cwd && chdir(cwd)))
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    cr_assert(waitpid(pid, &status, 0) == pid);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status)
                                 : 128 + WTERMSIG(status);
    r.out = wb_read_file(outp, NULL);
    r.err = wb_read_file(errp, NULL);
    cr_assert(r.out && r.err, "%s", wb_error());
    free(outp);
    free(errp);
    return r;
}

void program_result_free(program_result *r)
{
    free(r->out);
    free(r->err);
}

/* The rows that the text from `from` to `to` (complete lines) takes in a
 * window `cols` wide; a cleared screen starts the count again. (A line
 * wider than the window takes more than one row.) */
static int rows_written(const char *from, const char *to, int cols)
{
    int rows = 0;
    for (const char *s = from; s < to;) {
        const char *eol = memchr(s, '\n', (size_t)(to - s));
        const char *clear;
        size_t w;
        if (!eol)
            break;
        clear = strstr(s, "\033[2J");
        if (clear && clear < eol)
            rows = 0;
        /* a carriage return starts the line again */
        for (const char *c = s; c < eol; c++)
            if (*c == '\r')
                s = c + 1;
        w = wb_term_width(s, (size_t)(eol - s));
        rows += w == 0 ? 1 : (int)((w + (size_t)cols - 1) / (size_t)cols);
        s = eol + 1;
    }
    return rows;
}

terminal_result run_terminal_session(const terminal_session *t)
{
    struct winsize ws = {.ws_col = (unsigned short)(t->cols ? t->cols : 80),
                         .ws_row = (unsigned short)(t->rows ? t->rows : 24)};
    terminal_result r = {.raw_at_prompts = true};
    struct termios start, now;
    wb_buf seen = {0};
    size_t upto = 0, typed_at = 0, keys = 0, page_keys = 0;
    const char *da1 = t->da1;
    int fd, status;
    pid_t pid = forkpty(&fd, NULL, NULL, &ws);

    if (pid < 0)
        cr_skip_test("no pseudo-terminal can be opened here (%s): the "
                     "terminal notebook is not tested", strerror(errno));
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        unsetenv("NO_COLOR");
        unsetenv("WB_GRAPHICS");
        unsetenv("VISUAL");
        for (const char *const *e = t->env; e && *e; e++)
            putenv((char *)*e);
        execv(t->argv[0], (char *const *)t->argv);
        _exit(127);
    }
    cr_assert_eq(tcgetattr(fd, &start), 0);
    for (int idle = 0; idle < 300;) {    /* at most 300 quiet 0.2 s waits */
        struct pollfd p = {fd, POLLIN, 0};
        char chunk[4096];
        ssize_t n;
        if (poll(&p, 1, 200) <= 0) {
            idle++;
            continue;
        }
        n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            break;
        wb_buf_append(&seen, chunk, (size_t)n);
        if (da1 && strstr(seen.data, "\033[c")) {
            cr_assert(write(fd, da1, strlen(da1)) > 0);
            da1 = NULL;
        }
        /* A new prompt: the next key for its kind. */
        for (;;) {
            /* (on a narrow screen, the keys alone: "[Enter, e, q: quit]") */
            const char *step = strstr(seen.data + upto, "[Enter");
            const char *page = strstr(seen.data + upto, "% -- Space");
            const char *at = !step ? page : !page ? step
                                              : step < page ? step : page;
            const char *end = at ? strstr(at, at == step ? "q: quit"
                                                         : "q: close")
                                 : NULL;
            char key;
            int rows;
            if (!end)
                break;
            rows = rows_written(seen.data + typed_at, at, ws.ws_col);
            if (rows > r.most_rows)
                r.most_rows = rows;
            cr_assert_eq(tcgetattr(fd, &now), 0);
            if (now.c_lflag & (ICANON | ECHO))
                r.raw_at_prompts = false;
            if (at == step) {
                key = t->keys && t->keys[keys] ? t->keys[keys++] : 'q';
                r.prompts++;
            } else {
                key = t->page_keys && t->page_keys[page_keys]
                          ? t->page_keys[page_keys++]
                          : ' ';
                r.pages++;
            }
            if (key == TERMINAL_RESIZE) {
                /* the window takes its new size: SIGWINCH, and a prompt
                 * again, which takes the next key */
                ws.ws_col = (unsigned short)t->resize_cols;
                ws.ws_row = (unsigned short)t->resize_rows;
                cr_assert_eq(ioctl(fd, TIOCSWINSZ, &ws), 0);
                r.resizes++;
            } else {
                cr_assert(write(fd, &key, 1) == 1);
            }
            upto = (size_t)(end - seen.data) + 1;
            typed_at = upto;
        }
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status)
                                 : 128 + WTERMSIG(status);
    cr_assert_eq(tcgetattr(fd, &now), 0);
    r.restored = (now.c_lflag & (ICANON | ECHO | ISIG)) ==
                 (start.c_lflag & (ICANON | ECHO | ISIG));
    close(fd);
    r.out = wb_buf_take(&seen);
    cr_assert(r.out);
    return r;
}

void terminal_result_free(terminal_result *r)
{
    free(r->out);
    r->out = NULL;
}

void assert_json_numbers_shortest(const char *json)
{
    size_t numbers = 0;
    for (const char *s = json; *s; s++) {
        char *end;
        double v;
        if (!strchr(":[,", *s) ||
            !(s[1] == '-' || isdigit((unsigned char)s[1])))
            continue;
        v = strtod(s + 1, &end);
        cr_assert(end > s + 1);
        cr_assert(strncmp(s + 1, wb_shortest(v).text,
                          (size_t)(end - s - 1)) == 0 &&
                      strlen(wb_shortest(v).text) == (size_t)(end - s - 1),
                  "%.*s is not written as %s: %s", (int)(end - s - 1), s + 1,
                  wb_shortest(v).text, json);
        numbers++;
        s = end - 1;
    }
    cr_assert_gt(numbers, 0, "no number in %s", json);
}

/* ---- images ------------------------------------------------------------ */

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
           p[3];
}

void assert_png(const char *dir, const char *file, size_t min_bytes,
                uint32_t *width, uint32_t *height)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G',
                                         '\r', '\n', 0x1A, '\n'};
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                           0xAE, 0x42, 0x60, 0x82};
    size_t len;
    unsigned char *png = (unsigned char *)read_in(dir, file, &len);
    cr_assert_geq(len, min_bytes, "%s: only %zu bytes", file, len);
    cr_assert(len > 32 && memcmp(png, sig, 8) == 0, "%s: not a PNG", file);
    cr_assert(memcmp(png + 12, "IHDR", 4) == 0, "%s: no IHDR first", file);
    cr_assert(memcmp(png + len - 12, iend, 12) == 0,
              "%s: no IEND at the end: cut short?", file);
    if (width)
        *width = be32(png + 16);
    if (height)
        *height = be32(png + 20);
    free(png);
}

void assert_pdf(const char *dir, const char *file, size_t min_bytes)
{
    size_t len;
    char *pdf = read_in(dir, file, &len);
    cr_assert_geq(len, min_bytes, "%s: only %zu bytes", file, len);
    cr_assert(len > 16 && memcmp(pdf, "%PDF-", 5) == 0,
              "%s: no %%PDF- header", file);
    while (len > 0 && (pdf[len - 1] == '\n' || pdf[len - 1] == '\r'))
        len--;
    cr_assert(len > 5 && memcmp(pdf + len - 5, "%%EOF", 5) == 0,
              "%s: no %%%%EOF at the end: cut short?", file);
    free(pdf);
}

/* ---- chapters ---------------------------------------------------------- */

char *chapter_book_run(const char *chapter, const char *const *args)
{
    const char *argv[32] = {chapter, "--book", "--out", NULL};
    char *dir = test_dir("book");
    size_t k = 3;
    program_result r;
    argv[k++] = dir;
    for (; args && *args; args++) {
        cr_assert(k + 1 < sizeof argv / sizeof *argv, "too many arguments");
        argv[k++] = *args;
    }
    argv[k] = NULL;
    r = run_program(NULL, argv);
    cr_assert_eq(r.status, 0, "%s exited with %d: %s", chapter, r.status,
                 r.err);
    cr_assert_str_eq(r.err, "", "nothing on stderr in a good run");
    cr_assert_str_eq(r.out, "", "book mode prints into files");
    program_result_free(&r);
    return dir;
}

char **manifest_figures(const char *dir)
{
    char *text = read_in(dir, "manifest.tsv", NULL);
    char **names = NULL;
    size_t n = 0;
    for (char *line = text, *next; line && *line; line = next) {
        char step[128], name[128];
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (sscanf(line, "figure\t%127[^\t]\t%127[^\t]", step, name) != 2)
            continue;
        names = wb_reallocarray(names, n + 2, sizeof *names);
        cr_assert(names && (names[n] = wb_strdup(name)));
        names[++n] = NULL;
    }
    free(text);
    cr_assert(names, "no figure in %s/manifest.tsv", dir);
    return names;
}

void free_names(char **names)
{
    for (char **s = names; s && *s; s++)
        free(*s);
    free(names);
}

size_t assert_book_figures(const char *dir)
{
    char **names = manifest_figures(dir);
    size_t n = 0;
    for (char **s = names; *s; s++, n++) {
        char file[160];
        uint32_t w, h;
        snprintf(file, sizeof file, "%s.png", *s);
        assert_png(dir, file, 8000, &w, &h);
        /* Sharp at the HTML book's 720 px column, and landscape. */
        cr_assert(w >= 800 && w <= 2400, "%s: width %u", file, w);
        cr_assert(h >= 200 && h < w, "%s: height %u", file, h);
        snprintf(file, sizeof file, "%s.pdf", *s);
        assert_pdf(dir, file, 4000);
        snprintf(file, sizeof file, "%s.gp", *s);
        if (file_exists(dir, file)) {
            size_t len;
            free(read_in(dir, file, &len));
            cr_assert_gt(len, 500, "%s: only %zu bytes", file, len);
            snprintf(file, sizeof file, "%s.dat", *s);
            free(read_in(dir, file, &len));
            cr_assert_gt(len, 20, "%s: only %zu bytes", file, len);
        }
    }
    free_names(names);
    return n;
}
