/* Tests of the math-text parser (lib/wb_mathtext.c), which figures and
 * diagrams share: what each piece of $...$ becomes, and the errors, the
 * same for both. */
#include <criterion/criterion.h>
#include <string.h>

#include "wb_core.h"
#include "wb_mathtext.h"

static wb_mt_list parse(const char *text)
{
    wb_mt_list l;
    cr_assert_eq(wb_mt_parse(&l, text, true), 0, "'%s': %s", text,
                 wb_error());
    return l;
}

static void assert_atom(const wb_mt_atom *a, wb_mt_kind kind,
                        const char *text, bool italic, wb_mt_class cls)
{
    cr_assert_eq(a->kind, kind, "'%s': kind %d", a->text ? a->text : "",
                 a->kind);
    if (text)
        cr_assert_str_eq(a->text, text);
    if (kind == WB_MT_SYMBOL) {
        cr_assert_eq(a->italic, italic, "'%s' italic %d", a->text, a->italic);
        cr_assert_eq(a->cls, cls, "'%s' class %d", a->text, a->cls);
    }
}

Test(mathtext, plain_text_outside_math)
{
    wb_mt_list l = parse("costs \\$5 and $x$ too");
    cr_assert_eq(l.n, 3);
    assert_atom(&l.atoms[0], WB_MT_TEXT, "costs $5 and ", false, 0);
    assert_atom(&l.atoms[1], WB_MT_SYMBOL, "x", true, WB_MT_ORD);
    assert_atom(&l.atoms[2], WB_MT_TEXT, " too", false, 0);
    wb_mt_free(&l);

    cr_assert_eq(wb_mt_parse(&l, "$x$ \x01 \xff", false), 0);
    cr_assert_eq(l.n, 1);
    assert_atom(&l.atoms[0], WB_MT_TEXT, "$x$   ?", false, 0);
    wb_mt_free(&l);
}

Test(mathtext, symbols_and_their_classes)
{
    wb_mt_list l = parse("$z = wx + b - \\sigma(\\mu), \\Sigma$");
    const struct {
        wb_mt_kind kind;
        const char *text;
        bool italic;
        wb_mt_class cls;
    } want[] = {
        {WB_MT_SYMBOL, "z", true, WB_MT_ORD},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "=", false, WB_MT_REL},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "wx", true, WB_MT_ORD},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "+", false, WB_MT_BIN},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "b", true, WB_MT_ORD},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "\u2212", false, WB_MT_BIN},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "σ", true, WB_MT_ORD},
        {WB_MT_SYMBOL, "(", false, WB_MT_OPEN},
        {WB_MT_SYMBOL, "μ", true, WB_MT_ORD},
        {WB_MT_SYMBOL, ")", false, WB_MT_CLOSE},
        {WB_MT_SYMBOL, ",", false, WB_MT_PUNCT},
        {WB_MT_SPACE, " ", false, 0},
        {WB_MT_SYMBOL, "Σ", false, WB_MT_ORD},
    };
    cr_assert_eq(l.n, sizeof want / sizeof *want, "%zu atoms", l.n);
    for (size_t i = 0; i < l.n; i++)
        assert_atom(&l.atoms[i], want[i].kind, want[i].text, want[i].italic,
                    want[i].cls);
    cr_assert(l.atoms[1].typed, "a typed space");
    wb_mt_free(&l);
}

Test(mathtext, scripts_attach_to_the_atom_before)
{
    wb_mt_list l = parse("$w_1^{2}$");
    cr_assert_eq(l.n, 1);
    cr_assert(l.atoms[0].sub && l.atoms[0].sup && !l.atoms[0].sup_first);
    assert_atom(&l.atoms[0].sub->atoms[0], WB_MT_SYMBOL, "1", false,
                WB_MT_ORD);
    assert_atom(&l.atoms[0].sup->atoms[0], WB_MT_SYMBOL, "2", false,
                WB_MT_ORD);
    wb_mt_free(&l);

    l = parse("$e^{-z}$");
    cr_assert_eq(l.n, 1);
    cr_assert_eq(l.atoms[0].sup->n, 2);
    assert_atom(&l.atoms[0].sup->atoms[0], WB_MT_SYMBOL, "\u2212", false,
                WB_MT_BIN);
    wb_mt_free(&l);

    /* A script that starts the math hangs on an empty base. */
    l = parse("$_1$");
    cr_assert_eq(l.n, 1);
    assert_atom(&l.atoms[0], WB_MT_SYMBOL, "", false, WB_MT_ORD);
    cr_assert(l.atoms[0].sub);
    wb_mt_free(&l);
}

Test(mathtext, groups_upright_text_and_spaces)
{
    wb_mt_list l = parse("$\\mathrm{loss}\\,\\text{of } \\alpha~{x}$");
    assert_atom(&l.atoms[0], WB_MT_GROUP, NULL, false, 0);
    assert_atom(&l.atoms[0].group.atoms[0], WB_MT_SYMBOL, "loss", false,
                WB_MT_ORD);
    assert_atom(&l.atoms[1], WB_MT_SPACE, "\u2009", false, 0);
    cr_assert_not(l.atoms[1].typed);
    assert_atom(&l.atoms[2], WB_MT_GROUP, NULL, false, 0);
    assert_atom(&l.atoms[2].group.atoms[0], WB_MT_SYMBOL, "of", false,
                WB_MT_ORD);
    assert_atom(&l.atoms[4], WB_MT_SYMBOL, "α", true, WB_MT_ORD);
    assert_atom(&l.atoms[5], WB_MT_SPACE, " ", false, 0);
    cr_assert_not(l.atoms[5].typed, "~ is a space that TeX keeps");
    assert_atom(&l.atoms[6], WB_MT_GROUP, NULL, false, 0);
    wb_mt_free(&l);
}

