/* Chapter 1 run as the book runs it (--book), and as a reader runs it:
 * its figures are valid images of sensible size, its numbers are right
 * within their sampling error, the weaver makes a page of it, its command
 * line behaves, and --step on a terminal (80 x 24 and 120 x 45) is a
 * notebook: every page, prompt and key, and edit-then-rerun. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_exercise.h"
#include "wb_lit.h"
#include "wb_term.h"

#define CHAPTER WB_BUILD_DIR "/chapters/01_sigmoid_1d"
#define WEAVE WB_BUILD_DIR "/book/weave"
#define SOURCE WB_SOURCE_DIR "/chapters/01_sigmoid_1d.c"

Test(chapter01, book_run_makes_every_figure)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    cr_assert_eq(assert_book_figures(dir), 10);
}

/* The numbers the chapter prints, checked against what they must be.
 * Sample statistics are allowed 5 standard errors. */
Test(chapter01, numbers_are_right)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *gauss = read_in(dir, "gaussian.out", NULL);
    cr_assert(fabs(number_after(gauss, "p(0) =") - 0.3989) < 1e-4);
    cr_assert(fabs(number_after(gauss, "[-6, 6] =") - 1) < 1e-6, "%s", gauss);

    char *sample = read_in(dir, "sample.out", NULL);
    double m0 = number_after(sample, "x0: shape (100,), mean");
    double m1 = number_after(sample, "x1: shape (100,), mean");
    /* The standard error of a mean of 100 values of width 1 is 0.1. */
    cr_assert(fabs(m0 + 1.5) < 0.5 && fabs(m1 - 1.5) < 0.5, "%s", sample);
    /* The standard error of the standard deviation of 100 normal values
     * of width 1 is about 1 / sqrt(200) = 0.07. */
    double s0 = number_after(strstr(sample, "x0:"), "standard deviation");
    double s1 = number_after(strstr(sample, "x1:"), "standard deviation");
    cr_assert(fabs(s0 - 1) < 0.35 && fabs(s1 - 1) < 0.35, "%s", sample);

    char *sig = read_in(dir, "sigmoid.out", NULL);
    cr_assert(strstr(sig, "sigma(-10000) = 0\n"), "%s", sig);
    cr_assert(strstr(sig, "sigma(     0) = 0.5\n"), "%s", sig);
    cr_assert(strstr(sig, "sigma( 10000) = 1\n"), "%s", sig);
    cr_assert(fabs(number_after(sig, "sigma(     2) =") - 0.880797) < 1e-6);

    char *hist = read_in(dir, "histograms.out", NULL);
    /* The 50 counts of category 0 add up to its 100 examples, less any
     * outside [-5, 5] (none, at 3.5 widths from the centre, for this
     * seed). */
    double total = 0;
    const char *s = strchr(hist, '[');
    cr_assert(s, "%s", hist);
    for (int i = 0; i < 50; i++) {
        char *end;
        while (*s == '[' || *s == ' ' || *s == '\n')
            s++;
        total += strtod(s, &end);
        cr_assert(end != s, "count %d in:\n%s", i, hist);
        s = end + (*end == '.');
    }
    cr_assert_eq(total, 100, "%s", hist);

    /* With w = 1, b = 0 the rule x > 0 is right with probability
     * Phi(1.5) = 0.933; over 200 examples the standard error is 0.018. */
    char *cls = read_in(dir, "classify.out", NULL);
    double acc = number_after(cls, "accuracy");
    cr_assert(fabs(acc - 0.933) < 5 * 0.018, "accuracy %g", acc);
    cr_assert(strstr(cls, "the boundary is at x = -b/w = 0\n"), "%s", cls);
    cr_assert(strstr(cls, "can expect on new examples: Phi(mu) = 0.933\n"),
              "%s", cls);

    free(gauss);
    free(sample);
    free(sig);
    free(hist);
    free(cls);
}

/* The fitted logistic regression. Over 2000 samples of the chapter's
 * distributions, scikit-learn's fit puts the boundary -b/w at 0 with a
 * standard deviation of 0.093 (0.45 is about 5 of them), and its accuracy
 * on the sample falls short of the best boundary's by 0.009 on average,
 * by more than 0.02 in 4% of the samples. */
