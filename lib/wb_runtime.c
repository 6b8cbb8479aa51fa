/* wb_runtime.c: steps, the command line, book mode and the terminal
 * notebook. See wb_runtime.h. */
#include "wb_runtime.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal/notebook.h"
#include "internal/show.h"
#include "internal/signals.h"
#include "wb_core.h"
#include "wb_exercise.h"
#include "wb_lit.h"
#include "wb_term.h"

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
    const char *only, *from;    /* --only STEP, --from STEP, as given */
    size_t only_k, from_k;      /* their steps' indexes */
    /* The arguments that name where the notebook is (--step, --only,
     * --from and their values), which it changes when it restarts after
     * an edit: one flag per argument, or NULL. */
    bool *placing;
    /* The chapter's options given on the command line (by index), and
     * --seed: the manifest says so. */
    bool given[64];
    bool seed_given;
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

/* Numbers on the command line have one syntax, whatever the option: an
 * optional sign, decimal digits, and for a real number an optional
 * fraction and exponent (-1.5, +2, 1e-3, .5). No hexadecimal, no spaces,
 * no inf or nan. Returns the length of the longest such prefix of s. */
static size_t number_length(const char *s, bool real)
{
    size_t n = 0, digits = 0;
    if (s[n] == '+' || s[n] == '-')
        n++;
    while (isdigit((unsigned char)s[n]))
        n++, digits++;
    if (real && s[n] == '.') {
        n++;
        while (isdigit((unsigned char)s[n]))
            n++, digits++;
    }
    if (digits == 0)
        return 0;
    if (real && (s[n] == 'e' || s[n] == 'E')) {
        size_t e = n + 1;
        if (s[e] == '+' || s[e] == '-')
            e++;
        if (isdigit((unsigned char)s[e])) {
            while (isdigit((unsigned char)s[e]))
                e++;
            n = e;
        }
    }
    return n;
}

static int parse_double(const char *s, double *out)
{
    double v;
    if (number_length(s, true) != strlen(s) || !*s)
        return wb_fail("'%s' is not a number", s);
    errno = 0;
    v = strtod(s, NULL);
    /* Too large is out of range; too small to be a normal double (1e-310)
     * is still a number, a subnormal or zero. */
    if (!isfinite(v))
        return wb_fail("'%s' is out of range", s);
    *out = v;
    return 0;
}

static int parse_long(const char *s, long *out)
{
    long v;
    if (number_length(s, false) != strlen(s) || !*s)
        return wb_fail("'%s' is not a whole number", s);
    errno = 0;
    v = strtol(s, NULL, 10);
    if (errno == ERANGE)
        return wb_fail("'%s' is out of range", s);
    *out = v;
    return 0;
}

static int parse_seed(const char *s, uint64_t *out)
{
    unsigned long long v;
    if (number_length(s, false) != strlen(s) || !*s || *s == '-')
        return wb_fail("'%s' is not a whole number from 0 to %llu", s,
                       (unsigned long long)UINT64_MAX);
    errno = 0;
    v = strtoull(s, NULL, 10);
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

static size_t count_steps(const wb_chapter *ch)
{
    size_t n = 0;
    while (ch->steps[n].name)
        n++;
    return n;
}

/* The step named `name`, or numbered so (from 1, as --list shows them). */
static const wb_step *find_step(const wb_chapter *ch, const char *name,
                                size_t *index)
{
    char *end;
    unsigned long k;
    for (size_t i = 0; ch->steps[i].name; i++)
        if (strcmp(ch->steps[i].name, name) == 0) {
            *index = i;
            return &ch->steps[i];
        }
    if (*name < '1' || *name > '9')
        return NULL;
    k = strtoul(name, &end, 10);
    if (*end != '\0' || k > count_steps(ch))
        return NULL;
    *index = k - 1;
    return &ch->steps[k - 1];
}

/* The runtime's own options, in the order --help lists them. */
enum builtin {
    OPT_STEP, OPT_FROM, OPT_ONLY, OPT_LIST, OPT_SEED, OPT_OUT, OPT_FORMAT,
    OPT_BOOK, OPT_JSON, OPT_QUIET, OPT_HELP, OPT_VERSION, NBUILTIN
};

static const struct {
    const char *name, *arg, *help;
} builtins[NBUILTIN] = {
    [OPT_STEP] = {"step", NULL,
                  "a notebook: each step's prose and code, then Enter runs "
                  "it (keys below)"},
    [OPT_FROM] = {"from", "STEP",
                  "start at STEP, a number or a name (the steps before it "
                  "run silently first)"},
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

        if (req->placing && (b == OPT_STEP || b == OPT_ONLY ||
                             b == OPT_FROM)) {
            req->placing[i] = true;
            if (value && !eq)
                req->placing[i - 1] = true;
        }
        switch (b) {
        case OPT_HELP: req->help = true; break;
        case OPT_VERSION: req->version = true; break;
        case OPT_LIST: req->list = true; break;
        case OPT_STEP: run->step_mode = true; break;
        case OPT_BOOK: run->book = true; break;
        case OPT_QUIET: run->quiet = true; break;
        case OPT_JSON: req->json = true; break;
        case OPT_ONLY:
        case OPT_FROM:
            if (!find_step(ch, value, b == OPT_ONLY ? &req->only_k
                                                    : &req->from_k))
                return usage_error(ch, "--%s: there is no step '%s' "
                                   "(--list shows them, by number and by "
                                   "name)", builtins[b].name, value);
            *(b == OPT_ONLY ? &req->only : &req->from) = value;
            break;
        case OPT_SEED:
            if (parse_seed(value, &run->seed) != 0)
                return usage_error(ch, "--seed: %s", wb_error());
            req->seed_given = true;
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
            if (o - ch->options < 64)
                req->given[o - ch->options] = true;
        }
    }
    if (run->step_mode && req->json)
        return usage_error(ch, "--step and --json do not go together");
    if (req->only && req->from)
        return usage_error(ch, "--only and --from do not go together");
    return 0;
}

