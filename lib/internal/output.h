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

/* Frees the list of figures drawn. */
void wb_output_forget(wb_output *out);

#endif
