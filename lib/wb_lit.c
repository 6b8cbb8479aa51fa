/* wb_lit.c: splitting a literate chapter into prose and code. See wb_lit.h. */
#include "wb_lit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* One line of the source: [start, start + len), without its newline. */
typedef struct line {
    const char *start;
    size_t len;
} line;

static bool is_blank(line l)
{
    for (size_t i = 0; i < l.len; i++)
        if (!isspace((unsigned char)l.start[i]))
            return false;
    return true;
}

/* Is the line, without surrounding spaces, exactly `word`? */
static bool is_marker(line l, const char *word)
{
    size_t n = strlen(word);
    const char *s = l.start, *e = l.start + l.len;
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    return (size_t)(e - s) == n && memcmp(s, word, n) == 0;
}

static size_t indent_of(line l)
{
    size_t i = 0;
    while (i < l.len && (l.start[i] == ' ' || l.start[i] == '\t'))
        i++;
    return i;
}

/* The lines of [first, last) joined with newlines; for prose, the
 * indentation common to all non-blank lines is removed. */
static char *join(const line *lines, size_t first, size_t last, bool dedent)
{
    size_t common = (size_t)-1;
    wb_buf b = {0};
    if (dedent)
        for (size_t i = first; i < last; i++)
            if (!is_blank(lines[i]) && indent_of(lines[i]) < common)
                common = indent_of(lines[i]);
    if (!dedent || common == (size_t)-1)
        common = 0;
    for (size_t i = first; i < last; i++) {
        line l = lines[i];
        if (is_blank(l))
            l.len = 0;
        else {
            l.start += common;
            l.len -= common;
        }
        wb_buf_append(&b, l.start, l.len);
        wb_buf_append(&b, "\n", 1);
    }
    return wb_buf_take(&b);
}

/* "static int NAME(wb_run *RUN)" at the start of a line, not a prototype:
 * the definition of step NAME. A function with more parameters, such as
 * the --json callback (wb_run *run, FILE *out), is not a step. Returns
 * NAME's length, or 0. */
static size_t step_name(line l, const char **name)
{
    static const char prefix[] = "static int ";
    const char *s = l.start, *e = l.start + l.len, *id, *p;
    if (l.len < sizeof prefix || memcmp(s, prefix, sizeof prefix - 1) != 0)
        return 0;
    id = s += sizeof prefix - 1;
    while (s < e && (isalnum((unsigned char)*s) || *s == '_'))
        s++;
    if (s == id || isdigit((unsigned char)*id))
        return 0;
    if ((size_t)(e - s) < 9 || memcmp(s, "(wb_run *", 9) != 0)
        return 0;
    for (p = s + 9; p < e && (isalnum((unsigned char)*p) || *p == '_'); p++)
        ;
    if (p == e || *p != ')')
        return 0;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e[-1] == ';')
        return 0;
    *name = id;
    return (size_t)(s - id);
}

/* The first Markdown heading of the prose ("## Title" gives "Title", 2). */
static int find_title(const char *prose, char **title)
{
    for (const char *s = prose; *s;) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        int level = 0;
        while ((size_t)level < len && s[level] == '#')
            level++;
        if (level > 0 && (size_t)level < len && s[level] == ' ') {
            const char *t = s + level + 1, *e = s + len;
            while (e > t && (e[-1] == ' ' || e[-1] == '#'))
                e--;
            *title = wb_strndup(t, (size_t)(e - t));
            return *title ? level : -1;
        }
        if (!eol)
            break;
        s = eol + 1;
    }
    *title = NULL;
    return 0;
}

/* ---- folds -------------------------------------------------------------- */

static line *split_lines(const char *text, size_t *count);

static bool starts_with_brace(line l)
{
    return l.len > 0 && l.start[0] == '}';
}

/* Whether line l is a fold marker, `/\* fold: SUMMARY *\/`: 1, with
 * SUMMARY in *summary, *n; 0 when it is none; -1 with an error when it
 * starts as one and is not. */
