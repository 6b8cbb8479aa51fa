/* wb_pager.c: the terminal under the notebook. See wb_pager.h. */
#include "wb_pager.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <termios.h>
#include <unistd.h>

#include "wb_term.h"

/* ---- the terminal's mode ------------------------------------------------ */

/* What a signal handler must put back: the terminal's settings while a
 * prompt or the device query has changed them. A handler can only reach
 * what is static. */
static struct termios saved_mode;
static volatile sig_atomic_t mode_changed;
/* Whether the terminal takes escape sequences, for the handler. */
static bool escapes;
/* The screen's size changed (SIGWINCH) since a prompt last looked. */
static volatile sig_atomic_t resized;

static const int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
#define NFATAL (sizeof fatal_signals / sizeof *fatal_signals)
static struct sigaction previous[NFATAL];
static bool handlers_installed;

/* Puts the terminal back, then does what was to be done before: the
 * library's own handler (which removes temporary files) or dying. */
static void restore_and_die(int sig)
{
    if (mode_changed) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_mode);
        mode_changed = 0;
        if (write(STDOUT_FILENO, "\033[0m\r\n" + (escapes ? 0 : 4),
                  escapes ? 6 : 2) < 0) {
            /* nothing more can be done */
        }
    }
    for (size_t i = 0; i < NFATAL; i++)
        if (fatal_signals[i] == sig && !(previous[i].sa_flags & SA_SIGINFO) &&
            previous[i].sa_handler != SIG_DFL &&
            previous[i].sa_handler != SIG_IGN)
            previous[i].sa_handler(sig);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void note_resize(int sig)
{
    (void)sig;
    resized = 1;
}

static void install_handlers(void)
{
    struct sigaction winch = {.sa_handler = note_resize};
    if (handlers_installed)
        return;
    handlers_installed = true;
    /* without SA_RESTART: a prompt waiting for a key hears of it */
    sigemptyset(&winch.sa_mask);
    sigaction(SIGWINCH, &winch, NULL);
    for (size_t i = 0; i < NFATAL; i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = restore_and_die;
        sigemptyset(&sa.sa_mask);
        if (sigaction(fatal_signals[i], NULL, &previous[i]) == 0 &&
            previous[i].sa_handler != SIG_IGN)
            sigaction(fatal_signals[i], &sa, NULL);
    }
}

/* Keys one at a time, without echo: VMIN 1, or (for the device query) a
 * wait of at most `tenths` tenths of a second. Signals still come from
 * Ctrl-C. */
static int mode_begin(int tenths)
{
    struct termios raw;
    install_handlers();
    if (tcgetattr(STDIN_FILENO, &saved_mode) != 0)
        return -1;
    raw = saved_mode;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = tenths ? 0 : 1;
    raw.c_cc[VTIME] = (cc_t)tenths;
    mode_changed = 1;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0) {
        mode_changed = 0;
        return -1;
    }
    return 0;
}

static void mode_end(void)
{
    if (mode_changed) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved_mode);
        mode_changed = 0;
    }
}

bool wb_pager_escapes_allowed(void)
{
    const char *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && term && *term &&
           strcmp(term, "dumb") != 0;
}

bool wb_pager_colour_allowed(void)
{
    const char *no = getenv("NO_COLOR");
    return wb_pager_escapes_allowed() && !(no && *no);
}

bool wb_pager_terminal_has_sixel(void)
{
    char reply[128];
    size_t n = 0;
    bool sixel = false;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
        return false;
    fflush(stdout);
    if (mode_begin(3) != 0)
        return false;
    if (write(STDOUT_FILENO, "\033[c", 3) == 3) {
        while (n < sizeof reply - 1) {
            ssize_t r = read(STDIN_FILENO, reply + n, 1);
            if (r <= 0)
                break;
            if (reply[n++] == 'c')
                break;
        }
    }
    reply[n] = '\0';
    mode_end();
    /* The reply is ESC [ ? a ; b ; ... c: look for a field equal to 4. */
    if (n > 3 && reply[0] == '\033' && reply[1] == '[' && reply[2] == '?') {
        for (char *s = reply + 3; *s && *s != 'c';) {
            long v = strtol(s, &s, 10);
            if (v == 4)
                sixel = true;
            if (*s == ';')
                s++;
            else
                break;
        }
    }
    return sixel;
}

/* ---- the screen --------------------------------------------------------- */

