/* wb_manifest.c: a run's manifest, written and read. See wb_manifest.h. */
#include "wb_manifest.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wb_core.h"

void wb_manifest_free(wb_manifest *m)
{
    free(m->slug);
    free(m->seed);
    for (size_t i = 0; i < m->nparams; i++) {
        free(m->params[i].name);
        free(m->params[i].value);
    }
    free(m->params);
    for (size_t i = 0; i < m->nsteps; i++)
        free(m->steps[i]);
    free(m->steps);
    for (size_t i = 0; i < m->nfigures; i++) {
        free(m->figures[i].step);
        free(m->figures[i].name);
        free(m->figures[i].caption);
    }
    free(m->figures);
    *m = (wb_manifest){0};
}

/* Splits a line in place at tabs into at most `max` fields; returns how
 * many there are (more than max: max + 1). */
static size_t split_tabs(char *line, char **fields, size_t max)
{
    size_t n = 0;
    while (line) {
        if (n == max)
            return max + 1;
        fields[n++] = line;
        line = strchr(line, '\t');
        if (line)
            *line++ = '\0';
    }
    return n;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7F)
            return true;
    return false;
}

static bool listed(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

/* One line: fields f[0..n-1]. */
static int take_line(wb_manifest *m, char **f, size_t n)
{
    const char *kind = f[0];
    for (size_t i = 1; i < n && i < 4; i++)
        if (has_control(f[i]))
            return wb_fail("a control character in field %zu", i + 1);
    if (strcmp(kind, "chapter") == 0) {
        if (n != 3 || m->slug)
            return wb_fail(m->slug ? "a second chapter line"
                                   : "a chapter line needs its slug and "
                                     "seed");
        if (!wb_is_safe_name(f[1]))
            return wb_fail("'%s' is not a chapter's name", f[1]);
        m->slug = wb_strdup(f[1]);
        m->seed = wb_strdup(f[2]);
        return m->slug && m->seed ? 0 : -1;
    }
    if (!m->slug)
        return wb_fail("the chapter line must come first");
    if (strcmp(kind, "param") == 0) {
        wb_manifest_param *p;
        if ((n != 3 && n != 4) || !wb_is_safe_name(f[1]) ||
            (n == 4 && strcmp(f[3], "given") != 0))
            return wb_fail("a param line is: param, a name, a value, and "
                           "\"given\" when the command line set it");
        p = wb_reallocarray(m->params, m->nparams + 1, sizeof *p);
        if (!p)
            return -1;
        m->params = p;
        p[m->nparams] = (wb_manifest_param){wb_strdup(f[1]), wb_strdup(f[2]),
                                            n == 4};
        m->nparams++;
        return p[m->nparams - 1].name && p[m->nparams - 1].value ? 0 : -1;
    }
    if (strcmp(kind, "step") == 0) {
        char **steps;
        if (n != 3 || !wb_is_safe_name(f[1]))
            return wb_fail("a step line is: step, the step's name, its "
                           "output file");
        if (listed(m->steps, m->nsteps, f[1]))
            return wb_fail("step '%s' is listed twice", f[1]);
        steps = wb_reallocarray(m->steps, m->nsteps + 2, sizeof *steps);
        if (!steps)
            return -1;
        m->steps = steps;
        steps[m->nsteps] = wb_strdup(f[1]);
        if (!steps[m->nsteps])
            return -1;
        steps[++m->nsteps] = NULL;
        return 0;
    }
    if (strcmp(kind, "figure") == 0) {
        wb_manifest_figure *figs;
        if (n != 4)
            return wb_fail("a figure line is: figure, its step, its name, "
                           "its caption");
        if (!listed(m->steps, m->nsteps, f[1]))
            return wb_fail("figure '%s' belongs to step '%s', which is not "
                           "listed before it", f[2], f[1]);
        if (!wb_is_safe_name(f[2]))
            return wb_fail("'%s' is not a figure's name", f[2]);
        for (size_t i = 0; i < m->nfigures; i++)
            if (strcmp(m->figures[i].name, f[2]) == 0)
                return wb_fail("figure '%s' is listed twice", f[2]);
        figs = wb_reallocarray(m->figures, m->nfigures + 1, sizeof *figs);
        if (!figs)
            return -1;
        m->figures = figs;
        figs[m->nfigures] = (wb_manifest_figure){
            wb_strdup(f[1]), wb_strdup(f[2]), wb_strdup(f[3])};
        m->nfigures++;
        return figs[m->nfigures - 1].step && figs[m->nfigures - 1].name &&
                       figs[m->nfigures - 1].caption
                   ? 0
                   : -1;
    }
    return wb_fail("'%s' is not a kind of line (chapter, param, step, "
                   "figure)", kind);
}

int wb_manifest_parse(wb_manifest *m, const char *text, const char *path)
{
    char *copy = wb_strdup(text);
    size_t lineno = 0;
    int status = 0;

    *m = (wb_manifest){0};
    if (!copy)
        return -1;
    for (char *line = copy, *next; line && *line && status == 0;
         line = next) {
        char *f[5];
        size_t n;
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (*line == '#' || *line == '\0')
            continue;
        n = split_tabs(line, f, 4);
        if (take_line(m, f, n) != 0)
            status = wb_fail("%s:%zu: %s", path, lineno, wb_error());
    }
    if (status == 0 && !m->slug)
        status = wb_fail("%s: no chapter line", path);
    free(copy);
    if (status != 0)
        wb_manifest_free(m);
    return status;
}

int wb_manifest_read(wb_manifest *m, const char *dir)
{
    char *path = wb_path_join(dir, "manifest.tsv");
    char *text = path ? wb_read_file(path, NULL) : NULL;
    int status;
    *m = (wb_manifest){0};
    if (!text) {
        free(path);
        return wb_fail("%s (run the chapter with --book --out %s first)",
                       wb_error(), dir);
    }
    status = wb_manifest_parse(m, text, path);
    free(text);
    free(path);
    return status;
}

/* A field: tabs, newlines and other control characters become spaces. */
static void put_field(FILE *fp, const char *text)
{
    for (const char *c = text; *c; c++)
        fputc((unsigned char)*c < 0x20 || *c == 0x7F ? ' ' : *c, fp);
}

int wb_manifest_write(const wb_manifest *m, const char *dir)
{
    char *path = wb_path_join(dir, "manifest.tsv");
    wb_file f;
    if (!path || wb_file_open(&f, path) != 0) {
        free(path);
        return -1;
    }
    free(path);
    fprintf(f.fp, "# The steps and figures of a run of %s, for the weaver.\n"
            "chapter\t%s\t%s\n", m->slug, m->slug, m->seed);
    for (size_t i = 0; i < m->nparams; i++) {
        fprintf(f.fp, "param\t%s\t", m->params[i].name);
        put_field(f.fp, m->params[i].value);
        fputs(m->params[i].given ? "\tgiven\n" : "\n", f.fp);
    }
    for (size_t k = 0; k < m->nsteps; k++) {
        fprintf(f.fp, "step\t%s\t%s.out\n", m->steps[k], m->steps[k]);
        for (size_t i = 0; i < m->nfigures; i++) {
            if (strcmp(m->figures[i].step, m->steps[k]) != 0)
                continue;
            fprintf(f.fp, "figure\t%s\t%s\t", m->steps[k],
                    m->figures[i].name);
            put_field(f.fp, m->figures[i].caption);
            fputc('\n', f.fp);
        }
    }
    return wb_file_commit(&f);
}

int wb_manifest_remove(const char *dir)
{
    char *path = wb_path_join(dir, "manifest.tsv");
    int rc = 0;
    if (!path)
        return -1;
    if (unlink(path) != 0 && errno != ENOENT)
        rc = wb_fail("cannot remove %s: %s", path, strerror(errno));
    free(path);
    return rc;
}
