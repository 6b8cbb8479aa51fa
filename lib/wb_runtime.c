/* wb_runtime.c: steps, the command line, book mode and the terminal
 * notebook. See wb_runtime.h. */
#include "wb_runtime.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "wb_core.h"
#include "wb_lit.h"

/* ---- what the run owns ------------------------------------------------ */

/* Adds `thing` to what the run frees when it ends. */
static void *keep(wb_run *run, void *thing, void (*destroy)(void *))
{
    if (!thing)
        return NULL;
    if (run->nkept == run->kept_cap) {
        size_t cap = run->kept_cap ? 2 * run->kept_cap : 16;
        wb_kept *kept = wb_reallocarray(run->kept, cap, sizeof *kept);
        if (!kept) {
            destroy(thing);
            return NULL;
        }
        run->kept = kept;
        run->kept_cap = cap;
    }
    run->kept[run->nkept++] = (wb_kept){thing, destroy};
    return thing;
}

static void destroy_array(void *a)
{
    wb_free(a);
}

static void destroy_logreg(void *model)
{
    wb_logreg_destroy(model);
}

static void destroy_mlp(void *model)
{
    wb_mlp_destroy(model);
}

wb_array *wb_keep_array(wb_run *run, wb_array *a)
{
    return keep(run, a, destroy_array);
}

wb_logreg *wb_keep_logreg(wb_run *run, wb_logreg *model)
{
    return keep(run, model, destroy_logreg);
}

wb_mlp *wb_keep_mlp(wb_run *run, wb_mlp *model)
{
    return keep(run, model, destroy_mlp);
}

/* At the end of the run: what it kept, last kept first. */
static void release(wb_run *run)
{
    for (size_t i = run->nkept; i-- > 0;)
        run->kept[i].destroy(run->kept[i].thing);
    free(run->kept);
    run->kept = NULL;
    run->nkept = run->kept_cap = 0;
}

/* ---- the command line --------------------------------------------------- */

/* The seed used when --seed is not given: fixed, so that the book, the
 * figures and every reader's first run show the same numbers. */
#define DEFAULT_SEED 1

/* What the command line asked for, beyond the run's own fields. */
typedef struct request {
    bool help, version, list, json;
    const char *only;
} request;

static const char *program_name(const wb_chapter *ch)
{
    return ch->slug;
}

/* One line on stderr, a hint, and exit status 2. */
static int usage_error(const wb_chapter *ch, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const wb_chapter *ch, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", program_name(ch));
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try '%s --help')\n", program_name(ch));
    return 2;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    double v;
    errno = 0;
    v = strtod(s, &end);
    if (end == s || *end != '\0' || isspace((unsigned char)*s))
        return wb_fail("'%s' is not a number", s);
    if (errno == ERANGE || !isfinite(v))
        return wb_fail("'%s' is out of range", s);
    *out = v;
    return 0;
}

static int parse_long(const char *s, long *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || isspace((unsigned char)*s))
        return wb_fail("'%s' is not a whole number", s);
    if (errno == ERANGE)
        return wb_fail("'%s' is out of range", s);
    *out = v;
    return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (end == s || *end != '\0' || !isdigit((unsigned char)*s))
        return wb_fail("'%s' is not a whole number from 0 to %llu", s,
                       (unsigned long long)UINT64_MAX);
    if (errno == ERANGE)
        return wb_fail("'%s' is larger than %llu", s,
                       (unsigned long long)UINT64_MAX);
    *out = (uint64_t)v;
    return 0;
}