/* The help's options, as GNU tools show theirs: "  --NAME ARG" in a
 * column as wide as the widest (up to HELP_COLUMN; a longer one has its
 * text start on the next line), then the text, wrapped at HELP_WIDTH
 * columns under itself. */
enum { HELP_WIDTH = 79, HELP_COLUMN = 24 };

static size_t option_width(const char *name, const char *arg)
{
    return 2 + strlen(name) + (arg ? 1 + strlen(arg) : 0);
}

static void print_option(const char *name, const char *arg, const char *help,
                         const char *dflt, size_t column)
{
    char text[512];
    size_t at = 2 + option_width(name, arg);
    printf("  --%s%s%s", name, arg ? " " : "", arg ? arg : "");
    snprintf(text, sizeof text, "%s%s%s%s", help, dflt ? " (default " : "",
             dflt ? dflt : "", dflt ? ")" : "");
    if (at + 1 > column) {          /* the text starts on the next line */
        printf("\n%*s", (int)column, "");
        at = column;
    } else {
        printf("%*s", (int)(column - at), "");
        at = column;
    }
    for (const char *s = text; *s;) {
        size_t word = strcspn(s, " ");
        if (at > column && at + 1 + word > HELP_WIDTH) {
            printf("\n%*s", (int)column, "");
            at = column;
        } else if (at > column) {
            putchar(' ');
            at++;
        }
        printf("%.*s", (int)word, s);
        at += word;
        s += word;
        s += strspn(s, " ");
    }
    putchar('\n');
}

/* The builtin options this chapter shows: --json only with a JSON. */
static bool builtin_shown(const wb_chapter *ch, int b)
{
    return b != OPT_JSON || ch->json;
}

/* The column where the options' texts start. */
static size_t help_column(const wb_chapter *ch)
{
    size_t widest = 0;
    for (int b = 0; b < NBUILTIN; b++)
        if (builtin_shown(ch, b) &&
            option_width(builtins[b].name, builtins[b].arg) > widest)
            widest = option_width(builtins[b].name, builtins[b].arg);
    for (const wb_option *o = ch->options; o && o->name; o++) {
        size_t w = option_width(o->name,
                                o->type == WB_OPT_FLAG ? NULL : o->arg);
        if (w > widest)
            widest = w;
    }
    /* two spaces before, at least two after */
    return widest + 4 <= HELP_COLUMN ? widest + 4 : HELP_COLUMN;
}

static void print_help(const wb_run *run)
{
    const wb_chapter *ch = run->chapter;
    char dflt[64];
    size_t column = help_column(ch);
    printf("Usage: %s [OPTION]...\n%s\n\n", program_name(ch), ch->summary);
    printf("Running the chapter:\n");
    for (int b = 0; b < NBUILTIN; b++) {
        const char *d = NULL;
        if (!builtin_shown(ch, b))
            continue;
        if (b == OPT_SEED) {
            snprintf(dflt, sizeof dflt, "%d", DEFAULT_SEED);
            d = dflt;
        } else if (b == OPT_OUT) {
            snprintf(dflt, sizeof dflt, "figures/%s", ch->slug);
            d = dflt;
        } else if (b == OPT_FORMAT)
            d = "png,pdf";
        print_option(builtins[b].name, builtins[b].arg, builtins[b].help, d,
                     column);
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
                         o->help, d, column);
        }
    }
    printf("\n"
"With --step on a terminal, the chapter reads like a notebook: its\n"
"introduction, then each step's prose and code, and the step runs when you\n"
"press Enter; then its output and figures, and the exercises at the end.\n"
"The keys (each prompt shows those it takes):\n"
"  Enter  run the step; once it has run, go on to the next one\n"
"  Space  the next page of a text longer than the screen (Enter: the next\n"
"         line, b: the page before)\n"
"  e      edit the chapter at this step with $VISUAL or $EDITOR (vi if\n"
"         neither is set), rebuild it with make, and start again at this\n"
"         step with your change; if it does not compile, the errors are\n"
"         shown and you stay where you were\n"
"  b      the step's prose and code again, from the top\n"
"  a      run all the rest without stopping\n"
"  q      quit (Ctrl-C too leaves the terminal as it was)\n"
"Figures are drawn in the terminal as text, or as sixel pixels where the\n"
"terminal can show them; set WB_GRAPHICS to none, dumb, ansi or sixel to\n"
"choose, and NO_COLOR to have no colours.\n");
}

/* ---- the terminal ------------------------------------------------------- */

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
    if (!wb_nb_colour_allowed())
        return WB_TERM_DUMB;
    return wb_nb_terminal_has_sixel() ? WB_TERM_SIXEL : WB_TERM_ANSI;
}

/* Bold and dim, when colour is allowed. */
static const char *sgr(const char *code)
{
    return wb_nb_colour_allowed() ? code : "";
}

/* ---- progress ----------------------------------------------------------- */

static bool progress_shown(const wb_run *run)
{
    return !run->quiet && !run->book &&
           (run->terminal > 0 || isatty(STDOUT_FILENO));
}

void wb_progress(const wb_run *run, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    if (!progress_shown(run))
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    /* Back to the start of the line, the text, then erase what is left. */
    fflush(stdout);
    dprintf(run->terminal > 0 ? run->terminal : STDOUT_FILENO, "\r%s\033[K",
            text);
}

void wb_progress_done(const wb_run *run)
{
    if (!progress_shown(run))
        return;
    fflush(stdout);
    dprintf(run->terminal > 0 ? run->terminal : STDOUT_FILENO, "\r\033[K");
}

/* ---- running steps ------------------------------------------------------ */

