/* Tests of wb_runtime: the command line every chapter shares, running
 * steps, --only, --book, --step without a terminal, --json. A small chapter
 * is defined here, with its literate source written to a temporary file. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <sys/file.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "wb.h"

static const char *source_text =
    "/*md\n# A test chapter\n*/\n"
    "/*md\n## Count to three\nThe first step counts.\n*/\n"
    "static int count(wb_run *run)\n{\n}\n"
    "/*md\n## Use the count\nThe second step uses it.\n\n"
    "@code:lib/maths.c:square\n*/\n"
    "static int use(wb_run *run)\n{\n}\n"
    "/*md\n## Maybe fail\n*/\n"
    "static int maybe_fail(wb_run *run)\n{\n}\n";

/* The chapter's parameters and state. */
static double w = 1;
static long n = 3;
static const char *data = "none";
static bool loud;
static int counted;
static bool fail_last;
static int ran[3];      /* how many times each step ran */

static int count(wb_run *run)
{
    /* Arrays the run owns: freed when it ends, whatever the steps do (the
     * sanitized build would report a leak). */
    wb_array *a = wb_keep(run, wb_vector(10));
    if (!a || wb_keep(run, (wb_array *)NULL) != NULL ||
        !wb_keep(run, wb_logreg_create(2, NULL)))
        return wb_fail("wb_keep");
    ran[0]++;
    for (counted = 0; counted < n; counted++)
        printf("count %d\n", counted + 1);
    return 0;
}

static int use(wb_run *run)
{
    ran[1]++;
    printf("counted %d, w = %g, data = %s, loud = %d, seed = %llu\n",
           counted, w, data, loud, (unsigned long long)run->seed);
    printf("a random number: %.17g\n", wb_rng_uniform(&run->rng, 0, 1));
    if (!wb_keep(run, wb_linspace(0, 1, 5)))
        return -1;
    return wb_diagram_neuron(&run->out, "fig_a", "A figure\twith a tab.");
}

static int maybe_fail(wb_run *run)
{
    (void)run;
    ran[2]++;
    if (fail_last)
        return wb_fail("the last step failed on purpose");
    printf("done\n");
    return 0;
}

static int json(wb_run *run, FILE *out)
{
    (void)run;
    fprintf(out, "{\"counted\": %d}\n", counted);
    return 0;
}

static const wb_step steps[] = {WB_STEP(count), WB_STEP(use),
                                WB_STEP(maybe_fail), {0}};
static const wb_option options[] = {
    {"w", WB_OPT_DOUBLE, &w, "W", "a weight", -10, 10},
    {"n", WB_OPT_INT, &n, "N", "how far to count", 0, 100},
    {"data", WB_OPT_STRING, &data, "FILE", "a data file", 0, 0},
    {"loud", WB_OPT_FLAG, &loud, NULL, "be loud", 0, 0},
    {0}};

static const char *library_text =
    "#include <math.h>\n"
    "/* region square */\n"
    "double square(double x)\n"
    "{\n"
    "    return x * x;\n"
    "}\n"
    "/* endregion square */\n";

static char *dir;
static char source[96];
static wb_chapter chapter = {
    .slug = "00_test",
    .summary = "A chapter for testing the runtime.",
    .steps = steps,
    .options = options,
    .json = json,
};

static void setup(void)
{
    char lib[96];
    dir = test_dir("runtime");
    /* The workbook's layout: DIR/chapters/00_test.c, DIR/lib/maths.c. */
    snprintf(source, sizeof source, "%s/chapters", dir);
    snprintf(lib, sizeof lib, "%s/lib", dir);
    cr_assert_eq(wb_mkdirs(source), 0);
    cr_assert_eq(wb_mkdirs(lib), 0);
    snprintf(source, sizeof source, "%s/chapters/00_test.c", dir);
    snprintf(lib, sizeof lib, "%s/lib/maths.c", dir);
    cr_assert_eq(wb_write_file(source, source_text, strlen(source_text)), 0);
    cr_assert_eq(wb_write_file(lib, library_text, strlen(library_text)), 0);
    chapter.source = source;
}

