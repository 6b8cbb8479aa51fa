/* wb_signals.c: what a signal that stops the program does first. See
 * wb_signals.h.
 *
 * The library writes every file under a temporary name and renames it
 * into place once complete (wb_file_open, in the core), so that a figure
 * is never seen half written. A program stopped meanwhile by a signal
 * would leave the temporary files behind, and its gnuplot processes
 * running, free to write them again. The handler here stops those
 * processes, removes the temporary files the core lists, and lets the
 * signal end the program as it would have.
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_core.h"
#include "wb_signals.h"

/* Children to stop first: the handler reads these. */
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
    for (size_t i = 0; i < WB_FILES_PENDING; i++) {
        const char *tmp = wb_file_pending(i);
        if (tmp)
            unlink(tmp);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static const int cleanup_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
#define N_SIGNALS (sizeof cleanup_signals / sizeof *cleanup_signals)

void wb_signals_hold(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaddset(&set, cleanup_signals[i]);
    sigprocmask(SIG_BLOCK, &set, saved);
}

void wb_signals_release(const sigset_t *saved)
{
    sigprocmask(SIG_SETMASK, saved, NULL);
}

/* Every cleanup signal to `handler`. */
static void handle_signals(void (*handler)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < N_SIGNALS; i++)
        sigaction(cleanup_signals[i], &sa, NULL);
}

void wb_signals_default(void)
{
    handle_signals(SIG_DFL);
}

void wb_file_cleanup_on_signals(void)
{
    handle_signals(remove_pending_and_die);
}
