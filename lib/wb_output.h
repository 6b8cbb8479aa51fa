/* wb_output.h: where figures go, and what was drawn.
 *
 * Figures (wb_figure.h) and diagrams (wb_diagram.h) are drawn into an output:
 * a folder, the file formats to make, and the list of what has been drawn
 * there. A program of your own needs nothing else:
 *
 *     wb_output out = {.dir = "plots", .formats = WB_PNG | WB_PDF};
 *     wb_figure *fig = wb_figure_new(&out, "sigmoid", NULL);
 *     ...
 *     wb_figure_render(fig);      writes plots/sigmoid.gp, .dat, .png, .pdf
 *     wb_output_close(&out);
 *
 * A chapter's run owns one (run->out), set from --out and --format.
 *
 * Drawing. gnuplot draws the figures: one gnuplot process per processor,
 * started with the first figure and fed every figure after it, so that a
 * program with many figures does not pay for starting gnuplot each time.
 * By default wb_figure_render returns once its files are in place. With
 * `background` set, it returns as soon as the figure's script is written,
 * and gnuplot draws while the program goes on; wb_output_wait waits for
 * every figure and reports the first that failed, by its name. Either way,
 * each file appears under its name only once it is complete.
 */
#ifndef WB_OUTPUT_H
#define WB_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

/* The files a figure can make. */
typedef enum wb_format {
    WB_PNG = 1 << 0,    /* pixels, for screens and the HTML book */
    WB_PDF = 1 << 1,    /* vector, for the printed book */
    WB_SVG = 1 << 2     /* vector, for the web */
} wb_format;

enum { WB_NFORMATS = 3 };

/* The formats in the order above, with their names, which are also their
 * files' extensions: {WB_PNG, "png"}, {WB_PDF, "pdf"}, {WB_SVG, "svg"}. */
typedef struct wb_format_name {
    wb_format format;
    const char *name;
} wb_format_name;
extern const wb_format_name wb_formats[WB_NFORMATS];

/* Reads a list of format names such as "png,pdf" into *formats (a set of
 * WB_PNG, WB_PDF, WB_SVG). Returns 0, or -1 with an error naming what is
 * not a format. */
int wb_formats_parse(unsigned *formats, const char *list);

/* A figure that was drawn. */
typedef struct wb_output_figure {
    char *name;          /* its files are DIR/NAME.png, .pdf, ... */
    char *caption;       /* Markdown, or NULL */
    bool has_script;     /* drawn by gnuplot from NAME.gp (not a diagram) */
    size_t tag;          /* out->tag when it was drawn (the runtime's step) */
} wb_output_figure;

typedef struct wb_renderer wb_renderer;

typedef struct wb_output {
    const char *dir;          /* the folder, made if needed; NULL or "":
                                 the current folder */
    unsigned formats;         /* WB_PNG | WB_PDF | WB_SVG; 0 means WB_PNG */
    bool dry_run;             /* check each figure, but write and record
                                 nothing (the runtime's silent steps) */
    bool background;          /* let gnuplot draw while the program goes
                                 on (see above) */
    size_t tag;               /* recorded with each figure */
    wb_output_figure *figures;    /* what was drawn, in order */
    size_t nfigures;
    wb_renderer *renderer;    /* the gnuplot processes, while they run */
} wb_output;

/* Waits until every figure handed to gnuplot is drawn and in place.
 * Returns 0, or -1 with an error naming the first figure that failed (its
 * files are not made). */
int wb_output_wait(wb_output *out);

/* wb_output_wait, then stops gnuplot and frees the list of figures; the
 * output can be used again. wb_output_close of an output that drew nothing
 * does nothing. */
int wb_output_close(wb_output *out);

/* ---- for the modules that draw (figures, diagrams, gnuplot) -------- */
/* The formats to make: out->formats, or WB_PNG when it is 0. */
unsigned wb_output_formats(const wb_output *out);
/* "DIR/NAME.EXT" (a new string). */
char *wb_output_path(const wb_output *out, const char *name,
                     const char *ext);
/* The folder, as a path ("." for the current one). */
const char *wb_output_dir(const wb_output *out);
/* Before drawing figure NAME: fails when NAME is not a safe file name, or
 * was drawn already (the second would overwrite the first's files); then,
 * unless out->dry_run, makes the folder. */
int wb_output_begin(wb_output *out, const char *name);
/* Records figure NAME as drawn. */
int wb_output_record(wb_output *out, const char *name, const char *caption,
                     bool has_script);

/* What draws the output's figures while the program goes on: gnuplot
 * processes (wb_gp_render.c), started with the first figure. The output
 * waits for it and stops it through these two functions, and knows
 * nothing else of it. */
struct wb_renderer {
    /* Until every figure handed to it is drawn: 0, or -1 with an error
     * naming the first that failed. */
    int (*wait)(wb_output *out);
    /* Stops it, frees it, and sets out->renderer to NULL. */
    void (*stop)(wb_output *out);
};

#endif
