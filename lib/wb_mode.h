/* wb_mode.h: how a run shows its steps (types only).
 *
 * wb_main (wb_runtime.c) reads the command line and runs the steps in
 * order; a mode shows them. There are five: the plain run, --quiet, --json
 * and --book, in wb_runtime.c, and --step, the notebook, in wb_notebook.c.
 * Whatever the mode, the steps a run does but does not show run silently:
 * their output goes nowhere and they draw no figure. Those are the
 * earlier steps that the steps shown need (wb_step.needs; --from,
 * --only), and with --json, which shows none, those its JSON needs.
 *
 *     begin()                  once, before the first step
 *     for each step k shown:
 *         before(k)            the step's title; the notebook's text
 *         the step runs        its output going where `sink` says
 *         after(k, status)     the notebook's output, figures and prompt
 *     end()                    the JSON, the manifest, the notebook's end
 *
 * A hook may be NULL. The loop alone decides which steps run and how;
 * before(k) and after(k) see only the steps shown.
 *
 * Private to the runtime layer: not installed (see wb.h).
 */
#ifndef WB_MODE_H
#define WB_MODE_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_lit.h"
#include "wb_runtime.h"

/* Where a step's standard output goes while it runs. */
typedef enum wb_sink {
    WB_SINK_STDOUT,    /* standard output, as it is */
    WB_SINK_NONE,      /* nowhere */
    WB_SINK_FILE,      /* the file OUT/STEP.out, kept if the step succeeds */
    WB_SINK_HELD       /* held back, and handed to after() */
} wb_sink;

/* After a step: run it again, with the random numbers as they were
 * before it, so that it shows what it showed. */
#define WB_MODE_AGAIN 2

/* What the modes see of a run. */
typedef struct wb_session {
    wb_run *run;
    char *exe;              /* the program's own file (its real path) */
    char *source;           /* the chapter's source file, or NULL */
    char *root;             /* the workbook's top folder, above the source's:
                               the library code the prose shows, the
                               exercises and the Makefile are there */
    const wb_lit *lit;      /* what it says, or NULL when it cannot be read */
    char *no_source;        /* then, why */
    size_t nsteps;
    size_t first, last;     /* the steps shown, [first, last) */
    bool only, from;        /* --only, --from */
    bool skip[64];          /* --skip: the steps left out (by index) */
    bool skipping;          /* any */
    int argc;               /* the command line, and which of its */
    char **argv;            /* arguments say where the run starts (--step, */
    const bool *placing;    /* --only, --from and their values) */
    bool given[64];         /* the chapter's options that the command line
                               set (by index), and --seed */
    bool seed_given;
    void *state;            /* the mode's own */
} wb_session;

/* --skip left step k out. */
static inline bool wb_session_skips(const wb_session *s, size_t k)
{
    return k < sizeof s->skip / sizeof *s->skip && s->skip[k];
}

typedef struct wb_mode {
    const char *option;     /* "json" for --json; NULL for the plain run */
    bool silent;            /* every step runs silently (--json) */
    bool progress;          /* wb_progress shows on a terminal */
    wb_sink sink;           /* where a step's output goes */
    /* Returns 0, or -1 after an error: the run ends with status 1. */
    int (*begin)(wb_session *s);
    /* Returns 0, or 1 when the run stops here (the reader quit); may
     * change *sink. */
    int (*before)(wb_session *s, size_t k, wb_sink *sink);
    /* With the step's status (0, or -1 after an error) and what it printed
     * when held: returns the status, 1 when the run stops here, or
     * WB_MODE_AGAIN to run the step again (before() is called again). */
    int (*after)(wb_session *s, size_t k, int status, const char *held);
    /* Once every step has run and drawn its figures: 0, or -1. */
    int (*end)(wb_session *s);
    void (*free)(wb_session *s);
} wb_mode;

#endif
