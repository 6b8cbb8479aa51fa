/* Tests of the figures (wb_figure.h): gnuplot strings, the script and
 * data a figure writes, rendering with the real gnuplot, and showing a
 * figure in the terminal.
 *
 * Every test of the plot suite works in its own folder (Criterion runs
 * tests in parallel processes), removed at its end. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <unistd.h>

#include "helpers.h"
#include "wb_array.h"
#include "wb_core.h"
#include "wb_diagram.h"
#include "wb_figure.h"
#include "wb_gp_process.h"
#include "wb_gp_render.h"
#include "wb_gp_string.h"
#include "wb_show.h"

/* ---- helpers ----------------------------------------------------------- */

static char dir[64];
static wb_output out;

static void setup(void)
{
    strcpy(dir, "/tmp/wb-plot-XXXXXX");
    cr_assert(mkdtemp(dir), "mkdtemp");
    out = (wb_output){.dir = dir, .formats = WB_PNG};
}

/* Removes the test's folder (it holds only files). */
static void teardown(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    wb_output_close(&out);
    if (!d)
        return;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            char *p = wb_path_join(dir, e->d_name);
            unlink(p);
            free(p);
        }
    closedir(d);
    rmdir(dir);
}

TestSuite(plot, .init = setup, .fini = teardown);
TestSuite(gp_string);

/* "DIR/NAME" as a new string. */
static char *in_dir(const char *name)
{
    char *p = wb_path_join(dir, name);
    cr_assert(p);
    return p;
}

static bool exists(const char *name)
{
    return file_exists(dir, name);
}

/* The whole of DIR/NAME, or fails the test. */
static char *slurp(const char *name, size_t *len)
{
    char *p = in_dir(name);
    char *text = wb_read_file(p, len);
    cr_assert(text, "cannot read %s: %s", p, wb_error());
    free(p);
    return text;
}

/* How many entries of the test's folder start with `prefix` ("." for
 * temporary files). */
static int count_files(const char *prefix)
{
    return count_entries(dir, prefix);
}

/* NAME is a PNG of the given size. */
static void assert_png_size(const char *name, uint32_t width, uint32_t height)
{
    uint32_t w, h;
    assert_png(dir, name, 2000, &w, &h);
    cr_assert_eq(w, width, "%s: width %u", name, w);
    cr_assert_eq(h, height, "%s: height %u", name, h);
}

/* A 1-D array of n values from lo to hi. */
static wb_array *ramp(size_t n, double lo, double hi)
{
    wb_array *a = wb_linspace(lo, hi, n);
    cr_assert(a);
    return a;
}

/* z = 1 / (1 + exp(-(x1 + 2 x2))) on an (m, n) grid over [-6, 6]^2. */
static void sigmoid_grid(size_t m, size_t n, wb_array **xx, wb_array **yy,
                         wb_array **z)
{
    wb_array *x = ramp(n, -6, 6), *y = ramp(m, -6, 6);
    cr_assert_eq(wb_meshgrid(xx, yy, x, y), 0);
    *z = wb_full_like(*xx, 0);
    cr_assert(*z);
    for (size_t i = 0; i < (*z)->size; i++)
        (*z)->data[i] =
            1 / (1 + exp(-((*xx)->data[i] + 2 * (*yy)->data[i])));
    wb_free(x);
    wb_free(y);
}

/* The text of data block k of a .dat file (blocks are separated by two
 * blank lines), as a new string. */
static char *data_block(const char *dat, int k)
{
    const char *s = dat;
    const char *end;
    for (int i = 0; i < k; i++) {
        s = strstr(s, "\n\n\n");
        cr_assert(s, "no block %d", k);
        s += 3;
    }
    end = strstr(s, "\n\n\n");
    return wb_strndup(s, end ? (size_t)(end - s) + 1 : strlen(s));
}

/* Rows of numbers in a block (not comments, not blank). */
static int data_rows(const char *block)
{
    int n = 0;
    for (const char *s = block; *s;) {
        const char *e = strchr(s, '\n');
        if (*s != '#' && *s != '\n')
            n++;
        if (!e)
            break;
        s = e + 1;
    }
    return n;
}

/* A figure with one line, for tests about rendering. */
static wb_figure *simple_figure(const char *name)
{
    wb_array *x = ramp(50, -6, 6), *y = ramp(50, 0, 1);
    wb_figure *fig = wb_figure_new(&out, name, "A line.");
    cr_assert(fig);
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "$\\sigma(z)$");
    wb_plot_line(fig, x, y, &(wb_style){.label = "a line"});
    wb_free(x);
    wb_free(y);
    return fig;
}

/* ---- wb_gp_string ------------------------------------------------------ */

/* wb_gp_string(text, math) is `expected`. */
static void check_gp(const char *text, bool math, const char *expected)
{
    char *s = wb_gp_string(text, math);
    cr_assert(s, "wb_gp_string(\"%s\") failed: %s", text, wb_error());
    cr_assert_str_eq(s, expected, "wb_gp_string(\"%s\", %d)", text, math);
    free(s);
}

/* wb_gp_string(text, true) fails, saying `why`. */
static void check_gp_error(const char *text, const char *why)
{
    char *s = wb_gp_string(text, true);
    cr_assert_null(s, "\"%s\" gave %s", text, s);
    cr_assert(strstr(wb_error(), why), "\"%s\": error \"%s\" lacks \"%s\"",
              text, wb_error(), why);
}

Test(gp_string, plain_text_is_single_quoted)
{
    check_gp("", false, "''");
    check_gp("category 0", false, "'category 0'");
    check_gp("x (cm); 50% done, #3", true, "'x (cm); 50% done, #3'");
}

Test(gp_string, quotes_are_doubled)
{
    check_gp("it's", false, "'it''s'");
    /* gnuplot takes '' for a quote only after another character of the
     * string: an empty group {} goes before a quote that follows one. */
    check_gp("''", true, "'{}''{}'''");
    check_gp("'quoted'", false, "'{}''quoted'''");
    check_gp("say \"hi\"", false, "'say \"hi\"'");
}

Test(gp_string, control_bytes_become_spaces)
{
    check_gp("a\nb\rc\td\x7f" "e\x01\x1f" "f", false, "'a b c d e  f'");
    check_gp("line\n!touch x", true, "'line !touch x'");
}

Test(gp_string, enhanced_text_characters_are_escaped)
{
    check_gp("^_@&~{}\\", false, "'\\^\\_\\@\\&\\~\\{\\}\\\\'");
    check_gp("p_0 and e^x", true, "'p\\_0 and e\\^x'");
    check_gp("C:\\dir", true, "'C:\\\\dir'");
}

Test(gp_string, utf8_passes_and_broken_utf8_does_not)
{
    check_gp("σ → ∞, naïve", true, "'σ → ∞, naïve'");
    check_gp("a\xff" "b\xc3", false, "'a?b?'");
}

Test(gp_string, dollars_are_plain_without_math)
{
    check_gp("$x_1$ costs $5", false, "'$x\\_1$ costs $5'");
    check_gp("costs \\$5", true, "'costs $5'");
}

Test(gp_string, math_subscripts_and_superscripts)
{
    check_gp("$x$", true, "'{/:Italic x}'");
    check_gp("$x_1$", true, "'{/:Italic x}_{1}'");
    check_gp("$x_{10}$", true, "'{/:Italic x}_{10}'");
    check_gp("$e^{-z}$", true, "'{/:Italic e}^{−{/:Italic z}}'");
    check_gp("$w_1^2$", true, "'{/:Italic w}@_{1}^{2}'");
    check_gp("$x_i$", true, "'{/:Italic x}_{{/:Italic i}}'");
    check_gp("$x_\\sigma$", true, "'{/:Italic x}_{{/:Italic σ}}'");
    check_gp("$x_ab$", true, "'{/:Italic x}_{{/:Italic a}}{/:Italic b}'");
}