/* The texts every run() returned, freed after the test. */
static char *texts[64];
static size_t ntexts;

static void teardown(void)
{
    for (size_t i = 0; i < ntexts; i++)
        free(texts[i]);
}

TestSuite(runtime, .init = setup, .fini = teardown);

/* What a call of wb_main printed, and its status. */
typedef struct result {
    int status;
    char *out, *err;
} result;

static result run(int argc, const char **argv)
{
    char outp[128], errp[128];
    result r;
    int so = dup(1), se = dup(2);
    snprintf(outp, sizeof outp, "%s/stdout", dir);
    snprintf(errp, sizeof errp, "%s/stderr", dir);
    int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fi = open("/dev/null", O_RDONLY);
    int si = dup(0);
    fflush(stdout);
    fflush(stderr);
    dup2(fo, 1);
    dup2(fe, 2);
    dup2(fi, 0);    /* never a terminal: --step must not wait */
    r.status = wb_main(&chapter, argc, (char **)argv);
    fflush(stdout);
    fflush(stderr);
    dup2(so, 1);
    dup2(se, 2);
    dup2(si, 0);
    close(fo);
    close(fe);
    close(fi);
    close(so);
    close(se);
    close(si);
    r.out = wb_read_file(outp, NULL);
    r.err = wb_read_file(errp, NULL);
    cr_assert(r.out && r.err);
    cr_assert(ntexts + 2 <= sizeof texts / sizeof *texts);
    texts[ntexts++] = r.out;
    texts[ntexts++] = r.err;
    return r;
}

#define RUN(...)                                                         \
    run(sizeof((const char *[]){"00_test", __VA_ARGS__}) /                \
            sizeof(const char *),                                          \
        (const char *[]){"00_test", __VA_ARGS__})

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* A bad command line: status 2, nothing on stdout, one line on stderr that
 * contains `what`. */
static void assert_usage_error(result r, const char *what)
{
    cr_assert_eq(r.status, 2, "status %d for '%s'", r.status, what);
    cr_assert_str_eq(r.out, "");
    cr_assert_eq(lines(r.err), 1, "stderr: %s", r.err);
    cr_assert(strstr(r.err, what), "expected '%s' in: %s", what, r.err);
    cr_assert(strncmp(r.err, "00_test: ", 9) == 0, "%s", r.err);
    cr_assert(strstr(r.err, "--help"), "a hint at --help: %s", r.err);
}

Test(runtime, help_lists_every_option)
{
    result r = RUN("--help");
    cr_assert_eq(r.status, 0);
    const char *all[] = {"--step", "--only STEP", "--list", "--seed N",
                         "--out DIR", "--format LIST", "--book", "--quiet",
                         "--json", "--help", "--version", "--w W",
                         "--n N", "--data FILE", "--loud",
                         "A chapter for testing the runtime."};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        cr_assert(strstr(r.out, all[i]), "--help lacks '%s':\n%s", all[i],
                  r.out);
    cr_assert(strstr(r.out, "(default 1)"), "defaults shown:\n%s", r.out);
    cr_assert(strstr(r.out, "figures/00_test"), "%s", r.out);
    cr_assert_str_eq(r.err, "");
}

Test(runtime, version)
{
    result r = RUN("--version");
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "00_test (workbook) " WB_VERSION), "%s", r.out);
}

