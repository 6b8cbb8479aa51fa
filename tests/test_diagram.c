/* test_diagram.c: the neuron and network diagrams (wb_diagram.h).
 *
 * Each test draws into its own fresh folder under /tmp (Criterion runs the
 * tests in parallel processes), then reads the files back: PNG and PDF
 * signatures, the PNG's size in its IHDR chunk, no temporary file left
 * behind, the same bytes from two runs, and the figure recorded in the run.
 */
#include <criterion/criterion.h>

#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_core.h"
#include "wb_diagram.h"
#include "wb_output.h"

/* A diagram file smaller than this has lost its text or its drawing. */
#define MIN_FILE_BYTES 4096

/* ---- helpers ----------------------------------------------------------- */

static char *make_dir(void)
{
    return test_dir("diagram");
}

static bool exists(const char *dir, const char *file)
{
    return file_exists(dir, file);
}

/* Whether the len bytes at data, which may hold NULs, contain `text`. */
static bool contains(const char *data, size_t len, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(data + i, text, n) == 0)
            return true;
    return false;
}

static void check_png(const char *dir, const char *file, uint32_t *width,
                      uint32_t *height)
{
    assert_png(dir, file, MIN_FILE_BYTES, width, height);
}

static void check_pdf(const char *dir, const char *file)
{
    assert_pdf(dir, file, MIN_FILE_BYTES);
}

static void check_same_bytes(const char *dir1, const char *dir2,
                             const char *file)
{
    size_t len1, len2;
    char *a = read_in(dir1, file, &len1);
    char *b = read_in(dir2, file, &len2);
    cr_assert(len1 == len2 && memcmp(a, b, len1) == 0,
              "%s differs from one run to the next", file);
    free(a);
    free(b);
}

/* The network of chapter 5 (2 inputs, 50 hidden neurons, 1 output), with
 * weights of both signs and various sizes, as a fit would give. */
typedef struct mlp_weights {
    double hidden[2 * 50], output[50];
    wb_array w0, w1;
    const wb_array *layers[2];
} mlp_weights;

static const size_t MLP_SIZES[] = {2, 50, 1};

static void make_mlp_weights(mlp_weights *m)
{
    for (size_t k = 0; k < 100; k++)
        m->hidden[k] = sin(1.7 * (double)k + 0.3) * (1 + (double)(k % 7));
    for (size_t k = 0; k < 50; k++)
        m->output[k] = cos(2.3 * (double)k) * 3;
    m->w0 = (wb_array){2, {2, 50}, 100, m->hidden};
    m->w1 = (wb_array){2, {50, 1}, 50, m->output};
    m->layers[0] = &m->w0;
    m->layers[1] = &m->w1;
}

/* ---- the files --------------------------------------------------------- */

Test(diagram, neuron_writes_a_png_and_a_pdf)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    uint32_t w, h;

    cr_assert_eq(wb_diagram_neuron(&out, "neuron", "The neuron."), 0, "%s",
                 wb_error());
    check_png(dir, "neuron.png", &w, &h);
    cr_assert(w >= 1000 && w <= 1600, "PNG width %u", w);
    /* a wide picture, about 2.4:1 */
    cr_assert(w > 2 * h && w < 3 * h, "PNG of %u x %u pixels", w, h);
    check_pdf(dir, "neuron.pdf");
    cr_assert(!exists(dir, "neuron.svg"), "an SVG nobody asked for");
    /* and neuron.txt, its drawing for a terminal */
    cr_assert_eq((count_entries(dir, "") - count_entries(dir, ".")), 3);
    cr_assert_eq(count_entries(dir, "."), 0, "a temporary file is left");

    cr_assert_eq(out.nfigures, 1);
    cr_assert_str_eq(out.figures[0].name, "neuron");
    cr_assert_str_eq(out.figures[0].caption, "The neuron.");
    cr_assert(!out.figures[0].has_script, "a diagram has no gnuplot script");
    wb_output_close(&out);
}