Test(gp_string, math_commands)
{
    check_gp("$\\sigma(z)$", true, "'{/:Italic σ}({/:Italic z})'");
    check_gp("$\\Sigma \\Omega \\alpha$", true,
             "'Σ Ω {/:Italic α}'");
    check_gp("$a \\cdot b \\times c$", true,
             "'{/:Italic a} · {/:Italic b} × {/:Italic c}'");
    check_gp("$\\leq \\geq \\infty \\to \\pm \\ldots$", true,
             "'≤ ≥ ∞ → ± …'");
    check_gp("$\\sigma'(z)$", true, "'{/:Italic σ}′({/:Italic z})'");
    check_gp("$\\mathrm{loss}$", true, "'{loss}'");
    check_gp("$1 - p$", true, "'1 − {/:Italic p}'");
    check_gp("$a\\,b\\;c\\!d\\_e\\$$", true,
             "'{/:Italic a}\u2009{/:Italic b} {/:Italic c}{/:Italic d}"
             "\\_{/:Italic e}$'");
}

Test(gp_string, math_with_text_around)
{
    check_gp("weights $w_1$ and $w_2$ (it's 1-D)", true,
             "'weights {/:Italic w}_{1} and {/:Italic w}_{2} (it''s 1-D)'");
    check_gp("$\\{x\\}$", true, "'\\{{/:Italic x}\\}'");
    check_gp("$a@b&c$", true, "'{/:Italic a}\\@{/:Italic b}\\&{/:Italic c}'");
}

Test(gp_string, math_errors)
{
    check_gp_error("$\\foo$", "\\foo");
    check_gp_error("a $\\sigmaa$", "\\sigmaa");
    check_gp_error("$x", "unmatched $");
    check_gp_error("$x$ and $y", "unmatched $");
    check_gp_error("${x$", "unmatched {");
    check_gp_error("$x}$", "unmatched }");
    check_gp_error("$x_$", "without its argument");
    check_gp_error("$\\mathrm x$", "\\mathrm");
    check_gp_error("$x\\", "a lone \\");
    check_gp_error("$x_\\", "a lone \\");
    check_gp_error("$\\\\$", "unknown command \\\\");
    cr_assert_null(wb_gp_string(NULL, false));
}

/* Whatever the bytes, the result is one single-quoted string with no
 * control character: quotes inside come in pairs. */
Test(gp_string, any_bytes_make_one_safe_string)
{
    uint64_t state = 12345;
    for (int trial = 0; trial < 2000; trial++) {
        char text[40];
        size_t n = 1 + (size_t)trial % 38;
        char *s;
        size_t len;
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            text[i] = (char)(1 + (state >> 33) % 255);
        }
        text[n] = '\0';
        s = wb_gp_string(text, trial % 2 == 0);
        if (!s) {   /* math markup errors are allowed, nothing else */
            cr_assert(trial % 2 == 0, "plain text failed: %s", wb_error());
            continue;
        }
        len = strlen(s);
        cr_assert(len >= 2 && s[0] == '\'' && s[len - 1] == '\'');
        for (size_t i = 1; i + 1 < len; i++) {
            unsigned char c = (unsigned char)s[i];
            cr_assert(c >= 0x20 && c != 0x7F, "control byte %02x", c);
            if (c == '\'') {
                cr_assert_eq(s[i + 1], '\'', "a lone quote in %s", s);
                cr_assert(i + 2 < len, "a lone quote at the end of %s", s);
                i++;
            }
        }
        free(s);
    }
}

/* ---- safety, end to end ------------------------------------------------ */

/* A line of a script is complete: outside any quotes at its end (or at its
 * comment). A string broken by a newline would fail this. */
static bool quotes_closed(const char *line)
{
    char quote = 0;
    for (const char *s = line; *s; s++) {
        if (quote) {
            if (*s == '\\' && quote == '"' && s[1])
                s++;
            else if (*s == quote)
                quote = 0;
        } else if (*s == '#') {
            return true;
        } else if (*s == '\'' || *s == '"') {
            quote = *s;
        }
    }
    return quote == 0;
}

/* A backquote outside single quotes (gnuplot would run its command). */
static bool backquote_outside(const char *line)
{
    bool quoted = false;
    for (const char *s = line; *s; s++) {
        if (*s == '\'')
            quoted = !quoted;
        else if (!quoted && *s == '#')
            return false;
        else if (!quoted && *s == '`')
            return true;
    }
    return false;
}

Test(plot, no_text_can_run_a_command)
{
    char *m = in_dir("MARKER");
    /* Each hazard would create DIR/MARKERn if gnuplot ran it. */
    char *h[13];
    wb_array *x = ramp(20, 0, 1), *y = ramp(20, 0, 1);
    wb_figure *fig;
    char *gp;
    h[0] = wb_asprintf("`touch %s0`", m);
    h[1] = wb_asprintf("\\$(touch %s1) and $(touch %s1)$", m, m);
    h[2] = wb_asprintf("system(\"touch %s2\")", m);
    h[3] = wb_asprintf("title\n!touch %s3\n", m);
    h[4] = wb_asprintf("'; print system('touch %s4'); x = '", m);
    h[5] = wb_asprintf("@ARG0 @x `touch %s5` @(system('touch %s5'))", m, m);
    h[6] = wb_asprintf("<touch %s6", m);
    h[7] = wb_asprintf("|touch %s7", m);
    h[8] = wb_asprintf("end\\\ntouch %s8\\", m);
    h[9] = wb_asprintf("\"`touch %s9`\" ' \"", m);
    h[10] = wb_asprintf("\r\n system('touch %s10') \r\n", m);
    h[11] = wb_asprintf("'\\'\n`touch %s11`", m);
    h[12] = wb_asprintf("'''; system('touch %s12') ''''", m);
    for (int i = 0; i < 13; i++)
        cr_assert(h[i]);

    out.formats = WB_PNG | WB_PDF;
    fig = wb_figure_new(&out, "hazards", h[4]);
    wb_figure_title(fig, h[0]);
    wb_figure_xlabel(fig, h[1]);
    wb_figure_ylabel(fig, h[2]);
    wb_plot_line(fig, x, y, &(wb_style){.label = h[3]});
    wb_plot_scatter(fig, x, y, &(wb_style){.label = h[6]});
    wb_plot_line(fig, y, x, &(wb_style){.label = h[7]});
    wb_plot_hline(fig, 0.5, &(wb_style){.label = h[8]});
    wb_plot_text(fig, 0.5, 0.5, h[5]);
    wb_plot_text(fig, 0.2, 0.8, h[9]);
    wb_plot_text(fig, 0.8, 0.2, h[10]);
    wb_plot_text(fig, 0.4, 0.2, h[11]);
    wb_plot_text(fig, 0.6, 0.6, h[12]);
    cr_assert_eq(wb_figure_render(fig), 0, "render: %s", wb_error());

    cr_assert_eq(count_files("MARKER"), 0, "a hazard ran a command");
    assert_png_size("hazards.png", 960, 600);
    assert_pdf(dir, "hazards.pdf", 2000);

    gp = slurp("hazards.gp", NULL);
    for (char *line = strtok(gp, "\n"); line; line = strtok(NULL, "\n")) {
        const char *t = line + strspn(line, " \t");
        cr_assert(t[0] != '!', "a shell line: %s", line);
        cr_assert(strncmp(t, "touch", 5) != 0, "a stray line: %s", line);
        cr_assert(strncmp(t, "system", 6) != 0, "a stray line: %s", line);
        cr_assert(quotes_closed(line), "a string left open: %s", line);
        cr_assert(!backquote_outside(line), "a backquote: %s", line);
    }
    free(gp);
    for (int i = 0; i < 13; i++)
        free(h[i]);
    free(m);
    wb_free(x);
    wb_free(y);
}

Test(plot, an_output_name_cannot_be_a_pipe)
{
    wb_figure *fig = simple_figure("pipe");
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    /* gnuplot would run `touch MARKER` in the folder, given the name as
     * it is; wb_gnuplot makes it ./|touch MARKER, a plain file. */
    cr_assert_eq(wb_gnuplot(dir, "pipe", "png", "|touch MARKER", 0, 0, NULL), 0,
                 "%s", wb_error());
    cr_assert_eq(count_files("MARKER"), 0, "gnuplot piped into a shell");
    cr_assert(exists("|touch MARKER"), "the output is not a plain file");
}

