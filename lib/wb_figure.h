/* wb_figure.h: figures, drawn by gnuplot.
 *
 * A figure is built in C, series by series, then rendered into an output
 * (wb_output.h: a folder and the formats to make). Rendering writes two
 * readable files into the folder,
 *
 *     NAME.gp    the gnuplot script: theme, axes, labels, the plot command
 *     NAME.dat   its data, one block per series (`index k` in the script)
 *
 * and has gnuplot draw them in each format (NAME.png with pngcairo, NAME.pdf
 * with pdfcairo, NAME.svg). A reader can edit the script and render it again
 * by hand, from the folder:
 *
 *     gnuplot -c NAME.gp png          (or pdf, svg, dumb, ansi, sixel)
 *
 * Text. Labels, titles and legend entries are shown literally, except inside
 * $...$, where a small part of TeX's math is understood: x_1 and x_{10}
 * (subscripts), e^{-z} (superscripts), \sigma and the other Greek letters,
 * \cdot, \times, \leq, \geq, \infty, \to, \pm; letters are set in italics as
 * in the book's equations; wrong math (an unknown \command, an unmatched $)
 * is an error. Nothing a string holds can run a command: every string is
 * written single-quoted, with its control characters replaced and gnuplot's
 * enhanced-text characters escaped.
 *
 * Errors are sticky, as in cairo: if adding a series fails, the figure
 * remembers it and wb_figure_render reports it, so building a figure needs
 * no check after every call. Every function accepts a NULL figure and does
 * nothing.
 */
#ifndef WB_FIGURE_H
#define WB_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_array.h"
#include "wb_output.h"
#include "wb_style.h"

typedef struct wb_figure wb_figure;

/* A new figure, to be saved as NAME.* in the output's folder; `name` must
 * satisfy wb_is_safe_name. `caption` (Markdown, may be NULL) goes under the
 * figure in the book. NULL if memory runs out. */
wb_figure *wb_figure_new(wb_output *out, const char *name,
                         const char *caption);

/* Axes and decorations. */
void wb_figure_title(wb_figure *fig, const char *text);
void wb_figure_xlabel(wb_figure *fig, const char *text);
void wb_figure_ylabel(wb_figure *fig, const char *text);
void wb_figure_zlabel(wb_figure *fig, const char *text);
/* The label of the colour bar of a heat map. */
void wb_figure_cblabel(wb_figure *fig, const char *text);
void wb_figure_xrange(wb_figure *fig, double lo, double hi);
void wb_figure_yrange(wb_figure *fig, double lo, double hi);
void wb_figure_zrange(wb_figure *fig, double lo, double hi);
void wb_figure_cbrange(wb_figure *fig, double lo, double hi);
void wb_figure_legend(wb_figure *fig, wb_legend where);
/* The same scale on x and y (maps of a plane). */
void wb_figure_square(wb_figure *fig);
void wb_figure_palette(wb_figure *fig, wb_palette palette);
/* The viewing angles of a 3-D figure, in degrees (gnuplot's `set view`:
 * rotation about the screen's horizontal axis, then about the z axis). */
void wb_figure_view(wb_figure *fig, double rot_x, double rot_z);

/* Logarithmic axes (for a loss that falls by orders of magnitude). */
void wb_figure_logscale(wb_figure *fig, bool x, bool y);
/* A tick mark every `x` along the x axis, every `y` along the y axis and
 * every `cb` along the colour bar (0: where gnuplot puts them), for a
 * small panel that has no room for many numbers. */
void wb_figure_tics(wb_figure *fig, double x, double y, double cb);

/* The size of the PNG in pixels: 960 x 600 unless set (the PDF is the same
 * at 160 pixels to the inch; the SVG, which the HTML book shows, the same
 * in CSS pixels with the same font, made smaller for its panels to be at
 * most 640 wide). */
void wb_figure_size(wb_figure *fig, int width, int height);

