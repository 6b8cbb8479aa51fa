/* wb_manifest.h: what a chapter's book-mode run leaves for the weaver,
 * written by the run (wb_runtime.c) and read by the weaver.
 *
 * `CHAPTER --book --out DIR` writes each step's output (DIR/STEP.out), its
 * figures, and last DIR/manifest.tsv, which stands for the whole run: one
 * line per fact, fields separated by tabs:
 *
 *     # a comment
 *     chapter  SLUG  SEED              the chapter, and the run's seed
 *     param    NAME  VALUE [given]     a parameter of the run (--w 1),
 *                                      "given" when the command line set it
 *     step     NAME  NAME.out          a step, in the order it ran
 *     figure   STEP  NAME  CAPTION     a figure that step drew
 *
 * The reader trusts nothing in it: names must be safe names (wb_core.h),
 * a figure must belong to a step listed before it, no figure or step is
 * listed twice, and no field holds a control character.
 */
#ifndef WB_MANIFEST_H
#define WB_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct wb_manifest_figure {
    char *step;
    char *name;
    char *caption;       /* Markdown, may be "" */
} wb_manifest_figure;

typedef struct wb_manifest_param {
    char *name;
    char *value;
    bool given;          /* set on the command line, not the default */
} wb_manifest_param;

typedef struct wb_manifest {
    char *slug;
    char *seed;
    wb_manifest_param *params;
    size_t nparams;
    char **steps;                /* NULL-terminated, in the order they ran */
    size_t nsteps;
    wb_manifest_figure *figures;
    size_t nfigures;
} wb_manifest;

/* Writes DIR/manifest.tsv, through a temporary file: the chapter line,
 * the params, then each step followed by its figures. A control character
 * in a field (a tab in a caption) is written as a space. */
int wb_manifest_write(const wb_manifest *m, const char *dir);
/* Removes DIR/manifest.tsv, if it is there: until a run writes its own, at
 * its very end, the folder holds no complete run. */
int wb_manifest_remove(const char *dir);

/* Parses `text`, the contents of `path` (used in messages). Returns 0, or
 * -1 with an error "path:line: what is wrong" and *m empty. */
int wb_manifest_parse(wb_manifest *m, const char *text, const char *path);
/* wb_manifest_parse of DIR/manifest.tsv; a missing file says how to make
 * it. */
int wb_manifest_read(wb_manifest *m, const char *dir);
void wb_manifest_free(wb_manifest *m);

#endif
