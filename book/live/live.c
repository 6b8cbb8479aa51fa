/* book/live/live.c: the live book's module. The library's numerical layers
 * (arrays, random numbers, activations, samples, metrics, the two models)
 * are compiled with this file to one WebAssembly module (see the
 * Makefile), which the pages' script, book/live/live.js, calls: every
 * number a live figure shows is computed here, by the library the
 * chapters link, in the order the chapters compute it.
 *
 * The page owns its arrays: it asks for room (live_doubles), and the
 * entry points read and write the doubles at the addresses it gives,
 * wrapping them in wb_array headers for the library (`view`). A model is
 * a pointer the page keeps and hands back (live_logreg_*, live_net_*).
 * A function that fails returns -1 or NULL, and live_error says why.
 *
 * The logistic regression is fitted by Newton's method: the module has no
 * liblbfgs. The objective is strictly convex, so both methods find the
 * same minimum; they stop on the way to it by different tests, and their
 * coefficients agree to about 3e-7, relative, on the chapters' samples
 * (tests/live/module.js measures it against the chapters' --json).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wb_activation.h"
#include "wb_array.h"
#include "wb_core.h"
#include "wb_logreg.h"
#include "wb_metrics.h"
#include "wb_mlp.h"
#include "wb_rng.h"
#include "wb_sample.h"

/* An entry point of the module: the function `name`, exported under its
 * own name. */
#define LIVE(name) __attribute__((export_name(#name))) name

/* A wb_array header over the page's doubles: (rows, cols), or (rows,)
 * when cols is 0. The data stays the page's. */
static wb_array view(double *data, size_t rows, size_t cols)
{
    return (wb_array){.ndim = cols ? 2 : 1,
                      .shape = {rows, cols ? cols : 1},
                      .size = rows * (cols ? cols : 1),
                      .data = data};
}

/* `from`'s doubles into the page's array `to`, then `from` freed. */
static void give(double *to, wb_array *from)
{
    memcpy(to, from->data, from->size * sizeof *to);
    wb_free(from);
}

/* ---- memory, errors ----------------------------------------------------- */

/* Room for n doubles, zeroed, or NULL. */
double *LIVE(live_doubles)(size_t n)
{
    return wb_calloc(n ? n : 1, sizeof(double));
}

/* Frees what live_doubles, live_rng or a model's create gave; NULL does
 * nothing. (A model has its own destroy: live_logreg_destroy,
 * live_net_destroy.) */
void LIVE(live_free)(void *p)
{
    free(p);
}

/* Why the last call failed, in words. */
const char *LIVE(live_error)(void)
{
    return wb_error();
}

/* ---- samples ------------------------------------------------------------ */

/* A generator seeded with `seed` (a whole number from 0 to 2^53, which a
 * double holds exactly), as a chapter's --seed seeds it. */
wb_rng *LIVE(live_rng)(double seed)
{
    wb_rng *rng = wb_calloc(1, sizeof *rng);
    if (rng)
        wb_rng_seed(rng, (uint64_t)seed);
    return rng;
}

/* A copy of a generator's state, to draw the same numbers twice. */
wb_rng *LIVE(live_rng_copy)(const wb_rng *rng)
{
    wb_rng *copy = wb_calloc(1, sizeof *copy);
    if (copy)
        *copy = *rng;
    return copy;
}

/* The chapters' samples, drawn from rng into X and y:
 *   0  chapter 1: n examples of each category, in 1D, at -1.5 and +1.5:
 *      X: (2n,), y: (2n,)
 *   1  chapters 2 and 3: n points of each category, at (0, 0) and (2, 2):
 *      X: (2n, 2), y: (2n,)
 *   2, 3, 4  the quadrants of chapters 4 and 5, the circle and the band
 *      of the exercises: n points in the square, X: (n, 2), y: (n,)
 * Returns the number of examples, or -1. */
long LIVE(live_sample)(double *X, double *y, wb_rng *rng, int problem,
                       size_t n)
{
    static const wb_rule rules[] = {wb_rule_quadrants, wb_rule_circle,
                                    wb_rule_band};
    wb_array *Xs, *ys;
    int rc;
    if (problem == 0)
        rc = wb_sample_gaussians_1d(&Xs, &ys, rng, n, 1.5);
    else if (problem == 1)
        rc = wb_sample_gaussians_2d(&Xs, &ys, rng, n);
    else if (problem >= 2 && problem <= 4)
        rc = wb_sample_square(&Xs, &ys, rng, n, rules[problem - 2]);
    else
        return wb_fail("no sample %d", problem);
    if (rc != 0)
        return -1;
    long count = (long)ys->size;
    give(X, Xs);
    give(y, ys);
    return count;
}

/* np.linspace(lo, hi, m) into x: (m,). Returns 0 or -1. */
int LIVE(live_linspace)(double *x, double lo, double hi, size_t m)
{
    wb_array *values = wb_linspace(lo, hi, m);
    if (!values)
        return -1;
    give(x, values);
    return 0;
}

