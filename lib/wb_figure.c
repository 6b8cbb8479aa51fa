/* wb_figure.c: building a figure, series by series. See wb_figure.h.
 *
 * A figure is built as text. Each series appends one block to the data
 * (NAME.dat; blocks are separated by two blank lines, so the script picks
 * block k with `index k`) and one clause to the plot command; decorations
 * (lines across the plot, texts) become `set arrow` and `set label` lines.
 * wb_figure_render has the script writer (wb_gp_script.c) put the pieces
 * together into NAME.gp, under the same terminal block and theme for every
 * figure of the book, and gnuplot draws it (wb_gp_render.c).
 *
 * Safety. The script is a program, so nothing from the caller may reach it
 * unquoted. Names pass wb_is_safe_name; numbers are printed with printf;
 * every text goes through wb_gp_string (wb_gp_string.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wb_figure.h"
#include "wb_figure_data.h"
#include "wb_gp_render.h"
#include "wb_gp_script.h"
#include "wb_gp_string.h"
#include "wb_theme.h"

static void fig_fail(wb_figure *fig, const char *what)
{
    if (fig->failed)
        return;
    fig->failed = true;
    snprintf(fig->error, sizeof fig->error, "%s: %s", what, wb_error());
}

/* True when the figure can still take a call. */
static bool fig_ok(const wb_figure *fig)
{
    return fig && !fig->failed;
}

/* After appending to the figure's texts: a failed append (out of memory)
 * becomes the figure's error. */
static void fig_check_bufs(wb_figure *fig, const char *what)
{
    if (fig->data.failed || fig->p->tables.failed || fig->p->decor.failed ||
        fig->p->plot.failed)
        fig_fail(fig, what);
}

wb_figure *wb_figure_new(wb_output *out, const char *name,
                         const char *caption)
{
    wb_figure *fig;
    WB_ASSERT(out != NULL, "wb_figure_new needs an output (wb_output.h)");
    fig = wb_calloc(1, sizeof *fig);
    if (!fig)
        return NULL;
    fig->out = out;
    fig->width = WB_FIGURE_WIDTH;
    fig->height = WB_FIGURE_HEIGHT;
    fig->rows = fig->cols = 1;
    for (int k = 0; k < WB_MAX_PANELS; k++) {
        wb_panel *p = &fig->panels[k];
        p->legend = WB_LEGEND_TOP_LEFT;
        p->palette = WB_PALETTE_VIRIDIS;
        p->image_min = INFINITY;
        p->image_max = -INFINITY;
    }
    fig->p = &fig->panels[0];
    if (!wb_is_safe_name(name)) {
        /* The name becomes file names and appears in the script. */
        wb_fail("'%s' is not a figure name: use letters, digits, '_', '-' "
                "and '.', not starting with '.' or '-'",
                name ? name : "(null)");
        fig_fail(fig, "wb_figure_new");
        return fig;
    }
    fig->name = wb_strdup(name);
    if (!fig->name || (caption && !(fig->caption = wb_strdup(caption)))) {
        wb_figure_free(fig);
        return NULL;
    }
    return fig;
}

void wb_figure_free(wb_figure *fig)
{
    if (!fig)
        return;
    free(fig->name);
    free(fig->caption);
    for (int k = 0; k < WB_MAX_PANELS; k++) {
        wb_panel *p = &fig->panels[k];
        free(p->title);
        free(p->xlabel);
        free(p->ylabel);
        free(p->zlabel);
        free(p->cblabel);
        wb_buf_free(&p->tables);
        wb_buf_free(&p->decor);
        wb_buf_free(&p->plot);
    }
    wb_buf_free(&fig->data);
    free(fig);
}

/* ---- texts ------------------------------------------------------------- */

/* Replaces *slot with `text` as a gnuplot string (NULL text: none). */
static void set_text(wb_figure *fig, char **slot, const char *text,
                     const char *what)
{
    char *s = NULL;
    if (!fig_ok(fig))
        return;
    if (text && !(s = wb_gp_string(text, true))) {
        fig_fail(fig, what);
        return;
    }
    free(*slot);
    *slot = s;
}

void wb_figure_title(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->p->title : NULL, text, "title");
}

void wb_figure_xlabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->p->xlabel : NULL, text, "xlabel");
}

void wb_figure_ylabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->p->ylabel : NULL, text, "ylabel");
}

void wb_figure_zlabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->p->zlabel : NULL, text, "zlabel");
}

