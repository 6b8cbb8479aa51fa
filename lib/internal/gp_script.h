/* gp_script.h: a figure's gnuplot script (wb_gp_script.c). */
#ifndef WB_INTERNAL_GP_SCRIPT_H
#define WB_INTERNAL_GP_SCRIPT_H

#include "wb_plot.h"

/* The whole script of a figure that is ready to draw (a new string). */
char *wb_gp_script(const wb_figure *fig);

#endif