static int fold_marker(line l, const char **summary, size_t *n)
{
    static const char tag[] = "fold:";
    const char *s = l.start, *e = l.start + l.len, *p;
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e - s < 2 || memcmp(s, "/*", 2) != 0)
        return 0;
    for (p = s + 2; p < e && *p == ' '; p++)
        ;
    if ((size_t)(e - p) < sizeof tag - 1 ||
        memcmp(p, tag, sizeof tag - 1) != 0)
        return 0;
    if (e - p < (ptrdiff_t)sizeof tag + 1 || memcmp(e - 2, "*/", 2) != 0)
        return wb_fail("a fold marker is one line: /* fold: what the "
                       "folded lines do */");
    p += sizeof tag - 1;
    e -= 2;
    while (p < e && *p == ' ')
        p++;
    while (e > p && e[-1] == ' ')
        e--;
    if (p == e)
        return wb_fail("this fold marker says nothing of what it folds: "
                       "/* fold: what the folded lines do */");
    *summary = p;
    *n = (size_t)(e - p);
    return 1;
}

/* Reads the folds of listing r (its code, path and first line). */
static int read_folds(wb_region *r)
{
    size_t n = 0;
    line *lines = split_lines(r->code, &n);
    int rc = lines ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const char *summary, *s2;
        size_t len, len2, j = i + 1, at = r->first_line + i;
        int kind = fold_marker(lines[i], &summary, &len);
        wb_fold *folds;
        if (kind < 0)
            rc = wb_fail("%s:%zu: %s", r->path, at, wb_error());
        if (kind <= 0)
            continue;
        if (indent_of(lines[i]) == 0) {
            /* between functions: the definition after it, whole */
            while (j < n && !starts_with_brace(lines[j]))
                j++;
            if (j++ == n) {
                rc = wb_fail("%s:%zu: this fold starts its line, so it "
                             "folds the definition after it, to a line "
                             "that starts with '}'; there is none (indent "
                             "it to fold lines of a function)", r->path,
                             at);
                continue;
            }
        } else {
            /* in a function: its lines up to a blank line or the end of
             * its block, the first line indented less than itself */
            while (j < n && !is_blank(lines[j]) &&
                   indent_of(lines[j]) >= indent_of(lines[i]))
                j++;
            if (j == i + 1) {
                rc = wb_fail("%s:%zu: this fold folds nothing: the line "
                             "after it is blank or ends its block",
                             r->path, at);
                continue;
            }
        }
        for (size_t k = i + 1; k < j && rc == 0; k++)
            if (fold_marker(lines[k], &s2, &len2) != 0)
                rc = wb_fail("%s:%zu: a fold inside the fold of line %zu",
                             r->path, r->first_line + k, at);
        if (rc != 0)
            break;
        folds = wb_reallocarray(r->folds, r->nfolds + 1, sizeof *folds);
        if (!folds) {
            rc = -1;
            break;
        }
        r->folds = folds;
        folds[r->nfolds] = (wb_fold){.summary = wb_strndup(summary, len),
                                     .first_line = at, .lines = j - i};
        if (!folds[r->nfolds++].summary)
            rc = -1;
        i = j - 1;
    }
    free(lines);
    return rc;
}

/* Fills chunk `c` with the code lines [first, last). */
static int set_code(wb_chunk *c, const line *lines, size_t first,
                    size_t last, const char *path)
{
    while (first < last && is_blank(lines[first]))
        first++;
    while (last > first && is_blank(lines[last - 1]))
        last--;
    c->code_line = first < last ? first + 1 : 0;
    c->code_lines = last - first;
    c->code = join(lines, first, last, false);
    if (!c->code)
        return -1;
    /* Its folds are read with its listing; a wrong one is an error now. */
    wb_region r = {.path = (char *)path, .code = c->code,
                   .first_line = c->code_line};
    int rc = read_folds(&r);
    for (size_t i = 0; i < r.nfolds; i++)
        free(r.folds[i].summary);
    free(r.folds);
    if (rc != 0)
        return -1;
    for (size_t i = first; i < last; i++) {
        const char *name;
        size_t n = step_name(lines[i], &name);
        if (!n)
            continue;
        if (c->step)
            return wb_fail("%s:%zu: a second step, '%.*s', in the code after "
                           "one prose block (step '%s' is already there): "
                           "give each step its own /*md block",
                           path, i + 1, (int)n, name, c->step);
        c->step = wb_strndup(name, n);
        if (!c->step)
            return -1;
    }
    return 0;
}