Test(runtime, bad_command_lines)
{
    assert_usage_error(RUN("--bogus"), "unknown option '--bogus'");
    assert_usage_error(RUN("-x"), "unexpected argument '-x'");
    assert_usage_error(RUN("stray"), "unexpected argument 'stray'");
    assert_usage_error(RUN("--seed"), "'--seed' needs a value");
    assert_usage_error(RUN("--seed", "abc"), "--seed: 'abc'");
    assert_usage_error(RUN("--seed", "-1"), "--seed: '-1'");
    assert_usage_error(RUN("--seed", "18446744073709551616"),
                       "larger than");
    assert_usage_error(RUN("--w", "x"), "--w: 'x' is not a number");
    assert_usage_error(RUN("--w", "1e999"), "--w: '1e999' is out of range");
    assert_usage_error(RUN("--w", "nan"), "--w: 'nan' is not a number");
    assert_usage_error(RUN("--w=11"), "--w: 11 is not between -10 and 10");
    assert_usage_error(RUN("--w", "2x"), "--w: '2x' is not a number");
    assert_usage_error(RUN("--n", "2.5"), "--n: '2.5' is not a whole number");
    assert_usage_error(RUN("--data="), "--data: an empty value");
    assert_usage_error(RUN("--loud=yes"), "'--loud' takes no value");
    assert_usage_error(RUN("--only", "nope"), "there is no step 'nope'");
    assert_usage_error(RUN("--only", "0"), "there is no step '0'");
    assert_usage_error(RUN("--only", "4"), "there is no step '4'");
    assert_usage_error(RUN("--only", "2x"), "there is no step '2x'");
    assert_usage_error(RUN("--from", "nope"), "--from: there is no step");
    assert_usage_error(RUN("--from"), "'--from' needs a value");
    assert_usage_error(RUN("--only", "use", "--from", "count"),
                       "--only and --from do not go together");
    assert_usage_error(RUN("--format", "png,gif"),
                       "'gif' is not one of png, pdf, svg");
    assert_usage_error(RUN("--format", ""), "an empty name in the list");
    assert_usage_error(RUN("--out="), "--out: an empty folder name");
    assert_usage_error(RUN("--step", "--json"), "do not go together");
    /* --step, --quiet, --json and --book each choose how the steps are
     * shown: one at most */
    assert_usage_error(RUN("--quiet", "--book"),
                       "--quiet and --book do not go together");
    assert_usage_error(RUN("--json", "--step"),
                       "--json and --step do not go together");
    assert_usage_error(RUN("--book", "--json"),
                       "--book and --json do not go together");
    assert_usage_error(RUN("--step", "--quiet"),
                       "--step and --quiet do not go together");
}

/* A message that quotes the command line stays one line: what it quotes
 * has its control characters (a newline, an escape) shown as '?'. */
Test(runtime, a_quoted_word_keeps_the_message_on_one_line)
{
    assert_usage_error(RUN("--only", "sam\nple"), "no step 'sam?ple'");
    assert_usage_error(RUN("--from", "a\nb"), "no step 'a?b'");
    assert_usage_error(RUN("--x\ny"), "unknown option '--x?y'");
    assert_usage_error(RUN("stray\n"), "unexpected argument 'stray?'");
    assert_usage_error(RUN("--w", "1\n2"), "--w: '1?2' is not a number");
    assert_usage_error(RUN("--seed", "\0331"), "--seed: '?1'");
    assert_usage_error(RUN("--format", "png,\ngif"), "'?gif' is not one");
    assert_usage_error(RUN("--only", "a\xc2\x9b" "b"), "no step 'a?b'");
}

Test(runtime, options_set_the_parameters)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--w=2.5", "--n", "4", "--data", "x.csv", "--loud", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "count 4\n"), "%s", r.out);
    cr_assert(strstr(r.out, "counted 4, w = 2.5, data = x.csv, loud = 1"),
              "%s", r.out);
}

Test(runtime, runs_every_step_in_order_with_titles)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN(out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *a = strstr(r.out, "[1/3] Count to three");
    const char *b = strstr(r.out, "[2/3] Use the count");
    const char *c = strstr(r.out, "[3/3] Maybe fail");
    cr_assert(a && b && c && a < b && b < c, "%s", r.out);
    cr_assert(strstr(r.out, "done\n"));
}

Test(runtime, list_shows_the_steps)
{
    result r = RUN("--list");
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, " 1  count       Count to three\n"), "%s", r.out);
    cr_assert(strstr(r.out, " 3  maybe_fail  Maybe fail\n"), "%s", r.out);
}

