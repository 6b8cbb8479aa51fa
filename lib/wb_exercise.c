/* wb_exercise.c: reading the exercises' first comments (wb_exercise.h). */
#include "wb_exercise.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

int wb_exercise_chapter_of(const char *name)
{
    size_t n = strlen(name);
    if (n < 7 || !isdigit((unsigned char)name[0]) ||
        !isdigit((unsigned char)name[1]) || name[2] != '_' ||
        !isdigit((unsigned char)name[3]) || strcmp(name + n - 2, ".c") != 0)
        return 0;
    return (name[0] - '0') * 10 + (name[1] - '0');
}

/* Appends line[0..len) to *text, after a newline if *text holds any. */
static void add_line(wb_buf *text, const char *line, size_t len)
{
    if (text->len > 0)
        wb_buf_puts(text, "\n");
    wb_buf_append(text, line, len);
}

/* The text of a buffer without its blank lines at both ends (a new
 * string), or NULL when memory runs out. */
static char *trimmed(wb_buf *b)
{
    char *s = wb_buf_take(b);
    if (!s)
        return NULL;
    size_t start = 0, end = strlen(s);
    while (s[start] == '\n')
        start++;
    while (end > start && isspace((unsigned char)s[end - 1]))
        end--;
    char *t = wb_strndup(s + start, end - start);
    free(s);
    return t;
}

/* The first comment of `src` into e's chapter, goal, text and hint. */
static void read_comment(wb_exercise *e, const char *src, const char *end)
{
    wb_buf goal = {0}, text = {0}, hint = {0}, *into = NULL;
    for (const char *p = src; end && p < end;) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *stop = eol ? eol : end;
        /* The line without the comment's opening or its " * " before
         * it. */
        const char *l = p;
        if (stop - l >= 2 && (l[0] == '/' || l[0] == ' ') && l[1] == '*')
            l += 2;
        if (l < stop && *l == ' ')
            l++;
        size_t len = (size_t)(stop - l);
        while (len > 0 && isspace((unsigned char)l[len - 1]))
            len--;
        if (len >= 8 && strncmp(l, "Chapter:", 8) == 0) {
            char *n = wb_strndup(l + 8, len - 8), *after;
            long k = n ? strtol(n, &after, 10) : 0;
            e->chapter = n && after != n && *after == '\0' && k > 0 &&
                         k < 100 ? (int)k : -1;
            free(n);
            into = NULL;
        } else if (len >= 5 && strncmp(l, "Goal:", 5) == 0) {
            size_t skip = 5 + strspn(l + 5, " ");
            add_line(&goal, l + skip, len - skip);
            into = &text;
        } else if (len >= 5 && strncmp(l, "Hint:", 5) == 0) {
            size_t skip = 5 + strspn(l + 5, " ");
            add_line(&hint, l + skip, len - skip);
            into = &hint;
        } else if (into) {
            add_line(into, l, len);
        }
        p = eol ? eol + 1 : end;
    }
    e->goal = trimmed(&goal);
    e->text = trimmed(&text);
    e->hint = trimmed(&hint);
}

int wb_exercise_read(wb_exercise *e, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    *e = (wb_exercise){.name = wb_strndup(base, strlen(base) -
                                                    (strlen(base) >= 2 ? 2 : 0))};
    char *src = e->name ? wb_read_file(path, NULL) : NULL;
    if (!src) {
        wb_exercise_free(e);
        return -1;
    }
    const char *end = strncmp(src, "/*", 2) == 0 ? strstr(src, "*/") : NULL;
    int from_name = wb_exercise_chapter_of(base);
    read_comment(e, src, end);
    free(src);
    e->number = from_name ? atoi(base + 3) : 0;
    int rc = 0;
    if (!e->goal || !e->text || !e->hint)
        rc = wb_fail("out of memory");
    else if (!from_name)
        rc = wb_fail("%s: an exercise's name is NN_K_NAME.c, its chapter "
                     "and its number in it", path);
    else if (!end)
        rc = wb_fail("%s: no comment at its top, where its chapter, goal "
                     "and hint go", path);
    else if (e->chapter <= 0)
        rc = wb_fail("%s: no line 'Chapter: N' in its first comment",
                     path);
    else if (!*e->goal)
        rc = wb_fail("%s: no goal (a line 'Goal: ...') in its first "
                     "comment", path);
    else if (!*e->hint)
        rc = wb_fail("%s: no hint (a line 'Hint: ...') in its first "
                     "comment", path);
    else if (e->chapter != from_name)
        rc = wb_fail("%s: its comment says chapter %d, its name chapter "
                     "%.2s", path, e->chapter, base);
    if (rc != 0)
        wb_exercise_free(e);
    return rc;
}

void wb_exercise_free(wb_exercise *e)
{
    free(e->name);
    free(e->goal);
    free(e->text);
    free(e->hint);
    *e = (wb_exercise){0};
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The names of the files in `dir` of chapter `chapter` (of every chapter
 * when 0), NN_K_NAME.c, sorted, in *names[0..*n). */
static int exercise_files(const char *dir, int chapter, char ***names,
                          size_t *n)
{
    DIR *d = opendir(dir);
    const struct dirent *entry;
    *names = NULL;
    *n = 0;
    if (!d)     /* a book without exercises */
        return errno == ENOENT ? 0 : wb_fail("%s: %s", dir, strerror(errno));
    while ((entry = readdir(d)) != NULL) {
        int k = wb_exercise_chapter_of(entry->d_name);
        if (k == 0 || (chapter != 0 && k != chapter))
            continue;
        char **more = wb_reallocarray(*names, *n + 1, sizeof **names);
        char *name = more ? wb_strdup(entry->d_name) : NULL;
        if (more)
            *names = more;
        if (!name) {
            closedir(d);
            free_names(*names, *n);
            *names = NULL;
            *n = 0;
            return -1;
        }
        (*names)[(*n)++] = name;
    }
    closedir(d);
    if (*n > 1)
        qsort(*names, *n, sizeof **names, by_name);
    return 0;
}

int wb_exercises_read(const char *dir, int chapter, wb_exercise **list,
                      size_t *n)
{
    char **names;
    size_t count;
    *list = NULL;
    *n = 0;
    if (exercise_files(dir, chapter, &names, &count) != 0)
        return -1;
    if (count > 0 && !(*list = wb_calloc(count, sizeof **list))) {
        free_names(names, count);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        char *path = wb_path_join(dir, names[i]);
        int rc = path ? wb_exercise_read(&(*list)[i], path) : -1;
        free(path);
        if (rc != 0) {
            wb_exercises_free(*list, i);
            *list = NULL;
            *n = 0;
            free_names(names, count);
            return -1;
        }
        (*n)++;
    }
    free_names(names, count);
    return 0;
}

void wb_exercises_free(wb_exercise *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        wb_exercise_free(&list[i]);
    free(list);
}