static line *split_lines(const char *text, size_t *count)
{
    size_t n = 1, k = 0;
    line *lines;
    for (const char *s = text; *s; s++)
        n += *s == '\n';
    lines = wb_calloc(n, sizeof *lines);
    if (!lines)
        return NULL;
    for (const char *s = text; *s;) {
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        lines[k++] = (line){s, len};
        if (!eol)
            break;
        s = eol + 1;
    }
    *count = k;
    return lines;
}

/* ---- the prose, read as tokens ------------------------------------------ */

#define EQ_LABEL " {#eq:"

static bool is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* If the prose line s[0..len) ends with "$$ {#eq:NAME}" (and spaces),
 * returns the length of the line before its label (the equation, up to
 * and with its closing $$) and sets *name, *name_len to NAME; else 0. */
static size_t eq_label(const char *s, size_t len, const char **name,
                       size_t *name_len)
{
    const char *end = s + len;
    while (end > s && end[-1] == ' ')
        end--;
    if (end == s || end[-1] != '}')
        return 0;
    const char *start = end - 1;
    while (start > s && is_name_char(start[-1]))
        start--;
    size_t label = strlen(EQ_LABEL);
    if (start == end - 1 || (size_t)(start - s) < label + 2 ||
        strncmp(start - label, EQ_LABEL, label) != 0 ||
        strncmp(start - label - 2, "$$", 2) != 0)
        return 0;
    *name = start;
    *name_len = (size_t)(end - 1 - start);
    return (size_t)(start - label - s);
}

static int region_ref(const char *line, size_t len, char **path, char **name);

/* Whether a prose line s[0..len) is a fence of a block (pandoc's fenced
 * div): 1 for an opening line, `::: {.CLASS ...}` or `::: CLASS`, with
 * CLASS in *name, *n, and its attribute question="N" in *question (0 when
 * it has none); 2 for a closing line, `:::`; 0 for any other line. */
static int div_fence(const char *s, size_t len, const char **name,
                     size_t *n, int *question)
{
    const char *e = s + len, *q;
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e - s < 3 || strncmp(s, ":::", 3) != 0)
        return 0;
    while (s < e && *s == ':')
        s++;
    while (s < e && *s == ' ')
        s++;
    if (s == e)
        return 2;
    if (*s == '{') {
        if (e[-1] != '}' || !(s = memchr(s, '.', (size_t)(e - s))))
            return 0;
        s++;
    }
    *name = s;
    while (s < e && is_name_char(*s))
        s++;
    *n = (size_t)(s - *name);
    *question = 0;
    q = *n ? strstr(s, "question=\"") : NULL;
    if (q && q < e)
        *question = atoi(q + 10);
    return *n ? 1 : 0;
}

/* Appends a token to chunk c; text that follows text joins it. Returns the
 * token, or NULL when memory runs out. */
static wb_token *add(wb_chunk *c, wb_token_kind kind, const char *text,
                     size_t len, size_t line)
{
    wb_token *t = c->ntokens ? &c->tokens[c->ntokens - 1] : NULL;
    if (kind == WB_TOKEN_TEXT && t && t->kind == WB_TOKEN_TEXT &&
        t->text + t->len == text) {
        t->len += len;
        return t;
    }
    t = wb_reallocarray(c->tokens, c->ntokens + 1, sizeof *t);
    if (!t)
        return NULL;
    c->tokens = t;
    t = &t[c->ntokens++];
    *t = (wb_token){.kind = kind, .text = text, .len = len, .line = line};
    return t;
}

/* Text s[0..n) of line `line`, its references @fig:NAME, @step:NAME and
 * @eq:NAME made tokens of their own. */
static int add_text(wb_chunk *c, const char *s, size_t n, size_t line)
{
    static const struct {
        const char *prefix;
        wb_token_kind kind;
    } refs[] = {{"@fig:", WB_TOKEN_FIG_REF}, {"@step:", WB_TOKEN_STEP_REF},
                {"@eq:", WB_TOKEN_EQ_REF}};
    const char *end = s + n, *text = s, *at;
    wb_token *t;
    while ((at = memchr(s, '@', (size_t)(end - s))) != NULL) {
        size_t r = 0, p, k = 0;
        while (r < 3 && !((size_t)(end - at) >= strlen(refs[r].prefix) &&
                          strncmp(at, refs[r].prefix,
                                  strlen(refs[r].prefix)) == 0))
            r++;
        s = at + 1;
        if (r == 3)
            continue;
        p = strlen(refs[r].prefix);
        while (at + p + k < end && is_name_char(at[p + k]))
            k++;
        if ((at > text && !add(c, WB_TOKEN_TEXT, text, (size_t)(at - text),
                               line)) ||
            !(t = add(c, refs[r].kind, at, p + k, line)) ||
            !(t->name = wb_strndup(at + p, k)))
            return -1;
        s = text = at + p + k;
    }
    return end > text && !add(c, WB_TOKEN_TEXT, text, (size_t)(end - text),
                              line) ? -1 : 0;
}

