/* Tests of the math text as Unicode (lib/wb_mt_unicode.c), the terminal's
 * renderer of the math-text parser: a table of inputs and what a reader
 * sees, the fallbacks where Unicode has no sub- or superscript, and the
 * same errors as the figures. Also the parser's new atoms (fractions,
 * roots, accents, bold) as the gnuplot renderer writes them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_gp_string.h"
#include "wb_mathtext.h"

static char *unicode(const char *tex, unsigned flags)
{
    wb_buf b = {0};
    cr_assert_eq(wb_mt_unicode(&b, tex, flags), 0, "'%s': %s", tex,
                 wb_error());
    return wb_buf_take(&b);
}

static const struct {
    const char *tex, *shown;
} table[] = {
    /* chapter 1 */
    {"$p(x) = \\frac{1}{s\\sqrt{2\\pi}}\\, e^{-(x-\\mu)^2 / 2s^2}.$",
     "p(x) = 1/(s√(2π)) e^(−(x−μ)²/2s²)."},
    {"$\\sigma(z) = \\frac{1}{1 + e^{-z}}.$", "σ(z) = 1/(1 + e⁻ᶻ)."},
    {"$x = -\\frac{b}{w}.$", "x = −b/w."},
    {"between $x_a$ and $x_b$", "between xₐ and x_b"},
    {"$[-6, 6]$, less than $10^{-8}$", "[−6, 6], less than 10⁻⁸"},
    {"$z = \\pm 10^4$", "z = ±10⁴"},
    {"$f(x) = \\sigma(w x + b)$", "f(x) = σ(w x + b)"},
    {"$\\sigma(wx + b)$", "σ(wx + b)"},
    {"$2 \\ln 9 / w$", "2 ln 9 / w"},
    {"$e^0 = 1$ gives $\\sigma(0) = 1/2$", "e⁰ = 1 gives σ(0) = 1/2"},
    {"$1 - p$", "1 − p"},
    {"$\\pm 0.5$", "±0.5"},
    /* scripts: in Unicode where every character has the form, else on
     * the line */
    {"$x_1 x_2$", "x₁ x₂"},
    {"$e^{-z}$", "e⁻ᶻ"},
    {"$e^{-z/2}$", "e^(−z/2)"},
    {"$x_q$", "x_q"},
    {"$w_{ij}$", "wᵢⱼ"},
    {"$w^{(1)}_{ij}$", "wᵢⱼ⁽¹⁾"},
    {"$\\sigma^{-1}$", "σ⁻¹"},
    {"$x^{10}$", "x¹⁰"},
    {"$X^\\top$", "Xᵀ"},
    {"$f'(z)$", "f′(z)"},
    {"$x_{\\text{max}}$", "xₘₐₓ"},
    {"$x_{\\text{out}}$", "xₒᵤₜ"},
    {"$y_{\\text{pred}}$", "y_pred"},
    /* fractions and roots */
    {"$\\frac12$", "1/2"},
    {"$\\frac{1}{10}$", "1/10"},
    {"$\\frac{x_1}{2}$", "x₁/2"},
    {"$\\frac{\\partial L}{\\partial w}$", "(∂L)/(∂w)"},
    {"$\\frac{1}{(1 + x)}$", "1/(1 + x)"},
    {"$\\dfrac{a}{b c}$", "a/(b c)"},
    {"$\\sqrt{2}$", "√2"},
    {"$\\sqrt{x+1}$", "√(x + 1)"},
    {"$\\sqrt[3]{x}$", "∛x"},
    {"$\\sqrt[n]{x}$", "ⁿ√x"},
    /* sums, norms, delimiters, operators, accents, fonts */
    {"$\\sum_{i=1}^{n} x_i$", "∑ᵢ₌₁ⁿ xᵢ"},
    {"$\\mathcal{L}(w) = -\\frac{1}{n}\\sum_{i=1}^n \\log p_i$",
     "ℒ(w) = −1/n ∑ᵢ₌₁ⁿ log pᵢ"},
    {"$\\|w\\|^2$", "‖w‖²"},
    {"$\\lVert w \\rVert$", "‖w‖"},
    {"$\\left( \\frac{a}{b} \\right)$", "(a/b)"},
    {"$\\left. x \\right|$", "x|"},
    {"$\\exp\\left(-\\frac{x^2}{2}\\right)$", "exp(−x²/2)"},
    {"$\\max(0, z)$", "max(0, z)"},
    {"$\\max_{i} x_i$", "maxᵢ xᵢ"},
    {"$a \\cdot b \\times c$", "a · b × c"},
    {"$x \\leq 1 \\geq y \\neq z$", "x ≤ 1 ≥ y ≠ z"},
    {"$\\hat{y} = \\mathbf{w}^\\top \\mathbf{x} + b$", "y\u0302 = wᵀx + b"},
    {"$\\bar{x}$, $\\overline{ab}$, $\\vec{w}$",
     "x\u0304, a\u0305b\u0305, w\u20D7"},
    {"$x \\in \\mathbb{R}^2$", "x ∈ ℝ²"},
    {"$y \\in \\{0, 1\\}$", "y ∈ {0, 1}"},
    {"$\\text{sign}(x_1 x_2)$", "sign(x₁ x₂)"},
    {"$\\text{if } x > 0$", "if x > 0"},
    {"$\\operatorname{ReLU}(z)$", "ReLU(z)"},
    {"$a \\quad b$", "a  b"},
    {"$x \\to \\infty$", "x → ∞"},
    {"costs \\$5", "costs $5"},
};

