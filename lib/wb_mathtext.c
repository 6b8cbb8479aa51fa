/* wb_mathtext.c: parsing the $...$ math of figure and diagram texts. See
 * wb_mathtext.h. */
#include "wb_mathtext.h"

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
    /* Symbols the prose of the book uses beyond those of the figures. */
    BIN("ast", "∗"), BIN("star", "⋆"), BIN("circ", "∘"), BIN("odot", "⊙"),
    BIN("otimes", "⊗"), BIN("oplus", "⊕"), BIN("mp", "∓"), BIN("div", "÷"),
    BIN("setminus", "∖"), BIN("cup", "∪"), BIN("cap", "∩"),
    BIN("wedge", "∧"), BIN("land", "∧"), BIN("vee", "∨"), BIN("lor", "∨"),
    REL("ll", "≪"), REL("gg", "≫"), REL("equiv", "≡"), REL("simeq", "≃"),
    REL("cong", "≅"), REL("leqslant", "⩽"), REL("geqslant", "⩾"),
    REL("mapsto", "↦"), REL("gets", "←"), REL("Rightarrow", "⇒"),
    REL("implies", "⇒"), REL("Leftarrow", "⇐"), REL("Leftrightarrow", "⇔"),
    REL("iff", "⇔"), REL("leftrightarrow", "↔"), REL("uparrow", "↑"),
    REL("downarrow", "↓"), REL("subset", "⊂"), REL("subseteq", "⊆"),
    REL("supset", "⊃"), REL("supseteq", "⊇"), REL("notin", "∉"),
    REL("ni", "∋"), REL("perp", "⊥"), REL("parallel", "∥"), REL("mid", "∣"),
    UPRIGHT("forall", "∀"), UPRIGHT("exists", "∃"), UPRIGHT("neg", "¬"),
    UPRIGHT("lnot", "¬"), UPRIGHT("emptyset", "∅"),
    UPRIGHT("varnothing", "∅"), UPRIGHT("ell", "ℓ"), UPRIGHT("top", "⊤"),
    UPRIGHT("bot", "⊥"), UPRIGHT("prime", "′"), UPRIGHT("dots", "…"),
    UPRIGHT("vdots", "⋮"), UPRIGHT("ddots", "⋱"), UPRIGHT("int", "∫"),
    UPRIGHT("oint", "∮"), UPRIGHT("dagger", "†"), UPRIGHT("Vert", "‖"),
    UPRIGHT("vert", "|"),
    {"lVert", "‖", false, WB_MT_OPEN}, {"rVert", "‖", false, WB_MT_CLOSE},
    {"lvert", "|", false, WB_MT_OPEN}, {"rvert", "|", false, WB_MT_CLOSE},
    {"langle", "⟨", false, WB_MT_OPEN}, {"rangle", "⟩", false, WB_MT_CLOSE},
    {"lfloor", "⌊", false, WB_MT_OPEN}, {"rfloor", "⌋", false, WB_MT_CLOSE},
    {"lceil", "⌈", false, WB_MT_OPEN}, {"rceil", "⌉", false, WB_MT_CLOSE},
    {"lbrace", "{", false, WB_MT_OPEN}, {"rbrace", "}", false, WB_MT_CLOSE},
    UPRIGHT("sin", "sin"), UPRIGHT("cos", "cos"), UPRIGHT("tan", "tan"),
    UPRIGHT("sinh", "sinh"), UPRIGHT("cosh", "cosh"),
    UPRIGHT("arctan", "arctan"), UPRIGHT("arg", "arg"), UPRIGHT("det", "det"),
    UPRIGHT("dim", "dim"), UPRIGHT("lim", "lim"), UPRIGHT("sup", "sup"),
    UPRIGHT("inf", "inf"), UPRIGHT("Pr", "Pr"), UPRIGHT("lg", "lg"),
};

/* Accents: the command and the combining character it puts over its
 * argument. */