Test(diagram, network_writes_a_png_and_a_pdf)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    mlp_weights m;
    uint32_t w, h;

    make_mlp_weights(&m);
    cr_assert_eq(wb_diagram_network(&out, "mlp", NULL, MLP_SIZES, 3,
                                    m.layers),
                 0, "%s", wb_error());
    check_png(dir, "mlp.png", &w, &h);
    cr_assert(w >= 1000 && w <= 1600, "PNG width %u", w);
    cr_assert(h > w / 3 && h < w, "PNG of %u x %u pixels", w, h);
    check_pdf(dir, "mlp.pdf");
    cr_assert_eq((count_entries(dir, "") - count_entries(dir, ".")), 3);
    cr_assert_eq(count_entries(dir, "."), 0, "a temporary file is left");
    cr_assert_eq(out.nfigures, 1);
    cr_assert_str_eq(out.figures[0].name, "mlp");
    cr_assert_null(out.figures[0].caption);
    wb_output_close(&out);
}

/* The drawings in text that --step shows on a terminal without pixels:
 * the same parts, labels and numbers as the pictures, within 80
 * columns. */
Test(diagram, text_drawings)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG};
    mlp_weights m;
    const char *parts[] = {"neuron", "weighted sum", "z = wx + b",
                           "activation", "σ(z)", "probability", "input"};
    char *text;

    make_mlp_weights(&m);
    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), 0, "%s",
                 wb_error());
    cr_assert_eq(wb_diagram_network(&out, "mlp", NULL, MLP_SIZES, 3,
                                    m.layers), 0, "%s", wb_error());
    text = read_in(dir, "neuron.txt", NULL);
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        cr_assert(strstr(text, parts[i]), "no '%s' in:\n%s", parts[i], text);
    free(text);

    text = read_in(dir, "mlp.txt", NULL);
    const char *net[] = {"input layer", "hidden layer", "output layer",
                         "( x₁ )", "( x₂ )", "( h₁ )", "( h₅₀ )", "⋮",
                         "( p )", "2 neurons", "50 neurons", "1 neuron",
                         "2 x 50 weights", "50 x 1 weights"};
    for (size_t i = 0; i < sizeof net / sizeof *net; i++)
        cr_assert(strstr(text, net[i]), "no '%s' in:\n%s", net[i], text);
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n"), columns = 0;
        for (size_t k = 0; k < n; k++)
            columns += ((unsigned char)line[k] & 0xC0) != 0x80;
        cr_assert_leq(columns, 80, "a line of %zu columns", columns);
        line += n + (line[n] == '\n');
    }
    free(text);
    wb_output_close(&out);
}

Test(diagram, network_without_weights)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    static const size_t sizes[] = {2, 3, 1};
    double values[3] = {0.5, -2, 1};
    wb_array w1 = {2, {3, 1}, 3, values};
    const wb_array *only_last[] = {NULL, &w1};
    uint32_t w, h;

    cr_assert_eq(wb_diagram_network(&out, "plain", "", sizes, 3, NULL), 0,
                 "%s", wb_error());
    cr_assert_eq(wb_diagram_network(&out, "half", "", sizes, 3, only_last),
                 0, "%s", wb_error());
    check_png(dir, "plain.png", &w, &h);
    cr_assert(h > w / 5 && h < w, "PNG of %u x %u pixels", w, h);
    check_pdf(dir, "plain.pdf");
    check_png(dir, "half.png", &w, &h);
    check_pdf(dir, "half.pdf");
    cr_assert_eq(out.nfigures, 2);
    cr_assert_str_eq(out.figures[1].name, "half");
    wb_output_close(&out);
}

/* Networks at the edges: one neuron per layer, a huge layer, several
 * hidden layers, weights all zero, a weight that is not a number. */
