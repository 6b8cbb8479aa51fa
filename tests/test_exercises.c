/* The exercises, as the project promises them: every file in exercises/ is
 * an exercise (a name that gives its chapter and number, a header with its
 * chapter, a one-line goal and a hint, a marked place to work) with a
 * check and a solution, and nothing else lies there or beside them; as
 * shipped, each builds and fails its check, saying what it expected and
 * giving its hint; each solution, which differs from its exercise only
 * between the markers, passes; a compiler error, or a memory error,
 * points at the reader's file and line; and the list says what is done as
 * soon as a check passes. (That
 * each appears in the book, tools/check-exercises checks on the book that
 * make check builds.) */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "helpers.h"
#include "wb.h"

#define RUNNER WB_SOURCE_DIR "/tools/exercises --build " WB_BUILD_DIR

/* The longest name, and the longest goal, that fit the list's line of 80
 * columns (tools/exercises prints them in columns of 3, 8 and 18). */
#define NAME_MAX_LEN 18
#define GOAL_MAX_LEN 48

/* Runs a shell command in the workbook's top folder; what it printed, on
 * standard output and standard error, goes to *out. Returns its exit
 * status. */
__attribute__((format(printf, 2, 3)))
static int shell(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char cmd[2048];
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    char *full = wb_asprintf("cd '%s' && { %s; } 2>&1 </dev/null",
                             WB_SOURCE_DIR, cmd);
    FILE *p = full ? popen(full, "r") : NULL;
    cr_assert(p, "cannot run %s", cmd);
    wb_buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        wb_buf_append(&b, chunk, n);
    int status = pclose(p);
    *out = wb_buf_take(&b);
    cr_assert(*out);
    free(full);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* The file names of a folder of the workbook that end in ".c", sorted,
 * without the ".c" (a NULL-terminated list). */
static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **c_files(const char *folder, size_t *count, size_t *others)
{
    char *path = wb_path_join(WB_SOURCE_DIR, folder);
    DIR *d = opendir(path);
    cr_assert(d, "no folder %s", path);
    char **names = calloc(64, sizeof *names);
    size_t n = 0;
    *others = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        if (len < 3 || strcmp(e->d_name + len - 2, ".c") != 0) {
            (*others)++;
            continue;
        }
        cr_assert(n < 63);
        names[n++] = wb_strndup(e->d_name, len - 2);
    }
    closedir(d);
    free(path);
    qsort(names, n, sizeof *names, by_name);
    *count = n;
    return names;
}

static void free_list(char **names)
{
    for (size_t i = 0; names[i]; i++)
        free(names[i]);
    free(names);
}

/* The text of `key` in an exercise's header, as the runner reads it. */
static char *field(const char *name, const char *key)
{
    char *out;
    int rc = shell(&out, RUNNER " field %s %s", name, key);
    cr_assert_eq(rc, 0, "%s", out);
    size_t len = strlen(out);
    while (len > 0 && out[len - 1] == '\n')
        out[--len] = '\0';
    return out;
}

/* The text of an exercise's file without what lies between its markers. */
static char *outside_markers(const char *path)
{
    char *text = wb_read_file(path, NULL);
    cr_assert(text, "%s", wb_error());
    char *from = strstr(text, "/* ==== your code: from here");
    char *to = from ? strstr(from, "/* ==== your code: to here") : NULL;
    cr_assert(from && to, "%s has no markers around the place to work",
              path);
    cr_assert_null(strstr(to + 1, "/* ==== your code"),
                   "%s: one place to work, marked once", path);
    char *outside = wb_asprintf("%.*s%s", (int)(from - text), text, to);
    free(text);
    return outside;
}

