/* output.h: what the figure and diagram modules ask of an output. */
#ifndef WB_INTERNAL_OUTPUT_H
#define WB_INTERNAL_OUTPUT_H

#include <stdbool.h>

#include "wb_output.h"

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
