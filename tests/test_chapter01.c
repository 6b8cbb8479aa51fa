/* Chapter 1 run as the book runs it (--book), and as a reader runs it:
 * its figures are valid images of sensible size, its numbers are right
 * within their sampling error, the weaver makes a page of it, and its
 * command line behaves. */
#include <criterion/criterion.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "helpers.h"

#define CHAPTER WB_BUILD_DIR "/chapters/01_sigmoid_1d"
#define WEAVE WB_BUILD_DIR "/book/weave"
#define SOURCE WB_SOURCE_DIR "/chapters/01_sigmoid_1d.c"

static const char *figures[] = {"gaussian", "sample", "histograms",
                                "sigmoid", "neuron", "weights", "biases",
                                "classify"};
#define NFIGURES (sizeof figures / sizeof *figures)

/* Runs the chapter in book mode into a new folder; returns the folder. */
static char *book_run(void)
{
    char *dir = test_dir("ch01");
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--book", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert_str_eq(r.err, "", "nothing on stderr in a good run");
    cr_assert_str_eq(r.out, "", "book mode prints into files");
    program_result_free(&r);
    return dir;
}

static char *read_in(const char *dir, const char *name)
{
    char *path = wb_path_join(dir, name);
    size_t len;
    char *text = wb_read_file(path, &len);
    cr_assert(text, "%s", wb_error());
    free(path);
    return text;
}

static size_t file_size(const char *dir, const char *name)
{
    char *path = wb_path_join(dir, name);
    size_t len = 0;
    char *data = wb_read_file(path, &len);
    cr_assert(data, "%s", wb_error());
    free(data);
    free(path);
    return len;
}

/* A PNG: its signature, then an IHDR chunk with the size. */
static void assert_png(const char *dir, const char *name)
{
    char *file = wb_asprintf("%s.png", name);
    char *path = wb_path_join(dir, file);
    size_t len = 0;
    unsigned char *p = (unsigned char *)wb_read_file(path, &len);
    cr_assert(p, "%s", wb_error());
    cr_assert(len > 8000, "%s is only %zu bytes", file, len);
    cr_assert(memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0, "%s: not a PNG", file);
    cr_assert(memcmp(p + 12, "IHDR", 4) == 0, "%s: no IHDR", file);
    uint32_t w = (uint32_t)p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19];
    uint32_t h = (uint32_t)p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23];
    /* Wide enough to be sharp at the HTML book's 720 px column, and
     * landscape. */
    cr_assert(w >= 800 && w <= 2400, "%s: width %u", file, w);
    cr_assert(h >= 300 && h < w, "%s: height %u", file, h);
    free(p);
    free(path);
    free(file);
}

/* A PDF: header, trailer, and some content. */
static void assert_pdf(const char *dir, const char *name)
{
    char *file = wb_asprintf("%s.pdf", name);
    char *path = wb_path_join(dir, file);
    size_t len = 0;
    char *p = wb_read_file(path, &len);
    cr_assert(p, "%s", wb_error());
    cr_assert(len > 4000, "%s is only %zu bytes", file, len);
    cr_assert(strncmp(p, "%PDF-1.", 7) == 0, "%s: no PDF header", file);
    while (len > 0 && (p[len - 1] == '\n' || p[len - 1] == '\r'))
        len--;
    cr_assert(len > 5 && memcmp(p + len - 5, "%%EOF", 5) == 0,
              "%s: no %%%%EOF at the end: cut short?", file);
    free(p);
    free(path);
    free(file);
}

/* The number that follows `label` in `text`. */
static double number_after(const char *text, const char *label)
{
    const char *s = strstr(text, label);
    double v;
    cr_assert(s, "'%s' is not in:\n%s", label, text);
    cr_assert_eq(sscanf(s + strlen(label), "%lf", &v), 1, "after '%s'",
                 label);
    return v;
}

Test(chapter01, book_run_makes_every_figure)
{
    char *dir = book_run();
    char *manifest = read_in(dir, "manifest.tsv");
    for (size_t i = 0; i < NFIGURES; i++) {
        char line[64];
        snprintf(line, sizeof line, "\t%s\t", figures[i]);
        cr_assert(strstr(manifest, line), "figure %s not in the manifest",
                  figures[i]);
        assert_png(dir, figures[i]);
        assert_pdf(dir, figures[i]);
        if (strcmp(figures[i], "neuron") != 0) {
            char gp[64], dat[64];
            snprintf(gp, sizeof gp, "%s.gp", figures[i]);
            snprintf(dat, sizeof dat, "%s.dat", figures[i]);
            cr_assert(file_size(dir, gp) > 500, "%s", gp);
            cr_assert(file_size(dir, dat) > 100, "%s", dat);
        }
    }
    free(manifest);
}

