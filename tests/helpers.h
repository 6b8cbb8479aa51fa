/* Helpers shared by the tests that run programs: the chapters and the
 * weaver. */
#ifndef WB_TEST_HELPERS_H
#define WB_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_core.h"

/* What a program printed, and how it ended. */
typedef struct program_result {
    int status;      /* exit status, or 128 + signal */
    char *out;       /* standard output */
    char *err;       /* standard error */
} program_result;

/* The folders made by test_dir, removed when the test's process ends. */
static char *test_dirs[16];
static int ntest_dirs;

/* rm -r: a folder, its files and its folders. */
static inline void remove_tree(const char *path)
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

static inline void remove_test_dirs(void)
{
    for (int i = 0; i < ntest_dirs; i++) {
        remove_tree(test_dirs[i]);
        free(test_dirs[i]);
    }
    ntest_dirs = 0;
}

/* A fresh folder for one test (Criterion runs tests in parallel, each in
 * a process of its own), removed with all it holds when the test ends.
 * The name belongs to the helpers: do not free it. */
static inline char *test_dir(const char *prefix)
{
    char *dir = wb_asprintf("/tmp/wb-%s-XXXXXX", prefix);
    cr_assert(dir && mkdtemp(dir), "mkdtemp");
    cr_assert(ntest_dirs < 16, "too many test folders");
    if (ntest_dirs == 0)
        atexit(remove_test_dirs);
    test_dirs[ntest_dirs++] = dir;
    return dir;
}

/* Runs argv[0] with its standard input from /dev/null (never a terminal),
 * in folder `cwd` (or here, when NULL), and collects what it prints. */
static inline program_result run_program(const char *cwd,
                                         const char *const *argv)
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

static inline void program_result_free(program_result *r)
{
    free(r->out);
    free(r->err);
}

/* How many entries of folder `dir` have names starting with `prefix`:
 * "." counts the hidden (temporary) files, "" counts everything. */
static inline int count_entries(const char *dir, const char *prefix)
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

/* The number of lines of a text. */
static inline int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

#endif
