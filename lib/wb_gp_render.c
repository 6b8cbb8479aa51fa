/* wb_gp_render.c: long-lived gnuplot processes that draw the figures. See
 * wb_gp_render.h and wb_output.h.
 *
 * Starting gnuplot costs about 70 ms before it draws anything, more than
 * drawing a figure. So an output keeps up to one gnuplot per processor (a
 * worker), started when there is work for it, and sends each one figure
 * after figure, in one format at a time (a job), as a reader would type:
 *
 *     reset session
 *     call 'NAME.gp' 'png' './.NAME.png.Ab12Cd'
 *     unset output
 *     print 'wb: done'
 *
 * `reset session` puts gnuplot back as it starts, so that nothing of one
 * figure reaches the next: the files are the same, byte for byte, as those
 * of `gnuplot -c NAME.gp png`. `call` runs the same script a reader runs by
 * hand, with the same arguments. `unset output` closes the file, and the
 * line printed last tells that the job is over: gnuplot reports errors, and
 * prints, on its standard error, so whatever came before that line is what
 * it said of this job. An error does not stop a gnuplot that reads its
 * commands from a pipe: it goes on with the next job.
 *
 * Each format of a figure goes to a temporary file, checked when gnuplot
 * is done with it (a whole PNG, PDF or SVG), and the figure's files are
 * renamed into place together once all its formats are drawn: all, or
 * none.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wb_gp_process.h"
#include "wb_gp_render.h"
#include "wb_signals.h"

enum {
    MAX_WORKERS = 4,
    QUEUE_DEPTH = 2     /* jobs sent ahead to one worker */
};

#define DONE_LINE "wb: done"

/* One format of one figure. */
typedef struct job {
    size_t task;        /* the figure's index in tasks */
    int format;         /* index in wb_formats */
} job;

/* One figure: the files of its formats, drawn by jobs. */
typedef struct task {
    char *name;
    wb_file files[WB_NFORMATS];   /* temporary files, written by gnuplot */
    int pending;        /* jobs not yet done */
    char *error;        /* the first failure, or NULL */
    bool settled;       /* moved into place, or given up */
} task;

typedef struct worker {
    wb_gp_proc proc;
    wb_buf err;         /* its error output since the last job ended */
    job sent[QUEUE_DEPTH];
    int nsent;
    int load;           /* the cost of the jobs sent */
    bool used;          /* it has been sent a job */
    bool last;          /* it takes no more jobs: stopped once done */
} worker;

/* The output's renderer (wb_output.h), with what it is made of. */
typedef struct renderer {
    wb_renderer head;   /* how the output waits for it and stops it */
    char *dir;          /* the folder the workers run in */
    worker workers[MAX_WORKERS];
    int nworkers, max_workers;
    task *tasks;
    size_t ntasks;
    job *queue;         /* jobs waiting for a worker, in order */
    size_t nqueue, queue_cap;
} renderer;

/* A PNG takes about three times as long to draw as a PDF or an SVG. */
static int cost(int format)
{
    return wb_formats[format].format == WB_PNG ? 3 : 1;
}

/* ---- workers ----------------------------------------------------------- */

static int worker_start(renderer *r, worker *w)
{
    /* -d: no ~/.gnuplot, so that a reader's settings cannot change the
     * book's figures. */
    static char *const argv[] = {"gnuplot", "-d", NULL};
    *w = (worker){0};
    if (wb_gp_start(&w->proc, r->dir, argv, WB_GP_FEED) != 0)
        return -1;
    if (wb_gp_started(&w->proc) != 0) {
        close(w->proc.in_fd);
        close(w->proc.err_fd);
        waitpid(w->proc.pid, NULL, 0);
        wb_child_untrack(w->proc.pid);
        return -1;
    }
    return 0;
}

/* Ends a worker: closing its input ends gnuplot, once it has finished
 * what it was sent; with `now`, it is killed at once (it has stopped
 * answering, or its work is given up). */
static void worker_stop(worker *w, bool now)
{
    if (w->proc.pid <= 0)
        return;
    if (now)
        kill(w->proc.pid, SIGKILL);
    if (w->proc.in_fd >= 0)
        close(w->proc.in_fd);
    if (w->proc.err_fd >= 0)
        close(w->proc.err_fd);
    while (waitpid(w->proc.pid, NULL, 0) < 0 && errno == EINTR)
        ;
    wb_child_untrack(w->proc.pid);
    wb_buf_free(&w->err);
    *w = (worker){0};
}