/* The numbers the chapter prints, checked against what they must be.
 * Sample statistics are allowed 5 standard errors. */
Test(chapter01, numbers_are_right)
{
    char *dir = book_run();
    char *gauss = read_in(dir, "gaussian.out");
    cr_assert(fabs(number_after(gauss, "p(0) =") - 0.3989) < 1e-4);
    cr_assert(fabs(number_after(gauss, "[-6, 6] =") - 1) < 1e-6, "%s", gauss);

    char *sample = read_in(dir, "sample.out");
    double m0 = number_after(sample, "x0: shape (100,), mean");
    double m1 = number_after(sample, "x1: shape (100,), mean");
    /* The standard error of a mean of 100 values of width 1 is 0.1. */
    cr_assert(fabs(m0 + 1.5) < 0.5 && fabs(m1 - 1.5) < 0.5, "%s", sample);
    /* The standard error of the standard deviation of 100 normal values
     * of width 1 is about 1 / sqrt(200) = 0.07. */
    double s0 = number_after(strstr(sample, "x0:"), "standard deviation");
    double s1 = number_after(strstr(sample, "x1:"), "standard deviation");
    cr_assert(fabs(s0 - 1) < 0.35 && fabs(s1 - 1) < 0.35, "%s", sample);

    char *sig = read_in(dir, "sigmoid.out");
    cr_assert(strstr(sig, "sigma(-10000) = 0\n"), "%s", sig);
    cr_assert(strstr(sig, "sigma(     0) = 0.5\n"), "%s", sig);
    cr_assert(strstr(sig, "sigma( 10000) = 1\n"), "%s", sig);
    cr_assert(fabs(number_after(sig, "sigma(     2) =") - 0.880797) < 1e-6);

    char *hist = read_in(dir, "histograms.out");
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
    char *cls = read_in(dir, "classify.out");
    double acc = number_after(cls, "accuracy");
    cr_assert(fabs(acc - 0.933) < 5 * 0.018, "accuracy %g", acc);
    cr_assert(strstr(cls, "the boundary is at x = -b/w = 0\n"), "%s", cls);

    free(gauss);
    free(sample);
    free(sig);
    free(hist);
    free(cls);
}

/* The same seed gives the same numbers and the same figures. */
Test(chapter01, runs_are_reproducible)
{
    char *a = book_run(), *b = book_run();
    const char *files[] = {"sample.out", "classify.out", "sample.dat",
                           "histograms.gp", "classify.png", "neuron.png",
                           "neuron.pdf", "sigmoid.pdf", "manifest.tsv"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char *pa = wb_path_join(a, files[i]), *pb = wb_path_join(b, files[i]);
        size_t la, lb;
        char *x = wb_read_file(pa, &la), *y = wb_read_file(pb, &lb);
        cr_assert(x && y);
        cr_assert(la == lb && memcmp(x, y, la) == 0, "%s differs", files[i]);
        free(x);
        free(y);
        free(pa);
        free(pb);
    }
}

Test(chapter01, the_weaver_makes_its_page)
{
    char *dir = book_run();
    program_result r = run_program(
        NULL, (const char *[]){WEAVE, "--number", "1", "--figures", dir,
                               SOURCE, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "# The sigmoid in one dimension\n"));
    for (size_t i = 0; i < NFIGURES; i++) {
        char fig[128];
        snprintf(fig, sizeof fig, "](%s/%s){#fig-1-%s}", dir, figures[i],
                 figures[i]);
        cr_assert(strstr(r.out, fig), "no figure %s in the page", figures[i]);
    }
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
    cr_assert_eq(count_lines(r.out), 8, "%s", r.out);
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
    cr_assert_null(strstr(r.out, "[1/8]"), "earlier steps run silently");
    program_result_free(&r);

    r = run_program(NULL, (const char *[]){CHAPTER, "--only", "classify",
                                           "--w", "4", "--b", "-4",
                                           "--predict", "-1", "--out", dir,
                                           NULL});
    cr_assert(strstr(r.out, "not quite"), "%s", r.out);
    program_result_free(&r);
}

/* --step, with standard input not a terminal: shows each step's prose and
 * code, runs everything, never waits. */
