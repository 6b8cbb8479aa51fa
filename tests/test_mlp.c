/* Tests of wb_mlp: training against scikit-learn 1.2.1's MLPClassifier
 * (tests/fixtures/mlp.txt, written by tests/reference/make_mlp_fixtures.py),
 * the gradient against finite differences, the stopping rule, L-BFGS, the
 * initialisation, the shuffling, and the refusal of bad input. */
#include <criterion/criterion.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"
#include "wb_mlp.h"

/* ---- reading the fixture file -------------------------------------------- */

/* One case of tests/fixtures/mlp.txt (see the script for the format). */
typedef struct fixture {
    char name[64], kind[16], activation[16], solver[16], stop[32];
    double alpha, learning_rate, tol, momentum, loss, mean_accuracy;
    size_t batch_size, max_iter, n_iter_no_change, max_fun, n_iter;
    int nesterov, converged;
    size_t n_hidden, hidden[8];
    wb_array *X, *y;                     /* (n, D), (n,) */
    wb_array *init, *final, *loss_curve, *proba, *accuracy, *epochs;
} fixture;

static void fixture_free(fixture *f)
{
    wb_free(f->X);
    wb_free(f->y);
    wb_free(f->init);
    wb_free(f->final);
    wb_free(f->loss_curve);
    wb_free(f->proba);
    wb_free(f->accuracy);
    wb_free(f->epochs);
}

static char *next_word(char **s)
{
    char *w;
    *s += strspn(*s, " \t\r\n");
    if (**s == '\0')
        return NULL;
    w = *s;
    *s += strcspn(*s, " \t\r\n");
    if (**s != '\0')
        *(*s)++ = '\0';
    return w;
}

static double next_number(char **s)
{
    char *w = next_word(s), *end;
    double v;
    cr_assert(w, "the fixture ends early");
    v = strtod(w, &end);
    cr_assert(*end == '\0', "not a number in the fixture: '%s'", w);
    return v;
}

static size_t next_size(char **s)
{
    return (size_t)next_number(s);
}

static wb_array *next_vector(char **s)
{
    size_t n = next_size(s);
    wb_array *a = wb_vector(n);
    cr_assert(a);
    for (size_t i = 0; i < n; i++)
        a->data[i] = next_number(s);
    return a;
}

/* Reads the case called `name` from the fixture file. */
static fixture read_fixture(const char *name)
{
    char *text = wb_read_file(WB_SOURCE_DIR "/tests/fixtures/mlp.txt", NULL);
    char *s = text, *w;
    fixture f = {.nesterov = 1, .tol = 1e-4, .n_iter_no_change = 10,
                 .momentum = 0.9, .max_fun = 15000, .learning_rate = 1e-3};
    bool found = false;
    cr_assert(text, "%s", wb_error());
    while ((w = next_word(&s))) {
        if (w[0] == '#') {
            s += strcspn(s, "\n");
            continue;
        }
        cr_assert(strcmp(w, "case") == 0, "expected 'case', got '%s'", w);
        w = next_word(&s);
        found = strcmp(w, name) == 0;
        if (found)
            snprintf(f.name, sizeof f.name, "%s", w);
        while ((w = next_word(&s)) && strcmp(w, "end") != 0) {
            if (!found)
                continue;
#define WORD(key) else if (strcmp(w, #key) == 0) \
        snprintf(f.key, sizeof f.key, "%s", next_word(&s))
#define NUMBER(key) else if (strcmp(w, #key) == 0) f.key = next_number(&s)
#define SIZE(key) else if (strcmp(w, #key) == 0) f.key = next_size(&s)
#define VECTOR(key) else if (strcmp(w, #key) == 0) f.key = next_vector(&s)
            if (0)
                ;
            WORD(kind); WORD(activation); WORD(solver); WORD(stop);
            NUMBER(alpha); NUMBER(learning_rate); NUMBER(tol);
            NUMBER(momentum); NUMBER(loss); NUMBER(mean_accuracy);
            SIZE(batch_size); SIZE(max_iter); SIZE(n_iter_no_change);
            SIZE(max_fun); SIZE(n_iter);
            NUMBER(nesterov); NUMBER(converged);
            VECTOR(init); VECTOR(final); VECTOR(loss_curve); VECTOR(proba);
            VECTOR(accuracy); VECTOR(epochs);
            else if (strcmp(w, "hidden") == 0) {
                f.n_hidden = next_size(&s);
                cr_assert(f.n_hidden <= 8);
                for (size_t l = 0; l < f.n_hidden; l++)
                    f.hidden[l] = next_size(&s);
            } else if (strcmp(w, "data") == 0) {
                size_t n = next_size(&s), D = next_size(&s);
                f.X = wb_matrix(n, D);
                f.y = wb_vector(n);
                cr_assert(f.X && f.y);
                for (size_t i = 0; i < n; i++) {
                    for (size_t j = 0; j < D; j++)
                        WB_AT(f.X, i, j) = next_number(&s);
                    f.y->data[i] = next_number(&s);
                }
            } else
                cr_assert_fail("unknown key '%s' in the fixture", w);
#undef WORD
#undef NUMBER
#undef SIZE
#undef VECTOR
        }
        if (found)
            break;
    }
    free(text);
    cr_assert(found, "no case '%s' in the fixture", name);
    return f;
}

/* ---- networks and options from a case ------------------------------------ */

static bool near(double a, double b, double rtol, double atol)
{
    return fabs(a - b) <= atol + rtol * fabs(b);
}

static wb_activation_kind activation_of(const char *name)
{
    const wb_activation *a = wb_activation_find(name);
    cr_assert(a, "%s", wb_error());
    return a->kind;
}

/* The fixture's options: scikit-learn's defaults, warm start, no shuffle. */
static wb_mlp_options options_of(const fixture *f)
{
    wb_mlp_options opt = wb_mlp_default_options();
    cr_assert_eq(wb_solver_find(&opt.solver, f->solver, WB_MLP_SOLVERS), 0,
                 "%s", wb_error());
    opt.alpha = f->alpha;
    opt.learning_rate = f->learning_rate;
    opt.batch_size = f->batch_size;
    opt.max_iter = f->max_iter;
    opt.tol = f->tol;
    opt.n_iter_no_change = f->n_iter_no_change;
    opt.momentum = f->momentum;
    opt.nesterov = f->nesterov;
    opt.max_fun = f->max_fun;
    opt.shuffle = false;
    opt.warm_start = true;
    return opt;
}

/* The fixture's network, holding the fixture's initial weights and
 * options. */