/* Standard output, sent somewhere else for a while: to /dev/null for
 * silent steps, to a file for book mode and for the notebook, which pages
 * a step's output once the step is done. */
typedef struct redirect {
    int saved;        /* the real stdout, or -1 */
    bool had_error;   /* stdout failed before: the run reports that at its
                         end, not here */
} redirect;

static int redirect_stdout(redirect *r, int fd)
{
    fflush(stdout);
    r->had_error = ferror(stdout) != 0;
    r->saved = dup(STDOUT_FILENO);
    if (r->saved < 0 || dup2(fd, STDOUT_FILENO) < 0)
        return wb_fail("cannot redirect the output: %s", strerror(errno));
    return 0;
}

/* Puts standard output back. Returns 0, or -1 when what was written while
 * it was sent elsewhere could not all be written (a full disk): the
 * stream's error is then cleared, so that it is reported once, here. */
static int restore_stdout(redirect *r)
{
    int rc = 0;
    if (r->saved < 0)    /* not sent elsewhere: the run reports at its end */
        return 0;
    errno = 0;
    if (fflush(stdout) != 0 || (ferror(stdout) && !r->had_error)) {
        rc = wb_fail("%s", strerror(errno ? errno : EIO));
        if (!r->had_error)
            clearerr(stdout);
    }
    if (r->saved >= 0) {
        dup2(r->saved, STDOUT_FILENO);
        close(r->saved);
        r->saved = -1;
    }
    return rc;
}

/* The step's title from its prose, or its name. */
static const char *step_title(const wb_lit *lit, const wb_step *s)
{
    const wb_chunk *c = lit ? wb_lit_find_step(lit, s->name) : NULL;
    return c && c->title ? c->title : s->name;
}

/* Runs step k. In book mode its output goes to OUT/NAME.out, when `silent`
 * to /dev/null (with no figures drawn), and when `hold` is given to that
 * file, for the notebook to page (progress then goes to the terminal). */
static int run_step(wb_run *run, size_t k, bool silent, FILE *hold)
{
    const wb_step *s = &run->chapter->steps[k];
    redirect r = {.saved = -1};
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
    } else if (hold) {
        if (redirect_stdout(&r, fileno(hold)) != 0) {
            restore_stdout(&r);
            return -1;
        }
        run->terminal = r.saved;
    }

    status = s->fn(run);
    /* In the notebook, the figures are shown right after their step. */
    if (status == 0 && run->step_mode && !silent)
        status = wb_output_wait(&run->out);

    run->terminal = 0;
    if (restore_stdout(&r) != 0 && status == 0)
        status = wb_fail("cannot write %s: %s",
                         capture.path ? capture.path : "the step's output",
                         wb_error());
    if (capture.tmp) {
        if (status == 0)
            status = wb_file_commit(&capture);
        else
            wb_file_abort(&capture);
    }
    return status;
}

/* ---- the notebook's text ------------------------------------------------ */

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

/* What the notebook needs besides the run. */
typedef struct notebook {
    wb_nb nb;
    const wb_lit *lit;
    char *root;            /* the workbook's top folder */
    int number;            /* the chapter's, from its slug: 1 for 01_... */
    size_t next_chunk;     /* the first chunk of the source not yet shown */
    bool stop;             /* the reader quit */
    const request *req;
    int argc;
    char **argv;
} notebook;

/* The width prose is filled to: the screen's, up to a width that reads
 * well. */
static int prose_width(const wb_nb *nb)
{
    return nb->cols - 1 < 88 ? nb->cols - 1 : 88;
}

static unsigned term_flags(const wb_nb *nb)
{
    return nb->styled ? WB_TERM_STYLE : 0;
}

/* The columns before a listing's code: "   12 │ ". */
#define GUTTER 8

/* A listing with its line numbers, dim, under the name of its file when
 * it is not the chapter's. On a screen narrower than its lines (a chapter's
 * lines are up to 80 columns, and the numbers take 8 more), a line that
 * does not fit goes on on the next, after its indentation and two spaces,
 * rather than at the screen's left edge. */
static void put_listing(wb_buf *b, const notebook *n, const char *path,
                        const char *code, size_t first, size_t lines)
{
    const char *line = code, *dim = sgr("\033[2m"), *off = sgr("\033[0m");
    size_t width = n->nb.interactive && n->nb.cols > GUTTER + 20
                       ? (size_t)n->nb.cols - GUTTER - 1
                       : (size_t)-1;
    if (path)
        wb_buf_printf(b, "%s%s, lines %zu to %zu:%s\n", dim, path, first,
                      first + lines - 1, off);
    for (size_t i = 0; i < lines && *line; i++) {
        size_t len = strcspn(line, "\n"), indent = strspn(line, " ");
        const char *s = line;
        size_t left = len, room = width;
        wb_buf_printf(b, "%s%5zu │%s ", dim, first + i, off);
        while (wb_term_width(s, left) > room) {
            /* the last space that leaves a line of at most `room` */
            size_t cut = room;
            while (cut > indent + 1 && s[cut] != ' ')
                cut--;
            if (cut <= indent + 1)
                cut = room;
            while (cut > 1 && ((unsigned char)s[cut] & 0xC0) == 0x80)
                cut--;    /* never in the middle of a character */
            wb_buf_printf(b, "%.*s\n%s      │%s %*s", (int)cut, s, dim, off,
                          (int)(indent + 2), "");
            s += cut;
            left -= cut;
            while (left > 0 && *s == ' ') {
                s++;
                left--;
            }
            room = room > indent + 2 ? room - indent - 2 : room;
            indent = 0;
        }
        wb_buf_printf(b, "%.*s\n", (int)left, s);
        line += len + (line[len] == '\n');
    }
}

