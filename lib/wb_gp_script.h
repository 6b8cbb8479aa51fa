/* wb_gp_script.h: a figure's gnuplot script (wb_gp_script.c).
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_GP_SCRIPT_H
#define WB_GP_SCRIPT_H

#include "wb_figure_data.h"

/* The whole script of a figure that is ready to draw (a new string). */
char *wb_gp_script(const wb_figure *fig);

#endif
