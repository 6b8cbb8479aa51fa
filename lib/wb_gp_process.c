/* wb_gp_process.c: running gnuplot, and reading what it says. See
 * wb_gp_process.h.
 *
 * gnuplot is always started with fork and execvp, never through a shell,
 * in the folder of the figure, with its standard error read back: that is
 * where it reports errors. An output name that gnuplot would hand to a
 * shell (one starting with '|') is never passed to it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_gp_process.h"
#include "wb_signals.h"

/* What the child failed to do before gnuplot ran. */
typedef struct child_failure {
    int step;       /* 0: chdir, 1: exec */
    int err;
} child_failure;

int wb_gp_timeout(void)
{
    const char *s = getenv("WB_GNUPLOT_TIMEOUT");
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    return s && *s && !*end && v > 0 && v <= 86400 ? (int)v : 60;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

int wb_gp_start(wb_gp_proc *p, const char *dir, char *const argv[],
                unsigned flags)
{
    /* Standard error, standard output, the exec report and standard input.
     * Every descriptor closes on exec, so that gnuplot (or one started next
     * to it) holds none but its own. Standard input is a socket, not a
     * pipe: writing to a gnuplot that has died then fails with EPIPE
     * instead of killing us with SIGPIPE (send's MSG_NOSIGNAL). */
    int fd[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
    sigset_t saved;
    int *err = &fd[0], *out = &fd[2], *ex = &fd[4], *in = &fd[6];
    bool capture = flags & WB_GP_CAPTURE;
    bool feed = flags & WB_GP_FEED;
    bool ok = pipe(err) == 0 && (!capture || pipe(out) == 0) &&
              pipe(ex) == 0 &&
              (!feed || socketpair(AF_UNIX, SOCK_STREAM, 0, in) == 0);
    for (int i = 0; ok && i < 8; i++)
        ok = fd[i] < 0 || fcntl(fd[i], F_SETFD, FD_CLOEXEC) == 0;
    *p = (wb_gp_proc){.pid = -1, .in_fd = -1, .err_fd = -1, .out_fd = -1,
                      .exec_fd = -1};
    if (ok) {
        fflush(stdout);
        fflush(stderr);
        /* No signal between the fork and recording the child: a signal's
         * handler must find every gnuplot, to stop it before it writes a
         * file again. */
        wb_signals_hold(&saved);
        p->pid = fork();
        ok = p->pid >= 0;
        if (p->pid > 0)
            wb_child_track(p->pid);
        if (p->pid != 0)
            wb_signals_release(&saved);
    }
    if (!ok) {
        int e = errno;
        for (int i = 0; i < 8; i++)
            close_fd(&fd[i]);
        return wb_fail("cannot run gnuplot: %s", strerror(e));
    }
    if (p->pid == 0) {
        /* The child: only async-signal-safe calls until exec. */
        child_failure f = {0, 0};
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        wb_signals_default();          /* the handler is the parent's */
        wb_signals_release(&saved);    /* gnuplot gets every signal */
        if (feed)
            dup2(in[1], 0);
        else if (null >= 0)
            dup2(null, 0);
        dup2(err[1], 2);
        if (capture)
            dup2(out[1], 1);
        else if (null >= 0)
            dup2(null, 1);
        if (chdir(dir) != 0) {
            f.err = errno;
        } else {
            execvp("gnuplot", argv);
            f = (child_failure){1, errno};
        }
        if (write(ex[1], &f, sizeof f) < 0)
            _exit(126);
        _exit(127);
    }
    close_fd(&err[1]);
    close_fd(&out[1]);
    close_fd(&ex[1]);
    close_fd(&in[1]);
    p->err_fd = err[0];
    p->out_fd = out[0];
    p->exec_fd = ex[0];
    p->in_fd = in[0];
    return 0;
}

int wb_gp_started(wb_gp_proc *p)
{
    child_failure f = {-1, 0};
    ssize_t n;
    if (p->exec_fd < 0)
        return 0;
    /* The pipe ends (EOF) when gnuplot starts or the child gives up. */
    do
        n = read(p->exec_fd, &f, sizeof f);
    while (n < 0 && errno == EINTR);
    close_fd(&p->exec_fd);
    if (n != (ssize_t)sizeof f)
        return 0;
    if (f.step == 0)
        return wb_fail("gnuplot cannot enter its folder: %s",
                       strerror(f.err));
    if (f.err == ENOENT)
        return wb_fail("gnuplot is not installed (no gnuplot on the PATH): "
                       "install it, for instance with `make deps`");
    return wb_fail("cannot run gnuplot: %s", strerror(f.err));
}

/* Reads `fd` into `b` once (the fd is ready); closes it at the end. */
static void drain(int *fd, wb_buf *b)
{
    char chunk[4096];
    ssize_t n = read(*fd, chunk, sizeof chunk);
    if (n > 0)
        wb_buf_append(b, chunk, (size_t)n);
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        close_fd(fd);
}

/* Whether a line of gnuplot's error output says the figure is broken.
 * gnuplot says so as
 *
 *     "x.gp" line 3: undefined variable: y      (in a script)
 *     line 0: cannot open file                   (in a command it was sent)
 *
 * and a warning the same way, with "warning:" after the colon; of the
 * warnings, only the one that means a series came out empty breaks the
 * figure. Other lines (the command echoed, a caret under it, "system
 * error: ...", text a figure prints) are not errors. */
static bool is_error_line(const char *t)
{
    if (t[0] == '"') {
        t = strstr(t, "\" line ");
        if (!t)
            return false;
        t += 2;
    }
    if (strncmp(t, "line ", 5) != 0)
        return false;
    t += 5;
    if (*t < '0' || *t > '9')
        return false;
    while (*t >= '0' && *t <= '9')
        t++;
    if (*t != ':')
        return false;
    t++;
    while (*t == ' ')
        t++;
    if (strncmp(t, "warning:", 8) == 0)
        return strstr(t, "no valid points") != NULL;
    return true;
}

char *wb_gp_error_line(const char *text, bool any_line)
{
    char *last = NULL;
    const char *s = text;
    while (s && *s) {
        const char *end = strchr(s, '\n');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        char *line = wb_strndup(s, n);
        const char *t = line;
        if (!line)
            break;
        while (*t == ' ' || *t == '\t')
            t++;
        if (is_error_line(t)) {
            char *hit = wb_strdup(t);
            free(line);
            free(last);
            return hit;
        }
        if (any_line && *t && *t != '^') {
            free(last);
            last = wb_strdup(t);
        }
        free(line);
        s = end ? end + 1 : NULL;
    }
    return last;
}

int wb_gp_finish(wb_gp_proc *p, const char *script, wb_buf *out)
{
    wb_buf err = {0};
    int status = 0, rc;
    bool timed_out = false;

    rc = wb_gp_started(p);
    close_fd(&p->in_fd);
    while (p->err_fd >= 0 || p->out_fd >= 0) {
        struct pollfd fds[2];
        nfds_t nfds = 0;
        int ie = -1, io = -1;
        if (p->err_fd >= 0) {
            ie = (int)nfds;
            fds[nfds++] = (struct pollfd){.fd = p->err_fd, .events = POLLIN};
        }
        if (p->out_fd >= 0) {
            io = (int)nfds;
            fds[nfds++] = (struct pollfd){.fd = p->out_fd, .events = POLLIN};
        }
        int ready = poll(fds, nfds, wb_gp_timeout() * 1000);
        if (ready <= 0) {
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready == 0) {    /* stuck: stop it */
                kill(p->pid, SIGKILL);
                timed_out = true;
            }
            close_fd(&p->err_fd);
            close_fd(&p->out_fd);
            break;
        }
        if (ie >= 0 && fds[ie].revents)
            drain(&p->err_fd, &err);
        if (io >= 0 && fds[io].revents)
            drain(&p->out_fd, out);
    }
    while (waitpid(p->pid, &status, 0) < 0)
        if (errno != EINTR) {
            status = -1;
            break;
        }
    wb_child_untrack(p->pid);
    p->pid = -1;

    if (rc == 0 && timed_out) {
        rc = wb_fail("gnuplot: %s: did not finish within %d seconds", script,
                     wb_gp_timeout());
    } else if (rc == 0) {
        bool exited_ok = status != -1 && WIFEXITED(status) &&
                         WEXITSTATUS(status) == 0;
        char *line = wb_gp_error_line(err.data ? err.data : "", !exited_ok);
        if (line)
            rc = wb_fail("gnuplot: %s: %s", script, line);
        else if (!exited_ok && status != -1 && WIFSIGNALED(status))
            rc = wb_fail("gnuplot: %s: killed by signal %d", script,
                         WTERMSIG(status));
        else if (!exited_ok)
            rc = wb_fail("gnuplot: %s: failed (exit status %d)", script,
                         WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        free(line);
    } else {
        /* say which script gnuplot could not run */
        if (strncmp(wb_error(), "gnuplot is not", 14) != 0)
            wb_fail("%s (for %s)", wb_error(), script);
    }
    wb_buf_free(&err);
    if (out && out->failed && rc == 0)
        rc = wb_fail("out of memory (gnuplot's output)");
    return rc;
}

static const char *const formats[] = {"png", "pdf", "svg", "dumb", "ansi",
                                      "sixel"};

static bool known_format(const char *format)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (format && strcmp(format, formats[i]) == 0)
            return true;
    return false;
}

int wb_gnuplot(const char *dir, const char *name, const char *format,
               const char *output, int cols, int rows, wb_buf *out)
{
    char *script, *where, *path, num[2][16];
    char *argv[9];
    wb_gp_proc p;
    int k = 0, rc;

    if (!dir || !*dir)
        dir = ".";
    if (!wb_is_safe_name(name))
        return wb_fail("'%s' is not a figure name", name ? name : "(null)");
    if (!known_format(format))
        return wb_fail("no format '%s': use png, pdf, svg, dumb, ansi or "
                       "sixel", format ? format : "(null)");
    script = wb_asprintf("%s.gp", name);
    /* gnuplot pipes `set output '|cmd'` to a shell: an output that is not
     * plainly a path gets "./" in front. */
    if (!output || strcmp(output, "-") == 0)
        where = wb_strdup("-");
    else if (output[0] == '/' || output[0] == '.')
        where = wb_strdup(output);
    else
        where = wb_asprintf("./%s", output);
    path = script ? wb_path_join(dir, script) : NULL;
    if (!script || !where || !path) {
        free(script);
        free(where);
        free(path);
        return -1;
    }
    argv[k++] = "gnuplot";
    argv[k++] = "-d";    /* no ~/.gnuplot: the same figure for every reader */
    argv[k++] = "-c";
    argv[k++] = script;
    argv[k++] = (char *)format;
    argv[k++] = where;
    if (cols > 0 && rows > 0) {
        snprintf(num[0], sizeof num[0], "%d", cols);
        snprintf(num[1], sizeof num[1], "%d", rows);
        argv[k++] = num[0];
        argv[k++] = num[1];
    }
    argv[k] = NULL;
    rc = wb_gp_start(&p, dir, argv, out ? WB_GP_CAPTURE : 0);
    if (rc == 0)
        rc = wb_gp_finish(&p, path, out);
    free(script);
    free(where);
    free(path);
    return rc;
}