Test(runtime, only_runs_the_steps_before_silently)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--only", "use", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, "count 1"), "%s", r.out);
    cr_assert(strstr(r.out, "counted 3"), "the state is there:\n%s", r.out);
    cr_assert_null(strstr(r.out, "done"), "later steps do not run");
}

/* --skip leaves steps out; one that a later step needs runs silently. */
Test(runtime, skip_leaves_steps_out)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    memset(ran, 0, sizeof ran);
    result r = RUN("--skip", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(ran[2], 0, "the skipped step does not run");
    cr_assert_null(strstr(r.out, "done"), "%s", r.out);
    cr_assert(strstr(r.out, "count 1") && strstr(r.out, "counted 3"), "%s",
              r.out);

    memset(ran, 0, sizeof ran);
    r = RUN("--skip", "1,3", out);       /* use needs count: it runs */
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(ran[0], 1, "a needed step runs");
    cr_assert_null(strstr(r.out, "count 1"), "silently:\n%s", r.out);
    cr_assert(strstr(r.out, "counted 3"), "the state is there:\n%s", r.out);
    cr_assert_eq(ran[2], 0);
}

Test(runtime, skip_names_steps)
{
    const char *bad[][2] = {{"nope", "no step 'nope'"},
                            {"use,,count", "not a list of steps"},
                            {"4", "no step '4'"},
                            {"", "not a list of steps"}};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        result r = RUN("--skip", bad[i][0]);
        cr_assert_eq(r.status, 2, "--skip %s", bad[i][0]);
        cr_assert(strstr(r.err, bad[i][1]), "--skip %s: %s", bad[i][0],
                  r.err);
        cr_assert_eq(strchr(r.err, '\n'), r.err + strlen(r.err) - 1,
                     "one line: %s", r.err);
    }
}

/* A step is named by its name or by its number in --list. */
Test(runtime, steps_by_number)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--only", "2", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, "count 1"), "%s", r.out);
    cr_assert(strstr(r.out, "[2/3] Use the count"), "%s", r.out);
    cr_assert(strstr(r.out, "counted 3"), "%s", r.out);
    cr_assert_null(strstr(r.out, "done"), "%s", r.out);
}

/* --from starts part-way: the steps before run silently, the ones after
 * as usual. */
Test(runtime, from_starts_part_way)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--from", "use", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, "[1/3]"), "%s", r.out);
    cr_assert_null(strstr(r.out, "count 1"), "%s", r.out);
    cr_assert(strstr(r.out, "[2/3] Use the count"), "%s", r.out);
    cr_assert(strstr(r.out, "counted 3"), "the state is there:\n%s", r.out);
    cr_assert(strstr(r.out, "[3/3] Maybe fail"), "%s", r.out);
    cr_assert(strstr(r.out, "done"), "%s", r.out);

    /* in the notebook, nothing before it: no introduction */
    setenv("WB_GRAPHICS", "none", 1);
    r = RUN("--step", "--from", "3", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, "A test chapter"), "%s", r.out);
    cr_assert_null(strstr(r.out, "Step 2 of 3"), "%s", r.out);
    cr_assert(strstr(r.out, "Step 3 of 3: Maybe fail"), "%s", r.out);
}

Test(runtime, help_shows_the_keys)
{
    result r = RUN("--help");
    const char *keys[] = {"--from STEP", "Enter  run the step",
                          "Space  the next page", "e      edit the chapter",
                          "a      run all the rest", "q      quit"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        cr_assert(strstr(r.out, keys[i]), "--help lacks '%s':\n%s", keys[i],
                  r.out);
}

Test(runtime, the_seed_sets_the_random_numbers)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result a = RUN(out), b = RUN(out), c = RUN(out, "--seed", "2");
    const char *ra = strstr(a.out, "a random number"),
               *rb = strstr(b.out, "a random number"),
               *rc = strstr(c.out, "a random number");
    cr_assert(ra && rb && rc);
    cr_assert(strncmp(ra, rb, 40) == 0, "same seed, same numbers");
    cr_assert(strncmp(ra, rc, 40) != 0, "another seed, other numbers");
}