static int set_option(const wb_option *o, const char *value)
{
    double d = 0;
    long l = 0;
    switch (o->type) {
    case WB_OPT_DOUBLE:
        if (parse_double(value, &d) != 0)
            return -1;
        if ((o->min != 0 || o->max != 0) && (d < o->min || d > o->max))
            return wb_fail("%s is not between %g and %g", value, o->min,
                           o->max);
        *(double *)o->value = d;
        return 0;
    case WB_OPT_INT:
        if (parse_long(value, &l) != 0)
            return -1;
        if ((o->min != 0 || o->max != 0) && (l < o->min || l > o->max))
            return wb_fail("%s is not between %g and %g", value, o->min,
                           o->max);
        *(long *)o->value = l;
        return 0;
    case WB_OPT_STRING:
        if (!*value)
            return wb_fail("an empty value");
        *(const char **)o->value = value;
        return 0;
    case WB_OPT_FLAG:
        *(bool *)o->value = true;
        return 0;
    }
    return wb_fail("an option of unknown type");
}

static const wb_step *find_step(const wb_chapter *ch, const char *name,
                                size_t *index)
{
    for (size_t i = 0; ch->steps[i].name; i++)
        if (strcmp(ch->steps[i].name, name) == 0) {
            *index = i;
            return &ch->steps[i];
        }
    return NULL;
}

/* The runtime's own options, in the order --help lists them. */
enum builtin {
    OPT_STEP, OPT_ONLY, OPT_LIST, OPT_SEED, OPT_OUT, OPT_FORMAT, OPT_BOOK,
    OPT_JSON, OPT_QUIET, OPT_HELP, OPT_VERSION, NBUILTIN
};

static const struct {
    const char *name, *arg, *help;
} builtins[NBUILTIN] = {
    [OPT_STEP] = {"step", NULL,
                  "one step at a time: its prose and code, then Enter runs it"},
    [OPT_ONLY] = {"only", "STEP",
                  "run only STEP (the steps before it run silently first)"},
    [OPT_LIST] = {"list", NULL, "list the steps and exit"},
    [OPT_SEED] = {"seed", "N", "seed of the random numbers"},
    [OPT_OUT] = {"out", "DIR", "folder for the figures"},
    [OPT_FORMAT] = {"format", "LIST",
                    "figure files to make, from png,pdf,svg"},
    [OPT_BOOK] = {"book", NULL,
                  "also keep each step's output in the --out folder"},
    [OPT_JSON] = {"json", NULL,
                  "print only a JSON summary of the fit"},
    [OPT_QUIET] = {"quiet", NULL, "print nothing but errors"},
    [OPT_HELP] = {"help", NULL, "show this help and exit"},
    [OPT_VERSION] = {"version", NULL, "show the version and exit"},
};

/* Parses argv into the run, the request and the chapter's options.
 * Returns 0, or 2 after printing the one-line complaint. */
static int parse_args(wb_run *run, request *req, int argc, char **argv)
{
    const wb_chapter *ch = run->chapter;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = NULL, *eq;
        char name[64];
        size_t n;
        int b;
        const wb_option *o = NULL;

        if (strcmp(arg, "-h") == 0)
            arg = "--help";
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
            return usage_error(ch, "unexpected argument '%s'", arg);
        eq = strchr(arg, '=');
        n = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
        if (n >= sizeof name)
            return usage_error(ch, "unknown option '%.40s...'", arg);
        memcpy(name, arg + 2, n);
        name[n] = '\0';

        for (b = 0; b < NBUILTIN; b++)
            if (strcmp(builtins[b].name, name) == 0)
                break;
        if (b == OPT_JSON && !ch->json)
            b = NBUILTIN;
        if (b == NBUILTIN) {
            for (o = ch->options; o && o->name; o++)
                if (strcmp(o->name, name) == 0)
                    break;
            if (!o || !o->name)
                return usage_error(ch, "unknown option '--%s'", name);
        }

        /* The value: after '=', or the next argument. */
        bool takes_value = b < NBUILTIN ? builtins[b].arg != NULL
                                        : o->type != WB_OPT_FLAG;
        if (eq) {
            if (!takes_value)
                return usage_error(ch, "option '--%s' takes no value", name);
            value = eq + 1;
        } else if (takes_value) {
            if (i + 1 >= argc)
                return usage_error(ch, "option '--%s' needs a value", name);
            value = argv[++i];
        }

        switch (b) {
        case OPT_HELP: req->help = true; break;
        case OPT_VERSION: req->version = true; break;
        case OPT_LIST: req->list = true; break;
        case OPT_STEP: run->step_mode = true; break;
        case OPT_BOOK: run->book = true; break;
        case OPT_QUIET: run->quiet = true; break;
        case OPT_JSON: req->json = true; break;
        case OPT_ONLY: {
            size_t k;
            if (!find_step(ch, value, &k))
                return usage_error(ch, "--only: there is no step '%s' "
                                   "(--list shows them)", value);
            req->only = value;
            break;
        }
        case OPT_SEED:
            if (parse_seed(value, &run->seed) != 0)
                return usage_error(ch, "--seed: %s", wb_error());
            break;
        case OPT_OUT:
            if (!*value)
                return usage_error(ch, "--out: an empty folder name");
            run->out.dir = value;
            break;
        case OPT_FORMAT:
            if (wb_formats_parse(&run->out.formats, value) != 0)
                return usage_error(ch, "--format: %s", wb_error());
            break;
        default:
            if (set_option(o, value) != 0)
                return usage_error(ch, "--%s: %s", name, wb_error());
        }
    }
    if (run->step_mode && req->json)
        return usage_error(ch, "--step and --json do not go together");
    return 0;
}

