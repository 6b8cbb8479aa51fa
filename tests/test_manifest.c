/* Tests of the manifest (lib/wb_manifest.c): a run's manifest is read as
 * it was written, and nothing in a hostile one reaches the book. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "wb_core.h"
#include "wb_manifest.h"

static const char *good =
    "# The steps and figures of a run of 01_x, for the weaver.\n"
    "chapter\t01_x\t1\n"
    "param\tw\t2\n"
    "param\tseed\t7\tgiven\n"
    "step\tfirst\tfirst.out\n"
    "figure\tfirst\tcurve\tA curve, $y = x^2$.\n"
    "figure\tfirst\tempty\t\n"
    "step\tsecond\tsecond.out\n";

Test(manifest, reads_what_the_runtime_writes)
{
    wb_manifest m;
    cr_assert_eq(wb_manifest_parse(&m, good, "m.tsv"), 0, "%s", wb_error());
    cr_assert_str_eq(m.slug, "01_x");
    cr_assert_str_eq(m.seed, "1");
    cr_assert_eq(m.nparams, 2);
    cr_assert_str_eq(m.params[0].name, "w");
    cr_assert_str_eq(m.params[0].value, "2");
    cr_assert_not(m.params[0].given);
    cr_assert(m.params[1].given, "set on the command line");
    cr_assert_eq(m.nsteps, 2);
    cr_assert_str_eq(m.steps[0], "first");
    cr_assert_str_eq(m.steps[1], "second");
    cr_assert_null(m.steps[2], "the list of steps ends with NULL");
    cr_assert_eq(m.nfigures, 2);
    cr_assert_str_eq(m.figures[0].name, "curve");
    cr_assert_str_eq(m.figures[0].caption, "A curve, $y = x^2$.");
    cr_assert_str_eq(m.figures[1].caption, "");
    wb_manifest_free(&m);
    wb_manifest_free(&m);    /* and again: nothing left to free */
}

/* Each hostile manifest is refused with its line and its problem. */
Test(manifest, refuses_what_it_cannot_trust)
{
    const struct {
        const char *text, *why;
    } bad[] = {
        {"", "no chapter line"},
        {"step\ta\ta.out\n", "m.tsv:1: the chapter line must come first"},
        {"chapter\t../up\t1\n", "m.tsv:1: '../up' is not a chapter's name"},
        {"chapter\tc\t1\nchapter\tc\t1\n", "m.tsv:2: a second chapter"},
        {"chapter\tc\t1\nfigure\tnowhere\tf\tcap\n",
         "m.tsv:2: figure 'f' belongs to step 'nowhere', which is not"},
        {"chapter\tc\t1\nstep\ta\ta.out\nfigure\ta\tf\tx\n"
         "figure\ta\tf\ty\n", "m.tsv:4: figure 'f' is listed twice"},
        {"chapter\tc\t1\nstep\ta\ta.out\nstep\ta\ta.out\n",
         "m.tsv:3: step 'a' is listed twice"},
        {"chapter\tc\t1\nstep\ta\ta.out\nfigure\ta\tx](y)\tcap\n",
         "m.tsv:3: 'x](y)' is not a figure's name"},
        {"chapter\tc\t1\nstep\ta\ta.out\nfigure\ta\t{#x}\tcap\n",
         "is not a figure's name"},
        {"chapter\tc\t1\nstep\ta\ta.out\nfigure\ta\tf\tcap\tmore\n",
         "m.tsv:3: a figure line is"},
        {"chapter\tc\t1\nstep\ta\ta.out\nfigure\ta\tf\tbell\a\n",
         "m.tsv:3: a control character in field 4"},
        {"chapter\tc\t1\nstep\ta b\tx\n", "m.tsv:2: a step line is"},
        {"chapter\tc\t1\nparam\tw\n", "m.tsv:2: a param line is"},
        {"chapter\tc\t1\nparam\tw\t1\tgiven?\n", "m.tsv:2: a param line"},
        {"chapter\tc\t1\nsurprise\n", "'surprise' is not a kind of line"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wb_manifest m;
        cr_assert_eq(wb_manifest_parse(&m, bad[i].text, "m.tsv"), -1,
                     "accepted:\n%s", bad[i].text);
        cr_assert(strstr(wb_error(), bad[i].why), "'%s' lacks '%s'",
                  wb_error(), bad[i].why);
        cr_assert_null(m.slug, "nothing is kept");
        cr_assert_eq(m.nfigures, 0);
    }
}

Test(manifest, a_missing_manifest_says_how_to_make_it)
{
    wb_manifest m;
    cr_assert_eq(wb_manifest_read(&m, "/nonexistent-wb-run"), -1);
    cr_assert(strstr(wb_error(), "No such file"), "%s", wb_error());
    cr_assert(strstr(wb_error(), "run the chapter with --book --out "
                                 "/nonexistent-wb-run first"), "%s",
              wb_error());
}

/* What the runtime writes is what the weaver reads, field for field; a
 * control character in a field is written as a space. */
Test(manifest, writes_what_it_reads)
{
    char dir[] = "/tmp/wb-manifest-XXXXXX";
    wb_manifest m, back;
    cr_assert(mkdtemp(dir));
    cr_assert_eq(wb_manifest_parse(&m, good, "m.tsv"), 0, "%s", wb_error());
    free(m.figures[0].caption);
    m.figures[0].caption = wb_strdup("A curve,\t$y = x^2$.\n");
    cr_assert_eq(wb_manifest_write(&m, dir), 0, "%s", wb_error());
    cr_assert_eq(wb_manifest_read(&back, dir), 0, "%s", wb_error());
    cr_assert_str_eq(back.slug, m.slug);
    cr_assert_str_eq(back.seed, m.seed);
    cr_assert_eq(back.nparams, m.nparams);
    for (size_t i = 0; i < m.nparams; i++) {
        cr_assert_str_eq(back.params[i].name, m.params[i].name);
        cr_assert_str_eq(back.params[i].value, m.params[i].value);
        cr_assert_eq(back.params[i].given, m.params[i].given);
    }
    cr_assert_eq(back.nsteps, m.nsteps);
    for (size_t i = 0; i < m.nsteps; i++)
        cr_assert_str_eq(back.steps[i], m.steps[i]);
    cr_assert_eq(back.nfigures, m.nfigures);
    cr_assert_str_eq(back.figures[0].caption, "A curve, $y = x^2$. ");
    for (size_t i = 0; i < m.nfigures; i++) {
        cr_assert_str_eq(back.figures[i].step, m.figures[i].step);
        cr_assert_str_eq(back.figures[i].name, m.figures[i].name);
    }
    wb_manifest_free(&m);
    wb_manifest_free(&back);

    /* and it goes, once: a folder without one is no error */
    cr_assert_eq(wb_manifest_remove(dir), 0, "%s", wb_error());
    cr_assert_eq(wb_manifest_read(&back, dir), -1);
    cr_assert_eq(wb_manifest_remove(dir), 0, "%s", wb_error());
    cr_assert_eq(rmdir(dir), 0);
}
