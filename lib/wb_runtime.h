/* wb_runtime.h: a chapter program is a list of steps, run like a notebook.
 *
 * Each step is a function `static int NAME(wb_run *run)` defined right after
 * the prose that explains it (a block comment opening with a line `/\*md`).
 * It prints what it finds, draws figures, and returns 0, or -1 after an
 * error (wb_fail). main() hands the table of steps to wb_main, which gives
 * every chapter the same command line:
 *
 *     --step         a notebook in the terminal: before each step its
 *                    prose and code, then Enter runs it and shows its
 *                    output and figures (wb_notebook.h; --help lists
 *                    its keys)
 *     --only STEP    run STEP alone (the steps it needs run silently first;
 *                    see wb_step.needs); STEP is a name or a number, as
 *                    --list shows them
 *     --from STEP    start at STEP (the steps before it that the steps
 *                    shown need run silently first)
 *     --list         list the steps
 *     --seed N       seed the random numbers (the default is fixed, so two
 *                    runs give the same numbers and figures)
 *     --out DIR      where figures go (default figures/SLUG)
 *     --format LIST  png,pdf,svg: which files each figure makes
 *     --book         also keep each step's output for the book
 *     --quiet, --help, --version, and the chapter's own parameters
 *
 * --step, --quiet, --json (for a chapter that has one) and --book each
 * choose how the steps are shown, a mode (wb_mode.h): give at most
 * one. Bad options get one line on stderr and exit status 2. A failing
 * step gets "SLUG: step NAME: what failed" and exit status 1.
 */
#ifndef WB_RUNTIME_H
#define WB_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "wb_array.h"
#include "wb_logreg.h"
#include "wb_mlp.h"
#include "wb_output.h"
#include "wb_rng.h"

typedef struct wb_run wb_run;
typedef int wb_step_fn(wb_run *run);

typedef struct wb_step {
    const char *name;    /* the step function's name */
    wb_step_fn *fn;
    /* The earlier steps whose work this one reads (what they keep for it,
     * the random numbers they leave it), as "sample, fit", or "" for none;
     * NULL, as WB_STEP leaves it: every step before it. A run does the
     * steps it shows and, silently first, those they need, and those
     * need: --only fit runs sample, then fit. A name that is no step
     * before it stops every run of the chapter at the start. */
    const char *needs;
} wb_step;

/* {"sample", sample, NULL}: the step's name is its function's name, and it
 * needs every step before it. */
#define WB_STEP(fn) {#fn, fn, NULL}
/* WB_STEP_NEEDS(fit, sample): step fit, which reads what step sample made
 * and no other; WB_STEP_NEEDS(sigmoid, ) needs none. */
#define WB_STEP_NEEDS(fn, ...) {#fn, fn, WB_NEEDS(__VA_ARGS__)}
/* The names, as one string: WB_NEEDS(sample, fit) is "sample, fit". */
#define WB_NEEDS(...) #__VA_ARGS__

/* A chapter parameter, given as --NAME VALUE or --NAME=VALUE. */
typedef enum wb_option_type {
    WB_OPT_DOUBLE,    /* value: double *, any finite number in [min, max] */
    WB_OPT_INT,       /* value: long *, an integer in [min, max] */
    WB_OPT_STRING,    /* value: const char **, e.g. a file name */
    WB_OPT_FLAG       /* value: bool *, set by --NAME (takes no argument) */
} wb_option_type;

typedef struct wb_option {
    const char *name;     /* "w" for --w */
    wb_option_type type;
    void *value;          /* holds the default; receives the given value */
    const char *arg;      /* the argument's name in --help: "W" */
    const char *help;     /* one line for --help */
    double min, max;      /* for numbers; min == max == 0: no bounds */
} wb_option;

typedef struct wb_chapter {
    const char *slug;            /* "01_sigmoid_1d" */
    const char *source;          /* __FILE__: chapters/SLUG.c, its path in
                                    the workbook, which the runtime finds
                                    above the program's own file (or an
                                    absolute path) */
    const char *summary;         /* one line for --help */
    const wb_step *steps;        /* the steps, in order, then {0} */
    const wb_option *options;    /* its parameters, then {0}; or NULL */
    /* Called once after the last step (or a failed one): frees what the
     * steps kept for each other. May be NULL. */
    void (*cleanup)(void);
    /* Called once the command line is read, before any step: checks the
     * parameters together and reads what they name (a --data file, a list
     * of layer sizes), handing what it makes to wb_keep. Returns 0, or -1
     * after wb_fail, with *option set to the name of the option at fault
     * ("data" for --data): that is a bad command line, shown as
     * "SLUG: --data: sample.csv:7: 'abc' is not a number", exit status 2.
     * May be NULL. */
    int (*check)(wb_run *run, const char **option);
    /* Chapters that fit a model: print one JSON object summarising the fit
     * on `out`. When set, the program accepts --json, which runs the steps
     * json_needs names (and those they need) silently, and then calls
     * this. May be NULL. */
    int (*json)(wb_run *run, FILE *out);
    /* The steps whose work the JSON reads, WB_NEEDS(fit); NULL: all. */
    const char *json_needs;
} wb_chapter;