void wb_figure_cblabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->p->cblabel : NULL, text, "cblabel");
}

/* ---- axes -------------------------------------------------------------- */

static void set_range(wb_figure *fig, range *r, double lo, double hi,
                      const char *what)
{
    if (!fig_ok(fig))
        return;
    if (!isfinite(lo) || !isfinite(hi) || !(lo < hi)) {
        wb_fail("[%g, %g] is not a range: it needs finite lo < hi", lo, hi);
        fig_fail(fig, what);
        return;
    }
    *r = (range){true, lo, hi};
}

void wb_figure_xrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->p->x : NULL, lo, hi, "xrange");
}

void wb_figure_yrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->p->y : NULL, lo, hi, "yrange");
}

void wb_figure_zrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->p->z : NULL, lo, hi, "zrange");
}

void wb_figure_cbrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->p->cb : NULL, lo, hi, "cbrange");
}

void wb_figure_legend(wb_figure *fig, wb_legend where)
{
    if (!fig_ok(fig))
        return;
    if (where < WB_LEGEND_TOP_LEFT || where > WB_LEGEND_BELOW) {
        wb_fail("no legend position %d", (int)where);
        fig_fail(fig, "legend");
        return;
    }
    fig->p->legend = where;
}

void wb_figure_square(wb_figure *fig)
{
    if (fig_ok(fig))
        fig->p->square = true;
}

void wb_figure_palette(wb_figure *fig, wb_palette palette)
{
    if (!fig_ok(fig))
        return;
    if (palette != WB_PALETTE_VIRIDIS && palette != WB_PALETTE_DIVERGING) {
        wb_fail("no palette %d", (int)palette);
        fig_fail(fig, "palette");
        return;
    }
    fig->p->palette = palette;
}

void wb_figure_view(wb_figure *fig, double rot_x, double rot_z)
{
    if (!fig_ok(fig))
        return;
    /* gnuplot's limits for `set view`. */
    if (!(rot_x >= 0 && rot_x <= 360 && rot_z >= 0 && rot_z <= 360)) {
        wb_fail("view %g, %g: both angles must be in [0, 360] degrees",
                rot_x, rot_z);
        fig_fail(fig, "view");
        return;
    }
    fig->p->view_set = true;
    fig->p->rot_x = rot_x;
    fig->p->rot_z = rot_z;
}

void wb_figure_logscale(wb_figure *fig, bool x, bool y)
{
    if (!fig_ok(fig))
        return;
    fig->p->xlog = x;
    fig->p->ylog = y;
}

void wb_figure_tics(wb_figure *fig, double x, double y, double cb)
{
    if (!fig_ok(fig))
        return;
    if (!(x >= 0 && y >= 0 && cb >= 0 && isfinite(x) && isfinite(y) &&
          isfinite(cb))) {
        wb_fail("tick marks every %g, %g and %g: use steps above 0, or 0 "
                "for gnuplot's", x, y, cb);
        fig_fail(fig, "tics");
        return;
    }
    fig->p->xtics = x;
    fig->p->ytics = y;
    fig->p->cbtics = cb;
}

void wb_figure_size(wb_figure *fig, int width, int height)
{
    if (!fig_ok(fig))
        return;
    if (width < 200 || width > 4000 || height < 150 || height > 4000) {
        wb_fail("a figure of %d x %d pixels: use 200 to 4000 wide and 150 "
                "to 4000 high", width, height);
        fig_fail(fig, "size");
        return;
    }
    fig->width = width;
    fig->height = height;
}

void wb_figure_layout(wb_figure *fig, int rows, int cols)
{
    if (!fig_ok(fig))
        return;
    if (rows < 1 || cols < 1 || rows * cols > WB_MAX_PANELS) {
        wb_fail("%d x %d panels: use at least one, and at most %d in all",
                rows, cols, WB_MAX_PANELS);
        fig_fail(fig, "layout");
        return;
    }
    for (int k = 0; k < WB_MAX_PANELS; k++)
        if (fig->panels[k].nclauses > 0 && k >= rows * cols) {
            wb_fail("panel %d already has series", k);
            fig_fail(fig, "layout");
            return;
        }
    fig->rows = rows;
    fig->cols = cols;
}

