/* Tests of wb_core: error messages, text buffers, files written through
 * temporary names. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_core.h"

static char *temp_dir(void)
{
    return test_dir("core");
}

Test(core, fail_records_the_message)
{
    cr_assert_eq(wb_fail("bad %s %d", "thing", 3), -1);
    cr_assert_str_eq(wb_error(), "bad thing 3");
    /* The message can be added to: the old one is an argument. */
    wb_fail("%s (and more)", wb_error());
    cr_assert_str_eq(wb_error(), "bad thing 3 (and more)");
    wb_fail("figure %s: %s", "f", wb_error());
    cr_assert_str_eq(wb_error(), "figure f: bad thing 3 (and more)");
}

/* A message is one line: the control characters its arguments bring are
 * shown as '?', a C1 code (two bytes of UTF-8) as one; other characters
 * stay. */
Test(core, a_message_is_one_line)
{
    wb_fail("cannot open %s: %s", "a\nb\tc\033[31m\x7f", "why");
    cr_assert_str_eq(wb_error(), "cannot open a?b?c?[31m?: why");
    wb_fail("'%s'", "σ\xc2\x85x\xc2\xa0y");
    cr_assert_str_eq(wb_error(), "'σ?x\xc2\xa0y'");
    char text[] = "one\ntwo";
    cr_assert_eq(wb_mask_controls(text), text);
    cr_assert_str_eq(text, "one?two");
}

/* The shortest text that reads back as the same double. */
Test(core, shortest_numbers)
{
    cr_assert_str_eq(wb_shortest(0.922).text, "0.922");
    cr_assert_str_eq(wb_shortest(0.1).text, "0.1");
    cr_assert_str_eq(wb_shortest(1.0 / 3).text, "0.3333333333333333");
    cr_assert_str_eq(wb_shortest(2.0 / 3).text, "0.6666666666666666");
    cr_assert_str_eq(wb_shortest(-1e-300).text, "-1e-300");
    cr_assert_str_eq(wb_shortest(5e-324).text, "4.94065645841247e-324");
    cr_assert_str_eq(wb_shortest(0).text, "0");
    cr_assert_str_eq(wb_shortest(INFINITY).text, "inf");
    double hard[] = {0.1 + 0.2, 1e22, 123456789012345678.0,
                     2.2250738585072014e-308, 1.7976931348623157e308,
                     0.92200000000000004};
    for (size_t i = 0; i < sizeof hard / sizeof *hard; i++)
        cr_assert_eq(strtod(wb_shortest(hard[i]).text, NULL), hard[i],
                     "%s", wb_shortest(hard[i]).text);
    cr_assert_str_eq(wb_shortest(0.1 + 0.2).text, "0.30000000000000004");
}

/* A message about the longest path keeps its reason at the end. */
Test(core, long_paths_keep_the_reason)
{
    char path[4200];
    wb_file f;
    memset(path, 'a', sizeof path - 1);
    path[0] = '/';
    path[sizeof path - 1] = '\0';
    cr_assert_eq(wb_file_open(&f, path), -1);
    cr_assert(strstr(wb_error(), "File name too long"), "%.80s...%s",
              wb_error(), wb_error() + strlen(wb_error()) - 40);
}

Test(core, buf_builds_text)
{
    wb_buf b = {0};
    char *s;
    wb_buf_puts(&b, "a");
    wb_buf_printf(&b, "%d-%s", 42, "x");
    for (int i = 0; i < 1000; i++)
        wb_buf_append(&b, "0123456789", 10);
    s = wb_buf_take(&b);
    cr_assert(s);
    cr_assert_eq(strlen(s), 5 + 10000);
    cr_assert(strncmp(s, "a42-x0123", 9) == 0);
    free(s);
    /* An empty buffer gives "" (not NULL). */
    s = wb_buf_take(&b);
    cr_assert_str_eq(s, "");
    free(s);
}

Test(core, calloc_refuses_overflow)
{
    cr_assert_null(wb_calloc((size_t)-1 / 2, 4));
    cr_assert(strstr(wb_error(), "overflows"), "%s", wb_error());
}

Test(core, safe_names)
{
    cr_assert(wb_is_safe_name("sigmoid_2d"));
    cr_assert(wb_is_safe_name("a-b.c"));
    cr_assert_not(wb_is_safe_name(""));
    cr_assert_not(wb_is_safe_name(".hidden"));
    cr_assert_not(wb_is_safe_name("-rf"));
    cr_assert_not(wb_is_safe_name("a/b"));
    cr_assert_not(wb_is_safe_name("a b"));
    cr_assert_not(wb_is_safe_name("<cmd"));
    cr_assert_not(wb_is_safe_name("|cmd"));
    cr_assert_not(wb_is_safe_name("a'b"));
}

Test(core, path_join)
{
    char *p = wb_path_join("figures/x", "a.png");
    cr_assert_str_eq(p, "figures/x/a.png");
    free(p);
    p = wb_path_join("figures/", "a.png");
    cr_assert_str_eq(p, "figures/a.png");
    free(p);
    p = wb_path_join("", "a.png");
    cr_assert_str_eq(p, "a.png");
    free(p);
}