Test(exercises, every_file_is_a_whole_exercise)
{
    size_t n, others, checks, solutions;
    char **names = c_files("exercises", &n, &others);
    cr_assert_eq(others, 0, "exercises/ holds only the exercises' files");
    cr_assert(n >= 10, "%zu exercises", n);
    int per_chapter[100] = {0};
    for (size_t i = 0; i < n; i++) {
        const char *name = names[i];
        int chapter, number, used = 0;
        cr_assert(sscanf(name, "%2d_%d_%*[a-z0-9_]%n", &chapter, &number,
                         &used) == 2 && used == (int)strlen(name) &&
                      strlen(name) <= NAME_MAX_LEN,
                  "exercises/%s.c: a name NN_K_WORDS of at most %d "
                  "characters", name, NAME_MAX_LEN);
        cr_assert(chapter > 0 && chapter < 100);
        per_chapter[chapter]++;
        cr_assert_eq(number, per_chapter[chapter], "exercises/%s.c: the "
                     "exercises of chapter %d are numbered from 1, in "
                     "order", name, chapter);
        char pattern[16];
        snprintf(pattern, sizeof pattern, "%02d_", chapter);
        cr_assert(count_entries(WB_SOURCE_DIR "/chapters", pattern) == 1,
                  "exercises/%s.c: there is no chapter %d", name, chapter);

        char *c = field(name, "Chapter"), *goal = field(name, "Goal");
        char *hint = field(name, "Hint");
        cr_assert_eq(atoi(c), chapter, "exercises/%s.c: Chapter: %s", name,
                     c);
        cr_assert(*goal && strlen(goal) <= GOAL_MAX_LEN, "exercises/%s.c: "
                  "a goal of one line, at most %d characters: '%s'", name,
                  GOAL_MAX_LEN, goal);
        cr_assert(strlen(hint) >= 40, "exercises/%s.c: a hint that says "
                  "something: '%s'", name, hint);
        free(c);
        free(goal);
        free(hint);

        char *path = wb_asprintf("%s/exercises/%s.c", WB_SOURCE_DIR, name);
        char *solution = wb_asprintf("%s/tests/exercises/solution/%s.c",
                                     WB_SOURCE_DIR, name);
        char *check = wb_asprintf("%s/tests/exercises/check/%s.c",
                                  WB_SOURCE_DIR, name);
        char *check_text = wb_read_file(check, NULL);
        cr_assert(check_text, "%s has no check (%s)", path, check);
        free(check_text);
        char *a = outside_markers(path), *b = outside_markers(solution);
        cr_assert_str_eq(a, b, "the solution %s differs from its exercise "
                         "outside the markers", solution);
        free(a);
        free(b);
        free(path);
        free(solution);
        free(check);
    }
    for (int k = 1; k < 100; k++) {
        char pattern[16];
        snprintf(pattern, sizeof pattern, "%02d_", k);
        if (count_entries(WB_SOURCE_DIR "/chapters", pattern) == 0)
            continue;
        cr_assert(per_chapter[k] >= 2 && per_chapter[k] <= 4,
                  "chapter %d has %d exercises, not 2 to 4", k,
                  per_chapter[k]);
    }

    /* Nothing beside them: a check or a solution without its exercise. */
    char **check_names = c_files("tests/exercises/check", &checks, &others);
    cr_assert_eq(others, 0, "tests/exercises/check/ holds only checks");
    char **solution_names = c_files("tests/exercises/solution", &solutions,
                                    &others);
    cr_assert_eq(others, 0, "tests/exercises/solution/ holds only "
                 "solutions");
    cr_assert_eq(checks, n, "a check for each exercise, and no other");
    cr_assert_eq(solutions, n, "a solution for each exercise, and no other");
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(check_names[i], names[i]);
        cr_assert_str_eq(solution_names[i], names[i]);
    }
    free_list(names);
    free_list(check_names);
    free_list(solution_names);
}

/* As shipped, an exercise builds, and its check says "not yet", what it
 * expected, what came out, and how to get the hint, which it keeps until
 * asked. (Checked through --source, so that the reader's record of it is
 * left alone.) */
