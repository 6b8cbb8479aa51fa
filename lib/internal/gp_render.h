/* gp_render.h: long-lived gnuplot processes that draw figures
 * (wb_gp_render.c). */
#ifndef WB_INTERNAL_GP_RENDER_H
#define WB_INTERNAL_GP_RENDER_H

#include "wb_output.h"

/* Has gnuplot draw figure NAME, whose NAME.gp and NAME.dat are in the
 * output's folder, in each of the output's formats, then records it.
 * Unless out->background, waits for it. (wb_output_wait and
 * wb_output_close, of wb_output.h, are written next to it.) */
int wb_gp_render(wb_output *out, const char *name, const char *caption);

#endif
