/* bench/bench.c: the C side of `make bench` (bench/run drives it).
 *
 *     bench data DIR SIZE   draws the samples and writes them into DIR as
 *                           CSV files, with DIR/plan.tsv, the cases to run;
 *                           SIZE is full or tiny
 *     bench run DIR         runs the cases of DIR/plan.tsv and prints what
 *                           it measured
 *
 * scikit-learn's side, bench/bench_sklearn.py, reads the same files and
 * the same plan, and prints its measures in the same form, one a line:
 *
 *     CASE <tab> KEY <tab> VALUE
 *
 * A line of the plan is CASE <tab> REPEAT <tab> what the case needs. Each
 * case is run REPEAT times in a row, and its time is the median of these:
 * the time of the one call that does the work (a fit, a prediction), on
 * the monotonic clock. Reading the files and starting the program are not
 * counted, on either side. Its other numbers are those of the last run.
 * A logistic regression's first fit is also reported apart (first_seconds),
 * and its time is then the median of the later half of its fits: a
 * program's first fits on a large sample pay for memory the allocator maps
 * afresh, which later fits may reuse (see bench/report.awk).
 * The programs are single-threaded; bench/run runs them in turn, several
 * times, and takes the medians of their medians.
 *
 * The cases:
 *   logreg_N      a logistic regression, scikit-learn's defaults, on N
 *                 examples of chapter 3's two Gaussian clouds
 *   mlp_tutorial  chapter 5's run: its network (50 ReLU units, Adam, at
 *                 most 10000 epochs) on its 500 points of the quadrant
 *                 problem, from its starting weights (all drawn from the
 *                 chapter's seed, as the chapter draws them), trained until
 *                 the stopping rule holds, scored on its 500 test points
 *   mlp_large     the same network on many more points, for a fixed number
 *                 of epochs (the stopping rule cannot act)
 *   grid_logreg, grid_mlp  predict_proba on a G x G grid, with the models
 *                 of the first logreg case and of mlp_tutorial
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wb.h"

/* The sizes of the cases. tiny is for `make check`, which only checks that
 * the benchmark runs. */
typedef struct plan {
    size_t logreg_n[3];     /* the three logistic regression samples */
    size_t mlp_n;           /* the tutorial's sample, and its test sample */
    size_t mlp_max_iter;    /* at most so many epochs for it */
    size_t large_n;         /* the large sample */
    size_t large_epochs;    /* exactly so many epochs on it */
    size_t grid;            /* the prediction grid is grid x grid */
    int repeat_small;       /* runs of a case that takes milliseconds */
    int repeat_large[2];    /* fits of the larger logistic regressions */
} plan;

static const plan FULL = {{1000, 100000, 1000000}, 500, 10000, 100000, 20,
                          1000, 21, {21, 7}};
static const plan TINY = {{200, 1000, 2000}, 200, 50, 1000, 2, 50, 3, {2, 2}};

/* The seed of the samples; chapter 5's run draws its samples and its
 * network's weights from seed 1, its default, and so does the large
 * network. */
enum { SAMPLE_SEED = 2024, NET_SEED = 1 };

/* Chapter 5's samples, n points to train and n to test, drawn as the
 * chapter draws them; rng is then where the chapter's network draws its
 * weights from. */
static int chapter5_samples(wb_array **X, wb_array **y, wb_array **X_test,
                            wb_array **y_test, wb_rng *rng, size_t n)
{
    wb_rng_seed(rng, NET_SEED);
    if (wb_sample_quadrants(X, y, rng, n) != 0)
        return -1;
    return wb_sample_quadrants(X_test, y_test, rng, n);
}

/* The most runs of a case. */
enum { MAX_REPEAT = 101 };

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void die(const char *what)
{
    fprintf(stderr, "bench: %s: %s\n", what, wb_error());
    exit(1);
}

static char *path_in(const char *dir, const char *name)
{
    char *p = wb_path_join(dir, name);
    if (!p)
        die("a path");
    return p;
}

/* ---- bench data ------------------------------------------------------- */

