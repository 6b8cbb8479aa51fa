/* wb_diagram.c: the neuron and the network, drawn with cairo. See
 * wb_diagram.h.
 *
 * Each diagram is one function that draws on a cairo context in points
 * (1/72 inch). The PDF and the SVG are that size; the PNG is the same
 * drawing scaled up to PNG_WIDTH pixels, so that it stays sharp when the
 * HTML book shrinks it to the page. Text goes through one helper,
 * draw_text, which understands the same $...$ math as the gnuplot figures
 * (x_1, e^{-z}, \sigma), so that labels look like the book's equations.
 */
#include "wb_diagram.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_mathtext.h"
#include "wb_style.h"
#include "wb_theme.h"

/* ---- the theme --------------------------------------------------------- */

typedef struct rgb {
    double r, g, b;
} rgb;

#define RGB(hex)                                                              \
    {((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0,              \
     ((hex) & 0xff) / 255.0}

static const rgb INK = RGB(WB_THEME_INK);
static const rgb MUTED = RGB(WB_THEME_MUTED);
static const rgb FAINT = RGB(WB_THEME_FAINT);
static const rgb EDGE = RGB(WB_THEME_EDGE);
static const rgb PAPER = RGB(WB_THEME_PAPER);
static const rgb PANEL = RGB(WB_THEME_PANEL);
static const rgb INPUT_TINT = RGB(WB_THEME_INPUT);
static const rgb OUTPUT_TINT = RGB(WB_THEME_OUTPUT);

/* Colour k of the theme (WB_BLUE ...). */
static rgb theme_colour(int k)
{
    uint32_t hex = wb_theme_colours[k - 1].rgb;
    return (rgb)RGB(hex);
}

/* A positive weight is blue, a negative one vermilion. */
#define BLUE theme_colour(WB_BLUE)
#define VERMILION theme_colour(WB_VERMILION)

#define FONT WB_THEME_FONT
#define MATH_SIZE 15.0    /* labels: x, w, z = wx + b */
#define TEXT_SIZE 12.0    /* captions under the parts */
#define SMALL_SIZE 11.0   /* titles inside the boxes, the legend */
#define LINE_WIDTH 1.3

/* Every PNG is this many pixels wide: twice the size of the book's page,
 * so that it stays crisp on high-density screens. */
#define PNG_WIDTH 1200

/* The fixed date written in every PDF, so that two runs give the same
 * bytes (cairo would write the current time). */
#define PDF_DATE "2024-01-01T00:00:00Z"

static void set_colour(cairo_t *cr, rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* ---- text with a little math ------------------------------------------ */

/* Text is drawn as it is, except inside $...$, parsed by the math-text
 * module (wb_mathtext.h) and laid out here as TeX would: letters in
 * italics, spaces typed in the math ignored, TeX's spacing around
 * operators and relations, scripts smaller and shifted. */

typedef enum align { LEFT, CENTER, RIGHT } align;

/* A script is this much smaller than its base, and lowered (subscript) or
 * raised (superscript) by these fractions of the base's size. */
#define SCRIPT_SCALE 0.7
#define SUB_DROP 0.22
#define SUP_RISE 0.42

/* A baseline this far below a point centres a lowercase label on it. */
#define CENTRE_DROP 0.32

/* No atom yet, or the kinds of wb_mt_class. */
enum { NONE = -1 };

/* The space TeX puts between two atoms, in em. */
static double atom_space(int prev, int cur)
{
    if (prev == NONE)
        return 0;
    if (prev == WB_MT_BIN || cur == WB_MT_BIN)
        return 4.0 / 18;
    if ((prev == WB_MT_REL) != (cur == WB_MT_REL))
        return 5.0 / 18;
    if (prev == WB_MT_PUNCT)
        return 3.0 / 18;
    return 0;
}

/* Draws n bytes of text at (*x, y), or only measures them when !draw, and
 * moves *x past them. */
static void put_text(cairo_t *cr, const char *s, size_t n, bool italic,
                     double size, double *x, double y, bool draw)
{
    char buf[256];
    cairo_text_extents_t e;
    WB_ASSERT(n < sizeof buf, "a diagram's label of %zu bytes", n);
    memcpy(buf, s, n);
    buf[n] = '\0';
    cairo_select_font_face(cr, FONT,
                           italic ? CAIRO_FONT_SLANT_ITALIC
                                  : CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    if (draw) {
        cairo_move_to(cr, *x, y);
        cairo_show_text(cr, buf);
    }
    cairo_text_extents(cr, buf, &e);
    *x += e.x_advance;
}

/* Lays out a label's math (the library's own: letters, signs and
 * scripts) at (*x, y), and moves *x past it. */
static void layout(cairo_t *cr, const wb_mt_list *list, double size,
                   double *x, double y, bool draw)
{
    int prev = NONE;
    for (size_t i = 0; i < list->n; i++) {
        const wb_mt_atom *a = &list->atoms[i];
        int kind = a->cls;
        switch (a->kind) {
        case WB_MT_TEXT:
            put_text(cr, a->text, strlen(a->text), false, size, x, y, draw);
            prev = NONE;
            break;
        case WB_MT_SPACE:
            if (!a->typed)
                put_text(cr, a->text, strlen(a->text), false, size, x, y,
                         draw);
            break;
        case WB_MT_GROUP:
            layout(cr, &a->group, size, x, y, draw);
            prev = WB_MT_ORD;
            break;
        case WB_MT_FRAC:
        case WB_MT_ROOT:
        case WB_MT_ACCENT:
            WB_ASSERT(false, "a diagram's label has no fraction, root or "
                      "accent");
            break;
        case WB_MT_SYMBOL:
            /* A sign, as in -z: no space as around a binary minus. */
            if (kind == WB_MT_BIN &&
                (prev == NONE || prev == WB_MT_BIN || prev == WB_MT_REL ||
                 prev == WB_MT_OPEN || prev == WB_MT_PUNCT))
                kind = WB_MT_ORD;
            *x += atom_space(prev, kind) * size;
            /* One character at a time, as TeX sets letters. */
            for (const char *s = a->text; *s;) {
                size_t n = wb_utf8_len((const unsigned char *)s);
                put_text(cr, s, n, a->italic, size, x, y, draw);
                s += n;
            }
            prev = kind;
            break;
        }
        /* the scripts, after the nucleus: both start there */
        if (a->sub || a->sup) {
            double x0 = *x, xsub = *x, xsup = *x;
            if (a->sub)
                layout(cr, a->sub, size * SCRIPT_SCALE, &xsub,
                       y + SUB_DROP * size, draw);
            if (a->sup)
                layout(cr, a->sup, size * SCRIPT_SCALE, &xsup,
                       y - SUP_RISE * size, draw);
            *x = fmax(x0, fmax(xsub, xsup));
            prev = WB_MT_ORD;
        }
    }
}

/* Where a text that cannot be parsed leaves its error: the first one is
 * kept in the buffer this key points to on the cairo context. */
static const cairo_user_data_key_t error_key;

static bool parse_text(cairo_t *cr, const char *s, wb_mt_list *list)
{
    char *error;
    if (wb_mt_parse(list, s, true) == 0)
        return true;
    error = cairo_get_user_data(cr, &error_key);
    if (error && !*error)
        snprintf(error, WB_ERROR_SIZE, "%s", wb_error());
    return false;
}

static double text_width(cairo_t *cr, const char *s, double size)
{
    wb_mt_list list;
    double x = 0;
    if (!parse_text(cr, s, &list))
        return 0;
    layout(cr, &list, size, &x, 0, false);
    wb_mt_free(&list);
    return x;
}

/* Draws text with its baseline at y, starting, centred or ending at x. */
static void draw_text(cairo_t *cr, const char *s, double size, double x,
                      double y, align a, rgb colour)
{
    wb_mt_list list;
    if (!parse_text(cr, s, &list))
        return;
    if (a != LEFT) {
        double width = 0;
        layout(cr, &list, size, &width, 0, false);
        x -= width * (a == CENTER ? 0.5 : 1.0);
    }
    set_colour(cr, colour);
    layout(cr, &list, size, &x, y, true);
    wb_mt_free(&list);
}

/* ---- shapes ------------------------------------------------------------ */

/* A line from (x0, y0) to (x1, y1) that ends in a filled arrow head. */
static void draw_arrow(cairo_t *cr, double x0, double y0, double x1,
                       double y1, rgb colour)
{
    const double len = 9, half = 3.8, notch = 2.2;
    double d = hypot(x1 - x0, y1 - y0);
    double ux = (x1 - x0) / d, uy = (y1 - y0) / d;
    double bx = x1 - ux * len, by = y1 - uy * len;

    set_colour(cr, colour);
    cairo_set_line_width(cr, LINE_WIDTH);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, bx + ux * notch, by + uy * notch);
    cairo_stroke(cr);
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, bx - uy * half, by + ux * half);
    cairo_line_to(cr, bx + ux * notch, by + uy * notch);
    cairo_line_to(cr, bx + uy * half, by - ux * half);
    cairo_close_path(cr);
    cairo_fill(cr);
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h,
                         double r)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

static void draw_box(cairo_t *cr, double x, double y, double w, double h,
                     double r, rgb fill, double line_width)
{
    rounded_rect(cr, x, y, w, h, r);
    set_colour(cr, fill);
    cairo_fill_preserve(cr);
    set_colour(cr, INK);
    cairo_set_line_width(cr, line_width);
    cairo_stroke(cr);
}

static void draw_node(cairo_t *cr, double x, double y, double r, rgb fill)
{
    cairo_new_sub_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * M_PI);
    set_colour(cr, fill);
    cairo_fill_preserve(cr);
    set_colour(cr, INK);
    cairo_set_line_width(cr, LINE_WIDTH);
    cairo_stroke(cr);
}

/* ---- writing the files ------------------------------------------------- */

/* A diagram: its size in points and the function that draws it; and the
 * same picture drawn in text, for a terminal (NAME.txt). */
typedef struct diagram {
    double width, height;
    void (*draw)(cairo_t *cr, const void *data);
    const void *data;
    char *text;
} diagram;

/* Where cairo writes: the open wb_file, or, for an SVG, a buffer (see
 * write_svg); and the first write error. */
typedef struct stream {
    FILE *fp;
    wb_buf *svg;
    int error;
} stream;

static cairo_status_t stream_write(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    stream *st = closure;
    if (st->svg) {
        wb_buf_append(st->svg, (const char *)data, length);
        return st->svg->failed ? CAIRO_STATUS_NO_MEMORY
                               : CAIRO_STATUS_SUCCESS;
    }
    errno = 0;
    if (fwrite(data, 1, length, st->fp) != length) {
        if (!st->error)
            st->error = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

/* Cairo names an SVG's drawing "surfaceN", where N counts every surface the
 * program has made so far, so the same diagram would come out differently
 * depending on what was drawn before it (a --only run, say). Numbering the
 * names in their order of appearance makes the file depend on the diagram
 * alone. Returns 0, or errno. */
static int write_svg(FILE *fp, const char *svg)
{
    unsigned long seen[8];
    size_t nseen = 0;
    const char *p = svg, *q;

    while ((q = strstr(p, "surface")) != NULL) {
        const char *digits = q + strlen("surface");
        char *end;
        unsigned long id;
        size_t k;
        bool named = (q - svg >= 4 && strncmp(q - 4, "id=\"", 4) == 0) ||
                     (q > svg && q[-1] == '#');
        if (!named || *digits < '0' || *digits > '9') {
            fwrite(p, 1, (size_t)(digits - p), fp);
            p = digits;
            continue;
        }
        id = strtoul(digits, &end, 10);
        for (k = 0; k < nseen && seen[k] != id; k++)
            ;
        if (k == nseen && nseen < sizeof seen / sizeof *seen)
            seen[nseen++] = id;
        fwrite(p, 1, (size_t)(digits - p), fp);
        fprintf(fp, "%lu", k < nseen ? k + 1 : id);
        p = end;
    }
    errno = 0;
    fputs(p, fp);
    return ferror(fp) ? (errno ? errno : EIO) : 0;
}

static void paint(cairo_t *cr, const diagram *d)
{
    cairo_font_options_t *options = cairo_font_options_create();
    /* Unhinted metrics: text is measured the same on every surface, so the
     * PNG and the PDF are the same picture. */
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(cr, options);
    cairo_font_options_destroy(options);

    set_colour(cr, PAPER);
    cairo_paint(cr);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    d->draw(cr, d->data);
}

static cairo_surface_t *create_surface(const diagram *d, unsigned format,
                                       stream *st)
{
    cairo_surface_t *surface;
    if (format == WB_PNG)
        return cairo_image_surface_create(
            CAIRO_FORMAT_RGB24, PNG_WIDTH,
            (int)ceil(d->height * PNG_WIDTH / d->width));
    if (format == WB_SVG)
        return cairo_svg_surface_create_for_stream(stream_write, st,
                                                   d->width, d->height);
    surface = cairo_pdf_surface_create_for_stream(stream_write, st, d->width,
                                                  d->height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                   PDF_DATE);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE,
                                   PDF_DATE);
    return surface;
}

/* Draws the diagram into `f`, a file of format `format` just opened.
 * Returns 0 with the file complete but not yet in place, or -1 with an
 * error, the file aborted. */
static int render_file(const diagram *d, wb_file *f, wb_format format)
{
    wb_buf svg = {0};
    char text_error[WB_ERROR_SIZE] = "";
    stream st = {.fp = f->fp, .svg = format == WB_SVG ? &svg : NULL};
    cairo_surface_t *surface = create_surface(d, format, &st);
    cairo_status_t status = cairo_surface_status(surface);

    if (status == CAIRO_STATUS_SUCCESS) {
        cairo_t *cr = cairo_create(surface);
        cairo_set_user_data(cr, &error_key, text_error, NULL);
        if (format == WB_PNG)
            cairo_scale(cr, PNG_WIDTH / d->width, PNG_WIDTH / d->width);
        paint(cr, d);
        status = cairo_status(cr);
        cairo_destroy(cr);
    }
    if (status == CAIRO_STATUS_SUCCESS && !*text_error) {
        if (format == WB_PNG) {
            cairo_surface_flush(surface);
            status = cairo_surface_write_to_png_stream(surface, stream_write,
                                                       &st);
        } else {
            cairo_surface_finish(surface);    /* writes the document */
            status = cairo_surface_status(surface);
        }
    }
    cairo_surface_destroy(surface);
    if (status == CAIRO_STATUS_SUCCESS && !*text_error && format == WB_SVG)
        st.error = write_svg(f->fp, svg.data ? svg.data : "");
    wb_buf_free(&svg);
    if (status == CAIRO_STATUS_SUCCESS && !*text_error && !st.error &&
        fflush(f->fp) != 0)
        st.error = errno ? errno : EIO;
    if (status == CAIRO_STATUS_SUCCESS && !*text_error && !st.error)
        return 0;
    if (*text_error)
        wb_fail("%s", text_error);
    else if (st.error)
        wb_fail("cannot write %s: %s", f->path, strerror(st.error));
    else
        wb_fail("cannot draw %s: %s", f->path,
                cairo_status_to_string(status));
    wb_file_abort(f);
    return -1;
}

/* Writes the text drawing into the open file f. */
static int write_text(const diagram *d, wb_file *f)
{
    errno = 0;
    if (fputs(d->text, f->fp) == EOF || fflush(f->fp) != 0)
        return wb_fail("cannot write %s: %s", f->path,
                       strerror(errno ? errno : EIO));
    return 0;
}

/* Writes NAME.png, NAME.pdf and NAME.svg, as the output asks, and the text
 * drawing NAME.txt: all of them, or none; then records the figure. */
static int render(wb_output *out, const char *name, const char *caption,
                  const diagram *d)
{
    wb_file files[WB_NFORMATS + 1] = {{0}};
    unsigned formats = wb_output_formats(out);
    int rc = 0;

    WB_ASSERT(out != NULL, "no output to draw diagram %s in",
              name ? name : "(null)");
    if (wb_output_begin(out, name) != 0)
        return -1;
    if (out->dry_run)
        return 0;
    for (int k = 0; k < WB_NFORMATS && rc == 0; k++) {
        char *path;
        if (!(formats & wb_formats[k].format))
            continue;
        path = wb_output_path(out, name, wb_formats[k].name);
        rc = path ? wb_file_open(&files[k], path) : -1;
        free(path);
        if (rc == 0)
            rc = render_file(d, &files[k], wb_formats[k].format);
    }
    if (rc == 0) {
        char *path = wb_output_path(out, name, "txt");
        rc = path ? wb_file_open(&files[WB_NFORMATS], path) : -1;
        free(path);
        if (rc == 0)
            rc = write_text(d, &files[WB_NFORMATS]);
    }
    for (int k = 0; k <= WB_NFORMATS; k++) {
        if (!files[k].tmp)
            continue;
        if (rc == 0)
            rc = wb_file_commit(&files[k]);
        else
            wb_file_abort(&files[k]);
    }
    if (rc != 0)
        return wb_fail("diagram %s: %s", name, wb_error());
    return wb_output_record(out, name, caption, false);
}

/* ---- the neuron -------------------------------------------------------- */

/* The sigmoid 1 / (1 + e^-z), drawn for z in [-6, 6] inside the box
 * (x, y, w, h), over a faint z axis and the line z = 0. */
static void draw_sigmoid_curve(cairo_t *cr, double x, double y, double w,
                               double h)
{
    const int n = 60;

    set_colour(cr, FAINT);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, x, y + h);
    cairo_line_to(cr, x + w, y + h);
    cairo_move_to(cr, x + w / 2, y);
    cairo_line_to(cr, x + w / 2, y + h);
    cairo_stroke(cr);

    set_colour(cr, BLUE);
    cairo_set_line_width(cr, 2.0);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (int i = 0; i <= n; i++) {
        double z = -6 + 12.0 * i / n;
        double s = 1 / (1 + exp(-z));
        if (i == 0)
            cairo_move_to(cr, x + w * i / n, y + h * (1 - s));
        else
            cairo_line_to(cr, x + w * i / n, y + h * (1 - s));
    }
    cairo_stroke(cr);
}

/* x -> [ z = wx + b -> sigma ] -> sigma(z): the layout, in points. */
#define NEURON_W 600.0
#define NEURON_H 240.0

static void draw_neuron(cairo_t *cr, const void *data)
{
    const double mid = 116;                      /* the signal's line */
    const double in_x = 50, in_r = 22;           /* the input node */
    const double nx = 132, nw = 316;             /* the neuron */
    const double ny = 38, nh = 146;
    const double bh = 76, by = mid - bh / 2;     /* its two boxes */
    const double sx = 160, sw = 120;             /* the weighted sum */
    const double ax = 332, aw = 92;              /* the activation */
    const double out_x = 566;                    /* the output arrow's tip */
    (void)data;

    /* the neuron, with its caption under it */
    draw_box(cr, nx, ny, nw, nh, 14, PANEL, LINE_WIDTH);
    draw_text(cr, "neuron", TEXT_SIZE, nx + nw / 2, ny + nh + 20, CENTER,
              MUTED);

    /* the input */
    draw_node(cr, in_x, mid, in_r, INPUT_TINT);
    draw_text(cr, "$x$", MATH_SIZE + 2, in_x,
              mid + CENTRE_DROP * (MATH_SIZE + 2), CENTER, INK);
    draw_text(cr, "input", TEXT_SIZE, in_x, mid + in_r + 20, CENTER, MUTED);
    draw_arrow(cr, in_x + in_r, mid, sx, mid, INK);
    draw_text(cr, "$w$", MATH_SIZE, (in_x + in_r + nx) / 2, mid - 8, CENTER,
              INK);

    /* the weighted sum, with the bias coming in from above */
    draw_box(cr, sx, by, sw, bh, 6, PAPER, LINE_WIDTH);
    draw_text(cr, "weighted sum", SMALL_SIZE, sx + sw / 2, by + 18, CENTER,
              MUTED);
    draw_text(cr, "$z = wx + b$", MATH_SIZE, sx + sw / 2, mid + 14, CENTER,
              INK);
    draw_arrow(cr, sx + sw / 2, ny + 14, sx + sw / 2, by, INK);
    draw_text(cr, "$b$", MATH_SIZE, sx + sw / 2 + 8, ny + 29, LEFT, INK);

    /* z flows into the activation */
    draw_arrow(cr, sx + sw, mid, ax, mid, INK);
    draw_text(cr, "$z$", MATH_SIZE, (sx + sw + ax) / 2, mid - 8, CENTER, INK);

    draw_box(cr, ax, by, aw, bh, 6, PAPER, LINE_WIDTH);
    draw_text(cr, "activation", SMALL_SIZE, ax + aw / 2, by + 18, CENTER,
              MUTED);
    draw_sigmoid_curve(cr, ax + 14, by + 28, aw - 28, bh - 38);
    draw_text(cr, "$\\sigma$", MATH_SIZE, ax + 18, by + 44, LEFT, INK);

    /* the output */
    draw_arrow(cr, ax + aw, mid, out_x, mid, INK);
    draw_text(cr, "$\\sigma(z)$", MATH_SIZE, (nx + nw + out_x) / 2, mid - 8,
              CENTER, INK);
    draw_text(cr, "probability", TEXT_SIZE, (nx + nw + out_x) / 2, mid + 22,
              CENTER, MUTED);
    draw_text(cr, "of category 1", TEXT_SIZE, (nx + nw + out_x) / 2,
              mid + 37, CENTER, MUTED);
}

/* The same neuron in text. */
static const char neuron_text[] =
"             ╭─────────────────── neuron ────────────────────╮\n"
"             │           b                                   │\n"
"             │           ↓                                   │\n"
"╭───╮   w    │  ╭─ weighted sum ─╮   z   ╭─ activation ─╮    │   σ(z)\n"
"│ x │────────┼─▶│   z = wx + b   │──────▶│      σ       │────┼───────▶\n"
"╰───╯        │  ╰────────────────╯       ╰──────────────╯    │ probability\n"
"input        │                                               │ of category 1\n"
"             ╰───────────────────────────────────────────────╯\n";

int wb_diagram_neuron(wb_output *out, const char *name, const char *caption)
{
    diagram d = {NEURON_W, NEURON_H, draw_neuron, NULL, (char *)neuron_text};
    return render(out, name, caption, &d);
}

/* ---- the network ------------------------------------------------------- */

/* A layer of more than MAX_SHOWN neurons is drawn, unless the caller
 * chooses its neurons, as its first SHOWN_HEAD neurons, a vertical
 * ellipsis, and its last SHOWN_TAIL. */
#define MAX_SHOWN 8
#define SHOWN_HEAD 4
#define SHOWN_TAIL 3
#define ELLIPSIS SIZE_MAX  /* a row that is the ellipsis, not a neuron */

#define NODE_R 15.0        /* a neuron's radius */
#define NODE_LABEL_SIZE 13.0
#define NODE_PITCH 42.0    /* from one neuron to the next in a layer */
#define BIAS_PITCH 58.0    /* ... with a bias written under each */
#define BIAS_SIZE 11.0
#define LAYER_GAP 230.0    /* from one layer to the next, at most */
#define MIN_LAYER_GAP 130.0
#define SIDE_MARGIN 70.0   /* room for the captions of the outer layers */
#define TOP_MARGIN 14.0
#define MIN_WIDTH 600.0
#define EDGE_MIN 0.5       /* an edge's width for w = 0 ... */
#define EDGE_MAX 3.5       /* ... and for the largest |w| of its layer */

typedef struct network {
    const wb_diagram_layer *layers;
    size_t nlayers;
    size_t **rows;         /* rows[l]: the neuron drawn in each row of
                              layer l, or ELLIPSIS */
    size_t *nrows;         /* nrows[l]: how many rows layer l has */
    struct edge *edges;    /* room for the edges between two layers */
    bool weighted;         /* some layer has weights: draw the legend */
    bool biased;           /* some layer has biases: room under the nodes */
    size_t most_rows;      /* rows of the tallest layer */
    double pitch;          /* from one row to the next */
    double width;          /* of the whole picture */
    double x0, gap;        /* the first layer's x, the layers' spacing */
    double mid;            /* the layers' vertical centre */
    double caption_y;      /* the baseline of the layer captions */
} network;

/* The rows of layer l: the chosen neurons, and an ellipsis after them if
 * some are left out; or every neuron of a small layer; or the first and
 * last ones of a large one, with the ellipsis between. A new array of
 * *n rows, or NULL. */
static size_t *layer_rows(const wb_diagram_layer *layer, size_t *n)
{
    size_t size = layer->size, k = 0;
    size_t cap = layer->shown ? layer->nshown + 1
                 : size <= MAX_SHOWN ? size : SHOWN_HEAD + 1 + SHOWN_TAIL;
    size_t *rows = wb_calloc(cap, sizeof *rows);
    if (!rows)
        return NULL;
    if (layer->shown) {
        for (; k < layer->nshown; k++)
            rows[k] = layer->shown[k];
        if (layer->nshown < size)
            rows[k++] = ELLIPSIS;
    } else if (size <= MAX_SHOWN) {
        for (; k < size; k++)
            rows[k] = k;
    } else {
        for (size_t i = 0; i < SHOWN_HEAD; i++)
            rows[k++] = i;
        rows[k++] = ELLIPSIS;
        for (size_t i = size - SHOWN_TAIL; i < size; i++)
            rows[k++] = i;
    }
    *n = k;
    return rows;
}

static double node_x(const network *net, size_t l)
{
    return net->x0 + net->gap * (double)l;
}

static double node_y(const network *net, size_t l, size_t row)
{
    double rows = (double)net->nrows[l];
    return net->mid + ((double)row - (rows - 1) / 2) * net->pitch;
}

typedef struct edge {
    double x0, y0, x1, y1;
    double w;              /* the weight, or NAN for a plain edge */
} edge;

/* Weak edges first, so that the strong ones are drawn over them. */
static int edge_order(const void *a, const void *b)
{
    double wa = fabs(((const edge *)a)->w), wb = fabs(((const edge *)b)->w);
    if (isnan(wa) || isnan(wb))
        return isnan(wb) - isnan(wa);
    return (wa > wb) - (wa < wb);
}

/* The edges from layer l to layer l + 1. */
static void draw_edges(cairo_t *cr, const network *net, size_t l)
{
    const wb_array *w = net->layers[l + 1].weights;
    size_t n0 = net->nrows[l], n1 = net->nrows[l + 1], nedges = 0;
    edge *edges = net->edges;
    double max_w = 0;

    if (w)
        for (size_t k = 0; k < w->size; k++)
            if (isfinite(w->data[k]) && fabs(w->data[k]) > max_w)
                max_w = fabs(w->data[k]);
    for (size_t a = 0; a < n0; a++)
        for (size_t b = 0; b < n1; b++) {
            size_t i = net->rows[l][a], j = net->rows[l + 1][b];
            if (i == ELLIPSIS || j == ELLIPSIS)
                continue;
            edges[nedges++] = (edge){
                node_x(net, l), node_y(net, l, a), node_x(net, l + 1),
                node_y(net, l + 1, b), w ? WB_AT(w, i, j) : NAN};
        }
    qsort(edges, nedges, sizeof *edges, edge_order);

    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t k = 0; k < nedges; k++) {
        const edge *e = &edges[k];
        if (isfinite(e->w)) {
            double t = max_w > 0 ? fabs(e->w) / max_w : 0;
            rgb c = e->w >= 0 ? BLUE : VERMILION;
            /* Weak edges are also lighter, so that the eye goes to the
             * weights that matter. */
            cairo_set_source_rgba(cr, c.r, c.g, c.b, 0.35 + 0.65 * t);
            cairo_set_line_width(cr, EDGE_MIN + (EDGE_MAX - EDGE_MIN) * t);
        } else {
            set_colour(cr, EDGE);
            cairo_set_line_width(cr, 1.0);
        }
        cairo_move_to(cr, e->x0, e->y0);
        cairo_line_to(cr, e->x1, e->y1);
        cairo_stroke(cr);
    }
}

