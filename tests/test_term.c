/* Tests of the prose for a terminal (lib/wb_term.c): Markdown with the
 * terminal's own means or plain, filled to the width, its math in Unicode;
 * and every prose block of every chapter in chapters/, shown with no $ and
 * no TeX command left. */
#include <criterion/criterion.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>

#include "wb_lit.h"
#include "wb_term.h"

static char *render(const char *md, int width, unsigned flags)
{
    wb_buf b = {0};
    cr_assert_eq(wb_term_markdown(&b, md, width, flags), 0, "'%s': %s", md,
                 wb_error());
    return wb_buf_take(&b);
}

/* The widest line of a text, in columns. */
static size_t widest(const char *text)
{
    size_t most = 0;
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\n"), w = wb_term_width(s, n);
        most = w > most ? w : most;
        s += n + (s[n] == '\n');
    }
    return most;
}

Test(term, plain_text_has_no_escape_sequences)
{
    char *out = render("# Title\n\nSome *emphasis*, **strong** and `code`.\n",
                       80, 0);
    cr_assert_str_eq(out, "Title\n═════\n\nSome emphasis, strong and code.\n");
    free(out);
}

Test(term, styles_on_a_terminal)
{
    char *out = render("Some *emphasis*, **strong** and `code`.\n", 80,
                       WB_TERM_STYLE);
    cr_assert(strstr(out, "\033[0;3memphasis\033[0m"), "%s", out);
    cr_assert(strstr(out, "\033[0;1mstrong\033[0m"), "%s", out);
    cr_assert(strstr(out, "\033[0;36mcode\033[0m"), "%s", out);
    free(out);
    out = render("## A section\n", 80, WB_TERM_STYLE);
    cr_assert_str_eq(out, "\033[0;1mA section\033[0m\n"
                          "─────────\n");
    free(out);
}

Test(term, paragraphs_fill_the_width)
{
    const char *md = "one two three four five six seven eight nine ten "
                     "eleven twelve thirteen fourteen fifteen sixteen "
                     "seventeen eighteen nineteen twenty.\n";
    for (int width = 20; width <= 100; width += 40) {
        char *out = render(md, width, WB_TERM_STYLE);
        cr_assert_leq(widest(out), (size_t)width, "%s", out);
        cr_assert_gt(widest(out), (size_t)width - 12, "filled:\n%s", out);
        free(out);
    }
}

Test(term, lists_hang_under_their_markers)
{
    char *out = render("1. **Predict.** With $w = 2$ and $b = 3$, where does "
                       "the neuron switch?\n2. Second.\n\n- a\n- b\n", 40, 0);
    cr_assert_str_eq(out, "1. Predict. With w = 2 and b = 3, where\n"
                          "   does the neuron switch?\n"
                          "2. Second.\n"
                          "\n"
                          "• a\n"
                          "• b\n");
    free(out);
}

Test(term, math_in_unicode)
{
    char *out = render("The *sigmoid* $\\sigma(z)$ of $x_1$:\n\n"
                       "$$\\sigma(z) = \\frac{1}{1 + e^{-z}}.$$\n\n"
                       "Then $x_a$, $x_b$ and costs of \\$5, 10$.\n", 40, 0);
    cr_assert_str_eq(out, "The sigmoid σ(z) of x₁:\n"
                          "\n"
                          "          σ(z) = 1/(1 + e⁻ᶻ).\n"
                          "\n"
                          "Then xₐ, x_b and costs of $5, 10$.\n");
    free(out);
}

/* Underscores and stars inside math are not Markdown; a $ inside code is
 * not math. */
Test(term, math_is_not_markdown_and_code_is_not_math)
{
    char *out = render("$x_1 * y_2$ and $a_i * b_i$; `$HOME` and `x_1`\n", 80,
                       0);
    cr_assert_str_eq(out, "x₁ * y₂ and aᵢ * bᵢ; $HOME and x_1\n");
    free(out);
}

/* Math and code are broken across lines only when they must be. */
Test(term, math_stays_on_one_line)
{
    char *out = render("a b c d e f g h i j $w_1 x_1 + w_2 x_2 + b$ k l\n",
                       30, 0);
    cr_assert(strstr(out, "w₁ x₁ + w₂ x₂ + b"), "%s", out);
    free(out);
    out = render("`--only classify --w 2 --b 3` runs it\n", 20, 0);
    cr_assert(strstr(out, "--only classify --w\n"), "broken where needed:\n%s",
              out);
    free(out);
}

