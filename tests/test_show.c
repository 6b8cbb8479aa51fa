/* Tests of wb_show.c: a figure drawn in the terminal, as --step shows
 * it. */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "wb_show.h"
#include "wb_term.h"

/* The text a text terminal drew is whole: something on the screen, no
 * line wider than `cols`, and escape sequences only in colour. */
static void assert_text_figure(const char *what, const char *text,
                               wb_term_graphics mode, size_t cols)
{
    size_t shown = 0;
    for (const char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        wb_buf plain = {0};
        /* the line without its colours (ESC [ ... m) */
        for (size_t i = 0; i < len; i++) {
            if (line[i] == '\033') {
                cr_assert_eq(mode, WB_TERM_ANSI, "%s: an escape sequence in "
                             "plain text", what);
                i += strcspn(line + i, "m");
                continue;
            }
            wb_buf_append(&plain, line + i, 1);
        }
        cr_assert_leq(wb_term_width(plain.data ? plain.data : "", plain.len),
                      cols, "%s: a line wider than %zu columns: %s", what,
                      cols, plain.data);
        shown += strspn(plain.data ? plain.data : "", " ") < plain.len;
        wb_buf_free(&plain);
        line += len + (line[len] == '\n');
    }
    cr_assert_gt(shown, 5, "%s: hardly anything drawn:\n%s", what, text);
}

/* Every figure of every chapter, drawn as the notebook draws it on an
 * 80-column terminal: with gnuplot's text terminals, in plain text (dumb)
 * and in colour (ansi), from the script the chapter wrote; a diagram as
 * its drawing in text. A label beside a colour bar is never written over
 * a tic label ("0σ(z)"). */
Test(show, every_figure_of_every_chapter_in_text, .timeout = 300)
{
    static const wb_term_graphics modes[] = {WB_TERM_DUMB, WB_TERM_ANSI};
    glob_t g;
    size_t figures = 0;
    cr_assert_eq(glob(WB_SOURCE_DIR "/chapters/[0-9][0-9]_*.c", 0, NULL, &g),
                 0);
    for (size_t c = 0; c < g.gl_pathc; c++) {
        const char *file = strrchr(g.gl_pathv[c], '/') + 1;
        char *slug = wb_strndup(file, strlen(file) - 2);
        char *chapter = wb_asprintf("%s/chapters/%s", WB_BUILD_DIR, slug);
        cr_assert(slug && chapter);
        char *dir = chapter_book_run(chapter, NULL);
        char **names = manifest_figures(dir);
        for (size_t i = 0; names[i]; i++, figures++)
            for (size_t m = 0; m < 2; m++) {
                char what[160];
                wb_buf text = {0};
                snprintf(what, sizeof what, "%s: figure %s (%s)", slug,
                         names[i], modes[m] == WB_TERM_DUMB ? "dumb" : "ansi");
                cr_assert_eq(wb_figure_term(&text, dir, names[i], modes[m],
                                            79, 24), 0, "%s: %s", what,
                             wb_error());
                if (!text.data)    /* a diagram with no text drawing */
                    continue;
                assert_text_figure(what, text.data, modes[m], 79);
                for (const char *s = text.data;
                     (s = strstr(s, "σ(z)")) != NULL; s++)
                    cr_assert(s == text.data || s[-1] == ' ' ||
                              s[-1] == '\n' || s[-1] == 'm',
                              "%s: a label written over another:\n%s", what,
                              text.data);
                wb_buf_free(&text);
            }
        free_names(names);
        free(slug);
        free(chapter);
    }
    globfree(&g);
    cr_assert_gt(figures, 20, "only %zu figures", figures);
}