/* A line across the screen with a title in it, in bold. */
static void put_rule(wb_buf *b, const wb_nb *nb, const char *title)
{
    size_t w = wb_term_width(title, strlen(title)) + 4;
    wb_buf_printf(b, "%s━━ %s ", sgr("\033[1m"), title);
    for (; w < (size_t)prose_width(nb); w++)
        wb_buf_puts(b, "━");
    wb_buf_printf(b, "%s\n", sgr("\033[0m"));
}

/* Renders the Markdown gathered in `md` into `b`, then empties `md`. */
static void flush_markdown(wb_buf *b, wb_buf *md, const notebook *n)
{
    if (md->len == 0)
        return;
    if (wb_term_markdown(b, md->data, prose_width(&n->nb),
                         term_flags(&n->nb)) != 0)
        wb_buf_printf(b, "(%s)\n", wb_error());
    wb_buf_free(md);
}

/* The number of a labelled equation, as the book writes it: "1.2". */
static void put_equation_number(wb_buf *md, const notebook *n,
                                const char *name, size_t len)
{
    int k = n->lit ? wb_lit_equation(n->lit, name, len) : 0;
    if (k && n->number)
        wb_buf_printf(md, "%d.%d", n->number, k);
    else if (k)
        wb_buf_printf(md, "%d", k);
    else
        wb_buf_printf(md, "%.*s", (int)len, name);
}

/* A line of prose with its references in words: @fig:NAME is "figure
 * NAME", @step:NAME the step's title in italics, @eq:NAME the equation's
 * number in parentheses, "(1.2)", as in the book. */
static void put_references(wb_buf *md, const notebook *n, const char *s,
                           size_t len)
{
    static const char *const kinds[] = {"@fig:", "@step:", "@eq:"};
    const char *end = s + len;
    while (s < end) {
        const char *at = memchr(s, '@', (size_t)(end - s));
        size_t kind = 0, k = 0;
        if (!at) {
            wb_buf_append(md, s, (size_t)(end - s));
            return;
        }
        wb_buf_append(md, s, (size_t)(at - s));
        while (kind < 3 && !((size_t)(end - at) > strlen(kinds[kind]) &&
                             strncmp(at, kinds[kind],
                                     strlen(kinds[kind])) == 0))
            kind++;
        if (kind == 3) {
            wb_buf_puts(md, "@");
            s = at + 1;
            continue;
        }
        s = at + strlen(kinds[kind]);
        while (s + k < end && (isalnum((unsigned char)s[k]) || s[k] == '_' ||
                               s[k] == '-'))
            k++;
        if (kind == 0) {
            wb_buf_printf(md, "figure %.*s", (int)k, s);
        } else if (kind == 1) {
            char *name = wb_strndup(s, k);
            const wb_chunk *c = name && n->lit ? wb_lit_find_step(n->lit, name)
                                               : NULL;
            wb_buf_printf(md, "*%s*", c && c->title ? c->title
                                      : name ? name : "");
            free(name);
        } else {
            wb_buf_puts(md, "(");
            put_equation_number(md, n, s, k);
            wb_buf_puts(md, ")");
        }
        s += k;
    }
}

/* A prose line: its references in words, and a labelled equation's label
 * made the \tag that the terminal shows at the right edge. */
static void put_line(wb_buf *md, const notebook *n, const char *s,
                     size_t len)
{
    const char *name;
    size_t name_len, body = wb_lit_eq_label(s, len, &name, &name_len);
    if (!body) {
        put_references(md, n, s, len);
        return;
    }
    put_references(md, n, s, body - 2);    /* without its closing $$ */
    wb_buf_puts(md, "\\tag{");
    put_equation_number(md, n, name, name_len);
    wb_buf_puts(md, "}$$");
}

/* The chapter's exercises (a prose line @exercises), as the book lists
 * them: each one's goal, what it asks, its file, the command that checks
 * it, and its hint. */
static void put_exercises(wb_buf *md, const notebook *n)
{
    wb_exercise *list = NULL;
    size_t count = 0;
    char *dir = n->root ? wb_path_join(n->root, "exercises") : NULL;
    if (!dir || wb_exercises_read(dir, n->number, &list, &count) != 0) {
        wb_buf_printf(md, "(The exercises cannot be read: %s.)\n\n",
                      wb_error());
        free(dir);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        const wb_exercise *e = &list[i];
        wb_buf_printf(md, "### Exercise %d.%d: %s\n\n%s\n\n"
                      "Open `exercises/%s.c`, write your code between its "
                      "markers, then check it:\n\n"
                      "    make exercise EX=%s\n\n*Hint:* %s\n\n",
                      e->chapter, e->number, e->goal, e->text, e->name,
                      e->name, e->hint);
    }
    wb_exercises_free(list, count);
    free(dir);
}

/* The prose of a chunk for the terminal, with the library code it shows
 * (@code:PATH:NAME, read from the top of the workbook) as listings, and
 * the chapter's exercises for a line @exercises. */
static void put_prose(wb_buf *b, const notebook *n, const char *prose)
{
    wb_buf md = {0};
    for (const char *p = prose; *p;) {
        size_t len = strcspn(p, "\n");
        char *path, *name;
        wb_region r;
        int ref = n->root ? wb_region_ref(p, len, &path, &name) : 0;
        if (ref == 1 && wb_region_read(&r, n->root, path, name) == 0) {
            flush_markdown(b, &md, n);
            wb_buf_puts(b, "\n");
            put_listing(b, n, r.path, r.code, r.first_line, r.lines);
            wb_buf_puts(b, "\n");
            wb_region_free(&r);
        } else if (len >= 10 && strncmp(p, "@exercises", 10) == 0 &&
                   strspn(p + 10, " \t\r") == len - 10) {
            put_exercises(&md, n);
        } else {
            put_line(&md, n, p, len);
            wb_buf_puts(&md, "\n");
        }
        if (ref == 1) {
            free(path);
            free(name);
        }
        p += len + (p[len] == '\n');
    }
    flush_markdown(b, &md, n);
}

