/* wb_term.c: the book's prose for a terminal. See wb_term.h.
 *
 * Three passes. The math is taken out of the Markdown first, as pandoc
 * finds it (wb_md_math_next), and replaced by a placeholder that cmark
 * reads as an ordinary word, so that its backslashes and underscores are
 * not taken for Markdown. cmark then
 * parses the text into a tree. Each block of the tree is written out,
 * its inline content cut into words and filled into lines; a placeholder
 * becomes its math, in Unicode (wb_mathtext.h).
 */
#include "wb_term.h"

#include <cmark.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_mathtext.h"

/* ---- widths ------------------------------------------------------------- */

static bool is_combining(uint32_t c)
{
    return (c >= 0x300 && c <= 0x36F) || (c >= 0x1AB0 && c <= 0x1AFF) ||
           (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x20D0 && c <= 0x20FF) ||
           (c >= 0xFE20 && c <= 0xFE2F) || c == 0x200B || c == 0x200D;
}

static bool is_wide(uint32_t c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t wb_term_width(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t len;
        uint32_t cp;
        if (c == 0x1B) {
            /* ESC [ parameters final, or ESC and one character */
            i++;
            if (i < n && s[i] == '[') {
                i++;
                while (i < n && !(s[i] >= 0x40 && s[i] <= 0x7E))
                    i++;
            }
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7F) {
            i++;
            continue;
        }
        len = wb_utf8_len((const unsigned char *)s + i);
        if (len == 0 || i + len > n) {
            w++;
            i++;
            continue;
        }
        cp = wb_utf8_decode((const unsigned char *)s + i, len);
        w += is_combining(cp) ? 0 : is_wide(cp) ? 2 : 1;
        i += len;
    }
    return w;
}

/* ---- taking the math out ------------------------------------------------ */

/* The placeholders: a private-use character, the span's number, and
 * another. cmark sees letters; a private-use character is not punctuation,
 * so *$x$* is still emphasis. */
#define INLINE_MARK "\uE000"
#define DISPLAY_MARK "\uE002"
#define END_MARK "\uE001"
#define MARK_LEN 3

typedef struct math {
    char *tex;       /* "$...$", for the math-text parser */
    char *tag;       /* a display's \\tag{...}, or NULL */
    bool display;
} math;

/* Between a display equation and its tag, in a DISPLAY piece. */
#define TAG_MARK '\004'

typedef struct term {
    wb_buf *out;
    int width;
    unsigned flags;
    math *math;
    size_t nmath;
    int depth;       /* of nested lists */
    bool failed;     /* some math could not be read */
    char error[512];
} term;

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* A display's \tag{TEXT} (as the book numbers its equations): its
 * offset in tex[0..n), with the tag's TEXT at *tag, *tag_len; or n. */
static size_t find_tag(const char *tex, size_t n, const char **tag,
                       size_t *tag_len)
{
    for (size_t i = 0; i + 5 <= n; i++) {
        if (tex[i] != '\\')
            continue;
        if (strncmp(tex + i, "\\tag{", 5) != 0) {
            i++;               /* an escaped character, or a command */
            continue;
        }
        const char *close = memchr(tex + i + 5, '}', n - i - 5);
        if (!close)
            return n;
        *tag = tex + i + 5;
        *tag_len = (size_t)(close - *tag);
        return i;
    }
    return n;
}

static int add_math(term *t, const char *tex, size_t n, bool display)
{
    math *m = wb_reallocarray(t->math, t->nmath + 1, sizeof *m);
    const char *tag = NULL;
    size_t tag_len = 0, body = display ? find_tag(tex, n, &tag, &tag_len) : n;
    if (!m)
        return -1;
    t->math = m;
    m += t->nmath;
    *m = (math){.display = display};
    m->tex = wb_asprintf("$%.*s$", (int)body, tex);
    if (tag)
        m->tag = wb_asprintf("(%.*s)", (int)tag_len, tag);
    if (!m->tex || (tag && !m->tag)) {
        free(m->tex);
        free(m->tag);
        return -1;
    }
    t->nmath++;
    return 0;
}