static const struct {
    const char *name, *mark;
} accents[] = {
    {"hat", "\u0302"}, {"widehat", "\u0302"}, {"check", "\u030C"},
    {"tilde", "\u0303"}, {"widetilde", "\u0303"}, {"bar", "\u0304"},
    {"overline", "\u0305"}, {"vec", "\u20D7"}, {"dot", "\u0307"},
    {"ddot", "\u0308"},
};

/* \mathbb{R}, \mathcal{L}: the letters that have such a form. */
static const struct {
    char letter;
    const char *bb, *cal;
} letter_forms[] = {
    {'A', "𝔸", "𝒜"}, {'B', "𝔹", "ℬ"}, {'C', "ℂ", "𝒞"}, {'D', "𝔻", "𝒟"},
    {'E', "𝔼", "ℰ"}, {'F', "𝔽", "ℱ"}, {'G', "𝔾", "𝒢"}, {'H', "ℍ", "ℋ"},
    {'I', "𝕀", "ℐ"}, {'J', "𝕁", "𝒥"}, {'K', "𝕂", "𝒦"}, {'L', "𝕃", "ℒ"},
    {'M', "𝕄", "ℳ"}, {'N', "ℕ", "𝒩"}, {'O', "𝕆", "𝒪"}, {'P', "ℙ", "𝒫"},
    {'Q', "ℚ", "𝒬"}, {'R', "ℝ", "ℛ"}, {'S', "𝕊", "𝒮"}, {'T', "𝕋", "𝒯"},
    {'U', "𝕌", "𝒰"}, {'V', "𝕍", "𝒱"}, {'W', "𝕎", "𝒲"}, {'X', "𝕏", "𝒳"},
    {'Y', "𝕐", "𝒴"}, {'Z', "ℤ", "𝒵"},
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

uint32_t wb_utf8_decode(const unsigned char *s, size_t n)
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
    cp = wb_utf8_decode(s, n);
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
    wb_mt_free(&a->den);
    wb_mt_free(&a->index);
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
    const char *begin;   /* where s started */
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

/* Whether the character before s ends a \command made of letters (TeX's
 * reader drops the space after one: it only ends the command's name). */
static bool ends_command(const parser *p, const char *s)
{
    const char *c = s;
    while (c > p->begin && is_letter(c[-1]))
        c--;
    return c < s && c > p->begin && c[-1] == '\\';
}

static int parse_math(parser *p, wb_mt_list *out, char end, bool upright);

/* The argument of _ or ^, or of a command such as \frac (`what`, for the
 * message): a {group}, a \command or one character. */
static int parse_argument(parser *p, wb_mt_list *arg, bool upright,
                          const char *what)
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
        return wb_fail("%s without its argument in '%s'", what, quoted(p));
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
    sub = (parser){one, p->text, one, p->depth};
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
    if (parse_argument(p, arg, upright, "a subscript or superscript") != 0) {
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

static bool is_name(const char *name, size_t n, const char *want)
{
    return strlen(want) == n && strncmp(name, want, n) == 0;
}

/* TeX skips spaces between a command and its arguments. */
static void skip_spaces(parser *p)
{
    while (*p->s == ' ')
        p->s++;
}

/* \frac{a}{b}: its numerator and denominator. */
static int parse_frac(parser *p, wb_mt_list *out, bool upright)
{
    wb_mt_atom a = {.kind = WB_MT_FRAC};
    skip_spaces(p);
    if (parse_argument(p, &a.group, upright, "\\frac") != 0)
        goto fail;
    skip_spaces(p);
    if (parse_argument(p, &a.den, upright, "\\frac") != 0)
        goto fail;
    return push(out, a);
fail:
    free_atom(&a);
    return -1;
}

/* \sqrt{x} or \sqrt[n]{x}. */
static int parse_root(parser *p, wb_mt_list *out, bool upright)
{
    wb_mt_atom a = {.kind = WB_MT_ROOT};
    skip_spaces(p);
    if (*p->s == '[') {
        p->s++;
        if (parse_math(p, &a.index, ']', upright) != 0)
            goto fail;
        skip_spaces(p);
    }
    if (parse_argument(p, &a.group, upright, "\\sqrt") != 0)
        goto fail;
    return push(out, a);
fail:
    free_atom(&a);
    return -1;
}

/* \hat{y} and the other accents. */
static int parse_accent(parser *p, wb_mt_list *out, bool upright,
                        const char *mark)
{
    wb_mt_atom a = {.kind = WB_MT_ACCENT};
    skip_spaces(p);
    if (parse_argument(p, &a.group, upright, "an accent") != 0 ||
        !(a.text = wb_strdup(mark))) {
        free_atom(&a);
        return -1;
    }
    return push(out, a);
}

/* \left( and \right): the delimiter, which opens or closes; \left. and
 * \right. show nothing. */
static int parse_delimiter(parser *p, wb_mt_list *out, bool upright,
                           bool left)
{
    static const char delimiters[] = "()[]{}|/‖⟨⟩⌊⌋⌈⌉";
    wb_mt_list d = {0};
    skip_spaces(p);
    if (*p->s == '.') {
        p->s++;
        return 0;
    }
    if (parse_argument(p, &d, upright, left ? "\\left" : "\\right") != 0) {
        wb_mt_free(&d);    /* what was read before the error */
        return -1;
    }
    if (d.n != 1 || d.atoms[0].kind != WB_MT_SYMBOL || d.atoms[0].sub ||
        d.atoms[0].sup || !strstr(delimiters, d.atoms[0].text) ||
        !*d.atoms[0].text) {
        wb_mt_free(&d);
        return wb_fail("\\%s needs a delimiter, such as ( or \\|, in '%s'",
                       left ? "left" : "right", quoted(p));
    }
    d.atoms[0].cls = left ? WB_MT_OPEN : WB_MT_CLOSE;
    if (push(out, d.atoms[0]) != 0) {
        free(d.atoms);
        return -1;
    }
    free(d.atoms);
    return 0;
}

/* \mathbb{R}, \mathcal{L}: a capital letter in another form. */
static int parse_letter_form(parser *p, wb_mt_list *out, bool bb)
{
    wb_mt_list l = {0};
    const char *cmd = bb ? "\\mathbb" : "\\mathcal";
    const char *t;
    skip_spaces(p);
    if (parse_argument(p, &l, true, cmd) != 0) {
        wb_mt_free(&l);    /* what was read before the error */
        return -1;
    }
    t = l.n == 1 && l.atoms[0].kind == WB_MT_SYMBOL && !l.atoms[0].sub &&
                !l.atoms[0].sup ? l.atoms[0].text : "";
    for (size_t i = 0; i < sizeof letter_forms / sizeof *letter_forms; i++)
        if (t[0] == letter_forms[i].letter && t[1] == '\0') {
            const char *form = bb ? letter_forms[i].bb : letter_forms[i].cal;
            wb_mt_free(&l);
            return push_text(out, WB_MT_SYMBOL, form, strlen(form), false,
                             WB_MT_ORD);
        }
    wb_mt_free(&l);
    return wb_fail("%s takes one capital letter, as %s{R}, in '%s'", cmd, cmd,
                   quoted(p));
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
        if (c == ';' || c == ':' || c == ' ' || c == '\n' || c == '\t' ||
            c == '\r')
            return push_space(out, " ", false);
        if (c == '!')
            return 0;
        if (c == '|')
            return push_text(out, WB_MT_SYMBOL, "‖", strlen("‖"), false,
                             WB_MT_ORD);
        if (strchr("{}$_%#&", c))
            return push_text(out, WB_MT_SYMBOL, &c, 1, false,
                             c == '{' ? WB_MT_OPEN
                                      : c == '}' ? WB_MT_CLOSE : WB_MT_ORD);
        return wb_fail("unknown command \\%c in '%s'", c, quoted(p));
    }
    p->s = name + n;
    if (is_name(name, n, "mathrm") || is_name(name, n, "text") ||
        is_name(name, n, "textrm") || is_name(name, n, "operatorname")) {
        wb_mt_atom a = {.kind = WB_MT_GROUP};
        a.text_mode = name[0] == 't';
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
    if (is_name(name, n, "frac") || is_name(name, n, "dfrac") ||
        is_name(name, n, "tfrac"))
        return parse_frac(p, out, upright);
    if (is_name(name, n, "sqrt"))
        return parse_root(p, out, upright);
    if (is_name(name, n, "left") || is_name(name, n, "right"))
        return parse_delimiter(p, out, upright, name[0] == 'l');
    if (is_name(name, n, "mathbf") || is_name(name, n, "boldsymbol") ||
        is_name(name, n, "bm") || is_name(name, n, "textbf") ||
        is_name(name, n, "mathit")) {
        bool italic = is_name(name, n, "mathit");
        /* \mathbf and \textbf are upright; \boldsymbol keeps italics. */
        bool roman = is_name(name, n, "mathbf") || name[0] == 't';
        wb_mt_atom a = {.kind = WB_MT_GROUP, .bold = !italic,
                        .text_mode = name[0] == 't'};
        skip_spaces(p);
        if (parse_argument(p, &a.group, roman || (upright && !italic),
                           "a bold or italic group") != 0) {
            free_atom(&a);
            return -1;
        }
        return push(out, a);
    }
    if (is_name(name, n, "mathbb") || is_name(name, n, "mathcal"))
        return parse_letter_form(p, out, name[4] == 'b');
    for (size_t i = 0; i < sizeof accents / sizeof *accents; i++)
        if (is_name(name, n, accents[i].name))
            return parse_accent(p, out, upright, accents[i].mark);
    /* \big( and the like only size the delimiter after them. */
    if (is_name(name, n, "big") || is_name(name, n, "Big") ||
        is_name(name, n, "bigg") || is_name(name, n, "Bigg") ||
        is_name(name, n, "bigl") || is_name(name, n, "bigr") ||
        is_name(name, n, "Bigl") || is_name(name, n, "Bigr") ||
        is_name(name, n, "biggl") || is_name(name, n, "biggr"))
        return 0;
    if (is_name(name, n, "quad"))
        return push_space(out, "\u2003", false);    /* em space */
    if (is_name(name, n, "qquad"))
        return push_space(out, "\u2003\u2003", false);
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
            return wb_fail(end == '}'   ? "unmatched { in '%s'"
                           : end == ']' ? "unmatched [ of \\sqrt[n] in '%s'"
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
            bool after = ends_command(p, s);
            p->s++;
            rc = push_space(out, " ", true);
            if (rc == 0)
                out->atoms[out->n - 1].after_command = after;
        } else {
            size_t n = wb_utf8_len((const unsigned char *)s);
            if (n == 0) {
                p->s++;
                rc = push_text(out, WB_MT_SYMBOL, "?", 1, false, WB_MT_ORD);
            } else {
                uint32_t cp = wb_utf8_decode((const unsigned char *)s, n);
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
            parser p = {s + 1, text, s + 1, 0};
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

/* ---- reading a list ---------------------------------------------------- */

static bool is_number(const wb_mt_atom *a)
{
    if (a->kind != WB_MT_SYMBOL || !*a->text)
        return false;
    for (const char *c = a->text; *c; c++)
        if (!((*c >= '0' && *c <= '9') || *c == '.'))
            return false;
    return true;
}

bool wb_mt_simple(const wb_mt_list *list)
{
    const wb_mt_atom *first = NULL, *last = NULL;
    size_t n = 0;
    bool number = true;
    int depth = 0;
    bool wrapped = true;    /* ( ... ) around it all */

    for (size_t i = 0; i < list->n; i++) {
        const wb_mt_atom *a = &list->atoms[i];
        if (a->kind == WB_MT_SPACE && a->typed)
            continue;
        if (last && (last->sub || last->sup))
            number = false;    /* scripts only on a number's last digit */
        number = number && is_number(a);
        if (wrapped && last && depth == 0)
            wrapped = false;   /* closed before the end */
        if (a->kind == WB_MT_SYMBOL && a->cls == WB_MT_OPEN)
            depth++;
        else if (a->kind == WB_MT_SYMBOL && a->cls == WB_MT_CLOSE)
            depth--;
        if (!first)
            first = a;
        last = a;
        n++;
    }
    if (n == 0)
        return true;
    if (n == 1) {
        switch (first->kind) {
        case WB_MT_SYMBOL:
            /* x, σ, exp; but an italic xy is a product */
            return !first->italic ||
                   wb_utf8_len((const unsigned char *)first->text) ==
                       strlen(first->text);
        case WB_MT_GROUP:
            return wb_mt_simple(&first->group);
        case WB_MT_FRAC:
            return false;
        default:
            return true;
        }
    }
    return number ||
           (wrapped && first->kind == WB_MT_SYMBOL &&
            first->cls == WB_MT_OPEN && !first->sub && !first->sup &&
            last->kind == WB_MT_SYMBOL && last->cls == WB_MT_CLOSE &&
            depth == 0);
}

/* ---- math in Markdown --------------------------------------------------- */

static bool md_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* The end of the math that starts with `open` ($ or $$) at s[i], or 0:
 * the index of its closing delimiter. Math never crosses a blank line. */
static size_t math_end(const char *s, size_t i, bool display)
{
    size_t j = i + (display ? 2 : 1);
    if (!display && (s[j] == '\0' || md_space(s[j])))
        return 0;
    for (; s[j]; j++) {
        if (s[j] == '\\' && s[j + 1]) {
            j++;
            continue;
        }
        if (s[j] == '\n') {
            size_t k = j + 1;
            while (s[k] == ' ' || s[k] == '\t')
                k++;
            if (s[k] == '\n')
                return 0;
        }
        if (s[j] != '$')
            continue;
        if (display)
            return s[j + 1] == '$' ? j : 0;
        if (!md_space(s[j - 1]) && !(s[j + 1] >= '0' && s[j + 1] <= '9'))
            return j;
    }
    return 0;
}

/* A line that opens or closes a fenced code block: up to three spaces, then
 * three or more ` or ~. Returns the fence's length, and its character in
 * *c. */
static size_t fence_at(const char *s, char *c)
{
    size_t i = 0, n = 0;
    while (i < 3 && s[i] == ' ')
        i++;
    if (s[i] != '`' && s[i] != '~')
        return 0;
    *c = s[i];
    while (s[i + n] == *c)
        n++;
    return n >= 3 ? n : 0;
}

static size_t line_length(const char *s)
{
    const char *eol = strchr(s, '\n');
    return eol ? (size_t)(eol - s) + 1 : strlen(s);
}

bool wb_md_math_next(const char *md, size_t from, wb_md_math *m)
{
    size_t i = from;
    bool line_start = i == 0 || md[i - 1] == '\n';
    while (md[i]) {
        char fence_char = 0;
        size_t fence = line_start ? fence_at(md + i, &fence_char) : 0;
        if (fence) {
            /* the whole fenced block */
            i += line_length(md + i);
            while (md[i]) {
                char c = 0;
                size_t close = fence_at(md + i, &c);
                i += line_length(md + i);
                if (close >= fence && c == fence_char)
                    break;
            }
            continue;
        }
        line_start = false;
        if (md[i] == '\\' && md[i + 1]) {
            i += 2;
        } else if (md[i] == '`') {
            /* a code span: from a run of backticks to the next run of as
             * many */
            size_t k = 0, j;
            while (md[i + k] == '`')
                k++;
            for (j = i + k; md[j]; j++) {
                size_t r = 0;
                while (md[j + r] == '`')
                    r++;
                if (r == k)
                    break;
                j += r ? r - 1 : 0;
            }
            i = md[j] ? j + k : i + k;
        } else if (md[i] == '$') {
            bool display = md[i + 1] == '$';
            size_t open = display ? 2 : 1, end = math_end(md, i, display);
            if (end) {
                *m = (wb_md_math){.start = i, .tex = i + open,
                                  .len = end - i - open, .end = end + open,
                                  .display = display};
                return true;
            }
            i += open;
        } else {
            line_start = md[i] == '\n';
            i++;
        }
    }
    return false;
}