Test(chapter01, step_mode_runs_through_without_a_terminal)
{
    char *dir = test_dir("ch01-step");
    setenv("WB_GRAPHICS", "dumb", 1);
    program_result r = run_program(
        NULL, (const char *[]){CHAPTER, "--step", "--out", dir, NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert(strstr(r.out, "== Step 1 of 8: The normal distribution =="));
    cr_assert(strstr(r.out, "== Step 8 of 8: The neuron over the examples"));
    cr_assert(strstr(r.out, "static int histograms(wb_run *run)"));
    cr_assert(strstr(r.out, "Figure histograms"), "figures are named");
    cr_assert(strstr(r.out, "examples per bin"), "a text plot is drawn");
    cr_assert_null(strchr(r.out, '\f'), "no form feeds");
    cr_assert_null(strstr(r.out, "[Enter"), "no prompt without a terminal");
    program_result_free(&r);
}

/* ---- --step in a terminal ----------------------------------------------- */

/* Runs the chapter on a pseudo-terminal, as a reader at a keyboard would:
 * answers the terminal query with `da1` (the reply of a terminal that
 * draws sixel graphics, or not), and types `keys` at each prompt. Returns
 * everything the program wrote, and its exit status in *status. */
static char *run_on_terminal(const char *const *argv, const char *da1,
                             const char *keys, int *status)
{
    wb_buf seen = {0};
    size_t prompts = 0, answered_upto = 0;
    int fd;
    pid_t pid = forkpty(&fd, NULL, NULL, NULL);
    cr_assert(pid >= 0, "forkpty");
    if (pid == 0) {
        setenv("TERM", "xterm-256color", 1);
        unsetenv("NO_COLOR");
        unsetenv("WB_GRAPHICS");
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    for (int idle = 0; idle < 100;) {    /* at most 100 quiet 0.2 s waits */
        struct pollfd p = {fd, POLLIN, 0};
        char chunk[4096];
        if (poll(&p, 1, 200) <= 0) {
            idle++;
            continue;
        }
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n <= 0)
            break;
        wb_buf_append(&seen, chunk, (size_t)n);
        if (da1 && strstr(seen.data, "\033[c")) {
            cr_assert(write(fd, da1, strlen(da1)) > 0);
            da1 = NULL;
        }
        /* One key at each new prompt. */
        for (const char *s = seen.data + answered_upto;
             (s = strstr(s, "[Enter: ")) != NULL; s++) {
            char key[3] = {keys[prompts % strlen(keys)], '\n', 0};
            if (key[0] == '\n')
                key[1] = 0;
            cr_assert(write(fd, key, strlen(key)) > 0);
            prompts++;
            answered_upto = (size_t)(s - seen.data) + 1;
        }
    }
    close(fd);
    cr_assert_eq(waitpid(pid, status, 0), pid);
    *status = WIFEXITED(*status) ? WEXITSTATUS(*status) : 128;
    char *text = wb_buf_take(&seen);
    cr_assert(text);
    return text;
}

Test(chapter01, step_mode_in_a_terminal_waits_and_draws)
{
    char *dir = test_dir("ch01-tty");
    int status;
    /* A terminal that speaks sixel: the figure comes as sixel pixels. */
    char *out = run_on_terminal(
        (const char *[]){CHAPTER, "--step", "--only", "sigmoid", "--out", dir,
                         NULL},
        "\033[?62;4;22c", "\n", &status);
    cr_assert_eq(status, 0);
    cr_assert(strstr(out, "[Enter: run this step"), "it waits");
    cr_assert(strstr(out, "sigma(     2) = 0.880797"), "it runs the step");
    cr_assert(strstr(out, "\033Pq"), "a sixel image follows the step");
    free(out);

    /* One that does not: the figure is drawn in text. */
    out = run_on_terminal(
        (const char *[]){CHAPTER, "--step", "--only", "sigmoid", "--out", dir,
                         NULL},
        "\033[?62;22c", "\n", &status);
    cr_assert_eq(status, 0);
    cr_assert_null(strstr(out, "\033Pq"));
    cr_assert(strstr(out, "0.5"), "a text plot with its tics");
    free(out);
}

Test(chapter01, step_mode_stops_on_q)
{
    char *dir = test_dir("ch01-quit");
    int status;
    char *out = run_on_terminal(
        (const char *[]){CHAPTER, "--step", "--out", dir, NULL}, "\033[?1;2c",
        "q", &status);
    cr_assert_eq(status, 0);
    cr_assert(strstr(out, "== Step 1 of 8"), "%s", out);
    cr_assert_null(strstr(out, "= 1.000000"), "the step did not run");
    cr_assert_null(strstr(out, "== Step 2 of 8"), "and nothing after it");
    free(out);
}
