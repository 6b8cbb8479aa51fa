/* wb_runtime.c: a chapter's command line, and the loop that runs its
 * steps. How the steps are shown is the mode's business (wb_mode.h):
 * the plain run, --quiet, --json and --book are here, --step is the
 * notebook (wb_notebook.c). See wb_runtime.h. */
#include "wb_runtime.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wb_core.h"
#include "wb_data.h"
#include "wb_lit.h"
#include "wb_manifest.h"
#include "wb_mode.h"
#include "wb_notebook.h"
#include "wb_pager.h"
#include "wb_signals.h"
#include "wb_term.h"

/* ---- what the run owns ------------------------------------------------ */

/* What the run owns, and the line of progress, are shared by the jobs of
 * wb_run_each: one lock guards both. */
static pthread_mutex_t run_lock = PTHREAD_MUTEX_INITIALIZER;

/* Adds `thing` to what the run frees when it ends. */
static void *keep(wb_run *run, void *thing, void (*destroy)(void *))
{
    if (!thing)
        return NULL;
    pthread_mutex_lock(&run_lock);
    if (run->nkept == run->kept_cap) {
        size_t cap = run->kept_cap ? 2 * run->kept_cap : 16;
        wb_kept *kept = wb_reallocarray(run->kept, cap, sizeof *kept);
        if (!kept) {
            pthread_mutex_unlock(&run_lock);
            destroy(thing);
            return NULL;
        }
        run->kept = kept;
        run->kept_cap = cap;
    }
    run->kept[run->nkept++] = (wb_kept){thing, destroy};
    pthread_mutex_unlock(&run_lock);
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

int wb_hold_out_test(wb_run *run, wb_array **X, wb_array **y,
                     wb_array **X_test, wb_array **y_test, const char *name)
{
    wb_array *X_all = *X, *y_all = *y;
    wb_rng rng;
    wb_rng_seed(&rng, run->seed);
    if (wb_hold_out(X, y, X_test, y_test, X_all, y_all, 5, &rng, name) != 0)
        return wb_fail("%s: give a test sample with --test-data FILE",
                       wb_error());
    return wb_keep(run, *X) && wb_keep(run, *y) && wb_keep(run, *X_test) &&
                   wb_keep(run, *y_test)
               ? 0
               : -1;
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

/* What the command line asked for, beyond the run's and the session's. */
typedef struct request {
    bool help, version, list;
    const wb_mode *mode;
} request;

/* One line on stderr, a hint, and exit status 2. What it quotes of the
 * command line stays on the line: its control characters are shown as
 * '?'. */
static int usage_error(const wb_chapter *ch, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int usage_error(const wb_chapter *ch, const char *fmt, ...)
{
    char text[WB_ERROR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: %s (try '%s --help')\n", ch->slug,
            wb_mask_controls(text), ch->slug);
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

/* The step named `name`, or numbered so (from 1, as --list shows them):
 * its index in *index; false when there is none. */
static bool find_step(const wb_session *s, const char *name, size_t *index)
{
    const wb_step *steps = s->run->chapter->steps;
    char *end;
    unsigned long k;
    for (size_t i = 0; i < s->nsteps; i++)
        if (strcmp(steps[i].name, name) == 0) {
            *index = i;
            return true;
        }
    if (*name < '1' || *name > '9')
        return false;
    k = strtoul(name, &end, 10);
    if (*end != '\0' || k > s->nsteps)
        return false;
    *index = k - 1;
    return true;
}

/* ---- the modes, but --step ---------------------------------------------- */

/* Bold and dim, when colour is allowed. */
static const char *sgr(const char *code)
{
    return wb_pager_colour_allowed() ? code : "";
}

/* Step k's title, as the prose shows it (its math in Unicode), in `b`. */
static const char *shown_title(wb_buf *b, const wb_session *s, size_t k)
{
    const char *title = wb_lit_title(s->lit, s->run->chapter->steps[k].name);
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return wb_term_line(b, title, 0) == 0 && b->data ? b->data : title;
}

/* The plain run: each step under its number and title. */
static int plain_before(wb_session *s, size_t k, wb_sink *sink)
{
    wb_buf title = {0};
    (void)sink;
    printf("%s[%zu/%zu] %s%s\n", sgr("\033[1m"), k + 1, s->nsteps,
           shown_title(&title, s, k), sgr("\033[0m"));
    wb_buf_free(&title);
    return 0;
}

static int plain_after(wb_session *s, size_t k, int status, const char *held)
{
    (void)s, (void)k, (void)held;
    printf("\n");
    return status;
}

/* --json, at the end: the chapter's summary of the fit. */
static int json_end(wb_session *s)
{
    if (s->run->chapter->json(s->run, stdout) != 0)
        return wb_fail("--json: %s", wb_error());
    return 0;
}

/* --book needs the source, which the weaver reads too and which must
 * agree with the steps, and both formats of each figure. It starts by
 * removing the manifest of an earlier run. */
static int book_begin(wb_session *s)
{
    if (!s->lit)
        return wb_fail("%s", s->no_source);
    s->run->out.formats |= WB_PNG | WB_PDF;
    return wb_manifest_remove(s->run->out.dir);
}

/* The value of option o, as the manifest records it. */
static char *option_value(const wb_option *o)
{
    switch (o->type) {
    case WB_OPT_DOUBLE:
        return wb_strdup(wb_shortest(*(double *)o->value).text);
    case WB_OPT_INT:
        return wb_asprintf("%ld", *(long *)o->value);
    case WB_OPT_STRING:
        return wb_strdup(*(const char **)o->value ? *(const char **)o->value
                                                  : "");
    case WB_OPT_FLAG:
        return wb_strdup(*(bool *)o->value ? "true" : "false");
    }
    return NULL;
}

/* --book, at the end of a whole run: what the weaver needs to know (see
 * wb_manifest.h): the chapter and its seed, its parameters, each marked
 * given when the command line set it, and the steps and their figures. */
static int book_end(wb_session *s)
{
    const wb_run *run = s->run;
    const wb_chapter *ch = run->chapter;
    const wb_option *o = ch->options;
    size_t nopts = 0;
    wb_manifest m = {0};
    bool ok;
    int rc;

    if (s->only || s->from || s->skipping)
        return 0;
    while (o && o[nopts].name)
        nopts++;
    m.slug = wb_strdup(ch->slug);
    m.seed = wb_asprintf("%llu", (unsigned long long)run->seed);
    m.params = wb_calloc(nopts + 1, sizeof *m.params);
    m.steps = wb_calloc(s->nsteps + 1, sizeof *m.steps);
    m.figures = wb_calloc(run->out.nfigures + 1, sizeof *m.figures);
    ok = m.slug && m.seed && m.params && m.steps && m.figures;
    for (size_t i = 0; ok && i <= nopts; i++, m.nparams++) {
        m.params[i].name = wb_strdup(i ? o[i - 1].name : "seed");
        m.params[i].value = i ? option_value(&o[i - 1]) : wb_strdup(m.seed);
        m.params[i].given = i ? i - 1 < 64 && s->given[i - 1]
                              : s->seed_given;
        ok = m.params[i].name && m.params[i].value;
    }
    for (size_t k = 0; ok && k < s->nsteps; k++, m.nsteps++)
        ok = (m.steps[k] = wb_strdup(ch->steps[k].name)) != NULL;
    for (size_t i = 0; ok && i < run->out.nfigures; i++, m.nfigures++) {
        const wb_output_figure *f = &run->out.figures[i];
        m.figures[i].step = wb_strdup(ch->steps[f->tag].name);
        m.figures[i].name = wb_strdup(f->name);
        m.figures[i].caption = wb_strdup(f->caption ? f->caption : "");
        ok = m.figures[i].step && m.figures[i].name && m.figures[i].caption;
    }
    rc = ok ? wb_manifest_write(&m, run->out.dir) : -1;
    wb_manifest_free(&m);
    return rc;
}

static const wb_mode plain = {.progress = true, .before = plain_before,
                              .after = plain_after};
static const wb_mode quiet = {.option = "quiet", .sink = WB_SINK_NONE};
static const wb_mode json = {.option = "json", .silent = true,
                             .end = json_end};
static const wb_mode book = {.option = "book", .sink = WB_SINK_FILE,
                             .begin = book_begin, .end = book_end};
/* How a step before the first shown runs, in every mode. */
static const wb_mode silent = {.sink = WB_SINK_NONE};

/* ---- the command line, continued ----------------------------------------- */

/* The runtime's own options, in the order --help lists them. */
enum builtin {
    OPT_STEP, OPT_FROM, OPT_ONLY, OPT_SKIP, OPT_LIST, OPT_SEED, OPT_OUT,
    OPT_FORMAT,
    OPT_BOOK, OPT_JSON, OPT_QUIET, OPT_HELP, OPT_VERSION, NBUILTIN
};

static const struct {
    const char *name, *arg, *help;
    const wb_mode *mode;    /* the mode it chooses */
} builtins[NBUILTIN] = {
    [OPT_STEP] = {"step", NULL,
                  "a notebook: each step's prose and code, then Enter runs "
                  "it (keys below)", &wb_notebook_mode},
    [OPT_FROM] = {"from", "STEP",
                  "start at STEP, a number or a name (the steps before it "
                  "that the rest need run silently first)"},
    [OPT_ONLY] = {"only", "STEP",
                  "run only STEP (the steps it needs run silently first)"},
    [OPT_SKIP] = {"skip", "LIST",
                  "leave out these steps, names or numbers separated by "
                  "commas (one that a later step needs runs silently)"},
    [OPT_LIST] = {"list", NULL, "list the steps and exit"},
    [OPT_SEED] = {"seed", "N", "seed of the random numbers"},
    [OPT_OUT] = {"out", "DIR", "folder for the figures"},
    [OPT_FORMAT] = {"format", "LIST",
                    "figure files to make, from png,pdf,svg"},
    [OPT_BOOK] = {"book", NULL,
                  "also keep each step's output in the --out folder", &book},
    [OPT_JSON] = {"json", NULL,
                  "print only a JSON summary of the fit", &json},
    [OPT_QUIET] = {"quiet", NULL, "print nothing but errors", &quiet},
    [OPT_HELP] = {"help", NULL, "show this help and exit"},
    [OPT_VERSION] = {"version", NULL, "show the version and exit"},
};

/* --skip LIST: marks the steps of LIST, names or numbers separated by
 * commas, in s->skip. Returns 0, or -1 with an error naming the first
 * that is no step. */
static int parse_skip(wb_session *s, const char *list)
{
    const char *p = list;
    do {
        size_t len = strcspn(p, ","), k;
        char name[64];
        if (len == 0 || len >= sizeof name)
            return wb_fail("'%s' is not a list of steps (as 3,seeds)", list);
        memcpy(name, p, len);
        name[len] = '\0';
        if (!find_step(s, name, &k))
            return wb_fail("there is no step '%s' (--list shows them, by "
                           "number and by name)", name);
        if (k >= sizeof s->skip / sizeof *s->skip)
            return wb_fail("step '%s' is past the 64th: it cannot be left "
                           "out", name);
        s->skip[k] = s->skipping = true;
        p += len;
    } while (*p++ == ',');
    return 0;
}

/* Parses argv into the run, the session, the request and the chapter's
 * options. Returns 0, or 2 after printing the one-line complaint. */
static int parse_args(wb_session *s, request *req, bool *placing, int argc,
                      char **argv)
{
    wb_run *run = s->run;
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

        if (placing && (b == OPT_STEP || b == OPT_ONLY || b == OPT_FROM)) {
            placing[i] = true;
            if (value && !eq)
                placing[i - 1] = true;
        }
        if (b < NBUILTIN && builtins[b].mode) {
            if (req->mode != &plain && req->mode != builtins[b].mode)
                return usage_error(ch, "--%s and --%s do not go together",
                                   req->mode->option, builtins[b].name);
            req->mode = builtins[b].mode;
            continue;
        }
        switch (b) {
        case OPT_HELP: req->help = true; break;
        case OPT_VERSION: req->version = true; break;
        case OPT_LIST: req->list = true; break;
        case OPT_ONLY:
        case OPT_FROM:
            if (!find_step(s, value, &s->first))
                return usage_error(ch, "--%s: there is no step '%s' "
                                   "(--list shows them, by number and by "
                                   "name)", builtins[b].name, value);
            *(b == OPT_ONLY ? &s->only : &s->from) = true;
            s->last = b == OPT_ONLY ? s->first + 1 : s->nsteps;
            break;
        case OPT_SKIP:
            if (parse_skip(s, value) != 0)
                return usage_error(ch, "--skip: %s", wb_error());
            break;
        case OPT_SEED:
            if (parse_seed(value, &run->seed) != 0)
                return usage_error(ch, "--seed: %s", wb_error());
            s->seed_given = true;
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
                s->given[o - ch->options] = true;
        }
    }
    if (s->only && s->from)
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
    printf("Usage: %s [OPTION]...\n%s\n\n", ch->slug, ch->summary);
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
"  Enter  run the step; once it has run, go on to the next one (as\n"
"         Shift-Enter runs a cell and goes on in Jupyter)\n"
"  r      once the step has run, run it again, with the same random\n"
"         numbers (as Ctrl-Enter does in Jupyter)\n"
"  Space  the next page of a text longer than the screen (Enter: the next\n"
"         line, b: the page before, G: the end, q: close the text)\n"
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

/* ---- progress ----------------------------------------------------------- */

/* Writes `text` over the line of progress on fd: back to the start of
 * the line, the text, then what is left of the last one erased, with an
 * escape sequence, or on a terminal that takes none (TERM=dumb), with
 * spaces. */
static void put_progress(int fd, const char *text)
{
    static size_t last;    /* the columns the last text took */
    size_t width = wb_term_width(text, strlen(text));
    fflush(stdout);
    if (wb_pager_escapes_allowed())
        dprintf(fd, "\r%s\033[K", text);
    else
        dprintf(fd, "\r%s%*s%s", text,
                last > width ? (int)(last - width) : 0, "", *text ? "" : "\r");
    last = width;
}

void wb_progress(const wb_run *run, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    if (run->progress_fd < 0)
        return;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    put_progress(run->progress_fd, text);
}

void wb_progress_done(const wb_run *run)
{
    if (run->progress_fd >= 0)
        put_progress(run->progress_fd, "");
}

/* ---- jobs side by side ------------------------------------------------ */

typedef struct jobs {
    wb_run *run;
    int (*job)(wb_run *run, size_t i, void *ctx);
    void *ctx;
    size_t n;
    atomic_size_t next;     /* the next job to take */
    size_t done;            /* jobs ended, under run_lock */
    int progress_fd;        /* the run's, while its own is -1 */
    size_t failed;          /* the first job that failed, or n */
    char error[WB_ERROR_SIZE];
} jobs;

/* A thread's loop: takes the next job until none is left, or one failed.
 * Only the failed job of lowest index keeps its error. */
static void *take_jobs(void *arg)
{
    jobs *js = arg;
    size_t i;
    while ((i = atomic_fetch_add(&js->next, 1)) < js->n) {
        int rc = js->job(js->run, i, js->ctx);
        pthread_mutex_lock(&run_lock);
        if (rc != 0 && i < js->failed) {
            js->failed = i;
            snprintf(js->error, sizeof js->error, "%s", wb_error());
            atomic_store(&js->next, js->n);
        }
        if (js->progress_fd >= 0 && ++js->done < js->n) {
            char text[64];
            snprintf(text, sizeof text, "%zu of %zu done", js->done, js->n);
            put_progress(js->progress_fd, text);
        }
        pthread_mutex_unlock(&run_lock);
    }
    return NULL;
}

int wb_run_each(wb_run *run, size_t n,
                int (*job)(wb_run *run, size_t i, void *ctx), void *ctx)
{
    jobs js = {.run = run, .job = job, .ctx = ctx, .n = n, .failed = n,
               .progress_fd = run->progress_fd};
    atomic_init(&js.next, 0);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nthreads = cpus > 1 ? (size_t)cpus - 1 : 0;
    pthread_t thread[63];
    if (nthreads > n)
        nthreads = n > 0 ? n - 1 : 0;
    if (nthreads > sizeof thread / sizeof *thread)
        nthreads = sizeof thread / sizeof *thread;

    run->progress_fd = -1;           /* the jobs' own lines would mix */
    size_t started = 0;
    while (started < nthreads &&
           pthread_create(&thread[started], NULL, take_jobs, &js) == 0)
        started++;                   /* too few threads: fewer run */
    take_jobs(&js);                  /* this thread takes jobs too */
    for (size_t t = 0; t < started; t++)
        pthread_join(thread[t], NULL);
    run->progress_fd = js.progress_fd;
    wb_progress_done(run);
    return js.failed < n ? wb_fail("%s", js.error) : 0;
}

/* ---- running the steps ---------------------------------------------------- */

/* Standard output, sent somewhere else while a step runs (wb_sink). */
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
    dup2(r->saved, STDOUT_FILENO);
    close(r->saved);
    r->saved = -1;
    return rc;
}

/* Sends standard output where `sink` says, for step k: to /dev/null, to
 * the file OUT/STEP.out (*file), or to a temporary file (*held). */
static int send_output(redirect *r, const wb_session *s, size_t k,
                       wb_sink sink, wb_file *file, FILE **held)
{
    int fd = -1, rc;
    if (sink == WB_SINK_NONE &&
        (fd = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0)
        return wb_fail("cannot open /dev/null: %s", strerror(errno));
    if (sink == WB_SINK_FILE) {
        char *name = wb_asprintf("%s.out", s->run->chapter->steps[k].name);
        char *path = name ? wb_path_join(s->run->out.dir, name) : NULL;
        rc = path ? wb_file_open(file, path) : -1;
        free(name);
        free(path);
        if (rc != 0)
            return -1;
        fd = fileno(file->fp);
    }
    if (sink == WB_SINK_HELD && (*held = tmpfile()) != NULL)
        fd = fileno(*held);
    rc = fd >= 0 ? redirect_stdout(r, fd) : 0;
    if (sink == WB_SINK_NONE)
        close(fd);
    return rc;
}

/* Runs step k, shown by mode m. Returns 0, 1 when the run stops here,
 * WB_MODE_AGAIN to run it again (its random numbers put back as they were
 * before it), or -1 after an error. */
static int run_step(wb_session *s, const wb_mode *m, size_t k)
{
    wb_run *run = s->run;
    wb_sink sink = m->sink;
    redirect r = {.saved = -1};
    wb_file file = {0};
    FILE *held = NULL;
    wb_buf text = {0};
    wb_rng before;
    size_t figures;
    int status;

    if (m->before && m->before(s, k, &sink) != 0)
        return 1;
    before = run->rng;
    figures = run->out.nfigures;
    run->step = run->out.tag = k;
    run->out.dry_run = m == &silent;
    status = send_output(&r, s, k, sink, &file, &held);
    if (status == 0) {
        /* progress goes to the terminal, even while the output is held */
        int fd = r.saved >= 0 ? r.saved : STDOUT_FILENO;
        run->progress_fd = m->progress && isatty(fd) ? fd : -1;
        status = run->chapter->steps[k].fn(run);
        run->progress_fd = -1;
    }
    if (restore_stdout(&r) != 0 && status == 0)
        status = wb_fail("cannot write %s: %s",
                         file.path ? file.path : "the step's output",
                         wb_error());
    if (file.tmp && status == 0)
        status = wb_file_commit(&file);
    else if (file.tmp)
        wb_file_abort(&file);
    if (held) {
        char chunk[4096];
        size_t got;
        rewind(held);
        while ((got = fread(chunk, 1, sizeof chunk, held)) > 0)
            wb_buf_append(&text, chunk, got);
        fclose(held);
    }
    if (m->after)
        status = m->after(s, k, status, text.data ? text.data : "");
    if (status == WB_MODE_AGAIN) {
        /* as before the step: its random numbers, and its figures not
         * drawn yet (it draws them again) */
        run->rng = before;
        while (run->out.nfigures > figures) {
            wb_output_figure *f = &run->out.figures[--run->out.nfigures];
            free(f->name);
            free(f->caption);
        }
    }
    wb_buf_free(&text);
    return status;
}

/* ---- what a run needs ------------------------------------------------------ */

/* Marks in need[] the steps a list of names (wb_step.needs) names, among
 * the first `before`; NULL names them all. Returns 0, or -1 with an error
 * naming `who` and the name that is no such step. */
static int mark_needs(const wb_chapter *ch, const char *names, size_t before,
                      bool *need, const char *who)
{
    const char *sep = ", \t\n";
    if (!names) {
        for (size_t i = 0; i < before; i++)
            need[i] = true;
        return 0;
    }
    for (const char *p = names + strspn(names, sep); *p;
         p += strspn(p, sep)) {
        size_t len = strcspn(p, sep), i = 0;
        while (i < before && (strlen(ch->steps[i].name) != len ||
                              strncmp(ch->steps[i].name, p, len) != 0))
            i++;
        if (i == before)
            return wb_fail("%s needs '%.*s', which is no step %s", who,
                           (int)len, p,
                           ch->steps[before].name ? "before it"
                                                  : "of the chapter");
        need[i] = true;
        p += len;
    }
    return 0;
}

/* The table's needs name steps before their own, and the JSON's name
 * steps: 0, or -1 with an error that names the first that does not. */
static int check_needs(const wb_session *s)
{
    const wb_chapter *ch = s->run->chapter;
    bool *need = wb_calloc(s->nsteps + 1, sizeof *need);
    char who[96];
    int rc = need ? 0 : -1;
    for (size_t k = 0; rc == 0 && k < s->nsteps; k++) {
        snprintf(who, sizeof who, "step %s", ch->steps[k].name);
        rc = mark_needs(ch, ch->steps[k].needs, k, need, who);
    }
    if (rc == 0 && ch->json)
        rc = mark_needs(ch, ch->json_needs, s->nsteps, need, "the JSON");
    free(need);
    return rc;
}

/* The steps the run does, in need[]: those shown (none with --json, but
 * what its JSON reads), and every step they need, and so on back. */
static void mark_run(const wb_session *s, const wb_mode *m, bool *need)
{
    const wb_chapter *ch = s->run->chapter;
    for (size_t k = s->first; k < s->last; k++)
        need[k] = (!m->silent || s->only || s->from) &&
                  !wb_session_skips(s, k);
    if (m->silent)
        mark_needs(ch, ch->json_needs, s->nsteps, need, "");
    for (size_t k = s->nsteps; k-- > 0;)
        if (need[k])
            mark_needs(ch, ch->steps[k].needs, k, need, "");
}

/* Runs the steps the run needs (mark_run), up to the last shown: those not
 * shown silently. Returns 0, 1 when the reader stopped the run, or -1 after
 * a failed step, which it reports. */
static int run_steps(wb_session *s, const wb_mode *m)
{
    const wb_chapter *ch = s->run->chapter;
    bool *need = wb_calloc(s->nsteps + 1, sizeof *need);
    if (!need) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        return -1;
    }
    mark_run(s, m, need);
    for (size_t k = 0; k < s->nsteps; k++) {
        if (!need[k])
            continue;
        bool shown = k >= s->first && k < s->last && !m->silent &&
                     !wb_session_skips(s, k);
        int rc = run_step(s, shown ? m : &silent, k);
        if (rc == WB_MODE_AGAIN) {
            k--;
            continue;
        }
        if (rc < 0)
            fprintf(stderr, "%s: step %s: %s\n", ch->slug,
                    ch->steps[k].name, wb_error());
        if (rc != 0) {
            free(need);
            return rc;
        }
    }
    free(need);
    return 0;
}

/* ---- the run ---------------------------------------------------------------- */

/* The source defines the chapter's steps, in the table's order. */
static int check_steps(const wb_lit *lit, const wb_chapter *ch, size_t n)
{
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

static void list_steps(const wb_session *s)
{
    const wb_step *steps = s->run->chapter->steps;
    wb_buf title = {0};
    int width = 0;
    for (size_t k = 0; k < s->nsteps; k++)
        if ((int)strlen(steps[k].name) > width)
            width = (int)strlen(steps[k].name);
    for (size_t k = 0; k < s->nsteps; k++)
        printf("%2zu  %-*s  %s\n", k + 1, width, steps[k].name,
               shown_title(&title, s, k));
    wb_buf_free(&title);
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
    fprintf(stderr, "%s: cannot write the output: %s\n", ch->slug,
            strerror(errno ? errno : earlier ? earlier : EIO));
    clearerr(stdout);
    return 1;
}

/* The folder above the one of `source`, an absolute path. */
static char *folder_above(const char *source)
{
    const char *slash = strrchr(source, '/'), *up = slash;
    while (up > source && up[-1] != '/')
        up--;
    return up > source + 1 ? wb_strndup(source, (size_t)(up - 1 - source))
                           : wb_strdup("/");
}

/* The program's own file, its real path: /proc/self/exe, or where there
 * is no /proc, argv[0] when it names a path. NULL with an error. */
static char *own_file(const char *argv0)
{
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len > 0) {
        self[len] = '\0';
        return wb_strdup(self);
    }
    if (argv0 && strchr(argv0, '/') && realpath(argv0, self))
        return wb_strdup(self);
    wb_fail("cannot find the program's own file");
    return NULL;
}

/* Whether `path` is a file that can be read. */
static bool readable_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
           access(path, R_OK) == 0;
}

/* Where the chapter's source is and the workbook around it (s->source,
 * s->root), and what the source says: the steps' titles and prose.
 *
 * The chapter was compiled from chapters/SLUG.c, its path in the
 * workbook (wb_chapter.source, its __FILE__): the workbook is the nearest
 * folder above the program's own file that holds it, so that a copied or
 * moved workbook reads and edits its own chapter, never the first one's.
 * An absolute path (a build outside the workbook) is the source itself.
 * Returns the source read, or NULL with s->no_source saying why it cannot
 * be. */
static wb_lit *find_source(wb_session *s, const char *argv0)
{
    const char *file = s->run->chapter->source;
    char *dir = NULL, *slash;
    wb_lit *lit = NULL;

    s->exe = own_file(argv0);
    if (file[0] == '/') {
        s->source = wb_strdup(file);
        s->root = folder_above(file);
    } else if (s->exe) {
        dir = wb_strdup(s->exe);
        while (dir && !s->source && (slash = strrchr(dir, '/')) != NULL) {
            char *path;
            *slash = '\0';
            path = wb_path_join(*dir ? dir : "/", file);
            if (path && readable_file(path)) {
                s->source = path;
                s->root = wb_strdup(*dir ? dir : "/");
            } else {
                free(path);
            }
        }
        if (dir && !s->source)
            wb_fail("cannot find %s in a folder above %s: the program "
                    "reads its chapter from the workbook it was built in, "
                    "wherever that is now", file, s->exe);
        free(dir);
    }
    if (s->source && s->root)
        lit = wb_lit_read(s->source);
    s->no_source = lit ? NULL : wb_strdup(wb_error());
    return lit;
}

int wb_main(const wb_chapter *ch, int argc, char **argv)
{
    wb_run run = {.chapter = ch, .seed = DEFAULT_SEED, .progress_fd = -1,
                  .out = {.formats = WB_PNG | WB_PDF, .background = true}};
    wb_session s = {.run = &run, .argc = argc, .argv = argv};
    request req = {.mode = &plain};
    const wb_mode *mode;
    bool *placing = wb_calloc((size_t)argc + 1, sizeof *placing);
    wb_lit *lit = NULL;
    char *default_out = NULL;
    int status = 0, rc, lock = -1;

    while (ch->steps[s.nsteps].name)
        s.nsteps++;
    s.last = s.nsteps;
    s.placing = placing;
    /* A table whose needs name no earlier step is the chapter's error,
     * found before anything runs. */
    if (check_needs(&s) != 0) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        free(placing);
        return 1;
    }
    if (parse_args(&s, &req, placing, argc, argv) != 0) {
        free(placing);
        return 2;
    }
    mode = req.mode;
    if (req.help || req.version) {
        if (req.help)
            print_help(&run);
        else
            printf("%s (workbook) %s\n", ch->slug, WB_VERSION);
        free(placing);
        return output_written(ch);
    }
    wb_file_cleanup_on_signals();

    /* The chapter's own source: it must agree with the table of steps. */
    s.lit = lit = find_source(&s, argv[0]);
    if (lit && check_steps(lit, ch, s.nsteps) != 0) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        status = 1;
        goto done;
    }
    if (req.list) {
        list_steps(&s);
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
    wb_rng_seed(&run.rng, run.seed);
    /* A run that draws writes into its folder, and it alone. */
    if ((!mode->silent && (wb_mkdirs(run.out.dir) != 0 ||
                           lock_folder(&lock, run.out.dir) != 0)) ||
        (mode->begin && mode->begin(&s) != 0)) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        status = 1;
        goto done;
    }
    rc = run_steps(&s, mode);
    if (rc < 0)
        status = 1;
    /* Every figure drawn, before the manifest says so. */
    if (rc >= 0 && wb_output_wait(&run.out) != 0) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        status = 1;
    }
    if (rc == 0 && status == 0 && mode->end && mode->end(&s) != 0) {
        fprintf(stderr, "%s: %s\n", ch->slug, wb_error());
        status = 1;
    }
    if (output_written(ch) != 0)
        status = 1;
done:
    if (ch->cleanup)
        ch->cleanup();
    if (mode->free)
        mode->free(&s);
    wb_output_close(&run.out);
    if (lock >= 0)
        close(lock);    /* which unlocks the folder */
    release(&run);
    wb_lit_free(lit);
    free(s.no_source);
    free(s.source);
    free(s.root);
    free(s.exe);
    free(default_out);
    free(placing);
    return status;
}
