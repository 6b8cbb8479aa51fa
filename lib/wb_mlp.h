/* wb_mlp.h: a multi-layer perceptron for binary classification, trained as
 * scikit-learn 1.2.1's MLPClassifier trains it.
 *
 * The network reads D inputs, passes them through L hidden layers of
 * H_1, ..., H_L units that share one activation (relu, logistic, tanh or
 * identity), and ends in one logistic output unit whose value
 *
 *     p = P(y = 1 | x)
 *
 * is the probability of category 1. With no hidden layer (L = 0) it is a
 * logistic regression. Training minimises the mean log-loss plus an L2
 * penalty on the weights, with Adam (scikit-learn's default), plain SGD
 * with momentum, or L-BFGS (liblbfgs, through wb_optim.h), and stops by
 * scikit-learn's rules.
 *
 * Using it:
 *
 *     wb_mlp_options opt = wb_mlp_default_options();
 *     opt.max_iter = 10000;
 *     wb_mlp *net = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, &opt);
 *     if (!net || wb_mlp_fit(net, X, y, &rng) != 0)
 *         ... wb_error() says why ...
 *     wb_array *p = wb_mlp_predict_proba(net, X_test);
 *     wb_mlp_destroy(net);
 *
 * As in a wb_logreg, the options live in the model (net->options, used by
 * the next fit), and the fit says what it did in the same fields: n_iter,
 * n_fun, loss, loss_curve, stop, converged, message. The model knows no
 * figures and prints nothing: what a book or a program shows (the loss
 * curve, the stopping reason, the hidden units' weighted inputs and
 * outputs, the first layer's weights) is in the struct or one call away.
 */
#ifndef WB_MLP_H
#define WB_MLP_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_activation.h"
#include "wb_array.h"
#include "wb_optim.h"
#include "wb_rng.h"

/* One layer: it maps the I values coming in to its H units,
 *     out = f(in W + b)
 * W[i * H + h] is the weight from input i to unit h. In the first layer
 * of a network of two inputs, unit h computes
 *     z = W[h] x1 + W[H + h] x2 + b[h]
 * and a ReLU unit switches on across the line z = 0. */
typedef struct wb_mlp_layer {
    size_t fan_in;   /* I */
    size_t fan_out;  /* H; 1 for the output unit */
    double *W;       /* (I, H), row-major, inside the model's params */
    double *b;       /* (H,), inside the model's params */
} wb_mlp_layer;

/* The solvers an MLP takes: WB_ADAM (scikit-learn's default), WB_SGD
 * (constant learning rate, (Nesterov's) momentum) and WB_LBFGS (full
 * batch). */
#define WB_MLP_SOLVERS \
    (WB_SOLVER(WB_ADAM) | WB_SOLVER(WB_SGD) | WB_SOLVER(WB_LBFGS))

/* The progress hook: called after each epoch (adam, sgd) or iteration
 * (lbfgs), counted from 1, with that epoch's loss. Returning non-zero
 * stops the training there. */
typedef int (*wb_mlp_progress)(void *data, size_t epoch, double loss);

typedef struct wb_mlp_options {
    wb_solver solver;         /* WB_ADAM */
    double alpha;             /* 1e-4: the L2 penalty */
    double learning_rate;     /* 1e-3 (adam, sgd) */
    size_t batch_size;        /* 0: min(200, n); otherwise clipped to
                                 [1, n] (adam, sgd) */
    size_t max_iter;          /* 200 epochs (adam, sgd) or iterations */
    double tol;               /* 1e-4 */
    size_t n_iter_no_change;  /* 10 (adam, sgd) */
    bool shuffle;             /* true: reshuffle the samples every epoch */
    double beta1, beta2;      /* 0.9, 0.999 (adam) */
    double epsilon;           /* 1e-8 (adam) */
    double momentum;          /* 0.9 (sgd) */
    bool nesterov;            /* true (sgd) */
    size_t max_fun;           /* 15000 evaluations (lbfgs) */
    double ftol;              /* WB_FTOL (lbfgs; see wb_optim.c) */
    bool warm_start;          /* false: wb_mlp_init first; true: start from
                                 the weights in the model */
    wb_mlp_progress progress; /* NULL: none */
    void *progress_data;      /* passed to progress */
} wb_mlp_options;

/* MLPClassifier's defaults, listed above. */
wb_mlp_options wb_mlp_default_options(void);

typedef struct wb_mlp {
    size_t n_inputs;                /* D */
    size_t n_hidden;                /* L, the hidden layers */
    wb_activation_kind activation;  /* of every hidden unit */
    wb_mlp_layer *layer;            /* (L + 1,): the hidden layers, then the
                                       output unit (fan_out 1) */
    size_t n_params;                /* P, every weight and bias */
    double *params;                 /* (P,): every layer's W, in order, then
                                       every layer's b (scikit-learn's
                                       packing for L-BFGS) */
    wb_mlp_options options;         /* used by the next wb_mlp_fit */

    /* What the last wb_mlp_fit did, named as in a wb_logreg. */
    size_t n_iter;        /* epochs (adam, sgd) or iterations (lbfgs) */
    size_t n_fun;         /* lbfgs: evaluations of the loss */
    double loss;          /* the last of the curve (lbfgs: at the weights
                             it returned; the loss at the start if it did
                             no iteration) */
    double *loss_curve;   /* (n_iter,): adam, sgd: each epoch's mean batch
                             loss; lbfgs: the loss after each iteration */
    wb_stop stop;         /* why it stopped */
    bool converged;
    char message[WB_MESSAGE_SIZE];  /* why it stopped, in words */
    int lbfgs_status;     /* lbfgs: what liblbfgs returned */
    size_t n_steps;       /* adam, sgd: parameter updates (mini-batches) */
    double best_loss;     /* adam, sgd: the lowest epoch loss */
    size_t no_improvement;  /* adam, sgd: epochs in a row above
                               best_loss - tol */
    size_t loss_capacity; /* room in loss_curve */
} wb_mlp;

