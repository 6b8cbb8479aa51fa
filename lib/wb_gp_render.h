/* wb_gp_render.h: long-lived gnuplot processes that draw figures
 * (wb_gp_render.c).
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_GP_RENDER_H
#define WB_GP_RENDER_H

#include "wb_output.h"

/* Has gnuplot draw figure NAME, whose NAME.gp and NAME.dat are in the
 * output's folder, in each of the output's formats, then records it.
 * Unless out->background, waits for it. The first figure starts the
 * output's renderer (wb_output.h), which wb_output_wait waits for
 * and wb_output_close stops. */
int wb_gp_render(wb_output *out, const char *name, const char *caption);

#endif