/* The number of the equation labelled `name`, among those numbered so
 * far; 0 when there is none. */
static int equation(const wb_lit *lit, const char *name)
{
    for (size_t i = 0; i < lit->nchunks; i++)
        for (size_t j = 0; j < lit->chunks[i].ntokens; j++) {
            const wb_token *t = &lit->chunks[i].tokens[j];
            if (t->kind == WB_TOKEN_EQ_TAG && t->number &&
                strcmp(t->name, name) == 0)
                return t->number;
        }
    return 0;
}

/* One line of chunk c's prose, p[0..len), and its newline (nl is 1, or 0
 * at the end of the prose); *titled once the chunk's title is read, and
 * *equations the equations of the source numbered so far. */
static int read_line(const wb_lit *lit, wb_chunk *c, const char *p,
                     size_t len, size_t nl, size_t line, bool *titled,
                     int *equations)
{
    const char *name;
    size_t name_len, eq;
    char *path, *region;
    wb_token *t;
    int question, ref = region_ref(p, len, &path, &region);
    if (ref != 0) {
        t = ref > 0 ? add(c, WB_TOKEN_REGION, p, len, line) : NULL;
        if (!t) {
            free(path);
            free(region);
            return -1;
        }
        t->path = path;
        t->name = region;
        return 0;
    }
    if (len >= 10 && strncmp(p, "@exercises", 10) == 0 &&
        strspn(p + 10, " \t\r") == len - 10)
        return add(c, WB_TOKEN_EXERCISES, p, len, line) ? 0 : -1;
    switch (div_fence(p, len, &name, &name_len, &question)) {
    case 1:
        if (!(t = add(c, WB_TOKEN_DIV, p, len, line)) ||
            !(t->name = wb_strndup(name, name_len)))
            return -1;
        t->number = question;
        return 0;
    case 2:
        return add(c, WB_TOKEN_DIV_END, p, len, line) ? 0 : -1;
    }
    if (c->step && c->title && !*titled && *p == '#') {
        *titled = true;
        return add(c, WB_TOKEN_TITLE, p, len, line)
                   ? add_text(c, p + len, nl, line)
                   : -1;
    }
    eq = eq_label(p, len, &name, &name_len);
    if (eq == 0)
        return add_text(c, p, len + nl, line);
    /* a numbered equation: its text, then its closing $$ and its label */
    if (add_text(c, p, eq - 2, line) != 0 ||
        !(t = add(c, WB_TOKEN_EQ_TAG, p + eq - 2, len - (eq - 2), line)) ||
        !(t->name = wb_strndup(name, name_len)))
        return -1;
    if (equation(lit, t->name))
        return wb_fail("the equation '%s' is labelled twice", t->name);
    t->number = ++*equations;
    return add_text(c, p + len, nl, line);
}

/* Reads chunk c, the last of lit, into tokens: its prose, line by line,
 * then its code. */
static int read_chunk(const wb_lit *lit, wb_chunk *c, int *equations)
{
    size_t line = c->prose_line + 1;
    bool titled = false;
    for (const char *p = c->prose; p && *p; line++) {
        size_t len = strcspn(p, "\n"), nl = p[len] == '\n';
        if (read_line(lit, c, p, len, nl, line, &titled, equations) != 0)
            return wb_fail("%s:%zu: %s", lit->path, line, wb_error());
        p += len + nl;
    }
    c->nprose = c->ntokens;
    if (c->code_lines > 0 &&
        !add(c, WB_TOKEN_LISTING, c->code, strlen(c->code), c->code_line))
        return -1;
    return 0;
}

/* Once every chunk is read: each reference to an equation or a step
 * resolved (it may come before what it names). */