static void print_option(const char *name, const char *arg, const char *help,
                         const char *dflt)
{
    char left[40];
    snprintf(left, sizeof left, "--%s%s%s", name, arg ? " " : "",
             arg ? arg : "");
    printf("  %-16s %s%s%s%s\n", left, help, dflt ? " (default " : "",
           dflt ? dflt : "", dflt ? ")" : "");
}

static void print_help(const wb_run *run)
{
    const wb_chapter *ch = run->chapter;
    char dflt[64];
    printf("Usage: %s [OPTION]...\n%s\n\n", program_name(ch), ch->summary);
    printf("Running the chapter:\n");
    for (int b = 0; b < NBUILTIN; b++) {
        const char *d = NULL;
        if (b == OPT_JSON && !ch->json)
            continue;
        if (b == OPT_SEED) {
            snprintf(dflt, sizeof dflt, "%d", DEFAULT_SEED);
            d = dflt;
        } else if (b == OPT_OUT) {
            snprintf(dflt, sizeof dflt, "figures/%s", ch->slug);
            d = dflt;
        } else if (b == OPT_FORMAT)
            d = "png,pdf";
        print_option(builtins[b].name, builtins[b].arg, builtins[b].help, d);
    }
    if (ch->options && ch->options->name) {
        printf("\nThe chapter's parameters:\n");
        for (const wb_option *o = ch->options; o->name; o++) {
            const char *d = dflt;
            switch (o->type) {
            case WB_OPT_DOUBLE:
                /* NaN stands for "not given" */
                if (isnan(*(double *)o->value))
                    d = NULL;
                else
                    snprintf(dflt, sizeof dflt, "%g", *(double *)o->value);
                break;
            case WB_OPT_INT:
                snprintf(dflt, sizeof dflt, "%ld", *(long *)o->value);
                break;
            case WB_OPT_STRING:
                d = *(const char **)o->value;
                break;
            case WB_OPT_FLAG:
                d = NULL;
                break;
            }
            print_option(o->name, o->type == WB_OPT_FLAG ? NULL : o->arg,
                         o->help, d);
        }
    }
    printf("\nWith --step, Enter runs a step, a runs all the rest, q stops. "
           "Figures are drawn\nin the terminal as text, or as sixel pixels "
           "where the terminal can show them;\nset WB_GRAPHICS to none, dumb, "
           "ansi or sixel to choose.\n");
}

/* ---- the terminal ------------------------------------------------------- */

static bool colour_allowed(void)
{
    const char *no = getenv("NO_COLOR"), *term = getenv("TERM");
    return isatty(STDOUT_FILENO) && !(no && *no) &&
           !(term && strcmp(term, "dumb") == 0);
}