Test(exercises, as_shipped_each_fails_its_check, .timeout = 0)
{
    size_t n, others;
    char **names = c_files("exercises", &n, &others);
    for (size_t i = 0; i < n; i++) {
        char *out;
        int rc = shell(&out, RUNNER " check %s --source exercises/%s.c",
                       names[i], names[i]);
        cr_assert_eq(rc, 1, "exercises/%s.c as shipped: status %d\n%s",
                     names[i], rc, out);
        cr_assert_null(strstr(out, "does not build"), "%s", out);
        cr_assert(strstr(out, "not yet: exercises/"), "%s", out);
        cr_assert(strstr(out, "expected"), "what was expected:\n%s", out);
        char *pointer = wb_asprintf("stuck? make hint EX=%s\n", names[i]);
        cr_assert(strstr(out, pointer), "how to get the hint:\n%s", out);
        cr_assert_null(strstr(out, "hint: "), "the hint, unasked:\n%s",
                       out);
        free(pointer);
        free(out);
    }
    free_list(names);
}

Test(exercises, every_solution_passes, .timeout = 0)
{
    size_t n, others;
    char **names = c_files("exercises", &n, &others);
    for (size_t i = 0; i < n; i++) {
        char *out;
        int rc = shell(&out, RUNNER " check %s --source "
                       "tests/exercises/solution/%s.c", names[i], names[i]);
        cr_assert_eq(rc, 0, "the solution of %s: status %d\n%s", names[i],
                     rc, out);
        cr_assert(strstr(out, "done! tests/exercises/solution/"), "%s", out);
        cr_assert_null(strstr(out, "hint:"), "%s", out);
        free(out);
    }
    free_list(names);
}

/* Checks a changed exercise: `from`, the file (exercises/NAME.c, or a
 * solution), with the first `old` in it replaced by `new`, written to a
 * folder of its own; `env`, variables for the runner. What the runner
 * printed goes to *out, the line of `new` in the file to *line. Returns
 * the runner's exit status. */
static int check_changed(char **out, int *line, const char *from,
                         const char *old, const char *new, const char *env)
{
    char *path = wb_asprintf("%s/%s", WB_SOURCE_DIR, from);
    char *src = wb_read_file(path, NULL);
    char *at = src ? strstr(src, old) : NULL;
    cr_assert(at, "%s has changed: no '%s' in it", from, old);
    *line = 1;
    for (const char *s = src; s < at; s++)
        *line += *s == '\n';
    char *changed = wb_asprintf("%.*s%s%s", (int)(at - src), src, new,
                                at + strlen(old));
    const char *name = strrchr(from, '/') + 1;
    char *copy = wb_path_join(test_dir("ex-changed"), name);
    cr_assert_eq(wb_write_file(copy, changed, strlen(changed)), 0);
    char number[8];
    snprintf(number, sizeof number, "%d.%d", atoi(name), atoi(name + 3));
    int rc = shell(out, "%s " RUNNER " check %s --source %s", env, number,
                   copy);
    free(path);
    free(src);
    free(changed);
    free(copy);
    return rc;
}

/* A mistake in the reader's code: the compiler's own message, naming the
 * reader's file and line, and no hint about the maths. */
Test(exercises, a_compile_error_points_at_the_line)
{
    char *out, where[64];
    int line;
    int rc = check_changed(&out, &line, "exercises/01_1_boundary.c",
                           "    *w = 1;", "    *w = 1 +;    /* no operand */",
                           "");
    cr_assert_eq(rc, 1, "%s", out);
    snprintf(where, sizeof where, "/01_1_boundary.c:%d:", line);
    cr_assert(strstr(out, where), "the compiler names %s\n%s", where, out);
    cr_assert(strstr(out, "error:"), "%s", out);
    cr_assert(strstr(out, "does not build"), "%s", out);
    cr_assert_null(strstr(out, "hint"), "%s", out);
    free(out);
}

/* Work in progress often leaves a parameter unused: a warning, and the
 * check runs. */
Test(exercises, an_unused_parameter_is_a_warning)
{
    char *out;
    int line;
    int rc = check_changed(&out, &line, "exercises/05_1_relu.c",
                           "    (void)z;\n", "", "");
    cr_assert_eq(rc, 1, "%s", out);
    cr_assert(strstr(out, "warning: unused parameter"), "%s", out);
    cr_assert_null(strstr(out, "error"), "%s", out);
    cr_assert(strstr(out, "not yet: ") && strstr(out, "does not pass its "
                                                      "check"), "%s", out);
    free(out);
}