static bool worker_alive(const worker *w)
{
    return w->proc.pid > 0;
}

/* Sends job j to worker w. */
static int worker_send(renderer *r, worker *w, job j)
{
    const task *t = &r->tasks[j.task];
    const char *tmp = strrchr(t->files[j.format].tmp, '/');
    char *cmd;
    size_t len, off = 0;

    tmp = tmp ? tmp + 1 : t->files[j.format].tmp;
    /* Names are safe names and temporary names add only letters and
     * digits: nothing here needs quoting beyond the quotes. */
    cmd = wb_asprintf("reset session\ncall '%s.gp' '%s' './%s'\n"
                      "unset output\nset print\nprint '" DONE_LINE "'\n",
                      t->name, wb_formats[j.format].name, tmp);
    if (!cmd)
        return -1;
    len = strlen(cmd);
    while (off < len) {
        ssize_t n = send(w->proc.in_fd, cmd + off, len - off, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            free(cmd);
            return wb_fail("cannot talk to gnuplot: %s", strerror(errno));
        }
        off += (size_t)n;
    }
    free(cmd);
    w->sent[w->nsent++] = j;
    w->load += cost(j.format);
    return 0;
}

/* ---- tasks ------------------------------------------------------------- */

static void task_fail(task *t, const char *fmt, const char *detail)
{
    if (!t->error)
        t->error = wb_asprintf(fmt, t->name, detail);
}

/* Whether the file gnuplot wrote is whole: the signature at its start and
 * the end of its format at its end. gnuplot may say nothing when a disk
 * fills up. */
static bool whole_file(const char *data, size_t len, wb_format format)
{
    static const char png_end[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                     (char)0xAE, 0x42, 0x60, (char)0x82};
    while (format != WB_PNG && len > 0 &&
           (data[len - 1] == '\n' || data[len - 1] == '\r'))
        len--;
    switch (format) {
    case WB_PNG:
        return len > 20 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0 &&
               memcmp(data + len - 12, png_end, 12) == 0;
    case WB_PDF:
        return len > 20 && memcmp(data, "%PDF-", 5) == 0 &&
               memcmp(data + len - 5, "%%EOF", 5) == 0;
    case WB_SVG:
        return len > 20 && memcmp(data + len - 6, "</svg>", 6) == 0;
    }
    return false;
}

/* cairo stamps every PDF with the time it was made, so that two runs of a
 * chapter would make different PDFs, and the printed book would change
 * with every build. The stamp is replaced by a fixed date of the same
 * length, which keeps the file's byte offsets valid. */
static int fix_pdf_dates(FILE *fp, const char *pdf, size_t len)
{
    static const char *keys[] = {"/CreationDate (D:", "/ModDate (D:"};
    static const char date[] = "20240101000000";   /* YYYYMMDDHHMMSS */
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        size_t n = strlen(keys[k]);
        for (size_t i = 0; i + n + 14 <= len; i++) {
            bool digits = memcmp(pdf + i, keys[k], n) == 0;
            for (size_t j = 0; digits && j < 14; j++)
                digits = pdf[i + n + j] >= '0' && pdf[i + n + j] <= '9';
            if (digits && (fseek(fp, (long)(i + n), SEEK_SET) != 0 ||
                           fwrite(date, 1, 14, fp) != 14))
                return -1;
        }
    }
    return 0;
}

/* A job is over: what gnuplot said of it is in `said`. */
static void job_done(renderer *r, job j, const char *said)
{
    task *t = &r->tasks[j.task];
    const char *tmp = t->files[j.format].tmp;
    wb_format format = wb_formats[j.format].format;
    char *line = wb_gp_error_line(said, false);
    size_t len = 0;
    char *data;

    t->pending--;
    if (line) {
        char *where = wb_asprintf("%s.gp: %s", t->name, line);
        task_fail(t, "figure %s: gnuplot: %s", where ? where : line);
        free(where);
        free(line);
        return;
    }
    if (t->error)
        return;
    data = wb_read_file(tmp, &len);
    if (!data) {
        task_fail(t, "figure %s: %s", wb_error());
    } else if (!whole_file(data, len, format)) {
        char what[64];
        snprintf(what, sizeof what, "the %s file gnuplot wrote is "
                 "incomplete (is the disk full?)", wb_formats[j.format].name);
        task_fail(t, "figure %s: %s", what);
    } else if (format == WB_PDF) {
        FILE *fp = fopen(tmp, "r+b");
        if (!fp || fix_pdf_dates(fp, data, len) != 0 || fclose(fp) != 0) {
            char *what = wb_asprintf("cannot write %s: %s", tmp,
                                     strerror(errno));
            task_fail(t, "figure %s: %s", what ? what : "cannot write");
            free(what);
        }
    }
    free(data);
}

