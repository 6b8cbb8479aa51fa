/* Every chapter, tried as an unlucky user and an attacker would: output to
 * a full or closed standard output, every option given a bad value, a kill
 * in the middle of drawing. Each must end with one clear line and a
 * non-zero status, and leave no half-written file. The chapters are found
 * in the build's chapters/ folder, so a new chapter is tried as it lands. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

#define CHAPTERS WB_BUILD_DIR "/chapters"

/* The chapter programs: NULL-terminated, freed with free_names. */
static char **chapters(void)
{
    DIR *d = opendir(CHAPTERS);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;
    cr_assert(d, "no %s", CHAPTERS);
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] < '0' || e->d_name[0] > '9' ||
            strchr(e->d_name, '.'))
            continue;
        (void)len;
        names = wb_reallocarray(names, n + 2, sizeof *names);
        cr_assert(names);
        names[n++] = wb_path_join(CHAPTERS, e->d_name);
        names[n] = NULL;
    }
    closedir(d);
    cr_assert_geq(n, 1, "no chapter in %s", CHAPTERS);
    return names;
}

/* Runs argv with standard output sent to /dev/full (full) or closed;
 * returns the exit status, and standard error in *err. */
static int run_with_stdout(const char *const *argv, bool full, char **err)
{
    char *dir = test_dir("robust-out");
    char *errp = wb_path_join(dir, "err");
    int status;
    pid_t pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || fd < 0 || dup2(in, 0) < 0 || dup2(fd, 2) < 0)
            _exit(126);
        if (full) {
            int f = open("/dev/full", O_WRONLY);
            if (f < 0 || dup2(f, 1) < 0)
                _exit(126);
        } else {
            close(1);
        }
        if (chdir(dir) != 0)
            _exit(126);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    *err = wb_read_file(errp, NULL);
    cr_assert(*err);
    free(errp);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Output that cannot be written is not success. */
Test(robust, a_full_or_closed_output_is_reported)
{
    char **all = chapters();
    const char *what[] = {"--help", "--list", "--version", "--quiet"};
    for (char **c = all; *c; c++)
        for (size_t i = 0; i < sizeof what / sizeof *what; i++)
            for (int full = 0; full < 2; full++) {
                char *err;
                /* --quiet prints nothing: it must succeed either way. */
                int status = run_with_stdout(
                    (const char *[]){*c, what[i], "--only", "1", NULL},
                    full, &err);
                if (strcmp(what[i], "--quiet") == 0) {
                    cr_assert_eq(status, 0, "%s --quiet: %s", *c, err);
                } else {
                    cr_assert_eq(status, 1, "%s %s, %s output: status %d",
                                 *c, what[i], full ? "a full" : "a closed",
                                 status);
                    cr_assert_eq(count_lines(err), 1, "%s", err);
                    cr_assert(strstr(err, "cannot write the output"), "%s",
                              err);
                }
                free(err);
            }
    free_names(all);
}

/* The chapter's parameters, read from --help: "--NAME ARG" for each. */
static char **parameters(const char *chapter)
{
    program_result r = run_program(NULL, (const char *[]){chapter, "--help",
                                                          NULL});
    char **names = NULL, *s;
    size_t n = 0;
    cr_assert_eq(r.status, 0);
    s = strstr(r.out, "The chapter's parameters:");
    for (s = s ? strchr(s, '\n') : NULL; s && s[1] == ' ';
         s = strchr(s + 1, '\n')) {
        char name[64], arg[64];
        if (sscanf(s + 1, " --%63s %63s", name, arg) != 2 ||
            !(arg[0] >= 'A' && arg[0] <= 'Z'))
            continue;    /* a flag: no value */
        names = wb_reallocarray(names, n + 2, sizeof *names);
        cr_assert(names);
        names[n++] = wb_strdup(name);
        names[n] = NULL;
    }
    program_result_free(&r);
    return names;
}

/* Every parameter of every chapter, given a value it cannot take: one
 * line that names the option, and exit status 2, the status of a bad
 * command line: files are read, and words checked, before any step. */
Test(robust, every_bad_value_gets_one_line)
{
    char **all = chapters();
    const char *bad[] = {"x", "", "0x10", "1e999", "-", "nan", "1,2,",
                         "/nonexistent/file.csv", "\x01\x7f"};
    size_t tried = 0;
    for (char **c = all; *c; c++) {
        char **params = parameters(*c);
        for (char **p = params; p && *p; p++)
            for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
                char opt[80];
                char *dir = test_dir("robust-bad");
                snprintf(opt, sizeof opt, "--%s", *p);
                program_result r = run_program(
                    dir, (const char *[]){*c, opt, bad[i], "--quiet", NULL});
                tried++;
                if (r.status == 0) {   /* a value the option can take */
                    program_result_free(&r);
                    continue;
                }
                cr_assert_eq(r.status, 2, "%s %s '%s': status %d\n%s", *c,
                             opt, bad[i], r.status, r.err);
                cr_assert_eq(count_lines(r.err), 1, "%s %s '%s':\n%s", *c,
                             opt, bad[i], r.err);
                cr_assert(strstr(r.err, opt), "%s %s '%s': the line does not "
                          "name the option:\n%s", *c, opt, bad[i], r.err);
                cr_assert_str_eq(r.out, "");
                program_result_free(&r);
            }
        free_names(params);
    }
    cr_assert_gt(tried, 100, "only %zu cases", tried);
    free_names(all);
}

/* Samples that read fine but that a model cannot use, or can hardly use:
 * both categories at one point, values of 1e300, a sample from 1e-300 to
 * 1e300, two points. Each chapter that fits one (--data) refuses it
 * before any step with one line that names --data, or runs to the end and
 * says in words what its model could not do: never a library's bare code,
 * a failed check, "inf" or "nan". */