/* Wrong math fails, in figures and diagrams alike, with a message that
 * quotes the text. */
Test(mathtext, errors)
{
    const struct {
        const char *text, *why;
    } bad[] = {
        {"$\\foo$", "unknown command \\foo"},
        {"a $\\sigmaa$", "\\sigmaa"},
        {"$x", "unmatched $"},
        {"${x$", "unmatched {"},
        {"$x}$", "unmatched }"},
        {"$x_$", "without its argument"},
        {"$x^_1$", "without its argument"},
        {"$x_1_2$", "double subscript"},
        {"$x^1^2$", "double superscript"},
        {"$\\mathrm x$", "needs a {group}"},
        {"$x\\", "a lone \\"},
        {"$\\\\$", "unknown command \\\\"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        wb_mt_list l;
        cr_assert_eq(wb_mt_parse(&l, bad[i].text, true), -1, "'%s' parsed",
                     bad[i].text);
        cr_assert(strstr(wb_error(), bad[i].why), "'%s': '%s' lacks '%s'",
                  bad[i].text, wb_error(), bad[i].why);
        cr_assert(strstr(wb_error(), bad[i].text), "'%s' not quoted in '%s'",
                  bad[i].text, wb_error());
        cr_assert_eq(l.n, 0);
    }
}

Test(mathtext, utf8_lengths)
{
    cr_assert_eq(wb_utf8_len((const unsigned char *)"a"), 1);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"é"), 2);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"σ"), 2);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"→"), 3);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"𝑥"), 4);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"\xff"), 0);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"\xc3("), 0);
    cr_assert_eq(wb_utf8_len((const unsigned char *)"\xed\xa0\x80"), 0,
                 "a surrogate is not UTF-8");
    cr_assert_eq(wb_utf8_len((const unsigned char *)"\xe0\x80\xaf"), 0,
                 "an overlong form is not UTF-8");
}

/* Hostile texts: 100,000 nested braces, or scripts of scripts, fail with a
 * message instead of overflowing the stack; a message is one line and
 * quotes at most the start of the text. */
Test(mathtext, nesting_is_bounded_and_messages_stay_short)
{
    size_t n = 100000;
    char *deep = wb_malloc(2 * n + 3);
    wb_mt_list l;
    cr_assert(deep);
    deep[0] = '$';
    memset(deep + 1, '{', n);
    memset(deep + 1 + n, '}', n);
    strcpy(deep + 1 + 2 * n, "$");
    cr_assert_eq(wb_mt_parse(&l, deep, true), -1);
    cr_assert(strstr(wb_error(), "nested more than 32 deep"), "%s",
              wb_error());
    cr_assert_lt(strlen(wb_error()), 200, "the message quotes too much");
    free(deep);

    {
        wb_buf b = {0};      /* $x^{x^{...}}$, 40 levels */
        wb_buf_puts(&b, "$");
        for (int i = 0; i < 40; i++)
            wb_buf_puts(&b, "x^{");
        wb_buf_puts(&b, "x");
        for (int i = 0; i < 40; i++)
            wb_buf_puts(&b, "}");
        wb_buf_puts(&b, "$");
        cr_assert_eq(wb_mt_parse(&l, b.data, true), -1);
        wb_buf_free(&b);
    }
    cr_assert(strstr(wb_error(), "nested"), "%s", wb_error());
    cr_assert_eq(wb_mt_parse(&l, "$x^{x^{x^{x}}}$", true), 0,
                 "a few levels are fine");
    wb_mt_free(&l);

    cr_assert_eq(wb_mt_parse(&l, "first line\nsecond $\\nope$", true), -1);
    cr_assert_null(strchr(wb_error(), '\n'), "one line: %s", wb_error());
}

/* Found by the fuzzer: a delimiter or a letter form whose argument fails
 * half-way kept what it had read (the sanitized build reports the leak). */
Test(mathtext, an_argument_that_fails_half_way_leaks_nothing)
{
    const char *texts[] = {"$\\left{\xbfG``}3Y\xe0\x8c\x82,$", "$\\left{x^$",
                           "$\\right{a_{$", "$\\mathbb{R^$",
                           "$\\mathcal{x\\foo}$"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        wb_mt_list l;
        cr_assert_eq(wb_mt_parse(&l, texts[i], true), -1, "'%s' parsed",
                     texts[i]);
        cr_assert_eq(l.n, 0);
    }
}

/* The math of Markdown, found as pandoc finds it: each span's TeX, in
 * order; none in code, in a fenced block, after a backslash, nor a $
 * followed by a space or a closing $ followed by a digit. */
Test(mathtext, math_is_found_in_markdown_as_pandoc_finds_it)
{
    const char *md = "A $x_1$ and `$no$` and \\$5 or $ 6,\n"
                     "```\n$fenced$\n```\n"
                     "then $$y = 2x\n + 1$$ and $a$2 b$.\n\n$not\n\nacross$";
    const char *want[] = {"x_1", "y = 2x\n + 1", "a$2 b"};
    wb_md_math m;
    size_t n = 0;
    for (size_t at = 0; wb_md_math_next(md, at, &m); at = m.end, n++) {
        cr_assert_lt(n, 3, "more spans than %zu", n);
        cr_assert_eq(m.len, strlen(want[n]));
        cr_assert(strncmp(md + m.tex, want[n], m.len) == 0, "span %zu: %.*s",
                  n, (int)m.len, md + m.tex);
        cr_assert_eq(m.display, n == 1);
        cr_assert_eq(md[m.start], '$');
        cr_assert_eq(md[m.end - 1], '$');
    }
    cr_assert_eq(n, 3);
}
