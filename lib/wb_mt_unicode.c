/* wb_mt_unicode.c: math text as plain Unicode, for a terminal. See
 * wb_mathtext.h. */
#include <stdlib.h>
#include <string.h>

#include "wb_mathtext.h"

/* ---- sub- and superscript characters ------------------------------------ */

typedef struct script_char {
    uint32_t from;
    const char *to;
} script_char;

/* Unicode has these superscripts, and no others (no q, no C, F, Q, S, X,
 * Y, Z, no Greek but β γ δ θ φ χ). */
static const script_char superscripts[] = {
    {'0', "⁰"}, {'1', "¹"}, {'2', "²"}, {'3', "³"}, {'4', "⁴"},
    {'5', "⁵"}, {'6', "⁶"}, {'7', "⁷"}, {'8', "⁸"}, {'9', "⁹"},
    {'+', "⁺"}, {'-', "⁻"}, {0x2212, "⁻"}, {'=', "⁼"}, {'(', "⁽"},
    {')', "⁾"},
    {'a', "ᵃ"}, {'b', "ᵇ"}, {'c', "ᶜ"}, {'d', "ᵈ"}, {'e', "ᵉ"}, {'f', "ᶠ"},
    {'g', "ᵍ"}, {'h', "ʰ"}, {'i', "ⁱ"}, {'j', "ʲ"}, {'k', "ᵏ"}, {'l', "ˡ"},
    {'m', "ᵐ"}, {'n', "ⁿ"}, {'o', "ᵒ"}, {'p', "ᵖ"}, {'r', "ʳ"}, {'s', "ˢ"},
    {'t', "ᵗ"}, {'u', "ᵘ"}, {'v', "ᵛ"}, {'w', "ʷ"}, {'x', "ˣ"}, {'y', "ʸ"},
    {'z', "ᶻ"},
    {'A', "ᴬ"}, {'B', "ᴮ"}, {'D', "ᴰ"}, {'E', "ᴱ"}, {'G', "ᴳ"}, {'H', "ᴴ"},
    {'I', "ᴵ"}, {'J', "ᴶ"}, {'K', "ᴷ"}, {'L', "ᴸ"}, {'M', "ᴹ"}, {'N', "ᴺ"},
    {'O', "ᴼ"}, {'P', "ᴾ"}, {'R', "ᴿ"}, {'T', "ᵀ"}, {'U', "ᵁ"}, {'V', "ⱽ"},
    {'W', "ᵂ"},
    {0x3B2, "ᵝ"}, {0x3B3, "ᵞ"}, {0x3B4, "ᵟ"}, {0x3B8, "ᶿ"}, {0x3C6, "ᵠ"},
    {0x3D5, "ᵠ"}, {0x3C7, "ᵡ"},
    {0x22A4, "ᵀ"},    /* \top, the transpose */
    {0x2032, "′"},    /* a prime is already raised */
};

static const script_char subscripts[] = {
    {'0', "₀"}, {'1', "₁"}, {'2', "₂"}, {'3', "₃"}, {'4', "₄"},
    {'5', "₅"}, {'6', "₆"}, {'7', "₇"}, {'8', "₈"}, {'9', "₉"},
    {'+', "₊"}, {'-', "₋"}, {0x2212, "₋"}, {'=', "₌"}, {'(', "₍"},
    {')', "₎"},
    {'a', "ₐ"}, {'e', "ₑ"}, {'h', "ₕ"}, {'i', "ᵢ"}, {'j', "ⱼ"}, {'k', "ₖ"},
    {'l', "ₗ"}, {'m', "ₘ"}, {'n', "ₙ"}, {'o', "ₒ"}, {'p', "ₚ"}, {'r', "ᵣ"},
    {'s', "ₛ"}, {'t', "ₜ"}, {'u', "ᵤ"}, {'v', "ᵥ"}, {'x', "ₓ"},
    {0x3B2, "ᵦ"}, {0x3B3, "ᵧ"}, {0x3C1, "ᵨ"}, {0x3C6, "ᵩ"}, {0x3D5, "ᵩ"},
    {0x3C7, "ᵪ"},
};

static const char *script_form(const script_char *table, size_t n,
                               uint32_t c)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].from == c)
            return table[i].to;
    return NULL;
}

/* `text` in sub- or superscript characters, appended to `b`; false (and
 * nothing appended) when one of its characters has no such form. */
