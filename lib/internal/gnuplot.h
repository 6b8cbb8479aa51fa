/* gnuplot.h: the parts of the figure module that talk to gnuplot.
 *
 *     wb_gp_string.c    texts as safe gnuplot strings, math included
 *     wb_gp_script.c    a figure's script, NAME.gp
 *     wb_gp_process.c   running gnuplot, and reading what it says
 *     wb_gp_render.c    long-lived gnuplot processes that draw figures
 */
#ifndef WB_INTERNAL_GNUPLOT_H
#define WB_INTERNAL_GNUPLOT_H

#include <stdbool.h>
#include <sys/types.h>

#include "wb_core.h"
#include "wb_output.h"
#include "wb_plot.h"

/* ---- strings ----------------------------------------------------------- */

/* `text` as a gnuplot string that shows it literally and cannot run
 * anything: single-quoted, with '' for a quote, control characters replaced
 * by spaces, and gnuplot's enhanced-text characters (^ _ @ & ~ { } \)
 * escaped. With `math` true, $...$ spans are turned into enhanced text (see
 * internal/mathtext.h); wrong math is an error. A new string, or NULL with
 * an error. */
char *wb_gp_string(const char *text, bool math);

/* ---- the script -------------------------------------------------------- */

/* The whole script of a figure that is ready to draw (a new string). */
char *wb_gp_script(const wb_figure *fig);

/* ---- processes --------------------------------------------------------- */

/* A gnuplot process. */
typedef struct wb_gp_proc {
    pid_t pid;
    int in_fd;      /* its standard input, when fed; else -1 */
    int err_fd;     /* its standard error */
    int out_fd;     /* its standard output, when captured; else -1 */
    int exec_fd;    /* closes on exec; carries errno if exec fails */
} wb_gp_proc;

enum {
    WB_GP_CAPTURE = 1 << 0,    /* capture its standard output */
    WB_GP_STDOUT = 1 << 1,     /* let it write to ours */
    WB_GP_FEED = 1 << 2        /* keep its standard input, to send it
                                  commands (else /dev/null) */
};

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
 * png, pdf, svg, dumb, ansi or sixel; OUTPUT "-" (or NULL) means standard
 * output. When `out` is given, gnuplot's standard output is captured into
 * it. Returns 0, or -1 with gnuplot's first error line. */
int wb_gnuplot(const char *dir, const char *name, const char *format,
               const char *output, int cols, int rows, wb_buf *out);

/* ---- drawing ----------------------------------------------------------- */

/* Has gnuplot draw figure NAME, whose NAME.gp and NAME.dat are in the
 * output's folder, in each of the output's formats, then records it.
 * Unless out->background, waits for it. */
int wb_gp_render(wb_output *out, const char *name, const char *caption);
/* Waits for every figure; the first error, or 0. */
int wb_renderer_wait(wb_output *out);
/* Stops the gnuplot processes and frees the renderer. */
void wb_renderer_free(wb_renderer *r);

#endif
