/* show.h: figures drawn for a terminal, into memory (wb_show.c). */
#ifndef WB_INTERNAL_SHOW_H
#define WB_INTERNAL_SHOW_H

#include "wb_core.h"
#include "wb_plot.h"

/* What wb_figure_show would write, appended to `out` instead: gnuplot's
 * drawing of NAME.gp; for a diagram (no script), its text drawing NAME.txt
 * in the text modes and NAME.png as sixel pixels. Returns 0, or -1 with an
 * error. */
int wb_figure_term(wb_buf *out, const char *dir, const char *name,
                   wb_term_graphics mode, int cols, int rows);

#endif