/* Once all its formats are drawn: every file into place, or none. */
static void task_settle(wb_output *out, task *t)
{
    if (t->settled || t->pending > 0)
        return;
    for (int f = 0; f < WB_NFORMATS; f++) {
        if (!t->files[f].tmp)
            continue;
        if (!t->error && wb_file_commit(&t->files[f]) != 0)
            task_fail(t, "figure %s: %s", wb_error());
        else
            wb_file_abort(&t->files[f]);
    }
    t->settled = true;
    if (t->error) {
        /* Not drawn after all: no longer in the list. */
        for (size_t i = 0; i < out->nfigures; i++)
            if (strcmp(out->figures[i].name, t->name) == 0) {
                free(out->figures[i].name);
                free(out->figures[i].caption);
                memmove(&out->figures[i], &out->figures[i + 1],
                        (out->nfigures - i - 1) * sizeof *out->figures);
                out->nfigures--;
                break;
            }
    }
}

/* ---- the loop ---------------------------------------------------------- */

/* The jobs sent to worker w fail, saying `why`; the worker is stopped (a
 * new one takes its place when needed). */
static void worker_abandon(wb_output *out, worker *w, const char *why)
{
    renderer *r = (renderer *)out->renderer;
    for (int k = 0; k < w->nsent; k++) {
        task *t = &r->tasks[w->sent[k].task];
        t->pending--;
        task_fail(t, "figure %s: %s", why);
        task_settle(out, t);
    }
    w->nsent = 0;
    worker_stop(w, true);
}

/* Worker w's gnuplot has ended: its jobs fail, with what it said last. */
static void worker_lost(wb_output *out, worker *w)
{
    char *last = wb_gp_error_line(w->err.data ? w->err.data : "", true);
    char *why = wb_asprintf("gnuplot ended while drawing it%s%s",
                            last ? ": " : "", last ? last : "");
    worker_abandon(out, w, why ? why : "gnuplot ended while drawing it");
    free(last);
    free(why);
}

/* Sends waiting jobs to the least loaded workers, starting one more when
 * all are busy and there is room. */
/* Whether worker w can take job j now. gnuplot's svg terminal keeps some
 * state from one figure to the next, which `reset session` does not clear
 * (the colour of a line it drew last), so an SVG is drawn by a gnuplot of
 * its own, fresh, which then ends; PNG and PDF (cairo) keep nothing. */
static bool can_take(const worker *w, job j)
{
    if (!worker_alive(w) || w->last || w->nsent >= QUEUE_DEPTH)
        return false;
    return wb_formats[j.format].format != WB_SVG || !w->used;
}

/* A slot for a new worker: a free one, or one whose gnuplot has ended, or
 * (to make room for a fresh gnuplot) one that is idle: that one is
 * stopped. -1 when none. */
static int free_slot(renderer *r, bool make_room)
{
    for (int i = 0; i < r->nworkers; i++)
        if (!worker_alive(&r->workers[i]))
            return i;
    if (r->nworkers < r->max_workers)
        return r->nworkers;
    for (int i = 0; make_room && i < r->nworkers; i++)
        if (r->workers[i].nsent == 0) {
            worker_stop(&r->workers[i], false);
            return i;
        }
    return -1;
}

/* Sends waiting jobs to the least loaded workers, starting one more when
 * all are busy and there is room. */
static int dispatch(wb_output *out)
{
    renderer *r = (renderer *)out->renderer;
    int failures = 0;
    while (r->nqueue > 0) {
        job j = r->queue[0];
        bool svg = wb_formats[j.format].format == WB_SVG;
        worker *best = NULL;
        for (int i = 0; i < r->nworkers; i++) {
            worker *w = &r->workers[i];
            if (can_take(w, j) && (!best || w->load < best->load))
                best = w;
        }
        if (!best || best->nsent > 0) {
            /* All busy: one more, in a free slot or one whose gnuplot has
             * ended (or an idle one's, for an SVG). */
            int slot = free_slot(r, svg && !best);
            if (slot >= 0) {
                if (worker_start(r, &r->workers[slot]) != 0)
                    return -1;
                if (slot == r->nworkers)
                    r->nworkers++;
                best = &r->workers[slot];
            }
        }
        if (!best)
            return 0;
        if (worker_send(r, best, j) != 0) {
            /* Its gnuplot has ended since its last job: start another, a
             * few times at most. */
            if (++failures > MAX_WORKERS)
                return -1;
            worker_lost(out, best);
            continue;
        }
        best->used = true;
        best->last = svg;
        memmove(r->queue, r->queue + 1, --r->nqueue * sizeof *r->queue);
    }
    return 0;
}