/* gnuplot reads each string as one string holding exactly the text that
 * wb_gp_string meant: print them all and compare. */
Test(plot, gnuplot_reads_each_string_as_written)
{
    const char alphabet[] = "'\\`\"$@{}^_&~!|<;#ab \n";
    wb_buf script = {0}, expected = {0};
    uint64_t state = 2024;
    char *p = in_dir("strings.gp"), *text, *printed;
    wb_buf_puts(&script, "set print 'strings.out'\n");
    for (int t = 0; t < 1500; t++) {
        char s[16];
        size_t n = 1 + (size_t)t % 14, len;
        char *q;
        for (size_t i = 0; i < n; i++) {
            state = state * 6364136223846793005u + 1442695040888963407u;
            s[i] = alphabet[(state >> 33) % (sizeof alphabet - 1)];
        }
        s[n] = '\0';
        q = wb_gp_string(s, false);
        cr_assert(q);
        wb_buf_printf(&script, "print %s\n", q);
        /* The string's value: the text between the quotes, '' as '. */
        len = strlen(q);
        for (size_t i = 1; i + 1 < len; i++) {
            if (q[i] == '\'')
                i++;
            wb_buf_append(&expected, &q[i], 1);
        }
        wb_buf_puts(&expected, "\n");
        free(q);
    }
    text = wb_buf_take(&script);
    cr_assert_eq(wb_write_file(p, text, strlen(text)), 0);
    cr_assert_eq(wb_gnuplot(dir, "strings", "png", "x.png", 0, 0, NULL), 0, "%s",
                 wb_error());
    printed = slurp("strings.out", NULL);
    cr_assert_str_eq(printed, expected.data);
    free(printed);
    free(text);
    free(p);
    wb_buf_free(&expected);
}

/* ---- the script and the data ------------------------------------------- */

Test(plot, script_and_data_for_each_kind_of_series)
{
    wb_array *x = ramp(30, -1, 1), *y = ramp(30, 0, 2);
    wb_array *v = ramp(101, -5, 5);
    wb_array *xx, *yy, *z, *counts;
    double levels[] = {0.25, 0.5};
    wb_figure *fig;
    char *gp, *dat, *block;
    sigmoid_grid(4, 5, &xx, &yy, &z);

    fig = wb_figure_new(&out, "kinds", NULL);
    wb_figure_title(fig, "Kinds");
    wb_figure_cblabel(fig, "$p$");
    wb_plot_line(fig, x, y, &(wb_style){.label = "line"});          /* 0 */
    wb_plot_scatter(fig, x, y, &(wb_style){.alpha = 0.5});          /* 1 */
    wb_plot_heatmap(fig, xx, yy, z, NULL);                           /* 2 */
    wb_plot_contour(fig, xx, yy, z, levels, 2,
                    &(wb_style){.color = WB_BLACK, .dash = WB_DASHED}); /* 3 */
    wb_plot_hist(fig, v, 7, -3.5, 3.5, &(wb_style){.alpha = 0.4});  /* 4 */
    wb_plot_vline(fig, 0.25, &(wb_style){.dash = WB_DOTTED});
    wb_plot_text(fig, 0, 1, "here");
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());

    gp = slurp("kinds.gp", NULL);
    cr_assert(strncmp(gp, "# kinds.gp:", 11) == 0, "no header comment");
    cr_assert(strstr(gp, "gnuplot -c kinds.gp"), "no way to re-run it");
    cr_assert(strstr(gp, "set terminal pngcairo"));
    cr_assert(strstr(gp, "set terminal pdfcairo"));
    cr_assert(strstr(gp, "set linetype 1 lc rgb '#0072B2'"));
    cr_assert(strstr(gp, "set linetype 8 lc rgb '#000000'"));
    cr_assert(strstr(gp, "set title 'Kinds'"));
    cr_assert(strstr(gp, "\nplot 'kinds.dat' index 0 using 1:2 with lines "
                         "lt 1 title 'line'"));
    cr_assert(strstr(gp, "'kinds.dat' index 1 using 1:2 with points lt 2 "
                         "lc rgb '#80E69F00' notitle"));
    cr_assert(strstr(gp, "'kinds.dat' index 2 using 1:2:3 with image"));
    cr_assert(strstr(gp, "set colorbox"));
    cr_assert(strstr(gp, "set cblabel '{/:Italic p}'"));
    cr_assert(strstr(gp, "set palette defined (0 '#440154'"));
    cr_assert(strstr(gp, "set cntrparam levels discrete 0.25, 0.5"));
    cr_assert(strstr(gp, "set table $CONTOUR_3\nsplot 'kinds.dat' index 3"));
    cr_assert(strstr(gp, "$CONTOUR_3 using 1:2 notitle with lines lt 8 "
                         "dt 2"));
    cr_assert(strstr(gp, "'kinds.dat' index 4 using 1:2:(1) with boxes lt 3"));
    cr_assert(strstr(gp, "fs transparent solid 0.4"));
    cr_assert(strstr(gp, "set arrow from first 0.25, graph 0 to first 0.25, "
                         "graph rule_top nohead front lt 4 dt 3"));
    /* which is the top of the frame, or in text half a cell below it */
    cr_assert(strstr(gp, "rule_top = text_terminal ? 1 - 0.5 / rows : 1\n"));
    cr_assert(strstr(gp, "set label 'here' at first 0, first 1 center"));
    /* The heat map's extent, half a cell beyond the outer points. */
    cr_assert(strstr(gp, "set xrange [-7.5:7.5]"), "%s", gp);
    cr_assert(strstr(gp, "set yrange [-8:8]"), "%s", gp);
    free(gp);

    dat = slurp("kinds.dat", NULL);
    block = data_block(dat, 0);
    cr_assert_eq(data_rows(block), 30);
    cr_assert(strncmp(block, "# index 0: line", 15) == 0, "%s", block);
    cr_assert(strstr(block, "\n-1 0\n"), "%s", block);
    free(block);
    block = data_block(dat, 2);
    cr_assert_eq(data_rows(block), 20);
    /* Four scans of five points, separated by single blank lines. */
    {
        int blanks = 0;
        for (const char *s = block; (s = strstr(s, "\n\n")); s++)
            blanks++;
        cr_assert_eq(blanks, 3, "%s", block);
    }
    free(block);
    block = data_block(dat, 4);
    cr_assert_eq(data_rows(block), 7);
    counts = wb_histogram(v, 7, -3.5, 3.5);
    cr_assert(counts);
    {
        const char *s = strchr(block, '\n') + 1;  /* past the comment */
        for (size_t i = 0; i < 7; i++) {
            char *end;
            double centre = strtod(s, &end);
            double count = strtod(end, &end);
            cr_assert_float_eq(centre, -3 + (double)i, 1e-12);
            cr_assert_eq(count, counts->data[i], "bin %zu", i);
            s = end + 1;
        }
    }
    wb_free(counts);
    free(block);
    free(dat);
    wb_free(x);
    wb_free(y);
    wb_free(v);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

/* Arrows: one block "x y dx dy", one clause with vectors, one legend
 * entry; arrays of different sizes are a programmer's error. */