static wb_mlp *network_of(const fixture *f)
{
    wb_mlp_options opt = options_of(f);
    wb_mlp *m = wb_mlp_create(f->X->shape[1], f->hidden, f->n_hidden,
                              activation_of(f->activation), &opt);
    cr_assert(m, "%s", wb_error());
    cr_assert_eq(m->n_params, f->init->size, "%s: %zu parameters, not %zu",
                 f->name, m->n_params, f->init->size);
    memcpy(m->params, f->init->data, m->n_params * sizeof *m->params);
    return m;
}


/* The tutorial's problem: n points uniform in [-1, 1]^2, category 1 where
 * x1 x2 > 0. */
static void tutorial_data(wb_array **X, wb_array **y, wb_rng *rng, size_t n)
{
    *X = wb_random_uniform(rng, -1, 1, n, 2);
    *y = wb_vector(n);
    cr_assert(*X && *y);
    for (size_t i = 0; i < n; i++)
        (*y)->data[i] = WB_AT(*X, i, 0) * WB_AT(*X, i, 1) > 0;
}

/* ---- agreement with scikit-learn ----------------------------------------- */

/* Trained from the same weights on the same batches, the two programs do
 * the same arithmetic in a different order (numpy's BLAS sums a matrix
 * product in its own order), so they differ by rounding only: at most
 * about 2e-15 over these runs, which have up to 311 epochs. The test asks
 * for 1e-9 relative. A weight or probability that ends near zero cannot
 * be compared relatively, hence an absolute floor: 1e-12, still 500 times
 * the rounding seen, and far below any weight that changes a prediction. */
#define PARITY_RTOL 1e-9
#define PARITY_ATOL 1e-12

static void check_parity(const char *name)
{
    fixture f = read_fixture(name);
    wb_mlp *m = network_of(&f);
    wb_array *p;

    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->n_iter, f.n_iter, "%s: %zu epochs, scikit-learn %zu",
                 name, m->n_iter, f.n_iter);
    cr_assert_eq(m->stop, strcmp(f.stop, "max_iter") == 0
                              ? WB_STOP_MAX_ITER
                              : WB_STOP_NO_IMPROVEMENT,
                 "%s: stopped by %s, scikit-learn by %s", name,
                 wb_stop_name(m->stop), f.stop);
    cr_assert_eq(m->converged, m->stop == WB_STOP_NO_IMPROVEMENT);
    for (size_t k = 0; k < f.n_iter; k++)
        cr_assert(near(m->loss_curve[k], f.loss_curve->data[k], PARITY_RTOL,
                       0),
                  "%s: epoch %zu loss %.17g, scikit-learn %.17g", name,
                  k + 1, m->loss_curve[k], f.loss_curve->data[k]);
    cr_assert_eq(m->loss, m->loss_curve[m->n_iter - 1]);
    for (size_t k = 0; k < m->n_params; k++)
        cr_assert(near(m->params[k], f.final->data[k], PARITY_RTOL,
                       PARITY_ATOL),
                  "%s: parameter %zu is %.17g, scikit-learn %.17g", name, k,
                  m->params[k], f.final->data[k]);
    p = wb_mlp_predict_proba(m, f.X);
    cr_assert(p);
    for (size_t i = 0; i < p->size; i++)
        cr_assert(near(p->data[i], f.proba->data[i], PARITY_RTOL,
                       PARITY_ATOL),
                  "%s: p[%zu] = %.17g, scikit-learn %.17g", name, i,
                  p->data[i], f.proba->data[i]);
    wb_free(p);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

Test(mlp, adam_relu_matches_scikit_learn) { check_parity("relu_5_adam"); }
Test(mlp, adam_logistic_matches_scikit_learn)
{
    check_parity("logistic_5_adam");
}
Test(mlp, adam_tanh_matches_scikit_learn) { check_parity("tanh_5_adam"); }
Test(mlp, adam_identity_matches_scikit_learn)
{
    check_parity("identity_5_adam");
}
Test(mlp, adam_two_relu_layers_match_scikit_learn)
{
    check_parity("relu_6_4_adam");
}
Test(mlp, adam_two_logistic_layers_match_scikit_learn)
{
    check_parity("logistic_4_3_adam");
}
Test(mlp, sgd_nesterov_matches_scikit_learn)
{
    check_parity("tanh_4_3_sgd");
}
Test(mlp, sgd_plain_momentum_matches_scikit_learn)
{
    check_parity("relu_5_sgd_plain");
}
Test(mlp, no_hidden_layer_matches_scikit_learn)
{
    check_parity("no_hidden_adam");
}

/* Run until the stopping rule ends it, the network stops at the very
 * epoch where scikit-learn stops (311, with its 11 epochs in a row of no
 * improvement). */
Test(mlp, stops_by_the_rule_at_scikit_learns_epoch)
{
    fixture f = read_fixture("relu_8_adam_stop");
    cr_assert_str_eq(f.kind, "stop");
    cr_assert_lt(f.n_iter, f.max_iter);
    check_parity("relu_8_adam_stop");
    fixture_free(&f);
}

/* Whatever the run, it stops at the first epoch that ends more than
 * n_iter_no_change epochs in a row whose loss is above best - tol. */
Test(mlp, stopping_rule_replayed_on_the_loss_curve)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    double best = INFINITY;
    size_t count = 0, stop_at = 0;
    wb_rng_seed(&rng, 5);
    tutorial_data(&X, &y, &rng, 100);
    opt.learning_rate = 0.01;
    opt.max_iter = 5000;
    opt.n_iter_no_change = 4;
    opt.tol = 1e-3;
    wb_mlp *m = wb_mlp_create(2, (size_t[]){10}, 1, WB_TANH, &opt);
    cr_assert(m);
    cr_assert_eq(wb_mlp_fit(m, X, y, &rng), 0, "%s", wb_error());
    for (size_t k = 0; k < m->n_iter && !stop_at; k++) {
        double loss = m->loss_curve[k];
        count = loss > best - opt.tol ? count + 1 : 0;
        best = fmin(best, loss);
        if (count > opt.n_iter_no_change)
            stop_at = k + 1;
    }
    cr_assert_eq(stop_at, m->n_iter, "the rule says %zu, the fit %zu",
                 stop_at, m->n_iter);
    cr_assert_eq(m->stop, WB_STOP_NO_IMPROVEMENT);
    cr_assert(m->converged);
    cr_assert_eq(m->no_improvement, opt.n_iter_no_change + 1);
    cr_assert_eq(m->best_loss, best);
    cr_assert_str_eq(m->message, "the loss did not improve by tol = 0.001 "
                     "for 5 epochs in a row");
    wb_mlp_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* predict_proba, given scikit-learn's trained weights, gives its
 * probabilities: one forward pass, so only a few roundings apart. */