void wb_figure_panel(wb_figure *fig, int k)
{
    if (!fig_ok(fig))
        return;
    if (k < 0 || k >= fig->rows * fig->cols) {
        wb_fail("no panel %d in a layout of %d x %d (they are numbered from "
                "0, row by row)", k, fig->rows, fig->cols);
        fig_fail(fig, "panel");
        return;
    }
    fig->p = &fig->panels[k];
}

/* ---- numbers ----------------------------------------------------------- */

/* The shortest text that reads back as the same double (wb_shortest).
 * Non-finite values are written NaN, which gnuplot reads as a missing
 * point. */
static void put_number(wb_buf *b, double v)
{
    wb_buf_puts(b, isfinite(v) ? wb_shortest(v).text : "NaN");
}

/* ---- series ------------------------------------------------------------ */

/* The style's fields, checked, with the theme's defaults filled in. */
typedef struct look {
    int color;          /* 1..8 */
    double alpha;       /* (0, 1] */
    double width;
    double size;
    int dash;
    char *title;        /* "title '...'" or "notitle" */
} look;

/* Fills `lk` from `style` (NULL: every default). The colour 0 takes the
 * first theme colour no series has taken yet. */
static int take_look(wb_figure *fig, const wb_style *style, look *lk)
{
    wb_style s = style ? *style : (wb_style){0};
    *lk = (look){0};
    if (s.color < 0 || s.color > WB_THEME_NCOLOURS)
        return wb_fail("colour %d: use 1..8 (WB_BLUE..WB_BLACK) or 0 for "
                       "the next one", s.color);
    if (!(s.alpha >= 0 && s.alpha <= 1))
        return wb_fail("alpha %g: the opacity must be in (0, 1], or 0 for "
                       "opaque", s.alpha);
    if (!(s.width >= 0 && s.width <= 100))
        return wb_fail("line width %g: use a positive width, or 0 for the "
                       "theme's", s.width);
    if (!(s.size >= 0 && s.size <= 100))
        return wb_fail("point size %g: use a positive size, or 0 for the "
                       "theme's", s.size);
    if (s.dash < WB_SOLID || s.dash > WB_DOTTED)
        return wb_fail("dash %d: use WB_SOLID, WB_DASHED or WB_DOTTED",
                       s.dash);
    if (s.color == 0) {
        for (int c = 1; c <= WB_THEME_NCOLOURS && !s.color; c++)
            if (!fig->p->used[c])
                s.color = c;
        if (!s.color)   /* all eight taken: start again */
            s.color = (int)(fig->p->nclauses % WB_THEME_NCOLOURS) + 1;
    }
    if (s.label) {
        char *q = wb_gp_string(s.label, true);
        if (!q)
            return -1;
        lk->title = wb_asprintf("title %s", q);
        free(q);
    } else {
        lk->title = wb_strdup("notitle");
    }
    if (!lk->title)
        return -1;
    fig->p->used[s.color] = true;
    lk->color = s.color;
    lk->alpha = s.alpha > 0 ? s.alpha : 1;
    lk->width = s.width;
    lk->size = s.size;
    lk->dash = s.dash;
    return 0;
}

/* Theme colour `color` as a gnuplot colour, '#AARRGGBB', where AA is the
 * transparency (00 opaque). Black is the script's variable `black`, which
 * is the ink on the paper and black on a colour map (wb_gp_script.c). */
static void put_rgb(wb_buf *b, int color, unsigned aa)
{
    if (color == WB_BLACK)
        wb_buf_printf(b, "'#%02X' . black", aa);
    else
        wb_buf_printf(b, "'#%02X%06X'", aa,
                      (unsigned)wb_theme_colours[color - 1].rgb);
}

/* The colour of a look, when alpha < 1: its line type's is taken
 * otherwise. */
static void put_color(wb_figure *fig, wb_buf *b, const look *lk)
{
    if (lk->alpha < 1) {
        wb_buf_puts(b, " lc rgb ");
        put_rgb(b, lk->color, (unsigned)lround((1 - lk->alpha) * 255));
        fig->p->translucent = true;
    }
}

/* " lt C [lc rgb ...] [lw W] [dt D]": the look of a line. */
static void put_line_look(wb_figure *fig, wb_buf *b, const look *lk)
{
    wb_buf_printf(b, " lt %d", lk->color);
    put_color(fig, b, lk);
    if (lk->width > 0)
        wb_buf_printf(b, " lw %g", lk->width);
    if (lk->dash)
        wb_buf_printf(b, " dt %d", lk->dash == WB_DASHED ? 2 : 3);
}

