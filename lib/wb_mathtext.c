/* wb_mathtext.c: parsing the $...$ math of figure and diagram texts. See
 * internal/mathtext.h. */
#include "internal/mathtext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* ---- the symbols ------------------------------------------------------- */

typedef struct symbol {
    const char *name;     /* the command, without its backslash */
    const char *text;     /* what it shows, in UTF-8 */
    bool italic;          /* lowercase Greek is italic, as in TeX */
    wb_mt_class cls;
} symbol;

#define GREEK(name, text) {name, text, true, WB_MT_ORD}
#define UPRIGHT(name, text) {name, text, false, WB_MT_ORD}
#define BIN(name, text) {name, text, false, WB_MT_BIN}
#define REL(name, text) {name, text, false, WB_MT_REL}

static const symbol symbols[] = {
    GREEK("alpha", "α"), GREEK("beta", "β"), GREEK("gamma", "γ"),
    GREEK("delta", "δ"), GREEK("epsilon", "ϵ"), GREEK("varepsilon", "ε"),
    GREEK("zeta", "ζ"), GREEK("eta", "η"), GREEK("theta", "θ"),
    GREEK("vartheta", "ϑ"), GREEK("iota", "ι"), GREEK("kappa", "κ"),
    GREEK("lambda", "λ"), GREEK("mu", "μ"), GREEK("nu", "ν"),
    GREEK("xi", "ξ"), GREEK("omicron", "ο"), GREEK("pi", "π"),
    GREEK("varpi", "ϖ"), GREEK("rho", "ρ"), GREEK("varrho", "ϱ"),
    GREEK("sigma", "σ"), GREEK("varsigma", "ς"), GREEK("tau", "τ"),
    GREEK("upsilon", "υ"), GREEK("phi", "ϕ"), GREEK("varphi", "φ"),
    GREEK("chi", "χ"), GREEK("psi", "ψ"), GREEK("omega", "ω"),
    UPRIGHT("Alpha", "Α"), UPRIGHT("Beta", "Β"), UPRIGHT("Gamma", "Γ"),
    UPRIGHT("Delta", "Δ"), UPRIGHT("Epsilon", "Ε"), UPRIGHT("Zeta", "Ζ"),
    UPRIGHT("Eta", "Η"), UPRIGHT("Theta", "Θ"), UPRIGHT("Iota", "Ι"),
    UPRIGHT("Kappa", "Κ"), UPRIGHT("Lambda", "Λ"), UPRIGHT("Mu", "Μ"),
    UPRIGHT("Nu", "Ν"), UPRIGHT("Xi", "Ξ"), UPRIGHT("Omicron", "Ο"),
    UPRIGHT("Pi", "Π"), UPRIGHT("Rho", "Ρ"), UPRIGHT("Sigma", "Σ"),
    UPRIGHT("Tau", "Τ"), UPRIGHT("Upsilon", "Υ"), UPRIGHT("Phi", "Φ"),
    UPRIGHT("Chi", "Χ"), UPRIGHT("Psi", "Ψ"), UPRIGHT("Omega", "Ω"),
    BIN("cdot", "·"), BIN("times", "×"), BIN("pm", "±"),
    REL("leq", "≤"), REL("le", "≤"), REL("geq", "≥"), REL("ge", "≥"),
    REL("neq", "≠"), REL("ne", "≠"), REL("approx", "≈"),
    REL("to", "→"), REL("rightarrow", "→"), REL("leftarrow", "←"),
    REL("in", "∈"), REL("propto", "∝"), REL("sim", "∼"),
    UPRIGHT("infty", "∞"), UPRIGHT("ldots", "…"), UPRIGHT("cdots", "⋯"),
    UPRIGHT("partial", "∂"), UPRIGHT("nabla", "∇"), UPRIGHT("sum", "∑"),
    UPRIGHT("prod", "∏"),
    UPRIGHT("exp", "exp"), UPRIGHT("log", "log"), UPRIGHT("ln", "ln"),
    UPRIGHT("max", "max"), UPRIGHT("min", "min"), UPRIGHT("tanh", "tanh"),
};