Test(plot, arrows_from_points)
{
    wb_array *x = ramp(3, -1, 1), *y = ramp(3, 0, 0), *d = ramp(3, 0.5, 0.5);
    wb_figure *fig = wb_figure_new(&out, "arrows", NULL);
    char *gp, *dat, *block;
    wb_plot_arrows(fig, x, y, d, x, &(wb_style){.label = "on side",
                                                 .color = WB_VERMILION});
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("arrows.gp", NULL);
    cr_assert(strstr(gp, "\nplot 'arrows.dat' index 0 using 1:2:3:4 with "
                         "vectors head filled size graph 0.025,25 fixed lt 4 "
                         "title 'on side'"), "%s", gp);
    free(gp);
    dat = slurp("arrows.dat", NULL);
    block = data_block(dat, 0);
    cr_assert_eq(data_rows(block), 3);
    cr_assert(strncmp(block, "# index 0: arrows, columns x y dx dy", 36) == 0,
              "%s", block);
    cr_assert(strstr(block, "\n-1 0 0.5 -1\n0 0 0.5 0\n1 0 0.5 1"), "%s",
              block);
    free(block);
    free(dat);

    wb_array *empty = wb_vector(0);
    fig = wb_figure_new(&out, "noarrows", NULL);
    wb_plot_arrows(fig, empty, empty, empty, empty, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "no arrows to draw"), "%s", wb_error());
    fig = wb_figure_new(&out, "nullarrows", NULL);
    wb_plot_arrows(fig, x, y, d, NULL, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "an array is NULL"), "%s", wb_error());
    wb_free(empty);
    wb_free(x);
    wb_free(y);
    wb_free(d);
}

/* Tick marks at a step of the caller's, or where gnuplot puts them; a
 * step below 0 is refused. */
Test(plot, tick_marks_at_a_step)
{
    wb_array *x = ramp(5, -1, 1);
    wb_figure *fig = wb_figure_new(&out, "tics", NULL);
    char *gp;
    wb_figure_tics(fig, 1, 0, 0.5);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("tics.gp", NULL);
    cr_assert(strstr(gp, "\nset xtics 1\n"), "%s", gp);
    cr_assert_null(strstr(gp, "set ytics"), "%s", gp);
    cr_assert(strstr(gp, "\nset cbtics 0.5\n"), "%s", gp);
    free(gp);
    fig = wb_figure_new(&out, "badtics", NULL);
    wb_figure_tics(fig, 1, 1, -1);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "tick marks every 1, 1 and -1"), "%s",
              wb_error());
    wb_free(x);
}

Test(plot, arrows_of_different_sizes, .signal = SIGABRT)
{
    wb_array *x = ramp(3, -1, 1), *y = ramp(2, 0, 0);
    wb_figure *fig = wb_figure_new(&out, "badarrows", NULL);
    wb_plot_arrows(fig, x, x, x, y, NULL);
}