Test(diagram, unusual_networks)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG};
    static const size_t tiny[] = {1, 1};
    static const size_t huge[] = {3, 1000, 2};
    static const size_t deep[] = {2, 9, 9, 9, 9, 9, 9, 9, 9, 9, 1};
    double *big = calloc(3 * 1000 + 1000 * 2, sizeof *big);
    double nan_one[1] = {NAN};
    wb_array h0 = {2, {3, 1000}, 3000, big};
    wb_array h1 = {2, {1000, 2}, 2000, big + 3000};
    wb_array t0 = {2, {1, 1}, 1, nan_one};
    const wb_array *hw[] = {&h0, &h1}, *tw[] = {&t0};
    uint32_t w, h;

    cr_assert_not_null(big);
    cr_assert_eq(wb_diagram_network(&out, "tiny", "", tiny, 2, tw), 0, "%s",
                 wb_error());
    cr_assert_eq(wb_diagram_network(&out, "zeros", "", huge, 3, hw), 0, "%s",
                 wb_error());
    for (size_t k = 0; k < 5000; k++)
        big[k] = (double)k - 2500;
    cr_assert_eq(wb_diagram_network(&out, "huge", "", huge, 3, hw), 0, "%s",
                 wb_error());
    cr_assert_eq(wb_diagram_network(&out, "deep", "", deep, 11, NULL), 0,
                 "%s", wb_error());
    check_png(dir, "tiny.png", &w, &h);
    check_png(dir, "huge.png", &w, &h);
    /* 1000 neurons are drawn as 7 and an ellipsis: the picture stays
     * about as tall as it is wide */
    cr_assert(h < w, "PNG of %u x %u pixels", w, h);
    check_png(dir, "deep.png", &w, &h);
    cr_assert(w >= 1000 && w <= 1600, "PNG width %u", w);
    cr_assert_eq(out.nfigures, 4);
    free(big);
    wb_output_close(&out);
}

Test(diagram, only_the_formats_asked_for)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_SVG};
    size_t len;
    char *svg;

    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), 0, "%s",
                 wb_error());
    cr_assert_eq((count_entries(dir, "") - count_entries(dir, ".")), 2,
                 "neuron.svg and neuron.txt");
    svg = read_in(dir, "neuron.svg", &len);
    cr_assert(len > MIN_FILE_BYTES && strncmp(svg, "<?xml", 5) == 0 &&
                  strstr(svg, "<svg") && strstr(svg, "</svg>"),
              "neuron.svg is not a complete SVG");
    free(svg);

    out.formats = WB_PDF;
    cr_assert_eq(wb_diagram_neuron(&out, "neuron_pdf", NULL), 0, "%s",
                 wb_error());
    cr_assert(exists(dir, "neuron_pdf.pdf") && !exists(dir, "neuron_pdf.png"));
    wb_output_close(&out);
}

/* ---- reproducible ------------------------------------------------------ */

static void draw_both(wb_output *out)
{
    mlp_weights m;
    make_mlp_weights(&m);
    cr_assert_eq(wb_diagram_neuron(out, "neuron", "n"), 0, "%s", wb_error());
    cr_assert_eq(wb_diagram_network(out, "mlp", "m", MLP_SIZES, 3, m.layers),
                 0, "%s", wb_error());
}

Test(diagram, two_runs_give_the_same_bytes)
{
    char *dir1 = make_dir(), *dir2 = make_dir();
    const unsigned all = WB_PNG | WB_PDF | WB_SVG;
    wb_output out1 = {.dir = dir1, .formats = all};
    wb_output out2 = {.dir = dir2, .formats = all};
    static const char *const files[] = {"neuron.png", "neuron.pdf",
                                        "neuron.svg", "mlp.png", "mlp.pdf",
                                        "mlp.svg"};

    draw_both(&out1);
    /* Cairo writes the time into a PDF unless told otherwise: make sure
     * the clock has moved on between the two runs. */
    sleep(1);
    draw_both(&out2);
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        check_same_bytes(dir1, dir2, files[i]);
    wb_output_close(&out1);
    wb_output_close(&out2);
}

