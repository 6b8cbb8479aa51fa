/* wb_rebuild.c: e in the notebook: edit the chapter, rebuild it, and run
 * it again from the step. See wb_rebuild.h. */
#include "wb_rebuild.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_core.h"

/* ---- the editor, make --------------------------------------------------- */

/* Runs `argv` (argv[0] found in PATH) in folder `dir`, or here when NULL,
 * and waits for it, with Ctrl-C left to it: an editor takes Ctrl-C for its
 * own, and make stops while the notebook stays. With `log`, its standard
 * output and error are collected there. Returns its exit status (127: it
 * was not found; 128 + the signal that ended it), or -1 with an error. */
static int run(const char *dir, char *const argv[], wb_buf *log)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_quit;
    int fd[2] = {-1, -1}, status = 0;
    pid_t pid, r = -1;

    fflush(stdout);
    if (log && pipe(fd) != 0)
        return wb_fail("cannot run %s: %s", argv[0], strerror(errno));
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        if ((log && (dup2(fd[1], STDOUT_FILENO) < 0 ||
                     dup2(fd[1], STDERR_FILENO) < 0)) ||
            (dir && chdir(dir) != 0))
            _exit(126);
        if (log) {
            close(fd[0]);
            close(fd[1]);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    if (log) {
        close(fd[1]);    /* so that its end of the pipe is the only one */
        for (;;) {
            char chunk[4096];
            ssize_t got = read(fd[0], chunk, sizeof chunk);
            if (got > 0)
                wb_buf_append(log, chunk, (size_t)got);
            else if (!(got < 0 && errno == EINTR))
                break;
        }
        close(fd[0]);
    }
    while (pid > 0 && (r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    if (pid < 0 || r != pid)
        return wb_fail("cannot run %s: %s", argv[0], strerror(errno));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Opens `path` at `line` in the reader's editor ($VISUAL, else $EDITOR,
 * else vi) and waits for it. Returns 0, or -1 with an error. */
static int edit(const char *path, size_t line)
{
    const char *editor = getenv("VISUAL");
    char where[32], *cmd;
    int status;

    if (!editor || !*editor)
        editor = getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";
    snprintf(where, sizeof where, "+%zu", line);
    /* As git does: the editor is a shell command, so that EDITOR may hold
     * options ("code --wait"); the file comes after them. */
    cmd = wb_asprintf("%s \"$@\"", editor);
    if (!cmd)
        return -1;
    status = run(NULL, (char *[]){"/bin/sh", "-c", cmd, "sh", where,
                                  (char *)path, NULL}, NULL);
    free(cmd);
    if (status < 0)
        return wb_fail("cannot run the editor '%s': %s", editor, wb_error());
    if (status == 127)
        return wb_fail("cannot run the editor '%s' (set VISUAL or EDITOR)",
                       editor);
    if (status != 0)
        return wb_fail("the editor '%s' failed", editor);
    return 0;
}

/* ---- the chapter's build ------------------------------------------------ */

static bool modified_since(const char *path, const struct stat *before)
{
    struct stat now;
    return stat(path, &now) != 0 || now.st_mtime != before->st_mtime ||
           now.st_size != before->st_size ||
           now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

/* The build folder the program is in (BUILD of BUILD/chapters/SLUG),
 * relative to the workbook's top when it is inside. Returns it, or NULL
 * with an error when the program is not a chapter built by the
 * workbook's Makefile. */
static char *find_build(const wb_session *s)
{
    const char *exe = s->exe, *slug = s->run->chapter->slug, *slash;
    size_t tl = strlen(s->root), bl;
    if (!exe)
        return NULL;    /* the runtime said why */
    slash = strrchr(exe, '/');
    if (!slash || strcmp(slash + 1, slug) != 0 || slash - exe < 10 ||
        strncmp(slash - 9, "/chapters", 9) != 0) {
        wb_fail("%s is not a chapter built by the workbook's Makefile "
                "(BUILD/chapters/%s)", exe, slug);
        return NULL;
    }
    bl = (size_t)(slash - 9 - exe);
    if (bl > tl && strncmp(exe, s->root, tl) == 0 && exe[tl] == '/')
        return wb_strndup(exe + tl + 1, bl - tl - 1);
    return wb_strndup(exe, bl);
}

/* Starts the new program at step k, with the same options. Returns only
 * when it cannot. */
static void restart(wb_session *s, wb_pager *pg, const char *exe, size_t k)
{
    char **argv = wb_calloc((size_t)s->argc + 4, sizeof *argv);
    int a = 0;
    if (!argv)
        return;
    argv[a++] = (char *)exe;
    for (int i = 1; i < s->argc; i++)
        if (!s->placing || !s->placing[i])
            argv[a++] = s->argv[i];
    argv[a++] = "--step";
    argv[a++] = s->only ? "--only" : "--from";
    argv[a++] = (char *)s->run->chapter->steps[k].name;
    argv[a] = NULL;
    /* Every figure drawn, and the terminal as it was. */
    wb_output_close(&s->run->out);
    wb_pager_free(pg);
    fflush(stdout);
    execv(exe, argv);
    wb_fail("cannot start %s again: %s", exe, strerror(errno));
    free(argv);
}

void wb_rebuild(wb_session *s, wb_pager *pg, size_t k)
{
    const wb_chapter *ch = s->run->chapter;
    const wb_chunk *c = s->lit ? wb_lit_find_step(s->lit, ch->steps[k].name)
                               : NULL;
    size_t line = c ? (c->code_line ? c->code_line : c->prose_line) : 1;
    char *build = NULL, *target = NULL;
    wb_buf log = {0};
    struct stat before;
    int status = -1;

    if (!s->source || !s->root) {
        printf("Cannot edit the chapter: %s\n", s->no_source);
        goto done;
    }
    if (stat(s->source, &before) != 0) {
        printf("Cannot edit %s: %s\n", s->source, strerror(errno));
        goto done;
    }
    if ((build = find_build(s)) == NULL || edit(s->source, line) != 0) {
        printf("%s\n", wb_error());
        goto done;
    }
    if (!modified_since(s->source, &before)) {
        printf("%s is unchanged: still at step %zu.\n", s->source, k + 1);
        goto done;
    }
    printf("Rebuilding the chapter with make...\n");
    target = wb_asprintf("%s/chapters/%s", build, ch->slug);
    {
        char *b_arg = wb_asprintf("B=%s", build);
        /* The sanitized build is made with SANITIZE=1: so is its rebuild. */
        char *args[] = {"make", "--no-print-directory", b_arg,
#ifdef __SANITIZE_ADDRESS__
                        "SANITIZE=1",
#endif
                        target, NULL};
        status = b_arg && target ? run(s->root, args, &log) : -1;
        if (status == 127)
            status = wb_fail("cannot run make: is it installed?");
        free(b_arg);
    }
    if (status == 0) {
        restart(s, pg, s->exe, k);
        printf("%s\n", wb_error());
    } else if (status > 0) {
        wb_buf_printf(&log, "\nThe chapter does not build: still at step "
                            "%zu (e: edit it again).\n", k + 1);
        wb_pager_page(pg, log.data);
    } else {
        printf("%s\n", wb_error());
    }
done:
    fflush(stdout);
    free(build);
    free(target);
    wb_buf_free(&log);
}