/* The Markdown with each math span replaced by its placeholder. */
static char *protect_math(term *t, const char *md)
{
    wb_buf b = {0};
    wb_md_math m;
    size_t at = 0;
    while (wb_md_math_next(md, at, &m)) {
        wb_buf_append(&b, md + at, m.start - at);
        if (add_math(t, md + m.tex, m.len, m.display) != 0) {
            wb_buf_free(&b);
            return NULL;
        }
        wb_buf_printf(&b, "%s%zu%s", m.display ? DISPLAY_MARK : INLINE_MARK,
                      t->nmath - 1, END_MARK);
        at = m.end;
    }
    wb_buf_puts(&b, md + at);
    return wb_buf_take(&b);
}

/* ---- lines -------------------------------------------------------------- */

enum { BOLD = 1, ITALIC = 2, CODE = 4, LINK = 8 };

/* A line being written: its prefix goes out with its first word, and its
 * text straight after. */
typedef struct line {
    term *t;
    const char *prefix;
    size_t width;      /* columns used so far, counting the prefix */
    unsigned style;    /* the style in force */
    bool open;         /* the prefix is written */
} line;

static void set_style(line *l, unsigned style)
{
    static const struct {
        unsigned bit;
        const char *sgr;
    } codes[] = {{BOLD, ";1"}, {ITALIC, ";3"}, {CODE, ";36"}, {LINK, ";4"}};
    if (!(l->t->flags & WB_TERM_STYLE) || style == l->style)
        return;
    wb_buf_puts(l->t->out, "\033[0");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (style & codes[i].bit)
            wb_buf_puts(l->t->out, codes[i].sgr);
    wb_buf_puts(l->t->out, "m");
    l->style = style;
}

static void begin_line(line *l, term *t, const char *prefix)
{
    *l = (line){.t = t, .prefix = prefix};
    l->width = wb_term_width(prefix, strlen(prefix));
}

static void put(line *l, const char *s, size_t n, unsigned style)
{
    if (!l->open) {
        wb_buf_puts(l->t->out, l->prefix);
        l->open = true;
    }
    set_style(l, style);
    wb_buf_append(l->t->out, s, n);
    l->width += wb_term_width(s, n);
}

/* Ends the line, if anything was written on it. */
static void end_line(line *l)
{
    if (!l->open)
        return;
    set_style(l, 0);
    wb_buf_puts(l->t->out, "\n");
    l->open = false;
}

/* An empty line between blocks: the prefix without its trailing spaces. */
static void blank_line(term *t, const char *prefix)
{
    size_t n = strlen(prefix);
    while (n > 0 && prefix[n - 1] == ' ')
        n--;
    wb_buf_append(t->out, prefix, n);
    wb_buf_puts(t->out, "\n");
}

/* ---- inline content: pieces, words, filled lines ------------------------ */

typedef enum piece_kind {
    TEXT,       /* part of a word */
    SPACE,      /* between words, where a line may end */
    WEAK,       /* a space inside math or code: a line ends there only
                   if the math does not fit on a line of its own */
    BREAK,      /* a hard line break */
    DISPLAY     /* a display equation, on a line of its own */
} piece_kind;

typedef struct piece {
    piece_kind kind;
    unsigned style;
    size_t off, len;    /* its text, in pieces.text */
} piece;

typedef struct pieces {
    wb_buf text;
    piece *p;
    size_t n, cap;
    bool failed;
} pieces;

static void push(pieces *ps, piece_kind kind, unsigned style, const char *s,
                 size_t len)
{
    if (ps->n == ps->cap) {
        size_t cap = ps->cap ? 2 * ps->cap : 64;
        piece *p = wb_reallocarray(ps->p, cap, sizeof *p);
        if (!p) {
            ps->failed = true;
            return;
        }
        ps->p = p;
        ps->cap = cap;
    }
    ps->p[ps->n++] = (piece){kind, style, ps->text.len, len};
    wb_buf_append(&ps->text, s, len);
}

