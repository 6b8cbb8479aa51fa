/* Tests of wb_signals: a program stopped by a signal while it writes a
 * file leaves no half-written file, and no temporary one. (The chapters
 * killed while they draw, with their gnuplot processes: test_robust.c.) */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_core.h"
#include "wb_signals.h"

/* A program killed while writing leaves neither a half-written file under
 * the final name nor (for SIGTERM) its temporary file. */
Test(signals, killed_writer_leaves_nothing_half_written)
{
    char *dir = test_dir("signals");
    char *path = wb_path_join(dir, "big.dat");
    int fds[2], status;
    char c;
    pid_t pid;

    cr_assert_eq(pipe(fds), 0);
    pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        wb_file f;
        wb_file_cleanup_on_signals();
        if (wb_file_open(&f, path) != 0)
            _exit(3);
        for (int i = 0; i < 100000; i++)
            fprintf(f.fp, "%d\n", i);
        fflush(f.fp);
        if (write(fds[1], "x", 1) != 1)
            _exit(4);
        pause();    /* killed here, before the commit */
        _exit(5);
    }
    close(fds[1]);
    cr_assert_eq(read(fds[0], &c, 1), 1, "the writer did not start");
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
              "status %d", status);
    cr_assert_eq(access(path, F_OK), -1, "a half-written file is in place");
    cr_assert_eq(count_entries(dir, "."), 0, "the temporary file was left");
    free(path);
}

/* The handler stops the tracked children (gnuplot) first, so that none
 * writes a file again once its temporary name is removed; a child no
 * longer tracked is left alone. */
Test(signals, killed_program_stops_its_tracked_children)
{
    int fds[2], status;
    pid_t pid, kids[2];

    cr_assert_eq(pipe(fds), 0);
    pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        wb_file_cleanup_on_signals();
        for (int k = 0; k < 2; k++) {
            kids[k] = fork();
            if (kids[k] == 0) {
                wb_signals_default();
                for (;;)
                    pause();
            }
            wb_child_track(kids[k]);
        }
        wb_child_untrack(kids[1]);
        if (write(fds[1], kids, sizeof kids) != sizeof kids)
            _exit(4);
        for (;;)
            pause();
    }
    close(fds[1]);
    cr_assert_eq(read(fds[0], kids, sizeof kids), (ssize_t)sizeof kids);
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
              "status %d", status);
    /* The tracked child was killed and reaped; the other still runs. */
    cr_assert_eq(kill(kids[0], 0), -1, "the tracked child still runs");
    cr_assert_eq(kill(kids[1], 0), 0, "the untracked child was stopped");
    kill(kids[1], SIGKILL);
}