Test(mlp, predict_proba_matches_scikit_learn_at_the_same_weights)
{
    const double rtol = 1e-13;   /* a forward pass: about ten roundings */
    const char *names[] = {"relu_6_4_adam", "logistic_4_3_adam",
                           "tanh_4_3_sgd", "identity_5_adam",
                           "no_hidden_adam"};
    for (size_t c = 0; c < sizeof names / sizeof *names; c++) {
        fixture f = read_fixture(names[c]);
        wb_mlp *m = network_of(&f);
        wb_array *p, *label;
        memcpy(m->params, f.final->data, m->n_params * sizeof *m->params);
        p = wb_mlp_predict_proba(m, f.X);
        label = wb_mlp_predict(m, f.X);
        cr_assert(p && label);
        cr_assert_eq(p->ndim, 1);
        cr_assert_eq(p->size, f.X->shape[0]);
        for (size_t i = 0; i < p->size; i++) {
            cr_assert(near(p->data[i], f.proba->data[i], rtol, 0),
                      "%s: p[%zu] = %.17g, scikit-learn %.17g", names[c], i,
                      p->data[i], f.proba->data[i]);
            cr_assert_eq(label->data[i], p->data[i] > 0.5 ? 1.0 : 0.0);
        }
        wb_free(p);
        wb_free(label);
        wb_mlp_destroy(m);
        fixture_free(&f);
    }
}

/* ---- L-BFGS -------------------------------------------------------------- */

/* A single neuron (a logistic regression) is convex: from the same start,
 * liblbfgs and scipy's L-BFGS-B take the same steps (10 iterations, as
 * scikit-learn) to the same point, within rounding. Both stop when every
 * gradient component is within tol = 1e-4. */
Test(mlp, lbfgs_single_neuron_matches_scikit_learn)
{
    const double rtol = 1e-10, atol = 1e-12;
    fixture f = read_fixture("neuron_lbfgs");
    wb_mlp *m = network_of(&f);
    cr_assert_eq(m->n_hidden, 0);
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->n_iter, f.n_iter, "%zu iterations, scikit-learn %zu",
                 m->n_iter, f.n_iter);
    cr_assert_eq(m->stop, WB_STOP_SMALL_GRADIENT, "%s", m->message);
    cr_assert(m->converged && f.converged);
    cr_assert(near(m->loss, f.loss, rtol, 0), "loss %.17g, scikit-learn "
              "%.17g", m->loss, f.loss);
    for (size_t k = 0; k < m->n_params; k++)
        cr_assert(near(m->params[k], f.final->data[k], rtol, atol),
                  "parameter %zu: %.17g, scikit-learn %.17g", k,
                  m->params[k], f.final->data[k]);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

/* A hidden layer of 3 tanh units: the two line searches differ, so the
 * paths part (112 and 115 iterations) but end in the same minimum, where
 * the loss is flat: the losses agree to 1e-5 relative (8e-6 seen), the
 * weights only to about 0.1, along the flat directions. */
Test(mlp, lbfgs_hidden_layer_reaches_scikit_learns_minimum)
{
    const double loss_rtol = 1e-5;
    fixture f = read_fixture("tanh_3_lbfgs");
    wb_mlp *m = network_of(&f);
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert(m->converged && f.converged, "%s", m->message);
    cr_assert(near(m->loss, f.loss, loss_rtol, 0), "loss %.17g, "
              "scikit-learn %.17g", m->loss, f.loss);
    cr_assert(m->n_iter > f.n_iter * 8 / 10 && m->n_iter < f.n_iter * 12 / 10,
              "%zu iterations, scikit-learn %zu", m->n_iter, f.n_iter);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

/* The loss L-BFGS reports is the loss at the weights it returns (liblbfgs
 * 1.10 can report another after a failed line search), and each stopping
 * test ends the run with its own reason. */
Test(mlp, lbfgs_stopping_tests)
{
    fixture f = read_fixture("tanh_3_lbfgs");
    wb_mlp *m = network_of(&f);
    wb_mlp_options *opt = &m->options;
    double loss, start;
    cr_assert_eq(wb_mlp_loss_grad(&start, NULL, m, f.X, f.y, opt->alpha), 0);

    opt->max_iter = 3;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->stop, WB_STOP_MAX_ITER, "%s", m->message);
    cr_assert_eq(m->n_iter, 3);
    cr_assert(!m->converged);
    cr_assert_eq(wb_mlp_loss_grad(&loss, NULL, m, f.X, f.y, opt->alpha), 0);
    cr_assert(near(m->loss, loss, 1e-15, 0), "%.17g, %.17g", m->loss, loss);
    cr_assert(m->loss < start);
    for (size_t k = 1; k < m->n_iter; k++)
        cr_assert_leq(m->loss_curve[k], m->loss_curve[k - 1]);

    memcpy(m->params, f.init->data, m->n_params * sizeof *m->params);
    opt->max_iter = 500;
    opt->max_fun = 5;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->stop, WB_STOP_MAX_FUN, "%s", m->message);
    cr_assert_gt(m->n_fun, 5);
    cr_assert(!m->converged);

    /* Already within tol at the start: no iteration, the loss there. */
    memcpy(m->params, f.init->data, m->n_params * sizeof *m->params);
    opt->max_fun = 15000;
    opt->tol = 100;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->stop, WB_STOP_SMALL_GRADIENT, "%s", m->message);
    cr_assert_eq(m->n_iter, 0);
    cr_assert_eq(m->n_fun, 1);
    cr_assert(m->converged);
    cr_assert_eq(m->loss, start);
    for (size_t k = 0; k < m->n_params; k++)
        cr_assert_eq(m->params[k], f.init->data[k]);

    /* With tol = 0 the relative-reduction test ends the run. */
    memcpy(m->params, f.init->data, m->n_params * sizeof *m->params);
    opt->tol = 0;
    opt->max_iter = 100000;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->stop, WB_STOP_FLAT_LOSS, "%s", m->message);
    cr_assert(m->converged);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

/* ---- the gradient -------------------------------------------------------- */

/* The smallest |z| over the hidden units' inputs z = A W + b, for every
 * sample: how far the network is from a ReLU kink. */
static double min_abs_preactivation(const wb_mlp *m, const wb_array *X)
{
    double min = INFINITY;
    for (size_t l = 0; l < m->n_hidden; l++) {
        wb_array *Z = wb_mlp_layer_z(m, X, l);
        cr_assert(Z);
        for (size_t k = 0; k < Z->size; k++)
            min = fmin(min, fabs(Z->data[k]));
        wb_free(Z);
    }
    return min;
}