/* What a step sees. Every field is public: print any of them. */
struct wb_run {
    const wb_chapter *chapter;
    wb_rng rng;                 /* the chapter's random numbers */
    uint64_t seed;              /* --seed */
    wb_output out;              /* where figures go (--out, --format), and
                                   every figure drawn so far, each tagged
                                   with the index of its step */
    size_t step;                /* index of the running step */
    int progress_fd;            /* where wb_progress writes while a step
                                   runs: a terminal, or -1 for nowhere */
    struct wb_kept *kept;       /* what the run owns (wb_keep) */
    size_t nkept, kept_cap;
};

/* Something the run owns, and the function that frees it. */
typedef struct wb_kept {
    void *thing;
    void (*destroy)(void *thing);
} wb_kept;

/* Runs a chapter: parses the command line, runs the steps, returns the
 * process's exit status (0, 1 when a step failed, 2 for a bad command line). */
int wb_main(const wb_chapter *chapter, int argc, char **argv);

/* A line of progress during a long step ("epoch 120, loss 0.0812"), shown
 * only to a reader watching a terminal: each call replaces the line, and
 * wb_progress_done clears it. Nothing of it reaches a file, the book, or
 * the output of --quiet and --json. */
void wb_progress(const wb_run *run, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void wb_progress_done(const wb_run *run);

/* Who frees what a step makes. An array or a model that a step makes and
 * hands to wb_keep belongs to the run, and is freed when the run ends,
 * after the last step; the step never frees it, on any path:
 *
 *     wb_array *x = wb_keep(run, wb_linspace(-6, 6, 121));
 *     wb_array *s = wb_keep(run, wb_sigmoid_array(x));
 *     if (!x || !s)
 *         return -1;
 *
 * So a step can return early without a leak, and what one step keeps can
 * be used by the steps after it. wb_keep returns what it was given: NULL
 * when that is NULL (the function that made it failed and said why), or
 * when it cannot keep it (it is then freed, and the error says so). It
 * takes an array (wb_array *), a logistic regression (wb_logreg *) or a
 * multi-layer perceptron (wb_mlp *). */
#define wb_keep(run, x)                                                       \
    _Generic((x), wb_array *: wb_keep_array, wb_logreg *: wb_keep_logreg,     \
             wb_mlp *: wb_keep_mlp)(run, x)
wb_array *wb_keep_array(wb_run *run, wb_array *a);
wb_logreg *wb_keep_logreg(wb_run *run, wb_logreg *model);
wb_mlp *wb_keep_mlp(wb_run *run, wb_mlp *model);

/* Runs job(run, i, ctx) for each i = 0, ..., n - 1, side by side on
 * as many threads as the machine has processors: n networks, each trained
 * from a seed of its own, take a fraction of the time. A job must depend
 * on no other, and write only to what is its own (slot i of an array):
 * the results are then those of the jobs run one after the other, to the
 * last bit. A job may call wb_keep; it shows no progress of its own (in a
 * terminal, a line counts the jobs done). Returns 0, or -1 when a job
 * failed, with the error of the failed job of lowest i; the jobs not yet
 * started when one fails are not run. A job does not call it again. */
int wb_run_each(wb_run *run, size_t n,
                int (*job)(wb_run *run, size_t i, void *ctx), void *ctx);

/* For a chapter that tests its model on a second sample, given --data
 * FILE (`name`) and not --test-data FILE: holds out 1 in 5 points of each
 * category of the sample (*X, *y) to test on, chosen at random with the
 * run's seed (wb_hold_out), into (*X_test, *y_test); (*X, *y) become the
 * rest. The run keeps all four (wb_keep). Returns 0, or -1 with an error
 * that says to give --test-data when a category has too few points. */
int wb_hold_out_test(wb_run *run, wb_array **X, wb_array **y,
                     wb_array **X_test, wb_array **y_test, const char *name);

#endif