/* Whether the figure's numbers are written down: not in a dry run, which
 * only checks the figure (a step run silently draws nothing). */
static bool writes_numbers(const wb_figure *fig)
{
    return !fig->out->dry_run;
}

/* Starts the next data block with a comment line saying what it holds. */
static void begin_block(wb_figure *fig, const char *what)
{
    if (fig->nblocks > 0)
        wb_buf_puts(&fig->data, "\n\n");
    wb_buf_printf(&fig->data, "# index %zu: %s\n", fig->nblocks, what);
}

/* Starts the next clause of the plot command. */
static void begin_clause(wb_figure *fig)
{
    if (fig->p->nclauses > 0)
        wb_buf_puts(&fig->p->plot, ", \\\n     ");
    fig->p->nclauses++;
}

/* Fails (returning false) when an array argument is missing: it is NULL
 * when the array function that made it failed. */
static bool have_arrays(wb_figure *fig, const char *what,
                        const wb_array *a, const wb_array *b,
                        const wb_array *c)
{
    if (a && b && c)
        return true;
    wb_fail("an array is NULL (%s)",
            *wb_error() ? wb_error() : "the function that made it failed");
    fig_fail(fig, what);
    return false;
}

/* Line and scatter: a block "x y", one row per point. */
static void plot_xy(wb_figure *fig, const wb_array *x, const wb_array *y,
                    const wb_style *style, bool points)
{
    const char *what = points ? "scatter" : "line";
    look lk;
    if (!fig_ok(fig) || !have_arrays(fig, what, x, y, x))
        return;
    WB_ASSERT(x->size == y->size, "%s: x has %zu values, y has %zu", what,
              x->size, y->size);
    if (x->size == 0) {
        wb_fail("no points to draw");
        fig_fail(fig, what);
        return;
    }
    if (take_look(fig, style, &lk) != 0) {
        fig_fail(fig, what);
        return;
    }
    begin_block(fig, points ? "scatter, columns x y" : "line, columns x y");
    for (size_t i = 0; i < x->size && writes_numbers(fig); i++) {
        put_number(&fig->data, x->data[i]);
        wb_buf_puts(&fig->data, " ");
        put_number(&fig->data, y->data[i]);
        wb_buf_puts(&fig->data, "\n");
    }
    begin_clause(fig);
    wb_buf_printf(&fig->p->plot, "'%s.dat' index %zu using 1:2 with %s",
                  fig->name, fig->nblocks, points ? "points" : "lines");
    if (points) {
        wb_buf_printf(&fig->p->plot, " lt %d", lk.color);
        put_color(fig, &fig->p->plot, &lk);
        if (lk.size > 0)
            wb_buf_printf(&fig->p->plot, " ps %g * point_scale", lk.size);
    } else {
        put_line_look(fig, &fig->p->plot, &lk);
    }
    wb_buf_printf(&fig->p->plot, " %s", lk.title);
    fig->nblocks++;
    fig->p->kinds |= points ? SERIES_SCATTER : SERIES_LINE;
    free(lk.title);
    fig_check_bufs(fig, what);
}

void wb_plot_line(wb_figure *fig, const wb_array *x, const wb_array *y,
                  const wb_style *style)
{
    plot_xy(fig, x, y, style, false);
}

void wb_plot_scatter(wb_figure *fig, const wb_array *x, const wb_array *y,
                     const wb_style *style)
{
    plot_xy(fig, x, y, style, true);
}

void wb_plot_arrows(wb_figure *fig, const wb_array *x, const wb_array *y,
                    const wb_array *dx, const wb_array *dy,
                    const wb_style *style)
{
    look lk;
    if (!fig_ok(fig) || !have_arrays(fig, "arrows", x, y, dx) ||
        !have_arrays(fig, "arrows", dy, dy, dy))
        return;
    WB_ASSERT(x->size == y->size && x->size == dx->size &&
                  x->size == dy->size,
              "arrows: x, y, dx and dy have %zu, %zu, %zu and %zu values",
              x->size, y->size, dx->size, dy->size);
    if (x->size == 0) {
        wb_fail("no arrows to draw");
        fig_fail(fig, "arrows");
        return;
    }
    if (take_look(fig, style, &lk) != 0) {
        fig_fail(fig, "arrows");
        return;
    }
    begin_block(fig, "arrows, columns x y dx dy");
    for (size_t i = 0; i < x->size; i++) {
        const double v[] = {x->data[i], y->data[i], dx->data[i],
                            dy->data[i]};
        for (int k = 0; k < 4; k++) {
            put_number(&fig->data, v[k]);
            wb_buf_puts(&fig->data, k < 3 ? " " : "\n");
        }
    }
    /* A filled head of a fixed size, 2.5% of the plot's width, whatever
     * the arrow's length. */
    begin_clause(fig);
    wb_buf_printf(&fig->p->plot, "'%s.dat' index %zu using 1:2:3:4 with "
                  "vectors head filled size graph 0.025,25 fixed",
                  fig->name, fig->nblocks);
    put_line_look(fig, &fig->p->plot, &lk);
    wb_buf_printf(&fig->p->plot, " %s", lk.title);
    fig->nblocks++;
    fig->p->kinds |= SERIES_ARROWS;
    free(lk.title);
    fig_check_bufs(fig, "arrows");
}