/* The label of neuron i of layer l, as math: $x_{1}$, $h_{13}$, $p$; or
 * an empty string where it would be ambiguous (several hidden layers). */
static void node_tex(char *tex, size_t size, const network *net, size_t l,
                     size_t i)
{
    bool first = l == 0, last = l + 1 == net->nlayers;
    if (first)
        snprintf(tex, size, "$x_{%zu}$", i + 1);
    else if (last && net->layers[l].size == 1)
        snprintf(tex, size, "$p$");
    else if (last)
        snprintf(tex, size, "$p_{%zu}$", i + 1);
    else if (net->nlayers == 3)
        snprintf(tex, size, "$h_{%zu}$", i + 1);
    else
        tex[0] = '\0';
}

/* The caption under layer l. */
static void layer_caption(char *text, size_t size, const network *net,
                          size_t l)
{
    if (l == 0)
        snprintf(text, size, "input layer");
    else if (l + 1 == net->nlayers)
        snprintf(text, size, "output layer");
    else if (net->nlayers == 3)
        snprintf(text, size, "hidden layer");
    else
        snprintf(text, size, "hidden layer %zu", l);
}

/* A small text whose baseline is at y, starting or centred at x, on a
 * patch of paper that the edges pass behind. */
static void draw_note(cairo_t *cr, const char *text, double x, double y,
                      align a)
{
    double w = text_width(cr, text, BIAS_SIZE) + 6, h = BIAS_SIZE + 4;
    double left = a == CENTER ? x - w / 2 : x - 3;
    rounded_rect(cr, left, y - BIAS_SIZE, w, h, 3);
    set_colour(cr, PAPER);
    cairo_fill(cr);
    draw_text(cr, text, BIAS_SIZE, x, y, a, MUTED);
}