/* Writes X and y to DIR/NAME, and frees them. */
static void write_sample(const char *dir, const char *name, wb_array *X,
                         wb_array *y)
{
    char *p = path_in(dir, name);
    if (wb_write_csv(p, X, y) != 0)
        die(p);
    free(p);
    wb_free(X);
    wb_free(y);
}

static int make_data(const char *dir, const char *size)
{
    const plan *pl = strcmp(size, "tiny") == 0 ? &TINY : &FULL;
    wb_rng rng;
    wb_array *X, *y;
    char name[64];

    if (strcmp(size, "tiny") != 0 && strcmp(size, "full") != 0) {
        fprintf(stderr, "bench: the size is full or tiny, not '%s'\n", size);
        return 2;
    }
    if (wb_mkdirs(dir) != 0)
        die(dir);
    char *plan_path = path_in(dir, "plan.tsv");
    FILE *f = fopen(plan_path, "w");
    if (!f) {
        fprintf(stderr, "bench: %s: %s\n", plan_path, strerror(errno));
        return 1;
    }
    wb_rng_seed(&rng, SAMPLE_SEED);
    for (size_t k = 0; k < 3; k++) {
        size_t n = pl->logreg_n[k];
        snprintf(name, sizeof name, "logreg_%zu.csv", n);
        if (wb_sample_gaussians_2d(&X, &y, &rng, n / 2) != 0)
            die("a sample");
        write_sample(dir, name, X, y);
        /* the first takes a millisecond: the median of many runs; the
         * others, the first fit and the median of the next ones */
        fprintf(f, "logreg_%zu\t%d\t%s\n", n,
                k == 0 ? pl->repeat_small : pl->repeat_large[k - 1], name);
    }
    wb_array *X_test, *y_test;
    wb_rng chapter_rng;
    if (chapter5_samples(&X, &y, &X_test, &y_test, &chapter_rng,
                         pl->mlp_n) != 0)
        die("a sample");
    write_sample(dir, "mlp_train.csv", X, y);
    write_sample(dir, "mlp_test.csv", X_test, y_test);
    fprintf(f, "mlp_tutorial\t3\tmlp_train.csv\tmlp_test.csv\t%zu\n",
            pl->mlp_max_iter);
    if (wb_sample_quadrants(&X, &y, &rng, pl->large_n) != 0)
        die("a sample");
    write_sample(dir, "mlp_large.csv", X, y);
    fprintf(f, "mlp_large\t1\tmlp_large.csv\t%zu\n", pl->large_epochs);
    fprintf(f, "grid_logreg\t3\tlogreg_%zu\t%zu\t-6\t6\n", pl->logreg_n[0],
            pl->grid);
    fprintf(f, "grid_mlp\t3\tmlp_tutorial\t%zu\t-1\t1\n", pl->grid);
    if (fclose(f) != 0) {
        fprintf(stderr, "bench: %s: %s\n", plan_path, strerror(errno));
        return 1;
    }
    free(plan_path);
    return 0;
}

/* ---- bench run -------------------------------------------------------- */

static void put(const char *name, const char *key, double value)
{
    printf("%s\t%s\t%.17g\n", name, key, value);
}

