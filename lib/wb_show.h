/* wb_show.h: a figure drawn in a terminal (wb_show.c), as --step shows it:
 * gnuplot draws the figure's own script with its text terminal (dumb, or
 * ansi for colour) or as sixel pixels, at the size of the terminal. */
#ifndef WB_SHOW_H
#define WB_SHOW_H

#include "wb_core.h"
#include "wb_term.h"

/* Draws figure NAME of folder `dir`, `cols` x `rows` character cells, in
 * the given mode, appending it to `out`. A figure with no script (a
 * diagram) is drawn from NAME.png in sixel mode, and in the text modes is
 * its text drawing NAME.txt (nothing, for a diagram that has none).
 * Returns 0, or -1 with an error. */
int wb_figure_term(wb_buf *out, const char *dir, const char *name,
                   wb_term_graphics mode, int cols, int rows);

#endif