static void draw_layer(cairo_t *cr, const network *net, size_t l)
{
    const wb_diagram_layer *layer = &net->layers[l];
    bool first = l == 0, last = l + 1 == net->nlayers;
    double x = node_x(net, l);
    char text[64];

    for (size_t row = 0; row < net->nrows[l]; row++) {
        size_t i = net->rows[l][row];
        double y = node_y(net, l, row);
        if (i == ELLIPSIS) {    /* the vertical ellipsis, and its count */
            set_colour(cr, INK);
            for (int k = -1; k <= 1; k++) {
                cairo_new_sub_path(cr);
                cairo_arc(cr, x, y + 7.0 * k, 1.8, 0, 2 * M_PI);
            }
            cairo_fill(cr);
            snprintf(text, sizeof text, "%zu more", layer->size -
                     (net->nrows[l] - 1));
            draw_note(cr, text, x + 9, y + 0.35 * BIAS_SIZE, LEFT);
            continue;
        }
        draw_node(cr, x, y, NODE_R,
                  first ? INPUT_TINT : last ? OUTPUT_TINT : PAPER);
        node_tex(text, sizeof text, net, l, i);
        if (text[0])
            draw_text(cr, text, NODE_LABEL_SIZE, x,
                      y + CENTRE_DROP * NODE_LABEL_SIZE, CENTER, INK);
        if (layer->biases) {
            snprintf(text, sizeof text, "$b = %+.2f$",
                     layer->biases->data[i]);
            draw_note(cr, text, x, y + NODE_R + 3 + BIAS_SIZE, CENTER);
        }
    }
    layer_caption(text, sizeof text, net, l);
    draw_text(cr, text, TEXT_SIZE, x, net->caption_y, CENTER, MUTED);
}

