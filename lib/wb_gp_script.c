/* wb_gp_script.c: a figure's gnuplot script, NAME.gp. See
 * wb_gp_script.h.
 *
 * The script has the same parts for every figure, in this order: what the
 * file is and how to run it; the terminal, chosen by the script's first
 * argument; the theme; contour lines computed into datablocks; axes and
 * labels; lines and texts over the plot; and the plot command, whose
 * clauses the builder (wb_figure.c) wrote, one per series.
 */
#include <math.h>
#include <stdbool.h>

#include "wb_figure_data.h"
#include "wb_gp_script.h"
#include "wb_theme.h"

enum {
    LINE_WIDTH = 2     /* of every series */
};
#define POINT_SIZE 1.3

/* The HTML book shows the SVG at its size in CSS pixels, or narrower on a
 * narrow screen, and a figure of several panels panel by panel, as many
 * side by side as fit: so the SVG is the PNG, with the same font, made
 * smaller where needed for its panels to be at most this wide, and its
 * text to be still 9 pixels high on a phone's 375-pixel column. */
#define SVG_PANEL_WIDTH 640.0

/* How much smaller the SVG is than the PNG. */
static double svg_scale(const wb_figure *fig)
{
    double panel = (double)fig->width / fig->cols;
    return panel > SVG_PANEL_WIDTH ? SVG_PANEL_WIDTH / panel : 1;
}

/* Everything before the theme: what the file is, and the terminals. */
static int gcd(int a, int b)
{
    while (b) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static void put_header(wb_buf *b, const wb_figure *fig)
{
    const char *name = fig->name;
    int width = fig->width, height = fig->height, g = gcd(width, height);
    double scale = svg_scale(fig);
    char pdf_w[32], pdf_h[32];
    /* The PDF at 160 pixels to the inch. */
    snprintf(pdf_w, sizeof pdf_w, "%gin", width / 160.0);
    snprintf(pdf_h, sizeof pdf_h, "%gin", height / 160.0);
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
"    set terminal pngcairo enhanced size %d,%d font 'DejaVu Sans,16'\n"
"}\n"
"if (format eq 'pdf') {\n"
"    # The width of the text of the printed book.\n"
"    set terminal pdfcairo enhanced size %s,%s font 'DejaVu Sans,8' \\\n"
"        fontscale 1 pointscale 0.7\n"
"}\n"
"if (format eq 'svg') {\n"
"    # For the HTML book, which shows it at this size in CSS pixels on a\n"
"    # screen: the PNG with the same font, its panels at most 640 pixels\n"
"    # wide, so that its text is still 9 pixels high on a phone. The\n"
"    # paper is drawn, for the book's dark theme to turn dark.\n"
"    set terminal svg enhanced size %d,%d font 'DejaVu Sans,16' \\\n"
"        background rgb '#%06X'\n"
"}\n"
"# Points are the same size beside the plot in every format (its text is\n"
"# not): in the SVG, as much smaller as the SVG is.\n"
"point_scale = format eq 'svg' ? %.4g : 1\n"
"if (format eq 'dumb') {\n"
"    set terminal dumb enhanced size cols,rows\n"
"}\n"
"if (format eq 'ansi') {\n"
"    set terminal dumb enhanced ansi256 size cols,rows\n"
"}\n"
"if (format eq 'sixel') {\n"
"    # Pixels for cols x rows cells of about 9 x 18 pixels, at most.\n"
"    width = 9 * cols\n"
"    height = 18 * rows < width * %d / %d ? 18 * rows : width * %d / %d\n"
"    width = height * %d / %d\n"
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
"# Lines across the plot (vline, hline) end at the frame; a text terminal\n"
"# draws a line's end one cell further, so there they stop half a cell\n"
"# short of it.\n"
"rule_top = text_terminal ? 1 - 0.5 / rows : 1\n"
"rule_right = text_terminal ? 1 - 0.5 / cols : 1\n"
"\n", width, height, pdf_w, pdf_h, (int)lround(scale * width),
                  (int)lround(scale * height), WB_THEME_PAPER, scale,
                  height / g, width / g,
                  height / g, width / g, width / g, height / g, name, name);
}