/* A network of n_inputs inputs, n_hidden hidden layers of hidden[0], ...,
 * hidden[n_hidden - 1] units (hidden may be NULL when n_hidden is 0), and
 * one output unit, to be trained with `options` (NULL:
 * wb_mlp_default_options()). The weights are zero until wb_mlp_init or
 * wb_mlp_fit. NULL, with an error, if a size is 0 or an option bad. */
wb_mlp *wb_mlp_create(size_t n_inputs, const size_t *hidden, size_t n_hidden,
                      wb_activation_kind activation,
                      const wb_mlp_options *options);
/* wb_mlp_destroy(NULL) does nothing. */
void wb_mlp_destroy(wb_mlp *m);

/* Glorot's uniform initialisation, with scikit-learn's bounds: each
 * layer's weights and biases are drawn uniform in [-r, r) with
 *     r = sqrt(6 / (I + H)),   or sqrt(2 / (I + H)) for logistic units,
 * layer by layer (the output unit last), for each layer W in row-major
 * order and then b, one wb_rng_uniform each. */
void wb_mlp_init(wb_mlp *m, wb_rng *rng);

/* Trains the network on X: (n, D) and y: (n,) of 0 and 1, with
 * m->options. Unless options.warm_start, the weights are drawn first
 * (wb_mlp_init); with options.shuffle, the sample order is shuffled every
 * epoch with wb_rng_shuffle, each shuffle starting from the last order.
 * rng may be NULL when neither draws. Adam's and SGD's state, the loss
 * curve and the stopping rule start afresh at every call, warm start or
 * not.
 *
 * Returns 0 when the training ran, converged or not (see m->stop,
 * m->converged and m->message), and -1 with an error for bad input (no
 * sample, a value that is not finite, a label other than 0 and 1, a
 * negative alpha, ...), when the loss stops being finite, or when memory
 * runs out. */
int wb_mlp_fit(wb_mlp *m, const wb_array *X, const wb_array *y,
               wb_rng *rng);

/* Training one epoch at a time (adam, sgd), for a program that shows the
 * network while it learns:
 *
 *     wb_mlp_training *t = wb_mlp_train_start(net, X, y, &rng);
 *     int status = t ? 0 : -1;
 *     while (status == 0 && (status = wb_mlp_train_epoch(t)) == 0)
 *         ... draw net, its loss_curve ...
 *     wb_mlp_train_end(t);
 *
 * wb_mlp_train_start does what wb_mlp_fit does first (the checks, the
 * first weights, the fields that say what the fit did), and NULL with an
 * error where wb_mlp_fit would fail, or for L-BFGS. X, y and rng must
 * live until wb_mlp_train_end. wb_mlp_train_epoch trains one epoch and
 * returns 0 to go on, 1 once the stopping rule has ended the training
 * (m->stop, m->converged, m->message), -1 with an error when the loss
 * stops being finite or memory runs out (and -1 or 1 again if called
 * after). Between two epochs the model can be read (predictions, layers,
 * loss curve), not changed. Run to its end, the training gives the
 * network that wb_mlp_fit gives, bit for bit: wb_mlp_fit runs it.
 * wb_mlp_train_end(NULL) does nothing. */
typedef struct wb_mlp_training wb_mlp_training;
wb_mlp_training *wb_mlp_train_start(wb_mlp *m, const wb_array *X,
                                    const wb_array *y, wb_rng *rng);
int wb_mlp_train_epoch(wb_mlp_training *t);
void wb_mlp_train_end(wb_mlp_training *t);

/* p = P(y = 1 | x) for every row of X: (n, D). A new (n,) array. */
wb_array *wb_mlp_predict_proba(const wb_mlp *m, const wb_array *X);
/* The predicted category, 1 where p > 0.5 and 0 elsewhere. A new (n,)
 * array. */
wb_array *wb_mlp_predict(const wb_mlp *m, const wb_array *X);
/* The outputs of layer l (0 <= l <= L) for every row of X: a new (n, H_l)
 * array; hidden layer l's units after their activation, or, for l = L,
 * the output unit's p as (n, 1). */
wb_array *wb_mlp_layer_output(const wb_mlp *m, const wb_array *X, size_t l);
/* The weighted inputs of layer l (0 <= l <= L), Z = A W + b, for every row
 * of X: a new (n, H_l) array. A is what comes into the layer: X for
 * l = 0, else layer l - 1's outputs; hidden layer l's outputs are f(Z).
 * For l = L, Z is the output unit's z, whose sigmoid is p (the forward
 * pass adds the same terms in another order, for speed: they agree to
 * rounding). */
wb_array *wb_mlp_layer_z(const wb_mlp *m, const wb_array *X, size_t l);

/* The objective of one batch, here all of X: (n, D), y: (n,),
 *     L = mean log-loss + alpha / (2 n) sum_l ||W_l||^2,
 * into *loss, and dL/dparams into grad: (P,), laid out as m->params (grad
 * may be NULL). This is what L-BFGS minimises, and what each mini-batch
 * of Adam and SGD computes. Returns 0, or -1 when memory runs out. */
int wb_mlp_loss_grad(double *loss, double *grad, const wb_mlp *m,
                     const wb_array *X, const wb_array *y, double alpha);

#endif