void wb_pager_resize(wb_pager *pg)
{
    struct winsize ws;
    pg->cols = 80;
    pg->rows = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
        ws.ws_row >= 5) {
        pg->cols = ws.ws_col;
        pg->rows = ws.ws_row;
    }
}

void wb_pager_init(wb_pager *pg)
{
    *pg = (wb_pager){0};
    pg->interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    pg->escapes = escapes = wb_pager_escapes_allowed();
    pg->styled = wb_pager_colour_allowed();
    pg->paging = pg->interactive;
    if (pg->interactive)
        install_handlers();
    wb_pager_resize(pg);
}

void wb_pager_free(wb_pager *pg)
{
    mode_end();
    pg->kept = NULL;
    pg->kept_ctx = NULL;
}

/* A clean screen for a page shown again: cleared, or on a terminal that
 * takes no escape sequences, a blank line after what is there. */
static void clear_screen(wb_pager *pg)
{
    fputs(pg->escapes ? "\033[H\033[2J" : "\n", stdout);
    pg->used = 0;
}

/* ---- keys --------------------------------------------------------------- */

/* One key, as the prompts take it: a character, with the arrows and page
 * keys standing for the keys they mean (Page Down: Space, Down: Enter,
 * Page Up and Up: b) and Q for q; -1 when the input has ended. */