/* log(1 + e^z) as it is written overflows for the check's large scores:
 * the check says so in words, not with an expected value computed from
 * the reader's own infinite f. */
Test(exercises, an_overflowing_objective_is_said_in_words)
{
    char *out;
    int line;
    int rc = check_changed(&out, &line,
                           "tests/exercises/solution/03_1_objective.c",
                           "z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))",
                           "log(1 + exp(z))", "");
    cr_assert_eq(rc, 1, "%s", out);
    cr_assert(strstr(out, "your f is inf\n"), "%s", out);
    cr_assert(strstr(out, "the objective overflows at z = 14853.4"), "%s",
              out);
    cr_assert_null(strstr(out, "nan"), "%s", out);
    free(out);
}

/* Memory the reader's code does not free: the leak's report names the
 * reader's line, not only the library's allocator. */
Test(exercises, a_leak_names_the_reader_s_line)
{
    char *out, where[64];
    int line;
    int rc = check_changed(&out, &line, "tests/exercises/solution/05_1_relu.c",
                           "    return z > 0 ? z : 0;",
                           "    wb_array *lost = wb_vector(3);    /* never "
                           "freed */\n    (void)lost;\n"
                           "    return z > 0 ? z : 0;", "");
    cr_assert_eq(rc, 1, "%s", out);
    cr_assert(strstr(out, "ERROR: LeakSanitizer"), "%s", out);
    /* "in relu DIR/05_1_relu.c:LINE", with or without a column */
    snprintf(where, sizeof where, "/05_1_relu.c:%d", line);
    const char *at = strstr(out, where);
    cr_assert(at && strchr(":\n", at[strlen(where)]),
              "the report names %s\n%s", where, out);
    cr_assert(strstr(out, "not yet: a sanitizer stopped the program"), "%s",
              out);
    free(out);
}

/* A loop that never ends is stopped at the time limit, and said so. */
Test(exercises, an_endless_loop_is_stopped)
{
    char *out;
    int line;
    int rc = check_changed(&out, &line, "exercises/05_1_relu.c",
                           "    return z;    /* the identity",
                           "    for (;;) {}\n    return z;    /* ",
                           "EXERCISE_TIME_LIMIT=2");
    cr_assert_eq(rc, 1, "%s", out);
    cr_assert(strstr(out, "Stopped after 2 seconds: does a loop never end?"),
              "%s", out);
    free(out);
}

/* A build tree whose library cannot be used is no mistake of the
 * reader's: the runner says what is wrong with the tree, and what to do,
 * and its status is not "not yet". */
Test(exercises, a_broken_build_tree_is_not_the_reader_s_fault)
{
    char *dir = test_dir("ex-tree"), *out;
    int rc = shell(&out, "ln -s %s/libworkbook.so %s/ && printf '%%s\\n' "
                   "'Name: workbook' 'Description: d' 'Version: 0' "
                   "'Cflags: -I%s/missing' 'Libs: -L%s -lworkbook' "
                   "> %s/workbook.pc", WB_BUILD_DIR, dir, dir, WB_BUILD_DIR,
                   dir);
    cr_assert_eq(rc, 0, "%s", out);
    free(out);
    rc = shell(&out, "%s/tools/exercises --build %s check 1.1 --source "
               "tests/exercises/solution/01_1_boundary.c", WB_SOURCE_DIR,
               dir);
    cr_assert_eq(rc, 2, "%s", out);
    char *says = wb_asprintf("exercises: a program that includes wb.h does "
                             "not build against the library of %s/ (wb.h: "
                             "No such file or directory): run make, then "
                             "this again\n", dir);
    cr_assert(strstr(out, says), "%s", out);
    cr_assert_null(strstr(out, "not yet"), "%s", out);
    free(says);
    free(out);
}

/* The hint, on request: the exercise's own, whole, its maths as the
 * notebook shows them (in Unicode, by the build's tools/term-text). */