/* A chunk: its prose (without its heading when `banner` stands for it)
 * and its code. */
static void put_chunk(wb_buf *b, const notebook *n, const wb_chunk *c,
                      bool banner)
{
    const char *p = c->prose ? c->prose : "";
    if (banner && c->title && *p == '#') {
        p += strcspn(p, "\n");
        while (*p == '\n')
            p++;
    }
    if (*p) {
        put_prose(b, n, p);
        wb_buf_puts(b, "\n");
    }
    if (c->code_lines > 0) {
        put_listing(b, n, NULL, c->code, c->code_line, c->code_lines);
        wb_buf_puts(b, "\n");
    }
}

/* The chunk of the source that defines step k, or lit->nchunks. */
static size_t step_chunk(const notebook *n, const wb_chapter *ch, size_t k)
{
    size_t i = 0;
    while (n->lit && i < n->lit->nchunks &&
           !(n->lit->chunks[i].step &&
             strcmp(n->lit->chunks[i].step, ch->steps[k].name) == 0))
        i++;
    return n->lit ? i : 0;
}

/* Shows the chunks of the source from n->next_chunk up to chunk `end`:
 * the introduction before the first step, the text between two steps, the
 * exercises after the last. */
static int show_chunks(notebook *n, size_t end)
{
    wb_buf b = {0};
    int rc;
    for (; n->lit && n->next_chunk < end; n->next_chunk++)
        put_chunk(&b, n, &n->lit->chunks[n->next_chunk], false);
    if (b.len == 0)
        return 0;
    rc = wb_nb_page(&n->nb, b.data);
    wb_buf_free(&b);
    if (rc == 'q')
        n->stop = true;
    return rc;
}

/* ---- edit, rebuild, restart --------------------------------------------- */

static bool modified_since(const char *path, const struct stat *before)
{
    struct stat now;
    return stat(path, &now) != 0 || now.st_mtime != before->st_mtime ||
           now.st_size != before->st_size ||
           now.st_mtim.tv_nsec != before->st_mtim.tv_nsec;
}

/* The program's own file, and the build folder it is in (BUILD of
 * BUILD/chapters/SLUG), relative to the workbook's top when it is inside.
 * Returns 0, or -1 with an error when the program is not a chapter built
 * by the workbook's Makefile. */
static int find_build(const notebook *n, const wb_chapter *ch, char **exe,
                      char **build)
{
    char self[PATH_MAX], top[PATH_MAX], *slash;
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    size_t tl;
    *exe = *build = NULL;
    if (len <= 0 || !realpath(n->root, top))
        return wb_fail("cannot find the program's own file or the "
                       "workbook's folder");
    self[len] = '\0';
    slash = strrchr(self, '/');
    if (!slash || strcmp(slash + 1, ch->slug) != 0 || slash - self < 10 ||
        strncmp(slash - 9, "/chapters", 9) != 0)
        return wb_fail("%s is not a chapter built by the workbook's "
                       "Makefile (BUILD/chapters/%s)", self, ch->slug);
    *exe = wb_strdup(self);
    tl = strlen(top);
    slash[-9] = '\0';
    if (strncmp(self, top, tl) == 0 && self[tl] == '/')
        *build = wb_strdup(self + tl + 1);
    else
        *build = wb_strdup(self);
    if (!*exe || !*build) {
        free(*exe);
        free(*build);
        return -1;
    }
    return 0;
}

/* Starts the new program at step k, with the same options. Returns only
 * when it cannot. */
static void restart(wb_run *run, notebook *n, const char *exe, size_t k)
{
    char **argv = wb_calloc((size_t)n->argc + 4, sizeof *argv);
    int a = 0;
    if (!argv)
        return;
    argv[a++] = (char *)exe;
    for (int i = 1; i < n->argc; i++)
        if (!n->req->placing || !n->req->placing[i])
            argv[a++] = n->argv[i];
    argv[a++] = "--step";
    argv[a++] = n->req->only ? "--only" : "--from";
    argv[a++] = (char *)run->chapter->steps[k].name;
    argv[a] = NULL;
    /* Every figure drawn, and the terminal as it was. */
    wb_output_close(&run->out);
    wb_nb_free(&n->nb);
    fflush(stdout);
    execv(exe, argv);
    wb_fail("cannot start %s again: %s", exe, strerror(errno));
    free(argv);
}

/* e: opens the chapter in the reader's editor at step k, rebuilds it, and
 * starts the new program at that step. Returns when the chapter is
 * unchanged or does not build, having said so. */
static void edit(wb_run *run, notebook *n, size_t k)
{
    const wb_chapter *ch = run->chapter;
    const wb_chunk *c = n->lit ? wb_lit_find_step(n->lit, ch->steps[k].name)
                               : NULL;
    size_t line = c ? (c->code_line ? c->code_line : c->prose_line) : 1;
    char *exe = NULL, *build = NULL, *target = NULL;
    wb_buf log = {0};
    struct stat before;
    int status = -1;

    if (stat(ch->source, &before) != 0 || !n->root) {
        printf("Cannot edit %s: %s\n", ch->source, strerror(errno));
        goto done;
    }
    if (find_build(n, ch, &exe, &build) != 0 ||
        wb_nb_edit(ch->source, line) != 0) {
        printf("%s\n", wb_error());
        goto done;
    }
    if (!modified_since(ch->source, &before)) {
        printf("%s is unchanged: still at step %zu.\n", ch->source, k + 1);
        goto done;
    }
    printf("Rebuilding the chapter with make...\n");
    target = wb_asprintf("%s/chapters/%s", build, ch->slug);
    {
        char *b_arg = wb_asprintf("B=%s", build);
        /* The sanitized build is made with SANITIZE=1: so is its rebuild. */
        char *args[] = {"--no-print-directory", b_arg,
#ifdef __SANITIZE_ADDRESS__
                        "SANITIZE=1",
#endif
                        target, NULL};
        status = b_arg && target ? wb_nb_make(n->root, args, &log) : -1;
        free(b_arg);
    }
    if (status == 0) {
        restart(run, n, exe, k);
        printf("%s\n", wb_error());
    } else if (status > 0) {
        wb_buf_printf(&log, "\nThe chapter does not build: still at step "
                            "%zu (e: edit it again).\n", k + 1);
        if (wb_nb_page(&n->nb, log.data) == 'q')
            n->stop = true;
    } else {
        printf("%s\n", wb_error());
    }
done:
    fflush(stdout);
    free(exe);
    free(build);
    free(target);
    wb_buf_free(&log);
}