Test(chapter01, the_fit_finds_the_boundary)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *fit = read_in(dir, "fit.out", NULL);
    char *best_out = read_in(dir, "best.out", NULL);
    double w = number_after(fit, "fitted: w =");
    double b = number_after(fit, ", b =");
    double at = number_after(fit, "its boundary: x = -b/w =");
    double acc = number_after(strstr(fit, "its boundary"), "accuracy");
    double best = number_after(best_out, "accuracy");
    cr_assert(w > 0, "%s", fit);
    cr_assert(fabs(at + b / w) < 1e-3, "the boundary is -b/w: %s", fit);
    cr_assert(fabs(at) < 0.45, "%s", fit);
    /* The best boundary is tried among all those that split the sample
     * differently, the fit's included: it cannot do worse. */
    cr_assert(best >= acc, "%s%s", fit, best_out);
    cr_assert(best - acc <= 0.02 + 1e-9, "%s%s", fit, best_out);
    cr_assert(strstr(best_out, "accuracy Phi(mu) = 0.933\n"), "%s", best_out);

    /* The network of one neuron finds nearly the same curve, steeper:
     * its penalty is 10^4 times weaker. */
    char *mlp = read_in(dir, "mlp.out", NULL);
    cr_assert(strstr(mlp, "X.shape: (200, 1)\n"), "%s", mlp);
    double net_w = number_after(mlp, "network, one neuron: w =");
    double net_b = number_after(strstr(mlp, "network"), ", b =");
    cr_assert(net_w > w && net_w < 1.5 * w, "%s", mlp);
    cr_assert(fabs(net_b / net_w) < 0.45, "%s", mlp);
    free(fit);
    free(best_out);
    free(mlp);
}

/* Categories 20 widths apart (--mu 10): the best boundary gets every
 * example right, and lies halfway between the largest example of
 * category 0 and the smallest of category 1, near 0: the extremes of 100
 * draws lie 2.5 widths out from their centres, give or take 0.5. */
Test(chapter01, the_best_boundary_is_found)
{
    char *dir = test_dir("ch01-best");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "best", "--mu", "10",
                               "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *best = strstr(r.out, "the best boundary on this sample");
    cr_assert(best, "%s", r.out);
    cr_assert_eq(number_after(best, "accuracy"), 1, "%s", r.out);
    cr_assert(fabs(number_after(best, "sample: x =")) < 3, "%s", r.out);
    program_result_free(&r);
}

/* The same seed gives the same numbers and the same figures. */
Test(chapter01, runs_are_reproducible)
{
    char *a = chapter_book_run(CHAPTER, NULL);
    char *b = chapter_book_run(CHAPTER, NULL);
    assert_same_files(a, b, (const char *[]){
        "sample.out", "classify.out", "sample.dat", "histograms.gp",
        "classify.png", "neuron.png", "neuron.pdf", "sigmoid.pdf",
        "manifest.tsv", NULL});
}

Test(chapter01, the_weaver_makes_its_page)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "1", "--figures", dir,
                               SOURCE, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "# The sigmoid in one dimension\n"));
    char **figures = manifest_figures(dir);
    for (char **f = figures; *f; f++) {
        char fig[128];
        snprintf(fig, sizeof fig,
                 "](figures/01_sigmoid_1d/%s){#fig-1-%s alt=\"Figure ",
                 *f, *f);
        cr_assert(strstr(r.out, fig), "no figure %s in the page", *f);
    }
    free_names(figures);
    cr_assert(strstr(r.out, "static int classify(wb_run *run)\n"));
    cr_assert(strstr(r.out, "accuracy"), "the outputs are there");
    program_result_free(&r);
}

Test(chapter01, command_line)
{
    program_result r = run_program(NULL, (const char *[]){CHAPTER, "--help",
                                                          NULL});
    cr_assert_eq(r.status, 0);
    const char *options[] = {"--step", "--only", "--list", "--seed",
                             "--out", "--format", "--book", "--quiet",
                             "--help", "--version", "--n N", "--mu MU",
                             "--w W", "--b B", "--predict X"};
    for (size_t i = 0; i < sizeof options / sizeof *options; i++)
        cr_assert(strstr(r.out, options[i]), "--help lacks %s", options[i]);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--w", "zero", NULL});
    cr_assert_eq(r.status, 2);
    cr_assert_eq(count_lines(r.err), 1, "%s", r.err);
    cr_assert(strstr(r.err, "--w: 'zero' is not a number"), "%s", r.err);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--list", NULL});
    cr_assert_eq(r.status, 0);
    cr_assert_eq(count_lines(r.out), 12, "%s", r.out);
    cr_assert(strstr(r.out, "classify"), "%s", r.out);
    program_result_free(&r);
}

/* The exercises' self-check: the last step says whether a predicted
 * boundary is right. */