Test(runtime, a_failing_step_is_reported)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    fail_last = true;
    result r = RUN(out);
    cr_assert_eq(r.status, 1);
    cr_assert_str_eq(r.err, "00_test: step maybe_fail: the last step failed "
                            "on purpose\n");
}

Test(runtime, quiet_prints_nothing)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN(out, "--quiet");
    cr_assert_eq(r.status, 0);
    cr_assert_str_eq(r.out, "");
}

Test(runtime, book_mode_keeps_outputs_and_writes_a_manifest)
{
    char out[128], path[160];
    snprintf(out, sizeof out, "%s/figs", dir);
    result r = RUN("--book", "--out", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "", "book mode prints into files");
    snprintf(path, sizeof path, "%s/count.out", out);
    char *text = wb_read_file(path, NULL);
    cr_assert_str_eq(text, "count 1\ncount 2\ncount 3\n");
    free(text);
    snprintf(path, sizeof path, "%s/manifest.tsv", out);
    text = wb_read_file(path, NULL);
    cr_assert(text, "%s", wb_error());
    cr_assert(strstr(text, "chapter\t00_test\t1\n"), "%s", text);
    const char *s1 = strstr(text, "step\tcount\tcount.out\n");
    const char *s2 = strstr(text, "step\tuse\tuse.out\n");
    const char *f = strstr(text, "figure\tuse\tfig_a\tA figure with a tab.\n");
    const char *s3 = strstr(text, "step\tmaybe_fail\tmaybe_fail.out\n");
    cr_assert(s1 && s2 && f && s3 && s1 < s2 && s2 < f && f < s3, "%s",
              text);
    free(text);
}

Test(runtime, book_mode_refuses_a_source_that_disagrees)
{
    const char *bad = "/*md\n## Only one\n*/\n"
                      "static int count(wb_run *run)\n{\n}\n";
    char out[128];
    cr_assert_eq(wb_write_file(source, bad, strlen(bad)), 0);
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--book", out);
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.err, "'use'"), "%s", r.err);
}

Test(runtime, step_mode_without_a_terminal_does_not_wait)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    setenv("WB_GRAPHICS", "none", 1);
    result r = RUN("--step", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "Step 1 of 3: Count to three"), "%s", r.out);
    cr_assert(strstr(r.out, "A test chapter\n"), "the introduction:\n%s",
              r.out);
    cr_assert(strstr(r.out, "The first step counts."), "the prose:\n%s",
              r.out);
    cr_assert(strstr(r.out, "static int count(wb_run *run)"),
              "the code:\n%s", r.out);
    cr_assert(strstr(r.out, "Figure fig_a"), "its figure:\n%s", r.out);
    cr_assert(strstr(r.out, "lib/maths.c, lines 3 to 6:\n"),
              "the library code it shows:\n%s", r.out);
    cr_assert(strstr(r.out, "    5 │     return x * x;\n"), "%s", r.out);
    cr_assert_null(strstr(r.out, "@code"), "%s", r.out);
    cr_assert(strstr(r.out, "done"), "ran to the end:\n%s", r.out);
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");

    /* a step left out is read, and said not to run */
    r = RUN("--step", "--skip", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "(Step 3 of 3 is left out: --skip.)"), "%s",
              r.out);
    cr_assert_null(strstr(r.out, "done"), "it did not run:\n%s", r.out);
}

Test(runtime, json_prints_only_the_summary)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--json", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "{\"counted\": 3}\n");
}

Test(runtime, json_only_when_the_chapter_has_it)
{
    chapter.json = NULL;
    assert_usage_error(RUN("--json"), "unknown option '--json'");
    result r = RUN("--help");
    cr_assert_null(strstr(r.out, "--json"), "%s", r.out);
}