static void read_sample(wb_array **X, wb_array **y, const char *dir,
                        const char *name)
{
    char *p = path_in(dir, name);
    if (wb_read_csv(X, y, p) != 0)
        die(p);
    free(p);
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of the times t: (n,), which it sorts. */
static double median(double *t, int n)
{
    qsort(t, (size_t)n, sizeof *t, compare);
    return n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
}

/* The floating-point operations of one training epoch of the network m on
 * n samples, counted from its size, 2 for each multiplication and addition
 * pair: per sample, for each weight 2 forward (z = a w + ...) and 4 back
 * (the weight's gradient, and its input's), except in the first layer,
 * whose inputs need no gradient (2); and 2 for each bias. Adam's update
 * (about 10 per parameter per batch of 200 samples) and the activations
 * are not counted. scikit-learn does the same work. */
static double epoch_flops(const wb_mlp *m, size_t n)
{
    double per_sample = 0;
    for (size_t l = 0; l <= m->n_hidden; l++) {
        double weights = (double)m->layer[l].fan_in * m->layer[l].fan_out;
        per_sample += (l == 0 ? 4 : 6) * weights + 2 * m->layer[l].fan_out;
    }
    return per_sample * (double)n;
}

/* The models of the first logreg case and of mlp_tutorial, which the grid
 * cases predict with. */
static wb_logreg *kept_logreg;
static wb_mlp *kept_mlp;

static void run_logreg(const char *name, int repeat, const char *dir,
                       const char *file)
{
    wb_array *X, *y;
    wb_logreg *model = wb_logreg_create(2, NULL);
    double t[MAX_REPEAT];

    read_sample(&X, &y, dir, file);
    if (!model)
        die("a model");
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        if (wb_logreg_fit(model, X, y) != 0)
            die(name);
        t[r] = now() - t0;
    }
    put(name, "n", (double)X->shape[0]);
    put(name, "fits", repeat);
    put(name, "first_seconds", t[0]);
    put(name, "seconds", median(t + repeat / 2, repeat - repeat / 2));
    put(name, "n_iter", model->n_iter);
    put(name, "coef_0", model->coef[0]);
    put(name, "coef_1", model->coef[1]);
    put(name, "intercept", model->intercept);
    wb_free(X);
    wb_free(y);
    if (!kept_logreg)
        kept_logreg = model;
    else
        wb_logreg_destroy(model);
}

/* The network m, trained on X, y with its weights drawn from start;
 * returns the median time of `repeat` trainings, each from the same
 * start. */
static double train(wb_mlp *m, const wb_array *X, const wb_array *y,
                    const wb_rng *start, int repeat, const char *name)
{
    double t[MAX_REPEAT];
    for (int r = 0; r < repeat; r++) {
        wb_rng rng = *start;
        double t0 = now();
        if (wb_mlp_fit(m, X, y, &rng) != 0)
            die(name);
        t[r] = now() - t0;
    }
    return median(t, repeat);
}

static wb_mlp *tutorial_network(const wb_mlp_options *opt)
{
    wb_mlp *m = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, opt);
    if (!m)
        die("a network");
    return m;
}

static void run_mlp_tutorial(const char *name, int repeat, const char *dir,
                             const char *train_file, const char *test_file,
                             size_t max_iter)
{
    wb_array *X, *y, *X_test, *y_test, *label;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = max_iter;
    wb_mlp *m = tutorial_network(&opt);

    read_sample(&X, &y, dir, train_file);
    read_sample(&X_test, &y_test, dir, test_file);
    /* where chapter 5 draws its weights: after its two samples */
    wb_array *drawn[4];
    wb_rng start;
    if (chapter5_samples(&drawn[0], &drawn[1], &drawn[2], &drawn[3], &start,
                         X->shape[0]) != 0)
        die(name);
    for (int k = 0; k < 4; k++)
        wb_free(drawn[k]);
    double seconds = train(m, X, y, &start, repeat, name);
    label = wb_mlp_predict(m, X_test);
    if (!label)
        die(name);
    put(name, "n", (double)X->shape[0]);
    put(name, "seconds", seconds);
    put(name, "epochs", (double)m->n_iter);
    put(name, "seconds_per_epoch", seconds / (double)m->n_iter);
    put(name, "converged", m->converged);
    put(name, "test_accuracy", wb_accuracy(y_test, label));
    wb_free(X);
    wb_free(y);
    wb_free(X_test);
    wb_free(y_test);
    wb_free(label);
    kept_mlp = m;
}

static void run_mlp_large(const char *name, int repeat, const char *dir,
                          const char *file, size_t epochs)
{
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = epochs;
    opt.n_iter_no_change = epochs + 1;  /* the rule can never stop it */
    wb_mlp *m = tutorial_network(&opt);

    read_sample(&X, &y, dir, file);
    wb_rng start;
    wb_rng_seed(&start, NET_SEED);
    double seconds = train(m, X, y, &start, repeat, name);
    put(name, "n", (double)X->shape[0]);
    put(name, "seconds", seconds);
    put(name, "epochs", (double)m->n_iter);
    put(name, "seconds_per_epoch", seconds / (double)m->n_iter);
    put(name, "flops_per_epoch", epoch_flops(m, X->shape[0]));
    put(name, "loss", m->loss);
    wb_free(X);
    wb_free(y);
    wb_mlp_destroy(m);
}