Test(chapter01, predictions_are_checked)
{
    char *dir = test_dir("ch01-predict");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "classify", "--w", "2",
                               "--b", "3", "--predict", "-1.5", "--out", dir,
                               NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "your prediction, x = -1.5: right!"), "%s",
              r.out);
    cr_assert_null(strstr(r.out, "[1/12]"), "earlier steps run silently");

    /* The verdict comes before the line that prints the boundary. */
    const char *verdict = strstr(r.out, "your prediction");
    const char *answer = strstr(r.out, "the boundary is at");
    cr_assert(verdict && answer && verdict < answer, "%s", r.out);
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "classify",
                                           "--w", "4", "--b", "-4",
                                           "--predict", "-1", "--out", dir,
                                           NULL});
    cr_assert(strstr(r.out, "not quite"), "%s", r.out);
    program_result_free(&r);

    /* With w = 0 the output is flat: no guess can be right. */
    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "classify",
                                           "--w", "0", "--b", "1",
                                           "--predict", "0", "--out", dir,
                                           NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "x = 0: not quite: with w = 0 there is no "
                            "boundary\n"), "%s", r.out);
    program_result_free(&r);
}

/* The step seeds: how the numbers of the sample spread over 100 samples.
 * The accuracy of w = 1, b = 0 has the mean Phi(1.5) = 0.933 over all
 * samples, and a sample's the standard deviation sqrt(p (1 - p) / 200) =
 * 0.018: the mean of 100 is within 5 of its standard errors, 0.009, and
 * their sd within half of 0.018. Seed 1 is the book's sample: its
 * accuracy is among them. */
Test(chapter01, the_numbers_of_the_sample_spread_as_they_must)
{
    char *dir = chapter_book_run(CHAPTER, NULL);
    char *seeds = read_in(dir, "seeds.out", NULL);
    char *cls = read_in(dir, "classify.out", NULL);
    const char *acc = strstr(seeds, "accuracy of w = 1, b = 0:");
    cr_assert(acc, "%s", seeds);
    double mean = number_after(acc, "mean"), sd = number_after(acc, "sd");
    double lo = number_after(acc, "from"), hi = number_after(acc, " to ");
    cr_assert(fabs(mean - 0.933) < 0.009, "%s", seeds);
    cr_assert(fabs(sd - 0.018) < 0.009, "%s", seeds);
    double page = number_after(cls, "accuracy");
    cr_assert(lo <= page && page <= hi, "%g not in [%g, %g]", page, lo, hi);
    cr_assert(strstr(seeds, "sqrt(p (1 - p) / 200) = 0.018\n"), "%s", seeds);
    /* the network is steeper on every sample: its penalty is weaker */
    cr_assert(strstr(seeds, "in 100 of 100 samples"), "%s", seeds);
    free(seeds);
    free(cls);
}

/* --step, with standard input not a terminal: shows the chapter, each
 * step's prose and code, runs everything, never waits. */
Test(chapter01, step_mode_runs_through_without_a_terminal)
{
    char *dir = test_dir("ch01-step");
    setenv("WB_GRAPHICS", "dumb", 1);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--step", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "The sigmoid in one dimension\n═══"),
              "the introduction");
    cr_assert(strstr(r.out, "Step 1 of 12: Two categories of examples"));
    cr_assert(strstr(r.out, "Step 8 of 12: The neuron over the examples"));
    cr_assert(strstr(r.out, "static int histograms(wb_run *run)"));
    cr_assert(strstr(r.out, "Figure histograms."), "figures are named");
    cr_assert(strstr(r.out, "0 ++-----"), "a text plot is drawn");
    cr_assert(strstr(r.out, "weighted sum"), "the neuron, in text");
    cr_assert(strstr(r.out, "Exercises\n───"), "the exercises");
    cr_assert(strstr(r.out, "σ(z) = 1/(1 + e⁻ᶻ)."), "the math, in Unicode");
    cr_assert_null(strstr(r.out, "\\frac"), "no TeX");
    cr_assert_null(strchr(r.out, '\f'), "no form feeds");
    cr_assert_null(strchr(r.out, '\033'), "no escape sequences in a file");
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");
    program_result_free(&r);
}

/* With its standard output full, --step says so once, not once for each
 * figure it could not show. */
Test(chapter01, step_mode_with_a_full_output_says_so_once)
{
    char *dir = test_dir("ch01-full");
    char *errp = wb_path_join(dir, "err");
    int status;
    pid_t pid;
    setenv("WB_GRAPHICS", "dumb", 1);
    pid = fork();
    cr_assert(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open("/dev/full", O_WRONLY);
        int err = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 ||
            dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(126);
        execl(CHAPTER, CHAPTER, "--step", "--out", dir, (char *)NULL);
        _exit(127);
    }
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    char *err = wb_read_file(errp, NULL);
    cr_assert(err);
    cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 1, "%s", err);
    cr_assert_eq(count_lines(err), 1, "%s", err);
    cr_assert(strstr(err, "cannot write the output: No space left on "
                          "device"), "%s", err);
    free(err);
    free(errp);
}