/* Reads what worker w said; each done line ends its oldest job. */
static void worker_read(wb_output *out, worker *w)
{
    renderer *r = (renderer *)out->renderer;
    char chunk[4096];
    ssize_t n = read(w->proc.err_fd, chunk, sizeof chunk);
    char *line;

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    if (n <= 0) {
        /* gnuplot has ended, in the middle of its jobs. */
        worker_lost(out, w);
        return;
    }
    wb_buf_append(&w->err, chunk, (size_t)n);
    while (w->err.data && (line = strstr(w->err.data, DONE_LINE "\n"))) {
        size_t used = (size_t)(line - w->err.data) + strlen(DONE_LINE) + 1;
        job j = w->sent[0];
        w->err.data[line - w->err.data] = '\0';
        if (w->nsent > 0) {
            job_done(r, j, w->err.data);
            w->load -= cost(j.format);
            memmove(w->sent, w->sent + 1, --w->nsent * sizeof *w->sent);
            task_settle(out, &r->tasks[j.task]);
        }
        memmove(w->err.data, w->err.data + used, w->err.len - used + 1);
        w->err.len -= used;
        if (w->last && w->nsent == 0) {    /* its one SVG is drawn */
            worker_stop(w, false);
            return;
        }
    }
}

/* Waits for any worker to say something (at most `timeout` ms; -1: as
 * long as it takes), and handles it. */
static int pump(wb_output *out, int timeout)
{
    renderer *r = (renderer *)out->renderer;
    struct pollfd fds[MAX_WORKERS];
    int who[MAX_WORKERS], n = 0;
    for (int i = 0; i < r->nworkers; i++)
        if (worker_alive(&r->workers[i]) && r->workers[i].nsent > 0) {
            fds[n] = (struct pollfd){r->workers[i].proc.err_fd, POLLIN, 0};
            who[n++] = i;
        }
    if (n == 0)
        return 0;
    switch (poll(fds, (nfds_t)n, timeout < 0 ? wb_gp_timeout() * 1000
                                             : timeout)) {
    case -1:
        return errno == EINTR ? 0 : wb_fail("poll: %s", strerror(errno));
    case 0:
        if (timeout < 0) {    /* waited the whole time: stuck */
            char why[64];
            snprintf(why, sizeof why, "gnuplot did not finish it within %d "
                     "seconds", wb_gp_timeout());
            for (int k = 0; k < n; k++)
                worker_abandon(out, &r->workers[who[k]], why);
        }
        break;
    default:
        for (int k = 0; k < n; k++)
            if (fds[k].revents)
                worker_read(out, &r->workers[who[k]]);
    }
    return dispatch(out);
}

static bool busy(const renderer *r)
{
    if (r->nqueue > 0)
        return true;
    for (int i = 0; i < r->nworkers; i++)
        if (r->workers[i].nsent > 0)
            return true;
    return false;
}

/* Gives up every job not yet done (gnuplot could not be run): those
 * waiting, and those sent, whose gnuplot is stopped. */
static void give_up(wb_output *out, const char *why)
{
    renderer *r = (renderer *)out->renderer;
    for (size_t q = 0; q < r->nqueue; q++) {
        task *t = &r->tasks[r->queue[q].task];
        t->pending--;
        task_fail(t, "figure %s: %s", why);
        task_settle(out, t);
    }
    r->nqueue = 0;
    for (int i = 0; i < r->nworkers; i++)
        worker_abandon(out, &r->workers[i], why);
}

/* Runs the loop until every task is settled. */
static void run_all(wb_output *out)
{
    renderer *r = (renderer *)out->renderer;
    while (busy(r)) {
        if ((r->nqueue > 0 && dispatch(out) != 0) || pump(out, -1) != 0) {
            char why[WB_ERROR_SIZE];
            snprintf(why, sizeof why, "%s", wb_error());
            give_up(out, why);
        }
    }
}

/* Once every task is settled: the first error, in the order the figures
 * were drawn; the tasks are then forgotten. */