/* Every component of the gradient against a central difference, with a
 * penalty alpha > 0 and two hidden layers. The difference (f(x + h) -
 * f(x - h)) / 2h is off by about h^2 f''' / 6 ~ 1e-12 and by rounding
 * eps |f| / h ~ 1e-10, so 1e-8 absolute plus 1e-6 relative is safe and
 * still catches any wrong term. For relu, the data keep every unit's input
 * at least 1e-3 away from the kink, which a step of 1e-6 cannot cross. */
#define FD_STEP 1e-6
#define FD_ATOL 1e-8
#define FD_RTOL 1e-6

static void check_gradient(wb_activation_kind f, const size_t *hidden,
                           size_t n_hidden, uint64_t seed)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_mlp *m = wb_mlp_create(3, hidden, n_hidden, f, NULL);
    const double alpha = 0.3;
    double loss, *grad;
    cr_assert(m);
    wb_rng_seed(&rng, seed);
    wb_mlp_init(m, &rng);
    X = wb_random_uniform(&rng, -2, 2, 9, 3);
    y = wb_vector(9);
    cr_assert(X && y);
    for (size_t i = 0; i < 9; i++)
        y->data[i] = (double)(i % 2);
    if (f == WB_RELU)
        cr_assert_gt(min_abs_preactivation(m, X), 1e-3,
                     "seed %llu puts a relu too near its kink",
                     (unsigned long long)seed);
    grad = calloc(m->n_params, sizeof *grad);
    cr_assert(grad);
    cr_assert_eq(wb_mlp_loss_grad(&loss, grad, m, X, y, alpha), 0);
    for (size_t k = 0; k < m->n_params; k++) {
        double keep = m->params[k], up, down, fd;
        m->params[k] = keep + FD_STEP;
        cr_assert_eq(wb_mlp_loss_grad(&up, NULL, m, X, y, alpha), 0);
        m->params[k] = keep - FD_STEP;
        cr_assert_eq(wb_mlp_loss_grad(&down, NULL, m, X, y, alpha), 0);
        m->params[k] = keep;
        fd = (up - down) / (2 * FD_STEP);
        cr_assert(near(grad[k], fd, FD_RTOL, FD_ATOL),
                  "%s: dL/dparam[%zu] = %.10g, finite difference %.10g",
                  wb_activation_get(f)->name, k, grad[k], fd);
    }
    free(grad);
    wb_free(X);
    wb_free(y);
    wb_mlp_destroy(m);
}

Test(mlp, gradient_relu) { check_gradient(WB_RELU, (size_t[]){4, 3}, 2, 1); }
Test(mlp, gradient_logistic)
{
    check_gradient(WB_SIGMOID, (size_t[]){4, 3}, 2, 2);
}
Test(mlp, gradient_tanh) { check_gradient(WB_TANH, (size_t[]){4, 3}, 2, 3); }
Test(mlp, gradient_identity)
{
    check_gradient(WB_IDENTITY, (size_t[]){4, 3}, 2, 4);
}
Test(mlp, gradient_odd_widths_and_three_layers)
{
    check_gradient(WB_TANH, (size_t[]){5, 1, 3}, 3, 5);
}
Test(mlp, gradient_no_hidden_layer) { check_gradient(WB_RELU, NULL, 0, 6); }

/* The loss of the first epoch, with one batch of all the samples, is the
 * full loss at the starting weights: it is computed before the step. */
Test(mlp, epoch_loss_is_computed_before_the_step)
{
    fixture f = read_fixture("relu_5_adam");
    wb_mlp *m = network_of(&f);
    wb_mlp_options *opt = &m->options;
    double loss;
    cr_assert_eq(wb_mlp_loss_grad(&loss, NULL, m, f.X, f.y, opt->alpha), 0);
    opt->batch_size = 1000;          /* clipped to n */
    opt->max_iter = 1;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0, "%s", wb_error());
    cr_assert_eq(m->n_steps, 1);
    cr_assert(near(m->loss_curve[0], loss, 1e-15, 0), "%.17g, %.17g",
              m->loss_curve[0], loss);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

/* ---- initialisation ------------------------------------------------------ */

/* Glorot's bounds as scikit-learn sets them, and the documented order of
 * the draws: layer by layer, W row-major then b, one wb_rng_uniform each. */
static void check_glorot(wb_activation_kind f, double factor)
{
    const size_t hidden[] = {40, 30};
    wb_mlp *m = wb_mlp_create(20, hidden, 2, f, NULL);
    wb_rng rng, again;
    cr_assert(m);
    wb_rng_seed(&rng, 9);
    wb_rng_seed(&again, 9);
    wb_mlp_init(m, &rng);
    for (size_t l = 0; l <= m->n_hidden; l++) {
        const wb_mlp_layer *layer = &m->layer[l];
        size_t I = layer->fan_in, H = layer->fan_out;
        double r = sqrt(factor / (double)(I + H)), largest = 0;
        cr_assert_eq(I, l == 0 ? 20 : hidden[l - 1]);
        cr_assert_eq(H, l < 2 ? hidden[l] : 1);
        for (size_t k = 0; k < I * H; k++) {
            cr_assert(layer->W[k] >= -r && layer->W[k] < r);
            cr_assert_eq(layer->W[k], wb_rng_uniform(&again, -r, r),
                         "layer %zu W[%zu] out of order", l, k);
            largest = fmax(largest, fabs(layer->W[k]));
        }
        for (size_t h = 0; h < H; h++) {
            cr_assert(layer->b[h] >= -r && layer->b[h] < r);
            cr_assert_eq(layer->b[h], wb_rng_uniform(&again, -r, r),
                         "layer %zu b[%zu] out of order", l, h);
        }
        /* The draws fill the interval: the largest of I H >= 30 uniform
         * values is below 0.8 r with probability 0.8^30 < 0.0013. */
        if (I * H >= 30)
            cr_assert_gt(largest, 0.8 * r, "layer %zu: bound too small", l);
    }
    /* Weights, then biases, in one block: scikit-learn's packing. */
    cr_assert_eq(m->layer[0].W, m->params);
    cr_assert_eq(m->layer[1].W, m->layer[0].W + 20 * 40);
    cr_assert_eq(m->layer[2].W, m->layer[1].W + 40 * 30);
    cr_assert_eq(m->layer[0].b, m->layer[2].W + 30);
    cr_assert_eq(m->layer[2].b + 1, m->params + m->n_params);
    wb_mlp_destroy(m);
}

Test(mlp, glorot_bounds_and_draw_order)
{
    check_glorot(WB_RELU, 6);
    check_glorot(WB_TANH, 6);
    check_glorot(WB_IDENTITY, 6);
    check_glorot(WB_SIGMOID, 2);
}