/* Words of `s`, split at spaces into TEXT and `space` pieces. */
static void push_words(pieces *ps, const char *s, size_t n, unsigned style,
                       piece_kind space)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        if (is_space(s[i])) {
            while (j < n && is_space(s[j]))
                j++;
            push(ps, space, style, " ", 1);
        } else {
            while (j < n && !is_space(s[j]))
                j++;
            push(ps, TEXT, style, s + i, j - i);
        }
        i = j;
    }
}

/* Math span k, in Unicode; as it is written when it cannot be read. */
static void push_math(term *t, pieces *ps, size_t k, unsigned style)
{
    const math *m = &t->math[k];
    wb_buf b = {0};
    if (wb_mt_unicode(&b, m->tex, WB_MT_MARK_BOLD) != 0) {
        if (!t->failed)
            snprintf(t->error, sizeof t->error, "%s", wb_error());
        t->failed = true;
        wb_buf_puts(&b, m->tex);
    }
    if (m->display) {
        if (m->tag)
            wb_buf_printf(&b, "%c%s", TAG_MARK, m->tag);
        push(ps, DISPLAY, style, b.data ? b.data : "", b.len);
    } else {
        /* bold marks become the style; spaces are weak */
        const char *s = b.data ? b.data : "";
        while (*s) {
            size_t n = strcspn(s, "\002\003");
            push_words(ps, s, n, style, WEAK);
            s += n;
            if (*s)
                style = *s++ == WB_MT_BOLD_ON ? style | BOLD : style & ~BOLD;
        }
    }
    wb_buf_free(&b);
}

/* Text with placeholders in it. */
static void push_text(term *t, pieces *ps, const char *s, unsigned style)
{
    while (*s) {
        const char *in = strstr(s, INLINE_MARK), *dp = strstr(s, DISPLAY_MARK);
        const char *mark = !in ? dp : !dp ? in : in < dp ? in : dp;
        char *end;
        size_t k;
        if (!mark) {
            push_words(ps, s, strlen(s), style, SPACE);
            return;
        }
        push_words(ps, s, (size_t)(mark - s), style, SPACE);
        k = strtoul(mark + MARK_LEN, &end, 10);
        if (strncmp(end, END_MARK, MARK_LEN) != 0 || k >= t->nmath) {
            /* not a placeholder of ours: shown as it is */
            push_words(ps, mark, MARK_LEN, style, SPACE);
            s = mark + MARK_LEN;
            continue;
        }
        push_math(t, ps, k, style);
        s = end + MARK_LEN;
    }
}

static void push_inlines(term *t, pieces *ps, cmark_node *node,
                         unsigned style)
{
    for (cmark_node *n = cmark_node_first_child(node); n;
         n = cmark_node_next(n)) {
        const char *lit = cmark_node_get_literal(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
            push_text(t, ps, lit ? lit : "", style);
            break;
        case CMARK_NODE_CODE:
            /* like math, code is broken only if it has to be */
            push_words(ps, lit ? lit : "", lit ? strlen(lit) : 0,
                       style | CODE, WEAK);
            break;
        case CMARK_NODE_HTML_INLINE:
            push_words(ps, lit ? lit : "", lit ? strlen(lit) : 0, style,
                       SPACE);
            break;
        case CMARK_NODE_SOFTBREAK:
            push(ps, SPACE, style, " ", 1);
            break;
        case CMARK_NODE_LINEBREAK:
            push(ps, BREAK, style, "", 0);
            break;
        case CMARK_NODE_EMPH:
            push_inlines(t, ps, n, style | ITALIC);
            break;
        case CMARK_NODE_STRONG:
            push_inlines(t, ps, n, style | BOLD);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: {
            const char *url = cmark_node_get_url(n);
            push_inlines(t, ps, n, style | LINK);
            if (url && *url && *url != '#') {
                push(ps, SPACE, style, " ", 1);
                push(ps, TEXT, style, "(", 1);
                push(ps, TEXT, style, url, strlen(url));
                push(ps, TEXT, style, ")", 1);
            }
            break;
        }
        default:
            push_inlines(t, ps, n, style);
            break;
        }
    }
}

