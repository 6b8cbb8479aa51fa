/* wb_show.c: a figure drawn in the terminal, for --step. See wb_show.h.
 *
 * The figure's own script draws it, with gnuplot's text terminals (dumb,
 * and dumb in colour) or its sixel terminal, which terminals such as
 * xterm -ti vt340, mlterm and WezTerm show as pixels. A diagram, drawn
 * with cairo, has no script: its PNG becomes sixel pixels, and in text it
 * is the drawing in NAME.txt that the diagram module wrote with it.
 */
#include <stdlib.h>
#include <sys/stat.h>

#include "wb_gp_process.h"
#include "wb_show.h"

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

/* Appends DIR/NAME.txt, a diagram's drawing in text. */
static int append_text(wb_buf *shown, const char *dir, const char *name)
{
    char *file = wb_asprintf("%s.txt", name);
    char *path = file ? wb_path_join(dir, file) : NULL;
    size_t len = 0;
    char *text = path ? wb_read_file(path, &len) : NULL;
    free(file);
    free(path);
    if (!text)
        return -1;
    wb_buf_append(shown, text, len);
    free(text);
    return 0;
}

int wb_figure_term(wb_buf *shown, const char *dir, const char *name,
                   wb_term_graphics mode, int cols, int rows)
{
    static const char *const mode_format[] = {
        [WB_TERM_DUMB] = "dumb", [WB_TERM_ANSI] = "ansi",
        [WB_TERM_SIXEL] = "sixel"};
    wb_buf out = {0};
    int rc;

    if (!dir || !*dir)
        dir = ".";
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
        rc = wb_gnuplot(dir, name, mode_format[mode], "-", cols, rows, &out);
    } else if (file_exists(dir, name, "png")) {
        /* A diagram drawn with cairo: pixels, or its drawing in text. */
        char *cmds, *label;
        char *argv[5];
        wb_gp_proc p;
        int width = 9 * cols, height = 18 * rows;
        if (mode != WB_TERM_SIXEL)
            return file_exists(dir, name, "txt") ? append_text(shown, dir, name)
                                                  : 0;
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
        argv[1] = "-d";
        argv[2] = "-e";
        argv[3] = cmds;
        argv[4] = NULL;
        rc = wb_gp_start(&p, dir, argv, WB_GP_CAPTURE);
        if (rc == 0)
            rc = wb_gp_finish(&p, label, &out);
        free(cmds);
        free(label);
    } else {
        return wb_fail("no figure %s in %s (neither %s.gp nor %s.png)", name,
                       dir, name, name);
    }
    /* without the form feed a text terminal may start with */
    if (rc == 0 && out.len > 0)
        wb_buf_append(shown, out.data + (out.data[0] == '\f'),
                      out.len - (out.data[0] == '\f'));
    wb_buf_free(&out);
    if (rc == 0 && shown->failed)
        return wb_fail("out of memory");
    return rc;
}