/* ---- shuffling ----------------------------------------------------------- */

static bool same_state(const wb_rng *a, const wb_rng *b)
{
    return memcmp(a->s, b->s, sizeof a->s) == 0 &&
           a->has_spare == b->has_spare;
}

/* Without shuffling, no random number is drawn: the run is the same with
 * or without a generator, and the generator is left untouched. */
Test(mlp, no_shuffle_draws_nothing)
{
    fixture f = read_fixture("relu_5_adam");
    wb_mlp *a = network_of(&f), *b = network_of(&f);
    wb_rng rng, untouched;
    wb_rng_seed(&rng, 1);
    untouched = rng;
    cr_assert_eq(wb_mlp_fit(a, f.X, f.y, NULL), 0);
    cr_assert_eq(wb_mlp_fit(b, f.X, f.y, &rng), 0);
    cr_assert_eq(memcmp(a->params, b->params,
                        a->n_params * sizeof *a->params), 0);
    cr_assert(same_state(&rng, &untouched));
    wb_mlp_destroy(a);
    wb_mlp_destroy(b);
    fixture_free(&f);
}

/* With shuffling, each epoch reorders the samples with wb_rng_shuffle,
 * starting from the order of the epoch before (as scikit-learn's shuffles
 * compound), and cuts the order into consecutive batches. Replayed here
 * for a single neuron trained by plain SGD (momentum 0) one sample at a
 * time:
 *     p = sigmoid(w . x + c),  w -= lr ((p - y) x + alpha w),
 *     c -= lr (p - y). */
static void replay_sgd(double *w, double *loss_curve, const wb_array *X,
                       const wb_array *y, wb_rng *rng, bool compound,
                       double lr, double alpha, size_t epochs)
{
    size_t n = X->shape[0], order[16];
    cr_assert_leq(n, 16);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t e = 0; e < epochs; e++) {
        double sum = 0;
        if (!compound)
            for (size_t i = 0; i < n; i++)
                order[i] = i;
        wb_rng_shuffle(rng, order, n);
        for (size_t k = 0; k < n; k++) {
            size_t i = order[k];
            double z = WB_AT(X, i, 0) * w[0] + WB_AT(X, i, 1) * w[1] + w[2];
            double p = wb_sigmoid(z), d = p - y->data[i];
            sum += -(y->data[i] == 1 ? log(p) : log(1 - p)) +
                   0.5 * alpha * (w[0] * w[0] + w[1] * w[1]);
            for (int j = 0; j < 2; j++)
                w[j] -= lr * (d * WB_AT(X, i, j) + alpha * w[j]);
            w[2] -= lr * d;
        }
        loss_curve[e] = sum / n;
    }
}

Test(mlp, shuffles_compound_across_epochs)
{
    const size_t epochs = 6;
    const double lr = 0.5, alpha = 0.01;
    wb_rng data_rng, rng, replay_rng;
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    double w[3] = {0.3, -0.2, 0.1}, fresh[3] = {0.3, -0.2, 0.1};
    double curve[6], fresh_curve[6], gap = 0;
    wb_rng_seed(&data_rng, 11);
    tutorial_data(&X, &y, &data_rng, 7);
    opt.solver = WB_SGD;
    opt.momentum = 0;
    opt.learning_rate = lr;
    opt.alpha = alpha;
    opt.batch_size = 1;
    opt.max_iter = epochs;
    opt.n_iter_no_change = 100;
    opt.warm_start = true;
    wb_mlp *m = wb_mlp_create(2, NULL, 0, WB_RELU, &opt);
    cr_assert(m);
    memcpy(m->params, w, sizeof w);
    wb_rng_seed(&rng, 3);
    cr_assert_eq(wb_mlp_fit(m, X, y, &rng), 0, "%s", wb_error());
    cr_assert_eq(m->n_steps, epochs * 7);

    wb_rng_seed(&replay_rng, 3);
    replay_sgd(w, curve, X, y, &replay_rng, true, lr, alpha, epochs);
    /* The same numbers in the same order, give or take a rounding. */
    for (int j = 0; j < 3; j++)
        cr_assert(near(m->params[j], w[j], 1e-13, 1e-15),
                  "param %d: %.17g, replayed %.17g", j, m->params[j], w[j]);
    for (size_t e = 0; e < epochs; e++)
        cr_assert(near(m->loss_curve[e], curve[e], 1e-13, 0),
                  "epoch %zu: %.17g, replayed %.17g", e + 1,
                  m->loss_curve[e], curve[e]);
    /* The generator has made exactly the shuffles' draws. */
    cr_assert(same_state(&rng, &replay_rng));

    /* Shuffling afresh from 0, 1, ..., n - 1 every epoch would train
     * differently: the test above can tell the two apart. */
    wb_rng_seed(&replay_rng, 3);
    replay_sgd(fresh, fresh_curve, X, y, &replay_rng, false, lr, alpha,
               epochs);
    for (int j = 0; j < 3; j++)
        gap = fmax(gap, fabs(fresh[j] - w[j]));
    cr_assert_gt(gap, 1e-6);
    wb_mlp_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* The same seed gives the same network; another seed another one. With a
 * single batch of all the samples, the order changes only the rounding of
 * the sums, so shuffling on or off gives the same run to 1e-12. */
Test(mlp, shuffle_seeds_and_full_batches)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.warm_start = true;
    opt.max_iter = 20;
    opt.learning_rate = 0.01;
    opt.batch_size = 16;
    wb_mlp *a = wb_mlp_create(2, (size_t[]){6}, 1, WB_RELU, &opt);
    wb_mlp *b = wb_mlp_create(2, (size_t[]){6}, 1, WB_RELU, &opt);
    double start[25];
    cr_assert(a && b && a->n_params == 25);
    wb_rng_seed(&rng, 21);
    tutorial_data(&X, &y, &rng, 60);
    wb_mlp_init(a, &rng);
    memcpy(start, a->params, sizeof start);

    memcpy(b->params, start, sizeof start);
    wb_rng_seed(&rng, 1);
    cr_assert_eq(wb_mlp_fit(a, X, y, &rng), 0);
    wb_rng_seed(&rng, 1);
    cr_assert_eq(wb_mlp_fit(b, X, y, &rng), 0);
    cr_assert_eq(memcmp(a->params, b->params, sizeof start), 0);

    memcpy(b->params, start, sizeof start);
    wb_rng_seed(&rng, 2);
    cr_assert_eq(wb_mlp_fit(b, X, y, &rng), 0);
    cr_assert_neq(memcmp(a->params, b->params, sizeof start), 0);

    a->options.batch_size = 0;           /* min(200, 60): one batch */
    b->options.batch_size = 0;
    b->options.shuffle = false;
    memcpy(a->params, start, sizeof start);
    memcpy(b->params, start, sizeof start);
    cr_assert_eq(wb_mlp_fit(a, X, y, &rng), 0);
    cr_assert_eq(wb_mlp_fit(b, X, y, NULL), 0);
    cr_assert_eq(a->n_steps, 20);
    for (size_t k = 0; k < 20; k++)
        cr_assert(near(a->loss_curve[k], b->loss_curve[k], 1e-12, 0));
    for (size_t k = 0; k < 25; k++)
        cr_assert(near(a->params[k], b->params[k], 1e-12, 1e-14));
    wb_mlp_destroy(a);
    wb_mlp_destroy(b);
    wb_free(X);
    wb_free(y);
}