static size_t piece_width(const pieces *ps, const piece *p)
{
    return p->kind == WEAK ? 1 : wb_term_width(ps->text.data + p->off,
                                               p->len);
}

/* A display equation, centred in the width left by the prefix, and its
 * tag, if it has one, at the right edge (or two spaces after it, when the
 * line has no room for both). */
static void put_display(term *t, const char *prefix, const char *s,
                        size_t n)
{
    line l;
    const char *tag = memchr(s, TAG_MARK, n);
    size_t tag_len = tag ? n - (size_t)(tag - s) - 1 : 0;
    size_t tag_w = tag ? wb_term_width(tag + 1, tag_len) : 0;
    size_t avail, pad;
    if (tag)
        n = (size_t)(tag - s);
    size_t w = wb_term_width(s, n);
    begin_line(&l, t, prefix);
    avail = (size_t)t->width > l.width ? (size_t)t->width - l.width : 0;
    pad = w + 4 <= avail ? (avail - w) / 2 : 2;
    for (size_t i = 0; i < pad; i++)
        put(&l, " ", 1, 0);
    /* bold marks become bold, where the terminal shows it */
    while (n > 0) {
        size_t k = strcspn(s, "\002\003");
        k = k < n ? k : n;
        put(&l, s, k, l.style);
        s += k;
        n -= k;
        if (n > 0) {
            set_style(&l, *s == WB_MT_BOLD_ON ? l.style | BOLD
                                              : l.style & ~(unsigned)BOLD);
            s++;
            n--;
        }
    }
    if (tag) {
        size_t gap = l.width + 2 + tag_w <= (size_t)t->width
                         ? (size_t)t->width - l.width - tag_w
                         : 2;
        set_style(&l, 0);
        for (size_t i = 0; i < gap; i++)
            put(&l, " ", 1, 0);
        put(&l, tag + 1, tag_len, 0);
    }
    end_line(&l);
}

/* Fills the pieces into lines at most t->width wide: the first starts
 * with `first`, the others with `rest`. */
static void fill(term *t, const pieces *ps, const char *first,
                 const char *rest)
{
    const size_t limit = (size_t)t->width;
    line l;
    size_t i = 0;

    begin_line(&l, t, first);
    while (i < ps->n) {
        const piece *p = &ps->p[i];
        size_t j, w = 0;
        if (p->kind == SPACE) {
            i++;
            continue;
        }
        if (p->kind == BREAK) {
            if (!l.open)
                blank_line(t, l.prefix);
            end_line(&l);
            begin_line(&l, t, rest);
            i++;
            continue;
        }
        if (p->kind == DISPLAY) {
            if (l.open) {
                end_line(&l);
                begin_line(&l, t, rest);
            }
            put_display(t, l.prefix, ps->text.data + p->off, p->len);
            begin_line(&l, t, rest);
            i++;
            continue;
        }
        /* a word: the pieces up to the next space, break or display */
        for (j = i; j < ps->n && (ps->p[j].kind == TEXT ||
                                  ps->p[j].kind == WEAK); j++)
            w += piece_width(ps, &ps->p[j]);
        if (l.open && l.width + 1 + w > limit) {
            end_line(&l);
            begin_line(&l, t, rest);
        } else if (l.open) {
            /* in the style the two words share: one run of bold */
            put(&l, " ", 1, l.style & p->style);
        }
        for (; i < j; i++) {
            const piece *q = &ps->p[i];
            if (q->kind == WEAK) {
                /* math too wide for the line: it goes on on the next line
                 * when what follows, up to its next space, does not fit */
                size_t k, next = 0;
                for (k = i + 1; k < j && ps->p[k].kind == TEXT; k++)
                    next += piece_width(ps, &ps->p[k]);
                if (l.width + 1 + next > limit) {
                    end_line(&l);
                    begin_line(&l, t, rest);
                } else {
                    put(&l, " ", 1, q->style);
                }
                continue;
            }
            put(&l, ps->text.data + q->off, q->len, q->style);
        }
    }
    end_line(&l);
}