/* Asks the terminal for its primary device attributes (ESC [ c); a reply
 * listing attribute 4 means it draws sixel graphics. Waits at most 0.3 s. */
static bool terminal_has_sixel(void)
{
    struct termios saved, raw;
    char reply[128];
    size_t n = 0;
    bool sixel = false;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) ||
        tcgetattr(STDIN_FILENO, &saved) != 0)
        return false;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    raw.c_cc[VMIN] = 0;
    raw.c_cc[VTIME] = 3;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) != 0)
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
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
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

static wb_term_graphics choose_graphics(void)
{
    const char *want = getenv("WB_GRAPHICS");
    if (want && *want) {
        if (strcmp(want, "none") == 0)
            return WB_TERM_NONE;
        if (strcmp(want, "dumb") == 0)
            return WB_TERM_DUMB;
        if (strcmp(want, "ansi") == 0)
            return WB_TERM_ANSI;
        if (strcmp(want, "sixel") == 0)
            return WB_TERM_SIXEL;
        fprintf(stderr, "warning: WB_GRAPHICS=%s is not none, dumb, ansi or "
                "sixel; using text\n", want);
    }
    if (!colour_allowed())
        return WB_TERM_DUMB;
    return terminal_has_sixel() ? WB_TERM_SIXEL : WB_TERM_ANSI;
}

static void terminal_size(int *cols, int *rows)
{
    struct winsize ws;
    *cols = 80;
    *rows = 24;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20 &&
        ws.ws_row > 10) {
        *cols = ws.ws_col;
        *rows = ws.ws_row;
    }
}

/* Bold and dim, when colour is allowed. */
static const char *sgr(const char *code)
{
    return colour_allowed() ? code : "";
}

/* ---- progress ----------------------------------------------------------- */

static bool progress_shown(const wb_run *run)
{
    return !run->quiet && !run->book && isatty(STDOUT_FILENO);
}