static void widen(range *r, double lo, double hi)
{
    if (!r->set)
        *r = (range){true, lo, hi};
    r->lo = fmin(r->lo, lo);
    r->hi = fmax(r->hi, hi);
}

void wb_plot_hist(wb_figure *fig, const wb_array *values, size_t bins,
                  double lo, double hi, const wb_style *style)
{
    wb_array *counts;
    double width;
    look lk;
    if (!fig_ok(fig) || !have_arrays(fig, "hist", values, values, values))
        return;
    if (bins == 0 || !isfinite(lo) || !isfinite(hi) || !(lo < hi)) {
        wb_fail("%zu bins over [%g, %g]: it needs at least one bin and "
                "finite lo < hi", bins, lo, hi);
        fig_fail(fig, "hist");
        return;
    }
    counts = wb_histogram(values, bins, lo, hi);
    if (!counts) {
        fig_fail(fig, "hist");
        return;
    }
    if (take_look(fig, style, &lk) != 0) {
        wb_free(counts);
        fig_fail(fig, "hist");
        return;
    }
    width = (hi - lo) / (double)bins;
    begin_block(fig, "histogram, columns bin_centre count");
    for (size_t i = 0; i < bins && writes_numbers(fig); i++) {
        put_number(&fig->data, lo + ((double)i + 0.5) * width);
        wb_buf_puts(&fig->data, " ");
        put_number(&fig->data, counts->data[i]);
        wb_buf_puts(&fig->data, "\n");
    }
    wb_free(counts);
    /* The third column of `using` is the width of each bar. */
    begin_clause(fig);
    wb_buf_printf(&fig->p->plot, "'%s.dat' index %zu using 1:2:(%.10g) with "
                  "boxes lt %d lw %g", fig->name, fig->nblocks, width,
                  lk.color, lk.width > 0 ? lk.width : 1);
    /* Overlaid bars (alpha < 1) are outlined in their colour; opaque ones
     * are set apart by white. */
    if (lk.alpha < 1) {
        wb_buf_printf(&fig->p->plot, " fs transparent solid %.3g border lc "
                      "rgb ", lk.alpha);
        put_rgb(&fig->p->plot, lk.color, 0);
    } else {
        wb_buf_printf(&fig->p->plot, " fs solid 1 border lc rgb '#%06X'",
                      WB_THEME_PAPER);
    }
    wb_buf_printf(&fig->p->plot, " %s", lk.title);
    free(lk.title);
    widen(&fig->p->hist_x, lo, hi);
    fig->nblocks++;
    fig->p->kinds |= SERIES_HIST;
    fig_check_bufs(fig, "hist");
}

/* A line across the plot. gnuplot draws it as an arrow without a head;
 * a legend entry, if any, comes from a `keyentry` clause. */
static void plot_rule(wb_figure *fig, double at, const wb_style *style,
                      bool horizontal)
{
    const char *what = horizontal ? "hline" : "vline";
    look lk;
    if (!fig_ok(fig))
        return;
    if (!isfinite(at)) {
        wb_fail("a line at %g", at);
        fig_fail(fig, what);
        return;
    }
    if (take_look(fig, style, &lk) != 0) {
        fig_fail(fig, what);
        return;
    }
    if (horizontal)
        wb_buf_printf(&fig->p->decor, "set arrow from graph 0, first %.10g to "
                      "graph rule_right, first %.10g nohead front", at, at);
    else
        wb_buf_printf(&fig->p->decor, "set arrow from first %.10g, graph 0 to "
                      "first %.10g, graph rule_top nohead front", at, at);
    put_line_look(fig, &fig->p->decor, &lk);
    wb_buf_puts(&fig->p->decor, "\n");
    fig->p->kinds |= SERIES_RULE;
    if (style && style->label) {
        begin_clause(fig);
        wb_buf_puts(&fig->p->plot, "keyentry with lines");
        put_line_look(fig, &fig->p->plot, &lk);
        wb_buf_printf(&fig->p->plot, " %s", lk.title);
    }
    free(lk.title);
    fig_check_bufs(fig, what);
}