/* ---- --step in a terminal ----------------------------------------------- */

/* A terminal that does not draw sixel graphics. */
#define TEXT_TERMINAL "\033[?62;22c"

static const char *const figures[] = {"gaussian", "sample", "histograms",
                                      "sigmoid", "neuron", "weights",
                                      "biases", "classify", "fit", "mlp"};

/* The widest line a terminal `cols` wide shows of `out` (a carriage return
 * starts a line again). */
static size_t widest_line(const char *out)
{
    size_t most = 0;
    for (const char *s = out; *s;) {
        size_t n = strcspn(s, "\n");
        const char *line = s;
        for (size_t k = 0; k < n; k++)
            if (s[k] == '\r')
                line = s + k + 1;
        size_t w = wb_term_width(line, (size_t)(s + n - line));
        most = w > most ? w : most;
        s += n + (s[n] == '\n');
    }
    return most;
}

/* Each long line of the chapter's listings that the notebook shows (some
 * may be folded away) is whole in `out`, on one line. */
static void assert_code_lines_whole(const char *out)
{
    wb_lit *lit = wb_lit_read(SOURCE);
    size_t long_lines = 0;
    cr_assert(lit, "%s", wb_error());
    for (size_t i = 0; i < lit->nchunks; i++)
        for (size_t j = 0; j < lit->chunks[i].ntokens; j++) {
            const wb_token *t = &lit->chunks[i].tokens[j];
            wb_region r;
            if (t->kind != WB_TOKEN_LISTING ||
                wb_lit_listing(&r, lit, t, NULL) != 0)
                continue;
            for (const char *line = r.code; *line;) {
                size_t n = strcspn(line, "\n");
                char *whole = wb_asprintf("%.*s\r\n", (int)n, line);
                /* its first 40 characters after the indentation */
                char *start = wb_strndup(line + strspn(line, " "), 40);
                if (wb_term_width(line, n) > 72 && strstr(out, start)) {
                    cr_assert(strstr(out, whole), "a line of code broken:"
                              "\n%s", whole);
                    long_lines++;
                }
                free(whole);
                free(start);
                line += n + (line[n] == '\n');
            }
            wb_region_free(&r);
        }
    wb_lit_free(lit);
    cr_assert_gt(long_lines, 0, "no long line of code shown");
}

/* The whole chapter, as a newcomer goes through it: Enter at every step,
 * Space at every page. */
