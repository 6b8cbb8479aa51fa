/* wb_notebook.c: the terminal side of --step. See internal/notebook.h. */
#include "internal/notebook.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "wb_term.h"

/* ---- the terminal's mode ------------------------------------------------ */

/* What a signal handler must put back: the terminal's settings while a
 * prompt or the device query has changed them. A handler can only reach
 * what is static. */
static struct termios saved_mode;
static volatile sig_atomic_t mode_changed;

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
        if (write(STDOUT_FILENO, "\033[0m\r\n", 6) < 0) {
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

static void install_handlers(void)
{
    if (handlers_installed)
        return;
    handlers_installed = true;
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

bool wb_nb_colour_allowed(void)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no && *no) &&
           !(term && strcmp(term, "dumb") == 0);
}

bool wb_nb_terminal_has_sixel(void)
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

void wb_nb_resize(wb_nb *nb)
{
    struct winsize ws;
    nb->cols = 80;
    nb->rows = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20 &&
        ws.ws_row >= 5) {
        nb->cols = ws.ws_col;
        nb->rows = ws.ws_row;
    }
}

void wb_nb_init(wb_nb *nb)
{
    *nb = (wb_nb){0};
    nb->interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
    nb->styled = wb_nb_colour_allowed();
    nb->paging = nb->interactive;
    wb_nb_resize(nb);
}

void wb_nb_free(wb_nb *nb)
{
    mode_end();
    free(nb->last);
    nb->last = NULL;
}

/* ---- keys --------------------------------------------------------------- */

/* One key: a character, an arrow or a page key, or WB_KEY_EOF. */
static int read_key(void)
{
    unsigned char c, seq[8];
    size_t n = 0;
    ssize_t r;
    do
        r = read(STDIN_FILENO, &c, 1);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return WB_KEY_EOF;
    if (c == '\r')
        return '\n';
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
        if (seq[1] == 'A')
            return WB_KEY_UP;
        if (seq[1] == 'B')
            return WB_KEY_DOWN;
        if (n >= 3 && seq[1] == '5' && seq[2] == '~')
            return WB_KEY_PAGE_UP;
        if (n >= 3 && seq[1] == '6' && seq[2] == '~')
            return WB_KEY_PAGE_DOWN;
    }
    return 0x1B;
}

int wb_nb_ask(wb_nb *nb, const char *text, const char *keys)
{
    size_t shown;
    int key;
    if (!nb->interactive)
        return '\n';
    fflush(stdout);
    if (mode_begin(0) != 0)
        return '\n';
    /* on one line, or the prompt could not be erased: cut to the width */
    wb_nb_resize(nb);
    shown = strlen(text);
    while (shown > 0 && wb_term_width(text, shown) > (size_t)nb->cols - 1)
        shown--;
    while (shown > 0 && ((unsigned char)text[shown] & 0xC0) == 0x80)
        shown--;
    printf("%s%.*s%s", nb->styled ? "\033[1;7m" : "", (int)shown, text,
           nb->styled ? "\033[0m" : "");
    fflush(stdout);
    for (;;) {
        key = read_key();
        if (key == WB_KEY_EOF) {
            key = 'q';
            break;
        }
        /* arrows and page keys stand for the keys they mean */
        if (key == WB_KEY_PAGE_DOWN)
            key = ' ';
        else if (key == WB_KEY_DOWN)
            key = '\n';
        else if (key == WB_KEY_PAGE_UP || key == WB_KEY_UP)
            key = 'b';
        else if (key == 'Q')
            key = 'q';
        if (key > 0 && key < 0x100 && strchr(keys, key))
            break;
    }
    mode_end();
    /* the prompt is erased: the next text takes its place */
    printf("\r\033[K");
    fflush(stdout);
    nb->used = 0;
    return key;
}

/* ---- pages -------------------------------------------------------------- */

/* The rows a line of text takes on the screen. */
static int line_rows(const wb_nb *nb, const char *s, size_t n)
{
    size_t w = wb_term_width(s, n);
    return w == 0 ? 1 : (int)((w + (size_t)nb->cols - 1) / (size_t)nb->cols);
}

/* The prompt at a full screen, `percent` of the way through the block. */
static int more(wb_nb *nb, int percent, bool back)
{
    char text[160], keys[8] = " \nq";
    snprintf(text, sizeof text, "-- %d%% -- Space: page, Enter: line,%s%s "
             "q: quit ", percent, back ? " b: back," : "",
             nb->edit_key ? " e: edit," : "");
    if (back)
        strcat(keys, "b");
    if (nb->edit_key)
        strcat(keys, "e");
    return wb_nb_ask(nb, text, keys);
}

typedef struct span {
    const char *s;
    size_t n;
} span;

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
static int section_rows(const wb_nb *nb, const span *lines, size_t n,
                        size_t i)
{
    size_t start = i;
    int rows = 0;
    for (; i < n && lines[i].n > 0; i++)
        rows += line_rows(nb, lines[i].s, lines[i].n);
    if (is_title(lines, start, i - start) && i + 1 < n)
        for (rows++, i++; i < n && lines[i].n > 0; i++)
            rows += line_rows(nb, lines[i].s, lines[i].n);
    return rows;
}