Test(diagram, pdf_has_the_fixed_date)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PDF};
    size_t len;
    char *pdf;

    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), 0, "%s",
                 wb_error());
    pdf = read_in(dir, "neuron.pdf", &len);
    /* The metadata are written uncompressed; the date is 2024-01-01. */
    cr_assert(contains(pdf, len, "/CreationDate ("), "no CreationDate");
    cr_assert(contains(pdf, len, "/CreationDate (20240101000000"),
              "not the fixed creation date");
    cr_assert(contains(pdf, len, "/ModDate (20240101000000"),
              "not the fixed modification date");
    free(pdf);
    wb_output_close(&out);
}

/* ---- what is not drawn ------------------------------------------------- */

Test(diagram, a_silent_run_writes_nothing)
{
    char *dir = make_dir();
    char *sub = wb_path_join(dir, "figures");
    wb_output out = {.dir = sub, .formats = WB_PNG | WB_PDF, .dry_run = true};
    mlp_weights m;

    make_mlp_weights(&m);
    cr_assert_eq(wb_diagram_neuron(&out, "neuron", "n"), 0, "%s", wb_error());
    cr_assert_eq(wb_diagram_network(&out, "mlp", "m", MLP_SIZES, 3, m.layers),
                 0, "%s", wb_error());
    cr_assert(!exists(dir, "figures"), "the figure folder was created");
    cr_assert_eq(count_entries(dir, ""), 0);
    cr_assert_eq(out.nfigures, 0);
    free(sub);
    wb_output_close(&out);
}

Test(diagram, bad_names_fail)
{
    static const char *const names[] = {"",         ".hidden", "-option",
                                        "../escape", "a/b",    "two words",
                                        "tab\tname", NULL};
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    static const size_t sizes[] = {2, 3, 1};

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        wb_fail("%s", "");
        cr_assert_eq(wb_diagram_neuron(&out, names[i], NULL), -1,
                     "name '%s' accepted", names[i] ? names[i] : "(null)");
        cr_assert_not_null(strstr(wb_error(), "not a figure name"),
                           "message: '%s'", wb_error());
        wb_fail("%s", "");
        cr_assert_eq(wb_diagram_network(&out, names[i], NULL, sizes, 3, NULL),
                     -1);
        cr_assert_neq(wb_error()[0], '\0', "no message");
    }
    /* even when the run draws nothing, a bad name is reported */
    out.dry_run = true;
    cr_assert_eq(wb_diagram_neuron(&out, "../escape", NULL), -1);
    cr_assert_eq(count_entries(dir, ""), 0);
    cr_assert_eq(out.nfigures, 0);
    wb_output_close(&out);
}

Test(diagram, a_name_drawn_twice_fails_and_keeps_the_first)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    static const size_t sizes[] = {2, 3, 1};
    size_t len1, len2;
    char *before, *after;

    cr_assert_eq(wb_diagram_neuron(&out, "fig", NULL), 0, "%s", wb_error());
    before = read_in(dir, "fig.png", &len1);
    cr_assert_eq(wb_diagram_network(&out, "fig", NULL, sizes, 3, NULL), -1);
    cr_assert_not_null(strstr(wb_error(), "twice"), "message: '%s'",
                       wb_error());
    after = read_in(dir, "fig.png", &len2);
    cr_assert(len1 == len2 && memcmp(before, after, len1) == 0,
              "the second drawing overwrote the first");
    cr_assert_eq(out.nfigures, 1);
    free(before);
    free(after);
    wb_output_close(&out);
}

/* ---- failures ---------------------------------------------------------- */

Test(diagram, an_out_dir_that_is_a_file_fails)
{
    char *dir = make_dir();
    char *file = wb_path_join(dir, "not_a_folder");
    wb_output out = {.dir = file, .formats = WB_PNG};

    cr_assert_eq(wb_write_file(file, "x", 1), 0, "%s", wb_error());
    wb_fail("%s", "");
    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), -1);
    cr_assert_neq(wb_error()[0], '\0', "no message");
    cr_assert_eq(out.nfigures, 0);
    free(file);
    wb_output_close(&out);
}