/* The theme's colours: line types 1 to 8. */
static void put_linetypes(wb_buf *b)
{
    wb_buf_puts(b,
"# ---- theme: the same for every figure of the book ---------------------\n"
"# Line types 1 to 8: the colours of Okabe and Ito, told apart also by\n"
"# readers with colour blindness; scatter points are filled circles.\n");
    for (int c = 0; c < WB_THEME_NCOLOURS; c++)
        wb_buf_printf(b, "set linetype %d lc rgb '#%06X' lw %d pt 7 "
                      "ps %g * point_scale  "
                      "# %s\n", c + 1, (unsigned)wb_theme_colours[c].rgb,
                      LINE_WIDTH, POINT_SIZE, wb_theme_colours[c].name);
    wb_buf_puts(b,
"set linetype cycle 8\n"
"if (text_terminal) {\n"
"    # Letters cannot draw circles: a character for each line type.\n"
"    set for [k = 1:8] linetype k pt 'ox+*#@%&'[k:k]\n"
"}\n");
}

/* The theme's axes and grid, for a flat or a 3-D plot. */
static void put_frame(wb_buf *b, bool three_d)
{
    if (three_d)
        wb_buf_printf(b,
"set border 31 lc rgb '#%06X' lw 1     # the base, and the z axis\n"
"set xyplane relative 0.05               # the base just below the lowest z\n"
"set tics nomirror out scale 0.6 textcolor rgb '#%06X'\n"
"set autoscale xfix                      # x and y end at the grid's edges\n"
"set autoscale yfix\n", WB_THEME_AXIS, WB_THEME_INK);
    else
        wb_buf_printf(b,
"set border 3 lc rgb '#%06X' lw 1      # left and bottom axes only\n"
"set tics nomirror out scale 0.6 textcolor rgb '#%06X'\n"
"if (!text_terminal) {\n"
"    set grid back lt 1 lc rgb '#%06X' lw 1\n"
"}\n"
"set autoscale xfix                      # x and y end at the data, but...\n"
"set autoscale yfix\n", WB_THEME_AXIS, WB_THEME_INK, WB_THEME_GRID);
    wb_buf_puts(b,
"set minussign                           # a true minus sign on the tics\n"
"\n");
}

/* Black, and the legend, which depend on what the plot shows. On the
 * paper, black is the ink (texts are too), which the book's dark theme
 * turns light; on a colour map, which keeps its colours in any theme, it
 * stays black, and the legend is a light card with black text, so that
 * the lines it names show in it as they do on the map. */
static void put_ink(wb_buf *b, bool on_map)
{
    uint32_t black = on_map ? wb_theme_colours[WB_THEME_NCOLOURS - 1].rgb
                            : WB_THEME_INK;
    uint32_t key = on_map ? WB_THEME_CARD : WB_THEME_PAPER;
    uint32_t key_text = on_map ? black : WB_THEME_INK;
    wb_buf_printf(b, "%s\n",
                  on_map ? "# On a colour map, black (line type 8) is black, "
                           "and the legend is a\n# light card."
                         : "# On the paper, black (line type 8) is the ink "
                           "of the texts.");
    wb_buf_printf(b,
"black = '%06X'\n"
"set linetype 8 lc rgb '#' . black\n"
"set key noautotitle reverse Left nobox opaque fc rgb '#26%06X' \\\n"
"    textcolor rgb '#%06X' samplen 2.5 spacing 1.15\n",
                  (unsigned)black, (unsigned)key, (unsigned)key_text);
}

/* set palette defined (0 '#440154', 0.142857 '#46337E', ...): the
 * theme's stops, three a line. */
static void put_stops(wb_buf *b, const wb_theme_stop *stops, size_t n)
{
    wb_buf_puts(b, "set palette defined (");
    for (size_t k = 0; k < n; k++)
        wb_buf_printf(b, "%s%.6g '#%06X'", k == 0 ? "" : k % 3 ? ", "
                      : ", \\\n                     ", stops[k].at,
                      (unsigned)stops[k].rgb);
    wb_buf_puts(b, ")\n");
}

static void put_palette(wb_buf *b, wb_palette palette)
{
    if (palette == WB_PALETTE_DIVERGING) {
        wb_buf_puts(b, "# Blue, white in the middle, red: for a probability, "
                       "0.5 is white.\n");
        put_stops(b, wb_theme_diverging, WB_THEME_DIVERGING_STOPS);
    } else {
        wb_buf_puts(b, "# Viridis (dark blue to yellow), as eight stops; "
                       "gnuplot has none built in.\n");
        put_stops(b, wb_theme_viridis, WB_THEME_VIRIDIS_STOPS);
    }
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
    [WB_LEGEND_TOP] = "set key top center",
    [WB_LEGEND_BELOW] = "set key below",
};

/* `set WHAT TEXT...`, in the ink, when there is a text. */
static void put_label(wb_buf *b, const char *what, const char *text,
                      const char *more)
{
    if (text)
        wb_buf_printf(b, "set %s %s%s tc rgb '#%06X'\n", what, text, more,
                      WB_THEME_INK);
}