static bool put_script_chars(wb_buf *b, const char *text, bool sup)
{
    const script_char *table = sup ? superscripts : subscripts;
    size_t n = sup ? sizeof superscripts / sizeof *superscripts
                   : sizeof subscripts / sizeof *subscripts;
    wb_buf out = {0};
    bool ok = *text != '\0';
    for (const char *s = text; *s && ok;) {
        size_t len = wb_utf8_len((const unsigned char *)s);
        const char *form =
            len ? script_form(table, n,
                              wb_utf8_decode((const unsigned char *)s, len))
                : NULL;
        if (form)
            wb_buf_puts(&out, form);
        ok = form != NULL;
        s += len ? len : 1;
    }
    if (ok)
        wb_buf_append(b, out.data, out.len);
    wb_buf_free(&out);
    return ok;
}

/* The number of characters of a UTF-8 text, not counting combining marks
 * (which sit on the character before them). */
static size_t characters(const char *text)
{
    size_t n = 0;
    for (const char *s = text; *s;) {
        size_t len = wb_utf8_len((const unsigned char *)s);
        uint32_t c = len ? wb_utf8_decode((const unsigned char *)s, len) : 0;
        n += !((c >= 0x300 && c <= 0x36F) || (c >= 0x20D0 && c <= 0x20FF));
        s += len ? len : 1;
    }
    return n;
}

/* ---- lists -------------------------------------------------------------- */

typedef struct ctx {
    unsigned flags;
} ctx;

static void put_list(const ctx *x, wb_buf *b, const wb_mt_list *list,
                     bool script, bool text_mode);

/* No atom yet, or the kinds of wb_mt_class. */
enum { NONE = -1 };

/* Whether TeX puts a space between an atom of class `prev` and one of
 * class `cur` (thin spaces count: on a terminal, a space is a space). */
static bool tex_space(int prev, int cur)
{
    if (prev == NONE)
        return false;
    return prev == WB_MT_BIN || cur == WB_MT_BIN || prev == WB_MT_REL ||
           cur == WB_MT_REL || prev == WB_MT_PUNCT;
}

/* A list rendered on its own (into a new buffer's text, or NULL). */
static char *render(const ctx *x, const wb_mt_list *list, bool script,
                    bool text_mode)
{
    wb_buf b = {0};
    put_list(x, &b, list, script, text_mode);
    return wb_buf_take(&b);
}

/* A fraction's part or a root's argument: in parentheses unless it reads
 * as one thing. */
static void put_operand(const ctx *x, wb_buf *b, const wb_mt_list *list,
                        bool script)
{
    bool wrap = !wb_mt_simple(list);
    if (wrap)
        wb_buf_puts(b, "(");
    put_list(x, b, list, script, false);
    if (wrap)
        wb_buf_puts(b, ")");
}

/* A subscript or superscript: in script characters if it can be, or on
 * the line after _ or ^. */
static void put_script(const ctx *x, wb_buf *b, const wb_mt_list *list,
                       bool sup)
{
    char *text = render(x, list, true, false);
    if (!text) {
        b->failed = true;
        return;
    }
    if (!put_script_chars(b, text, sup)) {
        bool wrap = characters(text) > 1 && !wb_mt_simple(list);
        wb_buf_puts(b, sup ? "^" : "_");
        wb_buf_puts(b, wrap ? "(" : "");
        wb_buf_puts(b, text);
        wb_buf_puts(b, wrap ? ")" : "");
    }
    free(text);
}

/* √, with its degree: ∛ and ∜ exist, others are written before it. */
static void put_root(const ctx *x, wb_buf *b, const wb_mt_atom *a,
                     bool script)
{
    if (a->index.n > 0) {
        char *n = render(x, &a->index, true, false);
        if (n && strcmp(n, "3") == 0)
            wb_buf_puts(b, "∛");
        else if (n && strcmp(n, "4") == 0)
            wb_buf_puts(b, "∜");
        else if (n) {
            if (!put_script_chars(b, n, true)) {
                wb_buf_puts(b, "(");
                wb_buf_puts(b, n);
                wb_buf_puts(b, ")");
            }
            wb_buf_puts(b, "√");
        } else {
            b->failed = true;
        }
        free(n);
    } else {
        wb_buf_puts(b, "√");
    }
    put_operand(x, b, &a->group, script);
}

/* An accent: its combining character after the one character it covers;
 * over more than one, after each (a bar over them all) or after the last. */
static void put_accent(const ctx *x, wb_buf *b, const wb_mt_atom *a,
                       bool script)
{
    char *base = render(x, &a->group, script, false);
    bool each = strcmp(a->text, "\u0305") == 0 || strcmp(a->text,
                                                          "\u0304") == 0;
    if (!base) {
        b->failed = true;
        return;
    }
    for (const char *s = base; *s;) {
        size_t len = wb_utf8_len((const unsigned char *)s);
        len = len ? len : 1;
        wb_buf_append(b, s, len);
        s += len;
        if (each || !*s)
            wb_buf_puts(b, a->text);
    }
    free(base);
}