/* ---- the tutorial's problem ---------------------------------------------- */

/* 50 ReLU units, scikit-learn's defaults and max_iter = 10000, on 500
 * training points, scored on 500 fresh ones, over 10 seeds: the mean test
 * accuracy is no worse than scikit-learn's mean (0.9892, on numpy's
 * samples for seeds 0 to 9) by more than 0.01. One seed's accuracy has a
 * standard error of about 0.005, the mean of ten about 0.0015. */
Test(mlp, tutorial_accuracy_as_good_as_scikit_learn)
{
    fixture f = read_fixture("tutorial");
    double sum = 0;
    const size_t seeds = 10;
    for (size_t s = 0; s < seeds; s++) {
        wb_rng rng;
        wb_array *X, *y, *Xt, *yt, *label;
        wb_mlp_options opt = wb_mlp_default_options();
        size_t right = 0;
        opt.max_iter = 10000;
        wb_mlp *m = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, &opt);
        wb_rng_seed(&rng, s);
        tutorial_data(&X, &y, &rng, 500);
        tutorial_data(&Xt, &yt, &rng, 500);
        cr_assert(m);
        cr_assert_eq(wb_mlp_fit(m, X, y, &rng), 0, "%s", wb_error());
        cr_assert(m->converged, "seed %zu: %s", s, m->message);
        label = wb_mlp_predict(m, Xt);
        cr_assert(label);
        for (size_t i = 0; i < 500; i++)
            right += label->data[i] == yt->data[i];
        sum += right / 500.0;
        wb_free(X);
        wb_free(y);
        wb_free(Xt);
        wb_free(yt);
        wb_free(label);
        wb_mlp_destroy(m);
    }
    cr_assert_eq(f.accuracy->size, seeds);
    cr_assert_geq(sum / seeds, f.mean_accuracy - 0.01,
                  "mean accuracy %.4f, scikit-learn %.4f", sum / seeds,
                  f.mean_accuracy);
    fixture_free(&f);
}

/* ---- what the book reads off a network ----------------------------------- */

/* Layer 0's output is relu(X W + b), unit by unit; the last layer's is
 * predict_proba; predict is p > 0.5. */
Test(mlp, layer_outputs)
{
    wb_rng rng;
    wb_array *X, *h, *p, *last;
    wb_mlp *m = wb_mlp_create(2, (size_t[]){7, 3}, 2, WB_RELU, NULL);
    cr_assert(m);
    wb_rng_seed(&rng, 8);
    wb_mlp_init(m, &rng);
    X = wb_random_uniform(&rng, -1, 1, 600, 2);    /* more than a chunk */
    h = wb_mlp_layer_output(m, X, 0);
    p = wb_mlp_predict_proba(m, X);
    last = wb_mlp_layer_output(m, X, 2);
    cr_assert(X && h && p && last);
    cr_assert(h->ndim == 2 && h->shape[0] == 600 && h->shape[1] == 7);
    cr_assert(last->ndim == 2 && last->shape[0] == 600 && last->shape[1] == 1);
    for (size_t n = 0; n < 600; n++) {
        for (size_t u = 0; u < 7; u++) {
            const wb_mlp_layer *first = &m->layer[0];
            double z = WB_AT(X, n, 0) * first->W[0 * 7 + u] +
                       WB_AT(X, n, 1) * first->W[1 * 7 + u] + first->b[u];
            cr_assert(near(WB_AT(h, n, u), z > 0 ? z : 0, 1e-15, 1e-16),
                      "sample %zu unit %zu", n, u);
        }
        cr_assert_eq(last->data[n], p->data[n]);
        cr_assert(p->data[n] > 0 && p->data[n] < 1);
    }
    wb_free(X);
    wb_free(h);
    wb_free(p);
    wb_free(last);
    wb_mlp_destroy(m);
}

/* The weighted inputs Z = A W + b of each layer, A being what comes in
 * (X, then the layer below's outputs): by hand, to rounding; each hidden
 * layer's outputs are exactly f(Z), and the output unit's p is sigmoid(z)
 * to rounding (the forward pass adds its terms in another order). */
Test(mlp, weighted_inputs)
{
    wb_rng rng;
    wb_mlp *m = wb_mlp_create(2, (size_t[]){7, 3}, 2, WB_TANH, NULL);
    cr_assert(m);
    wb_rng_seed(&rng, 8);
    wb_mlp_init(m, &rng);
    wb_array *X = wb_random_uniform(&rng, -1, 1, 600, 2);   /* > a chunk */
    wb_array *p = wb_mlp_predict_proba(m, X);
    cr_assert(X && p);
    for (size_t l = 0; l <= m->n_hidden; l++) {
        const wb_mlp_layer *layer = &m->layer[l];
        size_t H = layer->fan_out;
        wb_array *in = l == 0 ? wb_copy(X) : wb_mlp_layer_output(m, X, l - 1);
        wb_array *Z = wb_mlp_layer_z(m, X, l);
        wb_array *A = wb_mlp_layer_output(m, X, l);
        cr_assert(in && Z && A);
        cr_assert(Z->ndim == 2 && Z->shape[0] == 600 && Z->shape[1] == H);
        for (size_t n = 0; n < 600; n++)
            for (size_t h = 0; h < H; h++) {
                double z = layer->b[h];
                for (size_t i = 0; i < layer->fan_in; i++)
                    z += WB_AT(in, n, i) * layer->W[i * H + h];
                cr_assert(near(WB_AT(Z, n, h), z, 1e-14, 1e-15),
                          "layer %zu, sample %zu, unit %zu: Z = %.17g, by "
                          "hand %.17g", l, n, h, WB_AT(Z, n, h), z);
                if (l < m->n_hidden)
                    cr_assert_eq(WB_AT(A, n, h), tanh(WB_AT(Z, n, h)));
                else
                    cr_assert(near(p->data[n], wb_sigmoid(WB_AT(Z, n, h)),
                                   1e-15, 0));
            }
        wb_free(in);
        wb_free(Z);
        wb_free(A);
    }
    wb_free(X);
    wb_free(p);
    wb_mlp_destroy(m);
}