static void resolve(wb_lit *lit)
{
    for (size_t i = 0; i < lit->nchunks; i++)
        for (size_t j = 0; j < lit->chunks[i].ntokens; j++) {
            wb_token *t = &lit->chunks[i].tokens[j];
            if (t->kind == WB_TOKEN_EQ_REF)
                t->number = equation(lit, t->name);
            else if (t->kind == WB_TOKEN_STEP_REF)
                t->step = wb_lit_find_step(lit, t->name);
        }
}

wb_lit *wb_lit_parse(const char *text, const char *path)
{
    size_t nlines = 0, i = 0;
    line *lines = split_lines(text, &nlines);
    wb_lit *lit = wb_calloc(1, sizeof *lit);
    int equations = 0;

    if (!lines || !lit || !(lit->path = wb_strdup(path)))
        goto fail;
    while (i < nlines) {
        wb_chunk *chunks, *c;
        size_t code_start;

        chunks = wb_reallocarray(lit->chunks, lit->nchunks + 1,
                                 sizeof *chunks);
        if (!chunks)
            goto fail;
        lit->chunks = chunks;
        c = &chunks[lit->nchunks++];
        *c = (wb_chunk){0};

        if (is_marker(lines[i], "/*md")) {
            size_t open = i++, body = i;
            while (i < nlines && !is_marker(lines[i], "*/"))
                i++;
            if (i == nlines) {
                wb_fail("%s:%zu: this /*md prose block has no closing */ "
                        "line", path, open + 1);
                goto fail;
            }
            c->prose_line = open + 1;
            c->prose = join(lines, body, i, true);
            if (!c->prose || (c->level = find_title(c->prose, &c->title)) < 0)
                goto fail;
            i++;
        }
        code_start = i;
        while (i < nlines && !is_marker(lines[i], "/*md"))
            i++;
        if (set_code(c, lines, code_start, i, path) != 0 ||
            read_chunk(lit, c, &equations) != 0)
            goto fail;
        /* Code before the first prose block that is only blank lines makes
         * no chunk. */
        if (!c->prose && !c->code_lines) {
            free(c->code);
            lit->nchunks--;
        }
    }
    free(lines);
    resolve(lit);
    return lit;
fail:
    free(lines);
    wb_lit_free(lit);
    return NULL;
}

wb_lit *wb_lit_read(const char *path)
{
    char *text = wb_read_file(path, NULL);
    wb_lit *lit = text ? wb_lit_parse(text, path) : NULL;
    free(text);
    return lit;
}

void wb_lit_free(wb_lit *lit)
{
    if (!lit)
        return;
    for (size_t i = 0; i < lit->nchunks; i++) {
        free(lit->chunks[i].prose);
        free(lit->chunks[i].title);
        free(lit->chunks[i].code);
        free(lit->chunks[i].step);
        for (size_t j = 0; j < lit->chunks[i].ntokens; j++) {
            free(lit->chunks[i].tokens[j].name);
            free(lit->chunks[i].tokens[j].path);
        }
        free(lit->chunks[i].tokens);
    }
    free(lit->chunks);
    free(lit->path);
    free(lit);
}

const wb_chunk *wb_lit_find_step(const wb_lit *lit, const char *name)
{
    for (size_t i = 0; i < lit->nchunks; i++)
        if (lit->chunks[i].step && strcmp(lit->chunks[i].step, name) == 0)
            return &lit->chunks[i];
    return NULL;
}

const char *wb_lit_title(const wb_lit *lit, const char *name)
{
    const wb_chunk *c = lit ? wb_lit_find_step(lit, name) : NULL;
    return c && c->title ? c->title : name;
}

static bool in_table(const char *const *names, const char *name)
{
    for (const char *const *s = names; *s; s++)
        if (strcmp(*s, name) == 0)
            return true;
    return false;
}

int wb_lit_check_steps(const wb_lit *lit, const char *const *names)
{
    const char *const *s = names;
    for (size_t i = 0; i < lit->nchunks; i++) {
        const wb_chunk *c = &lit->chunks[i];
        if (!c->step)
            continue;
        if (!in_table(names, c->step))
            return wb_fail("%s:%zu: '%s' is defined like a step but is not "
                           "in the table of steps", lit->path, c->code_line,
                           c->step);
        if (!c->prose)
            return wb_fail("%s:%zu: step '%s' has no /*md prose block "
                           "before it", lit->path, c->code_line, c->step);
        if (!*s || strcmp(*s, c->step) != 0) {
            if (*s && wb_lit_find_step(lit, *s))
                return wb_fail("%s: the table lists step '%s' where the "
                               "source has '%s': list the steps in the "
                               "order they are written", lit->path, *s,
                               c->step);
            break;
        }
        s++;
    }
    if (*s)
        return wb_fail("%s: step '%s' is in the table of steps but its "
                       "function does not follow a /*md prose block (write "
                       "it as 'static int %s(wb_run *run)')",
                       lit->path, *s, *s);
    return 0;
}