/* The class of a character typed as it is. */
static wb_mt_class class_of(uint32_t c)
{
    switch (c) {
    case '+': case 0x2212: case 0xB1: case 0xD7: case 0xB7:
        return WB_MT_BIN;
    case '=': case '<': case '>': case 0x2264: case 0x2265: case 0x2260:
    case 0x2248: case 0x2192: case 0x2190:
        return WB_MT_REL;
    case '(': case '[':
        return WB_MT_OPEN;
    case ')': case ']':
        return WB_MT_CLOSE;
    case ',': case ';':
        return WB_MT_PUNCT;
    default:
        return WB_MT_ORD;
    }
}

/* ---- UTF-8 ------------------------------------------------------------- */

/* The code point of the valid sequence at s, of length n. */
static uint32_t decode(const unsigned char *s, size_t n)
{
    uint32_t cp = n == 1 ? s[0] : s[0] & (0xFF >> (n + 1));
    for (size_t i = 1; i < n; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}

size_t wb_utf8_len(const unsigned char *s)
{
    size_t n;
    uint32_t cp;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    else
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    cp = decode(s, n);
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))
        || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static bool is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

static bool is_letter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---- lists ------------------------------------------------------------- */

static void free_atom(wb_mt_atom *a)
{
    free(a->text);
    wb_mt_free(&a->group);
    if (a->sub)
        wb_mt_free(a->sub);
    if (a->sup)
        wb_mt_free(a->sup);
    free(a->sub);
    free(a->sup);
}

void wb_mt_free(wb_mt_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free_atom(&list->atoms[i]);
    free(list->atoms);
    *list = (wb_mt_list){0};
}

/* Appends `a` (taking what it owns, even on failure). */
static int push(wb_mt_list *l, wb_mt_atom a)
{
    wb_mt_atom *atoms = wb_reallocarray(l->atoms, l->n + 1, sizeof *atoms);
    if (!atoms) {
        free_atom(&a);
        return -1;
    }
    l->atoms = atoms;
    l->atoms[l->n++] = a;
    return 0;
}

/* A new SYMBOL or SPACE atom showing the n bytes at s. */
static int push_text(wb_mt_list *l, wb_mt_kind kind, const char *s,
                     size_t n, bool italic, wb_mt_class cls)
{
    wb_mt_atom a = {.kind = kind, .italic = italic, .cls = cls};
    a.text = wb_strndup(s, n);
    if (!a.text)
        return -1;
    return push(l, a);
}

static int push_space(wb_mt_list *l, const char *text, bool typed)
{
    wb_mt_atom a = {.kind = WB_MT_SPACE, .typed = typed};
    a.text = wb_strdup(text);
    if (!a.text)
        return -1;
    return push(l, a);
}

/* ---- the parser -------------------------------------------------------- */

/* Groups and scripts nest at most this deep: deeper is an error, not a
 * stack overflow. */
#define MAX_DEPTH 32

typedef struct parser {
    const char *s;       /* the next character */
    const char *text;    /* the whole text, for messages (see quoted) */
    int depth;           /* groups and scripts around s */
} parser;