static size_t calls;
static double seen[100];

static int stop_at_five(void *data, size_t epoch, double loss)
{
    cr_assert_eq(data, &calls);
    cr_assert_eq(epoch, calls + 1, "epochs come in order from 1");
    seen[calls++] = loss;
    return epoch == 5;
}

/* The progress hook sees every epoch (or iteration) and its loss, and can
 * stop the training. */
Test(mlp, progress_hook)
{
    fixture f = read_fixture("relu_5_adam");
    wb_mlp *m = network_of(&f);
    wb_mlp_options *opt = &m->options;
    opt->progress = stop_at_five;
    opt->progress_data = &calls;
    calls = 0;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0);
    cr_assert_eq(calls, 5);
    cr_assert_eq(m->n_iter, 5);
    cr_assert_eq(m->stop, WB_STOP_HOOK);
    cr_assert(!m->converged);
    cr_assert_str_eq(m->message, "stopped by the progress hook after 5 "
                     "epochs");
    for (size_t k = 0; k < 5; k++)
        cr_assert_eq(seen[k], m->loss_curve[k]);

    memcpy(m->params, f.init->data, m->n_params * sizeof *m->params);
    opt->solver = WB_LBFGS;
    calls = 0;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0);
    cr_assert_eq(m->n_iter, 5);
    cr_assert_eq(m->stop, WB_STOP_HOOK);
    cr_assert(!m->converged);
    cr_assert_str_eq(m->message, "stopped by the progress hook after 5 "
                     "iterations");
    for (size_t k = 0; k < 5; k++)
        cr_assert_eq(seen[k], m->loss_curve[k]);
    wb_mlp_destroy(m);
    fixture_free(&f);
}

Test(mlp, max_iter_is_reported_as_not_converged)
{
    fixture f = read_fixture("relu_5_adam");
    wb_mlp *m = network_of(&f);
    wb_mlp_options *opt = &m->options;
    opt->max_iter = 3;
    cr_assert_eq(wb_mlp_fit(m, f.X, f.y, NULL), 0);
    cr_assert_eq(m->stop, WB_STOP_MAX_ITER);
    cr_assert(!m->converged);
    cr_assert_eq(m->n_steps, 3 * 4, "3 epochs of 4 batches (16+16+16+2)");
    cr_assert_str_eq(wb_stop_name(m->stop), "max_iter");
    cr_assert_str_eq(m->message, "stopped at max_iter = 3 epochs");
    wb_mlp_destroy(m);
    fixture_free(&f);
}

/* ---- training one epoch at a time ------------------------------------- */

/* Two networks of the tutorial's shape on its 500 points, from the same
 * generator state: one trained by wb_mlp_fit, the other one epoch at a
 * time, read between the epochs (its map and its hidden layer), as a
 * page that draws it while it learns reads it. They end the same to the
 * bit: weights, loss curve, counts, stop and message, and the generator's
 * state. */
Test(mlp, training_epoch_by_epoch_gives_the_fit)
{
    wb_rng rng, by_fit, by_epochs;
    wb_array *X, *y, *grid;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = 10000;
    wb_mlp *a = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, &opt);
    wb_mlp *b = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, &opt);
    wb_mlp_training *t;
    size_t epochs = 0;
    int status;

    wb_rng_seed(&rng, 2);
    grid = wb_random_uniform(&rng, -1, 1, 50, 2);   /* points to read */
    wb_rng_seed(&rng, 1);
    tutorial_data(&X, &y, &rng, 500);
    cr_assert(a && b && grid);
    by_fit = by_epochs = rng;
    cr_assert_eq(wb_mlp_fit(a, X, y, &by_fit), 0, "%s", wb_error());
    t = wb_mlp_train_start(b, X, y, &by_epochs);
    cr_assert(t, "%s", wb_error());
    while ((status = wb_mlp_train_epoch(t)) == 0) {
        wb_array *p = wb_mlp_predict_proba(b, grid);
        wb_array *h = wb_mlp_layer_output(b, grid, 0);
        cr_assert(p && h);
        cr_assert_eq(b->n_iter, ++epochs);
        wb_free(p);
        wb_free(h);
    }
    cr_assert_eq(status, 1);
    cr_assert_eq(wb_mlp_train_epoch(t), 1, "no epoch after the stop");
    wb_mlp_train_end(t);

    cr_assert_eq(b->n_iter, epochs + 1);
    cr_assert_eq(a->n_iter, b->n_iter);
    cr_assert_eq(a->n_steps, b->n_steps);
    cr_assert_eq(a->stop, b->stop);
    cr_assert(a->converged && b->converged);
    cr_assert_str_eq(a->message, b->message);
    cr_assert_eq(a->best_loss, b->best_loss);
    cr_assert_eq(a->no_improvement, b->no_improvement);
    cr_assert(memcmp(a->params, b->params,
                     a->n_params * sizeof *a->params) == 0);
    cr_assert(memcmp(a->loss_curve, b->loss_curve,
                     a->n_iter * sizeof *a->loss_curve) == 0);
    cr_assert(memcmp(&by_fit, &by_epochs, sizeof by_fit) == 0);
    wb_mlp_destroy(a);
    wb_mlp_destroy(b);
    wb_free(X);
    wb_free(y);
    wb_free(grid);
}

/* L-BFGS has no epochs; a training that diverges says so, and stays
 * failed. */
Test(mlp, training_epoch_by_epoch_refuses_and_fails_as_the_fit)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    wb_mlp *m = wb_mlp_create(2, (size_t[]){4}, 1, WB_IDENTITY, &opt);
    wb_mlp_training *t;
    int status;
    cr_assert(m);
    wb_rng_seed(&rng, 4);
    tutorial_data(&X, &y, &rng, 40);

    m->options.solver = WB_LBFGS;
    cr_assert_null(wb_mlp_train_start(m, X, y, &rng));
    cr_assert(strstr(wb_error(), "L-BFGS trains by iterations"), "%s",
              wb_error());
    m->options.solver = WB_SGD;
    m->options.learning_rate = 0;
    cr_assert_null(wb_mlp_train_start(m, X, y, &rng));
    cr_assert(strstr(wb_error(), "learning_rate = 0"), "%s", wb_error());

    m->options.learning_rate = 1e200;
    t = wb_mlp_train_start(m, X, y, &rng);
    cr_assert(t, "%s", wb_error());
    while ((status = wb_mlp_train_epoch(t)) == 0)
        cr_assert(m->n_iter < 10, "no divergence in %zu epochs", m->n_iter);
    cr_assert_eq(status, -1);
    cr_assert(strstr(wb_error(), "diverged"), "%s", wb_error());
    cr_assert_eq(wb_mlp_train_epoch(t), -1, "failed for good");
    cr_assert_eq(m->stop, WB_STOP_NOT_FITTED);
    cr_assert(!m->converged);
    wb_mlp_train_end(t);
    wb_mlp_train_end(NULL);
    wb_mlp_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* ---- bad input ----------------------------------------------------------- */