static void walk_through(int cols, int rows)
{
    char *dir = test_dir("ch01-walk");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = cols, .rows = rows,
        .keys = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"});
    char title[64];

    cr_assert_eq(r.status, 0, "%s", r.out);
    /* a prompt before each step and after it, the exercises then */
    cr_assert_eq(r.prompts, 24, "%d prompts", r.prompts);
    cr_assert(r.raw_at_prompts, "keys were read a line at a time");
    cr_assert(r.restored, "the terminal was left in another mode");
    cr_assert_leq(r.most_rows, rows - 1,
                  "%d rows went by without a key: some scrolled away "
                  "unread", r.most_rows);
    cr_assert_leq(widest_line(r.out), (size_t)cols, "a line wider than the "
                  "window");
    cr_assert(strstr(r.out, "The sigmoid in one dimension"), "the title");
    cr_assert(strstr(r.out, "What does a neuron compute?"),
              "the introduction");
    for (int k = 1; k <= 12; k++) {
        snprintf(title, sizeof title, "Step %d of 12: ", k);
        cr_assert(strstr(r.out, title), "no '%s'", title);
    }
    for (size_t i = 0; i < sizeof figures / sizeof *figures; i++) {
        snprintf(title, sizeof title, "Figure %s.", figures[i]);
        cr_assert(strstr(r.out, title), "no '%s'", title);
    }
    cr_assert(strstr(r.out, "│ x │"), "the neuron, drawn in text");
    cr_assert(strstr(r.out, "p(x) = 1/(s√(2π)) e^(−(x−μ)²/2s²)."));
    cr_assert(strstr(r.out, "x = −b/w."));
    cr_assert(strstr(r.out, "sigma(     2) = 0.880797"), "the outputs");
    cr_assert(strstr(r.out, "accuracy"));
    cr_assert(strstr(r.out, "Predict the boundary"), "the exercises");
    /* the checked exercises, as the book lists them */
    cr_assert(strstr(r.out, "Exercise 1.1: Place the boundary"), "@exercises");
    cr_assert(strstr(r.out, "make exercise EX=01_2_log_odds"));
    /* and their hints on request, not in full */
    cr_assert(strstr(r.out, "make hint EX=01_2_log_odds"));
    wb_exercise *list;
    size_t count;
    cr_assert_eq(wb_exercises_read(WB_SOURCE_DIR "/exercises", 1, &list,
                                   &count), 0, "%s", wb_error());
    for (size_t i = 0; i < count; i++) {
        char *hint = wb_strndup(list[i].hint, 30);
        cr_assert_null(strstr(r.out, hint), "a hint in full: %s", hint);
        free(hint);
    }
    wb_exercises_free(list, count);
    cr_assert_null(strstr(r.out, "@exercises"));
    /* equations numbered as in the book, at the window's right edge */
    char right_edge[64];
    snprintf(right_edge, sizeof right_edge, "(1.1)\r\n");
    cr_assert(strstr(r.out, "1/(1 + e⁻ᶻ).") && strstr(r.out, right_edge),
              "the sigmoid's number");
    cr_assert(strstr(r.out, "equation (1.2)"), "@eq:boundary");
    cr_assert_null(strstr(r.out, "{#eq:"), "a label is left");
    cr_assert_null(strstr(r.out, "@eq:"), "a reference is left");
    /* (the code has TeX in its strings, "$\\mu = 0$": not the prose) */
    cr_assert_null(strstr(r.out, "\\frac"), "TeX is left");
    cr_assert_null(strstr(r.out, "$\\mu$"), "TeX is left");
    cr_assert_null(strstr(r.out, "*normal*"), "Markdown is left");
    if (rows < 30)
        cr_assert_gt(r.pages, 5, "long texts come page by page");
    /* Below 88 columns, listings have no line numbers: a line of code of
     * up to 80 columns stays whole. */
    if (cols < 88)
        assert_code_lines_whole(r.out);
    terminal_result_free(&r);
}

Test(chapter01, walk_through_at_80x24)
{
    walk_through(80, 24);
}

Test(chapter01, walk_through_at_120x45)
{
    walk_through(120, 45);
}

Test(chapter01, step_mode_in_a_terminal_waits_and_draws)
{
    char *dir = test_dir("ch01-tty");
    /* A terminal that speaks sixel: the figure comes as sixel pixels. */
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "sigmoid",
                                 "--out", dir, NULL},
        .da1 = "\033[?62;4;22c", .keys = "\n"});
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "[Enter: run step 4"), "it waits");
    cr_assert(strstr(r.out, "sigma(     2) = 0.880797"), "it runs the step");
    cr_assert(strstr(r.out, "\033Pq"), "a sixel image follows the step");
    cr_assert_eq(r.prompts, 1, "--only: nothing after the step");
    terminal_result_free(&r);

    /* One that does not: the figure is drawn in text; a diagram too. */
    r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "5", "--out",
                                 dir, NULL},
        .da1 = TEXT_TERMINAL, .keys = "\n"});
    cr_assert_eq(r.status, 0);
    cr_assert_null(strstr(r.out, "\033Pq"));
    cr_assert(strstr(r.out, "Step 5 of 12: A network of one neuron"));
    cr_assert(strstr(r.out, "─ weighted sum ─"), "the neuron in text");
    terminal_result_free(&r);

    /* And with pixels, the diagram as pixels. */
    r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "network",
                                 "--out", dir, NULL},
        .da1 = "\033[?62;4;22c", .keys = "\n"});
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "\033Pq"), "the neuron as sixel");
    cr_assert_null(strstr(r.out, "─ weighted sum ─"));
    terminal_result_free(&r);
}

Test(chapter01, q_quits_at_a_step)
{
    char *dir = test_dir("ch01-quit");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--from", "1", "--out",
                                 dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "q"});
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "Step 1 of 12"), "%s", r.out);
    cr_assert_null(strstr(r.out, "x0: shape"), "the step did not run");
    cr_assert_null(strstr(r.out, "Step 2 of 12"), "and nothing after it");
    cr_assert(r.restored);
    terminal_result_free(&r);
}

/* q at a page closes the text, as in less: the step's prompt comes, and
 * q there quits. */