void wb_plot_hline(wb_figure *fig, double y, const wb_style *style)
{
    plot_rule(fig, y, style, true);
}

void wb_plot_vline(wb_figure *fig, double x, const wb_style *style)
{
    plot_rule(fig, x, style, false);
}

void wb_plot_text(wb_figure *fig, double x, double y, const char *text)
{
    char *q;
    if (!fig_ok(fig))
        return;
    if (!text || !isfinite(x) || !isfinite(y)) {
        wb_fail(text ? "text at (%g, %g)" : "no text", x, y);
        fig_fail(fig, "text");
        return;
    }
    q = wb_gp_string(text, true);
    if (!q) {
        fig_fail(fig, "text");
        return;
    }
    /* In line type 8's colour: black, or the ink (wb_gp_script.c). */
    wb_buf_printf(&fig->p->decor, "set label %s at first %.10g, first %.10g "
                  "center front tc lt 8\n", q, x, y);
    free(q);
    fig_check_bufs(fig, "text");
}

/* Grids: a block "x y z" of m scans (rows of the meshgrid) of n points,
 * separated by single blank lines, as gnuplot's grid data. */
static bool put_grid(wb_figure *fig, const char *what, const wb_array *xx,
                     const wb_array *yy, const wb_array *z)
{
    size_t m, n;
    char comment[96];
    if (!have_arrays(fig, what, xx, yy, z))
        return false;
    WB_ASSERT(xx->ndim == 2 && yy->ndim == 2 && z->ndim == 2,
              "%s: xx, yy and z must be 2-D (m, n) arrays", what);
    WB_ASSERT(xx->shape[0] == z->shape[0] && xx->shape[1] == z->shape[1] &&
              yy->shape[0] == z->shape[0] && yy->shape[1] == z->shape[1],
              "%s: xx, yy and z must have the same shape", what);
    m = z->shape[0];
    n = z->shape[1];
    if (m < 2 || n < 2) {
        wb_fail("a %zu x %zu grid: it needs at least 2 x 2 points", m, n);
        fig_fail(fig, what);
        return false;
    }
    snprintf(comment, sizeof comment,
             "%s, columns x y z, %zu scans of %zu points", what, m, n);
    begin_block(fig, comment);
    for (size_t i = 0; i < m && writes_numbers(fig); i++) {
        if (i > 0)
            wb_buf_puts(&fig->data, "\n");
        for (size_t j = 0; j < n; j++) {
            put_number(&fig->data, WB_AT(xx, i, j));
            wb_buf_puts(&fig->data, " ");
            put_number(&fig->data, WB_AT(yy, i, j));
            wb_buf_puts(&fig->data, " ");
            put_number(&fig->data, WB_AT(z, i, j));
            wb_buf_puts(&fig->data, "\n");
        }
    }
    return true;
}

void wb_plot_heatmap(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const wb_style *style)
{
    double x0, x1, y0, y1, hx, hy;
    size_t m, n;
    (void)style; /* a heat map has no line, and its legend is the bar */
    if (!fig_ok(fig) || !put_grid(fig, "heatmap", xx, yy, z))
        return;
    m = z->shape[0];
    n = z->shape[1];
    /* Each value is the centre of its cell: the map reaches half a cell
     * beyond the outer points. */
    x0 = WB_AT(xx, 0, 0);
    x1 = WB_AT(xx, 0, n - 1);
    y0 = WB_AT(yy, 0, 0);
    y1 = WB_AT(yy, m - 1, 0);
    hx = fabs(x1 - x0) / (double)(n - 1) / 2;
    hy = fabs(y1 - y0) / (double)(m - 1) / 2;
    widen(&fig->p->image_x, fmin(x0, x1) - hx, fmax(x0, x1) + hx);
    widen(&fig->p->image_y, fmin(y0, y1) - hy, fmax(y0, y1) + hy);
    for (size_t i = 0; i < z->size; i++)
        if (isfinite(z->data[i])) {
            fig->p->image_min = fmin(fig->p->image_min, z->data[i]);
            fig->p->image_max = fmax(fig->p->image_max, z->data[i]);
        }
    begin_clause(fig);
    wb_buf_printf(&fig->p->plot, "'%s.dat' index %zu using 1:2:3 with image "
                  "notitle", fig->name, fig->nblocks);
    fig->nblocks++;
    fig->p->kinds |= SERIES_HEATMAP;
    fig_check_bufs(fig, "heatmap");
}