/* ---- what book mode records, and who writes where ---------------------- */

/* The manifest records the chapter's parameters, and which the command line
 * set, so that the book can refuse a run made with other settings. */
Test(runtime, the_manifest_records_the_parameters)
{
    char out[128], path[160];
    snprintf(out, sizeof out, "%s/figs", dir);
    result r = RUN("--book", "--out", out, "--w", "2.5", "--seed", "7");
    cr_assert_eq(r.status, 0, "%s", r.err);
    snprintf(path, sizeof path, "%s/manifest.tsv", out);
    char *text = wb_read_file(path, NULL);
    cr_assert(text, "%s", wb_error());
    cr_assert(strstr(text, "param\tseed\t7\tgiven\n"), "%s", text);
    cr_assert(strstr(text, "param\tw\t2.5\tgiven\n"), "%s", text);
    cr_assert(strstr(text, "param\tn\t3\n"), "the default: %s", text);
    cr_assert(strstr(text, "param\tloud\tfalse\n"), "%s", text);
    free(text);
}

/* A --book --only run does not leave the manifest of an earlier full run
 * beside outputs of other settings: only a full run writes one. */
Test(runtime, a_partial_book_run_leaves_no_manifest)
{
    char out[128], path[160];
    snprintf(out, sizeof out, "%s/figs", dir);
    snprintf(path, sizeof path, "%s/manifest.tsv", out);
    cr_assert_eq(RUN("--book", "--out", out).status, 0);
    cr_assert(access(path, F_OK) == 0);
    result r = RUN("--book", "--out", out, "--seed", "9", "--only", "use");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_neq(access(path, F_OK), 0, "the old manifest is still there");
    cr_assert_eq(RUN("--book", "--out", out).status, 0);
    r = RUN("--book", "--out", out, "--skip", "maybe_fail");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_neq(access(path, F_OK), 0, "a run with --skip is partial");
}

/* Two runs into one folder at once would mix their files: the second is
 * refused, with one line, while the first holds the folder. */
Test(runtime, a_busy_folder_is_refused)
{
    char out[128];
    snprintf(out, sizeof out, "%s/figs", dir);
    cr_assert_eq(wb_mkdirs(out), 0);
    int fd = open(out, O_RDONLY | O_DIRECTORY);
    cr_assert(fd >= 0 && flock(fd, LOCK_EX) == 0);
    result r = RUN("--out", out);
    cr_assert_eq(r.status, 1);
    cr_assert_eq(lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "being written by another run"), "%s", r.err);
    close(fd);
    cr_assert_eq(RUN("--out", out).status, 0, "free again");
}

/* Numbers have one syntax for every option. */
Test(runtime, numbers_are_read_one_way)
{
    const char *bad_real[] = {"0x10", " 5", "5 ", "5e", "inf", "nan", "1,5",
                              "", "--", "1e400"};
    for (size_t i = 0; i < sizeof bad_real / sizeof *bad_real; i++)
        assert_usage_error(RUN("--w", bad_real[i]), "--w: '");
    const char *bad_whole[] = {"0x10", "1.5", "1e2", " 3", "+", "99999999999"
                               "999999999999"};
    for (size_t i = 0; i < sizeof bad_whole / sizeof *bad_whole; i++)
        assert_usage_error(RUN("--n", bad_whole[i]), "--n: '");
    assert_usage_error(RUN("--seed", "-1"), "--seed: '-1'");
    assert_usage_error(RUN("--seed", "0x10"), "--seed: '0x10'");
    /* and what they accept */
    cr_assert_eq(RUN("--w", "+2", "--list").status, 0);
    cr_assert_eq(RUN("--w", "1e-310", "--list").status, 0, "a subnormal "
                 "is a number");
    cr_assert_eq(RUN("--w", ".5", "--list").status, 0);
    cr_assert_eq(RUN("--n", "+5", "--list").status, 0);
    cr_assert_eq(RUN("--seed", "+5", "--list").status, 0, "as --n");
}