Test(chapter01, q_closes_a_page)
{
    char *dir = test_dir("ch01-quit-page");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .page_keys = "q", .keys = "q"});
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert_eq(r.pages, 1, "%d pages:\n%s", r.pages, r.out);
    cr_assert_eq(r.prompts, 1, "the step's prompt, after the closed text");
    cr_assert(strstr(r.out, "Step 1 of 12: Two categories of examples"),
              "the step's title, above its prompt");
    cr_assert_null(strstr(r.out, "x0: shape"), "the step did not run");
    cr_assert(r.restored);
    terminal_result_free(&r);
}

/* G at a page shows the end of the text: its last page, and no prompt
 * before the step's. */
Test(chapter01, G_goes_to_the_end_of_a_text)
{
    char *dir = test_dir("ch01-end");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "gaussian",
                                 "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .page_keys = "G", .keys = "q"});
    const char *end = strstr(r.out, "G: end");
    cr_assert_eq(r.status, 0);
    cr_assert(end, "the page prompt offers G:\n%s", r.out);
    cr_assert_eq(r.pages, 1, "one page, then the end: %d", r.pages);
    cr_assert_eq(r.prompts, 1);
    cr_assert(strstr(end, "\033[H\033[2J"), "on a cleared screen");
    /* the listing's last line, on the last page */
    cr_assert(strstr(end, "area under p on"), "%s", end);
    cr_assert_leq(r.most_rows, 23);
    terminal_result_free(&r);
}

/* r runs the step again, with the same random numbers: the same output
 * twice; b, once the step has run, shows its text again. */
Test(chapter01, r_runs_a_step_again_and_b_shows_it_again)
{
    char *dir = test_dir("ch01-again");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--from", "sample",
                                 "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "\nrbq"});
    const char *line = "x0: shape (100,), mean -1.499, standard deviation "
                       "1.119";
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert(strstr(r.out, "r: run again"), "r is offered:\n%s", r.out);
    const char *first = strstr(r.out, line);
    cr_assert(first, "the step ran:\n%s", r.out);
    const char *again = strstr(first, "Step 1 again: Two categories");
    cr_assert(again, "r runs it again:\n%s", first);
    cr_assert(strstr(again, line), "with the same numbers:\n%s", again);
    const char *back = strstr(again, "\033[H\033[2J");
    cr_assert(back && strstr(back, "Step 1 of 12: Two categories"),
              "b, after the step ran, shows its text again");
    cr_assert_eq(r.prompts, 4);
    terminal_result_free(&r);
}

/* With TERM=dumb, or no TERM, the notebook writes no escape sequence:
 * not at a prompt, a page, a page back, a figure or a line of progress. */
Test(chapter01, a_dumb_terminal_gets_no_escape_sequence)
{
    static const char *const dumb[] = {"TERM=dumb", NULL};
    static const char *const none[] = {"TERM", NULL};
    const char *const *envs[] = {dumb, none};
    for (size_t e = 0; e < 2; e++) {
        char *dir = test_dir("ch01-dumb");
        terminal_result r = run_terminal_session(&(terminal_session){
            .argv = (const char *[]){CHAPTER, "--step", "--from", "fit",
                                     "--out", dir, NULL},
            .env = envs[e], .page_keys = "\nbG", .keys = "\nrq"});
        cr_assert_eq(r.status, 0, "%s", r.out);
        cr_assert_geq(r.pages, 3, "%s", r.out);
        cr_assert(strstr(r.out, "accuracy"), "the step ran:\n%s", r.out);
        cr_assert_null(strchr(r.out, '\033'), "%s: an escape sequence:\n%s",
                       envs[e][0], strchr(r.out, '\033'));
        terminal_result_free(&r);
    }
}

/* Resized, the terminal has the text wrapped again to its new width;
 * and on a screen narrower than 88 columns, a listing has no line
 * numbers, which would push its 80 columns past the edge. */
Test(chapter01, a_resized_terminal_rewraps_the_text)
{
    char *dir = test_dir("ch01-resize");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "gaussian",
                                 "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45,
        .keys = (const char[]){TERMINAL_RESIZE, 'q', 0},
        .resize_cols = 60, .resize_rows = 30});
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert_eq(r.resizes, 1);
    const char *wide = strstr(r.out, "A density is not a probability");
    cr_assert(wide, "%s", r.out);
    const char *narrow = strstr(wide + 1, "A density is not a probability");
    cr_assert(narrow, "the text again, after the resize:\n%s", wide);
    const char *numbers = strstr(wide, "│");
    cr_assert(numbers && numbers < narrow, "line numbers at 120 columns");
    cr_assert_leq(widest_line(narrow), 60, "not wrapped to 60 columns:\n%s",
                  narrow);
    cr_assert_null(strstr(narrow, "│"), "line numbers at 60 columns");
    terminal_result_free(&r);
}