Test(mt_unicode, the_table)
{
    for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
        char *shown = unicode(table[i].tex, 0);
        cr_expect_str_eq(shown, table[i].shown, "'%s'", table[i].tex);
        free(shown);
    }
}

Test(mt_unicode, bold_is_marked_for_the_terminal)
{
    char *shown = unicode("$\\mathbf{w} x$", WB_MT_MARK_BOLD);
    cr_assert_str_eq(shown, "\002w\003 x");
    free(shown);
}

/* Wrong math fails here as in the figures, saying what, so that a chapter
 * that uses a command no renderer knows fails its test. */
Test(mt_unicode, errors)
{
    const struct {
        const char *tex, *why;
    } bad[] = {
        {"$\\foo$", "unknown command \\foo"},
        {"$\\begin{cases} x \\end{cases}$", "unknown command \\begin"},
        {"$\\frac{1}$", "\\frac without its argument"},
        {"$\\sqrt[3{x}$", "unmatched [ of \\sqrt[n]"},
        {"$\\left x$", "\\left needs a delimiter"},
        {"$x \\right$", "\\right without its argument"},
        {"$\\mathbb{x}$", "\\mathbb takes one capital letter"},
        {"$x", "unmatched $"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wb_buf b = {0};
        cr_assert_eq(wb_mt_unicode(&b, bad[i].tex, 0), -1, "'%s' passed",
                     bad[i].tex);
        cr_assert(strstr(wb_error(), bad[i].why), "'%s': '%s' lacks '%s'",
                  bad[i].tex, wb_error(), bad[i].why);
        cr_assert_eq(b.len, 0, "nothing is appended");
        wb_buf_free(&b);
    }
}

Test(mt_unicode, new_atoms_in_the_parser)
{
    wb_mt_list l;
    cr_assert_eq(wb_mt_parse(&l, "$\\frac{a}{b}\\sqrt[3]{x}\\hat{y}"
                                 "\\mathbf{w}$", true), 0, "%s", wb_error());
    cr_assert_eq(l.n, 4);
    cr_assert_eq(l.atoms[0].kind, WB_MT_FRAC);
    cr_assert_str_eq(l.atoms[0].group.atoms[0].text, "a");
    cr_assert_str_eq(l.atoms[0].den.atoms[0].text, "b");
    cr_assert_eq(l.atoms[1].kind, WB_MT_ROOT);
    cr_assert_str_eq(l.atoms[1].index.atoms[0].text, "3");
    cr_assert_eq(l.atoms[2].kind, WB_MT_ACCENT);
    cr_assert_str_eq(l.atoms[2].text, "\u0302");
    cr_assert_eq(l.atoms[3].kind, WB_MT_GROUP);
    cr_assert(l.atoms[3].bold);
    cr_assert_not(l.atoms[3].group.atoms[0].italic, "\\mathbf is upright");
    wb_mt_free(&l);
}

Test(mt_unicode, simple_lists)
{
    const struct {
        const char *tex;
        bool simple;
    } cases[] = {
        {"$x$", true},      {"$10$", true},       {"$3.14$", true},
        {"$x_1$", true},    {"$(a + b)$", true},  {"$\\sqrt{x}$", true},
        {"$wx$", false},    {"$a + b$", false},   {"$2\\pi$", false},
        {"$(a)(b)$", false}, {"$\\frac{a}{b}$", false}, {"$\\exp$", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        wb_mt_list l;
        cr_assert_eq(wb_mt_parse(&l, cases[i].tex, true), 0);
        cr_expect_eq(wb_mt_simple(&l), cases[i].simple, "'%s'",
                     cases[i].tex);
        wb_mt_free(&l);
    }
}

/* The figures write the new atoms plainly, on the line. */
Test(mt_unicode, gnuplot_writes_them_plainly)
{
    const struct {
        const char *tex, *gp;
    } cases[] = {
        {"$\\frac{1}{1 + e^{-z}}$",
         "'{1/(1 + {/:Italic e}^{−{/:Italic z}})}'"},
        {"$\\sqrt{x}$", "'{√{/:Italic x}}'"},
        {"$\\hat{y}$", "'{{/:Italic y}\u0302}'"},
        {"$\\mathbf{w}$", "'{/:Bold w}'"},
        {"$\\|w\\|$", "'‖{/:Italic w}‖'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *gp = wb_gp_string(cases[i].tex, true);
        cr_assert(gp, "%s", wb_error());
        cr_expect_str_eq(gp, cases[i].gp, "'%s'", cases[i].tex);
        free(gp);
    }
}
