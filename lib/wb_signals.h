/* wb_signals.h: what a signal that stops the program does first: stop the
 * gnuplot processes, and remove the files half written (wb_signals.c).
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_SIGNALS_H
#define WB_SIGNALS_H

#include <signal.h>
#include <sys/types.h>

/* If the program is stopped by SIGINT, SIGTERM, SIGHUP or SIGPIPE while
 * files are being written, stop the child processes that may be writing
 * them (see wb_child_track), then remove their temporary files (see
 * wb_file_pending) before dying. */
void wb_file_cleanup_on_signals(void);
/* A child process (gnuplot) that such a signal must stop first, so that
 * it cannot write a file again once its temporary name is removed; untrack
 * it once it has ended. */
void wb_child_track(pid_t pid);
void wb_child_untrack(pid_t pid);
/* Holds back those signals for a moment (such as between creating a child
 * and recording it, so that a signal never finds it unrecorded):
 * wb_signals_hold saves the signal mask in *saved, wb_signals_release puts
 * it back. */
void wb_signals_hold(sigset_t *saved);
void wb_signals_release(const sigset_t *saved);
/* In a child about to exec another program: those signals back to their
 * default action (the handler is the parent's business). Async-signal
 * safe. */
void wb_signals_default(void);

#endif
