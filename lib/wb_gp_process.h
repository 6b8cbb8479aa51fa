/* wb_gp_process.h: running gnuplot, and reading what it says
 * (wb_gp_process.c).
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_GP_PROCESS_H
#define WB_GP_PROCESS_H

#include <stdbool.h>
#include <sys/types.h>

#include "wb_core.h"

/* A gnuplot process. */
typedef struct wb_gp_proc {
    pid_t pid;
    int in_fd;      /* its standard input, when fed; else -1 */
    int err_fd;     /* its standard error */
    int out_fd;     /* its standard output, when captured; else -1 */
    int exec_fd;    /* closes on exec; carries errno if exec fails */
} wb_gp_proc;

enum {
    WB_GP_CAPTURE = 1 << 0,    /* capture its standard output (else
                                  /dev/null) */
    WB_GP_FEED = 1 << 1        /* keep its standard input, to send it
                                  commands (else /dev/null) */
};

/* How long a gnuplot may stay silent while it draws before it is taken
 * to be stuck and stopped, in seconds: 60, or WB_GNUPLOT_TIMEOUT from the
 * environment (for a slow machine, or a test). */
int wb_gp_timeout(void);

/* Starts `gnuplot ARGV...` in folder `dir` with no shell in between. */
int wb_gp_start(wb_gp_proc *p, const char *dir, char *const argv[],
                unsigned flags);
/* Waits until gnuplot has started (or failed to). Returns 0, or -1 with
 * an error saying why it could not run. */
int wb_gp_started(wb_gp_proc *p);
/* Waits for gnuplot to end, collecting its error output (and its standard
 * output into `out`, when captured). Returns 0, or -1 with gnuplot's first
 * error line; `script` names the script in the message. */
int wb_gp_finish(wb_gp_proc *p, const char *script, wb_buf *out);
/* The first line of gnuplot's error output that says a figure is broken,
 * or (when `any_line`) its last line of text; NULL if none (new string). */
char *wb_gp_error_line(const char *text, bool any_line);

/* Runs `gnuplot -c NAME.gp FORMAT OUTPUT [COLS ROWS]` in `dir`: FORMAT is
 * png, pdf, svg, dumb, ansi or sixel; OUTPUT "-" (or NULL) means gnuplot's
 * standard output, which is captured into `out` when given. Returns 0, or
 * -1 with gnuplot's first error line. */
int wb_gnuplot(const char *dir, const char *name, const char *format,
               const char *output, int cols, int rows, wb_buf *out);

#endif