Test(plot, data_numbers_read_back_exactly)
{
    double values[] = {0.1, 1.0 / 3, -0.0, 1e-300, 123456789.123456789,
                       2.5e15, -7, M_PI};
    size_t n = sizeof values / sizeof *values;
    wb_array *x = wb_vector_from(values, n), *y = wb_vector_from(values, n);
    wb_figure *fig = wb_figure_new(&out, "exact", NULL);
    char *dat, *block;
    const char *s;
    wb_plot_line(fig, x, y, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    dat = slurp("exact.dat", NULL);
    block = data_block(dat, 0);
    cr_assert(strstr(block, "\n0.1 0.1\n"), "not the shortest: %s", block);
    s = strchr(block, '\n') + 1;
    for (size_t i = 0; i < n; i++) {
        char *end;
        double a = strtod(s, &end);
        double b = strtod(end, &end);
        cr_assert(memcmp(&a, &values[i], sizeof a) == 0, "row %zu: %.17g",
                  i, a);
        cr_assert(memcmp(&b, &values[i], sizeof b) == 0);
        s = end + 1;
    }
    free(block);
    free(dat);
    wb_free(x);
    wb_free(y);
}

Test(plot, colours_and_styles)
{
    wb_array *x = ramp(5, 0, 1);
    wb_figure *fig = wb_figure_new(&out, "styles", NULL);
    char *gp;
    out.formats = WB_SVG;    /* only the formats asked for are drawn */
    wb_plot_line(fig, x, x, &(wb_style){.color = WB_GREEN});
    wb_plot_line(fig, x, x, NULL);              /* the first free: blue */
    wb_plot_line(fig, x, x, &(wb_style){0});    /* then orange */
    wb_plot_line(fig, x, x, &(wb_style){.width = 3.5, .dash = WB_DASHED});
    wb_plot_scatter(fig, x, x, &(wb_style){.size = 2, .alpha = 1});
    wb_figure_legend(fig, WB_LEGEND_BOTTOM_RIGHT);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("styles.gp", NULL);
    cr_assert(strstr(gp, "index 0 using 1:2 with lines lt 3 notitle"));
    cr_assert(strstr(gp, "index 1 using 1:2 with lines lt 1 notitle"));
    cr_assert(strstr(gp, "index 2 using 1:2 with lines lt 2 notitle"));
    cr_assert(strstr(gp, "index 3 using 1:2 with lines lt 4 lw 3.5 dt 2 "));
    cr_assert(strstr(gp, "index 4 using 1:2 with points lt 5 "
                         "ps 2 * point_scale notitle"));
    cr_assert(strstr(gp, "set key bottom right"));
    cr_assert(exists("styles.dat") && exists("styles.svg") &&
              !exists("styles.png") && !exists("styles.pdf"));
    /* On the paper, black is the ink, and the SVG, for the HTML book,
     * two thirds of the PNG's 960 x 600, draws its paper, for the book's
     * dark theme to turn. */
    cr_assert(strstr(gp, "black = '222222'\n"), "%s", gp);
    cr_assert(strstr(gp, "set terminal svg enhanced size 640,400 "), "%s", gp);
    cr_assert(strstr(gp, "point_scale = format eq 'svg' ? 0.6667 : 1\n"),
              "%s", gp);
    char *svg = slurp("styles.svg", NULL);
    cr_assert(strstr(svg, "width=\"640\" height=\"400\""), "%s", svg);
    cr_assert(strstr(svg, "fill=\"#ffffff\""), "no paper: %.400s", svg);
    free(svg);
    free(gp);
    wb_free(x);
}

Test(plot, surface_is_a_3d_figure)
{
    wb_array *xx, *yy, *z;
    double half = 0.5;
    wb_figure *fig = wb_figure_new(&out, "surface", NULL);
    char *gp;
    sigmoid_grid(11, 11, &xx, &yy, &z);
    wb_figure_zlabel(fig, "$\\sigma$");
    wb_figure_view(fig, 70, 120);
    wb_plot_surface(fig, xx, yy, z, NULL);
    wb_plot_contour(fig, xx, yy, z, &half, 1, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("surface.gp", NULL);
    cr_assert(strstr(gp, "\nsplot 'surface.dat' index 0 using 1:2:3 "
                         "notitle with lines lt 1 lw 1"));
    cr_assert(strstr(gp, "$CONTOUR_1 using 1:2:3 notitle with lines lt 2"));
    cr_assert(strstr(gp, "set hidden3d"));
    cr_assert(strstr(gp, "set view 70, 120"));
    cr_assert(strstr(gp, "set zlabel '{/:Italic σ}' rotate parallel"));
    cr_assert(strstr(gp, "unset colorbox"));
    assert_png_size("surface.png", 960, 600);
    free(gp);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

Test(plot, diverging_palette_is_centred_on_one_half)
{
    wb_array *xx, *yy, *z;
    wb_figure *fig = wb_figure_new(&out, "diverging", NULL);
    char *gp;
    sigmoid_grid(5, 5, &xx, &yy, &z);
    wb_figure_palette(fig, WB_PALETTE_DIVERGING);
    wb_figure_square(fig);
    wb_plot_heatmap(fig, xx, yy, z, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("diverging.gp", NULL);
    cr_assert(strstr(gp, "'#2166AC', 0.5 '#F7F7F7', 1 '#B2182B'"));
    cr_assert(strstr(gp, "set cbrange [0:1]"));
    cr_assert(strstr(gp, "set size ratio -1"));
    free(gp);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

/* A sample in the plane: one series a category, 0 then 1, each with its
 * own points in their order, in consecutive colours of the theme. */
Test(plot, categories_split_a_sample_by_its_labels)
{
    const double xs[] = {1, 2, 3, 4, 5, 6, 7, 8};   /* four points (x1, x2) */
    const double ys[] = {1, 0, 0, 1};
    wb_array *X = wb_vector_from(xs, 8), *y = wb_vector_from(ys, 4);
    cr_assert_eq(wb_reshape(X, 4, 2), 0);
    wb_figure *fig = wb_figure_new(&out, "categories", NULL);
    wb_plot_categories(fig, X, y, &(wb_style){.color = WB_SKY,
                                              .alpha = 0.5});
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    char *dat = slurp("categories.dat", NULL), *gp = slurp("categories.gp",
                                                            NULL);
    cr_assert(strstr(dat, "# index 0: scatter, columns x y\n3 4\n5 6\n"),
              "%s", dat);
    cr_assert(strstr(dat, "# index 1: scatter, columns x y\n1 2\n7 8\n"),
              "%s", dat);
    cr_assert(strstr(gp, "index 0 using 1:2 with points lt 6"), "%s", gp);
    cr_assert(strstr(gp, "title 'category 0'"), "%s", gp);
    cr_assert(strstr(gp, "index 1 using 1:2 with points lt 7"), "%s", gp);
    cr_assert(strstr(gp, "title 'category 1'"), "%s", gp);
    free(dat);
    free(gp);

    /* A category with no point draws no series; the defaults are the
     * theme's first colours. */
    const double zeros[] = {0, 0, 0, 0};
    wb_array *y0 = wb_vector_from(zeros, 4);
    fig = wb_figure_new(&out, "one_category", NULL);
    wb_plot_categories(fig, X, y0, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("one_category.gp", NULL);
    cr_assert(strstr(gp, "with points lt 1"), "%s", gp);
    cr_assert_null(strstr(gp, "category 1"), "%s", gp);
    free(gp);
    wb_free(X);
    wb_free(y);
    wb_free(y0);
}

/* A probability map: the diverging palette over [0, 1], a labelled bar,
 * square axes, the legend outside. */
Test(plot, probability_map_is_set_up_for_a_probability)
{
    wb_array *xx, *yy, *z;
    wb_figure *fig = wb_figure_new(&out, "probability", NULL);
    sigmoid_grid(5, 5, &xx, &yy, &z);
    wb_plot_probability_map(fig, xx, yy, z);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    char *gp = slurp("probability.gp", NULL);
    cr_assert(strstr(gp, "'#2166AC', 0.5 '#F7F7F7', 1 '#B2182B'"), "%s", gp);
    cr_assert(strstr(gp, "set cbrange [0:1]"), "%s", gp);
    cr_assert(strstr(gp, "set size ratio -1"), "%s", gp);
    cr_assert(strstr(gp, "set cblabel 'P(category 1)'"), "%s", gp);
    cr_assert(strstr(gp, "set key outside"), "%s", gp);
    cr_assert(strstr(gp, "with image"), "%s", gp);
    free(gp);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

Test(plot, histogram_x_range_is_its_bins)
{
    wb_array *v = ramp(10, 0, 1);
    wb_figure *fig = wb_figure_new(&out, "hist", NULL);
    char *gp;
    out.formats = WB_SVG;
    wb_plot_hist(fig, v, 4, -2, 2, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("hist.gp", NULL);
    cr_assert(strstr(gp, "set xrange [-2:2]"));
    cr_assert(strstr(gp, "set yrange [0:*]"));
    cr_assert(strstr(gp, "using 1:2:(1) with boxes"));
    free(gp);
    wb_free(v);
}

/* ---- rendering --------------------------------------------------------- */

Test(plot, renders_png_pdf_and_svg)
{
    wb_figure *fig = simple_figure("three");
    char *svg;
    out.formats = WB_PNG | WB_PDF | WB_SVG;
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    assert_png_size("three.png", 960, 600);
    assert_pdf(dir, "three.pdf", 2000);
    svg = slurp("three.svg", NULL);
    cr_assert(strstr(svg, "<svg"));
    cr_assert(strstr(svg, "σ"), "the label is not in the SVG");
    free(svg);
    cr_assert_eq(count_files("."), 0, "temporary files were left");
    cr_assert_eq(count_files("three."), 5);   /* gp dat png pdf svg */
    /* Recorded in the run, once. */
    cr_assert_eq(out.nfigures, 1);
    cr_assert_str_eq(out.figures[0].name, "three");
    cr_assert_str_eq(out.figures[0].caption, "A line.");
    cr_assert(out.figures[0].has_script);
}

Test(plot, rendering_twice_gives_the_same_files)
{
    const char *names[] = {"same.png", "same.pdf", "same.gp", "same.dat"};
    char *first[4];
    size_t len[4];
    out.formats = WB_PNG | WB_PDF;
    cr_assert_eq(wb_figure_render(simple_figure("same")), 0, "%s",
                 wb_error());
    for (int i = 0; i < 4; i++)
        first[i] = slurp(names[i], &len[i]);
    wb_output_close(&out);   /* so that the name may be drawn again */
    sleep(1);               /* a clock in the files would show */
    cr_assert_eq(wb_figure_render(simple_figure("same")), 0, "%s",
                 wb_error());
    for (int i = 0; i < 4; i++) {
        size_t n;
        char *again = slurp(names[i], &n);
        cr_assert(n == len[i] && memcmp(again, first[i], n) == 0,
                  "%s differs", names[i]);
        free(again);
        free(first[i]);
    }
}

Test(plot, a_name_drawn_twice_is_an_error)
{
    cr_assert_eq(wb_figure_render(simple_figure("twice")), 0);
    cr_assert_eq(wb_figure_render(simple_figure("twice")), -1);
    cr_assert(strstr(wb_error(), "twice"), "%s", wb_error());
}

Test(plot, without_render_nothing_is_written)
{
    wb_figure *fig = simple_figure("quiet");
    out.dry_run = true;
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    cr_assert_eq(count_files(""), 0, "files were written");
    cr_assert_eq(out.nfigures, 0);
}

Test(plot, unsafe_names_fail)
{
    const char *bad[] = {"", "../up", "a b", "-x", ".hidden", "a/b", "x'y",
                         "|cmd", "<cmd", "$x", NULL};
    for (int i = 0; i < (int)(sizeof bad / sizeof *bad); i++) {
        wb_figure *fig = wb_figure_new(&out, bad[i], NULL);
        wb_array *x = ramp(3, 0, 1);
        cr_assert(fig);
        wb_plot_line(fig, x, x, NULL);  /* does nothing, and no harm */
        cr_assert_eq(wb_figure_render(fig), -1, "'%s' was accepted", bad[i]);
        cr_assert(strstr(wb_error(), "not a figure name"), "%s", wb_error());
        wb_free(x);
    }
    cr_assert_eq(count_files(""), 0);
}

Test(plot, a_failing_gnuplot_leaves_nothing_behind)
{
    double nan2[] = {NAN, NAN};
    wb_array *x = wb_vector_from(nan2, 2);
    wb_figure *fig = wb_figure_new(&out, "broken", NULL);
    out.formats = WB_PNG | WB_PDF;
    wb_plot_line(fig, x, x, NULL);   /* no valid point: gnuplot fails */
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "gnuplot: "), "%s", wb_error());
    cr_assert(strstr(wb_error(), "broken.gp"), "%s", wb_error());
    cr_assert(strstr(wb_error(), "range is invalid"), "%s", wb_error());
    cr_assert(!exists("broken.png") && !exists("broken.pdf"));
    cr_assert_eq(count_files("."), 0, "temporary files were left");
    cr_assert_eq(out.nfigures, 0);
    wb_free(x);
}

Test(plot, gnuplot_reports_a_syntax_error)
{
    char *p = in_dir("bad.gp");
    const char *script = "set terminal pngcairo\nset output ARG2\n"
                         "plot sin(x) with nonsense\n";
    cr_assert_eq(wb_write_file(p, script, strlen(script)), 0);
    cr_assert_eq(wb_gnuplot(dir, "bad", "png", "bad.png", 0, 0, NULL), -1);
    cr_assert(strstr(wb_error(), "gnuplot: "), "%s", wb_error());
    cr_assert(strstr(wb_error(), "bad.gp"), "%s", wb_error());
    cr_assert(strstr(wb_error(), "line 3"), "%s", wb_error());
    cr_assert_eq(wb_gnuplot(dir, "bad", "jpeg", "x.jpg", 0, 0, NULL), -1);
    cr_assert(strstr(wb_error(), "jpeg"), "%s", wb_error());
    cr_assert_eq(wb_gnuplot(dir, "missing", "png", "x.png", 0, 0, NULL), -1);
    cr_assert_eq(wb_gnuplot("/nonexistent-wb", "bad", "png", "x", 0, 0, NULL), -1);
    cr_assert(strstr(wb_error(), "/nonexistent-wb"), "%s", wb_error());
    free(p);
}

Test(plot, no_gnuplot_says_how_to_install_it)
{
    wb_figure *fig = simple_figure("nognuplot");
    setenv("PATH", dir, 1);     /* a folder with no gnuplot in it */
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "gnuplot is not installed"), "%s",
              wb_error());
    cr_assert(strstr(wb_error(), "make deps"), "%s", wb_error());
    cr_assert(!exists("nognuplot.png"));
    cr_assert_eq(count_files("."), 0);
}

Test(plot, the_script_renders_by_hand_in_every_format)
{
    const char *formats[] = {"png", "pdf", "svg", "dumb", "ansi", "sixel"};
    cr_assert_eq(wb_figure_render(simple_figure("byhand")), 0);
    for (int i = 0; i < 6; i++) {
        char out[32];
        snprintf(out, sizeof out, "out-%s", formats[i]);
        cr_assert_eq(wb_gnuplot(dir, "byhand", formats[i], out, 60, 20, NULL), 0,
                     "%s: %s", formats[i], wb_error());
        cr_assert(exists(out), "%s", out);
    }
    assert_png_size("out-png", 960, 600);
    assert_pdf(dir, "out-pdf", 2000);
    {
        char *txt = slurp("out-dumb", NULL);
        int lines = 0;
        for (const char *s = txt; (s = strchr(s, '\n')); s++)
            lines++;
        cr_assert_eq(lines, 20, "%d lines", lines);
        free(txt);
    }
}

Test(plot, sticky_errors_keep_the_first)
{
    wb_array *x = ramp(3, 0, 1);
    wb_figure *fig = wb_figure_new(&out, "sticky", NULL);
    wb_plot_line(fig, x, x, &(wb_style){.color = 9});
    wb_figure_xlabel(fig, "$\\nope$");
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "figure sticky: line: colour 9"), "%s",
                wb_error());
    cr_assert_eq(count_files(""), 0);

    fig = wb_figure_new(&out, "sticky2", NULL);
    wb_figure_ylabel(fig, "$\\nope$");
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "ylabel: unknown command \\nope"), "%s",
              wb_error());

    fig = wb_figure_new(&out, "sticky3", NULL);
    wb_plot_line(fig, x, NULL, NULL);   /* an array function failed */
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "NULL"), "%s", wb_error());
    wb_free(x);
}

