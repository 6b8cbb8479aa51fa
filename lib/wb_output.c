/* wb_output.c: where figures go, and what was drawn. See wb_output.h. */
#include "wb_output.h"

#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

const wb_format_name wb_formats[WB_NFORMATS] = {
    {WB_PNG, "png"},
    {WB_PDF, "pdf"},
    {WB_SVG, "svg"},
};

int wb_formats_parse(unsigned *formats, const char *list)
{
    unsigned set = 0;
    const char *s = list;
    for (;;) {
        size_t n = strcspn(s, ",");
        int k = 0;
        if (n == 0)
            return wb_fail("'%s': an empty name in the list (give png, pdf "
                           "or svg, separated by commas)", list);
        while (k < WB_NFORMATS && !(strlen(wb_formats[k].name) == n &&
                                    strncmp(wb_formats[k].name, s, n) == 0))
            k++;
        if (k == WB_NFORMATS)
            return wb_fail("'%.*s' is not one of png, pdf, svg", (int)n, s);
        set |= wb_formats[k].format;
        s += n;
        if (*s == '\0')
            break;
        s++;    /* the comma */
    }
    *formats = set;
    return 0;
}

unsigned wb_output_formats(const wb_output *out)
{
    return out->formats ? out->formats : WB_PNG;
}

const char *wb_output_dir(const wb_output *out)
{
    return out->dir && *out->dir ? out->dir : ".";
}

char *wb_output_path(const wb_output *out, const char *name, const char *ext)
{
    char *file = wb_asprintf("%s.%s", name, ext);
    char *path = file ? wb_path_join(out->dir, file) : NULL;
    free(file);
    return path;
}

int wb_output_begin(wb_output *out, const char *name)
{
    if (!wb_is_safe_name(name))
        return wb_fail("'%s' is not a figure name: use letters, digits, "
                       "'_', '-' and '.', not starting with '.' or '-'",
                       name ? name : "(null)");
    for (size_t i = 0; i < out->nfigures; i++)
        if (strcmp(out->figures[i].name, name) == 0)
            return wb_fail("figure '%s' is drawn twice: give each figure its "
                           "own name", name);
    if (out->dry_run)
        return 0;
    return wb_mkdirs(wb_output_dir(out));
}

int wb_output_record(wb_output *out, const char *name, const char *caption,
                     bool has_script)
{
    wb_output_figure *figs, *f;
    figs = wb_reallocarray(out->figures, out->nfigures + 1, sizeof *figs);
    if (!figs)
        return -1;
    out->figures = figs;
    f = &figs[out->nfigures];
    *f = (wb_output_figure){.has_script = has_script, .tag = out->tag};
    f->name = wb_strdup(name);
    f->caption = caption ? wb_strdup(caption) : NULL;
    if (!f->name || (caption && !f->caption)) {
        free(f->name);
        free(f->caption);
        return -1;
    }
    out->nfigures++;
    return 0;
}

int wb_output_wait(wb_output *out)
{
    return out->renderer ? out->renderer->wait(out) : 0;
}

int wb_output_close(wb_output *out)
{
    int rc = wb_output_wait(out);
    if (out->renderer)
        out->renderer->stop(out);
    for (size_t i = 0; i < out->nfigures; i++) {
        free(out->figures[i].name);
        free(out->figures[i].caption);
    }
    free(out->figures);
    out->figures = NULL;
    out->nfigures = 0;
    return rc;
}