static void put_axes(wb_buf *b, const wb_panel *fig, bool three_d)
{
    range x = fig->x, y = fig->y;
    wb_buf_puts(b, "# ---- axes and labels ------------------------------"
                   "--------------------\n"
                   "# Texts are enhanced text: {/:Italic x} is x in italics, "
                   "x_{1} has a\n# subscript, e^{z} a superscript, and \\_ "
                   "is a plain _.\n");
    put_label(b, "title", fig->title, "");
    put_label(b, "xlabel", fig->xlabel, "");
    put_label(b, "ylabel", fig->ylabel, "");
    put_label(b, "zlabel", fig->zlabel, " rotate parallel");
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
    if (fig->xtics > 0)
        wb_buf_printf(b, "set xtics %.10g\n", fig->xtics);
    if (fig->ytics > 0)
        wb_buf_printf(b, "set ytics %.10g\n", fig->ytics);
    if (fig->cbtics > 0)
        wb_buf_printf(b, "set cbtics %.10g\n", fig->cbtics);
    if (fig->xlog || fig->ylog)
        wb_buf_printf(b, "set logscale %s%s\n", fig->xlog ? "x" : "",
                      fig->ylog ? "y" : "");
    /* a logarithmic y's ticks as powers of ten, 10^{-6}, not 0.000001 (x
     * is epochs or iterations: 1, 10, 100 read better) */
    if (fig->ylog)
        wb_buf_puts(b, "set format y '10^{%L}'\n");
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
            /* gnuplot's text terminals write the label beside the colour
             * bar at a fixed distance, over the tic label on its row
             * ("0σ(z)"): there it heads the bar. */
            wb_buf_printf(b,
"if (text_terminal) {\n"
"    set label %s at graph 1, graph 1 offset 2, 1 left tc rgb '#%06X'\n"
"} else {\n"
"    set cblabel %s tc rgb '#%06X'\n"
"}\n", fig->cblabel, WB_THEME_INK, fig->cblabel, WB_THEME_INK);
    } else {
        wb_buf_puts(b, "unset colorbox\n");
    }
    wb_buf_printf(b, "%s\n\n", legend_place[fig->legend]);
}

/* The contour tables, axes, decorations and plot command of panel p. */
static void put_panel(wb_buf *b, const wb_panel *p, const char *name)
{
    bool three_d = (p->kinds & SERIES_SURFACE) != 0;
    if (p->tables.len) {
        wb_buf_puts(b, "# ---- contour lines, computed into datablocks --"
                       "------------------------\n");
        wb_buf_puts(b, p->tables.data);
        wb_buf_puts(b, "\n");
    }
    put_ink(b, (p->kinds & SERIES_HEATMAP) != 0);
    put_axes(b, p, three_d);
    if (p->decor.len) {
        wb_buf_puts(b, "# ---- lines and texts over the plot ------------"
                       "------------------------\n");
        wb_buf_puts(b, p->decor.data);
        wb_buf_puts(b, "\n");
    }
    wb_buf_printf(b, "# ---- the plot: block k of %s.dat is `index k` ----"
                     "----------------\n", name);
    if (p->translucent)
        wb_buf_puts(b, "# In a colour '#AARRGGBB', AA is the transparency: "
                       "00 opaque, FF invisible.\n");
    wb_buf_printf(b, "%s %s\n", three_d ? "splot" : "plot", p->plot.data);
}

/* The whole script: for a figure of several panels, gnuplot's multiplot,
 * each panel after the first starting again from the theme (`reset` keeps
 * the line types). */
char *wb_gp_script(const wb_figure *fig)
{
    wb_buf b = {0};
    int n = fig->rows * fig->cols;
    put_header(&b, fig);
    put_linetypes(&b);
    put_frame(&b, (fig->panels[0].kinds & SERIES_SURFACE) != 0);
    if (n == 1) {
        put_panel(&b, &fig->panels[0], fig->name);
        return wb_buf_take(&b);
    }
    wb_buf_printf(&b, "set multiplot layout %d,%d\n\n", fig->rows,
                  fig->cols);
    for (int k = 0; k < n; k++) {
        const wb_panel *p = &fig->panels[k];
        wb_buf_printf(&b, "# ==== panel %d of %d ===================="
                          "===============================\n", k + 1, n);
        if (k > 0) {
            wb_buf_puts(&b, "reset\n");
            put_frame(&b, (p->kinds & SERIES_SURFACE) != 0);
        }
        put_panel(&b, p, fig->name);
        wb_buf_puts(&b, "\n");
    }
    wb_buf_puts(&b, "unset multiplot\n");
    return wb_buf_take(&b);
}
