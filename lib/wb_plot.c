/* wb_plot.c: figures, drawn by gnuplot. See wb_plot.h.
 *
 * A figure is built as text. Each series appends one block to the data
 * (NAME.dat; blocks are separated by two blank lines, so the script picks
 * block k with `index k`) and one clause to the plot command; decorations
 * (lines across the plot, texts) become `set arrow` and `set label` lines.
 * wb_figure_render puts the pieces together into NAME.gp, under the same
 * terminal block and theme for every figure of the book, and runs gnuplot.
 *
 * Safety. The script is a program, so nothing from the caller may reach it
 * unquoted. Names pass wb_is_safe_name; numbers are printed with printf;
 * every text goes through wb_gp_string, which makes a single-quoted string
 * (no backquote substitution, no @macros, no backslash escapes) with no
 * newline in it (a newline would end the command, even inside quotes).
 * gnuplot itself is started with execvp, never through a shell.
 */
#include "wb_plot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_core.h"
#include "wb_runtime.h"

/* ---- the theme --------------------------------------------------------- */

enum {
    NCOLORS = 8,        /* the theme's colours: line types 1..8 */
    THEME_WIDTH = 2     /* the line width of every series */
};
#define THEME_POINT_SIZE 1.3

/* Okabe and Ito's colours, in the order of the WB_BLUE... enum. */
static const char *const theme_color[NCOLORS] = {
    "#0072B2", "#E69F00", "#009E73", "#D55E00",
    "#CC79A7", "#56B4E9", "#F0E442", "#000000",
};
static const char *const theme_color_name[NCOLORS] = {
    "blue", "orange", "green", "vermilion",
    "purple", "sky blue", "yellow", "black",
};

/* ---- the figure -------------------------------------------------------- */

typedef enum series_kind {
    SERIES_LINE = 1 << 0,
    SERIES_SCATTER = 1 << 1,
    SERIES_HIST = 1 << 2,
    SERIES_HEATMAP = 1 << 3,
    SERIES_CONTOUR = 1 << 4,
    SERIES_SURFACE = 1 << 5,
    SERIES_RULE = 1 << 6        /* hline, vline */
} series_kind;

/* Kinds that only make sense on a flat (2-D) plot. */
#define FLAT_ONLY                                                             \
    (SERIES_LINE | SERIES_SCATTER | SERIES_HIST | SERIES_HEATMAP | SERIES_RULE)

typedef struct range {
    bool set;
    double lo, hi;
} range;

struct wb_figure {
    wb_run *run;
    char *name;
    char *caption;
    bool failed;
    char error[512];        /* the first failure, kept (sticky) */

    /* Texts, already turned into gnuplot strings (NULL: none). */
    char *title, *xlabel, *ylabel, *zlabel, *cblabel;
    range x, y, z, cb;      /* given by the caller */
    range hist_x;           /* what the histograms cover */
    range image_x, image_y; /* what the heat maps cover, half cells included */
    double image_min, image_max;
    wb_legend legend;
    bool square;
    wb_palette palette;
    bool view_set;
    double rot_x, rot_z;

    bool used[NCOLORS + 1]; /* theme colours taken by a series */
    bool translucent;       /* a series has alpha < 1 */
    unsigned kinds;         /* series_kind bits */
    size_t nblocks;         /* data blocks written */
    size_t nclauses;        /* clauses of the plot command */
    wb_buf data;            /* NAME.dat */
    wb_buf tables;          /* contour tables, computed before the plot */
    wb_buf decor;           /* set arrow / set label */
    wb_buf plot;            /* the clauses, separated by ", \\\n" */
};

/* Keeps the first failure: the current error, prefixed by `what`. */
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
    if (fig->data.failed || fig->tables.failed || fig->decor.failed ||
        fig->plot.failed)
        fig_fail(fig, what);
}

wb_figure *wb_figure_new(wb_run *run, const char *name, const char *caption)
{
    wb_figure *fig;
    WB_ASSERT(run != NULL, "wb_figure_new needs the run");
    fig = wb_calloc(1, sizeof *fig);
    if (!fig)
        return NULL;
    fig->run = run;
    fig->legend = WB_LEGEND_TOP_LEFT;
    fig->palette = WB_PALETTE_VIRIDIS;
    fig->image_min = INFINITY;
    fig->image_max = -INFINITY;
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
    free(fig->title);
    free(fig->xlabel);
    free(fig->ylabel);
    free(fig->zlabel);
    free(fig->cblabel);
    wb_buf_free(&fig->data);
    wb_buf_free(&fig->tables);
    wb_buf_free(&fig->decor);
    wb_buf_free(&fig->plot);
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
    set_text(fig, fig ? &fig->title : NULL, text, "title");
}

void wb_figure_xlabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->xlabel : NULL, text, "xlabel");
}

void wb_figure_ylabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->ylabel : NULL, text, "ylabel");
}

void wb_figure_zlabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->zlabel : NULL, text, "zlabel");
}

void wb_figure_cblabel(wb_figure *fig, const char *text)
{
    set_text(fig, fig ? &fig->cblabel : NULL, text, "cblabel");
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
    set_range(fig, fig ? &fig->x : NULL, lo, hi, "xrange");
}

void wb_figure_yrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->y : NULL, lo, hi, "yrange");
}

void wb_figure_zrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->z : NULL, lo, hi, "zrange");
}

void wb_figure_cbrange(wb_figure *fig, double lo, double hi)
{
    set_range(fig, fig ? &fig->cb : NULL, lo, hi, "cbrange");
}

void wb_figure_legend(wb_figure *fig, wb_legend where)
{
    if (!fig_ok(fig))
        return;
    if (where < WB_LEGEND_TOP_LEFT || where > WB_LEGEND_NONE) {
        wb_fail("no legend position %d", (int)where);
        fig_fail(fig, "legend");
        return;
    }
    fig->legend = where;
}

void wb_figure_square(wb_figure *fig)
{
    if (fig_ok(fig))
        fig->square = true;
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
    fig->palette = palette;
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
    fig->view_set = true;
    fig->rot_x = rot_x;
    fig->rot_z = rot_z;
}

/* ---- numbers ----------------------------------------------------------- */

/* The shortest of %.15g, %.16g and %.17g that reads back as the same
 * double: exact, and as short as the value allows (0.1, not
 * 0.10000000000000001). Non-finite values are written NaN, which gnuplot
 * reads as a missing point. */
static void put_number(wb_buf *b, double v)
{
    char s[40];
    if (!isfinite(v)) {
        wb_buf_puts(b, "NaN");
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(s, sizeof s, "%.*g", prec, v);
        if (strtod(s, NULL) == v)
            break;
    }
    wb_buf_puts(b, s);
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
    if (s.color < 0 || s.color > NCOLORS)
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
        for (int c = 1; c <= NCOLORS && !s.color; c++)
            if (!fig->used[c])
                s.color = c;
        if (!s.color)   /* all eight taken: start again */
            s.color = (int)(fig->nclauses % NCOLORS) + 1;
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
    fig->used[s.color] = true;
    lk->color = s.color;
    lk->alpha = s.alpha > 0 ? s.alpha : 1;
    lk->width = s.width;
    lk->size = s.size;
    lk->dash = s.dash;
    return 0;
}