static int read_key(void)
{
    unsigned char c, seq[8];
    size_t n = 0;
    ssize_t r;
    sigset_t winch, old;

    /* SIGWINCH is let in only while waiting, so that it cannot come
     * between looking at `resized` and waiting. */
    sigemptyset(&winch);
    sigaddset(&winch, SIGWINCH);
    sigprocmask(SIG_BLOCK, &winch, &old);
    for (;;) {
        fd_set in;
        if (resized) {
            resized = 0;
            sigprocmask(SIG_SETMASK, &old, NULL);
            return WB_KEY_RESIZE;
        }
        FD_ZERO(&in);
        FD_SET(STDIN_FILENO, &in);
        if (pselect(STDIN_FILENO + 1, &in, NULL, NULL, NULL, &old) >= 0 ||
            errno != EINTR)
            break;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    do
        r = read(STDIN_FILENO, &c, 1);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return -1;
    if (c == '\r')
        return '\n';
    if (c == 'Q')
        return 'q';
    if (c != 0x1B)
        return c;
    /* An escape sequence arrives at once; a lone Escape is followed by
     * nothing. */
    while (n < sizeof seq) {
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        if (poll(&p, 1, 30) <= 0 || read(STDIN_FILENO, &seq[n], 1) != 1)
            break;
        if (n++ > 0 && seq[n - 1] >= 0x40 && seq[n - 1] <= 0x7E)
            break;
    }
    if (n >= 2 && (seq[0] == '[' || seq[0] == 'O')) {
        if (seq[1] == 'A')                             /* Up */
            return 'b';
        if (seq[1] == 'B')                             /* Down */
            return '\n';
        if (n >= 3 && seq[1] == '5' && seq[2] == '~')  /* Page Up */
            return 'b';
        if (n >= 3 && seq[1] == '6' && seq[2] == '~')  /* Page Down */
            return ' ';
    }
    return 0x1B;
}

/* A prompt's keys without what they do, for a narrow screen: each item
 * "KEY: what it does" of the list (items are separated by ", ") is its
 * KEY alone, but the last: "[Enter: run step 2, e: edit, q: quit]" is
 * "[Enter, e, q: quit]". */
static void keys_alone(char *text)
{
    char *from = text, *to = text;
    for (;;) {
        char *next = strstr(from, ", ");
        char *colon = strstr(from, ": ");
        size_t n = next ? (size_t)(next - from) : strlen(from);
        if (next && colon && colon < next)
            n = (size_t)(colon - from);
        memmove(to, from, n);
        to += n;
        if (!next)
            break;
        memcpy(to, ", ", 2);
        to += 2;
        from = next + 2;
    }
    *to = '\0';
}

/* Writes the prompt on one line (or it could not be erased): its keys
 * alone when it is wider than the screen, and cut to it if it still is.
 * Returns the columns it takes. */
static size_t put_prompt(const wb_pager *pg, const char *text)
{
    size_t width = (size_t)pg->cols - 1, shown;
    char *keys = NULL;
    if (wb_term_width(text, strlen(text)) > width &&
        (keys = wb_strdup(text)) != NULL) {
        keys_alone(keys);
        text = keys;
    }
    shown = strlen(text);
    while (shown > 0 && wb_term_width(text, shown) > width)
        shown--;
    while (shown > 0 && ((unsigned char)text[shown] & 0xC0) == 0x80)
        shown--;
    printf("%s%.*s%s", pg->styled ? "\033[1;7m" : "", (int)shown, text,
           pg->styled ? "\033[0m" : "");
    fflush(stdout);
    width = wb_term_width(text, shown);
    free(keys);
    return width;
}

/* Erases the prompt, `width` columns: the next text takes its place. */
static void erase_prompt(const wb_pager *pg, size_t width)
{
    if (pg->escapes)
        printf("\r\033[K");
    else
        printf("\r%*s\r", (int)width, "");
    fflush(stdout);
}

int wb_pager_ask(wb_pager *pg, const char *text, const char *keys)
{
    size_t width;
    int key, cols = pg->cols, rows = pg->rows;
    if (!pg->interactive)
        return '\n';
    fflush(stdout);
    if (mode_begin(0) != 0)
        return '\n';
    wb_pager_resize(pg);
    width = put_prompt(pg, text);
    for (;;) {
        key = read_key();
        if (key == WB_KEY_RESIZE) {
            wb_pager_resize(pg);
            if (pg->cols == cols && pg->rows == rows)
                continue;    /* the same size after all */
            break;
        }
        if (key < 0 || (key > 0 && strchr(keys, key)))
            break;
    }
    if (key < 0)
        key = 'q';    /* the end of the input */
    mode_end();
    erase_prompt(pg, width);
    pg->used = 0;
    return key;
}

/* ---- pages -------------------------------------------------------------- */

/* The rows a line of text takes on the screen. */
static int line_rows(const wb_pager *pg, const char *s, size_t n)
{
    size_t w = wb_term_width(s, n);
    return w == 0 ? 1 : (int)((w + (size_t)pg->cols - 1) / (size_t)pg->cols);
}

/* The prompt at a full screen, `percent` of the way through the block;
 * within a block (not at an image), b and G. */
static int more(wb_pager *pg, int percent, bool within)
{
    char text[160], keys[8] = " \nq";
    snprintf(text, sizeof text, "-- %d%% -- Space: page, Enter: line,%s%s "
             "q: close ", percent, within ? " b: back, G: end," : "",
             pg->edit_key ? " e: edit," : "");
    if (within)
        strcat(keys, "bG");
    if (pg->edit_key)
        strcat(keys, "e");
    return wb_pager_ask(pg, text, keys);
}

typedef struct span {
    const char *s;
    size_t n;
} span;

/* What a key does at a full screen, line i of the n lines of the block
 * on the last row and line `top` on the first (h: the rows line i
 * takes): Space shows the next page, Enter the next line, b the page
 * before the one on the screen, G the last page of the block, both on a
 * clean screen; q, e and WB_KEY_RESIZE end the paging, and are returned
 * (0 for the others). */
static int page_key(wb_pager *pg, int key, int h, const span *lines,
                    size_t n, size_t *i, size_t *top)
{
    if (key == ' ') {
        *top = *i;
    } else if (key == '\n') {
        pg->used = pg->rows - 1 - h;
        (*top)++;
    } else if (key == 'b') {
        size_t page = (size_t)(pg->rows > 2 ? pg->rows - 2 : 1);
        *top = *top > page ? *top - page : 0;
        *i = *top;
        clear_screen(pg);
    } else if (key == 'G') {
        int rows = 0;
        for (*top = n; *top > *i; (*top)--) {
            rows += line_rows(pg, lines[*top - 1].s, lines[*top - 1].n);
            if (rows > pg->rows - 1)
                break;
        }
        *i = *top;
        clear_screen(pg);
    }
    return key == 'q' || key == 'e' || key == WB_KEY_RESIZE ? key : 0;
}

/* Whether the `count` lines from line i are a title: one line, or two
 * where the second is a rule under the first. */
static bool is_title(const span *lines, size_t i, size_t count)
{
    const char *second = count == 2 ? lines[i + 1].s : NULL;
    if (second)
        while (*second == '\033')
            second += strcspn(second, "m") + (second[strcspn(second, "m")]
                                                  ? 1 : 0);
    return count == 1 ||
           (second && (strncmp(second, "═", strlen("═")) == 0 ||
                       strncmp(second, "─", strlen("─")) == 0));
}

/* The rows of the section that starts at line i: the lines up to the
 * next empty one, with the section after when it is a title of one or two
 * lines. */
static int section_rows(const wb_pager *pg, const span *lines, size_t n,
                        size_t i)
{
    size_t start = i;
    int rows = 0;
    for (; i < n && lines[i].n > 0; i++)
        rows += line_rows(pg, lines[i].s, lines[i].n);
    if (is_title(lines, start, i - start) && i + 1 < n)
        for (rows++, i++; i < n && lines[i].n > 0; i++)
            rows += line_rows(pg, lines[i].s, lines[i].n);
    return rows;
}

/* wb_pager_page; on a change of the screen's size, the rest of the block
 * is paged for the new size, or with `rewrap`, WB_KEY_RESIZE is returned
 * for the caller to write the block again. */
static int page(wb_pager *pg, const char *text, bool rewrap)
{
    span *lines;
    size_t n = 0, i = 0, top = 0, asked = (size_t)-1;

    if (!pg->interactive || !pg->paging) {
        fputs(text, stdout);
        fflush(stdout);
        return 0;
    }
    wb_pager_resize(pg);
    for (const char *s = text; *s; s++)
        n += *s == '\n';
    n += *text && text[strlen(text) - 1] != '\n';
    lines = wb_calloc(n + 1, sizeof *lines);
    if (!lines) {
        fputs(text, stdout);
        return 0;
    }
    n = 0;
    for (const char *s = text; *s;) {
        size_t len = strcspn(s, "\n");
        lines[n++] = (span){s, len};
        s += len + (s[len] == '\n');
    }
    while (i < n) {
        int h = line_rows(pg, lines[i].s, lines[i].n), key;
        /* A paragraph, a listing, a plot that fits on a screen but not in
         * what is left of this one starts on the next. */
        bool starts = i != asked && lines[i].n > 0 &&
                      (i == 0 || lines[i - 1].n == 0);
        int need = starts ? section_rows(pg, lines, n, i) : h;
        if (pg->used == 0 || pg->used + need <= pg->rows - 1 ||
            (starts && need > pg->rows - 1 &&
             pg->used + h <= pg->rows - 1)) {
            fwrite(lines[i].s, 1, lines[i].n, stdout);
            fputc('\n', stdout);
            pg->used += h;
            i++;
            continue;
        }
        asked = i;
        key = page_key(pg, more(pg, (int)(100 * i / n), true), h, lines, n,
                       &i, &top);
        if (key == WB_KEY_RESIZE && !rewrap) {
            asked = (size_t)-1;    /* the prompt again, for the new size */
            continue;
        }
        if (key != 0) {
            free(lines);
            return key;
        }
    }
    free(lines);
    fflush(stdout);
    return 0;
}

int wb_pager_page(wb_pager *pg, const char *text)
{
    return page(pg, text, false);
}

int wb_pager_page_image(wb_pager *pg, const char *data, size_t len, int rows)
{
    int key = 0;
    if (pg->interactive && pg->paging && pg->used > 0 &&
        pg->used + rows > pg->rows - 1)
        do
            key = more(pg, 100, false);
        while (key == WB_KEY_RESIZE);
    if (key == 'q' || key == 'e')
        return key;
    fwrite(data, 1, len, stdout);
    fflush(stdout);
    pg->used += rows;
    return 0;
}

int wb_pager_show(wb_pager *pg, wb_pager_render *render, void *ctx)
{
    for (;;) {
        wb_buf b = {0};
        int rc;
        wb_pager_resize(pg);
        render(&b, ctx);
        rc = page(pg, b.data ? b.data : "", true);
        wb_buf_free(&b);
        if (rc != WB_KEY_RESIZE)
            return rc;
        clear_screen(pg);
    }
}

int wb_pager_keep_block(wb_pager *pg, wb_pager_render *render, void *ctx)
{
    pg->kept = render;
    pg->kept_ctx = ctx;
    return wb_pager_show(pg, render, ctx);
}

int wb_pager_page_again(wb_pager *pg)
{
    if (!pg->kept)
        return 0;
    clear_screen(pg);
    return wb_pager_show(pg, pg->kept, pg->kept_ctx);
}