/* ---- the notebook's steps ----------------------------------------------- */

/* A prompt, and what the reader chose: 'e' and 'b' are done here, the
 * other keys returned. */
static int ask(wb_run *run, notebook *n, size_t k, const char *text,
               const char *keys)
{
    for (;;) {
        int key;
        if (!n->nb.interactive || !n->nb.paging)
            return '\n';
        key = wb_nb_ask(&n->nb, text, keys);
        if (key == 'a')
            n->nb.paging = false;
        if (key == 'q')
            n->stop = true;
        if (key == 'e')
            edit(run, n, k);
        else if (key == 'b' && wb_nb_page_again(&n->nb) == 'q')
            n->stop = true;
        else if (key != 'b')
            return key;
        if (n->stop)
            return 'q';
    }
}

/* Before step k: the text since the last step, then the step's title,
 * prose and code; then the prompt. Returns false if the reader quit. */
static bool before_step(wb_run *run, notebook *n, size_t k)
{
    const wb_chapter *ch = run->chapter;
    size_t chunk = step_chunk(n, ch, k);
    wb_buf b = {0};
    char title[512];
    char prompt[128];
    int key;

    if (show_chunks(n, chunk) == 'q') {
        n->stop = true;
        return false;
    }
    snprintf(title, sizeof title, "Step %zu of %zu: %s", k + 1,
             count_steps(ch), step_title(n->lit, &ch->steps[k]));
    wb_buf_puts(&b, "\n");
    put_rule(&b, &n->nb, title);
    wb_buf_puts(&b, "\n");
    if (n->lit && chunk < n->lit->nchunks) {
        put_chunk(&b, n, &n->lit->chunks[chunk], true);
        n->next_chunk = chunk + 1;
    }
    /* e, at any page of the step's text, edits the chapter there */
    n->nb.edit_key = true;
    key = wb_nb_keep_block(&n->nb, b.data ? b.data : "");
    n->nb.edit_key = false;
    wb_buf_free(&b);
    if (key == 'q')
        n->stop = true;
    else if (key == 'e')
        edit(run, n, k);
    snprintf(prompt, sizeof prompt, "[Enter: run step %zu, e: edit, b: back, "
             "a: run all, q: quit]", k + 1);
    return !n->stop && ask(run, n, k, prompt, "\neabq") != 'q';
}

/* A figure's caption, Markdown with math, after its name. */
static void put_caption(wb_buf *b, const notebook *n,
                        const wb_output_figure *f, const char *path)
{
    char *md = wb_asprintf("**Figure %s.** %s `%s`", f->name,
                           f->caption ? f->caption : "", path);
    if (!md || wb_term_markdown(b, md, prose_width(&n->nb),
                                term_flags(&n->nb)) != 0)
        wb_buf_printf(b, "Figure %s: %s\n", f->name, path);
    free(md);
}

/* Whether a line of a text plot shows nothing: spaces, and in colour
 * escape sequences. */
static bool shows_nothing(const char *line, size_t n)
{
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\033')) {
        if (line[k] == '\033')    /* ESC [ ... m */
            k += strcspn(line + k, "m");
        k++;
    }
    return k >= n;
}

/* A text plot without the empty lines it starts and ends with, and with
 * its colours reset. */
static void trim_empty_lines(wb_buf *fig)
{
    size_t start = fig->len, end = 0;
    for (size_t i = 0; i < fig->len;) {
        size_t n = strcspn(fig->data + i, "\n");
        if (!shows_nothing(fig->data + i, n)) {
            start = start < i ? start : i;
            end = i + n;
        }
        i += n + 1;
    }
    if (end <= start) {
        wb_buf_free(fig);
        return;
    }
    memmove(fig->data, fig->data + start, end - start);
    fig->len = end - start;
    fig->data[fig->len] = '\0';
    wb_buf_printf(fig, "%s\n", sgr("\033[0m"));
}

/* After a step: its figures in the terminal. Stops at the first that
 * cannot be written: standard output is then broken, and the end of the
 * run says so, once. */
static void show_figures(const wb_run *run, notebook *n, size_t first)
{
    wb_nb_resize(&n->nb);
    for (size_t i = first; i < run->out.nfigures && !n->stop &&
                           !ferror(stdout); i++) {
        const wb_output_figure *f = &run->out.figures[i];
        char *file = wb_asprintf("%s.png", f->name);
        char *path = file ? wb_path_join(run->out.dir, file) : NULL;
        int cols = n->nb.cols > 120 ? 120 : n->nb.cols - 1;
        int rows = n->nb.rows > 40 ? 34 : n->nb.rows - 6;
        wb_buf b = {0}, fig = {0};
        int rc = 0;

        wb_buf_puts(&b, "\n");
        put_caption(&b, n, f, path ? path : f->name);
        free(file);
        free(path);
        if (run->graphics != WB_TERM_NONE &&
            wb_figure_term(&fig, run->out.dir, f->name, run->graphics, cols,
                           rows) != 0)
            wb_buf_printf(&b, "(cannot show figure %s: %s)\n", f->name,
                          wb_error());
        /* the caption right above, so that the two stay on one page */
        if (run->graphics != WB_TERM_SIXEL)
            trim_empty_lines(&fig);
        if (run->graphics == WB_TERM_SIXEL && fig.len > 0) {
            rc = wb_nb_page(&n->nb, b.data);
            if (rc == 0)
                rc = wb_nb_page_image(&n->nb, fig.data, fig.len, rows);
        } else {
            wb_buf_append(&b, fig.data ? fig.data : "", fig.len);
            rc = wb_nb_page(&n->nb, b.data ? b.data : "");
        }
        if (rc == 'q')
            n->stop = true;
        wb_buf_free(&b);
        wb_buf_free(&fig);
    }
    fflush(stdout);
}