int wb_nb_page(wb_nb *nb, const char *text)
{
    span *lines;
    size_t n = 0, i = 0, top = 0, asked = (size_t)-1;

    if (!nb->interactive || !nb->paging) {
        fputs(text, stdout);
        fflush(stdout);
        return 0;
    }
    wb_nb_resize(nb);
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
        int h = line_rows(nb, lines[i].s, lines[i].n), key;
        /* A paragraph, a listing, a plot that fits on a screen but not in
         * what is left of this one starts on the next. */
        bool starts = i != asked && lines[i].n > 0 &&
                      (i == 0 || lines[i - 1].n == 0);
        int need = starts ? section_rows(nb, lines, n, i) : h;
        if (nb->used == 0 || nb->used + need <= nb->rows - 1 ||
            (starts && need > nb->rows - 1 &&
             nb->used + h <= nb->rows - 1)) {
            fwrite(lines[i].s, 1, lines[i].n, stdout);
            fputc('\n', stdout);
            nb->used += h;
            i++;
            continue;
        }
        asked = i;
        key = more(nb, (int)(100 * i / n), true);
        if (key == 'q' || key == 'e') {
            free(lines);
            return key;
        }
        if (key == ' ') {
            top = i;
        } else if (key == '\n') {
            nb->used = nb->rows - 1 - h;
            top++;
        } else if (key == 'b') {
            /* the page before the one on the screen, on a clean screen */
            size_t page = (size_t)(nb->rows > 2 ? nb->rows - 2 : 1);
            top = top > page ? top - page : 0;
            i = top;
            printf("\033[H\033[2J");
        }
    }
    free(lines);
    fflush(stdout);
    return 0;
}

int wb_nb_page_image(wb_nb *nb, const char *data, size_t len, int rows)
{
    int key = 0;
    if (nb->interactive && nb->paging && nb->used > 0 &&
        nb->used + rows > nb->rows - 1)
        key = more(nb, 100, false);
    if (key == 'q' || key == 'e')
        return key;
    fwrite(data, 1, len, stdout);
    fflush(stdout);
    nb->used += rows;
    return 0;
}

int wb_nb_keep_block(wb_nb *nb, const char *text)
{
    free(nb->last);
    nb->last = wb_strdup(text);
    return wb_nb_page(nb, text);
}

int wb_nb_page_again(wb_nb *nb)
{
    if (!nb->last)
        return 0;
    printf("\033[H\033[2J");
    nb->used = 0;
    return wb_nb_page(nb, nb->last);
}

/* ---- other programs: the editor, make ----------------------------------- */

/* Waits for a child, with Ctrl-C left to it (an editor takes Ctrl-C for
 * its own). Returns its wait status, or -1. */
static int wait_child(pid_t pid)
{
    int status;
    pid_t r;
    do
        r = waitpid(pid, &status, 0);
    while (r < 0 && errno == EINTR);
    return r == pid ? status : -1;
}

int wb_nb_edit(const char *path, size_t line)
{
    const char *editor = getenv("VISUAL");
    struct sigaction ignore, old_int, old_quit;
    char where[32], *cmd;
    pid_t pid;
    int status;

    if (!editor || !*editor)
        editor = getenv("EDITOR");
    if (!editor || !*editor)
        editor = "vi";
    snprintf(where, sizeof where, "+%zu", line);
    /* As git does: the editor is a shell command, so that EDITOR may hold
     * options ("code --wait"); the file comes after them. */
    cmd = wb_asprintf("%s \"$@\"", editor);
    if (!cmd)
        return -1;
    fflush(stdout);
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    pid = fork();
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        signal(SIGQUIT, SIG_DFL);
        execl("/bin/sh", "sh", "-c", cmd, "sh", where, path, (char *)NULL);
        _exit(127);
    }
    status = pid > 0 ? wait_child(pid) : -1;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    free(cmd);
    if (pid < 0 || status < 0)
        return wb_fail("cannot run the editor '%s': %s", editor,
                       strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return wb_fail("cannot run the editor '%s' (set VISUAL or EDITOR)",
                       editor);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return wb_fail("the editor '%s' failed", editor);
    return 0;
}

int wb_nb_make(const char *dir, char *const args[], wb_buf *log)
{
    char *argv[32] = {"make"};
    size_t k = 1;
    int fd[2], status;
    pid_t pid;

    for (; args[k - 1] && k + 1 < sizeof argv / sizeof *argv; k++)
        argv[k] = args[k - 1];
    argv[k] = NULL;
    fflush(stdout);
    if (pipe(fd) != 0)
        return wb_fail("cannot run make: %s", strerror(errno));
    pid = fork();
    if (pid == 0) {
        if (dup2(fd[1], STDOUT_FILENO) < 0 || dup2(fd[1], STDERR_FILENO) < 0 ||
            chdir(dir) != 0)
            _exit(126);
        close(fd[0]);
        close(fd[1]);
        execvp("make", argv);
        _exit(127);
    }
    close(fd[1]);
    if (pid < 0) {
        close(fd[0]);
        return wb_fail("cannot run make: %s", strerror(errno));
    }
    for (;;) {
        char chunk[4096];
        ssize_t r = read(fd[0], chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        wb_buf_append(log, chunk, (size_t)r);
    }
    close(fd[0]);
    status = wait_child(pid);
    if (status < 0)
        return wb_fail("cannot run make: %s", strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return wb_fail("cannot run make: is it installed?");
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