/* A disk that fills up halfway through a file: the call fails with a
 * message, and neither a partial file nor a temporary one is left. */
Test(diagram, a_failed_write_leaves_no_file)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF};
    struct rlimit limit = {.rlim_cur = 2000, .rlim_max = RLIM_INFINITY};

    signal(SIGXFSZ, SIG_IGN);    /* writes past the limit fail with EFBIG */
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    wb_fail("%s", "");
    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), -1);
    cr_assert_not_null(strstr(wb_error(), "neuron.png"), "message: '%s'",
                       wb_error());
    limit.rlim_cur = RLIM_INFINITY;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    cr_assert_eq((count_entries(dir, "") - count_entries(dir, ".")), 0, "a partial file is left");
    cr_assert_eq(count_entries(dir, "."), 0, "a temporary file is left");
    cr_assert_eq(out.nfigures, 0);

    /* the same for the PDF, which cairo writes as it finishes it */
    out.formats = WB_PDF;
    limit.rlim_cur = 2000;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    cr_assert_eq(wb_diagram_neuron(&out, "neuron", NULL), -1);
    cr_assert_not_null(strstr(wb_error(), "neuron.pdf"), "message: '%s'",
                       wb_error());
    limit.rlim_cur = RLIM_INFINITY;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    cr_assert_eq(count_entries(dir, ""), 0);
    wb_output_close(&out);
}

/* Weights of the wrong shape are a bug in the caller: an assertion. */
Test(diagram, weights_of_the_wrong_shape_abort, .signal = SIGABRT)
{
    /* The shapes are checked first, even in a run that draws nothing. */
    wb_output out = {.dir = "unused", .formats = WB_PNG, .dry_run = true};
    static const size_t sizes[] = {2, 3, 1};
    double values[6] = {0};
    wb_array transposed = {2, {3, 2}, 6, values};
    const wb_array *weights[] = {&transposed, NULL};

    wb_diagram_network(&out, "wrong", NULL, sizes, 3, weights);
}

/* ---- chosen neurons and their biases ---------------------------------- */

/* The trained network as chapter 5 draws it: four hidden neurons chosen
 * out of 50, in the order given, and an ellipsis for the others; each
 * neuron's bias under it; the picture taller than without the biases, and
 * the same edges' weights as the whole matrices give. */
Test(diagram, chosen_neurons_and_biases)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_PDF | WB_SVG};
    mlp_weights m;
    double b_hidden[50], b_out[1] = {-0.25};
    for (size_t h = 0; h < 50; h++)
        b_hidden[h] = 0.001 * (double)h - 0.02;
    wb_array bh = {1, {50}, 50, b_hidden}, bo = {1, {1}, 1, b_out};
    static const size_t chosen[] = {12, 21, 10, 14};
    uint32_t w, h, w_plain, h_plain;
    char *text;

    make_mlp_weights(&m);
    const wb_diagram_layer layers[] = {
        {.size = 2},
        {.size = 50, .shown = chosen, .nshown = 4, .weights = &m.w0,
         .biases = &bh},
        {.size = 1, .weights = &m.w1, .biases = &bo}};
    cr_assert_eq(wb_diagram_layers(&out, "chosen", "c", layers, 3), 0, "%s",
                 wb_error());
    const wb_diagram_layer plain[] = {
        {.size = 2}, {.size = 50, .shown = chosen, .nshown = 4},
        {.size = 1}};
    cr_assert_eq(wb_diagram_layers(&out, "plain", NULL, plain, 3), 0, "%s",
                 wb_error());
    check_png(dir, "chosen.png", &w, &h);
    check_png(dir, "plain.png", &w_plain, &h_plain);
    check_pdf(dir, "chosen.pdf");
    cr_assert_eq(w, w_plain);
    cr_assert(h > h_plain, "the biases take room: %u, not more than %u", h,
              h_plain);

    /* The drawing in text: the chosen neurons in their order, their
     * biases, the ellipsis, and no neuron that was not chosen. */
    text = read_in(dir, "chosen.txt", NULL);
    const char *h13 = strstr(text, "( h₁₃ ) -0.01"),
               *h22 = strstr(text, "( h₂₂ ) +0.00"),
               *h11 = strstr(text, "( h₁₁ ) -0.01"),
               *h15 = strstr(text, "( h₁₅ ) -0.01"),
               *dots = strstr(text, "⋮");
    cr_assert(h13 && h22 && h11 && h15 && dots && h13 < h22 && h22 < h11 &&
              h11 < h15 && h15 < dots, "%s", text);
    cr_assert(strstr(text, "( p ) -0.25"), "%s", text);
    cr_assert_null(strstr(text, "( h₁ )"), "%s", text);
    cr_assert(strstr(text, "50 neurons"), "%s", text);
    cr_assert(strstr(text, "2 x 50 weights"), "%s", text);
    cr_assert(strstr(text, "its bias"), "%s", text);
    free(text);

    /* Every neuron chosen: no ellipsis. */
    static const size_t both[] = {1, 0};
    const wb_diagram_layer all[] = {{.size = 2, .shown = both, .nshown = 2},
                                    {.size = 1}};
    cr_assert_eq(wb_diagram_layers(&out, "all", NULL, all, 2), 0, "%s",
                 wb_error());
    text = read_in(dir, "all.txt", NULL);
    cr_assert(strstr(text, "( x₂ )") < strstr(text, "( x₁ )"), "%s", text);
    cr_assert_null(strstr(text, "⋮"), "%s", text);
    free(text);
    wb_output_close(&out);
}