/* The chapters' grid of m x m points over [lo, hi]^2, as chapter 3 makes
 * it: x = linspace(lo, hi, m), the meshgrid of x and x, flattened and
 * stacked as two columns. points: (m * m, 2); point k = i m + j is
 * (x[j], x[i]). Returns 0 or -1. */
int LIVE(live_grid)(double *points, double lo, double hi, size_t m)
{
    wb_array *x = wb_linspace(lo, hi, m), *xx = NULL, *yy = NULL;
    wb_array *flat[2] = {NULL, NULL}, *grid = NULL;
    if (x && wb_meshgrid(&xx, &yy, x, x) == 0) {
        flat[0] = wb_flatten(xx);
        flat[1] = wb_flatten(yy);
        grid = wb_column_stack((const wb_array *const *)flat, 2);
    }
    wb_free(x);
    wb_free(xx);
    wb_free(yy);
    wb_free(flat[0]);
    wb_free(flat[1]);
    if (!grid)
        return -1;
    give(points, grid);
    return 0;
}

/* ---- the neuron of chapters 1 and 2 -------------------------------------- */

/* p = sigma(w x + b) at each of the n values of x (chapter 1's neuron),
 * or p = sigma(w x1 + w2 x2 + b) at each of the n points (x1, x2) of
 * x: (n, 2) when two_d (chapter 2's). */
void LIVE(live_neuron)(double *p, const double *x, size_t n, int two_d,
                       double w, double w2, double b)
{
    for (size_t i = 0; i < n; i++)
        p[i] = two_d ? wb_sigmoid(w * x[2 * i] + w2 * x[2 * i + 1] + b)
                     : wb_sigmoid(w * x[i] + b);
}

/* ---- the logistic regression of chapters 3 and 4 ------------------------- */

/* The logistic regression fitted to X: (n, d) and y: (n,) with
 * scikit-learn's defaults, by Newton's method; NULL with an error for a
 * sample it cannot fit (one category only, ...). */
wb_logreg *LIVE(live_logreg_fit)(double *X, double *y, size_t n, size_t d)
{
    wb_logreg_options o = wb_logreg_default_options();
    wb_array Xv = view(X, n, d), yv = view(y, n, 0);
    wb_logreg *model;
    o.solver = WB_NEWTON;
    model = wb_logreg_create(d, &o);
    if (model && wb_logreg_fit(model, &Xv, &yv) != 0) {
        wb_logreg_destroy(model);
        return NULL;
    }
    return model;
}

void LIVE(live_logreg_destroy)(wb_logreg *model)
{
    wb_logreg_destroy(model);
}

/* What the fit found: w_j for j < d, then b, f, the iterations and
 * whether it converged, for j = d, d + 1, d + 2, d + 3. */
double LIVE(live_logreg_result)(const wb_logreg *m, size_t j)
{
    const double found[] = {m->intercept, m->loss, (double)m->n_iter,
                            m->converged};
    return j < m->d ? m->coef[j] : found[j - m->d];
}

/* P(category 1) at the n examples of X: (n, d), into p: (n,). */
int LIVE(live_logreg_proba)(double *p, const wb_logreg *m, double *X,
                            size_t n)
{
    wb_array Xv = view(X, n, m->d);
    wb_array *proba = wb_logreg_predict_proba(m, &Xv);
    if (!proba)
        return -1;
    give(p, proba);
    return 0;
}

/* The fraction of the n examples X: (n, d), y: (n,) the model puts in
 * their category (1 where z > 0), or -1. */
double LIVE(live_logreg_accuracy)(const wb_logreg *m, double *X, double *y,
                                  size_t n)
{
    wb_array Xv = view(X, n, m->d), yv = view(y, n, 0);
    wb_array *predicted = wb_logreg_predict(m, &Xv);
    double accuracy = predicted ? wb_accuracy(&yv, predicted) : -1;
    wb_free(predicted);
    return accuracy;
}

/* Chapter 4's variable: u = x1 x2 at each of the n points of X: (n, 2). */
void LIVE(live_product)(double *u, const double *X, size_t n)
{
    for (size_t i = 0; i < n; i++)
        u[i] = X[2 * i] * X[2 * i + 1];
}

/* ---- the network of chapter 5 ------------------------------------------- */

/* The playground's network: its two samples (the page's arrays), the
 * generator's state training starts from, and the training under way. */
typedef struct live_net {
    wb_array X, y, X_test, y_test;  /* (n, 2), (n,), (n, 2), (n,) */
    wb_rng start;       /* the state every training starts from */
    wb_rng rng;         /* the state of the training under way */
    wb_mlp *net;
    wb_mlp_training *training;
} live_net;

/* The names of the activations, by kind (0 to 3), or NULL. */
const char *LIVE(live_activation_name)(int kind)
{
    return kind >= WB_IDENTITY && kind <= WB_RELU
               ? wb_activation_get((wb_activation_kind)kind)->name : NULL;
}