static void free_pieces(pieces *ps)
{
    wb_buf_free(&ps->text);
    free(ps->p);
}

/* ---- blocks ------------------------------------------------------------- */

static void put_blocks(term *t, cmark_node *parent, const char *first,
                       const char *rest, bool tight);

/* Inline content (a paragraph's, a heading's), filled into lines. */
static void put_inline_block(term *t, cmark_node *node, const char *first,
                             const char *rest, unsigned style)
{
    pieces ps = {0};
    push_inlines(t, &ps, node, style);
    if (ps.failed || ps.text.failed)
        t->out->failed = true;
    else
        fill(t, &ps, first, rest);
    free_pieces(&ps);
}

/* Lines of literal text (a code block, raw HTML), not filled. */
static void put_literal(term *t, const char *text, const char *first,
                        const char *rest, const char *indent, unsigned style)
{
    const char *s = text ? text : "";
    const char *prefix = first;
    while (*s) {
        size_t n = strcspn(s, "\n");
        line l;
        begin_line(&l, t, prefix);
        put(&l, indent, strlen(indent), 0);
        put(&l, s, n, style);
        end_line(&l);
        s += n + (s[n] == '\n');
        prefix = rest;
    }
}

/* A heading: bold, and under a level 1 or 2 a rule as long as it. */
static void put_heading(term *t, cmark_node *node, const char *first,
                        const char *rest)
{
    int level = cmark_node_get_heading_level(node);
    size_t start = t->out->len, widest = 0;
    line l;
    put_inline_block(t, node, first, rest, BOLD);
    if (level > 2 || t->out->failed)
        return;
    /* the widest line just written, less its prefix */
    for (const char *s = t->out->data + start; *s;) {
        size_t n = strcspn(s, "\n"), w = wb_term_width(s, n);
        size_t p = wb_term_width(rest, strlen(rest));
        if (w > p && w - p > widest)
            widest = w - p;
        s += n + (s[n] == '\n');
    }
    begin_line(&l, t, rest);
    for (size_t i = 0; i < widest; i++)
        put(&l, level == 1 ? "═" : "─", strlen("─"), 0);
    end_line(&l);
}

/* first + add, as a new string (NULL after a failure, noted in out). */
static char *concat(term *t, const char *first, const char *add)
{
    char *s = wb_asprintf("%s%s", first, add);
    if (!s)
        t->out->failed = true;
    return s;
}

static void put_list(term *t, cmark_node *list, const char *first,
                     const char *rest)
{
    static const char *const bullets[] = {"•", "◦", "▪"};
    bool ordered = cmark_node_get_list_type(list) == CMARK_ORDERED_LIST;
    bool tight = cmark_node_get_list_tight(list);
    int number = cmark_node_get_list_start(list), items = 0, digits = 1;
    const char *prefix = first;

    for (cmark_node *n = cmark_node_first_child(list); n;
         n = cmark_node_next(n))
        items++;
    for (int last = number + items - 1; last >= 10; last /= 10)
        digits++;
    t->depth++;
    for (cmark_node *item = cmark_node_first_child(list); item;
         item = cmark_node_next(item), number++) {
        char marker[32];
        char *item_first, *item_rest;
        if (ordered)
            snprintf(marker, sizeof marker, "%*d. ", digits, number);
        else
            snprintf(marker, sizeof marker, "%s ",
                     bullets[(t->depth - 1) % 3]);
        if (item != cmark_node_first_child(list) && !tight)
            blank_line(t, rest);
        item_first = concat(t, prefix, marker);
        item_rest = wb_asprintf("%s%*s", rest,
                                (int)wb_term_width(marker, strlen(marker)),
                                "");
        if (item_first && item_rest)
            put_blocks(t, item, item_first, item_rest, tight);
        else
            t->out->failed = true;
        free(item_first);
        free(item_rest);
        prefix = rest;
    }
    t->depth--;
}