/* b shows the page before, on a cleared screen; Enter one more line. */
Test(chapter01, back_and_one_line_at_a_page)
{
    char *dir = test_dir("ch01-back");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--only", "gaussian",
                                 "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .page_keys = "b\n", .keys = "q"});
    const char *clear = strstr(r.out, "\033[H\033[2J");
    cr_assert_eq(r.status, 0);
    cr_assert(clear, "no cleared screen");
    cr_assert(strstr(r.out, "Where do the examples come from?"));
    cr_assert(strstr(clear, "Where do the examples come from?"),
              "the first page again, after b");
    cr_assert_leq(r.most_rows, 23);
    cr_assert_geq(r.pages, 3);
    terminal_result_free(&r);
}

/* a runs all the rest without stopping again. */
Test(chapter01, a_runs_all_the_rest)
{
    char *dir = test_dir("ch01-all");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--from", "classify",
                                 "--out", dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "a"});
    const char *all = strstr(r.out, "a: run all");
    cr_assert_eq(r.status, 0);
    cr_assert_eq(r.prompts, 1);
    cr_assert(all && !strstr(all, "Space: page") &&
                  !strstr(all, "[Enter:"),
              "a prompt after a: %s", all);
    cr_assert(strstr(r.out, "accuracy"), "the step ran");
    cr_assert(strstr(r.out, "Predict the boundary"), "to the exercises");
    terminal_result_free(&r);
}

/* Ctrl-C at a prompt, or while the terminal is asked what it can draw,
 * leaves the terminal as it was. */
Test(chapter01, ctrl_c_leaves_the_terminal_as_it_was)
{
    char *dir = test_dir("ch01-ctrl-c");
    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--from", "bias", "--out",
                                 dir, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "\003"});
    cr_assert_eq(r.status, 128 + SIGINT, "status %d", r.status);
    cr_assert_eq(r.prompts, 1);
    cr_assert(r.raw_at_prompts, "the prompt read keys one at a time");
    cr_assert(r.restored, "Ctrl-C at a prompt left the terminal raw");
    terminal_result_free(&r);

    r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){CHAPTER, "--step", "--out", dir, NULL},
        .da1 = "\003"});
    cr_assert_eq(r.status, 128 + SIGINT, "status %d", r.status);
    cr_assert_eq(r.prompts + r.pages, 0);
    cr_assert(r.restored, "Ctrl-C at the terminal query left it raw");
    terminal_result_free(&r);
}

/* ---- edit, then rerun --------------------------------------------------- */

/* A copy of the workbook and of its build, in a new folder: the Makefile,
 * the sources, and the library's objects, their times kept, so that make
 * builds only the chapter, from the copy's source. Returns the folder. */
static char *copy_workbook(const char *build)
{
    char *dir = test_dir("ch01-copy");
    char *cmd = wb_asprintf(
        "set -e; cd '%s'; cp -a Makefile lib chapters '%s'; "
        "mkdir -p '%s/book' '%s/%s'; cp -a book/book.mk '%s/book'; "
        "cd '%s'; cp -a lib libworkbook.so libworkbook.so.0 libworkbook.a "
        "'%s/%s'",
        WB_SOURCE_DIR, dir, dir, dir, build, dir, WB_BUILD_DIR, dir, build);
    cr_assert(cmd);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    free(cmd);
    return dir;
}

/* e opens the chapter in $EDITOR at the step; the chapter is rebuilt with
 * make and starts again at that step with the change; a change that does
 * not compile shows the compiler's errors, and the notebook stays. Done in
 * a copy of the workbook, never in this one. */