/* The colour of a look as a gnuplot colour: '#AARRGGBB', where AA is the
 * transparency (00 opaque), when alpha < 1. */
static void put_color(wb_figure *fig, wb_buf *b, const look *lk)
{
    if (lk->alpha < 1) {
        unsigned aa = (unsigned)lround((1 - lk->alpha) * 255);
        wb_buf_printf(b, " lc rgb '#%02X%s'", aa,
                      theme_color[lk->color - 1] + 1);
        fig->translucent = true;
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
    if (fig->nclauses > 0)
        wb_buf_puts(&fig->plot, ", \\\n     ");
    fig->nclauses++;
}

/* Fails (returning false) when an array argument is missing: it is NULL
 * when the array function that made it failed. */
static bool have_arrays(wb_figure *fig, const char *what,
                        const wb_array *a, const wb_array *b,
                        const wb_array *c)
{
    const char *e = wb_error();
    if (a && b && c)
        return true;
    wb_fail("an array is NULL (%s)",
            *e ? e : "the function that made it failed");
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
    for (size_t i = 0; i < x->size; i++) {
        put_number(&fig->data, x->data[i]);
        wb_buf_puts(&fig->data, " ");
        put_number(&fig->data, y->data[i]);
        wb_buf_puts(&fig->data, "\n");
    }
    begin_clause(fig);
    wb_buf_printf(&fig->plot, "'%s.dat' index %zu using 1:2 with %s",
                  fig->name, fig->nblocks, points ? "points" : "lines");
    if (points) {
        wb_buf_printf(&fig->plot, " lt %d", lk.color);
        put_color(fig, &fig->plot, &lk);
        if (lk.size > 0)
            wb_buf_printf(&fig->plot, " ps %g", lk.size);
    } else {
        put_line_look(fig, &fig->plot, &lk);
    }
    wb_buf_printf(&fig->plot, " %s", lk.title);
    fig->nblocks++;
    fig->kinds |= points ? SERIES_SCATTER : SERIES_LINE;
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
    for (size_t i = 0; i < bins; i++) {
        put_number(&fig->data, lo + ((double)i + 0.5) * width);
        wb_buf_puts(&fig->data, " ");
        put_number(&fig->data, counts->data[i]);
        wb_buf_puts(&fig->data, "\n");
    }
    wb_free(counts);
    /* The third column of `using` is the width of each bar. */
    begin_clause(fig);
    wb_buf_printf(&fig->plot, "'%s.dat' index %zu using 1:2:(%.10g) with "
                  "boxes lt %d lw %g", fig->name, fig->nblocks, width,
                  lk.color, lk.width > 0 ? lk.width : 1);
    /* Overlaid bars (alpha < 1) are outlined in their colour; opaque ones
     * are set apart by white. */
    if (lk.alpha < 1)
        wb_buf_printf(&fig->plot, " fs transparent solid %.3g border lc "
                      "rgb '%s'", lk.alpha, theme_color[lk.color - 1]);
    else
        wb_buf_puts(&fig->plot, " fs solid 1 border lc rgb 'white'");
    wb_buf_printf(&fig->plot, " %s", lk.title);
    free(lk.title);
    widen(&fig->hist_x, lo, hi);
    fig->nblocks++;
    fig->kinds |= SERIES_HIST;
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
        wb_buf_printf(&fig->decor, "set arrow from graph 0, first %.10g to "
                      "graph 1, first %.10g nohead front", at, at);
    else
        wb_buf_printf(&fig->decor, "set arrow from first %.10g, graph 0 to "
                      "first %.10g, graph 1 nohead front", at, at);
    put_line_look(fig, &fig->decor, &lk);
    wb_buf_puts(&fig->decor, "\n");
    fig->kinds |= SERIES_RULE;
    if (style && style->label) {
        begin_clause(fig);
        wb_buf_puts(&fig->plot, "keyentry with lines");
        put_line_look(fig, &fig->plot, &lk);
        wb_buf_printf(&fig->plot, " %s", lk.title);
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
    wb_buf_printf(&fig->decor, "set label %s at first %.10g, first %.10g "
                  "center front\n", q, x, y);
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
    for (size_t i = 0; i < m; i++) {
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
    widen(&fig->image_x, fmin(x0, x1) - hx, fmax(x0, x1) + hx);
    widen(&fig->image_y, fmin(y0, y1) - hy, fmax(y0, y1) + hy);
    for (size_t i = 0; i < z->size; i++)
        if (isfinite(z->data[i])) {
            fig->image_min = fmin(fig->image_min, z->data[i]);
            fig->image_max = fmax(fig->image_max, z->data[i]);
        }
    begin_clause(fig);
    wb_buf_printf(&fig->plot, "'%s.dat' index %zu using 1:2:3 with image "
                  "notitle", fig->name, fig->nblocks);
    fig->nblocks++;
    fig->kinds |= SERIES_HEATMAP;
    fig_check_bufs(fig, "heatmap");
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
    wb_buf_puts(&fig->tables, "set contour base\nset cntrparam levels "
                "discrete ");
    for (size_t i = 0; i < nlevels; i++) {
        if (i > 0)
            wb_buf_puts(&fig->tables, ", ");
        put_number(&fig->tables, levels[i]);
    }
    wb_buf_printf(&fig->tables, "\nunset surface\nset table $CONTOUR_%zu\n"
                  "splot '%s.dat' index %zu using 1:2:3 with lines notitle\n"
                  "unset table\nunset contour\nset surface\n",
                  k, fig->name, k);
    begin_clause(fig);
    /* On a 3-D figure, the lines float at their level's height. */
    wb_buf_printf(&fig->plot, "$CONTOUR_%zu using 1:2%s with lines", k,
                  fig->kinds & SERIES_SURFACE ? ":3" : "");
    put_line_look(fig, &fig->plot, &lk);
    wb_buf_printf(&fig->plot, " %s", lk.title);
    free(lk.title);
    fig->nblocks++;
    fig->kinds |= SERIES_CONTOUR;
    fig_check_bufs(fig, "contour");
}

void wb_plot_surface(wb_figure *fig, const wb_array *xx, const wb_array *yy,
                     const wb_array *z, const wb_style *style)
{
    look lk;
    if (!fig_ok(fig))
        return;
    if (fig->kinds & SERIES_CONTOUR) {
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
    wb_buf_printf(&fig->plot, "'%s.dat' index %zu using 1:2:3 with lines",
                  fig->name, fig->nblocks);
    /* A wireframe's many lines are thinner than a curve. */
    if (lk.width == 0)
        lk.width = 1;
    put_line_look(fig, &fig->plot, &lk);
    wb_buf_printf(&fig->plot, " %s", lk.title);
    free(lk.title);
    fig->nblocks++;
    fig->kinds |= SERIES_SURFACE;
    fig_check_bufs(fig, "surface");
}

/* ---- the script -------------------------------------------------------- */

/* Everything before the theme: what the file is, and the terminals. */
static void put_header(wb_buf *b, const char *name)
{
    wb_buf_printf(b,
"# %s.gp: a figure of the workbook, drawn by gnuplot from %s.dat.\n"
"# The chapter program wrote both files; edit this one and draw it again,\n"
"# from this folder, with\n"
"#\n"
"#     gnuplot -c %s.gp [png|pdf|svg|dumb|ansi|sixel] [OUTPUT|-] [COLS ROWS]\n"
"#\n"
"# The format is png unless given; OUTPUT is %s.png (.pdf, .svg) unless\n"
"# given. dumb (text), ansi (text in colour) and sixel (pixels) draw in the\n"
"# terminal, COLS x ROWS characters (79 x 24 unless given).\n"
"\n", name, name, name, name);
    wb_buf_printf(b,
"# ---- terminal ---------------------------------------------------------\n"
"format = exists('ARG1') && ARG1 ne '' ? ARG1 : 'png'\n"
"output = exists('ARG2') && ARG2 ne '-' ? ARG2 : ''\n"
"cols = exists('ARG3') && ARG3 ne '' ? int(ARG3) : 79\n"
"rows = exists('ARG4') && ARG4 ne '' ? int(ARG4) : 24\n"
"set encoding utf8\n"
"if (strstrt(' png pdf svg dumb ansi sixel ', ' ' . format . ' ') == 0) {\n"
"    exit error 'no format ' . format . \\\n"
"        ': use png, pdf, svg, dumb, ansi or sixel'\n"
"}\n"
"if (format eq 'png') {\n"
"    # Shown 720 pixels wide in the HTML book.\n"
"    set terminal pngcairo enhanced size 960,600 font 'DejaVu Sans,16'\n"
"}\n"
"if (format eq 'pdf') {\n"
"    # The width of the text of the printed book.\n"
"    set terminal pdfcairo enhanced size 6in,3.75in font 'DejaVu Sans,8' \\\n"
"        fontscale 1 pointscale 0.7\n"
"}\n"
"if (format eq 'svg') {\n"
"    set terminal svg enhanced size 960,600 font 'DejaVu Sans,16'\n"
"}\n"
"if (format eq 'dumb') {\n"
"    set terminal dumb enhanced size cols,rows\n"
"}\n"
"if (format eq 'ansi') {\n"
"    set terminal dumb enhanced ansi256 size cols,rows\n"
"}\n"
"if (format eq 'sixel') {\n"
"    # Pixels for cols x rows cells of about 9 x 18 pixels, at most.\n"
"    width = 9 * cols\n"
"    height = 18 * rows < width * 5 / 8 ? 18 * rows : width * 5 / 8\n"
"    width = height * 8 / 5\n"
"    set terminal sixelgd enhanced truecolor size width,height \\\n"
"        font 'DejaVu Sans,10'\n"
"}\n"
"# The picture goes to OUTPUT if given, else to %s.png (.pdf, .svg), else\n"
"# (dumb, ansi, sixel) to the terminal.\n"
"file_format = format eq 'png' || format eq 'pdf' || format eq 'svg'\n"
"if (output eq '' && file_format) {\n"
"    output = '%s.' . format\n"
"}\n"
"if (output ne '') {\n"
"    set output output\n"
"} else {\n"
"    set output\n"
"}\n"
"text_terminal = format eq 'dumb' || format eq 'ansi'\n"
"\n", name, name);
}

static void put_theme(wb_buf *b, bool three_d)
{
    wb_buf_puts(b,
"# ---- theme: the same for every figure of the book ---------------------\n"
"# Line types 1 to 8: the colours of Okabe and Ito, told apart also by\n"
"# readers with colour blindness; scatter points are filled circles.\n");
    for (int c = 0; c < NCOLORS; c++)
        wb_buf_printf(b, "set linetype %d lc rgb '%s' lw %d pt 7 ps %g  "
                      "# %s\n", c + 1, theme_color[c], THEME_WIDTH,
                      THEME_POINT_SIZE, theme_color_name[c]);
    wb_buf_puts(b,
"set linetype cycle 8\n"
"if (text_terminal) {\n"
"    # Letters cannot draw circles: a character for each line type.\n"
"    set for [k = 1:8] linetype k pt 'ox+*#@%&'[k:k]\n"
"}\n");
    if (three_d)
        wb_buf_puts(b,
"set border 31 lc rgb '#404040' lw 1     # the base, and the z axis\n"
"set xyplane relative 0.05               # the base just below the lowest z\n"
"set tics nomirror out scale 0.6 textcolor rgb '#202020'\n"
"set autoscale xfix                      # x and y end at the grid's edges\n"
"set autoscale yfix\n");
    else
        wb_buf_puts(b,
"set border 3 lc rgb '#404040' lw 1      # left and bottom axes only\n"
"set tics nomirror out scale 0.6 textcolor rgb '#202020'\n"
"if (!text_terminal) {\n"
"    set grid back lt 1 lc rgb '#E3E3E3' lw 1\n"
"}\n"
"set autoscale xfix                      # x and y end at the data, but...\n"
"set autoscale yfix\n");
    wb_buf_puts(b,
"set minussign                           # a true minus sign on the tics\n"
"set key noautotitle reverse Left nobox opaque fc rgb '#26FFFFFF' \\\n"
"    samplen 2.5 spacing 1.15\n"
"\n");
}

static void put_palette(wb_buf *b, wb_palette palette)
{
    if (palette == WB_PALETTE_DIVERGING)
        wb_buf_puts(b,
"# Blue, white in the middle, red: for a probability, 0.5 is white.\n"
"set palette defined (0 '#2166AC', 0.5 '#F7F7F7', 1 '#B2182B')\n");
    else
        wb_buf_puts(b,
"# Viridis (dark blue to yellow), as eight stops; gnuplot has none built in.\n"
"set palette defined (0 '#440154', 1 '#46337E', 2 '#365C8D', 3 '#277F8E', \\\n"
"                     4 '#1FA187', 5 '#4AC16D', 6 '#9FDA3A', 7 '#FDE725')\n");
    wb_buf_puts(b, "set colorbox\nset cbtics out nomirror\n");
}

static void put_range(wb_buf *b, const char *axis, range r)
{
    wb_buf_printf(b, "set %srange [%.10g:%.10g]\n", axis, r.lo, r.hi);
}

static const char *const legend_place[] = {
    [WB_LEGEND_TOP_LEFT] = "set key top left",
    [WB_LEGEND_TOP_RIGHT] = "set key top right",
    [WB_LEGEND_BOTTOM_LEFT] = "set key bottom left",
    [WB_LEGEND_BOTTOM_RIGHT] = "set key bottom right",
    [WB_LEGEND_OUTSIDE] = "set key outside right top",
    [WB_LEGEND_NONE] = "unset key",
};

static void put_axes(wb_buf *b, const wb_figure *fig, bool three_d)
{
    range x = fig->x, y = fig->y;
    wb_buf_puts(b, "# ---- axes and labels ------------------------------"
                   "--------------------\n"
                   "# Texts are enhanced text: {/:Italic x} is x in italics, "
                   "x_{1} has a\n# subscript, e^{z} a superscript, and \\_ "
                   "is a plain _.\n");
    if (fig->title)
        wb_buf_printf(b, "set title %s\n", fig->title);
    if (fig->xlabel)
        wb_buf_printf(b, "set xlabel %s\n", fig->xlabel);
    if (fig->ylabel)
        wb_buf_printf(b, "set ylabel %s\n", fig->ylabel);
    if (fig->zlabel)
        wb_buf_printf(b, "set zlabel %s rotate parallel\n", fig->zlabel);
    /* Unless given: the histograms' bins, and the heat maps' cells. */
    if (!x.set && fig->image_x.set)
        x = fig->image_x;
    if (!y.set && fig->image_y.set)
        y = fig->image_y;
    if (!x.set && fig->hist_x.set)
        x = fig->hist_x;
    if (x.set)
        put_range(b, "x", x);
    if (y.set)
        put_range(b, "y", y);
    else if (fig->kinds & SERIES_HIST)
        wb_buf_puts(b, "set yrange [0:*]    # bars start at 0\n");
    if (!three_d && (!x.set || !y.set)) {
        if (fig->kinds & SERIES_HIST)
            wb_buf_puts(b, "set offsets 0, 0, graph 0.1, 0    # room above "
                           "the highest bar\n");
        else
            wb_buf_puts(b, "set offsets graph 0.05, graph 0.05, graph 0.05, "
                           "graph 0.05    # ...with a margin\n");
    }
    if (fig->z.set)
        put_range(b, "z", fig->z);
    if (fig->square)
        wb_buf_puts(b, three_d ? "set view equal xy    # same scale on x "
                                 "and y\n"
                               : "set size ratio -1    # same scale on x "
                                 "and y\n");
    if (three_d) {
        wb_buf_printf(b, "set view %.10g, %.10g\n",
                      fig->view_set ? fig->rot_x : 60,
                      fig->view_set ? fig->rot_z : 30);
        wb_buf_puts(b, "set hidden3d offset 0    # hide the lines behind "
                       "the surface\n");
    }
    if (fig->kinds & SERIES_HEATMAP) {
        put_palette(b, fig->palette);
        if (fig->cb.set)
            put_range(b, "cb", fig->cb);
        else if (fig->palette == WB_PALETTE_DIVERGING &&
                 fig->image_min >= 0 && fig->image_max <= 1)
            /* Probabilities: white exactly at 0.5. */
            wb_buf_puts(b, "set cbrange [0:1]\n");
        if (fig->cblabel)
            wb_buf_printf(b, "set cblabel %s\n", fig->cblabel);
    } else {
        wb_buf_puts(b, "unset colorbox\n");
    }
    wb_buf_printf(b, "%s\n\n", legend_place[fig->legend]);
}

/* The whole script. */
static char *make_script(const wb_figure *fig)
{
    wb_buf b = {0};
    bool three_d = (fig->kinds & SERIES_SURFACE) != 0;
    put_header(&b, fig->name);
    put_theme(&b, three_d);
    if (fig->tables.len) {
        wb_buf_puts(&b, "# ---- contour lines, computed into datablocks --"
                        "------------------------\n");
        wb_buf_puts(&b, fig->tables.data);
        wb_buf_puts(&b, "\n");
    }
    put_axes(&b, fig, three_d);
    if (fig->decor.len) {
        wb_buf_puts(&b, "# ---- lines and texts over the plot ------------"
                        "------------------------\n");
        wb_buf_puts(&b, fig->decor.data);
        wb_buf_puts(&b, "\n");
    }
    wb_buf_printf(&b, "# ---- the plot: block k of %s.dat is `index k` ----"
                      "----------------\n", fig->name);
    if (fig->translucent)
        wb_buf_puts(&b, "# In a colour '#AARRGGBB', AA is the transparency: "
                        "00 opaque, FF invisible.\n");
    wb_buf_printf(&b, "%s %s\n", three_d ? "splot" : "plot",
                  fig->plot.data);
    return wb_buf_take(&b);
}

/* ---- running gnuplot --------------------------------------------------- */

/* A gnuplot process being run. */
typedef struct gp_proc {
    pid_t pid;
    int err_fd;     /* its standard error */
    int out_fd;     /* its standard output, when captured; else -1 */
    int exec_fd;    /* closes on exec; carries errno if exec fails */
} gp_proc;

/* What the child failed to do before gnuplot ran. */
typedef struct child_failure {
    int step;       /* 0: chdir, 1: exec */
    int err;
} child_failure;

static const char *const formats[] = {"png", "pdf", "svg", "dumb", "ansi",
                                      "sixel"};

static bool known_format(const char *format)
{
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (format && strcmp(format, formats[i]) == 0)
            return true;
    return false;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* Starts `gnuplot ARGV...` in `dir` with no shell. Standard input is
 * /dev/null; standard error is read back; standard output is captured
 * (capture), kept as ours (keep_stdout) or thrown away. */
static int gp_start(gp_proc *p, const char *dir, char *const argv[],
                    bool capture, bool keep_stdout)
{
    /* Three pipes: gnuplot's stderr, its stdout, and the exec report. All
     * close on exec, so that gnuplot (or a gnuplot started next to it)
     * holds none but its own stdout and stderr. */
    int fd[6] = {-1, -1, -1, -1, -1, -1};
    int *err = &fd[0], *out = &fd[2], *ex = &fd[4];
    bool ok = pipe(err) == 0 && (!capture || pipe(out) == 0) &&
              pipe(ex) == 0;
    for (int i = 0; ok && i < 6; i++)
        ok = fd[i] < 0 || fcntl(fd[i], F_SETFD, FD_CLOEXEC) == 0;
    *p = (gp_proc){.pid = -1, .err_fd = -1, .out_fd = -1, .exec_fd = -1};
    if (ok) {
        fflush(stdout);
        fflush(stderr);
        p->pid = fork();
        ok = p->pid >= 0;
    }
    if (!ok) {
        int e = errno;
        for (int i = 0; i < 6; i++)
            close_fd(&fd[i]);
        return wb_fail("cannot run gnuplot: %s", strerror(e));
    }
    if (p->pid == 0) {
        /* The child: only async-signal-safe calls until exec. */
        child_failure f = {0, 0};
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null >= 0)
            dup2(null, 0);
        dup2(err[1], 2);
        if (capture)
            dup2(out[1], 1);
        else if (!keep_stdout && null >= 0)
            dup2(null, 1);
        if (chdir(dir) != 0) {
            f.err = errno;
        } else {
            execvp("gnuplot", argv);
            f = (child_failure){1, errno};
        }
        if (write(ex[1], &f, sizeof f) < 0)
            _exit(126);
        _exit(127);
    }
    close_fd(&err[1]);
    close_fd(&out[1]);
    close_fd(&ex[1]);
    p->err_fd = err[0];
    p->out_fd = out[0];
    p->exec_fd = ex[0];
    return 0;
}

/* Reads `fd` into `b` once (the fd is ready); closes it at the end. */
static void drain(int *fd, wb_buf *b)
{
    char chunk[4096];
    ssize_t n = read(*fd, chunk, sizeof chunk);
    if (n > 0)
        wb_buf_append(b, chunk, (size_t)n);
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        close_fd(fd);
}

/* Whether a line of gnuplot's error output says the figure is broken: an
 * error ("\"x.gp\" line 3: undefined variable: y", or any line with
 * "error" in it), or the one warning that means a series came out empty.
 * Other warnings (a missing glyph, say) leave a usable figure. */
static bool is_error_line(const char *t)
{
    if (strstr(t, "warning:") || strstr(t, "WARNING"))
        return strstr(t, "no valid points") != NULL;
    return strstr(t, "error") || strstr(t, "Error") || strstr(t, "ERROR") ||
           (t[0] == '"' && strstr(t, "\" line ") && strstr(t, ": "));
}

/* The first error line of gnuplot's error output, or (when `any_line`)
 * its last line of text; NULL if none. */
static char *error_line(const char *text, bool any_line)
{
    char *last = NULL;
    const char *s = text;
    while (s && *s) {
        const char *end = strchr(s, '\n');
        size_t n = end ? (size_t)(end - s) : strlen(s);
        char *line = wb_strndup(s, n);
        const char *t = line;
        if (!line)
            break;
        while (*t == ' ' || *t == '\t')
            t++;
        if (is_error_line(t)) {
            char *hit = wb_strdup(t);
            free(line);
            free(last);
            return hit;
        }
        if (any_line && *t && *t != '^') {
            free(last);
            last = wb_strdup(t);
        }
        free(line);
        s = end ? end + 1 : NULL;
    }
    return last;
}

/* Waits for gnuplot to end, collecting its error output (and its standard
 * output into `out`, when captured). Returns 0, or -1 with gnuplot's first
 * error line. `script` names the script in the message. */
static int gp_finish(gp_proc *p, const char *script, wb_buf *out)
{
    wb_buf err = {0};
    child_failure f = {-1, 0};
    int status = 0, rc = 0;
    ssize_t n;

    /* The exec pipe ends (EOF) when gnuplot starts or the child gives up. */
    do
        n = read(p->exec_fd, &f, sizeof f);
    while (n < 0 && errno == EINTR);
    close_fd(&p->exec_fd);

    while (p->err_fd >= 0 || p->out_fd >= 0) {
        struct pollfd fds[2];
        nfds_t nfds = 0;
        int ie = -1, io = -1;
        if (p->err_fd >= 0) {
            ie = (int)nfds;
            fds[nfds++] = (struct pollfd){.fd = p->err_fd, .events = POLLIN};
        }
        if (p->out_fd >= 0) {
            io = (int)nfds;
            fds[nfds++] = (struct pollfd){.fd = p->out_fd, .events = POLLIN};
        }
        if (poll(fds, nfds, -1) < 0) {
            if (errno == EINTR)
                continue;
            close_fd(&p->err_fd);
            close_fd(&p->out_fd);
            break;
        }
        if (ie >= 0 && fds[ie].revents)
            drain(&p->err_fd, &err);
        if (io >= 0 && fds[io].revents)
            drain(&p->out_fd, out);
    }
    while (waitpid(p->pid, &status, 0) < 0)
        if (errno != EINTR) {
            status = -1;
            break;
        }
    p->pid = -1;

    if (n == (ssize_t)sizeof f) {
        if (f.step == 0)
            rc = wb_fail("gnuplot: %s: cannot enter its folder: %s", script,
                         strerror(f.err));
        else if (f.err == ENOENT)
            rc = wb_fail("gnuplot is not installed (no gnuplot on the "
                         "PATH): install it, for instance with `make deps`");
        else
            rc = wb_fail("cannot run gnuplot: %s", strerror(f.err));
    } else {
        bool exited_ok = status != -1 && WIFEXITED(status) &&
                         WEXITSTATUS(status) == 0;
        char *line = error_line(err.data ? err.data : "", !exited_ok);
        if (line || !exited_ok) {
            if (line)
                rc = wb_fail("gnuplot: %s: %s", script, line);
            else if (status != -1 && WIFSIGNALED(status))
                rc = wb_fail("gnuplot: %s: killed by signal %d", script,
                             WTERMSIG(status));
            else
                rc = wb_fail("gnuplot: %s: failed (exit status %d)", script,
                             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        }
        free(line);
    }
    wb_buf_free(&err);
    if (out && out->failed && rc == 0)
        rc = wb_fail("out of memory (gnuplot's output)");
    return rc;
}

/* The argument vector of `gnuplot -c NAME.gp FORMAT OUTPUT [COLS ROWS]`,
 * in `store` (freed by the caller). */
typedef struct gp_args {
    char *script, *output, *cols, *rows;
    char *argv[8];
} gp_args;

static void gp_args_free(gp_args *a)
{
    free(a->script);
    free(a->output);
    free(a->cols);
    free(a->rows);
}

static int gp_args_make(gp_args *a, const char *name, const char *format,
                        const char *output, int cols, int rows)
{
    int k = 0;
    *a = (gp_args){0};
    if (!wb_is_safe_name(name))
        return wb_fail("'%s' is not a figure name", name ? name : "(null)");
    if (!known_format(format))
        return wb_fail("no format '%s': use png, pdf, svg, dumb, ansi or "
                       "sixel", format ? format : "(null)");
    a->script = wb_asprintf("%s.gp", name);
    /* gnuplot pipes `set output '|cmd'` to a shell: an output that is not
     * plainly a path gets "./" in front. */
    if (!output || strcmp(output, "-") == 0)
        a->output = wb_strdup("-");
    else if (output[0] == '/' || output[0] == '.')
        a->output = wb_strdup(output);
    else
        a->output = wb_asprintf("./%s", output);
    if (cols > 0 && rows > 0) {
        a->cols = wb_asprintf("%d", cols);
        a->rows = wb_asprintf("%d", rows);
        if (!a->cols || !a->rows) {
            gp_args_free(a);
            return -1;
        }
    }
    if (!a->script || !a->output) {
        gp_args_free(a);
        return -1;
    }
    a->argv[k++] = "gnuplot";
    a->argv[k++] = "-c";
    a->argv[k++] = a->script;
    a->argv[k++] = (char *)format;
    a->argv[k++] = a->output;
    if (a->cols) {
        a->argv[k++] = a->cols;
        a->argv[k++] = a->rows;
    }
    a->argv[k] = NULL;
    return 0;
}

static const char *dir_or_dot(const char *dir)
{
    return dir && *dir ? dir : ".";
}

int wb_gnuplot(const char *dir, const char *name, const char *format,
               const char *output, int cols, int rows)
{
    gp_args a;
    gp_proc p;
    char *script;
    int rc;
    bool to_stdout = !output || strcmp(output, "-") == 0;
    if (gp_args_make(&a, name, format, output, cols, rows) != 0)
        return -1;
    script = wb_path_join(dir_or_dot(dir), a.script);
    if (!script) {
        gp_args_free(&a);
        return -1;
    }
    rc = gp_start(&p, dir_or_dot(dir), a.argv, false, to_stdout);
    if (rc == 0)
        rc = gp_finish(&p, script, NULL);
    free(script);
    gp_args_free(&a);
    return rc;
}

/* ---- rendering --------------------------------------------------------- */

static const struct {
    unsigned flag;
    const char *format;
    const char *ext;
} file_formats[] = {
    {WB_PNG, "png", "png"},
    {WB_PDF, "pdf", "pdf"},
    {WB_SVG, "svg", "svg"},
};
enum { NFILE_FORMATS = sizeof file_formats / sizeof *file_formats };

/* Writes `text` to `path` through a temporary file. */
static int write_text(const char *path, const char *text)
{
    return wb_write_file(path, text, strlen(text));
}

/* cairo stamps every PDF with the time it was made, so that two runs of a
 * chapter would make different PDFs, and the printed book would change
 * with every build. The stamp is replaced by a fixed date of the same
 * length, which keeps the file's byte offsets valid. */
static int fix_pdf_dates(const char *path)
{
    static const char *keys[] = {"/CreationDate (D:", "/ModDate (D:"};
    static const char date[] = "20240101000000";   /* YYYYMMDDHHMMSS */
    size_t len = 0;
    char *pdf = wb_read_file(path, &len);
    FILE *fp;
    int rc = 0;

    if (!pdf)
        return -1;
    fp = fopen(path, "r+b");
    if (!fp) {
        free(pdf);
        return wb_fail("cannot open %s: %s", path, strerror(errno));
    }
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        size_t n = strlen(keys[k]);
        for (size_t i = 0; i + n + 14 <= len; i++) {
            if (memcmp(pdf + i, keys[k], n) != 0)
                continue;
            for (size_t j = 0; j < 14; j++)
                if (pdf[i + n + j] < '0' || pdf[i + n + j] > '9')
                    goto next;
            if (fseek(fp, (long)(i + n), SEEK_SET) != 0 ||
                fwrite(date, 1, 14, fp) != 14)
                rc = wb_fail("cannot write %s: %s", path, strerror(errno));
        next:;
        }
    }
    if (fclose(fp) != 0 && rc == 0)
        rc = wb_fail("cannot write %s: %s", path, strerror(errno));
    free(pdf);
    return rc;
}

/* Runs gnuplot once per format, all at once, each into a temporary file
 * that is renamed into place when gnuplot succeeds. */
static int render_formats(const wb_figure *fig)
{
    const wb_run *run = fig->run;
    const char *dir = dir_or_dot(run->out_dir);
    wb_file files[NFILE_FORMATS];
    gp_args args[NFILE_FORMATS];
    gp_proc procs[NFILE_FORMATS];
    bool started[NFILE_FORMATS] = {false};
    char *script = NULL;
    int rc = 0;
    char first_error[512] = "";

    memset(files, 0, sizeof files);
    memset(args, 0, sizeof args);
    script = wb_run_path(run, fig->name, "gp");
    if (!script)
        return -1;
    for (int i = 0; i < NFILE_FORMATS && rc == 0; i++) {
        char *path;
        const char *base;
        if (!(run->formats & file_formats[i].flag))
            continue;
        path = wb_run_path(run, fig->name, file_formats[i].ext);
        if (!path || wb_file_open(&files[i], path) != 0) {
            free(path);
            rc = -1;
            break;
        }
        free(path);
        /* gnuplot writes the file itself, by name; ours only renames it. */
        fclose(files[i].fp);
        files[i].fp = NULL;
        base = strrchr(files[i].tmp, '/');
        base = base ? base + 1 : files[i].tmp;
        if (gp_args_make(&args[i], fig->name, file_formats[i].format, base,
                         0, 0) != 0 ||
            gp_start(&procs[i], dir, args[i].argv, false, false) != 0) {
            rc = -1;
            break;
        }
        started[i] = true;
    }
    if (rc != 0)
        snprintf(first_error, sizeof first_error, "%s", wb_error());
    for (int i = 0; i < NFILE_FORMATS; i++) {
        if (started[i] && (gp_finish(&procs[i], script, NULL) != 0 ||
                           (file_formats[i].flag == WB_PDF &&
                            fix_pdf_dates(files[i].tmp) != 0)) &&
            rc == 0) {
            rc = -1;
            snprintf(first_error, sizeof first_error, "%s", wb_error());
        }
        gp_args_free(&args[i]);
    }
    /* Every format drawn, or none moved into place. */
    for (int i = 0; i < NFILE_FORMATS; i++) {
        if (!files[i].tmp)
            continue;
        if (rc == 0) {
            if (wb_file_commit(&files[i]) != 0) {
                rc = -1;
                snprintf(first_error, sizeof first_error, "%s", wb_error());
            }
        } else {
            wb_file_abort(&files[i]);
        }
    }
    free(script);
    if (rc != 0)
        wb_fail("%s", first_error);
    return rc;
}

int wb_figure_render(wb_figure *fig)
{
    wb_run *run;
    char *script = NULL, *gp = NULL, *dat = NULL;
    int rc = -1;

    if (!fig)   /* wb_figure_new failed, and said why */
        return wb_error()[0] ? -1 : wb_fail("no figure to render");
    run = fig->run;
    if (fig->failed) {
        wb_fail("figure %s: %s", fig->name ? fig->name : "(unnamed)",
                fig->error);
        goto done;
    }
    if (fig->kinds & SERIES_SURFACE && fig->kinds & FLAT_ONLY) {
        wb_fail("figure %s: a surface (3-D) cannot share its figure with "
                "lines, points, bars, a heat map or hline/vline", fig->name);
        goto done;
    }
    if (fig->nclauses == 0) {
        wb_fail("figure %s: nothing to draw: add a series first", fig->name);
        goto done;
    }
    if (!run->render) {
        rc = 0;
        goto done;
    }
    if (wb_run_prepare_out(run) != 0)
        goto done;
    script = make_script(fig);
    gp = wb_run_path(run, fig->name, "gp");
    dat = wb_run_path(run, fig->name, "dat");
    if (!script || !gp || !dat)
        goto done;
    if (write_text(dat, fig->data.data) != 0 || write_text(gp, script) != 0)
        goto done;
    if (render_formats(fig) != 0)
        goto done;
    rc = wb_run_add_figure(run, fig->name, fig->caption, true);
done:
    free(script);
    free(gp);
    free(dat);
    wb_figure_free(fig);
    return rc;
}

/* ---- showing a figure in the terminal ---------------------------------- */

/* Writes gnuplot's output to our standard output, without the form feed a
 * text terminal may start with. */
static int write_shown(const wb_buf *out)
{
    const char *s = out->data ? out->data : "";
    size_t n = out->len;
    if (n > 0 && s[0] == '\f') {
        s++;
        n--;
    }
    if ((n > 0 && fwrite(s, 1, n, stdout) != n) || fflush(stdout) != 0)
        return wb_fail("cannot write to standard output: %s",
                       strerror(errno));
    return 0;
}

static bool file_exists(const char *dir, const char *name, const char *ext)
{
    struct stat st;
    char *file = wb_asprintf("%s.%s", name, ext);
    char *path = file ? wb_path_join(dir, file) : NULL;
    bool yes = path && stat(path, &st) == 0 && S_ISREG(st.st_mode);
    free(file);
    free(path);
    return yes;
}

int wb_figure_show(const char *dir, const char *name, wb_term_graphics mode,
                   int cols, int rows)
{
    static const char *const mode_format[] = {
        [WB_TERM_DUMB] = "dumb", [WB_TERM_ANSI] = "ansi",
        [WB_TERM_SIXEL] = "sixel"};
    wb_buf out = {0};
    gp_proc p;
    char *label = NULL;
    int rc;

    dir = dir_or_dot(dir);
    if (mode == WB_TERM_NONE)
        return 0;
    if (mode != WB_TERM_DUMB && mode != WB_TERM_ANSI && mode != WB_TERM_SIXEL)
        return wb_fail("no terminal graphics mode %d", (int)mode);
    if (!wb_is_safe_name(name))
        return wb_fail("'%s' is not a figure name", name ? name : "(null)");
    if (cols <= 0 || rows <= 0) {
        cols = 79;
        rows = 24;
    }
    if (file_exists(dir, name, "gp")) {
        gp_args a;
        if (gp_args_make(&a, name, mode_format[mode], "-", cols, rows) != 0)
            return -1;
        label = wb_path_join(dir, a.script);
        rc = label ? gp_start(&p, dir, a.argv, true, false) : -1;
        if (rc == 0)
            rc = gp_finish(&p, label, &out);
        gp_args_free(&a);
    } else if (file_exists(dir, name, "png")) {
        /* A diagram drawn with cairo: only pixels can show it. */
        char *cmds;
        char *argv[4];
        int width = 9 * cols, height = 18 * rows;
        if (mode != WB_TERM_SIXEL)
            return 0;
        cmds = wb_asprintf(
            "set terminal sixelgd truecolor size %d,%d; set output; "
            "unset border; unset tics; unset key; unset colorbox; "
            "set margins 0, 0, 0, 0; set size ratio -1; "
            "plot '%s.png' binary filetype=png with rgbimage",
            width, height, name);
        label = wb_asprintf("%s/%s.png", dir, name);
        if (!cmds || !label) {
            free(cmds);
            free(label);
            return -1;
        }
        argv[0] = "gnuplot";
        argv[1] = "-e";
        argv[2] = cmds;
        argv[3] = NULL;
        rc = gp_start(&p, dir, argv, true, false);
        if (rc == 0)
            rc = gp_finish(&p, label, &out);
        free(cmds);
    } else {
        return wb_fail("no figure %s in %s (neither %s.gp nor %s.png)", name,
                       dir, name, name);
    }
    free(label);
    if (rc == 0)
        rc = write_shown(&out);
    wb_buf_free(&out);
    return rc;
}

/* ---- gnuplot strings --------------------------------------------------- */

/* Enhanced-text characters: shown as themselves when escaped. */
static bool is_special(unsigned char c)
{
    return c && strchr("^_@&~{}\\", c) != NULL;
}

/* The length of the valid UTF-8 sequence at s, or 0 if there is none. */
static size_t utf8_len(const unsigned char *s)
{
    size_t n;
    uint32_t cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        cp = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        cp = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Appends one character of plain text at *s (a whole UTF-8 sequence),
 * made safe, and advances *s. */
static void put_plain_char(wb_buf *b, const char **s)
{
    const unsigned char *u = (const unsigned char *)*s;
    size_t n;
    if (u[0] < 0x20 || u[0] == 0x7F) {
        wb_buf_puts(b, " ");
        *s += 1;
    } else if (u[0] == '\'') {
        /* gnuplot's scanner takes '' as a quote only after another
         * character of the string: '''b' is read as '' then 'b', and
         * 'a''''b' as 'a''' then 'b'. An empty enhanced-text group, {},
         * goes between the opening quote, or a quote, and a quote. */
        if (b->len > 0 && b->data[b->len - 1] == '\'')
            wb_buf_puts(b, "{}");
        wb_buf_puts(b, "''");
        *s += 1;
    } else if (is_special(u[0])) {
        char esc[2] = {'\\', (char)u[0]};
        wb_buf_append(b, esc, 2);
        *s += 1;
    } else if ((n = utf8_len(u)) > 0) {
        wb_buf_append(b, *s, n);
        *s += n;
    } else {
        wb_buf_puts(b, "?");    /* not UTF-8: cairo would refuse it */
        *s += 1;
    }
}

/* TeX commands understood inside $...$. */
typedef struct tex_symbol {
    const char *name;
    const char *text;   /* UTF-8 */
    bool italic;        /* lower-case Greek is italic, as in TeX */
} tex_symbol;

static const tex_symbol tex_symbols[] = {
    {"alpha", "α", true}, {"beta", "β", true}, {"gamma", "γ", true},
    {"delta", "δ", true}, {"epsilon", "ϵ", true}, {"varepsilon", "ε", true},
    {"zeta", "ζ", true}, {"eta", "η", true}, {"theta", "θ", true},
    {"vartheta", "ϑ", true}, {"iota", "ι", true}, {"kappa", "κ", true},
    {"lambda", "λ", true}, {"mu", "μ", true}, {"nu", "ν", true},
    {"xi", "ξ", true}, {"omicron", "ο", true}, {"pi", "π", true},
    {"varpi", "ϖ", true}, {"rho", "ρ", true}, {"varrho", "ϱ", true},
    {"sigma", "σ", true}, {"varsigma", "ς", true}, {"tau", "τ", true},
    {"upsilon", "υ", true}, {"phi", "ϕ", true}, {"varphi", "φ", true},
    {"chi", "χ", true}, {"psi", "ψ", true}, {"omega", "ω", true},
    {"Alpha", "Α", false}, {"Beta", "Β", false}, {"Gamma", "Γ", false},
    {"Delta", "Δ", false}, {"Epsilon", "Ε", false}, {"Zeta", "Ζ", false},
    {"Eta", "Η", false}, {"Theta", "Θ", false}, {"Iota", "Ι", false},
    {"Kappa", "Κ", false}, {"Lambda", "Λ", false}, {"Mu", "Μ", false},
    {"Nu", "Ν", false}, {"Xi", "Ξ", false}, {"Omicron", "Ο", false},
    {"Pi", "Π", false}, {"Rho", "Ρ", false}, {"Sigma", "Σ", false},
    {"Tau", "Τ", false}, {"Upsilon", "Υ", false}, {"Phi", "Φ", false},
    {"Chi", "Χ", false}, {"Psi", "Ψ", false}, {"Omega", "Ω", false},
    {"cdot", "·", false}, {"times", "×", false}, {"leq", "≤", false},
    {"le", "≤", false}, {"geq", "≥", false}, {"ge", "≥", false},
    {"neq", "≠", false}, {"ne", "≠", false}, {"approx", "≈", false},
    {"infty", "∞", false}, {"to", "→", false}, {"rightarrow", "→", false},
    {"leftarrow", "←", false}, {"pm", "±", false}, {"ldots", "…", false},
    {"cdots", "⋯", false}, {"partial", "∂", false}, {"nabla", "∇", false},
    {"sum", "∑", false}, {"prod", "∏", false}, {"in", "∈", false},
    {"propto", "∝", false}, {"sim", "∼", false},
    {"exp", "exp", false}, {"log", "log", false}, {"ln", "ln", false},
    {"max", "max", false}, {"min", "min", false}, {"tanh", "tanh", false},
};

/* Turns $...$ into enhanced text. */
typedef struct math_parser {
    const char *s;      /* the next character */
    const char *text;   /* the whole text, for messages */
    wb_buf *out;
} math_parser;

static int math_span(math_parser *m, char end, bool upright);

/* One argument of _ or ^: a {group}, a \command or one character. */
static int math_argument(math_parser *m, wb_buf *arg, bool upright)
{
    wb_buf *saved = m->out;
    int rc;
    m->out = arg;
    if (*m->s == '{') {
        m->s++;
        rc = math_span(m, '}', upright);
    } else if (*m->s == '\0' || *m->s == '$' || *m->s == '}' ||
               *m->s == '_' || *m->s == '^') {
        rc = wb_fail("a subscript or superscript without its argument in "
                     "'%s'", m->text);
    } else {
        /* One character (or command): run the span on it alone. */
        const char *start = m->s;
        size_t n;
        if (*m->s == '\\') {
            n = 1;
            if ((m->s[1] >= 'a' && m->s[1] <= 'z') ||
                (m->s[1] >= 'A' && m->s[1] <= 'Z'))
                while ((m->s[n] >= 'a' && m->s[n] <= 'z') ||
                       (m->s[n] >= 'A' && m->s[n] <= 'Z'))
                    n++;
            else if (m->s[1])
                n = 2;
        } else {
            n = utf8_len((const unsigned char *)m->s);
            if (n == 0)
                n = 1;
        }
        {
            char *one = wb_strndup(start, n);
            math_parser sub = {one, m->text, arg};
            if (!one) {
                m->out = saved;
                return -1;
            }
            rc = math_span(&sub, '\0', upright);
            free(one);
        }
        m->s += n;
    }
    m->out = saved;
    return rc;
}

/* After a base: x_a, x^b, x_a^b (both start at the same place). */
static int math_script(math_parser *m, bool upright)
{
    char first = *m->s;
    wb_buf a = {0}, b = {0};
    int rc;
    m->s++;
    rc = math_argument(m, &a, upright);
    if (rc == 0 && (*m->s == '_' || *m->s == '^') && *m->s != first) {
        char second = *m->s;
        m->s++;
        rc = math_argument(m, &b, upright);
        if (rc == 0)
            /* @ gives the first script no width, so both start here. */
            wb_buf_printf(m->out, "@%c{%s}%c{%s}", first,
                          a.data ? a.data : "", second,
                          b.data ? b.data : "");
    } else if (rc == 0) {
        wb_buf_printf(m->out, "%c{%s}", first, a.data ? a.data : "");
    }
    if (a.failed || b.failed)
        m->out->failed = true;
    wb_buf_free(&a);
    wb_buf_free(&b);
    return rc;
}

static void put_italic(wb_buf *b, const char *text, size_t n)
{
    wb_buf_puts(b, "{/:Italic ");
    wb_buf_append(b, text, n);
    wb_buf_puts(b, "}");
}

static int math_command(math_parser *m, bool upright)
{
    const char *name = m->s + 1;
    size_t n = 0;
    while ((name[n] >= 'a' && name[n] <= 'z') ||
           (name[n] >= 'A' && name[n] <= 'Z'))
        n++;
    if (n == 0) {
        /* \, \; \: \  (spaces), \! (none), \{ \} \$ \_ \% \# \& (the
         * character itself) */
        char c = name[0];
        if (c == '\0')
            return wb_fail("a lone \\ at the end of '%s'", m->text);
        m->s += 2;
        if (c == ',') {
            wb_buf_puts(m->out, "\xE2\x80\x89");    /* thin space */
        } else if (c == ';' || c == ':' || c == ' ') {
            wb_buf_puts(m->out, " ");
        } else if (strchr("{}$_%#&", c)) {
            const char one[2] = {c, '\0'};
            const char *p = one;
            put_plain_char(m->out, &p);
        } else if (c != '!') {
            return wb_fail("unknown command \\%c in '%s'", c, m->text);
        }
        return 0;
    }
    m->s = name + n;
    if ((n == 6 && strncmp(name, "mathrm", 6) == 0) ||
        (n == 4 && strncmp(name, "text", 4) == 0)) {
        if (*m->s != '{')
            return wb_fail("\\%.*s needs a {group} in '%s'", (int)n, name,
                           m->text);
        m->s++;
        wb_buf_puts(m->out, "{");
        if (math_span(m, '}', true) != 0)
            return -1;
        wb_buf_puts(m->out, "}");
        return 0;
    }
    for (size_t i = 0; i < sizeof tex_symbols / sizeof *tex_symbols; i++) {
        const tex_symbol *t = &tex_symbols[i];
        if (strlen(t->name) == n && strncmp(t->name, name, n) == 0) {
            if (t->italic && !upright)
                put_italic(m->out, t->text, strlen(t->text));
            else
                wb_buf_puts(m->out, t->text);
            return 0;
        }
    }
    return wb_fail("unknown command \\%.*s in '%s'", (int)n, name, m->text);
}

/* Math until `end` ('$', '}', or '\0' for a lone argument). */
static int math_span(math_parser *m, char end, bool upright)
{
    for (;;) {
        char c = *m->s;
        if (c == end) {
            if (c)
                m->s++;
            return 0;
        }
        if (c == '\0' || c == '$')
            return wb_fail(end == '}' ? "unmatched { in '%s'"
                                      : "unmatched $ in '%s': write \\$ for "
                                        "a dollar sign", m->text);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            const char *start = m->s;
            while ((*m->s >= 'a' && *m->s <= 'z') ||
                   (*m->s >= 'A' && *m->s <= 'Z'))
                m->s++;
            if (upright)
                wb_buf_append(m->out, start, (size_t)(m->s - start));
            else
                put_italic(m->out, start, (size_t)(m->s - start));
        } else if (c == '_' || c == '^') {
            if (math_script(m, upright) != 0)
                return -1;
        } else if (c == '\\') {
            if (math_command(m, upright) != 0)
                return -1;
        } else if (c == '{') {
            m->s++;
            wb_buf_puts(m->out, "{");
            if (math_span(m, '}', upright) != 0)
                return -1;
            wb_buf_puts(m->out, "}");
        } else if (c == '}') {
            return wb_fail("unmatched } in '%s'", m->text);
        } else if (c == '-') {
            wb_buf_puts(m->out, "\xE2\x88\x92");    /* U+2212 minus */
            m->s++;
        } else if (c == '\'') {
            wb_buf_puts(m->out, "\xE2\x80\xB2");    /* U+2032 prime */
            m->s++;
        } else if (c == '~') {
            wb_buf_puts(m->out, " ");               /* TeX's tie */
            m->s++;
        } else {
            put_plain_char(m->out, &m->s);
        }
    }
}

char *wb_gp_string(const char *text, bool math)
{
    wb_buf b = {0};
    const char *s = text;
    if (!text) {
        wb_fail("no text (NULL)");
        return NULL;
    }
    wb_buf_puts(&b, "'");
    while (*s) {
        if (math && *s == '$') {
            math_parser m = {s + 1, text, &b};
            if (math_span(&m, '$', false) != 0) {
                wb_buf_free(&b);
                return NULL;
            }
            s = m.s;
        } else if (math && s[0] == '\\' && s[1] == '$') {
            wb_buf_puts(&b, "$");
            s += 2;
        } else {
            put_plain_char(&b, &s);
        }
    }
    wb_buf_puts(&b, "'");
    return wb_buf_take(&b);
}
