/* The README's "A program of your own", compiled and run as a reader
 * would: it draws a figure with the library alone, no runtime, no run. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

#define README WB_SOURCE_DIR "/README.md"

/* The first ```c block after `heading` in the README. */
static char *example(const char *heading)
{
    char *text = wb_read_file(README, NULL);
    const char *s, *e;
    char *code;
    cr_assert(text, "%s", wb_error());
    s = strstr(text, heading);
    cr_assert(s, "no '%s' in the README", heading);
    s = strstr(s, "```c\n");
    cr_assert(s, "no C example after '%s'", heading);
    s += 5;
    e = strstr(s, "```\n");
    cr_assert(e);
    code = wb_strndup(s, (size_t)(e - s));
    free(text);
    return code;
}

Test(readme, a_program_of_your_own_draws_without_a_run)
{
    char *dir = test_dir("readme");
    char *code = example("### A program of your own");
    char *src = wb_path_join(dir, "my.c");
    /* The README's own command, with the sanitizers of this build. */
    char *cc = wb_asprintf(
        "cc %s my.c $(PKG_CONFIG_PATH=%s pkg-config --cflags --libs "
        "workbook) -o my && nm -u my > imports", WB_SAN_FLAGS, WB_BUILD_DIR);
    cr_assert_eq(wb_write_file(src, code, strlen(code)), 0);
    program_result r = run_program(dir, (const char *[]){"/bin/sh", "-c", cc,
                                                         NULL});
    cr_assert_eq(r.status, 0, "the example does not build:\n%s", r.err);
    program_result_free(&r);

    char *imports = read_in(dir, "imports", NULL);
    cr_assert(strstr(imports, "wb_figure_new"), "%s", imports);
    cr_assert_null(strstr(imports, "wb_main"), "it needs no runtime");
    cr_assert_null(strstr(imports, "wb_keep"), "it needs no runtime");

    r = run_program(dir, (const char *[]){"./my", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.err, "");
    char *plots = wb_path_join(dir, "plots");
    assert_png(plots, "sigmoid.png", 8000, NULL, NULL);
    cr_assert(file_exists(plots, "sigmoid.gp") &&
              file_exists(plots, "sigmoid.dat"));
    cr_assert_not(file_exists(plots, "sigmoid.pdf"), "only the PNG asked");
    program_result_free(&r);
    free(imports);
    free(plots);
    free(code);
    free(src);
    free(cc);
}