/* Panels: rows x cols plots side by side in one figure, numbered from 0,
 * row by row. A new figure is one panel; after wb_figure_layout, the
 * calls go to panel 0 until wb_figure_panel(fig, k) sends them to panel
 * k: titles, labels, ranges, the legend and series are the panel's. Every
 * panel must have a series. At most 20 panels. */
void wb_figure_layout(wb_figure *fig, int rows, int cols);
void wb_figure_panel(wb_figure *fig, int k);

/* Series. Arrays are copied: they may be freed as soon as the call returns.
 * x and y have the same size (1-D, or any shape read in memory order). */
void wb_plot_line(wb_figure *fig, const wb_array *x, const wb_array *y,
                  const wb_style *style);
void wb_plot_scatter(wb_figure *fig, const wb_array *x, const wb_array *y,
                     const wb_style *style);
/* Arrows, as matplotlib's quiver draws them: arrow i from (x[i], y[i]) to
 * (x[i] + dx[i], y[i] + dy[i]), its head at the end, in the axes'
 * coordinates; all in the style's colour, with one legend entry. */
void wb_plot_arrows(wb_figure *fig, const wb_array *x, const wb_array *y,
                    const wb_array *dx, const wb_array *dy,
                    const wb_style *style);
/* A histogram of `values`: `bins` equal bins over [lo, hi] (wb_histogram),
 * drawn as bars; give alpha < 1 to overlay several. */
void wb_plot_hist(wb_figure *fig, const wb_array *values, size_t bins,
                  double lo, double hi, const wb_style *style);
/* A horizontal line at height y, a vertical line at x, across the plot. */
void wb_plot_hline(wb_figure *fig, double y, const wb_style *style);
void wb_plot_vline(wb_figure *fig, double x, const wb_style *style);
/* Text at (x, y) in the axes' coordinates, centred there. */
void wb_plot_text(wb_figure *fig, double x, double y, const char *text);

/* Maps over a grid. xx, yy and z are (m, n) arrays as made by wb_meshgrid:
 * z[i][j] is the value at (xx[i][j], yy[i][j]). */
/* Each value a coloured cell, with a colour bar (plt.pcolor). */
void wb_plot_heatmap(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const wb_style *style);
/* The lines where z equals each of the levels. */
void wb_plot_contour(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const double *levels, size_t nlevels,
                     const wb_style *style);
/* z as a 3-D wireframe surface; the figure becomes a 3-D figure. */
void wb_plot_surface(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const wb_style *style);

/* A sample of two features in the plane: the points of X: (n, 2) whose
 * label in y: (n,) is 0, then those whose label is 1, as two series named
 * "category 0" and "category 1". Category k takes colour style->color + k
 * (blue and orange when style->color is 0); the style's alpha, size and
 * width apply to both, its label to neither. */
void wb_plot_categories(wb_figure *fig, const wb_array *X, const wb_array *y,
                        const wb_style *style);
/* A model's probability of category 1 over the plane, p: (m, n) on the
 * grid xx, yy (as for wb_plot_heatmap): the diverging palette from 0 to 1,
 * white at 1/2, its colour bar labelled, x_1 and x_2 at the same scale,
 * and the legend right of the map, for a sample drawn on top
 * (wb_plot_categories). */
void wb_plot_probability_map(wb_figure *fig, const wb_array *xx,
                             const wb_array *yy, const wb_array *p);

/* Writes NAME.gp and NAME.dat, has gnuplot draw every format the output
 * asks for, records the figure in the output (for the book and the
 * terminal) and frees the figure. Returns 0, or -1 with an error (the
 * figure is freed either way; files of earlier renders are left as they
 * were). With out->background, returns once the script is written, and
 * drawing errors come from wb_output_wait. With out->dry_run, only checks
 * the figure and frees it. */
int wb_figure_render(wb_figure *fig);
/* Frees a figure without rendering it. */
void wb_figure_free(wb_figure *fig);

#endif