/* ---- regions of library code ------------------------------------------- */

static bool is_region_name(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return false;
    return true;
}

/* Whether line l is a region marker, `/\* region NAME *\/` (open) or
 * `/\* endregion NAME *\/`: returns 1 (open) or 2 (close) and NAME in
 * *name, *n; 0 when it is no marker. */
static int region_marker(line l, const char **name, size_t *n)
{
    const char *s = l.start, *e = l.start + l.len;
    int kind;
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if (e - s < 4 || memcmp(s, "/*", 2) != 0 || memcmp(e - 2, "*/", 2) != 0)
        return 0;
    s += 2;
    e -= 2;
    while (s < e && *s == ' ')
        s++;
    while (e > s && e[-1] == ' ')
        e--;
    if (e - s > 7 && memcmp(s, "region ", 7) == 0) {
        kind = 1;
        s += 7;
    } else if (e - s > 10 && memcmp(s, "endregion ", 10) == 0) {
        kind = 2;
        s += 10;
    } else {
        return 0;
    }
    while (s < e && *s == ' ')
        s++;
    if (!is_region_name(s, (size_t)(e - s)))
        return 0;
    *name = s;
    *n = (size_t)(e - s);
    return kind;
}

int wb_region_find(wb_region *out, const char *text, const char *path,
                   const char *name)
{
    size_t nlines = 0, open_at = 0, found_at = 0, found_end = 0;
    line *lines = split_lines(text, &nlines);
    const char *open_name = NULL;
    size_t open_len = 0;
    int rc = 0;

    *out = (wb_region){0};
    if (!lines)
        return -1;
    for (size_t i = 0; i < nlines && rc == 0; i++) {
        const char *m;
        size_t n;
        int kind = region_marker(lines[i], &m, &n);
        if (kind == 1 && open_name) {
            rc = wb_fail("%s:%zu: region '%.*s' opens inside region '%.*s' "
                         "(line %zu): regions do not nest", path, i + 1,
                         (int)n, m, (int)open_len, open_name, open_at);
        } else if (kind == 1) {
            /* A name seen before: its region opened twice. */
            for (size_t j = 0; j < i && rc == 0; j++) {
                const char *m2;
                size_t n2;
                if (region_marker(lines[j], &m2, &n2) == 1 && n2 == n &&
                    memcmp(m2, m, n) == 0)
                    rc = wb_fail("%s:%zu: region '%.*s' is named twice (it "
                                 "is also at line %zu)", path, i + 1, (int)n,
                                 m, j + 1);
            }
            open_name = m;
            open_len = n;
            open_at = i + 1;
        } else if (kind == 2) {
            if (!open_name || open_len != n || memcmp(open_name, m, n) != 0)
                rc = wb_fail("%s:%zu: 'endregion %.*s' closes no open region "
                             "of that name", path, i + 1, (int)n, m);
            else if (strlen(name) == n && memcmp(name, m, n) == 0) {
                found_at = open_at;
                found_end = i;
            }
            open_name = NULL;
        }
    }
    if (rc == 0 && open_name)
        rc = wb_fail("%s:%zu: region '%.*s' is never closed (no line "
                     "'/* endregion %.*s */')", path, open_at, (int)open_len,
                     open_name, (int)open_len, open_name);
    if (rc == 0 && !found_at)
        rc = wb_fail("%s: there is no region '%s' (mark it with a line "
                     "'/* region %s */' and a line '/* endregion %s */')",
                     path, name, name, name);
    if (rc == 0 && found_end == found_at)
        rc = wb_fail("%s:%zu: region '%s' is empty", path, found_at, name);
    if (rc == 0) {
        out->first_line = found_at + 1;
        out->lines = found_end - found_at;
        out->code = join(lines, found_at, found_end, false);
        out->name = wb_strdup(name);
        out->path = wb_strdup(path);
        if (!out->code || !out->name || !out->path || read_folds(out) != 0) {
            wb_region_free(out);
            rc = -1;
        }
    }
    free(lines);
    return rc;
}