Test(plot, figures_that_cannot_be_drawn)
{
    wb_array *x = ramp(3, 0, 1), *xx, *yy, *z;
    wb_figure *fig = wb_figure_new(&out, "empty", NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "nothing to draw"), "%s", wb_error());

    sigmoid_grid(3, 3, &xx, &yy, &z);
    fig = wb_figure_new(&out, "mixed", NULL);
    wb_plot_surface(fig, xx, yy, z, NULL);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "3-D"), "%s", wb_error());

    fig = wb_figure_new(&out, "badrange", NULL);
    wb_figure_xrange(fig, 1, 1);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "xrange"), "%s", wb_error());

    fig = wb_figure_new(&out, "badhist", NULL);
    wb_plot_hist(fig, x, 0, 0, 1, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "bins"), "%s", wb_error());
    cr_assert_eq(count_files(""), 0);
    wb_free(x);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

/* A flat map has no level lines: its heat map is drawn, with no contour
 * (gnuplot would refuse an empty table of lines); a level the values do
 * not reach is left to gnuplot when another one is crossed. */
Test(plot, a_flat_map_has_no_level_lines)
{
    wb_array *xx, *yy, *z;
    double levels[] = {0.25, 0.5, 0.75}, beyond[] = {0.5, 7};
    sigmoid_grid(11, 11, &xx, &yy, &z);
    wb_array *flat = wb_full_like(z, 0.5);
    wb_figure *fig = wb_figure_new(&out, "flat", NULL);
    wb_plot_heatmap(fig, xx, yy, flat, NULL);
    wb_plot_contour(fig, xx, yy, flat, levels, 3, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    char *gp = slurp("flat.gp", NULL);
    cr_assert_null(strstr(gp, "CONTOUR"), "%s", gp);
    free(gp);
    fig = wb_figure_new(&out, "partly", NULL);
    wb_plot_heatmap(fig, xx, yy, z, NULL);
    wb_plot_contour(fig, xx, yy, z, beyond, 2, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    gp = slurp("partly.gp", NULL);
    cr_assert(strstr(gp, "levels discrete 0.5, 7"), "%s", gp);
    free(gp);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
    wb_free(flat);
}

Test(plot, a_null_figure_is_harmless)
{
    wb_array *x = ramp(3, 0, 1);
    double l = 0.5;
    wb_figure_title(NULL, "t");
    wb_figure_xlabel(NULL, "x");
    wb_figure_ylabel(NULL, "y");
    wb_figure_zlabel(NULL, "z");
    wb_figure_cblabel(NULL, "c");
    wb_figure_xrange(NULL, 0, 1);
    wb_figure_yrange(NULL, 0, 1);
    wb_figure_zrange(NULL, 0, 1);
    wb_figure_cbrange(NULL, 0, 1);
    wb_figure_legend(NULL, WB_LEGEND_NONE);
    wb_figure_square(NULL);
    wb_figure_palette(NULL, WB_PALETTE_DIVERGING);
    wb_figure_view(NULL, 10, 10);
    wb_plot_line(NULL, x, x, NULL);
    wb_plot_scatter(NULL, x, x, NULL);
    wb_plot_hist(NULL, x, 3, 0, 1, NULL);
    wb_plot_hline(NULL, 0, NULL);
    wb_plot_arrows(NULL, x, x, x, x, NULL);
    wb_figure_tics(NULL, 1, 1, 1);
    wb_plot_vline(NULL, 0, NULL);
    wb_plot_text(NULL, 0, 0, "t");
    wb_plot_heatmap(NULL, x, x, x, NULL);
    wb_plot_contour(NULL, x, x, x, &l, 1, NULL);
    wb_plot_surface(NULL, x, x, x, NULL);
    wb_figure_free(NULL);
    wb_fail("earlier failure");
    cr_assert_eq(wb_figure_render(NULL), -1);
    cr_assert_str_eq(wb_error(), "earlier failure");
    wb_free(x);
}

/* ---- showing in the terminal ------------------------------------------- */

/* What wb_figure_term draws of figure `name`. */
static char *show_output(const char *name, wb_term_graphics mode, int *rc)
{
    wb_buf shown = {0};
    *rc = wb_figure_term(&shown, dir, name, mode, 70, 22);
    return shown.data ? shown.data : strdup("");
}

Test(plot, show_draws_text_without_a_form_feed)
{
    int rc;
    char *out;
    cr_assert_eq(wb_figure_render(simple_figure("shown")), 0);
    out = show_output("shown", WB_TERM_DUMB, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert_null(strchr(out, '\f'), "a form feed");
    cr_assert(strstr(out, "−4"), "no x tic: %s", out);  /* true minus */
    cr_assert(strstr(out, "0.8"), "no y tic: %s", out);
    cr_assert(strstr(out, "a line"), "no legend: %s", out);
    {
        int lines = 0;
        for (const char *s = out; (s = strchr(s, '\n')); s++)
            lines++;
        cr_assert_eq(lines, 22);
    }
    free(out);

    out = show_output("shown", WB_TERM_ANSI, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert(out[0] != '\f' && strstr(out, "\x1b["), "no colours");
    free(out);

    out = show_output("shown", WB_TERM_SIXEL, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert(strncmp(out, "\x1bP", 2) == 0, "not sixel");
    free(out);

    out = show_output("shown", WB_TERM_NONE, &rc);
    cr_assert_eq(rc, 0);
    cr_assert_str_eq(out, "");
    free(out);
}

/* In a text plot, lines across the plot stay inside its frame: no row of
 * a vertical line above the top of the y axis, no column of a horizontal
 * one right of the end of the x axis; at any size. */
Test(plot, text_rules_stay_inside_the_frame)
{
    wb_figure *fig = simple_figure("rules");
    const int sizes[][2] = {{70, 22}, {79, 18}, {100, 30}, {119, 34}};
    wb_plot_vline(fig, 0, &(wb_style){.dash = WB_DASHED});
    wb_plot_hline(fig, 0.5, &(wb_style){.dash = WB_DOTTED});
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        wb_buf b = {0};
        const char *s, *axis;
        size_t axis_col, axis_end;
        bool above = true;
        cr_assert_eq(wb_figure_term(&b, dir, "rules", WB_TERM_DUMB,
                                    sizes[k][0], sizes[k][1]), 0, "%s",
                     wb_error());
        /* the x axis: "+----...---+" */
        axis = strstr(b.data, "+----");
        cr_assert(axis, "%s", b.data);
        for (s = axis; s > b.data && s[-1] != '\n'; s--)
            ;
        axis_col = (size_t)(axis - s);
        axis_end = axis_col + strcspn(axis, " \n") - 1;
        for (s = b.data; s < axis; s += strcspn(s, "\n") + 1) {
            size_t n = strcspn(s, "\n");
            bool frame = n > axis_col && (s[axis_col] == '|' ||
                                          s[axis_col] == '+');
            above = above && !frame;
            for (size_t c = axis_col + 1; c < n; c++)
                if (s[c] == '|')
                    cr_assert(!above, "%dx%d: a vertical line above the "
                              "frame:\n%s", sizes[k][0], sizes[k][1],
                              b.data);
            if (n > axis_end + 1 && s[axis_end + 1] == '-')
                cr_assert_fail("%dx%d: a horizontal line right of the "
                               "frame:\n%s", sizes[k][0], sizes[k][1],
                               b.data);
        }
        wb_buf_free(&b);
    }
}

/* A diagram has its drawing in text, NAME.txt, for the text terminals. */
Test(plot, show_a_diagram_in_text)
{
    wb_output o = {.dir = dir, .formats = WB_PNG};
    int rc;
    char *text;
    cr_assert_eq(wb_diagram_neuron(&o, "drawn", NULL), 0, "%s", wb_error());
    wb_output_close(&o);
    text = show_output("drawn", WB_TERM_DUMB, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert(strstr(text, "─ weighted sum ─"), "%s", text);
    free(text);
}

Test(plot, show_a_diagram_only_as_pixels)
{
    int rc;
    char *out, *gp = in_dir("diagram.gp");
    cr_assert_eq(wb_figure_render(simple_figure("diagram")), 0);
    unlink(gp);     /* now only diagram.png: like a cairo diagram */
    out = show_output("diagram", WB_TERM_DUMB, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert_str_eq(out, "");
    free(out);
    out = show_output("diagram", WB_TERM_SIXEL, &rc);
    cr_assert_eq(rc, 0, "%s", wb_error());
    cr_assert(strncmp(out, "\x1bP", 2) == 0, "not sixel");
    cr_assert_gt(strlen(out), 1000);
    free(out);
    out = show_output("nothing", WB_TERM_DUMB, &rc);
    cr_assert_eq(rc, -1);
    cr_assert(strstr(wb_error(), "no figure nothing"), "%s", wb_error());
    free(out);
    free(gp);
}

/* ---- one gnuplot for many figures --------------------------------------- */

/* dir/A and dir/B hold the same bytes. */
static bool same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    bool same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

/* A 3-D figure with a palette and contours, then a plain one: what the
 * first sets must not reach the second. */
static void draw_a_surface(const char *name)
{
    wb_array *xx, *yy, *z;
    wb_figure *fig = wb_figure_new(&out, name, NULL);
    const double levels[] = {0.5};
    sigmoid_grid(11, 11, &xx, &yy, &z);
    wb_figure_title(fig, "a surface");
    wb_figure_zlabel(fig, "$z$");
    wb_figure_view(fig, 50, 120);
    wb_plot_surface(fig, xx, yy, z, NULL);
    wb_plot_contour(fig, xx, yy, z, levels, 1, NULL);
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
}

/* Figures drawn one after another by the same gnuplot are the same bytes
 * as each drawn alone, by hand (gnuplot -c NAME.gp FORMAT). */
Test(plot, one_gnuplot_draws_each_figure_as_if_alone)
{
    out.formats = WB_PNG | WB_PDF | WB_SVG;
    draw_a_surface("first");
    cr_assert_eq(wb_figure_render(simple_figure("second")), 0, "%s",
                 wb_error());
    draw_a_surface("third");
    for (int i = 0; i < 3; i++) {
        const char *fmt = wb_formats[i].name;
        char mine[32], alone[32];
        snprintf(mine, sizeof mine, "second.%s", fmt);
        snprintf(alone, sizeof alone, "alone.%s", fmt);
        cr_assert_eq(wb_gnuplot(dir, "second", fmt, alone, 0, 0, NULL), 0,
                     "%s", wb_error());
        if (i == 1)    /* the PDF's date: only ours is fixed */
            continue;
        cr_assert(same_file(mine, alone), "%s differs from %s", mine, alone);
    }
    cr_assert_eq(out.nfigures, 3);
    cr_assert_eq(count_files("."), 0, "temporary files were left");
}

/* In the background, wb_figure_render returns once the script is written;
 * wb_output_wait waits for the files, and names the figure that failed. */
Test(plot, background_drawing_reports_the_figure_that_failed)
{
    double nan2[] = {NAN, NAN};
    wb_array *bad = wb_vector_from(nan2, 2);
    wb_figure *fig;
    const char *good[] = {"g1", "g2", "g3", "g4", "g5"};
    out.background = true;
    out.formats = WB_PNG | WB_PDF;
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(wb_figure_render(simple_figure(good[i])), 0, "%s",
                     wb_error());
        if (i == 2) {
            fig = wb_figure_new(&out, "broken", NULL);
            wb_plot_line(fig, bad, bad, NULL);
            cr_assert_eq(wb_figure_render(fig), 0, "the script is written");
        }
    }
    cr_assert_eq(wb_output_wait(&out), -1);
    cr_assert(strstr(wb_error(), "figure broken: gnuplot: broken.gp: "),
              "%s", wb_error());
    for (int i = 0; i < 5; i++) {
        char png[16];
        snprintf(png, sizeof png, "%s.png", good[i]);
        assert_png_size(png, 960, 600);
    }
    cr_assert(!exists("broken.png") && !exists("broken.pdf"));
    cr_assert_eq(out.nfigures, 5, "the broken one is not recorded");
    for (int i = 0; i < 5; i++)
        cr_assert_str_eq(out.figures[i].name, good[i], "in drawing order");
    cr_assert_eq(count_files("."), 0, "temporary files were left");
    cr_assert_eq(wb_output_wait(&out), 0, "the error was reported once");
    wb_free(bad);
}

/* A gnuplot that ends in the middle of a figure fails that figure, by its
 * name; the next figure gets a new gnuplot. */
Test(plot, a_gnuplot_that_dies_is_replaced)
{
    const char *script = "exit gnuplot\n";
    char *gp = in_dir("crash.gp");
    cr_assert_eq(wb_write_file(gp, script, strlen(script)), 0);
    free(gp);
    cr_assert_eq(wb_figure_render(simple_figure("before")), 0, "%s",
                 wb_error());
    cr_assert_eq(wb_gp_render(&out, "crash", NULL), -1);
    cr_assert(strstr(wb_error(), "figure crash: gnuplot ended while "
                                 "drawing it"), "%s", wb_error());
    cr_assert(!exists("crash.png"));
    cr_assert_eq(wb_figure_render(simple_figure("after")), 0, "%s",
                 wb_error());
    assert_png_size("after.png", 960, 600);
    cr_assert_eq(count_files("."), 0, "temporary files were left");
}

/* Closing an output stops its gnuplot processes: none is left behind. */
Test(plot, closing_the_output_stops_gnuplot)
{
    out.formats = WB_PNG | WB_PDF;
    cr_assert_eq(wb_figure_render(simple_figure("one")), 0, "%s",
                 wb_error());
    cr_assert(out.renderer);
    cr_assert_eq(wb_output_close(&out), 0);
    cr_assert_null(out.renderer);
    /* No child is left: waitpid has nothing to wait for. */
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1);
    cr_assert_eq(errno, ECHILD);
}

/* ---- panels, sizes and log scales --------------------------------------- */

Test(plot, panels_side_by_side)
{
    wb_array *xx, *yy, *z;
    wb_array *x = ramp(20, 1, 100), *y = ramp(20, 1, 100);
    wb_figure *fig = wb_figure_new(&out, "panels", "Two panels.");
    char *gp;
    sigmoid_grid(11, 11, &xx, &yy, &z);
    wb_figure_size(fig, 960, 440);
    wb_figure_layout(fig, 1, 2);
    wb_figure_title(fig, "a map");
    wb_figure_square(fig);
    wb_plot_heatmap(fig, xx, yy, z, NULL);
    wb_figure_panel(fig, 1);
    wb_figure_title(fig, "a loss");
    wb_figure_logscale(fig, false, true);
    wb_plot_line(fig, x, y, NULL);
    out.formats = WB_PNG | WB_PDF;
    cr_assert_eq(wb_figure_render(fig), 0, "%s", wb_error());
    assert_png_size("panels.png", 960, 440);
    assert_pdf(dir, "panels.pdf", 2000);
    gp = slurp("panels.gp", NULL);
    cr_assert(strstr(gp, "set terminal pdfcairo enhanced size 6in,2.75in"),
              "%s", gp);
    cr_assert(strstr(gp, "width * 11 / 24"), "the sixel size keeps the "
              "figure's shape");
    const char *mp = strstr(gp, "set multiplot layout 1,2\n");
    const char *t1 = strstr(gp, "set title '{}a map'");
    const char *r = strstr(gp, "reset\n");
    const char *t2 = strstr(gp, "set title '{}a loss'");
    const char *end = strstr(gp, "unset multiplot\n");
    if (!t1) {
        t1 = strstr(gp, "set title 'a map'");
        t2 = strstr(gp, "set title 'a loss'");
    }
    cr_assert(mp && t1 && r && t2 && end && mp < t1 && t1 < r && r < t2 &&
              t2 < end, "%s", gp);
    cr_assert(strstr(gp, "set logscale y\n") > r, "the log scale is the "
              "second panel's");
    cr_assert(strstr(gp, "set size ratio -1") < r, "and the square shape the "
              "first's");
    /* Black stays black on the map, and is the ink on the loss's paper;
     * the legend on the map is a light card. */
    const char *black_map = strstr(gp, "black = '000000'\n");
    const char *black_paper = strstr(gp, "black = '222222'\n");
    cr_assert(black_map && black_map < r && black_paper > r, "%s", gp);
    cr_assert(strstr(gp, "opaque fc rgb '#26FAFAFA' textcolor rgb '#000000'") <
              r, "%s", gp);
    /* Panels of 480 pixels: the SVG is as large as the PNG. */
    cr_assert(strstr(gp, "set terminal svg enhanced size 960,440 "), "%s", gp);
    free(gp);
    wb_free(xx);
    wb_free(yy);
    wb_free(z);
    wb_free(x);
    wb_free(y);
}

Test(plot, panels_that_cannot_be)
{
    wb_array *x = ramp(5, 0, 1);
    wb_figure *fig = wb_figure_new(&out, "nopanel", NULL);
    wb_figure_layout(fig, 1, 2);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1, "panel 1 is empty");
    cr_assert(strstr(wb_error(), "(panel 1): nothing to draw"), "%s",
              wb_error());

    fig = wb_figure_new(&out, "toomany", NULL);
    wb_figure_layout(fig, 3, 7);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "at most 20"), "%s", wb_error());

    fig = wb_figure_new(&out, "outside", NULL);
    wb_figure_layout(fig, 2, 2);
    wb_figure_panel(fig, 4);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "no panel 4 in a layout of 2 x 2"), "%s",
              wb_error());

    fig = wb_figure_new(&out, "tiny", NULL);
    wb_figure_size(fig, 100, 100);
    wb_plot_line(fig, x, x, NULL);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "100 x 100 pixels"), "%s", wb_error());
    cr_assert_eq(count_files(""), 0, "nothing written");
    wb_free(x);
}