Test(exercises, a_hint_on_request)
{
    char *hint, *out;
    cr_assert_eq(shell(&hint, RUNNER " field 3.1 Hint | '" WB_BUILD_DIR
                       "/tools/term-text'"), 0, "%s", hint);
    cr_assert_eq(shell(&out, RUNNER " hint 3.1"), 0, "%s", out);
    cr_assert(strstr(out, "== 03_1_objective (chapter 3)"), "%s", out);
    cr_assert(strstr(out, "\nhint: The derivative of log(1 + eᶻ) − yz"),
              "%s", out);
    cr_assert_null(strstr(out, "\\sigma"), "no TeX: %s", out);
    /* every word of it, in order, folded */
    const char *at = out;
    for (char *word = strtok(hint, " \n"); word; word = strtok(NULL, " \n")) {
        at = strstr(at, word);
        cr_assert(at, "the hint lacks '%s':\n%s", word, out);
    }
    free(hint);
    free(out);
}

/* Names: in full, by a start, by number; a wrong one is refused. */
Test(exercises, names_and_numbers)
{
    char *a = field("01_1_boundary", "Goal"), *b = field("01_1", "Goal");
    char *c = field("1.1", "Goal");
    cr_assert_str_eq(a, b);
    cr_assert_str_eq(a, c);
    char *out;
    cr_assert_eq(shell(&out, RUNNER " check 9.9"), 2, "%s", out);
    cr_assert(strstr(out, "no exercise '9.9'"), "%s", out);
    free(out);
    cr_assert_eq(shell(&out, RUNNER " check 0"), 2, "%s", out);
    cr_assert(strstr(out, "could be any of"), "%s", out);
    free(out);
    /* Text that is no name: one line, its control characters masked, and
     * nothing of it run. */
    cr_assert_eq(shell(&out, RUNNER " check \"$(printf 'a\\nb\\033[2J')\""),
                 2, "%s", out);
    cr_assert_str_eq(out, "exercises: no exercise 'a?b?[2J' (make exercises "
                     "lists them)\n");
    free(out);
    free(a);
    free(b);
    free(c);
}

/* A reader's first steps, in a copy of the exercises with a build tree of
 * its own (so that the reader's records are left alone): the list says
 * nothing is done and which is next; a right answer makes the check say
 * "done!", and the list then counts it and moves on; a change that breaks
 * it again makes it "not yet" again. */
Test(exercises, the_list_follows_the_checks, .timeout = 0)
{
    char *dir = test_dir("ex-reader"), *out;
    /* The build tree where this one is, within the copy: its workbook.pc
     * finds the headers from there. */
    cr_assert(strncmp(WB_BUILD_DIR, WB_SOURCE_DIR "/",
                      strlen(WB_SOURCE_DIR) + 1) == 0);
    char *build = wb_asprintf("%s/%s", dir,
                              WB_BUILD_DIR + strlen(WB_SOURCE_DIR) + 1);
    int rc = shell(&out, "mkdir -p %s/tools %s/tests %s && "
                   "cp tools/exercises %s/tools/ && cp -r exercises lib %s/ "
                   "&& cp -r tests/exercises %s/tests/ && "
                   "cp %s/workbook.pc %s/ && "
                   "ln -s %s/libworkbook.so %s/libworkbook.so.0 %s/",
                   dir, dir, build, dir, dir, dir, WB_BUILD_DIR, build,
                   WB_BUILD_DIR, WB_BUILD_DIR, build);
    cr_assert_eq(rc, 0, "%s", out);
    free(out);
    char *runner = wb_asprintf("%s/tools/exercises --build %s", dir, build);

    cr_assert_eq(shell(&out, "%s list", runner), 0, "%s", out);
    cr_assert(strstr(out, "not yet  01_1_boundary"), "%s", out);
    cr_assert(strstr(out, "\n0 of "), "%s", out);
    cr_assert(strstr(out, "Next: open exercises/01_1_boundary.c, then: make "
                          "exercise EX=01_1_boundary"), "%s", out);
    free(out);

    rc = shell(&out, "%s check", runner);
    cr_assert_eq(rc, 1, "with no name, the next one is checked:\n%s", out);
    cr_assert(strstr(out, "== 01_1_boundary"), "%s", out);
    free(out);

    rc = shell(&out, "cp tests/exercises/solution/01_1_boundary.c "
               "%s/exercises/ && %s check 1.1", dir, runner);
    cr_assert_eq(rc, 0, "%s", out);
    cr_assert(strstr(out, "done! exercises/01_1_boundary.c passes"), "%s",
              out);
    cr_assert(strstr(out, "1 of "), "%s", out);
    cr_assert(strstr(out, "Next: open exercises/01_2_log_odds.c"), "%s",
              out);
    free(out);

    cr_assert_eq(shell(&out, "%s list", runner), 0, "%s", out);
    cr_assert(strstr(out, "done     01_1_boundary"), "%s", out);
    cr_assert(strstr(out, "\n1 of "), "%s", out);
    cr_assert(strstr(out, "Next: open exercises/01_2_log_odds.c"), "%s",
              out);
    free(out);
    rc = shell(&out, "test -f %s/exercises/01_1_boundary.status && "
               "test -z \"$(cd %s && find exercises tests -newer "
               "tools/exercises -name '*.status')\"", build, dir);
    cr_assert_eq(rc, 0, "the records are kept in the build tree, and only "
                 "there:\n%s", out);
    free(out);

    /* Broken again, without running the check: the list sees it. */
    rc = shell(&out, "sed -i 's/2 \\* log(9)/3 * log(9)/' "
               "%s/exercises/01_1_boundary.c && %s list", dir, runner);
    cr_assert_eq(rc, 0, "%s", out);
    cr_assert(strstr(out, "not yet  01_1_boundary"), "%s", out);
    cr_assert(strstr(out, "\n0 of "), "%s", out);
    free(out);
    free(runner);
    free(build);
}