void wb_region_free(wb_region *r)
{
    for (size_t i = 0; i < r->nfolds; i++)
        free(r->folds[i].summary);
    free(r->folds);
    free(r->path);
    free(r->name);
    free(r->code);
    *r = (wb_region){0};
}

/* Whether a line of prose (without its newline) is `@code:PATH:NAME`:
 * returns 1 and sets *path and *name (new strings), 0 when it is not, or -1
 * with an error when it is one but malformed. */
static int region_ref(const char *line, size_t len, char **path, char **name)
{
    static const char tag[] = "@code:";
    const char *s = line, *e = line + len, *colon;
    *path = *name = NULL;
    while (s < e && isspace((unsigned char)*s))
        s++;
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    if ((size_t)(e - s) < sizeof tag - 1 ||
        memcmp(s, tag, sizeof tag - 1) != 0)
        return 0;
    s += sizeof tag - 1;
    /* PATH:NAME, split at the last colon. */
    colon = e;
    while (colon > s && colon[-1] != ':')
        colon--;
    if (colon - 1 <= s || !is_region_name(colon, (size_t)(e - colon)))
        return wb_fail("'%.*s' is not @code:PATH:NAME", (int)len, line);
    *path = wb_strndup(s, (size_t)(colon - 1 - s));
    *name = wb_strndup(colon, (size_t)(e - colon));
    if (*path && *name && (**path == '/' || strstr(*path, ".."))) {
        wb_fail("@code:%s: the path must lead down from the top of the "
                "workbook (no leading / and no ..)", *path);
        free(*name);
        *name = NULL;
    }
    if (!*path || !*name) {
        free(*path);
        free(*name);
        *path = *name = NULL;
        return -1;
    }
    return 1;
}

int wb_lit_listing(wb_region *out, const wb_lit *lit, const wb_token *t,
                   const char *root)
{
    if (t->kind == WB_TOKEN_REGION) {
        char *file = root ? wb_path_join(root, t->path) : wb_strdup(t->path);
        char *text = file ? wb_read_file(file, NULL) : NULL;
        int rc = text ? wb_region_find(out, text, t->path, t->name) : -1;
        free(text);
        free(file);
        if (rc != 0)
            return wb_fail("%s:%zu: @code:%s:%s: %s", lit->path, t->line,
                           t->path, t->name, wb_error());
        return 0;
    }
    WB_ASSERT(t->kind == WB_TOKEN_LISTING, "token of kind %d is no listing",
              (int)t->kind);
    *out = (wb_region){.first_line = t->line};
    for (size_t i = 0; i < t->len; i++)
        out->lines += t->text[i] == '\n';
    out->path = wb_strdup(lit->path);
    out->code = wb_strndup(t->text, t->len);
    if (!out->path || !out->code || read_folds(out) != 0) {
        wb_region_free(out);
        return -1;
    }
    return 0;
}

/* Whether line `at` (1-based in the file) of listing r is blank. */
static bool blank_line_at(const wb_region *r, size_t at)
{
    const char *s = r->code;
    for (size_t i = r->first_line; i < at; i++)
        s += strcspn(s, "\n") + 1;
    return is_blank((line){s, strcspn(s, "\n")});
}

/* Lines [first, end) of r, without the blank lines at an end that touches
 * a fold, as a part, if any is left. */
static size_t add_run(wb_part *parts, size_t n, const wb_region *r,
                      size_t first, size_t end, bool fold_before,
                      bool fold_after)
{
    while (fold_before && first < end && blank_line_at(r, first))
        first++;
    while (fold_after && end > first && blank_line_at(r, end - 1))
        end--;
    if (end > first)
        parts[n++] = (wb_part){.first_line = first, .lines = end - first};
    return n;
}

size_t wb_listing_parts(wb_part *parts, const wb_region *r)
{
    size_t n = 0, line = r->first_line;
    for (size_t i = 0; i < r->nfolds; i++) {
        const wb_fold *f = &r->folds[i];
        n = add_run(parts, n, r, line, f->first_line, i > 0, true);
        parts[n++] = (wb_part){.first_line = f->first_line,
                               .lines = f->lines, .fold = f};
        line = f->first_line + f->lines;
    }
    return add_run(parts, n, r, line, r->first_line + r->lines,
                   r->nfolds > 0, false);
}
