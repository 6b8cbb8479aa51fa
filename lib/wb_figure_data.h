/* wb_figure_data.h: the data of a figure being built, which the builder
 * (wb_figure.c) fills and the script writer (wb_gp_script.c) reads. Both
 * depend on this layout, and neither on the other's code: the builder
 * calls the script writer, never the other way.
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_FIGURE_DATA_H
#define WB_FIGURE_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_core.h"
#include "wb_figure.h"
#include "wb_output.h"
#include "wb_theme.h"

typedef enum series_kind {
    SERIES_LINE = 1 << 0,
    SERIES_SCATTER = 1 << 1,
    SERIES_HIST = 1 << 2,
    SERIES_HEATMAP = 1 << 3,
    SERIES_CONTOUR = 1 << 4,
    SERIES_SURFACE = 1 << 5,
    SERIES_RULE = 1 << 6,       /* hline, vline */
    SERIES_ARROWS = 1 << 7
} series_kind;

/* Kinds that only make sense on a flat (2-D) plot. */
#define FLAT_ONLY                                                             \
    (SERIES_LINE | SERIES_SCATTER | SERIES_HIST | SERIES_HEATMAP |            \
     SERIES_RULE | SERIES_ARROWS)

typedef struct range {
    bool set;
    double lo, hi;
} range;

/* One plot of a figure: a figure has one, or rows x cols of them side by
 * side (gnuplot's multiplot). */
typedef struct wb_panel {
    /* Texts, already turned into gnuplot strings (NULL: none). */
    char *title, *xlabel, *ylabel, *zlabel, *cblabel;
    range x, y, z, cb;      /* given by the caller */
    range hist_x;           /* what the histograms cover */
    range image_x, image_y; /* what the heat maps cover, half cells included */
    double image_min, image_max;
    wb_legend legend;
    bool square;
    bool xlog, ylog;        /* logarithmic axes */
    double xtics, ytics, cbtics;  /* the step between tick marks; 0:
                                     gnuplot's */
    wb_palette palette;
    bool view_set;
    double rot_x, rot_z;

    bool used[WB_THEME_NCOLOURS + 1]; /* theme colours taken by a series */
    bool translucent;       /* a series has alpha < 1 */
    unsigned kinds;         /* series_kind bits */
    size_t nclauses;        /* clauses of the plot command */
    wb_buf tables;          /* contour tables, computed before the plot */
    wb_buf decor;           /* set arrow / set label */
    wb_buf plot;            /* the clauses, separated by ", \\\n" */
} wb_panel;

enum { WB_MAX_PANELS = 20 };

/* The size of a figure's PNG unless set: shown 720 pixels wide in the
 * HTML book. The PDF is the same at 160 pixels to the inch: 6 inches, the
 * width of the printed page's text. */
enum { WB_FIGURE_WIDTH = 960, WB_FIGURE_HEIGHT = 600 };

struct wb_figure {
    wb_output *out;
    char *name;
    char *caption;
    bool failed;
    char error[WB_ERROR_SIZE];  /* the first failure, kept (sticky) */

    int width, height;      /* of the PNG, in pixels */
    int rows, cols;         /* the panels' layout */
    wb_panel panels[WB_MAX_PANELS];
    wb_panel *p;            /* the panel that calls go to */

    size_t nblocks;         /* data blocks written, in all panels */
    wb_buf data;            /* NAME.dat */
};


#endif
