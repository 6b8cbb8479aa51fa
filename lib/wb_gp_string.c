/* wb_gp_string.c: texts as gnuplot strings that show them, and nothing
 * else. See wb_gp_string.h.
 *
 * A figure's script is a program, so a text that reached it unquoted could
 * run commands. Every text becomes a single-quoted string: in one, gnuplot
 * substitutes no backquotes and no @macros and reads no backslash escapes,
 * and a quote is written ''. The text can hold no newline (which would end
 * the command even inside quotes): control characters become spaces, in
 * the math-text parser. What is left are the characters of gnuplot's
 * enhanced text, ^ _ @ & ~ { } \, which are escaped with a backslash unless
 * they are the markup this file writes itself for the math.
 */
#include <string.h>

#include "wb_core.h"
#include "wb_gp_string.h"
#include "wb_mathtext.h"

/* Enhanced-text characters: shown as themselves when escaped. */
static bool is_special(char c)
{
    return c && strchr("^_@&~{}\\", c) != NULL;
}

/* Appends `text` (valid UTF-8, no control characters), shown literally. */
static void put_literal(wb_buf *b, const char *text)
{
    for (const char *s = text; *s; s++) {
        if (*s == '\'') {
            /* gnuplot's scanner takes '' as a quote only after another
             * character of the string: '''b' is read as '' then 'b', and
             * 'a''''b' as 'a''' then 'b'. An empty enhanced-text group,
             * {}, goes between the opening quote, or a quote, and a
             * quote. */
            if (b->len > 0 && b->data[b->len - 1] == '\'')
                wb_buf_puts(b, "{}");
            wb_buf_puts(b, "''");
        } else if (is_special(*s)) {
            char esc[2] = {'\\', *s};
            wb_buf_append(b, esc, 2);
        } else {
            wb_buf_append(b, s, 1);
        }
    }
}

static void put_list(wb_buf *b, const wb_mt_list *list);

static void put_script(wb_buf *b, char mark, const wb_mt_list *script)
{
    char open[3] = {mark, '{', '\0'};
    wb_buf_puts(b, open);
    put_list(b, script);
    wb_buf_puts(b, "}");
}

/* A fraction's part or a root's argument, in parentheses unless it reads
 * as one thing. */
static void put_operand(wb_buf *b, const wb_mt_list *list)
{
    bool wrap = !wb_mt_simple(list);
    wb_buf_puts(b, wrap ? "(" : "");
    put_list(b, list);
    wb_buf_puts(b, wrap ? ")" : "");
}

static void put_list(wb_buf *b, const wb_mt_list *list)
{
    for (size_t i = 0; i < list->n; i++) {
        const wb_mt_atom *a = &list->atoms[i];
        switch (a->kind) {
        case WB_MT_TEXT:
            put_literal(b, a->text);
            break;
        case WB_MT_SYMBOL:
            if (a->italic && *a->text) {
                wb_buf_puts(b, "{/:Italic ");
                put_literal(b, a->text);
                wb_buf_puts(b, "}");
            } else {
                put_literal(b, a->text);
            }
            break;
        case WB_MT_SPACE:
            wb_buf_puts(b, a->text);
            break;
        case WB_MT_GROUP:
            wb_buf_puts(b, a->bold ? "{/:Bold " : "{");
            put_list(b, &a->group);
            wb_buf_puts(b, "}");
            break;
        case WB_MT_FRAC:
            /* on the line, a/b: gnuplot cannot stack them */
            wb_buf_puts(b, "{");
            put_operand(b, &a->group);
            wb_buf_puts(b, "/");
            put_operand(b, &a->den);
            wb_buf_puts(b, "}");
            break;
        case WB_MT_ROOT:
            wb_buf_puts(b, "{");
            if (a->index.n > 0)
                put_script(b, '^', &a->index);
            wb_buf_puts(b, "√");
            put_operand(b, &a->group);
            wb_buf_puts(b, "}");
            break;
        case WB_MT_ACCENT:
            /* the combining character, after what it covers */
            wb_buf_puts(b, "{");
            put_list(b, &a->group);
            wb_buf_puts(b, a->text);
            wb_buf_puts(b, "}");
            break;
        }
        if (a->sub && a->sup) {
            /* @ gives the first script no width, so both start here. */
            wb_buf_puts(b, "@");
            put_script(b, a->sup_first ? '^' : '_',
                       a->sup_first ? a->sup : a->sub);
            put_script(b, a->sup_first ? '_' : '^',
                       a->sup_first ? a->sub : a->sup);
        } else if (a->sub) {
            put_script(b, '_', a->sub);
        } else if (a->sup) {
            put_script(b, '^', a->sup);
        }
    }
}

char *wb_gp_string(const char *text, bool math)
{
    wb_mt_list list;
    wb_buf b = {0};
    if (wb_mt_parse(&list, text, math) != 0)
        return NULL;
    wb_buf_puts(&b, "'");
    put_list(&b, &list);
    wb_buf_puts(&b, "'");
    wb_mt_free(&list);
    return wb_buf_take(&b);
}
