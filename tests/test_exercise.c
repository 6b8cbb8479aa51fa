/* Tests of wb_exercise: the exercises' first comments, read as the book and
 * the notebook list them; and every exercise of exercises/, read. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "wb_core.h"
#include "wb_exercise.h"

static const char *good =
    "/* Chapter: 2\n"
    " * Goal: Find the line\n"
    " *\n"
    " * Write `line`: it returns\n"
    " * the boundary.\n"
    " *\n"
    " * Hint: where sigma(z) = 1/2,\n"
    " * z = 0.\n"
    " */\n"
    "int x;\n";

/* Writes `text` as dir/name and returns the path. */
static char *put(const char *dir, const char *name, const char *text)
{
    char *path = wb_path_join(dir, name);
    cr_assert_eq(wb_write_file(path, text, strlen(text)), 0, "%s",
                 wb_error());
    return path;
}

Test(exercise, names_give_the_chapter)
{
    cr_assert_eq(wb_exercise_chapter_of("01_1_boundary.c"), 1);
    cr_assert_eq(wb_exercise_chapter_of("12_3_x.c"), 12);
    const char *not[] = {"1_1_x.c", "01_x.c", "01_1_x.h", "01-1_x.c", "ab_1_x.c",
                         "01_1.c", "README"};
    for (size_t i = 0; i < sizeof not / sizeof *not; i++)
        cr_assert_eq(wb_exercise_chapter_of(not[i]), 0, "%s", not[i]);
}

Test(exercise, reads_its_first_comment)
{
    char *dir = test_dir("exercise-read");
    char *path = put(dir, "02_3_line.c", good);
    wb_exercise e;
    cr_assert_eq(wb_exercise_read(&e, path), 0, "%s", wb_error());
    cr_assert_str_eq(e.name, "02_3_line");
    cr_assert_eq(e.chapter, 2);
    cr_assert_eq(e.number, 3);
    cr_assert_str_eq(e.goal, "Find the line");
    cr_assert_str_eq(e.text, "Write `line`: it returns\nthe boundary.");
    cr_assert_str_eq(e.hint, "where sigma(z) = 1/2,\nz = 0.");
    wb_exercise_free(&e);
    free(path);
}

/* Each thing missing, or wrong, is named, with the file. */
Test(exercise, a_bad_comment_is_refused_with_its_reason)
{
    char *dir = test_dir("exercise-bad");
    struct {
        const char *name, *text, *says;
    } cases[] = {
        {"02_1_a.c", "int x;\n", "no comment at its top"},
        {"02_2_b.c", "/* Goal: g\n * Hint: h\n */\n", "no line 'Chapter: N'"},
        {"02_3_c.c", "/* Chapter: two\n * Goal: g\n * Hint: h */\n",
         "no line 'Chapter: N'"},
        {"02_4_d.c", "/* Chapter: 2\n * Hint: h\n */\n", "no goal"},
        {"02_5_e.c", "/* Chapter: 2\n * Goal: g\n */\n", "no hint"},
        {"02_6_f.c", "/* Chapter: 3\n * Goal: g\n * Hint: h\n */\n",
         "its comment says chapter 3, its name chapter 02"},
        {"notes.c", good, "an exercise's name is NN_K_NAME.c"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *path = put(dir, cases[i].name, cases[i].text);
        wb_exercise e;
        cr_assert_eq(wb_exercise_read(&e, path), -1, "%s", cases[i].name);
        cr_assert(strstr(wb_error(), path), "%s", wb_error());
        cr_assert(strstr(wb_error(), cases[i].says), "%s: %s", cases[i].name,
                  wb_error());
        cr_assert_null(e.name, "nothing to free after a failure");
        free(path);
    }
    wb_exercise e;
    char *missing = wb_path_join(dir, "02_9_missing.c");
    cr_assert_eq(wb_exercise_read(&e, missing), -1);
    cr_assert(strstr(wb_error(), "02_9_missing.c"), "%s", wb_error());
    free(missing);
}

/* A chapter's exercises in the order of their names; other files and
 * other chapters' exercises are not among them. */
Test(exercise, a_chapter_lists_its_own_in_order)
{
    char *dir = test_dir("exercise-list");
    char *paths[] = {
        put(dir, "02_2_second.c", good), put(dir, "02_1_first.c", good),
        put(dir, "03_1_other.c",
            "/* Chapter: 3\n * Goal: g\n * Hint: h\n */\n"),
        put(dir, "README", "not an exercise\n"),
        put(dir, "02_1_first.h", "not one either\n")};
    wb_exercise *list;
    size_t n;
    cr_assert_eq(wb_exercises_read(dir, 2, &list, &n), 0, "%s", wb_error());
    cr_assert_eq(n, 2);
    cr_assert_str_eq(list[0].name, "02_1_first");
    cr_assert_str_eq(list[1].name, "02_2_second");
    wb_exercises_free(list, n);
    cr_assert_eq(wb_exercises_read(dir, 0, &list, &n), 0, "%s", wb_error());
    cr_assert_eq(n, 3, "every chapter's");
    wb_exercises_free(list, n);
    cr_assert_eq(wb_exercises_read(dir, 7, &list, &n), 0);
    cr_assert_eq(n, 0);
    cr_assert_null(list);
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
        free(paths[i]);

    /* one bad exercise fails the list, with its reason */
    char *bad = put(dir, "02_3_bad.c", "int x;\n");
    cr_assert_eq(wb_exercises_read(dir, 2, &list, &n), -1);
    cr_assert(strstr(wb_error(), "02_3_bad.c: no comment"), "%s", wb_error());
    cr_assert_eq(n, 0);
    free(bad);
}

Test(exercise, no_folder_no_exercises)
{
    wb_exercise *list;
    size_t n = 99;
    cr_assert_eq(wb_exercises_read("/nonexistent/exercises", 1, &list, &n), 0);
    cr_assert_eq(n, 0);
}

/* The workbook's own: every chapter has some, and each reads. */
Test(exercise, the_workbook_s_exercises_all_read)
{
    for (int chapter = 1; chapter <= 5; chapter++) {
        wb_exercise *list;
        size_t n;
        cr_assert_eq(wb_exercises_read(WB_SOURCE_DIR "/exercises", chapter,
                                       &list, &n), 0, "%s", wb_error());
        cr_assert_gt(n, 0, "chapter %d has no exercise", chapter);
        for (size_t i = 0; i < n; i++) {
            cr_assert_eq(list[i].chapter, chapter);
            cr_assert_eq(list[i].number, (int)i + 1, "%s: numbered in order",
                         list[i].name);
        }
        wb_exercises_free(list, n);
    }
}
