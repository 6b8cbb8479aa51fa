/* wb_runtime.c: steps, the command line, book mode and the terminal
 * notebook. See wb_runtime.h. */
#include "wb_runtime.h"

#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* ---- figures of the run ------------------------------------------------ */

char *wb_run_path(const wb_run *run, const char *name, const char *ext)
{
    char *file = wb_asprintf("%s.%s", name, ext);
    char *path = file ? wb_path_join(run->out_dir, file) : NULL;
    free(file);
    return path;
}

int wb_run_prepare_out(const wb_run *run)
{
    return wb_mkdirs(run->out_dir && *run->out_dir ? run->out_dir : ".");
}

int wb_run_add_figure(wb_run *run, const char *name, const char *caption,
                      bool has_script)
{
    wb_run_figure *figs;
    wb_run_figure *f;

    for (size_t i = 0; i < run->nfigures; i++)
        if (strcmp(run->figures[i].name, name) == 0)
            return wb_fail("figure '%s' is drawn twice: give each figure its "
                           "own name", name);
    figs = wb_reallocarray(run->figures, run->nfigures + 1, sizeof *figs);
    if (!figs)
        return -1;
    run->figures = figs;
    f = &figs[run->nfigures];
    *f = (wb_run_figure){.step = run->step, .has_script = has_script};
    f->name = wb_strdup(name);
    f->caption = caption ? wb_strdup(caption) : NULL;
    if (!f->name || (caption && !f->caption)) {
        free(f->name);
        free(f->caption);
        return -1;
    }
    run->nfigures++;
    return 0;
}

void wb_run_release(wb_run *run)
{
    for (size_t i = 0; i < run->nfigures; i++) {
        free(run->figures[i].name);
        free(run->figures[i].caption);
    }
    free(run->figures);
    run->figures = NULL;
    run->nfigures = 0;
}