/* A gnuplot that stops answering is stopped, and its figure fails by its
 * name; a gnuplot run by hand the same way. */
Test(plot, a_stuck_gnuplot_is_stopped)
{
    const char *script = "pause 30\n";
    char *gp = in_dir("stuck.gp");
    cr_assert_eq(wb_write_file(gp, script, strlen(script)), 0);
    free(gp);
    setenv("WB_GNUPLOT_TIMEOUT", "1", 1);
    cr_assert_eq(wb_gp_render(&out, "stuck", NULL), -1);
    cr_assert(strstr(wb_error(), "figure stuck: gnuplot did not finish it "
                                 "within 1 seconds"), "%s", wb_error());
    cr_assert_eq(wb_gnuplot(dir, "stuck", "png", "x.png", 0, 0, NULL), -1);
    cr_assert(strstr(wb_error(), "did not finish within 1 seconds"), "%s",
              wb_error());
    cr_assert_eq(count_files("."), 0, "temporary files were left");
    /* and the next figure is drawn */
    cr_assert_eq(wb_figure_render(simple_figure("next")), 0, "%s",
                 wb_error());
}

/* A reader's ~/.gnuplot does not change the figures. */
Test(plot, a_readers_gnuplot_settings_are_ignored)
{
    char *home = test_dir("home");
    char *rc = wb_path_join(home, ".gnuplot");
    const char *mine = "set decimalsign ','\nset grid\nset title 'mine'\n"
                       "set terminal dumb\n";
    char *a, *b;
    size_t la, lb;
    cr_assert_eq(wb_write_file(rc, mine, strlen(mine)), 0);
    cr_assert_eq(wb_figure_render(simple_figure("plain")), 0, "%s",
                 wb_error());
    a = slurp("plain.png", &la);
    wb_output_close(&out);
    setenv("HOME", home, 1);
    cr_assert_eq(wb_figure_render(simple_figure("plain2")), 0, "%s",
                 wb_error());
    b = slurp("plain2.png", &lb);
    cr_assert(la == lb && memcmp(a, b, la) == 0, "~/.gnuplot changed it");
    free(a);
    free(b);
    free(rc);
}

/* A disk that fills up while gnuplot writes (here a limit on the size of
 * files, which gnuplot inherits): gnuplot may say nothing, but the files
 * are checked before they are put in place, so no cut figure appears under
 * its name, and no temporary file stays. */
Test(plot, a_full_disk_leaves_no_cut_figure)
{
    struct rlimit limit = {.rlim_cur = 12000, .rlim_max = RLIM_INFINITY};
    wb_figure *fig = simple_figure("full");
    out.formats = WB_PNG | WB_PDF | WB_SVG;
    signal(SIGXFSZ, SIG_IGN);    /* writes past the limit fail with EFBIG */
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
    cr_assert_eq(wb_figure_render(fig), -1);
    cr_assert(strstr(wb_error(), "figure full: "), "%s", wb_error());
    cr_assert(!exists("full.png") && !exists("full.pdf") &&
              !exists("full.svg"), "a cut figure was put in place");
    cr_assert_eq(count_files("."), 0, "temporary files were left");
    limit.rlim_cur = RLIM_INFINITY;
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);
}