/* The text for a message: at most 60 characters, on one line. */
static const char *quoted(const parser *p)
{
    static _Thread_local char shown[80];
    size_t n = 0;
    const char *s = p->text;
    for (; *s && n < 60; s++)
        shown[n++] = is_control((unsigned char)*s) ? ' ' : *s;
    /* Not in the middle of a character. */
    while (n > 0 && *s && ((unsigned char)shown[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0 && *s && ((unsigned char)shown[n - 1] & 0xC0) == 0xC0)
        n--;
    strcpy(shown + n, *s ? "..." : "");
    return shown;
}

/* One level deeper into groups and scripts. */
static int deeper(parser *p)
{
    if (++p->depth > MAX_DEPTH)
        return wb_fail("math nested more than %d deep in '%s'", MAX_DEPTH,
                       quoted(p));
    return 0;
}

static int parse_math(parser *p, wb_mt_list *out, char end, bool upright);

/* The argument of _ or ^: a {group}, a \command or one character. */
static int parse_argument(parser *p, wb_mt_list *arg, bool upright)
{
    const char *s = p->s;
    size_t n;
    char *one;
    parser sub;
    int rc;

    if (*s == '{') {
        p->s++;
        return parse_math(p, arg, '}', upright);
    }
    if (*s == '\0' || *s == '$' || *s == '}' || *s == '_' || *s == '^')
        return wb_fail("a subscript or superscript without its argument in "
                       "'%s'", quoted(p));
    if (*s == '\\') {
        n = 1;
        if (is_letter(s[1]))
            while (is_letter(s[n]))
                n++;
        else if (s[1])
            n = 2;
    } else {
        n = wb_utf8_len((const unsigned char *)s);
        if (n == 0)
            n = 1;
    }
    /* The argument alone, parsed as math of its own. */
    one = wb_strndup(s, n);
    if (!one)
        return -1;
    sub = (parser){one, p->text, p->depth};
    rc = parse_math(&sub, arg, '\0', upright);
    free(one);
    p->s += n;
    return rc;
}

/* After a nucleus: _ or ^ and its argument, attached to the last atom. */
static int parse_script(parser *p, wb_mt_list *out, bool upright)
{
    bool is_sub = *p->s == '_';
    wb_mt_atom *base;
    wb_mt_list *arg;

    p->s++;
    if (out->n == 0 &&
        push_text(out, WB_MT_SYMBOL, "", 0, false, WB_MT_ORD) != 0)
        return -1;
    base = &out->atoms[out->n - 1];
    if (is_sub ? base->sub != NULL : base->sup != NULL)
        return wb_fail("a double %s in '%s': group it, as {x_1}_2",
                       is_sub ? "subscript" : "superscript", quoted(p));
    arg = wb_calloc(1, sizeof *arg);
    if (!arg)
        return -1;
    if (parse_argument(p, arg, upright) != 0) {
        wb_mt_free(arg);
        free(arg);
        return -1;
    }
    /* parse_argument may have moved the atoms: find the base again. */
    base = &out->atoms[out->n - 1];
    if (is_sub) {
        base->sub = arg;
    } else {
        base->sup = arg;
        base->sup_first = base->sub == NULL;
    }
    return 0;
}

/* A \command at p->s. */
static int parse_command(parser *p, wb_mt_list *out, bool upright)
{
    const char *name = p->s + 1;
    size_t n = 0;

    while (is_letter(name[n]))
        n++;
    if (n == 0) {
        /* \, \; \: \  (spaces), \! (none), \{ \} \$ \_ \% \# \& (the
         * character itself) */
        char c = name[0];
        if (c == '\0')
            return wb_fail("a lone \\ at the end of '%s'", quoted(p));
        p->s += 2;
        if (c == ',')
            return push_space(out, "\u2009", false);    /* thin space */
        if (c == ';' || c == ':' || c == ' ')
            return push_space(out, " ", false);
        if (c == '!')
            return 0;
        if (strchr("{}$_%#&", c))
            return push_text(out, WB_MT_SYMBOL, &c, 1, false,
                             c == '{' ? WB_MT_OPEN
                                      : c == '}' ? WB_MT_CLOSE : WB_MT_ORD);
        return wb_fail("unknown command \\%c in '%s'", c, quoted(p));
    }
    p->s = name + n;
    if ((n == 6 && strncmp(name, "mathrm", 6) == 0) ||
        (n == 4 && strncmp(name, "text", 4) == 0)) {
        wb_mt_atom a = {.kind = WB_MT_GROUP};
        if (*p->s != '{')
            return wb_fail("\\%.*s needs a {group} in '%s'", (int)n, name,
                           quoted(p));
        p->s++;
        if (parse_math(p, &a.group, '}', true) != 0) {
            free_atom(&a);
            return -1;
        }
        return push(out, a);
    }
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++) {
        const symbol *t = &symbols[i];
        if (strlen(t->name) == n && strncmp(t->name, name, n) == 0)
            return push_text(out, WB_MT_SYMBOL, t->text, strlen(t->text),
                             t->italic && !upright, t->cls);
    }
    return wb_fail("unknown command \\%.*s in '%s'", (int)n, name,
                   quoted(p));
}

/* Math up to `end`: '$', '}', or '\0' for an argument parsed alone. */
static int parse_math(parser *p, wb_mt_list *out, char end, bool upright)
{
    int rc = deeper(p);
    if (rc != 0)
        return rc;
    for (;;) {
        const char *s = p->s;
        char c = *s;
        rc = 0;
        if (c == end) {
            if (c)
                p->s++;
            p->depth--;
            return 0;
        }
        if (c == '\0' || c == '$')
            return wb_fail(end == '}' ? "unmatched { in '%s'"
                                      : "unmatched $ in '%s': write \\$ for "
                                        "a dollar sign", quoted(p));
        if (is_letter(c)) {
            while (is_letter(*p->s))
                p->s++;
            rc = push_text(out, WB_MT_SYMBOL, s, (size_t)(p->s - s),
                           !upright, WB_MT_ORD);
        } else if (c == '_' || c == '^') {
            rc = parse_script(p, out, upright);
        } else if (c == '\\') {
            rc = parse_command(p, out, upright);
        } else if (c == '{') {
            wb_mt_atom a = {.kind = WB_MT_GROUP};
            p->s++;
            rc = parse_math(p, &a.group, '}', upright);
            rc = rc == 0 ? push(out, a) : (free_atom(&a), -1);
        } else if (c == '}') {
            return wb_fail("unmatched } in '%s'", quoted(p));
        } else if (c == '-') {
            p->s++;
            rc = push_text(out, WB_MT_SYMBOL, "\u2212", 3, false, WB_MT_BIN);
        } else if (c == '\'') {
            p->s++;
            rc = push_text(out, WB_MT_SYMBOL, "\u2032", 3, false, WB_MT_ORD);
        } else if (c == '~') {
            p->s++;
            rc = push_space(out, " ", false);    /* TeX's tie */
        } else if (c == ' ' || is_control((unsigned char)c)) {
            p->s++;
            rc = push_space(out, " ", true);
        } else {
            size_t n = wb_utf8_len((const unsigned char *)s);
            if (n == 0) {
                p->s++;
                rc = push_text(out, WB_MT_SYMBOL, "?", 1, false, WB_MT_ORD);
            } else {
                uint32_t cp = decode((const unsigned char *)s, n);
                p->s += n;
                rc = push_text(out, WB_MT_SYMBOL, s, n,
                               !upright && cp >= 0x3B1 && cp <= 0x3C9,
                               class_of(cp));
            }
        }
        if (rc != 0)
            return -1;
    }
}

/* Appends the plain character at *s to `b`, made safe: a control
 * character becomes a space and a byte that is not UTF-8 a '?'. */
static void put_plain(wb_buf *b, const char **s)
{
    const unsigned char *u = (const unsigned char *)*s;
    size_t n = wb_utf8_len(u);
    if (is_control(u[0])) {
        wb_buf_puts(b, " ");
        *s += 1;
    } else if (n == 0) {
        wb_buf_puts(b, "?");
        *s += 1;
    } else {
        wb_buf_append(b, *s, n);
        *s += n;
    }
}

/* Ends the plain text gathered in `b` as a TEXT atom. */
static int flush_text(wb_mt_list *out, wb_buf *b)
{
    wb_mt_atom a = {.kind = WB_MT_TEXT};
    if (b->len == 0 && !b->failed)
        return 0;
    a.text = wb_buf_take(b);
    if (!a.text)
        return -1;
    return push(out, a);
}

int wb_mt_parse(wb_mt_list *out, const char *text, bool math)
{
    wb_buf plain = {0};
    const char *s = text;
    *out = (wb_mt_list){0};
    if (!text)
        return wb_fail("no text (NULL)");
    while (*s) {
        if (math && *s == '$') {
            parser p = {s + 1, text, 0};
            if (flush_text(out, &plain) != 0 ||
                parse_math(&p, out, '$', false) != 0)
                goto fail;
            s = p.s;
        } else if (math && s[0] == '\\' && s[1] == '$') {
            wb_buf_puts(&plain, "$");
            s += 2;
        } else {
            put_plain(&plain, &s);
        }
    }
    if (flush_text(out, &plain) == 0)
        return 0;
fail:
    wb_buf_free(&plain);
    wb_mt_free(out);
    return -1;
}