/* The legend under the captions: what the colours and widths mean. */
static void draw_legend(cairo_t *cr, double width, double y)
{
    const char *labels[] = {"positive weight", "negative weight",
                            "thicker: larger |weight|"};
    const rgb colours[] = {BLUE, VERMILION, MUTED};
    const double sample = 22, pad = 6, space = 24;
    double total = 0, x;

    for (int k = 0; k < 3; k++)
        total += (k < 2 ? sample + pad : 0) +
                 text_width(cr, labels[k], SMALL_SIZE) + (k < 2 ? space : 0);
    x = (width - total) / 2;
    for (int k = 0; k < 3; k++) {
        if (k < 2) {
            set_colour(cr, colours[k]);
            cairo_set_line_width(cr, 2.5);
            cairo_move_to(cr, x, y - 4);
            cairo_line_to(cr, x + sample, y - 4);
            cairo_stroke(cr);
            x += sample + pad;
        }
        draw_text(cr, labels[k], SMALL_SIZE, x, y, LEFT, MUTED);
        x += text_width(cr, labels[k], SMALL_SIZE) + space;
    }
}

static void draw_network(cairo_t *cr, const void *data)
{
    const network *net = data;
    for (size_t l = 0; l + 1 < net->nlayers; l++)
        draw_edges(cr, net, l);
    for (size_t l = 0; l < net->nlayers; l++)
        draw_layer(cr, net, l);
    if (net->weighted)
        draw_legend(cr, net->width, net->caption_y + 28);
}