Test(term, wrong_math_is_shown_and_reported)
{
    wb_buf b = {0};
    cr_assert_eq(wb_term_markdown(&b, "See $\\foo{x}$ here.\n", 80, 0), -1);
    cr_assert(strstr(wb_error(), "unknown command \\foo"), "%s", wb_error());
    cr_assert(strstr(b.data, "See $\\foo{x}$ here."), "%s", b.data);
    wb_buf_free(&b);
}

Test(term, widths)
{
    cr_assert_eq(wb_term_width("abc", 3), 3);
    cr_assert_eq(wb_term_width("σ(z)", strlen("σ(z)")), 4);
    cr_assert_eq(wb_term_width("\033[0;1mab\033[0m", 12), 2);
    cr_assert_eq(wb_term_width("y\u0302", 3), 1, "a combining mark");
    cr_assert_eq(wb_term_width("表", 3), 2, "a wide character");
}

/* The text with the code spans (in their colour) taken out. */
static char *without_code(const char *text)
{
    wb_buf b = {0};
    const char *s = text;
    for (;;) {
        const char *code = strstr(s, "\033[0;36m");
        const char *end;
        if (!code) {
            wb_buf_puts(&b, s);
            break;
        }
        wb_buf_append(&b, s, (size_t)(code - s));
        end = strstr(code, "\033[0");
        end = end ? strstr(end + 1, "\033[0") : NULL;
        if (!end)
            break;
        s = end;
    }
    return wb_buf_take(&b);
}

/* Every prose block of every chapter, as --step shows it: its math all
 * read (a command no renderer knows fails here, naming the chapter and
 * the line, so that it gets added), and nothing of TeX left: no $ and no
 * backslash command outside code. Chapters that land later are covered
 * too: this globs chapters/. */
Test(term, every_prose_block_of_every_chapter)
{
    glob_t g;
    size_t blocks = 0;
    cr_assert_eq(glob(WB_SOURCE_DIR "/chapters/[0-9][0-9]_*.c", 0, NULL, &g),
                 0, "no chapter in " WB_SOURCE_DIR "/chapters");
    for (size_t f = 0; f < g.gl_pathc; f++) {
        wb_lit *lit = wb_lit_read(g.gl_pathv[f]);
        cr_assert(lit, "%s", wb_error());
        for (size_t i = 0; i < lit->nchunks; i++) {
            const wb_chunk *c = &lit->chunks[i];
            wb_buf b = {0};
            char *text;
            if (!c->prose)
                continue;
            cr_assert_eq(wb_term_markdown(&b, c->prose, 80, WB_TERM_STYLE),
                         0, "%s:%zu: %s", g.gl_pathv[f], c->prose_line,
                         wb_error());
            text = without_code(b.data ? b.data : "");
            cr_assert(text);
            cr_assert_null(strchr(text, '$'), "%s:%zu: a $ is left:\n%s",
                           g.gl_pathv[f], c->prose_line, text);
            for (const char *s = strchr(text, '\\'); s; s = strchr(s + 1,
                                                                    '\\'))
                cr_assert(!((s[1] >= 'a' && s[1] <= 'z') ||
                            (s[1] >= 'A' && s[1] <= 'Z')),
                          "%s:%zu: a TeX command is left: %.20s",
                          g.gl_pathv[f], c->prose_line, s);
            free(text);
            wb_buf_free(&b);
            blocks++;
        }
        wb_lit_free(lit);
    }
    globfree(&g);
    cr_assert_gt(blocks, 10, "only %zu prose blocks", blocks);
}

/* A display's \tag, as the book numbers its equations, goes to the right
 * edge; where the line has no room, two spaces after the equation. */
Test(term, an_equation_number_at_the_right_edge)
{
    char *out = render("$$x = -\\frac{b}{w}.\\tag{1.2}$$\n", 40, 0);
    cr_assert_str_eq(out, "               x = −b/w.           (1.2)\n");
    cr_assert_eq(widest(out), 40);
    free(out);
    out = render("$$\\sigma(z) = \\frac{1}{1 + e^{-z}} \\tag{1.1}$$\n", 22, 0);
    cr_assert_str_eq(out, "  σ(z) = 1/(1 + e⁻ᶻ)  (1.1)\n");
    free(out);
    /* a \tag in inline math is left to the math parser */
    wb_buf b = {0};
    cr_assert_eq(wb_term_markdown(&b, "$x \\tag{1}$\n", 40, 0), -1);
    wb_buf_free(&b);
}