/* Training m with the options opt must fail, saying `words`. */
static void expect_failure(wb_mlp *m, const wb_array *X, const wb_array *y,
                           const wb_mlp_options *opt, const char *words)
{
    wb_rng rng;
    wb_rng_seed(&rng, 1);
    m->options = *opt;
    cr_assert_eq(wb_mlp_fit(m, X, y, &rng), -1, "accepted: %s", words);
    cr_assert(strstr(wb_error(), words), "'%s' does not say '%s'",
              wb_error(), words);
    cr_assert_eq(m->stop, WB_STOP_NOT_FITTED);
}

Test(mlp, bad_input_is_refused_with_a_clear_message)
{
    wb_mlp *m = wb_mlp_create(2, (size_t[]){3}, 1, WB_RELU, NULL);
    wb_array *X = wb_matrix(4, 2), *y = wb_vector(4);
    wb_array *none = wb_matrix(0, 2), *no_y = wb_vector(0);
    wb_mlp_options good = wb_mlp_default_options(), opt;
    cr_assert(m && X && y && none && no_y);
    y->data[1] = 1;

    cr_assert_null(wb_mlp_create(0, (size_t[]){3}, 1, WB_RELU, NULL));
    cr_assert(strstr(wb_error(), "at least one input"), "%s", wb_error());
    cr_assert_null(wb_mlp_create(2, (size_t[]){3, 0}, 2, WB_RELU, NULL));
    cr_assert(strstr(wb_error(), "hidden layer 2 has no unit"), "%s",
              wb_error());

    expect_failure(m, none, no_y, &good, "no samples");
    WB_AT(X, 2, 1) = NAN;
    expect_failure(m, X, y, &good, "X[2][1] = nan");
    WB_AT(X, 2, 1) = INFINITY;
    expect_failure(m, X, y, &good, "finite");
    WB_AT(X, 2, 1) = 0;
    y->data[3] = 2;
    expect_failure(m, X, y, &good, "y[3] = 2: the labels must be 0 or 1");
    y->data[3] = 0.5;
    expect_failure(m, X, y, &good, "0 or 1");
    y->data[3] = 0;

/* Refused by wb_mlp_create and by wb_mlp_fit. */
#define BAD(field, value, words)                                           \
    do {                                                                    \
        opt = good;                                                         \
        opt.field = value;                                                  \
        cr_assert_null(wb_mlp_create(2, (size_t[]){3}, 1, WB_RELU, &opt),   \
                       #field " accepted");                                 \
        cr_assert(strstr(wb_error(), words), "%s", wb_error());             \
        expect_failure(m, X, y, &opt, words);                               \
    } while (0)
    BAD(alpha, -1, "alpha = -1");
    BAD(alpha, NAN, "alpha");
    BAD(learning_rate, 0, "learning_rate = 0");
    BAD(learning_rate, -0.1, "learning_rate");
    BAD(max_iter, 0, "max_iter = 0");
    BAD(tol, -1, "tol = -1");
    BAD(tol, NAN, "tol");
    BAD(n_iter_no_change, 0, "n_iter_no_change");
    BAD(beta1, 1, "beta1");
    BAD(beta2, -0.5, "beta2");
    BAD(epsilon, 0, "epsilon");
    BAD(momentum, 1.5, "momentum");
    BAD(max_fun, 0, "max_fun");
    BAD(ftol, -1, "ftol = -1");
    BAD(solver, (wb_solver)7, "solver 7 is not adam, sgd or lbfgs");
    BAD(solver, WB_NEWTON, "solver 3 is not adam, sgd or lbfgs");
#undef BAD
    /* Options left at zero are refused: they must start from the
     * defaults. */
    expect_failure(m, X, y, &(wb_mlp_options){0}, "learning_rate = 0");
    /* And the same model and data train once the input is good. */
    m->options = good;
    m->options.max_iter = 2;
    {
        wb_rng rng;
        wb_rng_seed(&rng, 1);
        cr_assert_eq(wb_mlp_fit(m, X, y, &rng), 0, "%s", wb_error());
        cr_assert_eq(m->n_iter, 2);
    }
    wb_mlp_destroy(m);
    wb_free(X);
    wb_free(y);
    wb_free(none);
    wb_free(no_y);
}

/* A learning rate far too large blows the weights up: the loss stops
 * being finite, and the fit says so. */
Test(mlp, divergence_is_an_error)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.solver = WB_SGD;
    opt.learning_rate = 1e200;
    wb_mlp *m = wb_mlp_create(2, (size_t[]){4}, 1, WB_IDENTITY, &opt);
    cr_assert(m);
    wb_rng_seed(&rng, 4);
    tutorial_data(&X, &y, &rng, 40);
    cr_assert_eq(wb_mlp_fit(m, X, y, &rng), -1);
    cr_assert(strstr(wb_error(), "diverged"), "%s", wb_error());
    cr_assert_eq(m->stop, WB_STOP_NOT_FITTED);
    wb_mlp_destroy(m);
    wb_free(X);
    wb_free(y);
}

/* Shapes that do not match are programming errors: they abort. */
Test(mlp, wrong_number_of_inputs_aborts, .signal = SIGABRT)
{
    wb_mlp_options opt = wb_mlp_default_options();
    opt.warm_start = true;
    opt.shuffle = false;
    wb_mlp *m = wb_mlp_create(3, (size_t[]){2}, 1, WB_RELU, &opt);
    wb_array *X = wb_matrix(5, 2), *y = wb_vector(5);
    wb_mlp_fit(m, X, y, NULL);
}

Test(mlp, wrong_number_of_labels_aborts, .signal = SIGABRT)
{
    wb_mlp *m = wb_mlp_create(2, (size_t[]){2}, 1, WB_RELU, NULL);
    wb_array *X = wb_matrix(5, 2), *y = wb_vector(4);
    double loss;
    wb_mlp_loss_grad(&loss, NULL, m, X, y, 0);
}

Test(mlp, destroy_null_does_nothing)
{
    wb_mlp_destroy(NULL);
    cr_assert_str_eq(wb_stop_name(WB_STOP_NO_IMPROVEMENT),
                     "no improvement");
}