/* wb_diagram_network is wb_diagram_layers with sizes and weights alone:
 * the same picture, to the byte. */
Test(diagram, network_is_layers_with_sizes_and_weights)
{
    char *dir = make_dir();
    wb_output out = {.dir = dir, .formats = WB_PNG | WB_SVG};
    mlp_weights m;
    make_mlp_weights(&m);
    const wb_diagram_layer layers[] = {{.size = 2},
                                       {.size = 50, .weights = &m.w0},
                                       {.size = 1, .weights = &m.w1}};
    cr_assert_eq(wb_diagram_network(&out, "a", NULL, MLP_SIZES, 3, m.layers),
                 0, "%s", wb_error());
    cr_assert_eq(wb_diagram_layers(&out, "b", NULL, layers, 3), 0, "%s",
                 wb_error());
    size_t na, nb;
    char *a = read_in(dir, "a.png", &na), *b = read_in(dir, "b.png", &nb);
    cr_assert(na == nb && memcmp(a, b, na) == 0, "a.png and b.png differ");
    free(a);
    free(b);
    a = read_in(dir, "a.txt", &na);
    b = read_in(dir, "b.txt", &nb);
    cr_assert(na == nb && memcmp(a, b, na) == 0, "%s\n%s", a, b);
    free(a);
    free(b);
    wb_output_close(&out);
}

/* A neuron that is not there, or biases of the wrong size: assertions. */
Test(diagram, a_chosen_neuron_that_is_not_there_aborts, .signal = SIGABRT)
{
    wb_output out = {.dir = "unused", .formats = WB_PNG, .dry_run = true};
    static const size_t chosen[] = {2, 3};
    const wb_diagram_layer layers[] = {{.size = 2},
                                       {.size = 3, .shown = chosen,
                                        .nshown = 2},
                                       {.size = 1}};
    wb_diagram_layers(&out, "missing", NULL, layers, 3);
}

Test(diagram, biases_of_the_wrong_size_abort, .signal = SIGABRT)
{
    wb_output out = {.dir = "unused", .formats = WB_PNG, .dry_run = true};
    double values[2] = {0};
    wb_array b = {1, {2}, 2, values};
    const wb_diagram_layer layers[] = {{.size = 2}, {.size = 3, .biases = &b},
                                       {.size = 1}};
    wb_diagram_layers(&out, "biases", NULL, layers, 3);
}