/* After step k: its output, held back while it ran, then its figures;
 * then the prompt, unless it was the last. */
static void after_step(wb_run *run, notebook *n, size_t k, FILE *held,
                       size_t figures, bool last)
{
    if (held) {
        wb_buf b = {0};
        char chunk[4096];
        size_t got;
        rewind(held);
        while ((got = fread(chunk, 1, sizeof chunk, held)) > 0)
            wb_buf_append(&b, chunk, got);
        if (b.len > 0 && b.data[b.len - 1] != '\n')
            wb_buf_puts(&b, "\n");
        if (b.len > 0 && (wb_nb_page(&n->nb, "\n") == 'q' ||
                          wb_nb_page(&n->nb, b.data) == 'q'))
            n->stop = true;
        wb_buf_free(&b);
    }
    if (!n->stop)
        show_figures(run, n, figures);
    if (!n->stop && !last)
        ask(run, n, k, "[Enter: next step, e: edit and rerun, a: run all, "
            "q: quit]", "\neaq");
}

/* ---- the end of a run --------------------------------------------------- */

/* Book mode, at the end: what the weaver needs to know, one line per step
 * and figure, fields separated by tabs. */
/* A field of the manifest: tabs, newlines and other control characters
 * become spaces. */
static void put_field(FILE *fp, const char *text)
{
    for (const char *c = text; *c; c++)
        fputc((unsigned char)*c < 0x20 || *c == 0x7F ? ' ' : *c, fp);
}

/* The value of option o, as the manifest records it. */
static void put_value(FILE *fp, const wb_option *o)
{
    switch (o->type) {
    case WB_OPT_DOUBLE:
        fprintf(fp, "%.17g", *(double *)o->value);
        break;
    case WB_OPT_INT:
        fprintf(fp, "%ld", *(long *)o->value);
        break;
    case WB_OPT_STRING:
        put_field(fp, *(const char **)o->value ? *(const char **)o->value
                                               : "");
        break;
    case WB_OPT_FLAG:
        fputs(*(bool *)o->value ? "true" : "false", fp);
        break;
    }
}

/* Book mode, at the end: what the weaver needs to know (see
 * wb_manifest.h): the chapter and its seed, its parameters, each marked
 * "given" when the command line set it, and the steps and figures. */
static int write_manifest(const wb_run *run, const request *req)
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
    fprintf(f.fp, "param\tseed\t%llu%s\n", (unsigned long long)run->seed,
            req->seed_given ? "\tgiven" : "");
    for (size_t k = 0; ch->options && ch->options[k].name; k++) {
        fprintf(f.fp, "param\t%s\t", ch->options[k].name);
        put_value(f.fp, &ch->options[k]);
        fputs(k < 64 && req->given[k] ? "\tgiven\n" : "\n", f.fp);
    }
    for (size_t k = 0; ch->steps[k].name; k++) {
        fprintf(f.fp, "step\t%s\t%s.out\n", ch->steps[k].name,
                ch->steps[k].name);
        for (size_t i = 0; i < run->out.nfigures; i++) {
            const wb_output_figure *fig = &run->out.figures[i];
            if (fig->tag != k)
                continue;
            fprintf(f.fp, "figure\t%s\t%s\t", ch->steps[k].name, fig->name);
            put_field(f.fp, fig->caption ? fig->caption : "");
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

/* One run at a time writes into a folder: two runs with other seeds or
 * parameters would mix their figures and outputs. The lock is on the
 * folder itself (flock), so it goes with the process, however it ends. */
static int lock_folder(int *fd, const char *dir)
{
    *fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*fd < 0)
        return wb_fail("cannot open %s: %s", dir, strerror(errno));
    if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
        int e = errno;
        close(*fd);
        *fd = -1;
        return e == EWOULDBLOCK
                   ? wb_fail("%s is being written by another run of a "
                             "chapter: wait for it to end, or give this run "
                             "another --out", dir)
                   : wb_fail("cannot lock %s: %s", dir, strerror(e));
    }
    return 0;
}

/* A book-mode run starts by removing the manifest of an earlier one: until
 * it writes its own, at its very end, the folder holds no complete run
 * (and a --book --only run never writes one). */
static int forget_manifest(const char *dir)
{
    char *path = wb_path_join(dir, "manifest.tsv");
    int rc = 0;
    if (!path)
        return -1;
    if (unlink(path) != 0 && errno != ENOENT)
        rc = wb_fail("cannot remove %s: %s", path, strerror(errno));
    free(path);
    return rc;
}

/* Everything printed reached standard output: a full disk or a closed
 * output is not success. Returns 0, or 1 after one line on stderr. */
static int output_written(const wb_chapter *ch)
{
    /* An earlier failed write left its reason in errno, most likely: the
     * stream keeps only that it failed. */
    int earlier = errno;
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    fprintf(stderr, "%s: cannot write the output: %s\n", program_name(ch),
            strerror(errno ? errno : earlier ? earlier : EIO));
    clearerr(stdout);
    return 1;
}