/* ---- what a run needs ------------------------------------------------------ */

/* The same steps, with their needs: use reads count's work, maybe_fail
 * reads nothing; the JSON reads count's. */
static const wb_step needing[] = {WB_STEP(count), WB_STEP_NEEDS(use, count),
                                  WB_STEP_NEEDS(maybe_fail, ), {0}};

static void assert_ran(int count, int use, int maybe_fail)
{
    cr_assert(ran[0] == count && ran[1] == use && ran[2] == maybe_fail,
              "ran count %d, use %d, maybe_fail %d times; expected %d, %d, "
              "%d", ran[0], ran[1], ran[2], count, use, maybe_fail);
    ran[0] = ran[1] = ran[2] = 0;
}

Test(runtime, a_step_not_needed_is_not_run)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    chapter.steps = needing;
    chapter.json_needs = WB_NEEDS(count);

    result r = RUN("--only", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "[3/3] Maybe fail\ndone\n\n");
    assert_ran(0, 0, 1);

    r = RUN("--only", "use", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_null(strstr(r.out, "count 1"), "run silently:\n%s", r.out);
    cr_assert(strstr(r.out, "counted 3"), "its state is there:\n%s", r.out);
    assert_ran(1, 1, 0);

    r = RUN("--json", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "{\"counted\": 3}\n");
    assert_ran(1, 0, 0);

    /* --from shows the steps from there, and runs what they need */
    r = RUN("--from", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(0, 0, 1);

    /* the plain run and the notebook run every step, in order */
    r = RUN(out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(1, 1, 1);
    setenv("WB_GRAPHICS", "none", 1);
    r = RUN("--step", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(1, 1, 1);
}

/* A step that several others need runs once, before them. */
Test(runtime, a_needed_step_runs_once)
{
    static const wb_step twice[] = {WB_STEP(count), WB_STEP_NEEDS(use, count),
                                    WB_STEP_NEEDS(maybe_fail, count, use),
                                    {0}};
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    chapter.steps = twice;
    chapter.json_needs = WB_NEEDS(use, count);

    result r = RUN("--only", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "[3/3] Maybe fail\ndone\n\n");
    assert_ran(1, 1, 1);

    r = RUN("--json", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(1, 1, 0);
}

/* Without needs, a step needs every step before it: as a notebook's "run
 * all above". */
Test(runtime, a_step_without_needs_needs_every_step_before_it)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--only", "maybe_fail", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_str_eq(r.out, "[3/3] Maybe fail\ndone\n\n");
    assert_ran(1, 1, 1);
    r = RUN("--json", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(1, 1, 1);
}

/* A name in the needs that is no earlier step stops every run at the
 * start, with one line, before any step runs. */
Test(runtime, an_unknown_need_is_refused_at_the_start)
{
    static const wb_step typo[] = {WB_STEP(count), WB_STEP_NEEDS(use, cuont),
                                   WB_STEP(maybe_fail), {0}};
    static const wb_step later[] = {WB_STEP_NEEDS(count, use), WB_STEP(use),
                                    WB_STEP(maybe_fail), {0}};
    const struct {
        const wb_step *steps;
        const char *json_needs, *message;
    } cases[] = {
        {typo, NULL, "00_test: step use needs 'cuont', which is no step "
                     "before it\n"},
        {later, NULL, "00_test: step count needs 'use', which is no step "
                      "before it\n"},
        {needing, "count, sue", "00_test: the JSON needs 'sue', which is no "
                                "step of the chapter\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        chapter.steps = cases[i].steps;
        chapter.json_needs = cases[i].json_needs;
        const char *modes[] = {"--quiet", "--json", "--list"};
        for (size_t m = 0; m < 3; m++) {
            result r = RUN(modes[m]);
            cr_assert_eq(r.status, 1, "%s: status %d", modes[m], r.status);
            cr_assert_str_eq(r.out, "");
            cr_assert_str_eq(r.err, cases[i].message);
            assert_ran(0, 0, 0);
        }
    }
}

/* What a step needs is read from its names, with or without spaces. */
Test(runtime, needs_are_names_separated_by_commas)
{
    static const wb_step spaced[] = {
        WB_STEP(count), WB_STEP(use),
        {"maybe_fail", maybe_fail, " use ,count "}, {0}};
    chapter.steps = spaced;
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    result r = RUN("--only", "3", out);
    cr_assert_eq(r.status, 0, "%s", r.err);
    assert_ran(1, 1, 1);
}

/* The JSON is the same whether the steps it does not need run or not:
 * --json --from 1 runs every step, silently, before it. */
Test(runtime, the_json_is_the_same_after_every_step)
{
    char out[128];
    snprintf(out, sizeof out, "--out=%s/figs", dir);
    chapter.steps = needing;
    chapter.json_needs = WB_NEEDS(count);
    result few = RUN("--json", out);
    assert_ran(1, 0, 0);
    result all = RUN("--json", "--from", "1", out);
    assert_ran(1, 1, 1);
    cr_assert_eq(few.status, 0, "%s", few.err);
    cr_assert_eq(all.status, 0, "%s", all.err);
    cr_assert_str_eq(few.out, all.out);
}

/* ---- jobs side by side (wb_run_each) ---------------------------------- */

/* Each job writes its own slot, keeps an array, and counts itself. */
typedef struct job_table {
    double slot[1000];
    atomic_int calls;
    size_t fail_at[2];      /* jobs that fail; 1000: none */
} job_table;

static int square_job(wb_run *run, size_t i, void *ctx)
{
    job_table *t = ctx;
    atomic_fetch_add(&t->calls, 1);
    if (i == t->fail_at[0] || i == t->fail_at[1])
        return wb_fail("job %zu failed", i);
    wb_array *a = wb_keep(run, wb_vector(1));
    if (!a)
        return -1;
    a->data[0] = (double)i;
    t->slot[i] = (double)i * (double)i;
    return 0;
}

/* Frees what the run kept, as the run does when it ends. */
static void free_kept(wb_run *r)
{
    for (size_t k = 0; k < r->nkept; k++)
        r->kept[k].destroy(r->kept[k].thing);
    free(r->kept);
}

Test(runtime, jobs_each_run_once_and_keep_what_they_make)
{
    static job_table t = {.fail_at = {1000, 1000}};
    wb_run r = {.progress_fd = -1};
    cr_assert_eq(wb_run_each(&r, 1000, square_job, &t), 0, "%s", wb_error());
    cr_assert_eq(atomic_load(&t.calls), 1000);
    for (size_t i = 0; i < 1000; i++)
        cr_assert_eq(t.slot[i], (double)i * (double)i, "slot %zu", i);
    cr_assert_eq(r.nkept, 1000, "every job's array kept");
    double sum = 0;     /* each job's array, once: 0 + 1 + ... + 999 */
    for (size_t k = 0; k < r.nkept; k++)
        sum += ((wb_array *)r.kept[k].thing)->data[0];
    cr_assert_eq(sum, 999.0 * 1000 / 2);
    free_kept(&r);
}

Test(runtime, jobs_report_the_first_failure_and_stop)
{
    static job_table t = {.fail_at = {4, 3}};
    wb_run r = {.progress_fd = -1};
    cr_assert_eq(wb_run_each(&r, 1000, square_job, &t), -1);
    cr_assert_str_eq(wb_error(), "job 3 failed");
    cr_assert_lt(atomic_load(&t.calls), 1000, "the jobs after it not run");
    free_kept(&r);
}

Test(runtime, no_jobs_is_nothing_to_do)
{
    static job_table t = {.fail_at = {0, 0}};
    wb_run r = {.progress_fd = -1};
    cr_assert_eq(wb_run_each(&r, 0, square_job, &t), 0);
    cr_assert_eq(atomic_load(&t.calls), 0);
}