Test(core, write_and_read_back)
{
    char *dir = temp_dir();
    char *path = wb_path_join(dir, "f.txt");
    size_t len = 0;
    char *text;
    cr_assert_eq(wb_write_file(path, "hello\0world", 11), 0, "%s",
                 wb_error());
    text = wb_read_file(path, &len);
    cr_assert(text);
    cr_assert_eq(len, 11);
    cr_assert(memcmp(text, "hello\0world", 12) == 0);
    cr_assert_eq(count_entries(dir, "."), 0);
    free(text);
    free(path);
}

Test(core, read_missing_file_says_which)
{
    cr_assert_null(wb_read_file("/nonexistent/x.txt", NULL));
    cr_assert(strstr(wb_error(), "/nonexistent/x.txt"), "%s", wb_error());
}

Test(core, file_appears_only_when_committed)
{
    char *dir = temp_dir();
    char *path = wb_path_join(dir, "page.html");
    struct stat st;
    wb_file f;

    cr_assert_eq(wb_write_file(path, "old", 3), 0);
    cr_assert_eq(wb_file_open(&f, path), 0, "%s", wb_error());
    fputs("new, and longer", f.fp);
    fflush(f.fp);
    /* While being written, the old file is still whole and in place. */
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "old");
    free(text);
    cr_assert_eq(count_entries(dir, "."), 1);
    cr_assert_eq(wb_file_commit(&f), 0, "%s", wb_error());
    text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "new, and longer");
    free(text);
    cr_assert_eq(count_entries(dir, "."), 0);
    /* Readable by others, like any file the user makes (umask 022). */
    cr_assert_eq(stat(path, &st), 0);
    cr_assert(st.st_mode & S_IRGRP, "mode %o", (unsigned)st.st_mode);
    free(path);
}

Test(core, abort_leaves_the_old_file)
{
    char *dir = temp_dir();
    char *path = wb_path_join(dir, "fig.png");
    wb_file f;
    cr_assert_eq(wb_write_file(path, "old", 3), 0);
    cr_assert_eq(wb_file_open(&f, path), 0);
    fputs("half a fig", f.fp);
    wb_file_abort(&f);
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "old");
    free(text);
    cr_assert_eq(count_entries(dir, "."), 0);
    free(path);
}

Test(core, open_in_missing_folder_fails_cleanly)
{
    wb_file f;
    cr_assert_eq(wb_file_open(&f, "/nonexistent/dir/x.png"), -1);
    cr_assert(strstr(wb_error(), "/nonexistent/dir/x.png"), "%s",
              wb_error());
    cr_assert_null(f.fp);
}

/* While a file is written, its temporary name is listed for a signal
 * handler to remove (wb_file_pending), and it is dropped once the file is
 * in place or given up. */
static bool pending(const char *tmp)
{
    for (size_t i = 0; i < WB_FILES_PENDING; i++)
        if (wb_file_pending(i) == tmp)
            return true;
    return false;
}

Test(core, temporary_names_are_listed_while_written)
{
    char *dir = temp_dir();
    char *path = wb_path_join(dir, "x.dat");
    wb_file a, b;
    cr_assert_eq(wb_file_open(&a, path), 0, "%s", wb_error());
    cr_assert_eq(wb_file_open(&b, path), 0, "%s", wb_error());
    cr_assert_str_neq(a.tmp, b.tmp, "two writers of one file share a name");
    cr_assert(pending(a.tmp) && pending(b.tmp));
    cr_assert_eq(count_entries(dir, ".x.dat."), 2);
    char *tmp_a = wb_strdup(a.tmp);
    cr_assert_eq(wb_file_commit(&a), 0, "%s", wb_error());
    cr_assert(pending(b.tmp));
    for (size_t i = 0; i < WB_FILES_PENDING; i++)
        cr_assert(!wb_file_pending(i) || strcmp(wb_file_pending(i), tmp_a),
                  "%s is still listed once committed", tmp_a);
    wb_file_abort(&b);
    cr_assert_null(wb_file_pending(WB_FILES_PENDING));
    for (size_t i = 0; i < WB_FILES_PENDING; i++)
        cr_assert_null(wb_file_pending(i));
    cr_assert_eq(count_entries(dir, "."), 0, "a temporary file was left");
    free(tmp_a);
    free(path);
}

Test(core, mkdirs_makes_parents)
{
    char *dir = temp_dir();
    char *deep = wb_path_join(dir, "a/b/c");
    struct stat st;
    cr_assert_eq(wb_mkdirs(deep), 0, "%s", wb_error());
    cr_assert_eq(stat(deep, &st), 0);
    cr_assert(S_ISDIR(st.st_mode));
    cr_assert_eq(wb_mkdirs(deep), 0, "exists already: still fine");
    free(deep);
    deep = wb_path_join(dir, "file");
    cr_assert_eq(wb_write_file(deep, "x", 1), 0);
    cr_assert_eq(wb_mkdirs(deep), -1);
    cr_assert(strstr(wb_error(), "not a folder"), "%s", wb_error());
    free(deep);
}