void wb_progress(const wb_run *run, const char *fmt, ...)
{
    va_list ap;
    if (!progress_shown(run))
        return;
    /* Back to the start of the line, the text, then erase what is left. */
    fputs("\r", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputs("\033[K", stdout);
    fflush(stdout);
}

void wb_progress_done(const wb_run *run)
{
    if (!progress_shown(run))
        return;
    fputs("\r\033[K", stdout);
    fflush(stdout);
}

/* ---- running steps ------------------------------------------------------ */

/* Standard output, sent somewhere else for a while: to /dev/null for
 * silent steps, to a file for book mode. */
typedef struct redirect {
    int saved;     /* the real stdout, or -1 */
} redirect;

static int redirect_stdout(redirect *r, int fd)
{
    fflush(stdout);
    r->saved = dup(STDOUT_FILENO);
    if (r->saved < 0 || dup2(fd, STDOUT_FILENO) < 0)
        return wb_fail("cannot redirect the output: %s", strerror(errno));
    return 0;
}

static void restore_stdout(redirect *r)
{
    fflush(stdout);
    if (r->saved >= 0) {
        dup2(r->saved, STDOUT_FILENO);
        close(r->saved);
        r->saved = -1;
    }
}

/* The step's title from its prose, or its name. */
static const char *step_title(const wb_lit *lit, const wb_step *s)
{
    const wb_chunk *c = lit ? wb_lit_find_step(lit, s->name) : NULL;
    return c && c->title ? c->title : s->name;
}

static size_t count_steps(const wb_chapter *ch)
{
    size_t n = 0;
    while (ch->steps[n].name)
        n++;
    return n;
}

/* --step: waits for the reader, unless standard input is not a terminal or
 * the reader asked to run all the rest. Returns false if they asked to
 * stop (q, or the end of the input). */
static bool wait_for_reader(const char *what, bool *pause)
{
    char answer[64];
    if (!*pause || !isatty(STDIN_FILENO))
        return true;
    printf("%s[Enter: %s, a: run all the rest, q: quit]%s ", sgr("\033[1m"),
           what, sgr("\033[0m"));
    fflush(stdout);
    if (!fgets(answer, sizeof answer, stdin)) {
        printf("\n");
        return false;
    }
    if (answer[0] == 'q' || answer[0] == 'Q')
        return false;
    if (answer[0] == 'a' || answer[0] == 'A')
        *pause = false;
    return true;
}

/* A listing with its line numbers, dim, under the name of its file when
 * it is not the chapter's. */
static void print_listing(const char *path, const char *code, size_t first,
                          size_t lines)
{
    const char *line = code;
    if (path)
        printf("%s%s, lines %zu to %zu:%s\n", sgr("\033[2m"), path, first,
               first + lines - 1, sgr("\033[0m"));
    printf("%s", sgr("\033[2m"));
    for (size_t i = 0; i < lines && *line; i++) {
        const char *eol = strchr(line, '\n');
        int len = eol ? (int)(eol - line) : (int)strlen(line);
        printf("%5zu  %.*s\n", first + i, len, line);
        line = eol ? eol + 1 : line + len;
    }
    printf("%s\n", sgr("\033[0m"));
}

/* The folder above the one of the chapter's source. */
static char *workbook_root(const char *source)
{
    const char *slash = strrchr(source, '/'), *up;
    if (!slash)
        return wb_strdup("..");
    for (up = slash; up > source && up[-1] != '/'; up--)
        ;
    if (up == source)
        return wb_strdup(".");
    return wb_strndup(source, (size_t)(up - 1 - source) + (up - 1 == source));
}

/* The prose of a step, with the library code it shows (@code:PATH:NAME,
 * read from the top of the workbook: the folder above the chapter's). */
static void print_prose(const wb_run *run, const char *prose)
{
    char *root = workbook_root(run->chapter->source);
    for (const char *p = prose; *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *path, *name;
        wb_region r;
        int ref = root ? wb_region_ref(p, len, &path, &name) : 0;
        if (ref == 1 && wb_region_read(&r, root, path, name) == 0) {
            print_listing(r.path, r.code, r.first_line, r.lines);
            wb_region_free(&r);
        } else {
            printf("%.*s\n", (int)len, p);
        }
        if (ref == 1) {
            free(path);
            free(name);
        }
        p += len + (eol ? 1 : 0);
    }
    free(root);
}

/* --step, before a step: its title, prose and code; then wait. Returns
 * false if the reader asked to stop. */
static bool step_prompt(const wb_run *run, const wb_lit *lit, size_t k,
                        bool *pause)
{
    const wb_step *s = &run->chapter->steps[k];
    const wb_chunk *c = lit ? wb_lit_find_step(lit, s->name) : NULL;

    printf("\n%s== Step %zu of %zu: %s ==%s\n\n", sgr("\033[1m"), k + 1,
           count_steps(run->chapter), step_title(lit, s), sgr("\033[0m"));
    if (c) {
        /* The prose without its heading, which the banner shows. */
        const char *p = c->prose;
        if (c->title && *p == '#') {
            p = strchr(p, '\n');
            p = p ? p + 1 : "";
            while (*p == '\n')
                p++;
        }
        print_prose(run, p);
        printf("\n");
        print_listing(NULL, c->code, c->code_line, c->code_lines);
    }
    return wait_for_reader("run this step", pause);
}

/* --step, after a step: its figures in the terminal. */
static void show_figures(const wb_run *run, size_t first)
{
    int cols, rows;
    terminal_size(&cols, &rows);
    for (size_t i = first; i < run->out.nfigures; i++) {
        const wb_output_figure *f = &run->out.figures[i];
        char *file = wb_asprintf("%s.png", f->name);
        char *path = file ? wb_path_join(run->out.dir, file) : NULL;
        free(file);
        printf("\n%sFigure %s%s: %s\n", sgr("\033[1m"), f->name,
               sgr("\033[0m"), path ? path : f->name);
        free(path);
        if (run->graphics != WB_TERM_NONE &&
            wb_figure_show(run->out.dir, f->name, run->graphics,
                           cols > 120 ? 120 : cols - 1,
                           rows > 40 ? 34 : rows - 6) != 0)
            fprintf(stderr, "%s: cannot show figure %s: %s\n",
                    program_name(run->chapter), f->name, wb_error());
    }
    fflush(stdout);
}

/* Runs step k. In book mode its output goes to OUT/NAME.out, when `silent`
 * to /dev/null (with no figures drawn). */
static int run_step(wb_run *run, size_t k, bool silent)
{
    const wb_step *s = &run->chapter->steps[k];
    redirect r = {-1};
    wb_file capture = {0};
    int status, fd = -1;

    run->step = k;
    run->out.tag = k;
    run->out.dry_run = silent;
    if (silent || (run->quiet && !run->book)) {
        fd = open("/dev/null", O_WRONLY);
        if (fd < 0)
            return wb_fail("cannot open /dev/null: %s", strerror(errno));
        status = redirect_stdout(&r, fd);
        close(fd);
        if (status != 0)
            return -1;
    } else if (run->book) {
        char *file = wb_asprintf("%s.out", s->name);
        char *path = file ? wb_path_join(run->out.dir, file) : NULL;
        free(file);
        status = path ? wb_file_open(&capture, path) : -1;
        free(path);
        if (status != 0)
            return -1;
        if (redirect_stdout(&r, fileno(capture.fp)) != 0) {
            restore_stdout(&r);
            wb_file_abort(&capture);
            return -1;
        }
    }

    status = s->fn(run);

    restore_stdout(&r);
    if (capture.tmp) {
        if (status == 0)
            status = wb_file_commit(&capture);
        else
            wb_file_abort(&capture);
    }
    return status;
}

/* Book mode, at the end: what the weaver needs to know, one line per step
 * and figure, fields separated by tabs. */
static int write_manifest(const wb_run *run)
{
    const wb_chapter *ch = run->chapter;
    char *path = wb_path_join(run->out.dir, "manifest.tsv");
    wb_file f;
    if (!path || wb_file_open(&f, path) != 0) {
        free(path);
        return -1;
    }
    free(path);
    fprintf(f.fp, "# The steps and figures of a run of %s, for the weaver.\n",
            ch->slug);
    fprintf(f.fp, "chapter\t%s\t%llu\n", ch->slug,
            (unsigned long long)run->seed);
    for (size_t k = 0; ch->steps[k].name; k++) {
        fprintf(f.fp, "step\t%s\t%s.out\n", ch->steps[k].name,
                ch->steps[k].name);
        for (size_t i = 0; i < run->out.nfigures; i++) {
            const wb_output_figure *fig = &run->out.figures[i];
            if (fig->tag != k)
                continue;
            fprintf(f.fp, "figure\t%s\t%s\t", ch->steps[k].name, fig->name);
            /* A caption is one field: tabs and newlines become spaces. */
            for (const char *c = fig->caption ? fig->caption : ""; *c; c++)
                fputc(*c == '\t' || *c == '\n' || *c == '\r' ? ' ' : *c,
                      f.fp);
            fputc('\n', f.fp);
        }
    }
    return wb_file_commit(&f);
}

/* The source defines the chapter's steps, in the table's order. */
static int check_steps(const wb_lit *lit, const wb_chapter *ch)
{
    size_t n = count_steps(ch);
    const char **names = wb_calloc(n + 1, sizeof *names);
    int rc;
    if (!names)
        return -1;
    for (size_t k = 0; k < n; k++)
        names[k] = ch->steps[k].name;
    rc = wb_lit_check_steps(lit, names);
    free(names);
    return rc;
}

static void list_steps(const wb_run *run, const wb_lit *lit)
{
    const wb_step *steps = run->chapter->steps;
    int width = 0;
    for (size_t k = 0; steps[k].name; k++)
        if ((int)strlen(steps[k].name) > width)
            width = (int)strlen(steps[k].name);
    for (size_t k = 0; steps[k].name; k++)
        printf("%2zu  %-*s  %s\n", k + 1, width, steps[k].name,
               step_title(lit, &steps[k]));
}

int wb_main(const wb_chapter *ch, int argc, char **argv)
{
    wb_run run = {.chapter = ch, .seed = DEFAULT_SEED,
                  .out = {.formats = WB_PNG | WB_PDF, .background = true}};
    request req = {0};
    wb_lit *lit = NULL;
    char *default_out = NULL;
    size_t nsteps = count_steps(ch), first = 0, last = nsteps, only = 0;
    bool pause = true;
    int status = 0;

    if (parse_args(&run, &req, argc, argv) != 0)
        return 2;
    if (req.help) {
        print_help(&run);
        return 0;
    }
    if (req.version) {
        printf("%s (workbook) %s\n", ch->slug, WB_VERSION);
        return 0;
    }
    wb_file_cleanup_on_signals();

    /* The chapter's own source: the steps' titles and prose. Book mode
     * needs it, and needs it to agree with the table of steps. */
    lit = wb_lit_read(ch->source);
    if (lit && check_steps(lit, ch) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        wb_lit_free(lit);
        return 1;
    }
    if (!lit && (run.book || run.step_mode))
        fprintf(stderr, "%s: %s: %s\n", program_name(ch),
                run.book ? "error" : "warning: no prose", wb_error());
    if (!lit && run.book)
        return 1;
    if (req.list) {
        list_steps(&run, lit);
        wb_lit_free(lit);
        return 0;
    }

    if (!run.out.dir) {
        default_out = wb_asprintf("figures/%s", ch->slug);
        if (!default_out)
            return 1;
        run.out.dir = default_out;
    }
    if (run.book)
        run.out.formats |= WB_PNG | WB_PDF;
    if (req.only && find_step(ch, req.only, &only)) {
        first = only;
        last = only + 1;
    }
    if (req.json)
        run.quiet = true;
    if (run.step_mode)
        run.graphics = choose_graphics();
    wb_rng_seed(&run.rng, run.seed);

    if ((run.book || !req.json) && wb_mkdirs(run.out.dir) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
        goto done;
    }
    for (size_t k = 0; k < last && status == 0; k++) {
        size_t figs = run.out.nfigures;
        bool silent = k < first || (req.json && !run.book);
        if (run.step_mode && !silent && !step_prompt(&run, lit, k, &pause))
            break;
        if (!silent && !run.quiet && !run.book && !run.step_mode)
            printf("%s[%zu/%zu] %s%s\n", sgr("\033[1m"), k + 1, nsteps,
                   step_title(lit, &ch->steps[k]), sgr("\033[0m"));
        /* In --step, the figures are shown right after their step. */
        if (run_step(&run, k, silent) != 0 ||
            (run.step_mode && wb_output_wait(&run.out) != 0)) {
            fprintf(stderr, "%s: step %s: %s\n", program_name(ch),
                    ch->steps[k].name, wb_error());
            status = 1;
        } else if (run.step_mode && !silent) {
            show_figures(&run, figs);
            /* Time to look at the output before the next step's prose
             * pushes it up the screen. */
            if (k + 1 < last && !wait_for_reader("go on to the next step",
                                                 &pause))
                break;
        }
        if (!silent && !run.quiet && !run.book && !run.step_mode)
            printf("\n");
    }
    /* Every figure drawn, before the manifest says so. */
    if (status == 0 && wb_output_wait(&run.out) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
    }
    if (status == 0 && req.json && ch->json && ch->json(&run, stdout) != 0) {
        fprintf(stderr, "%s: --json: %s\n", program_name(ch), wb_error());
        status = 1;
    }
    if (status == 0 && run.book && !req.only &&
        write_manifest(&run) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: cannot write the output: %s\n",
                program_name(ch), strerror(errno));
        status = 1;
    }
done:
    if (ch->cleanup)
        ch->cleanup();
    wb_output_close(&run.out);
    release(&run);
    wb_lit_free(lit);
    free(default_out);
    return status;
}