Test(robust, a_degenerate_sample_is_refused_or_run_through, .timeout = 600)
{
    static const char *const samples[][2] = {
        {"one_point", "x1,x2,y\n1,1,0\n1,1,1\n1,1,0\n1,1,1\n1,1,0\n"
                      "1,1,1\n1,1,0\n1,1,1\n1,1,0\n1,1,1\n"},
        {"huge", "x1,x2,y\n1e300,-1e300,0\n-1e300,1e300,1\n1e300,1e300,0\n"
                 "-1e300,-1e300,1\n1e300,0,0\n0,1e300,1\n-1e300,0,0\n"
                 "0,-1e300,1\n1e300,1e300,1\n-1e300,-1e300,0\n"},
        {"span", "x1,x2,y\n1e-300,1e300,0\n1e300,1e-300,1\n"
                 "-1e-300,1e300,0\n1e300,-1e-300,1\n1e-300,-1e300,0\n"
                 "-1e300,1e-300,1\n2e-300,1e300,0\n1e300,2e-300,1\n"
                 "3e-300,1e300,0\n1e300,3e-300,1\n"},
        {"two", "x1,x2,y\n0,0,0\n1,1,1\n"},
        {"wide", "x1,x2,y\n0,0,0\n1e40,1e40,1\n-1e40,1e40,0\n"
                 "1e40,-1e40,1\n-1e40,-1e40,0\n2e40,0,1\n0,2e40,0\n"
                 "-2e40,0,1\n0,-2e40,0\n3e40,1e40,1\n"}};
    static const char *const chapters_with_data[] = {
        "03_logreg_fit", "04_variable_change", "05_mlp"};
    size_t refused = 0, ran = 0;
    for (size_t c = 0; c < 3; c++)
        for (size_t i = 0; i < sizeof samples / sizeof *samples; i++)
            for (int test = 0; test < (c > 0 ? 2 : 1); test++) {
                char *dir = test_dir("robust-sample");
                char *path = wb_path_join(dir, "sample.csv");
                char *chapter = wb_path_join(CHAPTERS, chapters_with_data[c]);
                cr_assert_eq(wb_write_file(path, samples[i][1],
                                           strlen(samples[i][1])), 0);
                program_result r = run_program(
                    dir, (const char *[]){chapter, "--data", path,
                                          test ? "--test-data" : "--out",
                                          test ? path : "figures",
                                          NULL});
                const char *what = samples[i][0];
                if (r.status == 2) {
                    cr_assert_eq(count_lines(r.err), 1, "%s %s:\n%s",
                                 chapter, what, r.err);
                    cr_assert(strstr(r.err, "--data: "), "%s", r.err);
                    cr_assert_str_eq(r.out, "");
                    refused++;
                } else {
                    cr_assert_eq(r.status, 0, "%s %s: status %d\n%s", chapter,
                                 what, r.status, r.err);
                    cr_assert_str_eq(r.err, "", "%s %s", chapter, what);
                    cr_assert_null(strstr(r.out, "inf"), "%s %s:\n%s",
                                   chapter, what, r.out);
                    cr_assert_null(strstr(r.out, "nan"), "%s %s:\n%s",
                                   chapter, what, r.out);
                    ran++;
                }
                program_result_free(&r);
                free(path);
                free(chapter);
            }
    cr_assert_gt(refused, 0);
    cr_assert_gt(ran, 0);
}

/* Hidden temporary files (".NAME.XXXXXX") left in dir, named in the
 * test's log. */
static int temporaries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    cr_assert(d);
    while ((e = readdir(d)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") != 0 &&
            strcmp(e->d_name, "..") != 0) {
            cr_log_error("left behind: %s/%s", dir, e->d_name);
            n++;
        }
    closedir(d);
    return n;
}

/* A chapter killed while it draws (SIGTERM, or Ctrl-C) removes its
 * temporary files and stops its gnuplot processes, which would otherwise
 * make new ones. */
Test(robust, a_kill_leaves_no_temporary_file)
{
    const int signals[] = {SIGTERM, SIGINT, SIGHUP};
    const long delays_ms[] = {40, 150, 300, 600, 900};
    char *chapter = wb_path_join(CHAPTERS, "05_mlp");
    int killed = 0;
    for (size_t s = 0; s < sizeof signals / sizeof *signals; s++)
        for (size_t k = 0; k < sizeof delays_ms / sizeof *delays_ms; k++) {
            char *dir = test_dir("robust-kill");
            int status;
            struct timespec t = {0, delays_ms[k] * 1000000L};
            pid_t pid = fork();
            cr_assert(pid >= 0);
            if (pid == 0) {
                int null = open("/dev/null", O_RDWR);
                dup2(null, 0);
                dup2(null, 1);
                dup2(null, 2);
                execl(chapter, chapter, "--book", "--out", dir,
                      "--format", "png,pdf,svg", (char *)NULL);
                _exit(127);
            }
            nanosleep(&t, NULL);
            kill(pid, signals[s]);
            cr_assert_eq(waitpid(pid, &status, 0), pid);
            killed += WIFSIGNALED(status);
            /* A gnuplot left running would write again: give it time. */
            t = (struct timespec){0, 300000000L};
            nanosleep(&t, NULL);
            cr_assert_eq(temporaries(dir), 0, "signal %d after %ld ms left "
                         "temporary files (status %d)", signals[s],
                         delays_ms[k], status);
        }
    cr_assert_gt(killed, 0, "no run was killed before it ended");
    free(chapter);
}