int wb_main(const wb_chapter *ch, int argc, char **argv)
{
    wb_run run = {.chapter = ch, .seed = DEFAULT_SEED,
                  .out = {.formats = WB_PNG | WB_PDF, .background = true}};
    request req = {0};
    notebook nbk = {0};
    wb_lit *lit = NULL;
    char *default_out = NULL;
    size_t nsteps = count_steps(ch), first = 0, last = nsteps;
    int status = 0, lock = -1;

    req.placing = wb_calloc((size_t)argc + 1, sizeof *req.placing);
    if (parse_args(&run, &req, argc, argv) != 0) {
        free(req.placing);
        return 2;
    }
    if (req.help || req.version) {
        if (req.help)
            print_help(&run);
        else
            printf("%s (workbook) %s\n", ch->slug, WB_VERSION);
        free(req.placing);
        return output_written(ch);
    }
    wb_file_cleanup_on_signals();

    /* The chapter's own source: the steps' titles and prose. Book mode
     * needs it, and needs it to agree with the table of steps. */
    lit = wb_lit_read(ch->source);
    if (lit && check_steps(lit, ch) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
        goto done;
    }
    if (!lit && (run.book || run.step_mode))
        fprintf(stderr, "%s: %s: %s\n", program_name(ch),
                run.book ? "error" : "warning: no prose", wb_error());
    if (!lit && run.book) {
        status = 1;
        goto done;
    }
    if (req.list) {
        list_steps(&run, lit);
        status = output_written(ch);
        goto done;
    }
    /* The chapter's own check of its parameters: a bad one is a bad
     * command line. */
    if (ch->check) {
        const char *option = NULL;
        if (ch->check(&run, &option) != 0) {
            status = option ? usage_error(ch, "--%s: %s", option, wb_error())
                            : usage_error(ch, "%s", wb_error());
            goto done;
        }
    }

    if (!run.out.dir) {
        default_out = wb_asprintf("figures/%s", ch->slug);
        if (!default_out) {
            status = 1;
            goto done;
        }
        run.out.dir = default_out;
    }
    if (run.book)
        run.out.formats |= WB_PNG | WB_PDF;
    if (req.only) {
        first = req.only_k;
        last = req.only_k + 1;
    } else if (req.from) {
        first = req.from_k;
    }
    if (req.json)
        run.quiet = true;
    if (run.step_mode) {
        wb_nb_init(&nbk.nb);
        nbk.lit = lit;
        nbk.root = workbook_root(ch->source);
        nbk.number = atoi(ch->slug);
        nbk.req = &req;
        nbk.argc = argc;
        nbk.argv = argv;
        /* Started part-way, the notebook shows nothing before its first
         * step. */
        nbk.next_chunk = req.only || req.from ? step_chunk(&nbk, ch, first)
                                              : 0;
        run.graphics = choose_graphics();
    }
    wb_rng_seed(&run.rng, run.seed);

    if ((run.book || !req.json) &&
        (wb_mkdirs(run.out.dir) != 0 ||
         lock_folder(&lock, run.out.dir) != 0 ||
         (run.book && forget_manifest(run.out.dir) != 0))) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
        goto done;
    }
    for (size_t k = 0; k < last && status == 0 && !nbk.stop; k++) {
        size_t figs = run.out.nfigures;
        bool silent = k < first || (req.json && !run.book);
        bool shown = run.step_mode && !silent;
        /* On a terminal the notebook holds a step's output back, to page
         * it when the step is done. */
        FILE *held = shown && nbk.nb.interactive && nbk.nb.paging && !run.book
                         ? tmpfile()
                         : NULL;
        if (shown && !before_step(&run, &nbk, k)) {
            if (held)
                fclose(held);
            break;
        }
        if (!silent && !run.quiet && !run.book && !run.step_mode)
            printf("%s[%zu/%zu] %s%s\n", sgr("\033[1m"), k + 1, nsteps,
                   step_title(lit, &ch->steps[k]), sgr("\033[0m"));
        if (run_step(&run, k, silent, held) != 0) {
            fprintf(stderr, "%s: step %s: %s\n", program_name(ch),
                    ch->steps[k].name, wb_error());
            status = 1;
        } else if (shown) {
            bool more = k + 1 < last ||
                        (!req.only && lit && nbk.next_chunk < lit->nchunks);
            after_step(&run, &nbk, k, held, figs, !more);
        }
        if (held)
            fclose(held);
        if (!silent && !run.quiet && !run.book && !run.step_mode)
            printf("\n");
    }
    /* The text after the last step: the exercises; and the end. */
    if (run.step_mode && status == 0 && !nbk.stop && !req.only &&
        show_chunks(&nbk, lit ? lit->nchunks : 0) != 'q') {
        wb_buf end = {0};
        wb_buf_puts(&end, "\n");
        put_rule(&end, &nbk.nb, "The end of the chapter");
        wb_buf_printf(&end, "--list shows its steps; --from STEP starts at "
                            "one of them.\n");
        wb_nb_page(&nbk.nb, end.data ? end.data : "");
        wb_buf_free(&end);
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
    if (status == 0 && run.book && !req.only && !req.from &&
        write_manifest(&run, &req) != 0) {
        fprintf(stderr, "%s: %s\n", program_name(ch), wb_error());
        status = 1;
    }
    if (output_written(ch) != 0)
        status = 1;
done:
    if (ch->cleanup)
        ch->cleanup();
    wb_output_close(&run.out);
    if (lock >= 0)
        close(lock);    /* which unlocks the folder */
    release(&run);
    if (run.step_mode)
        wb_nb_free(&nbk.nb);
    free(nbk.root);
    wb_lit_free(lit);
    free(default_out);
    free(req.placing);
    return status;
}