/* Watching needs a file watcher; without one, the runner says how to get
 * one, and how to do without. */
Test(exercises, watching_without_a_watcher_says_what_to_install)
{
    char *dir = test_dir("ex-path"), *out;
    /* Every program of /usr/bin but the two watchers. */
    int rc = shell(&out, "for f in /usr/bin/*; do case ${f##*/} in "
                   "inotifywait|entr) ;; *) ln -s \"$f\" %s/ ;; esac; done",
                   dir);
    cr_assert_eq(rc, 0, "%s", out);
    free(out);
    rc = shell(&out, "PATH=%s " RUNNER " watch 1.1", dir);
    cr_assert_eq(rc, 2, "%s", out);
    cr_assert(strstr(out, "apt-get install inotify-tools"), "%s", out);
    cr_assert(strstr(out, "make exercise EX=01_1_boundary"), "%s", out);
    free(out);
}

/* A memory error in the reader's code: the sanitizer's report, naming the
 * reader's file and line, and "not yet". */
Test(exercises, a_memory_error_is_reported_where_it_is)
{
    char *dir = test_dir("ex-overflow");
    char *src = wb_read_file(WB_SOURCE_DIR "/exercises/02_3_grid_index.c",
                             NULL);
    char *from = src ? strstr(src, "static size_t grid_index(") : NULL;
    char *to = from ? strstr(from, "/* ==== your code: to here") : NULL;
    cr_assert(to, "exercises/02_3_grid_index.c has changed");
    int line = 4;    /* the line of the read below, in the function */
    for (const char *s = src; s < from; s++)
        line += *s == '\n';
    char *broken = wb_asprintf(
        "%.*sstatic size_t grid_index(double x1, double x2)\n{\n"
        "    static const size_t first[NPOINTS] = {0};\n"
        "    return first[(size_t)lround((x1 - XMIN) / 0.24) + NPOINTS] + "
        "(size_t)x2;\n}\n\n%s", (int)(from - src), src, to);
    char *path = wb_path_join(dir, "02_3_grid_index.c");
    cr_assert_eq(wb_write_file(path, broken, strlen(broken)), 0);
    char *out, where[256];
    int rc = shell(&out, RUNNER " check 2.3 --source %s", path);
    cr_assert_eq(rc, 1, "%s", out);
    snprintf(where, sizeof where, "%s:%d:", path, line);
    cr_assert(strstr(out, where), "the report names %s\n%s", where, out);
    cr_assert(strstr(out, "not yet: a sanitizer stopped the program"), "%s",
              out);
    free(out);
    free(src);
    free(broken);
    free(path);
}