void LIVE(live_net_destroy)(live_net *net)
{
    if (!net)
        return;
    wb_mlp_train_end(net->training);
    wb_mlp_destroy(net->net);
    free(net);
}

/* Training starts again: the first weights, drawn from the start's state,
 * and the first epoch to come. Returns 0 or -1. */
int LIVE(live_net_reset)(live_net *net)
{
    wb_mlp_train_end(net->training);
    net->rng = net->start;
    net->training = wb_mlp_train_start(net->net, &net->X, &net->y,
                                       &net->rng);
    return net->training ? 0 : -1;
}

/* A network of one hidden layer of `hidden` units of the activation
 * `kind`, trained as chapter 5 trains it (scikit-learn's defaults, Adam,
 * at most 10000 epochs) at the learning rate given, on the n points of
 * X, y, and judged on those of X_test, y_test (arrays that the page keeps
 * while the network lives); its training starts from rng's state, and is
 * reset, ready for its first epoch. NULL with an error for a bad size,
 * activation or rate. */
live_net *LIVE(live_net_create)(double *X, double *y, double *X_test,
                                double *y_test, size_t n,
                                const wb_rng *rng, size_t hidden, int kind,
                                double learning_rate)
{
    wb_mlp_options o = wb_mlp_default_options();
    live_net *net;
    if (!live_activation_name(kind)) {
        wb_fail("no activation %d", kind);
        return NULL;
    }
    o.max_iter = 10000;
    o.learning_rate = learning_rate;
    net = wb_calloc(1, sizeof *net);
    if (!net)
        return NULL;
    *net = (live_net){.X = view(X, n, 2), .y = view(y, n, 0),
                      .X_test = view(X_test, n, 2),
                      .y_test = view(y_test, n, 0), .start = *rng};
    net->net = wb_mlp_create(2, &hidden, 1, (wb_activation_kind)kind, &o);
    if (!net->net || live_net_reset(net) != 0) {
        live_net_destroy(net);
        return NULL;
    }
    return net;
}

/* One epoch: 0 to go on, 1 once training has stopped, -1 with an error
 * (the loss is no longer finite). */
int LIVE(live_net_epoch)(live_net *net)
{
    return wb_mlp_train_epoch(net->training);
}

/* What the network is: its epochs, its last loss, whether training has
 * converged, whether it has stopped (by its rule, not by an error), for
 * what = 0, 1, 2, 3; its accuracy on the training and the test sample for
 * 4 and 5 (-1 when memory runs out). */
double LIVE(live_net_state)(const live_net *net, int what)
{
    const wb_mlp *m = net->net;
    const wb_array *X = what == 5 ? &net->X_test : &net->X;
    const wb_array *y = what == 5 ? &net->y_test : &net->y;
    wb_array *predicted;
    double accuracy;
    if (what == 0)
        return (double)m->n_iter;
    if (what == 1)
        return m->loss;
    if (what == 2)
        return m->converged;
    if (what == 3)
        return m->stop != WB_STOP_NOT_FITTED;
    predicted = wb_mlp_predict(m, X);
    accuracy = predicted ? wb_accuracy(y, predicted) : -1;
    wb_free(predicted);
    return accuracy;
}

/* The loss after each epoch: (n_iter,). */
const double *LIVE(live_net_loss_curve)(const live_net *net)
{
    return net->net->loss_curve;
}

/* Why training stopped, in words, once it has. */
const char *LIVE(live_net_message)(const live_net *net)
{
    return net->net->message;
}

/* The layers' weights, as wb_mlp.h lays them out: W of the hidden layer
 * (2, H) for l = 0, w of the output unit (H,) for l = 1; their biases
 * (H,) and (1,) when bias. */
const double *LIVE(live_net_weights)(const live_net *net, int l, int bias)
{
    const wb_mlp_layer *layer = &net->net->layer[l ? 1 : 0];
    return bias ? layer->b : layer->W;
}

/* At each of the n points of X: (n, 2), into out: (n,): P(category 1)
 * when unit is -1, else the output of the hidden unit `unit` (0 to
 * H - 1). Returns 0 or -1. */
int LIVE(live_net_map)(double *out, const live_net *net, double *X,
                       size_t n, long unit)
{
    wb_array Xv = view(X, n, 2), *values;
    size_t H = net->net->layer[0].fan_out;
    if (unit < 0) {
        values = wb_mlp_predict_proba(net->net, &Xv);
        if (!values)
            return -1;
        give(out, values);
        return 0;
    }
    if ((size_t)unit >= H)
        return wb_fail("no hidden unit %ld", unit);
    values = wb_mlp_layer_output(net->net, &Xv, 0);     /* (n, H) */
    if (!values)
        return -1;
    for (size_t i = 0; i < n; i++)
        out[i] = values->data[i * H + (size_t)unit];
    wb_free(values);
    return 0;
}