/* Whether the values of z, where finite, cross one of the levels: a
 * level with values on both sides of it has a line. */
static bool crosses_a_level(const wb_array *z, const double *levels,
                            size_t nlevels)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < z->size; i++)
        if (isfinite(z->data[i])) {
            lo = fmin(lo, z->data[i]);
            hi = fmax(hi, z->data[i]);
        }
    for (size_t k = 0; k < nlevels; k++)
        if (lo < levels[k] && levels[k] < hi)
            return true;
    return false;
}

void wb_plot_contour(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const double *levels, size_t nlevels,
                     const wb_style *style)
{
    look lk;
    size_t k;
    if (!fig_ok(fig))
        return;
    if (!levels || nlevels == 0) {
        wb_fail("no levels");
        fig_fail(fig, "contour");
        return;
    }
    for (size_t i = 0; i < nlevels; i++)
        if (!isfinite(levels[i])) {
            wb_fail("level %g", levels[i]);
            fig_fail(fig, "contour");
            return;
        }
    /* When no level has a line (a flat map), there is nothing to draw,
     * and gnuplot would refuse the empty table of lines. */
    if (!have_arrays(fig, "contour", xx, yy, z) ||
        !crosses_a_level(z, levels, nlevels))
        return;
    if (take_look(fig, style, &lk) != 0) {
        fig_fail(fig, "contour");
        return;
    }
    if (!put_grid(fig, "contour", xx, yy, z)) {
        free(lk.title);
        return;
    }
    k = fig->nblocks;
    /* gnuplot computes contour lines in a 3-D plot; `set table` keeps them
     * in a datablock instead of drawing them, to be drawn as lines. */
    wb_buf_puts(&fig->p->tables, "set contour base\nset cntrparam levels "
                "discrete ");
    for (size_t i = 0; i < nlevels; i++) {
        if (i > 0)
            wb_buf_puts(&fig->p->tables, ", ");
        put_number(&fig->p->tables, levels[i]);
    }
    wb_buf_printf(&fig->p->tables, "\nunset surface\nset table $CONTOUR_%zu\n"
                  "splot '%s.dat' index %zu using 1:2:3 with lines notitle\n"
                  "unset table\nunset contour\nset surface\n",
                  k, fig->name, k);
    begin_clause(fig);
    /* On a 3-D figure, the lines float at their level's height. The title
     * comes before `with`, as in a surface's clause (below). */
    wb_buf_printf(&fig->p->plot, "$CONTOUR_%zu using 1:2%s %s with lines", k,
                  fig->p->kinds & SERIES_SURFACE ? ":3" : "", lk.title);
    put_line_look(fig, &fig->p->plot, &lk);
    free(lk.title);
    fig->nblocks++;
    fig->p->kinds |= SERIES_CONTOUR;
    fig_check_bufs(fig, "contour");
}

void wb_plot_surface(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const wb_style *style)
{
    look lk;
    if (!fig_ok(fig))
        return;
    if (fig->p->kinds & SERIES_CONTOUR) {
        wb_fail("draw the surface before its contour lines");
        fig_fail(fig, "surface");
        return;
    }
    if (take_look(fig, style, &lk) != 0) {
        fig_fail(fig, "surface");
        return;
    }
    if (!put_grid(fig, "surface", xx, yy, z)) {
        free(lk.title);
        return;
    }
    begin_clause(fig);
    /* The title before `with`, as gnuplot's manual writes a clause: in a
     * 3-D plot, gnuplot 5.4's text terminals (dumb, ansi) refuse a title
     * after the line's style. */
    wb_buf_printf(&fig->p->plot, "'%s.dat' index %zu using 1:2:3 %s with "
                  "lines", fig->name, fig->nblocks, lk.title);
    /* A wireframe's many lines are thinner than a curve. */
    if (lk.width == 0)
        lk.width = 1;
    put_line_look(fig, &fig->p->plot, &lk);
    free(lk.title);
    fig->nblocks++;
    fig->p->kinds |= SERIES_SURFACE;
    fig_check_bufs(fig, "surface");
}