static int collect(wb_output *out)
{
    renderer *r = (renderer *)out->renderer;
    int rc = 0;
    for (size_t i = 0; i < r->ntasks; i++) {
        task *t = &r->tasks[i];
        WB_ASSERT(t->settled, "figure %s is still being drawn", t->name);
        if (t->error && rc == 0)
            rc = wb_fail("%s", t->error);
        free(t->error);
        free(t->name);
    }
    r->ntasks = 0;
    return rc;
}

/* ---- the interface ----------------------------------------------------- */

static int renderer_wait(wb_output *out);
static void renderer_stop(wb_output *out);

static renderer *renderer_for(wb_output *out)
{
    renderer *r = (renderer *)out->renderer;
    const char *dir = wb_output_dir(out);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (r && strcmp(r->dir, dir) != 0) {
        /* Another folder: workers run in the folder they started in. */
        if (wb_output_wait(out) != 0)
            return NULL;
        renderer_stop(out);
        r = NULL;
    }
    if (r)
        return r;
    r = wb_calloc(1, sizeof *r);
    if (!r || !(r->dir = wb_strdup(dir))) {
        free(r);
        return NULL;
    }
    r->head = (wb_renderer){renderer_wait, renderer_stop};
    r->max_workers = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS
                                                       : (int)cpus;
    out->renderer = &r->head;
    return r;
}

int wb_gp_render(wb_output *out, const char *name, const char *caption)
{
    renderer *r = renderer_for(out);
    unsigned formats = wb_output_formats(out);
    task *tasks, *t;
    size_t k;
    int rc = 0;

    if (!r)
        return -1;
    tasks = wb_reallocarray(r->tasks, r->ntasks + 1, sizeof *tasks);
    if (!tasks)
        return -1;
    r->tasks = tasks;
    k = r->ntasks;
    t = &tasks[k];
    *t = (task){0};
    if (!(t->name = wb_strdup(name)))
        return -1;
    r->ntasks++;
    for (int f = 0; f < WB_NFORMATS; f++) {
        char *path;
        if (!(formats & wb_formats[f].format))
            continue;
        if (r->nqueue == r->queue_cap) {
            size_t cap = r->queue_cap ? 2 * r->queue_cap : 8;
            job *q = wb_reallocarray(r->queue, cap, sizeof *q);
            if (!q) {
                task_fail(t, "figure %s: %s", wb_error());
                break;
            }
            r->queue = q;
            r->queue_cap = cap;
        }
        path = wb_output_path(out, name, wb_formats[f].name);
        if (!path || wb_file_open(&t->files[f], path) != 0) {
            task_fail(t, "figure %s: %s", wb_error());
            free(path);
            break;
        }
        free(path);
        /* gnuplot writes the file by its name; ours only renames it. */
        fclose(t->files[f].fp);
        t->files[f].fp = NULL;
        r->queue[r->nqueue++] = (job){k, f};
        t->pending++;
    }
    if (wb_output_record(out, name, caption, true) != 0)
        task_fail(t, "figure %s: %s", wb_error());
    if (t->error) {
        /* Take its jobs back, then let it settle (and be forgotten). */
        size_t keep = 0;
        for (size_t q = 0; q < r->nqueue; q++)
            if (r->queue[q].task != k)
                r->queue[keep++] = r->queue[q];
            else
                t->pending--;
        r->nqueue = keep;
        task_settle(out, t);
    }
    if (!out->background) {
        run_all(out);
        rc = collect(out);
    } else if (pump(out, 0) != 0 || dispatch(out) != 0) {
        /* In the background: collect what is done without waiting, and
         * keep every worker busy. */
        char why[WB_ERROR_SIZE];
        snprintf(why, sizeof why, "%s", wb_error());
        give_up(out, why);
    }
    return rc;
}

/* Waits until every figure handed to gnuplot is drawn and in place. */
static int renderer_wait(wb_output *out)
{
    run_all(out);
    return collect(out);
}

/* Stops gnuplot, and forgets the figures it was drawing. */
static void renderer_stop(wb_output *out)
{
    renderer *r = (renderer *)out->renderer;
    out->renderer = NULL;
    for (int i = 0; i < r->nworkers; i++)
        worker_stop(&r->workers[i], false);
    for (size_t i = 0; i < r->ntasks; i++) {
        for (int f = 0; f < WB_NFORMATS; f++)
            wb_file_abort(&r->tasks[i].files[f]);
        free(r->tasks[i].name);
        free(r->tasks[i].error);
    }
    free(r->tasks);
    free(r->queue);
    free(r->dir);
    free(r);
}