/* The grid: np.c_[xx.flatten(), yy.flatten()] of the meshgrid of G values
 * from lo to hi along each axis, as the chapters build it. */
static wb_array *grid_points(size_t G, double lo, double hi)
{
    wb_array *axis = wb_linspace(lo, hi, G), *xx, *yy;
    if (!axis || wb_meshgrid(&xx, &yy, axis, axis) != 0)
        die("a grid");
    wb_array *flat[2] = {wb_flatten(xx), wb_flatten(yy)};
    wb_array *points = wb_column_stack((const wb_array *const *)flat, 2);
    if (!points)
        die("a grid");
    wb_free(axis);
    wb_free(xx);
    wb_free(yy);
    wb_free(flat[0]);
    wb_free(flat[1]);
    return points;
}

static void run_grid(const char *name, int repeat, const char *model,
                     size_t G, double lo, double hi)
{
    wb_array *points = grid_points(G, lo, hi), *p = NULL;
    bool logreg = strncmp(model, "logreg", 6) == 0;
    double t[MAX_REPEAT];

    if (logreg ? !kept_logreg : !kept_mlp) {
        fprintf(stderr, "bench: %s: the plan has no case %s before it\n",
                name, model);
        exit(1);
    }
    for (int r = 0; r < repeat; r++) {
        wb_free(p);
        double t0 = now();
        p = logreg ? wb_logreg_predict_proba(kept_logreg, points)
                   : wb_mlp_predict_proba(kept_mlp, points);
        t[r] = now() - t0;
        if (!p)
            die(name);
    }
    put(name, "n", (double)points->shape[0]);
    put(name, "seconds", median(t, repeat));
    put(name, "mean_p", wb_mean(p));
    wb_free(p);
    wb_free(points);
}

/* Splits a line of plan.tsv into at most `max` fields, in place. */
static size_t fields(char **field, size_t max, char *line)
{
    size_t k = 0;
    line[strcspn(line, "\n")] = '\0';
    while (k < max) {
        field[k++] = line;
        line = strchr(line, '\t');
        if (!line)
            break;
        *line++ = '\0';
    }
    return k;
}

static size_t size_of(const char *s)
{
    return (size_t)strtoull(s, NULL, 10);
}

static int run_plan(const char *dir)
{
    char *plan_path = path_in(dir, "plan.tsv");
    FILE *f = fopen(plan_path, "r");
    char line[512], *field[7] = {NULL};

    if (!f) {
        fprintf(stderr, "bench: %s: %s (run bench data first)\n", plan_path,
                strerror(errno));
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        size_t k = fields(field, 7, line);
        const char *name = field[0];
        int repeat = k > 1 ? atoi(field[1]) : 0;
        if (repeat < 1 || repeat > MAX_REPEAT)
            k = 0;
        if (strncmp(name, "logreg_", 7) == 0 && k == 3)
            run_logreg(name, repeat, dir, field[2]);
        else if (strcmp(name, "mlp_tutorial") == 0 && k == 5)
            run_mlp_tutorial(name, repeat, dir, field[2], field[3],
                             size_of(field[4]));
        else if (strcmp(name, "mlp_large") == 0 && k == 4)
            run_mlp_large(name, repeat, dir, field[2], size_of(field[3]));
        else if (strncmp(name, "grid_", 5) == 0 && k == 6)
            run_grid(name, repeat, field[2], size_of(field[3]),
                     strtod(field[4], NULL), strtod(field[5], NULL));
        else {
            fprintf(stderr, "bench: %s: a line I cannot read: %s\n",
                    plan_path, name);
            return 1;
        }
        fflush(stdout);
    }
    fclose(f);
    free(plan_path);
    wb_logreg_destroy(kept_logreg);
    wb_mlp_destroy(kept_mlp);
    return ferror(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "data") == 0)
        return make_data(argv[2], argv[3]);
    if (argc == 3 && strcmp(argv[1], "run") == 0)
        return run_plan(argv[2]);
    fprintf(stderr, "usage: bench data DIR full|tiny\n"
                    "       bench run DIR\n");
    return 2;
}