/* ∑, ∏, ∫: TeX sets them apart from what comes before. */
static bool is_big_operator(const wb_mt_atom *a)
{
    static const char *const ops[] = {"∑", "∏", "∫", "∮"};
    if (a->kind != WB_MT_SYMBOL)
        return false;
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strcmp(a->text, ops[i]) == 0)
            return true;
    return false;
}

static bool ends_with_space(const wb_buf *b, size_t start)
{
    return b->len > start && b->data[b->len - 1] == ' ';
}

static void put_list(const ctx *x, wb_buf *b, const wb_mt_list *list,
                     bool script, bool text_mode)
{
    size_t start = b->len;
    int prev = NONE;
    bool typed_space = false, after_sign = false, prev_word = false;

    for (size_t i = 0; i < list->n; i++) {
        const wb_mt_atom *a = &list->atoms[i];
        int cls = a->kind == WB_MT_SYMBOL ? (int)a->cls : WB_MT_ORD;

        if (a->kind == WB_MT_TEXT) {
            wb_buf_puts(b, a->text);
            prev = NONE;
            typed_space = after_sign = false;
            continue;
        }
        if (a->kind == WB_MT_SPACE) {
            if (a->typed && text_mode)
                wb_buf_puts(b, " ");
            else if (a->typed)
                /* After \partial or \sigma the space only ends the name;
                 * after \log or \max it parts the function from its
                 * argument, as TeX does. */
                typed_space = !script && (!a->after_command || prev_word);
            else if (!script && !ends_with_space(b, start))
                /* \, \; \quad: a space (two for \quad) */
                wb_buf_puts(b, strstr(a->text, "\u2003") ? "  " : " ");
            continue;
        }
        /* A sign, as in -z: no space as around a binary minus, nor after
         * it. */
        bool sign = cls == WB_MT_BIN &&
                    (prev == NONE || prev == WB_MT_BIN || prev == WB_MT_REL ||
                     prev == WB_MT_OPEN || prev == WB_MT_PUNCT);
        if (sign)
            cls = WB_MT_ORD;
        if (!ends_with_space(b, start) && b->len > start &&
            ((!script && tex_space(prev, cls)) ||
             (!script && is_big_operator(a) && prev != WB_MT_OPEN &&
              !after_sign) ||
             (typed_space && prev != WB_MT_OPEN && !after_sign &&
              cls != WB_MT_CLOSE && cls != WB_MT_PUNCT)))
            wb_buf_puts(b, " ");
        typed_space = false;
        after_sign = sign;

        switch (a->kind) {
        case WB_MT_SYMBOL:
            wb_buf_puts(b, a->text);
            break;
        case WB_MT_GROUP:
            if (a->bold && (x->flags & WB_MT_MARK_BOLD))
                wb_buf_append(b, (char[]){WB_MT_BOLD_ON}, 1);
            put_list(x, b, &a->group, script, a->text_mode);
            if (a->bold && (x->flags & WB_MT_MARK_BOLD))
                wb_buf_append(b, (char[]){WB_MT_BOLD_OFF}, 1);
            break;
        case WB_MT_FRAC:
            put_operand(x, b, &a->group, script);
            wb_buf_puts(b, "/");
            put_operand(x, b, &a->den, script);
            break;
        case WB_MT_ROOT:
            put_root(x, b, a, script);
            break;
        case WB_MT_ACCENT:
            put_accent(x, b, a, script);
            break;
        case WB_MT_TEXT:
        case WB_MT_SPACE:
            break;
        }
        if (a->sub)
            put_script(x, b, a->sub, false);
        if (a->sup)
            put_script(x, b, a->sup, true);
        prev = a->sub || a->sup ? WB_MT_ORD : cls;
        prev_word = a->kind == WB_MT_SYMBOL && !a->italic &&
                    characters(a->text) > 1;
    }
}

int wb_mt_unicode(wb_buf *out, const char *text, unsigned flags)
{
    ctx x = {flags};
    wb_mt_list list;
    wb_buf b = {0};
    if (wb_mt_parse(&list, text, true) != 0)
        return -1;
    put_list(&x, &b, &list, false, false);
    wb_mt_free(&list);
    if (b.failed) {
        wb_buf_free(&b);
        return wb_fail("out of memory");
    }
    wb_buf_append(out, b.data ? b.data : "", b.len);
    wb_buf_free(&b);
    return 0;
}