/* ---- the network in text ----------------------------------------------- */

/* A layer's column is this wide (wider with the biases); an arrow joins
 * two columns. */
#define TEXT_COLUMN 14
#define TEXT_BIAS_COLUMN 16
#define TEXT_ARROW " ────▶ "

/* The columns a text takes: one per character (the labels have neither
 * combining nor wide characters). */
static size_t columns(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* `s` centred in a column of `width`. */
static void put_centred(wb_buf *b, const char *s, size_t width)
{
    size_t w = columns(s), left = w < width ? (width - w) / 2 : 0;
    wb_buf_printf(b, "%*s%s%*s", (int)left, "", s,
                  (int)(w < width ? width - w - left : 0), "");
}

/* The label of neuron i of layer l, as the picture writes it, in Unicode:
 * "( x₁ )", "( h₅₀ )", "( p )", and its bias after it: "( h₁₃ ) +0.01". */
static void node_label(wb_buf *b, const network *net, size_t l, size_t i)
{
    char tex[64], label[80];
    const wb_array *biases = net->layers[l].biases;
    node_tex(tex, sizeof tex, net, l, i);
    snprintf(label, sizeof label, "( %s )", tex[0] ? tex : " ");
    if (wb_mt_unicode(b, label, 0) != 0)
        b->failed = true;
    if (biases)
        wb_buf_printf(b, " %+.2f", biases->data[i]);
}

/* Strips the spaces at the end of the text's last line. */
static void end_text_line(wb_buf *b)
{
    while (b->len > 0 && b->data[b->len - 1] == ' ')
        b->len--;
    wb_buf_puts(b, "\n");
}

/* The network in text: a column per layer, its neurons as the picture
 * draws them (an ellipsis for those left out), arrows between layers, and
 * under them how many neurons each layer has, how many weights and their
 * range. */
static char *network_text(const network *net)
{
    wb_buf b = {0};
    size_t mid = (net->most_rows - 1) / 2;
    size_t width = net->biased ? TEXT_BIAS_COLUMN : TEXT_COLUMN;

    for (size_t l = 0; l < net->nlayers; l++) {
        char caption[48];
        layer_caption(caption, sizeof caption, net, l);
        put_centred(&b, caption, width);
        if (l + 1 < net->nlayers)
            put_centred(&b, "", columns(TEXT_ARROW));
    }
    end_text_line(&b);
    end_text_line(&b);
    for (size_t row = 0; row < net->most_rows; row++) {
        for (size_t l = 0; l < net->nlayers; l++) {
            size_t rows = net->nrows[l];
            size_t top = (net->most_rows - rows) / 2;
            wb_buf cell = {0};
            if (row >= top && row < top + rows) {
                size_t i = net->rows[l][row - top];
                if (i == ELLIPSIS)
                    wb_buf_printf(&cell, "⋮ %zu more", net->layers[l].size -
                                  (rows - 1));
                else
                    node_label(&cell, net, l, i);
            }
            put_centred(&b, cell.data ? cell.data : "", width);
            if (cell.failed)
                b.failed = true;
            wb_buf_free(&cell);
            if (l + 1 < net->nlayers)
                put_centred(&b, row == mid ? TEXT_ARROW : "",
                            columns(TEXT_ARROW));
        }
        end_text_line(&b);
    }
    end_text_line(&b);
    for (size_t l = 0; l < net->nlayers; l++) {
        char count[48];
        size_t n = net->layers[l].size;
        snprintf(count, sizeof count, "%zu neuron%s", n, n == 1 ? "" : "s");
        put_centred(&b, count, width);
        if (l + 1 < net->nlayers)
            put_centred(&b, "", columns(TEXT_ARROW));
    }
    end_text_line(&b);
    if (net->weighted)
        wb_buf_puts(&b, "\nEvery neuron takes the outputs of all those of "
                        "the layer before, each\ntimes its weight:\n");
    else
        wb_buf_puts(&b, "\nEvery neuron takes the outputs of all those of "
                        "the layer before.\n");
    for (size_t l = 0; net->weighted && l + 1 < net->nlayers; l++) {
        const wb_array *w = net->layers[l + 1].weights;
        double lo = INFINITY, hi = -INFINITY;
        size_t positive = 0;
        size_t n0 = net->layers[l].size, n1 = net->layers[l + 1].size;
        if (!w) {
            wb_buf_printf(&b, "  layer %zu to %zu: %zu x %zu weights\n", l,
                          l + 1, n0, n1);
            continue;
        }
        for (size_t k = 0; k < w->size; k++) {
            lo = fmin(lo, w->data[k]);
            hi = fmax(hi, w->data[k]);
            positive += w->data[k] > 0;
        }
        wb_buf_printf(&b, "  layer %zu to %zu: %zu x %zu weights, from %.3g "
                          "to %.3g, %zu positive\n", l, l + 1, n0, n1, lo,
                      hi, positive);
    }
    if (net->biased)
        wb_buf_puts(&b, "The number beside a neuron is its bias.\n");
    return wb_buf_take(&b);
}

/* Checks what the caller gave, as programmer's errors. */
static void check_layers(const wb_diagram_layer *layers, size_t nlayers)
{
    WB_ASSERT(layers != NULL && nlayers >= 2,
              "a network has at least two layers (got %zu)", nlayers);
    for (size_t l = 0; l < nlayers; l++) {
        const wb_diagram_layer *layer = &layers[l];
        const wb_array *w = layer->weights, *b = layer->biases;
        WB_ASSERT(layer->size >= 1, "layer %zu has no neurons", l);
        WB_ASSERT(!layer->shown || layer->nshown >= 1,
                  "layer %zu shows no neuron", l);
        for (size_t k = 0; layer->shown && k < layer->nshown; k++)
            WB_ASSERT(layer->shown[k] < layer->size,
                      "layer %zu has no neuron %zu (it has %zu)", l,
                      layer->shown[k], layer->size);
        WB_ASSERT(!w || l > 0, "the input layer has no weights coming in");
        WB_ASSERT(!w || (w->ndim == 2 && w->shape[0] == layers[l - 1].size &&
                         w->shape[1] == layer->size),
                  "the weights of layer %zu must have shape (%zu, %zu), "
                  "not (%zu, %zu)",
                  l - 1, l ? layers[l - 1].size : 0, layer->size,
                  w ? w->shape[0] : 0, w ? w->shape[1] : 0);
        WB_ASSERT(!b || b->size == layer->size,
                  "layer %zu has %zu neurons and %zu biases", l, layer->size,
                  b ? b->size : 0);
    }
}

/* The picture's geometry, once every layer's rows are known. */
static void place(network *net, diagram *d)
{
    size_t n = net->nlayers;
    double under = net->biased ? BIAS_SIZE + 6 : 0;   /* a bias's room */
    net->pitch = net->biased ? BIAS_PITCH : NODE_PITCH;
    net->gap = (MIN_WIDTH - 2 * SIDE_MARGIN) / (double)(n - 1);
    if (net->gap > LAYER_GAP)
        net->gap = LAYER_GAP;
    if (net->gap < MIN_LAYER_GAP)
        net->gap = MIN_LAYER_GAP;
    d->width = 2 * SIDE_MARGIN + net->gap * (double)(n - 1);
    if (d->width < MIN_WIDTH)
        d->width = MIN_WIDTH;
    net->width = d->width;
    net->x0 = (d->width - net->gap * (double)(n - 1)) / 2;
    net->mid = TOP_MARGIN + NODE_R +
               (double)(net->most_rows - 1) * net->pitch / 2;
    net->caption_y = 2 * net->mid - TOP_MARGIN + under + 24;
    d->height = net->caption_y + (net->weighted ? 40 : 14);
}

int wb_diagram_layers(wb_output *out, const char *name, const char *caption,
                      const wb_diagram_layer *layers, size_t nlayers)
{
    network net = {.layers = layers, .nlayers = nlayers};
    diagram d = {.draw = draw_network, .data = &net};
    size_t most_edges = 0;
    int rc = -1;

    check_layers(layers, nlayers);
    net.rows = wb_calloc(nlayers, sizeof *net.rows);
    net.nrows = wb_calloc(nlayers, sizeof *net.nrows);
    for (size_t l = 0; net.rows && net.nrows && l < nlayers; l++) {
        if (!(net.rows[l] = layer_rows(&layers[l], &net.nrows[l])))
            break;
        if (net.nrows[l] > net.most_rows)
            net.most_rows = net.nrows[l];
        if (l > 0 && net.nrows[l - 1] * net.nrows[l] > most_edges)
            most_edges = net.nrows[l - 1] * net.nrows[l];
        net.weighted |= layers[l].weights != NULL;
        net.biased |= layers[l].biases != NULL;
    }
    if (net.rows && net.nrows && net.rows[nlayers - 1] &&
        (net.edges = wb_calloc(most_edges, sizeof *net.edges))) {
        place(&net, &d);
        d.text = network_text(&net);
        rc = d.text ? render(out, name, caption, &d)
                    : wb_fail("diagram %s: out of memory", name);
    }
    free(d.text);
    for (size_t l = 0; net.rows && l < nlayers; l++)
        free(net.rows[l]);
    free(net.rows);
    free(net.nrows);
    free(net.edges);
    return rc;
}

int wb_diagram_network(wb_output *out, const char *name, const char *caption,
                       const size_t *sizes, size_t nlayers,
                       const wb_array *const *weights)
{
    WB_ASSERT(sizes != NULL && nlayers >= 2,
              "a network has at least two layers (got %zu)", nlayers);
    wb_diagram_layer *layers = wb_calloc(nlayers, sizeof *layers);
    if (!layers)
        return wb_fail("diagram %s: out of memory", name ? name : "(null)");
    for (size_t l = 0; l < nlayers; l++) {
        layers[l].size = sizes[l];
        layers[l].weights = l > 0 && weights ? weights[l - 1] : NULL;
    }
    int rc = wb_diagram_layers(out, name, caption, layers, nlayers);
    free(layers);
    return rc;
}