Test(chapter01, edit_then_rerun, .timeout = 240)
{
    /* the build folder, as the Makefile names it: build or build/asan */
    const char *build = WB_BUILD_DIR + strlen(WB_SOURCE_DIR) + 1;
    char *top = copy_workbook(build);
    char *chapter = wb_asprintf("%s/%s/chapters/01_sigmoid_1d", top, build);
    char *source = wb_asprintf("%s/chapters/01_sigmoid_1d.c", top);
    char *editor = wb_asprintf("%s/editor.sh", top);
    char *args = wb_asprintf("%s/editor.args", top);
    char *make = wb_asprintf("make -s -C '%s' B=%s %s %s/chapters/"
                             "01_sigmoid_1d >/dev/null", top, build,
                             *WB_SAN_FLAGS ? "SANITIZE=1" : "", build);
    char *env_editor = wb_asprintf("EDITOR=%s", editor);
    char *out = wb_asprintf("%s/figures", top);
    /* An editor that writes down how it was called, then doubles the width
     * of the normal density whose peak step 1 prints. */
    char *script = wb_asprintf(
        "#!/bin/sh\necho \"$@\" > '%s'\n"
        "case \"$2\" in '%s'/*) ;; *) exit 1 ;; esac\n"
        "sed -i 's/normal_pdf(0, 0, 1));/normal_pdf(0, 0, 2));/' \"$2\"\n",
        args, top);
    cr_assert(top && chapter && source && editor && args && make &&
              env_editor && out && script);
    cr_assert_eq(wb_write_file(editor, script, strlen(script)), 0);
    cr_assert_eq(chmod(editor, 0755), 0);
    /* the copy's chapter, which records no folder: it finds its source
     * from where it is, and only the copy is edited */
    cr_assert_eq(system(make), 0, "%s", make);
    size_t len;
    char *program = wb_read_file(chapter, &len);
    cr_assert(program);
    bool records = false;
    for (size_t i = 0; !records && i + strlen(top) <= len; i++)
        records = memcmp(program + i, top, strlen(top)) == 0;
    cr_assert(!records, "%s records the folder it was built in", chapter);
    free(program);

    terminal_result r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){chapter, "--step", "--only", "gaussian",
                                 "--out", out, "--seed", "3", NULL},
        .env = (const char *const[]){env_editor, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "e\n"});
    cr_assert_eq(r.status, 0, "%s", r.out);
    char *called = wb_read_file(args, NULL);
    cr_assert(called, "the editor did not run:\n%s", r.out);
    wb_lit *lit = wb_lit_read(source);
    cr_assert(lit, "%s", wb_error());
    char want[256];
    snprintf(want, sizeof want, "+%zu %s\n",
             wb_lit_find_step(lit, "gaussian")->code_line, source);
    wb_lit_free(lit);
    cr_assert_str_eq(called, want, "the editor opens the step's first line:"
                     "\n%s", r.out);
    free(called);
    const char *rebuilt = strstr(r.out, "Rebuilding the chapter with make");
    cr_assert(rebuilt, "%s", r.out);
    cr_assert(strstr(rebuilt, "Step 2 of 12: The normal distribution"),
              "the notebook starts again at the step");
    cr_assert(strstr(rebuilt, "p(0) = 0.1995, the peak"),
              "with the change:\n%s", rebuilt);
    cr_assert_null(strstr(r.out, "p(0) = 0.3989"), "the old step ran");
    cr_assert_eq(r.prompts, 2);
    terminal_result_free(&r);

    /* A change that does not compile. */
    free(script);
    script = wb_asprintf(
        "#!/bin/sh\ncase \"$2\" in '%s'/*) ;; *) exit 1 ;; esac\n"
        "sed -i 's/normal_pdf(0, 0, 2));/normal_pdf(0, 0, 2)) oops;/' "
        "\"$2\"\n", top);
    cr_assert_eq(wb_write_file(editor, script, strlen(script)), 0);
    cr_assert_eq(chmod(editor, 0755), 0);
    r = run_terminal_session(&(terminal_session){
        .argv = (const char *[]){chapter, "--step", "--only", "gaussian",
                                 "--out", out, NULL},
        .env = (const char *const[]){env_editor, NULL},
        .da1 = TEXT_TERMINAL, .cols = 120, .rows = 45, .keys = "e\n"});
    cr_assert_eq(r.status, 0, "%s", r.out);
    cr_assert(strstr(r.out, "error: expected"), "the compiler's errors:\n%s",
              r.out);
    cr_assert(strstr(r.out, "does not build: still at step 2"), "%s", r.out);
    cr_assert(strstr(r.out, "p(0) = 0.1995"), "the step ran, as it was");
    cr_assert_eq(r.prompts, 2);
    terminal_result_free(&r);

    free(chapter);
    free(source);
    free(editor);
    free(args);
    free(make);
    free(env_editor);
    free(out);
    free(script);
}

/* A weight so small that -b/w is beyond any double: no boundary, as for
 * w = 0, and the figure is drawn all the same. */
Test(chapter01, a_boundary_out_of_reach_is_no_boundary)
{
    char *dir = test_dir("ch01-tiny-w");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--only", "classify", "--w", "1e-307",
                               "--b", "100", "--predict", "3", "--out", dir,
                               NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "not quite: with w = 1e-307 there is no "
                            "boundary"), "%s", r.out);
    cr_assert(strstr(r.out, "so there is no boundary"), "%s", r.out);
    cr_assert_null(strstr(r.out, "inf"), "%s", r.out);
    cr_assert(file_exists(dir, "classify.png"));
    program_result_free(&r);
}