static void put_block(term *t, cmark_node *node, const char *first,
                      const char *rest)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
        put_inline_block(t, node, first, rest, 0);
        break;
    case CMARK_NODE_HEADING:
        put_heading(t, node, first, rest);
        break;
    case CMARK_NODE_CODE_BLOCK:
        put_literal(t, cmark_node_get_literal(node), first, rest, "    ",
                    CODE);
        break;
    case CMARK_NODE_HTML_BLOCK:
        put_literal(t, cmark_node_get_literal(node), first, rest, "", 0);
        break;
    case CMARK_NODE_THEMATIC_BREAK: {
        line l;
        begin_line(&l, t, first);
        while (l.width < (size_t)t->width)
            put(&l, "─", strlen("─"), 0);
        end_line(&l);
        break;
    }
    case CMARK_NODE_BLOCK_QUOTE: {
        char *f = concat(t, first, "│ "), *r = concat(t, rest, "│ ");
        if (f && r)
            put_blocks(t, node, f, r, false);
        free(f);
        free(r);
        break;
    }
    case CMARK_NODE_LIST:
        put_list(t, node, first, rest);
        break;
    default:
        put_blocks(t, node, first, rest, false);
        break;
    }
}

/* The blocks inside `parent`, with an empty line between two unless the
 * list they are in is tight. */
static void put_blocks(term *t, cmark_node *parent, const char *first,
                       const char *rest, bool tight)
{
    for (cmark_node *n = cmark_node_first_child(parent); n;
         n = cmark_node_next(n)) {
        bool is_first = n == cmark_node_first_child(parent);
        if (!is_first && !tight)
            blank_line(t, rest);
        put_block(t, n, is_first ? first : rest, rest);
    }
}

int wb_term_markdown(wb_buf *out, const char *markdown, int width,
                     unsigned flags)
{
    term t = {.out = out, .width = width > 20 ? width : 20, .flags = flags};
    char *text = protect_math(&t, markdown ? markdown : "");
    cmark_node *doc = text ? cmark_parse_document(text, strlen(text),
                                                  CMARK_OPT_SMART)
                           : NULL;
    int rc = 0;

    if (doc)
        put_blocks(&t, doc, "", "", false);
    else
        out->failed = true;
    if (doc)
        cmark_node_free(doc);
    free(text);
    for (size_t i = 0; i < t.nmath; i++) {
        free(t.math[i].tex);
        free(t.math[i].tag);
    }
    free(t.math);
    if (out->failed)
        rc = wb_fail("out of memory");
    else if (t.failed)
        rc = wb_fail("%s", t.error);
    return rc;
}

int wb_term_line(wb_buf *out, const char *markdown, unsigned flags)
{
    wb_buf lines = {0};
    int rc = wb_term_markdown(&lines, markdown, 4096, flags);
    size_t len = lines.len;
    /* one paragraph, on one line: without its newline */
    while (len > 0 && lines.data[len - 1] == '\n')
        len--;
    for (size_t i = 0; i < len; i++)
        if (lines.data[i] == '\n')
            lines.data[i] = ' ';
    if (len > 0)
        wb_buf_append(out, lines.data, len);
    if (lines.failed)
        out->failed = true;
    wb_buf_free(&lines);
    return rc;
}