/* region categories */
/* fold: `wb_plot_categories`, a scatter of each category's points */
/* Splits the sample X: (n, 2) by its labels y: (n,) and draws each
 * category as a scatter of its points (x1, x2). */
void wb_plot_categories(wb_figure *fig, const wb_array *X, const wb_array *y,
                        const wb_style *style)
{
    static const char *const names[] = {"category 0", "category 1"};
    wb_style s = style ? *style : (wb_style){0};
    int first = s.color ? s.color : WB_BLUE;

    if (!fig_ok(fig) || !have_arrays(fig, "categories", X, y, X))
        return;
    WB_ASSERT(X->ndim == 2 && X->shape[1] == 2 && y->size == X->shape[0],
              "categories: X must be (n, 2) and y (n,)");
    for (int k = 0; k <= 1; k++) {
        size_t n = 0, j = 0;
        for (size_t i = 0; i < y->size; i++)
            n += y->data[i] == k;
        if (n == 0)
            continue;
        wb_array *x1 = wb_vector(n), *x2 = wb_vector(n);
        for (size_t i = 0; x1 && x2 && i < y->size; i++)
            if (y->data[i] == k) {
                x1->data[j] = WB_AT(X, i, 0);
                x2->data[j++] = WB_AT(X, i, 1);
            }
        s.label = names[k];
        s.color = first + k;
        wb_plot_scatter(fig, x1, x2, &s);   /* a NULL array fails it */
        wb_free(x1);
        wb_free(x2);
    }
}
/* endregion categories */

/* region probability_map */
/* fold: `wb_plot_probability_map`: a probability's palette, range, labels */
/* The map of a probability, read against 1/2: white there, blue below,
 * red above. */
void wb_plot_probability_map(wb_figure *fig, const wb_array *xx,
                             const wb_array *yy, const wb_array *p)
{
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_cblabel(fig, "P(category 1)");
    wb_figure_square(fig);                  /* x1 and x2 at one scale */
    wb_figure_palette(fig, WB_PALETTE_DIVERGING);
    wb_figure_cbrange(fig, 0, 1);           /* 1/2 in the middle */
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);
    wb_plot_heatmap(fig, xx, yy, p, NULL);
}
/* endregion probability_map */

int wb_figure_render(wb_figure *fig)
{
    wb_output *out;
    char *script = NULL, *gp = NULL, *dat = NULL;
    int rc = -1;

    if (!fig)   /* wb_figure_new failed, and said why */
        return wb_error()[0] ? -1 : wb_fail("no figure to render");
    out = fig->out;
    if (fig->failed) {
        wb_fail("figure %s: %s", fig->name ? fig->name : "(unnamed)",
                fig->error);
        goto done;
    }
    for (int k = 0; k < fig->rows * fig->cols; k++) {
        const wb_panel *p = &fig->panels[k];
        char where[32] = "";
        if (fig->rows * fig->cols > 1)
            snprintf(where, sizeof where, " (panel %d)", k);
        if (p->kinds & SERIES_SURFACE && p->kinds & FLAT_ONLY) {
            wb_fail("figure %s%s: a surface (3-D) cannot share its plot "
                    "with lines, points, bars, a heat map or hline/vline",
                    fig->name, where);
            goto done;
        }
        if (p->nclauses == 0) {
            wb_fail("figure %s%s: nothing to draw: add a series first",
                    fig->name, where);
            goto done;
        }
    }
    if (wb_output_begin(out, fig->name) != 0)
        goto done;
    if (out->dry_run) {
        rc = 0;
        goto done;
    }
    script = wb_gp_script(fig);
    gp = wb_output_path(out, fig->name, "gp");
    dat = wb_output_path(out, fig->name, "dat");
    if (!script || !gp || !dat)
        goto done;
    if (wb_write_file(dat, fig->data.data, fig->data.len) != 0 ||
        wb_write_file(gp, script, strlen(script)) != 0)
        goto done;
    rc = wb_gp_render(out, fig->name, fig->caption);
done:
    free(script);
    free(gp);
    free(dat);
    wb_figure_free(fig);
    return rc;
}
