/*md
# A hidden layer finds the non-linearity

Chapter 4 posed a problem that no straight line solves: 500 points spread
uniformly over the square $[-1, 1]^2$, in category 1 where $x_1 x_2 > 0$
(both coordinates of the same sign: the bottom-left and top-right
quadrants) and in category 0 elsewhere. A logistic regression on $x_1$ and
$x_2$ did no better than a coin. A logistic regression on the new variable
$u = x_1 x_2$ did almost perfectly, but only because we looked at the
problem and chose $u$ for it.

Here the network does the choosing. Between the two inputs and the output
neuron we put a *hidden layer* of 50 neurons (@fig:network, the first
step's picture), and training alone decides what they compute. Each hidden
neuron can only fold the plane along one straight line; training turns the
50 folds until their sum bends the boundary onto the two axes.
@fig:snapshots shows it happen, epoch by epoch. The trained network puts
between 97 and 99 test points in 100 in the right category, whatever
the sample. Then this chapter does what the original tutorial leaves undone:
it opens the network and looks at each hidden neuron, to see how 50 simple
pieces make a curved boundary, and finds that the hidden layer has
invented a variable that does the work of $u$ (@fig:hidden_space).

The network is scikit-learn's `MLPClassifier`, rewritten in C in the
workbook's library (`lib/wb_mlp.c`); from the same starting weights it
computes the same numbers as scikit-learn 1.2 to 15 digits. The steps show
its forward pass, its backward pass and its optimiser, straight from the
library's source. The book keeps chapter 4's convention throughout:
category 1 is the pair of same-sign quadrants. (The original labels these
points 1 in its code but calls them category 0 in its text, and it tests
with $x_1 x_2 > 0$ after training with $x_1 x_2 \geq 0$.)

To go through the steps in a terminal, run

```sh
build/chapters/05_mlp --step
```

or give it `--help` to see the network's parameters: the size of the hidden
layer, its activation, the optimiser and its settings can all be changed
from the command line.

The program opens with those parameters, scikit-learn's defaults unless
given (and the original's 10000 epochs at most), with the options of the
exercises; then what the steps share: the two samples, the trained network
and its map.
*/

/* fold: the headers, the chapter's parameters, a grid over the square */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

#define PI 3.14159265358979323846
#define SAMPLES 10        /* the fresh samples a test accuracy's spread is
                             measured over */
#define COMPARE_SAMPLES 5 /* ... for each network of the comparison */

/* The chapter's parameters. The first three are words and lists, which
 * check_params reads before any step runs; the runtime checks the numbers. */
static const char *hidden_arg = "50";     /* --hidden: the layers' sizes */
static const char *activation_arg = "relu";
static const char *solver_arg = "adam";
static double alpha = 1e-4;               /* the L2 penalty */
static double learning_rate = 1e-3;
static long batch_size = 0;               /* 0: min(200, n) */
static long max_iter = 10000;             /* the original's; 200 is short */
static double tol = 1e-4;
static bool no_shuffle = false;
static const char *data_path = NULL;      /* --data: the training sample */
static const char *test_path = NULL;      /* --test-data: the test sample */
static bool held_out = false;             /* the test sample is a fifth of
                                             --data's, held out (no
                                             --test-data) */
static const char *predict = NULL;        /* exercise 1: learns or fails */

/* What check_params makes of --hidden, --activation and --solver. */
#define MAX_LAYERS 8
#define MAX_UNITS 1000
static size_t hidden[MAX_LAYERS];         /* the hidden layers' sizes */
static size_t n_hidden;                   /* how many hidden layers */
static wb_activation_kind activation;
static wb_solver solver;

/* A grid of n x n points over the square [-1, 1]^2, as chapter 3 makes
 * one: the meshgrid xx, yy: (n, n), and its points, one per row. */
typedef struct grid {
    size_t n;
    wb_array *xx, *yy;          /* (n, n) */
    wb_array *points;           /* (n * n, 2) */
} grid;

/* fold: what the steps share */
/* What the steps share, as a notebook's cells share variables. */
#define SNAPSHOTS 3              /* copies kept while training: epochs */
static const size_t snapshot_epoch[SNAPSHOTS] = {0, 30, 100};
static struct {
    wb_array *X, *y;            /* the training sample: (N, 2), (N,) */
    wb_array *X_test, *y_test;  /* the test sample: (N, 2), (N,) */
    wb_rng start;               /* the generator after both samples */
    wb_mlp *net;                /* the trained network */
    wb_mlp *snap[SNAPSHOTS];    /* copies of it at snapshot_epoch[k] */
    size_t nsnaps;
    grid map;                   /* the grid of the maps, 100 x 100 */
    wb_array *proba;            /* p over it: (100, 100) */
    size_t pick[4], npick;      /* the units the hidden maps show */
    double train_accuracy, test_accuracy;
    wb_array *file_X, *file_y;      /* --data's sample, read before step 1 */
    wb_array *file_Xt, *file_yt;    /* --test-data's */
} ch;

/*md
## The network

The network has three layers. The *input layer* is just the two numbers
$x_1$ and $x_2$. The *hidden layer* has 50 neurons, numbered $h = 1$ to 50,
each one like chapter 1's neuron with two inputs instead of one: neuron $h$
computes a weighted sum and passes it through an activation function $f$,

$$z_h = W_{1h} x_1 + W_{2h} x_2 + b_h, \qquad a_h = f(z_h),$$ {#eq:hidden}

here the ReLU, $f(z) = \max(0, z)$. The *output layer* is one sigmoid
neuron that reads the 50 values $a_h$ as a logistic regression reads its
inputs:

$$p = \sigma(z), \qquad z = \sum_h v_h a_h + c,$$ {#eq:output}

the probability of category 1. Every hidden neuron has 3 parameters (two
weights and a bias), and the output neuron 51 (a weight for each hidden
neuron, and a bias): 201 numbers in all, for training to find. (The
original asks scikit-learn for `hidden_layer_sizes=(50)`, which Python
reads as the number 50, not the tuple `(50,)` of one layer; scikit-learn
accepts either. Here the layers are `--hidden 50`, or `--hidden 50,20` for
two.)

The step makes the network, prints its layers' shapes and draws it
(@fig:network): every input feeds every hidden neuron, and every hidden
neuron feeds the output. The library's `wb_mlp_create` makes it from the
number of inputs, 2, the sizes of the hidden layers (`hidden`, of
`n_hidden` layers: `{50}` and 1 here) and their activation; `NULL` leaves
the training options at scikit-learn's defaults. Its weights are all zero
until training draws them. The diagram shows 4 of the hidden neurons, an
ellipsis for the next 43, and the last 3.
*/
static int network(wb_run *run)
{
    wb_mlp *net = wb_keep(run, wb_mlp_create(2, hidden, n_hidden,
                                              activation, NULL));
    if (!net)
        return -1;

    /* fold: prints the layers' shapes, and draws the network */
    size_t sizes[MAX_LAYERS + 2] = {2};
    for (size_t l = 0; l <= net->n_hidden; l++) {
        const wb_mlp_layer *layer = &net->layer[l];
        sizes[l + 1] = layer->fan_out;
        printf("%-14s W (%zu, %zu), b (%zu,), %s\n",
               l < net->n_hidden ? "hidden layer:" : "output layer:",
               layer->fan_in, layer->fan_out, layer->fan_out,
               l < net->n_hidden ? activation_arg : "sigmoid");
    }
    printf("parameters: %zu\n", net->n_params);
    return wb_diagram_network(&run->out, "network",
        "The network: two inputs, a hidden layer, one output neuron.",
        sizes, net->n_hidden + 2, NULL);
}

/*md
## Two samples: one to learn from, one to judge by

A network can learn its training points by heart, and its accuracy on them
then says little about points it has not seen. So, as in chapter 4, a
second sample of 500 points is drawn after the first, from the same
generator, and kept aside: the network never sees it while training, and
judges it afterwards.

Both come from the library's `wb_sample_quadrants`, the function chapter 4
showed: 500 points uniform in the square, category 1 where $x_1 x_2 > 0$.
Every network of this chapter then starts from the same state of the random
generator, saved in `ch.start`: their first weights come from the same
random numbers, so that two networks of the same shape and settings give
the same result, and differences between networks come from their shape and
settings, not from luck. (Luck gets its own measure: the test step trains
the network again on fresh samples.)

To train on the very points you gave scikit-learn, or on a sample of your
own, pass `--data FILE` and `--test-data FILE`: CSV files with a header
line `x1,x2,y` and a label 0 or 1 on each line. With `--data` alone, a
fifth of each category of the file, chosen by the seed, is held out of
training and is the test sample.
*/
/* fold: `get_sample`, 500 points by `wb_sample_quadrants`, or `--data`'s */
/* A sample of 500 points drawn from rng as chapter 4 draws them, or the
 * one read from a file before the first step (see check_params).
 * X: (N, 2), y: (N,). */
static int get_sample(wb_array **X, wb_array **y, wb_array *file_X,
                      wb_array *file_y, wb_rng *rng, wb_run *run)
{
    if (file_X) {
        *X = file_X;
        *y = file_y;
        return 0;
    }
    if (wb_sample_quadrants(X, y, rng, 500) != 0)
        return -1;
    *X = wb_keep(run, *X);
    *y = wb_keep(run, *y);
    return *X && *y ? 0 : -1;
}

/* fold: `describe`, which prints a sample's shape and categories */
static void describe(const char *name, const wb_array *X, const wb_array *y,
                     const char *path)
{
    char shape[32];
    double ones = wb_mean(y) * (double)y->size;
    printf("%s sample: X %s, %s; %.0f in category 1, %.0f in category 0\n",
           name, wb_shape_str(shape, sizeof shape, X),
           path ? path : "drawn", ones, (double)y->size - ones);
}

static int samples(wb_run *run)
{
    if (get_sample(&ch.X, &ch.y, ch.file_X, ch.file_y, &run->rng, run) ||
        get_sample(&ch.X_test, &ch.y_test, ch.file_Xt, ch.file_yt,
                   &run->rng, run))
        return -1;
    ch.start = run->rng;
    describe("training", ch.X, ch.y, data_path);
    describe("test", ch.X_test, ch.y_test,
             held_out ? "held out of the training file: a fifth of each "
                        "category" : test_path);
    return 0;
}

/*md
## Where training starts

A program computes the network for many points at once, as matrix
products. With $N$ points in the rows of $X$, and $b$ added to every row,

$$A = f(X W + b), \qquad p = \sigma(A v + c).$$ {#eq:matrix}

The library's source uses these letters for the sizes, in a comment beside
every array (and counts from 0, as C does: neuron $h$ is column $h - 1$ of
`W`):

| letter | counts | here |
|:--|:--|:--|
| $N$ | samples in a batch | 200 of the 500 while training: a *mini-batch* |
| $D$ | inputs of a sample | 2 |
| $H$ | units of a layer | 50 in the hidden layer, 1 in the output |
| $I$ | values coming into a layer | $D$ for the hidden layer, $H$ for the output |

| array | shape | what it holds |
|:--|:--|:--|
| `X` | $(N, D)$ | the inputs, one sample per row |
| `W` | $(D, H)$ | hidden neuron $h$'s weights in column $h$ |
| `b` | $(H,)$ | the hidden neurons' biases |
| `A` | $(N, H)$ | their outputs $a_h$, one sample per row |
| `w` | $(H,)$ | the output neuron's weights, our $v$ |
| `c` | $(1,)$ | its bias |
| `p` | $(N,)$ | the probability of category 1 for each sample |

Here is the forward pass, from the library. It is written for any number of
hidden layers, each feeding the next. `hidden_forward` computes
$Z = A_{in} W + b$ with `times_plus`, one row (one sample) at a time:
each row starts from the biases, and adds each input times its row of
weights. Then it passes $Z$ through the activation. (`WB_MLP_PASS`, above each pass, has the
compiler build it twice, for any x86-64 and for processors with AVX2, and
the program take the one its processor runs: the same operations in the
same order, and so the same numbers to the last bit.)

@code:lib/wb_mlp.c:forward

Training needs weights to start from, and they must differ: two neurons
that start equal get equal gradients and stay equal forever. So they are
drawn at random, as scikit-learn draws them, after Glorot and Bengio: every
weight and bias of a layer with $I$ inputs and $H$ units uniform in
$[-r, r)$, with

$$r = \sqrt{\frac{6}{I + H}}.$$ {#eq:glorot}

That is $r = \sqrt{6 / 52} = 0.340$ for the hidden layer and
$\sqrt{6 / 51} = 0.343$ for the output neuron. The library's `wb_mlp_init`
draws them from the generator, layer by layer, the weights $W$ row by row
and then the biases, in scikit-learn's order. The bound shrinks as a layer
grows, so that a neuron's weighted sum of many inputs stays about as large
as one input: neither fading nor blowing up from layer to layer.

Some neurons are dead from the start. Over the square, hidden neuron $h$'s
weighted input $z_h$ is largest at the corner $(\pm 1, \pm 1)$ whose signs
are those of $W_{1h}$ and $W_{2h}$, where it is
$|W_{1h}| + |W_{2h}| + b_h$. When the bias is below
$-(|W_{1h}| + |W_{2h}|)$, the ReLU neuron is off all over the square: its
output is 0 at every sample, and so is its derivative, so no gradient ever
reaches its weights, and training never moves them (but for the penalty on
the weights, which shrinks them towards 0 and keeps the neuron off). With
the three numbers uniform in $[-r, r)$ this happens with probability
$1/12$, whatever $r$: about 4 neurons of 50 are dead before training
begins. As many are on all over the square, where they are a plain tilted
plane, no fold at all. The step counts both for the weights the chapter
draws, and the dead ones for 10000 other draws of the weights.

Logistic neurons get a smaller bound, $r = \sqrt{2 / 52} = 0.196$
(scikit-learn's choice for them), so that at the start their weighted
inputs stay within $\pm 3r = \pm 0.59$ on the square. There the sigmoid is
nearly straight: $\sigma(z)$ is within 0.005 of $1/2 + z/4$. Fifty logistic
neurons start out as an almost linear network; question 1 of the
exercises asks what becomes of it.

With its first weights, the network knows nothing yet. The step runs the
forward pass over the training sample: every $p$ is within about 0.15 of
$1/2$, and the loss (the next step defines it) close to
$\ln 2 = 0.693$, the loss of the answer $1/2$ everywhere.
*/
/* The draws of the weights whose dead units the step counts. */
#define DRAWS 10000

/* fold: `corners_on`, at how many of the square's corners a unit is on */
/* At how many of the square's four corners unit h of the first layer is
 * on: 0, it is off over the whole square; 4, on over all of it; between,
 * its line crosses the square (its weighted input is linear). */
static int corners_on(const wb_mlp_layer *layer, size_t h)
{
    size_t H = layer->fan_out, on = 0;
    for (int s1 = -1; s1 <= 1; s1 += 2)
        for (int s2 = -1; s2 <= 1; s2 += 2)
            on += s1 * layer->W[h] + s2 * layer->W[H + h] + layer->b[h] > 0;
    return (int)on;
}

/* fold: `units_on_at`, how many units are on at that many corners */
static size_t units_on_at(const wb_mlp_layer *layer, int corners)
{
    size_t n = 0;
    for (size_t h = 0; h < layer->fan_out; h++)
        n += corners_on(layer, h) == corners;
    return n;
}

static int start(wb_run *run)
{
    wb_mlp *net = wb_keep(run, wb_mlp_create(2, hidden, n_hidden,
                                              activation, NULL));
    wb_array *dead = wb_keep(run, wb_vector(DRAWS));
    if (!net || !dead)
        return -1;
    for (size_t k = 0; k < DRAWS; k++) {      /* other first weights */
        wb_rng rng;
        wb_rng_seed(&rng, k + 1);
        wb_mlp_init(net, &rng);
        dead->data[k] = (double)units_on_at(&net->layer[0], 0);
    }
    wb_rng rng = ch.start;
    wb_mlp_init(net, &rng);       /* the weights training starts from */
    wb_array *p = wb_keep(run, wb_mlp_predict_proba(net, ch.X));
    double loss;
    if (!p || wb_mlp_loss_grad(&loss, NULL, net, ch.X, ch.y, alpha) != 0)
        return -1;

    /* fold: prints the weights' size, the dead units, $p$ and the loss */
    const wb_mlp_layer *first = &net->layer[0];
    char spread[96];
    double largest = 0;
    for (size_t k = 0; k < first->fan_in * first->fan_out; k++)
        largest = fmax(largest, fabs(first->W[k]));
    for (size_t h = 0; h < first->fan_out; h++)
        largest = fmax(largest, fabs(first->b[h]));
    printf("the first hidden layer's largest |W| or |b|: %.3f\n", largest);
    printf("units off all over the square:");
    for (size_t h = 0; h < first->fan_out; h++)
        if (corners_on(first, h) == 0)
            printf(" %zu", h + 1);
    printf(" (%zu)\nunits on all over the square: %zu\n",
           units_on_at(first, 0), units_on_at(first, 4));
    printf("off all over it, over %d other draws: %s\n", DRAWS,
           wb_spread_str(spread, sizeof spread, dead, 2));
    printf("  (1/12 of %zu units: %.2f)\n", first->fan_out,
           (double)first->fan_out / 12);
    printf("over the training sample, p from %.3f to %.3f; loss %.4f "
           "(ln 2 = %.4f)\n", wb_min(p), wb_max(p), loss, log(2));
    return 0;
}

/*md
## The backward pass, checked

Training looks for the 201 parameters that make the loss small. The loss is
the log-loss that chapter 3's logistic regression minimised, averaged over
the $N$ samples of a batch, plus a small penalty on the size of the weights
(not the biases), with $\alpha = 10^{-4}$:

$$L = -\frac{1}{N} \sum_n \big[ y_n \ln p_n + (1 - y_n) \ln (1 - p_n) \big]
      + \frac{\alpha}{2N} \sum W^2.$$ {#eq:loss}

The library's `batch_loss` computes it as written, but for one detail: it
clips each $p_n$ to $[\epsilon, 1 - \epsilon]$, with
$\epsilon = 2.2 \times 10^{-16}$, so that a confident mistake, $p_n = 0$
for a point of category 1, costs $-\ln \epsilon = 36$ instead of
infinity.

To lower it, the optimiser needs its *gradient*: how much $L$ changes when
each parameter changes a little. The *backward pass* computes all 201
derivatives at once with the chain rule, from the loss back down the
network: first the output neuron, whose sigmoid and log-loss together have
the derivative $p - y$, then each hidden layer, through its activation and
then its weighted sum.

@code:lib/wb_mlp.c:backward

Through a hidden layer, the chain rule takes the two lines of the forward
pass in reverse order: first $A = f(Z)$, which multiplies the derivative
by $f'(Z)$, then $Z = A_{in} W + b$, which gives the derivatives of $W$, of
$b$, and of the layer below. Each function says which forward line it
differentiates.

@code:lib/wb_mlp.c:layer_backward

Hand-written derivatives are easy to get wrong, and a wrong gradient does
not crash: training just goes badly. So every derivative deserves a
*gradient check*: nudge a parameter by a small $\epsilon$ either way and
measure the change of the loss,

$$\frac{\partial L}{\partial \theta} \approx
  \frac{L(\theta + \epsilon) - L(\theta - \epsilon)}{2 \epsilon}.$$ {#eq:finite}

For the hidden neurons' biases, the chain rule of the backward pass comes
down to a formula short enough to write here. A change of $b_h$ changes
$z_h$ by as much, hence $a_h$ by $f'(z_h)$ times that, hence the output's
weighted sum by $v_h$ times that; and the sigmoid and the log-loss turn a
change of the weighted sum into $p - y$ times it:

$$\frac{\partial L}{\partial b_h} = \frac{1}{N} \sum_n (p_n - y_n)\, v_h\,
  f'(z_{nh}).$$ {#eq:bias_gradient}

Here are both, @eq:bias_gradient and @eq:finite, for the last hidden
layer's biases.
*/
/* The step of the finite differences. */
#define EPS 1e-6

/* dL/db_h = 1/N sum_n (p_n - y_n) v_h f'(z_nh), for the H units of the
 * last hidden layer, into grad: (H,). Z: (N, H), p, y: (N,). */
static void bias_gradient(double *grad, const wb_mlp *net, const wb_array *Z,
                          const wb_array *p, const wb_array *y,
                          double (*f_prime)(double))
{
    size_t N = Z->shape[0], H = Z->shape[1];
    const double *v = net->layer[net->n_hidden].W;
    for (size_t h = 0; h < H; h++) {
        grad[h] = 0;
        for (size_t n = 0; n < N; n++)
            grad[h] += (p->data[n] - y->data[n]) * v[h] *
                       f_prime(WB_AT(Z, n, h));
        grad[h] /= (double)N;
    }
}

/* fold: `units_checked`, how many units a large network has checked */
/* Finite differences cost two passes over the sample for each unit: the
 * check takes at most MAX_CHECKED units, spread evenly over the layer, and
 * fewer in a large network, as many as FD_WORK multiply-adds allow (at
 * least 5). The chapter's network has its 50 units checked. */
#define MAX_CHECKED 50
#define FD_WORK 2e9

/* How many units of the H of the last hidden layer are checked: unit
 * k * H / K for k < K. */
static size_t units_checked(const wb_mlp *net, size_t N, size_t H)
{
    double per_unit = 2.0 * (double)N * (double)net->n_params;
    size_t K = (size_t)fmax(5, FD_WORK / per_unit);
    K = K < MAX_CHECKED ? K : MAX_CHECKED;
    return K < H ? K : H;
}

/* The same derivatives from the loss alone, by central differences, for
 * the K units checked (grad: (H,), the others left as they are). */
static int bias_gradient_fd(double *grad, size_t K, wb_mlp *net,
                            const wb_array *X, const wb_array *y)
{
    wb_mlp_layer *layer = &net->layer[net->n_hidden - 1];
    for (size_t k = 0; k < K; k++) {
        size_t h = k * layer->fan_out / K;
        double b = layer->b[h], up, down;
        layer->b[h] = b + EPS;
        int rc = wb_mlp_loss_grad(&up, NULL, net, X, y, alpha);
        layer->b[h] = b - EPS;
        rc |= wb_mlp_loss_grad(&down, NULL, net, X, y, alpha);
        layer->b[h] = b;
        if (rc != 0)
            return -1;
        grad[h] = (up - down) / (2 * EPS);
    }
    return 0;
}

/*md
### The gradient, three ways

The step computes these 50 derivatives three ways, at the weights training
starts from: with the formula, with the library's backward pass, and by
finite differences. Finite differences have one blind spot: a sample
within $\epsilon$ of a neuron's kink, where the nudge crosses the kink and
measures no derivative at all. The step leaves such neurons out, and says
how many (none, here). The formula needs $f'$, the derivative of the
activation, which the library gives; exercise 5.1 asks you to write
ReLU's, and checks it this way. Neuron 4 has a derivative of exactly 0,
all three ways: it is on only in a sliver of the corner $(1, 1)$, where no
training point lies, so that it is dead for this sample, and no gradient
will ever move it.
*/
/* fold: `near_kink`, whether a sample sits on a unit's kink */
/* Whether some sample sits within EPS of unit h's kink: its finite
 * difference then straddles the kink, and is no derivative. Z: (N, H). */
static bool near_kink(const wb_array *Z, size_t h)
{
    if (activation != WB_RELU)    /* the others have no kink */
        return false;
    for (size_t n = 0; n < Z->shape[0]; n++)
        if (fabs(WB_AT(Z, n, h)) < EPS)
            return true;
    return false;
}

/* fold: `largest_difference`, between two ways of computing the gradient */
/* The largest difference between a and the finite differences fd: (H,),
 * over the K units checked away from a kink, and whether every one is
 * within the finite differences' own error, 1e-8 + 1e-6 |fd|. */
static double largest_difference(const double *a, const double *fd,
                                 const wb_array *Z, size_t K, bool *agree)
{
    double max = 0;
    *agree = true;
    for (size_t k = 0; k < K; k++) {
        size_t h = k * Z->shape[1] / K;
        double d = fabs(a[h] - fd[h]);
        if (near_kink(Z, h))
            continue;
        max = fmax(max, d);
        *agree = *agree && d <= 1e-8 + 1e-6 * fabs(fd[h]);
    }
    return max;
}

static int gradient_check(wb_run *run)
{
    wb_mlp *net = wb_keep(run, wb_mlp_create(2, hidden, n_hidden,
                                              activation, NULL));
    if (!net)
        return -1;
    wb_rng rng = ch.start;
    wb_mlp_init(net, &rng);    /* the weights training starts from */
    const wb_mlp_layer *layer = &net->layer[net->n_hidden - 1];
    size_t H = layer->fan_out, kinks = 0, saturated = 0;
    size_t K = units_checked(net, ch.X->shape[0], H);
    /* The last hidden layer's weighted inputs, Z = A_in W + b: (N, H) */
    wb_array *Z = wb_keep(run, wb_mlp_layer_z(net, ch.X, net->n_hidden - 1));
    wb_array *p = wb_keep(run, wb_mlp_predict_proba(net, ch.X));
    wb_array *formula = wb_keep(run, wb_vector(H));
    wb_array *fd = wb_keep(run, wb_vector(H));
    wb_array *backprop = wb_keep(run, wb_vector(net->n_params));
    double loss;
    if (!Z || !p || !formula || !fd || !backprop)
        return -1;
    /* fold: leaves the check out where the output saturates */
    /* Where the output is within 1e-14 of 0 or 1 (inputs far from 1 in
     * size), the loss is clipped and has no slope: finite differences
     * measure 0 there, and can check nothing. */
    for (size_t n = 0; n < p->size; n++)
        saturated += fmin(p->data[n], 1 - p->data[n]) < 1e-14;
    if (saturated > 0) {
        printf("%zu of the %zu samples saturate the output (p within 1e-14 "
               "of 0 or 1),\nwhere the loss is clipped and has no slope: "
               "finite differences cannot\ncheck the gradient there, and the "
               "check is left out (inputs nearer to 1\nin size would let it "
               "run)\n", saturated, p->size);
        return 0;
    }
    if (bias_gradient_fd(fd->data, K, net, ch.X, ch.y) != 0 ||
        wb_mlp_loss_grad(&loss, backprop->data, net, ch.X, ch.y, alpha) != 0)
        return -1;
    bias_gradient(formula->data, net, Z, p, ch.y,
                  wb_activation_get(activation)->prime);
    /* The biases' place in the gradient is theirs in the parameters. */
    const double *db = backprop->data + (layer->b - net->params);

    /* fold: compares the three, prints the first five and the largest gaps */
    printf("dL/db_h at the start, for the first 5 of %zu units%s:\n", K,
           K < H ? " checked" : "");
    printf("unit      formula     backward pass   finite differences\n");
    for (size_t k = 0; k < K && k < 5; k++) {
        size_t h = k * H / K;
        printf("%4zu  %12.8f  %14.8f  %18.8f\n", h + 1, formula->data[h],
               db[h], fd->data[h]);
    }
    bool formula_right, backprop_right;
    double d1 = largest_difference(formula->data, fd->data, Z, K,
                                   &formula_right);
    double d2 = largest_difference(db, fd->data, Z, K, &backprop_right);
    for (size_t k = 0; k < K; k++)
        kinks += near_kink(Z, k * H / K);
    if (K < H)
        printf("(%zu of the %zu units checked, spread over the layer: each "
               "costs two passes\nover the sample)\n", K, H);
    printf("largest difference from the finite differences, over the %zu "
           "units:\n  formula %.1e, backward pass %.1e\n", K - kinks, d1, d2);
    if (kinks > 0)
        printf("(%zu left out, with a sample within %g of their kink)\n",
               kinks, EPS);

    return formula_right && backprop_right
               ? 0 : wb_fail("the gradient disagrees with the finite "
                             "differences");
}

/*md
## Training with Adam

Training goes through the training sample in *epochs*. Each epoch shuffles
the 500 points and cuts them into mini-batches of 200 (the last one has
100); for each batch the network runs forward, then backward, and the
optimiser moves every parameter a little against its gradient. A batch
gives a noisy estimate of the gradient of the whole sample, but a cheap
one, and three steps per epoch move faster than one.

@code:lib/wb_mlp.c:batch

The optimiser is scikit-learn's default, *Adam*. Plain gradient descent
moves each parameter by the learning rate times its derivative. Adam
divides instead by a running measure of that derivative's size, so every
parameter moves at about the learning rate, $10^{-3}$, whether its
derivative is large or tiny; and it follows a running mean of the
derivative rather than the last one, which smooths out the noise of the
batches.

@code:lib/wb_mlp.c:adam

When does training stop? scikit-learn's rule, followed here, watches the
loss of each epoch (the mean of its batches' losses). An epoch whose loss
is not at least `tol` $= 10^{-4}$ below the best so far brings no
improvement, and after more than 10 such epochs in a row training stops
and calls itself *converged*. Otherwise it stops after `max_iter` epochs:
the original raised this to 10000, as scikit-learn's default of 200 was
not enough. "Converged" means no more than that: @fig:loss shows the loss
still going down when training stops, only by less than `tol` per epoch.
The dotted line is $\ln 2 = 0.693$, the loss of a network that answers
$p = 1/2$ for every point, which is where training starts.

The step trains the network one epoch at a time, as the library's
`wb_mlp_train_epoch` allows, and keeps a copy of it after 0, 30 and 100
epochs, for a later step to show it learning. `wb_mlp_train_start` draws
the first weights (from `rng`, a copy of the state saved after the
samples) and sets up Adam; each call of `wb_mlp_train_epoch` trains one
epoch and says whether to go on (0), or that the stopping rule has ended
the training (1); between two calls the network can be read, and
`snapshot` copies it. (`wb_mlp_fit` runs the same
loop to its end, and gives the same network to the last bit; L-BFGS,
`--solver lbfgs`, has no epochs, and trains in one go.) In a terminal, a
line shows the epochs going by.
*/
/* fold: `show_progress`, the line of progress on a terminal */
/* The line of progress, shown on a terminal only (every 10 epochs). */
static int show_progress(void *run, size_t epoch, double loss)
{
    if (epoch % 10 == 0)
        wb_progress(run, "epoch %zu, loss %.4f", epoch, loss);
    return 0;
}

/* fold: `new_network`, with scikit-learn's options and the chapter's */
/* A network of hidden layers sizes[0..L-1] of activation f, to be trained
 * with scikit-learn's defaults changed by the chapter's parameters; NULL
 * after an error. */
static wb_mlp *new_network(wb_run *run, const size_t *sizes, size_t L,
                           wb_activation_kind f)
{
    wb_mlp_options opt = wb_mlp_default_options();
    opt.solver = solver;
    opt.alpha = alpha;
    opt.learning_rate = learning_rate;
    opt.batch_size = (size_t)batch_size;
    opt.max_iter = (size_t)max_iter;
    opt.tol = tol;
    opt.shuffle = !no_shuffle;
    opt.progress = show_progress;
    opt.progress_data = run;
    return wb_keep(run, wb_mlp_create(2, sizes, L, f, &opt));
}

/* fold: `snapshot`, which keeps a copy of the network after some epochs */
/* Keeps a copy of net when it has trained snapshot_epoch[k] epochs: the
 * same shape and weights. Returns 0, or -1 after an error. */
static int snapshot(wb_run *run, const wb_mlp *net)
{
    size_t k = ch.nsnaps;
    if (k == SNAPSHOTS || net->n_iter != snapshot_epoch[k])
        return 0;
    ch.snap[k] = new_network(run, hidden, n_hidden, activation);
    if (!ch.snap[k])
        return -1;
    memcpy(ch.snap[k]->params, net->params,
           net->n_params * sizeof *net->params);
    ch.nsnaps++;
    return 0;
}

/* fold: `accuracy`, the fraction of a sample put in its category */
/* The fraction of the samples X: (N, 2) the network puts in their
 * category y: (N,). */
static double accuracy(const wb_mlp *net, const wb_array *X,
                       const wb_array *y)
{
    wb_array *predicted = wb_mlp_predict(net, X);
    double acc = predicted ? wb_accuracy(y, predicted) : NAN;
    wb_free(predicted);
    return acc;
}

static int training(wb_run *run)
{
    wb_rng rng = ch.start;                /* as every network starts */
    wb_mlp *net = ch.net = new_network(run, hidden, n_hidden, activation);
    wb_mlp_training *t = NULL;
    int status = -1;
    if (net && solver == WB_LBFGS)        /* no epochs: in one go */
        status = wb_mlp_fit(net, ch.X, ch.y, &rng) == 0 ? 1 : -1;
    else if (net && (t = wb_mlp_train_start(net, ch.X, ch.y, &rng)))
        status = 0;
    while (status == 0)                   /* an epoch at a time */
        status = snapshot(run, net) != 0 ? -1 : wb_mlp_train_epoch(t);
    wb_mlp_train_end(t);                  /* status 1: it stopped */
    wb_progress_done(run);
    if (status < 0)
        return -1;
    ch.train_accuracy = accuracy(net, ch.X, ch.y);

    /* fold: prints how training ended, and draws the loss of each epoch */
    printf("%s after %zu epochs (%zu steps of %s)\n",
           net->converged ? "converged" : "stopped", net->n_iter,
           net->n_steps, solver_arg);
    printf("why it stopped: %s\n", net->message);
    printf("final loss %.4f; training accuracy %.3f\n", net->loss,
           ch.train_accuracy);
    wb_array *epoch = wb_keep(run, wb_linspace(1, (double)net->n_iter,
                                               net->n_iter));
    wb_array *loss = wb_keep(run, wb_vector_from(net->loss_curve,
                                                 net->n_iter));
    wb_figure *fig = wb_figure_new(&run->out, "loss",
        "The loss of each epoch while the network trains; the dotted line "
        "is the loss of $p = 1/2$ everywhere.");
    wb_figure_xlabel(fig, "epoch");
    wb_figure_ylabel(fig, "loss $L$");
    wb_figure_yrange(fig, 0, 0.8);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_hline(fig, log(2), &(wb_style){.color = WB_BLACK,
                                            .dash = WB_DOTTED, .width = 1});
    wb_plot_text(fig, 0.75 * (double)net->n_iter, log(2) + 0.04,
                 "$\\ln 2 = 0.693$");
    wb_plot_line(fig, epoch, loss, &(wb_style){.color = WB_BLUE});
    return wb_figure_render(fig);
}

/*md
## Testing on fresh points

Now the test sample, which training never saw. The *accuracy* is the
fraction of its points that the network puts in the right category, that
is on the side of $p = 1/2$ where their category lies.

The original tutorial reports 0.988 for its network on its own test
sample. The number depends on the samples, which are random, and so does
the one this step prints. Part of its wander is the test sample's alone,
a coin's doing: a network right on a share $q$ of the square gets a number
of 500 fresh points right that varies with a standard deviation of

$$\sqrt{\frac{q (1 - q)}{500}},$$ {#eq:binomial}

which the step prints at the network's accuracy: half a point or so. A
difference smaller than that between two networks tested on one sample of
500 says nothing. The rest comes from the network itself, which depends on
its training sample and its first weights; @step:seeds trains it again on
other samples, and measures both.

@fig:probability_map shows the probability of category 1 over a grid of
$100 \times 100$ points covering the square, with the test sample on top
(the grid and its reshaping are chapter 3's, and so are the two calls that
draw them, `wb_plot_probability_map` and `wb_plot_categories`). The
boundary, where the map turns from blue to red through white, follows the
two axes almost exactly; the few points the network gets wrong sit right
beside them, where a small error in the boundary's place is enough to
change their side.
*/
/* fold: `check_prediction`, exercise 1's check of your prediction */
/* Exercise 1's check: the network learns the quadrants when its test
 * accuracy reaches 0.9, and fails when it stays at 0.7 or below, where a
 * straight line can be too (a line gets at most 2/3 of the square right).
 */
static void check_prediction(double test_accuracy)
{
    bool learns = test_accuracy >= 0.9, fails = test_accuracy <= 0.7;
    if ((learns && strcmp(predict, "learns") == 0) ||
        (fails && strcmp(predict, "fails") == 0))
        printf("your prediction, %s: right! (test accuracy %.3f)\n", predict,
               test_accuracy);
    else
        printf("your prediction, %s: not quite: the test accuracy is %.3f, "
               "%s\n", predict, test_accuracy,
               learns ? "so the network learns the quadrants"
               : fails ? "no better than a straight line could do"
                       : "between the two: it learned part of the pattern");
}

/* fold: `make_grid`, a meshgrid over the square, as chapter 3 makes it */
static int make_grid(grid *g, size_t n, wb_run *run)
{
    wb_array *x = wb_keep(run, wb_linspace(-1, 1, n));
    g->n = n;
    if (!x || wb_meshgrid(&g->xx, &g->yy, x, x) != 0)
        return -1;
    bool kept = wb_keep(run, g->xx) != NULL;
    if (!wb_keep(run, g->yy) || !kept)
        return -1;
    const wb_array *columns[] = {wb_keep(run, wb_flatten(g->xx)),
                                 wb_keep(run, wb_flatten(g->yy))};
    g->points = columns[0] && columns[1]
                    ? wb_keep(run, wb_column_stack(columns, 2)) : NULL;
    return g->points ? 0 : -1;
}

/* fold: `mistakes`, how many test points are wrong, and where */
/* How many points of X: (N, 2) the network puts in another category than
 * y: (N,), and into *farthest how far the farthest of them is from the
 * nearest axis (0 if none; NAN after an error). */
static size_t mistakes(double *farthest, const wb_mlp *net,
                       const wb_array *X, const wb_array *y)
{
    wb_array *predicted = wb_mlp_predict(net, X);
    size_t wrong = 0;
    *farthest = predicted ? 0 : NAN;
    for (size_t i = 0; predicted && i < y->size; i++)
        if (predicted->data[i] != y->data[i]) {
            wrong++;
            *farthest = fmax(*farthest, fmin(fabs(WB_AT(X, i, 0)),
                                             fabs(WB_AT(X, i, 1))));
        }
    wb_free(predicted);
    return wrong;
}

/* fold: `train_on_seed`, a network trained on another seed's samples */
/* A network of hidden layers sizes[0..L-1] and activation f, trained as
 * the training step trains its own, on the training sample that --seed
 * `seed` draws, from first weights drawn after the two samples (with
 * --data, on the files' samples); its test sample into *X_test, *y_test.
 * NULL after an error. */
static wb_mlp *train_on_seed(wb_run *run, uint64_t seed, const size_t *sizes,
                             size_t L, wb_activation_kind f,
                             wb_array **X_test, wb_array **y_test)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_rng_seed(&rng, seed);
    if (get_sample(&X, &y, ch.file_X, ch.file_y, &rng, run) != 0 ||
        get_sample(X_test, y_test, ch.file_Xt, ch.file_yt, &rng, run))
        return NULL;
    wb_mlp *trained = new_network(run, sizes, L, f);
    int rc = trained ? wb_mlp_fit(trained, X, y, &rng) : -1;
    wb_progress_done(run);
    return rc == 0 ? trained : NULL;
}

static int test(wb_run *run)
{
    ch.test_accuracy = accuracy(ch.net, ch.X_test, ch.y_test);
    if (make_grid(&ch.map, 100, run) != 0)
        return -1;
    ch.proba = wb_keep(run, wb_mlp_predict_proba(ch.net, ch.map.points));
    if (!ch.proba || wb_reshape(ch.proba, 100, 100) != 0)
        return -1;

    /* fold: prints the accuracy, the test sample's sd, and the mistakes */
    double q = ch.test_accuracy, farthest;
    size_t wrong = mistakes(&farthest, ch.net, ch.X_test, ch.y_test);
    printf("test accuracy %.3f (the original: 0.988, on its own sample)\n",
           q);
    printf("%zu mistakes, all within %.3f of an axis\n", wrong, farthest);
    printf("a test sample's own sd at %.3f: sqrt(q (1 - q) / %zu) = %.3f\n",
           q, ch.y_test->size, sqrt(q * (1 - q) / (double)ch.y_test->size));
    if (predict)
        check_prediction(ch.test_accuracy);

    /* fold: draws the probability map, with the test sample */
    wb_figure *fig = wb_figure_new(&run->out, "probability_map",
        "The network's probability of category 1, with the test sample.");
    wb_plot_probability_map(fig, ch.map.xx, ch.map.yy, ch.proba);
    wb_plot_categories(fig, ch.X_test, ch.y_test, NULL);
    return wb_figure_render(fig);
}

/*md
## Why a hidden layer bends the boundary

A network without a hidden layer computes $p = \sigma(z)$ with
$z = w_1 x_1 + w_2 x_2 + b$, and its boundary, where $p = 1/2$, is where
$z = 0$: a straight line, which chapter 4 showed is the wrong shape here.
For a curved boundary, $z$ must be a curved function of $x_1$ and $x_2$.

A hidden layer alone does not make it one. If its neurons were linear,
$f(z) = z$, the output's weighted input would be

$$z = v \cdot (W^\top x + b) + c = (W v) \cdot x + (b \cdot v + c),$$ {#eq:linear}

one weight vector $W v$ and one bias: a straight line again, whatever the
number of neurons or layers, since linear functions of linear functions are
linear. The curve must come from the activation function $f$.

The ReLU, $f(z) = \max(0, z)$, is two straight pieces: 0 for $z < 0$, and
$z$ itself for $z > 0$. The original tutorial says the non-linearity comes
from its *discontinuity* at $z = 0$, but the ReLU has none: both pieces
reach 0 there, and a small change of $z$ makes a small change of $f(z)$ on
either side. What breaks at $z = 0$ is its slope, 0 on the left and 1 on
the right: the ReLU has a *kink*, and its derivative (right-hand panel of
@fig:relu) is the one that jumps. The kink is the whole of the
non-linearity: in the plane, a ReLU neuron is flat on one side of the line $z_h = 0$ and a
tilted plane on the other, and a sum of such folded planes can bend along
every fold.

The step prints the ReLU and its slope on either side of 0. Then it
removes the kinks from the trained network: the same weights, with
$f(z) = z$. What is left is one line, where @eq:linear is 0,
and its accuracy on the test sample falls to what a line can do. No line
does well here: the best one cuts off a corner of the square, as
$x_1 + x_2 > 2/3$, and gets only $2/3$ of it right.
*/
static int relu(wb_run *run)
{
    /* fold: prints the ReLU and its slope on either side of 0 */
    const double h = 1e-3;
    printf("relu(-%g) = %g, relu(0) = %g, relu(%g) = %g\n", h, wb_relu(-h),
           wb_relu(0), h, wb_relu(h));
    printf("slope on the left %g, on the right %g\n",
           (wb_relu(0) - wb_relu(-h)) / h, (wb_relu(h) - wb_relu(0)) / h);

    /* The output neuron's weighted input without the kinks, the same
     * weights with f(z) = z, is z(x) = w . x + b: read w and b off its
     * values at the points (0, 0), (1, 0) and (0, 1). */
    wb_activation_kind kinked = ch.net->activation;
    wb_array *points = wb_keep(run, wb_matrix(3, 2));
    if (!points)
        return -1;
    WB_AT(points, 1, 0) = WB_AT(points, 2, 1) = 1;
    ch.net->activation = WB_IDENTITY;
    wb_array *linear = wb_keep(run, wb_mlp_layer_z(ch.net, points,
                                                   ch.net->n_hidden));
    ch.net->activation = kinked;
    if (!linear)
        return -1;
    double b = linear->data[0];
    double w1 = linear->data[1] - b, w2 = linear->data[2] - b;
    size_t correct = 0;
    for (size_t i = 0; i < ch.y_test->size; i++)
        correct += (w1 * WB_AT(ch.X_test, i, 0) +
                    w2 * WB_AT(ch.X_test, i, 1) + b > 0) ==
                   (ch.y_test->data[i] == 1);
    printf("without its kinks: z = %.3f x1 %c %.3f x2 %c %.3f, test accuracy "
           "%.3f\n", w1, w2 < 0 ? '-' : '+', fabs(w2), b < 0 ? '-' : '+',
           fabs(b), (double)correct / (double)ch.y_test->size);

    /* fold: draws the ReLU and its slope */
    wb_array *z = wb_keep(run, wb_linspace(-1, 1, 201));
    wb_array *f = wb_keep(run, wb_map(z, wb_relu));
    wb_array *z_left = wb_keep(run, wb_linspace(-1, 0, 2));
    wb_array *z_right = wb_keep(run, wb_linspace(0, 1, 2));
    wb_array *zeros = wb_keep(run, wb_full_like(z_left, 0));
    wb_array *ones = wb_keep(run, wb_full_like(z_right, 1));
    wb_figure *fig = wb_figure_new(&run->out, "relu",
        "The ReLU is continuous; its slope jumps from 0 to 1 at $z = 0$.");
    wb_figure_size(fig, 960, 420);
    wb_figure_layout(fig, 1, 2);
    wb_figure_xlabel(fig, "$z$");
    wb_figure_ylabel(fig, "relu$(z) = \\max(0, z)$");
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_line(fig, z, f, &(wb_style){.color = WB_VERMILION});
    wb_figure_panel(fig, 1);
    wb_figure_xlabel(fig, "$z$");
    wb_figure_ylabel(fig, "its slope, relu$'(z)$");
    wb_figure_yrange(fig, -0.25, 1.25);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_line(fig, z_left, zeros, &(wb_style){.color = WB_BLUE});
    wb_plot_line(fig, z_right, ones, &(wb_style){.color = WB_BLUE});
    return wb_figure_render(fig);
}

/*md
## Where each hidden neuron switches on

Hidden neuron $h$ outputs 0 where $z_h < 0$ and $z_h$ where $z_h > 0$: it
switches on across the line

$$W_{1h} x_1 + W_{2h} x_2 + b_h = 0,$$ {#eq:fold}

its *fold*. Its two weights, the vector $\mathbf{w}_h = (W_{1h}, W_{2h})$,
are perpendicular to that line and point to the side where it is on; the
line passes at a distance $|b_h| / |\mathbf{w}_h|$ from the centre of the
square. The step reads each line from the trained network's first layer,
the columns of $W$ and the entries of $b$, and sorts the neurons: off all
over the square, on all over it, folded through its centre (within 0.05),
or folded elsewhere. `fold_of` tells them apart: by `corners_on`, the
number of the square's corners where the neuron is on (a linear function
is largest and smallest at corners, so 0 or 4 means no fold inside), then
by the distance of its line from the centre.

Here is what training made of them (@fig:switch_lines, where each fold
carries an arrow to its neuron's on side). Most folds pass through the
centre of the square, fanned out around its two diagonals, and none of
them lies along the axes, where the categories meet. The neurons folded
through the centre come in four groups, one turned towards each quadrant,
and the output neuron gives those turned towards a same-sign quadrant a
positive weight $v_h$ (panel a), the others a negative one (panel b).
Now,

$$\mathrm{relu}(t) + \mathrm{relu}(-t) = |t|:$$ {#eq:abs}

two neurons folded along the same diagonal, back to back, make an absolute
value: in panel a, the arrows point away from the diagonal
$x_1 + x_2 = 0$ on both sides. So the network computes, roughly,

$$z \approx k \, \big(|x_1 + x_2| - |x_1 - x_2|\big),$$ {#eq:folds}

with $k > 0$, which is $2k \, \mathrm{sign}(x_1 x_2) \min(|x_1|, |x_2|)$:
positive in the same-sign quadrants and negative in the others, as
$u = x_1 x_2$ was in chapter 4. Nobody told the network about products or
signs. Folds along the two diagonals were enough, and the
boundary, where the two absolute values are equal, is the pair of axes.

Of the other neurons, a few fold across a corner of the square, with small
output weights (panel c); the rest are on all over the square, where they
add a plain tilted plane, or off all over it, where they do nothing at all.
*/
/* fold: `clip_line`, the part of a line inside the square */
/* The ends of the part of the line w1 x1 + w2 x2 + b = 0 inside the square
 * [-1, 1]^2, into x1: (2,) and x2: (2,); false if it misses the square. */
static bool clip_line(wb_array *x1, wb_array *x2, double w1, double w2,
                      double b)
{
    double px[4], py[4], best = 0;
    size_t n = 0;
    for (int s = -1; s <= 1; s += 2) {    /* the edges x1 = s, x2 = s */
        if (w2 != 0 && fabs((b + w1 * s) / w2) <= 1)
            px[n] = s, py[n++] = -(b + w1 * s) / w2;
        if (w1 != 0 && fabs((b + w2 * s) / w1) <= 1)
            px[n] = -(b + w2 * s) / w1, py[n++] = s;
    }
    for (size_t i = 0; i < n; i++)        /* the two farthest apart */
        for (size_t j = i + 1; j < n; j++)
            if (hypot(px[i] - px[j], py[i] - py[j]) > best) {
                best = hypot(px[i] - px[j], py[i] - py[j]);
                x1->data[0] = px[i], x1->data[1] = px[j];
                x2->data[0] = py[i], x2->data[1] = py[j];
            }
    return best > 0;
}

/* fold: `quadrant`, which quadrant a vector points into */
/* The quadrant a vector (w1, w2) points into, counted anticlockwise from
 * x1 > 0, x2 > 0 (0) to x1 > 0, x2 < 0 (3). */
static int quadrant(double w1, double w2)
{
    return w2 >= 0 ? (w1 >= 0 ? 0 : 1) : (w1 < 0 ? 2 : 3);
}

/* What a unit of the first layer does over the square. */
typedef enum fold_kind { OFF_ALL, ON_ALL, CENTRAL, ELSEWHERE } fold_kind;

/* Unit h of the first layer: off or on all over the square, or folded
 * through its centre (within 0.05), or elsewhere. */
static fold_kind fold_of(const wb_mlp_layer *layer, size_t h)
{
    int on = corners_on(layer, h);
    double w1 = layer->W[h], w2 = layer->W[layer->fan_out + h];
    if (on == 0 || on == 4)
        return on == 0 ? OFF_ALL : ON_ALL;
    /* its line passes |b_h| / |w_h| from the centre */
    return fabs(layer->b[h]) / hypot(w1, w2) < 0.05 ? CENTRAL : ELSEWHERE;
}

/* fold: `plot_fold`, which draws a unit's fold, and an arrow to its on side */
/* Unit h's fold, the part of its line inside the square, in the style
 * given; and, unless at < 0, an arrow from the point at `at` (0 to 1)
 * along it, perpendicular to it, towards the side where the unit is on. */
static void plot_fold(wb_figure *fig, const wb_mlp_layer *layer, size_t h,
                      double at, const wb_style *style, wb_run *run)
{
    double w1 = layer->W[h], w2 = layer->W[layer->fan_out + h];
    double size = hypot(w1, w2), length = 0.2;
    wb_array *x1 = wb_keep(run, wb_vector(2)), *x2 = wb_keep(run,
                                                             wb_vector(2));
    wb_array *ax = wb_keep(run, wb_vector(1)), *ay = wb_keep(run,
                                                             wb_vector(1));
    wb_array *dx = wb_keep(run, wb_full_like(ax, length * w1 / size));
    wb_array *dy = wb_keep(run, wb_full_like(ay, length * w2 / size));
    if (!x1 || !x2 || !ax || !ay || !dx || !dy ||
        !clip_line(x1, x2, w1, w2, layer->b[h]))
        return;
    wb_plot_line(fig, x1, x2, style);
    if (at < 0)
        return;
    ax->data[0] = x1->data[0] + at * (x1->data[1] - x1->data[0]);
    ay->data[0] = x2->data[0] + at * (x2->data[1] - x2->data[0]);
    wb_plot_arrows(fig, ax, ay, dx, dy, &(wb_style){.color = style->color,
                                                     .width = style->width});
}

/* fold: `draw_folds`, the three panels of the folds */
/* The folds of the first layer's units, sorted by kind[]: those through
 * the centre turned towards a same-sign quadrant, each in the colour of
 * its quadrant; those turned towards the others; and the folds elsewhere,
 * orange when the output neuron gives them a positive weight, blue when a
 * negative one; over the categories' boundary. */
static int draw_folds(wb_run *run, const fold_kind *kind)
{
    static const int colour[4] = {WB_VERMILION, WB_GREEN, WB_PURPLE,
                                  WB_SKY};
    static const char *towards[4] = {
        "on towards $x_1 > 0$, $x_2 > 0$", "on towards $x_1 < 0$, $x_2 > 0$",
        "on towards $x_1 < 0$, $x_2 < 0$", "on towards $x_1 > 0$, $x_2 < 0$"};
    static const char *titles[3] = {
        "(a) through the centre, towards $x_1 x_2 > 0$",
        "(b) through the centre, towards $x_1 x_2 < 0$",
        "(c) the other folds"};
    static const char *sign[2] = {"elsewhere, $v_h < 0$",
                                  "elsewhere, $v_h > 0$"};
    const wb_mlp_layer *layer = &ch.net->layer[0];
    const double *v = ch.net->n_hidden == 1 ? ch.net->layer[1].W : NULL;
    size_t H = layer->fan_out;
    wb_array *axis = wb_keep(run, wb_linspace(-1, 1, 2));
    wb_array *zero = wb_keep(run, wb_vector(2));
    if (!axis || !zero)
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "switch_lines",
        "Where each hidden neuron switches on: its fold, and an arrow to "
        "the side where it is on.");
    wb_figure_size(fig, 1440, 640);
    wb_figure_layout(fig, 1, 3);
    for (int panel = 0; panel < 3; panel++) {
        bool labelled[4] = {false}, signed_label[2] = {false};
        size_t members = 0, k = 0;
        wb_figure_panel(fig, panel);
        wb_figure_title(fig, titles[panel]);
        wb_figure_xlabel(fig, "$x_1$");
        wb_figure_ylabel(fig, "$x_2$");
        wb_figure_xrange(fig, -1, 1);
        wb_figure_yrange(fig, -1, 1);
        wb_figure_square(fig);
        wb_figure_legend(fig, WB_LEGEND_BELOW);
        wb_plot_line(fig, axis, zero, &(wb_style){.color = WB_BLACK,
            .dash = WB_DOTTED, .width = 1, .label = "$x_1 x_2 = 0$"});
        wb_plot_line(fig, zero, axis, &(wb_style){.color = WB_BLACK,
            .dash = WB_DOTTED, .width = 1});
        for (int pass = 0; pass < 2; pass++)    /* count, then draw */
            for (size_t h = 0; h < H; h++) {
                int q = quadrant(layer->W[h], layer->W[H + h]);
                bool in = panel == 2 ? kind[h] == ELSEWHERE
                          : kind[h] == CENTRAL && q % 2 == panel;
                if (!in)
                    continue;
                if (pass == 0) {
                    members++;
                    continue;
                }
                int up = !v || v[h] > 0;
                wb_style style = {.color = colour[q], .width = 1.5,
                                  .label = labelled[q] ? NULL : towards[q]};
                if (panel == 2)
                    style = (wb_style){.color = up ? WB_ORANGE : WB_BLUE,
                        .width = 1.5,
                        .label = signed_label[up] ? NULL : sign[up]};
                plot_fold(fig, layer, h, ((double)k++ + 0.5) /
                          (double)members, &style, run);
                labelled[q] = signed_label[up] = true;
            }
    }
    return wb_figure_render(fig);
}

/* fold: `print_folds`, the units by kind, and the central folds by quadrant */
static void print_folds(const fold_kind *kind)
{
    static const char *names[] = {"x1 > 0, x2 > 0", "x1 < 0, x2 > 0",
                                  "x1 < 0, x2 < 0", "x1 > 0, x2 < 0"};
    const wb_mlp_layer *layer = &ch.net->layer[0];
    /* The output neuron's weights, when it reads this layer. */
    const double *v = ch.net->n_hidden == 1 ? ch.net->layer[1].W : NULL;
    size_t H = layer->fan_out, count[4] = {0}, by_kind[4] = {0};
    double v_elsewhere = 0;    /* the largest |v_h| of the other folds */
    double off_diagonal = 0;   /* the central folds' largest angle from a
                                  diagonal, in degrees */
    double v_min[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
    double v_max[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
    for (size_t h = 0; h < H; h++) {
        double w1 = layer->W[h], w2 = layer->W[H + h];
        int q = quadrant(w1, w2);
        by_kind[kind[h]]++;
        if (kind[h] == ELSEWHERE && v)
            v_elsewhere = fmax(v_elsewhere, fabs(v[h]));
        if (kind[h] != CENTRAL)
            continue;
        double angle = atan2(w2, w1) * 180 / PI;    /* 45 on a diagonal */
        count[q]++;
        off_diagonal = fmax(off_diagonal, fabs(fmod(angle + 360, 90) - 45));
        v_min[q] = v ? fmin(v_min[q], v[h]) : NAN;
        v_max[q] = v ? fmax(v_max[q], v[h]) : NAN;
    }
    printf("the first hidden layer's %zu units:\n", H);
    printf("  folded along a line through the centre (within 0.05): %3zu\n"
           "  folded along a line elsewhere in the square:          %3zu",
           by_kind[CENTRAL], by_kind[ELSEWHERE]);
    if (v && by_kind[ELSEWHERE] > 0)
        printf(", |v_h| at most %.2f", v_elsewhere);
    printf("\n  on all over the square:                               %3zu\n"
           "  off all over the square:                              %3zu\n",
           by_kind[ON_ALL], by_kind[OFF_ALL]);
    printf("the %zu folds through the centre, by the quadrant their unit "
           "turns on towards:\n", by_kind[CENTRAL]);
    for (int q = 0; q < 4; q++) {
        printf("  %s: %2zu", names[q], count[q]);
        if (v && count[q] > 0)
            printf(", output weights v_h from %+.2f to %+.2f", v_min[q],
                   v_max[q]);
        printf("\n");
    }
    printf("all %zu within %.0f degrees of a diagonal (an axis is 45 degrees "
           "away)\n", by_kind[CENTRAL], off_diagonal);
}

static int switch_lines(wb_run *run)
{
    const wb_mlp_layer *layer = &ch.net->layer[0];
    fold_kind kind[MAX_UNITS];
    for (size_t h = 0; h < layer->fan_out; h++)
        kind[h] = fold_of(layer, h);
    print_folds(kind);
    return draw_folds(run, kind);
}

/*md
## Training, as it happens

The folds did not start where @fig:switch_lines finds them. @fig:snapshots
shows the network at four moments of its training: with the weights it
started from, after 30 epochs, after 100, and at the end; each time its
probability map, and the folds of its hidden neurons, in black for a
neuron the output gives a positive weight $v_h$, in green for a negative
one.

With its first weights (epoch 0), the folds lie every which way, and the
map is a pale wash: every $p$ is a little below $1/2$, so that the network
calls every point category 0, and is right about half the time. After 30
epochs the folds have begun to turn, the green ones gathering along the
diagonal $x_1 = x_2$; the map is still pale, $p$ nowhere far from $1/2$,
but it already has the right sign at most training points. The network is
right before it is sure. By epoch 100 about half the folds pass through
the centre, in two bundles about the diagonals, and the map has its four
quadrants, blurred. The hundreds of epochs after that sharpen them: the
folds close in on the diagonals and the centre, the weights grow, and the
map goes from pale to saturated, while the training accuracy creeps up by
a point or two. Training never moved a boundary: it turned 50
folds, and the boundary, where their weighted sum changes sign, followed.
The step prints, for each moment, the training accuracy, the range of
$p$ over the map, and how many folds pass through the centre.
*/
static int snapshots(wb_run *run)
{
    const wb_mlp *nets[SNAPSHOTS + 1];
    size_t epochs[SNAPSHOTS + 1], n = 0;
    for (; n < ch.nsnaps; n++) {
        nets[n] = ch.snap[n];
        epochs[n] = snapshot_epoch[n];
    }
    nets[n] = ch.net;                       /* and the trained network */
    epochs[n++] = ch.net->n_iter;

    /* fold: prints how far each had come, and draws its map and folds */
    wb_figure *fig = wb_figure_new(&run->out, "snapshots",
        "The network while it learns: its probability of category 1, and "
        "the folds of its hidden neurons.");
    wb_figure_size(fig, n == 4 ? 1240 : 560 * (int)n, n == 4 ? 1160 : 580);
    wb_figure_layout(fig, n == 4 ? 2 : 1, n == 4 ? 2 : (int)n);
    for (size_t k = 0; k < n; k++) {
        const wb_mlp_layer *layer = &nets[k]->layer[0];
        const double *v = nets[k]->n_hidden == 1 ? nets[k]->layer[1].W
                                                 : NULL;
        const char *label[2] = {"a fold, $v_h < 0$",
                                v ? "a fold, $v_h > 0$" : "a fold"};
        char title[64];
        size_t central = 0;
        double acc = accuracy(nets[k], ch.X, ch.y);
        wb_array *p = wb_keep(run, wb_mlp_predict_proba(nets[k],
                                                        ch.map.points));
        if (!p || wb_reshape(p, ch.map.n, ch.map.n) != 0) {
            wb_figure_free(fig);
            return -1;
        }
        snprintf(title, sizeof title, "epoch %zu: training accuracy %.2f",
                 epochs[k], acc);
        wb_figure_panel(fig, (int)k);
        wb_figure_title(fig, title);
        wb_plot_probability_map(fig, ch.map.xx, ch.map.yy, p);
        wb_figure_legend(fig, WB_LEGEND_BELOW);
        for (size_t h = 0; h < layer->fan_out; h++) {
            int up = !v || v[h] > 0, on = corners_on(layer, h);
            central += fold_of(layer, h) == CENTRAL;
            if (on == 0 || on == 4)
                continue;
            plot_fold(fig, layer, h, -1, &(wb_style){.width = 1.2,
                      .color = up ? WB_BLACK : WB_GREEN,
                      .label = label[up]}, run);
            label[up] = NULL;     /* one legend entry for each colour */
        }
        printf("epoch %4zu: training accuracy %.3f, p from %.3f to %.3f, "
               "%2zu folds through the centre\n", epochs[k], acc, wb_min(p),
               wb_max(p), central);
    }
    return wb_figure_render(fig);
}

/*md
## What the hidden neurons see

`wb_mlp_layer_output` runs the forward pass over any points and returns the
outputs of any layer (and `wb_mlp_layer_z` their weighted inputs). Over
the points of a grid, for the hidden layer, it
gives an array of one row per point and one column per neuron, $(N, 50)$:
column $h$ is neuron $h$'s output $a_h$ at every point, and reshaped to
the grid's shape it is a map. These maps are small, and smooth away from
their folds, so a grid of $50 \times 50$ points is enough for them.

The step picks four hidden neurons, one turned towards each quadrant: in
each group, the one that can move the output most (the largest $|v_h|$
times its largest output). Each map shows what such a neuron computes:
zero on the off side of its fold, a plane rising away from the fold on the
other. Beside them are the output neuron's weighted input
$z = \sum_h v_h a_h + c$, the sum of all 50 such maps, each weighted by its
$v_h$, and then $p = \sigma(z)$. In the map of $z$, the folds along the
diagonals make ridges in the same-sign quadrants and valleys in the
others, and its zero line, where $p = 1/2$, lies along the axes. The step
measures how closely $z$ follows $|x_1 + x_2| - |x_1 - x_2|$ over the
grid, by their correlation coefficient (1 would be a perfect straight-line
relation between the two).
*/
/* fold: `influence`, how much each unit can move the output */
/* How much each unit of the first layer can move the output neuron's
 * weighted input, into score: (H,): its largest output over the grid
 * times |v_h| (or alone, when the output neuron reads another layer).
 * A: (N, H) over the grid; v: (H,) or NULL. */
static void influence(double *score, const wb_array *A, const double *v)
{
    for (size_t h = 0; h < A->shape[1]; h++) {
        score[h] = 0;
        for (size_t n = 0; n < A->shape[0]; n++)
            score[h] = fmax(score[h], WB_AT(A, n, h));
        score[h] *= v ? fabs(v[h]) : 1;
    }
}

/* fold: `pick_units`, the four units to show */
/* Up to four units of the first layer to show, into pick: (4,): the most
 * influential turned towards each quadrant, then any others that are
 * needed to make four. Returns how many. score: (H,). */
static size_t pick_units(size_t *pick, const double *score)
{
    const wb_mlp_layer *layer = &ch.net->layer[0];
    size_t H = layer->fan_out, n = 0;
    bool taken[MAX_UNITS] = {false};
    for (int pass = 0; pass < 2; pass++)     /* by quadrant, then any */
        for (int q = 0; q < 4 && n < 4 && n < H; q++) {
            size_t best = H;
            for (size_t h = 0; h < H; h++)
                if (!taken[h] && (best == H || score[h] > score[best]) &&
                    (pass == 1 ||
                     quadrant(layer->W[h], layer->W[H + h]) == q))
                    best = h;
            if (best < H && (pass == 1 || score[best] > 0)) {
                taken[best] = true;
                pick[n++] = best;
            }
        }
    return n;
}

/* fold: `unit_map`, a column of A as a map over the grid */
/* Column h of A: (n * n, H) as a map over the grid g, (n, n). */
static wb_array *unit_map(const wb_array *A, size_t h, const grid *g,
                          wb_run *run)
{
    wb_array *map = wb_keep(run, wb_column(A, h));
    return map && wb_reshape(map, g->n, g->n) == 0 ? map : NULL;
}

/* fold: `correlation`, the correlation coefficient of two arrays */
/* The correlation coefficient of a and b: (n,), as text in buf: "0.998",
 * or "none" when either is constant over the points (a tiny sample, or a
 * network whose units of one sign are all off), where it is 0 / 0. */
static const char *correlation(char buf[32], const wb_array *a,
                               const wb_array *b)
{
    double ma = wb_mean(a), mb = wb_mean(b), ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a->size; i++) {
        ab += (a->data[i] - ma) * (b->data[i] - mb);
        aa += (a->data[i] - ma) * (a->data[i] - ma);
        bb += (b->data[i] - mb) * (b->data[i] - mb);
    }
    if (aa > 0 && bb > 0)
        snprintf(buf, 32, "%.3f", ab / sqrt(aa * bb));
    else
        snprintf(buf, 32, "none (one is constant)");
    return buf;
}

/* fold: `draw_maps`, the units' maps, $z$'s and $p$'s, side by side */
/* The maps of units pick[0..k-1] (columns of A: (n * n, H)), of z and of
 * p = sigma(z): (n, n), over the grid g, side by side. */
static int draw_maps(const wb_array *A, const wb_array *z, const wb_array *p,
                     const size_t *pick, size_t k, const grid *g,
                     wb_run *run)
{
    const double *v = ch.net->n_hidden == 1 ? ch.net->layer[1].W : NULL;
    double z_max = fmax(-wb_min(z), wb_max(z)), a_max = 0;
    for (size_t i = 0; i < k; i++)    /* one colour scale for the units */
        for (size_t n = 0; n < A->shape[0]; n++)
            a_max = fmax(a_max, WB_AT(A, n, pick[i]));
    wb_figure *fig = wb_figure_new(&run->out, "hidden_units",
        "Hidden neurons' outputs $a_h$, the output neuron's weighted input "
        "$z$, and $p = \\sigma(z)$.");
    int rows = k == 4 ? 2 : 1, cols = k == 4 ? 3 : (int)k + 2;
    wb_figure_size(fig, 480 * cols, 440 * rows);
    wb_figure_layout(fig, rows, cols);
    for (size_t i = 0; i < k + 2; i++) {
        char title[64] = "unit";
        wb_figure_panel(fig, (int)i);
        wb_figure_xlabel(fig, "$x_1$");
        wb_figure_ylabel(fig, "$x_2$");
        wb_figure_square(fig);
        if (i < k && v)
            snprintf(title, sizeof title, "unit %zu, $v_h = %+.2f$",
                     pick[i] + 1, v[pick[i]]);
        else if (i < k)
            snprintf(title, sizeof title, "unit %zu", pick[i] + 1);
        if (i < k) {
            wb_figure_title(fig, title);
            wb_figure_cblabel(fig, "$a_h$");
            wb_figure_cbrange(fig, 0, a_max > 0 ? a_max : 1);
            wb_plot_heatmap(fig, g->xx, g->yy, unit_map(A, pick[i], g, run),
                            NULL);
        } else {
            wb_figure_title(fig, i == k ? "weighted input $z$"
                                        : "output $p = \\sigma(z)$");
            wb_figure_cblabel(fig, i == k ? "$z$" : "$p$");
            wb_figure_palette(fig, WB_PALETTE_DIVERGING);
            wb_figure_cbrange(fig, i == k ? -z_max : 0, i == k ? z_max : 1);
            wb_plot_heatmap(fig, g->xx, g->yy, i == k ? z : p, NULL);
        }
    }
    return wb_figure_render(fig);
}

static int hidden_maps(wb_run *run)
{
    static grid g;
    size_t L = ch.net->n_hidden, *pick = ch.pick;
    const wb_mlp_layer *first = &ch.net->layer[0], *out = &ch.net->layer[L];
    double score[MAX_UNITS];
    if (make_grid(&g, 50, run) != 0)
        return -1;
    /* The first layer's outputs over the grid's points, (N, H), and the
     * output's weighted input z, (N, 1), as a map, (n, n). */
    wb_array *A = wb_keep(run, wb_mlp_layer_output(ch.net, g.points, 0));
    wb_array *z = wb_keep(run, wb_mlp_layer_z(ch.net, g.points, L));
    if (!A || !z || wb_reshape(z, g.n, g.n) != 0)
        return -1;
    influence(score, A, L == 1 ? out->W : NULL);
    size_t k = ch.npick = pick_units(pick, score);

    /* fold: prints how close $z$ is to the folds' formula, and the units */
    wb_array *folds = wb_keep(run, wb_matrix(g.n, g.n));
    if (!folds)
        return -1;
    for (size_t n = 0; n < folds->size; n++) {
        double x1 = WB_AT(g.points, n, 0), x2 = WB_AT(g.points, n, 1);
        folds->data[n] = fabs(x1 + x2) - fabs(x1 - x2);
    }
    char r[32];
    printf("correlation of z with |x1 + x2| - |x1 - x2| over the grid: "
           "%s\n", correlation(r, z, folds));
    for (size_t i = 0; i < k; i++) {
        size_t h = pick[i];
        printf("unit %2zu: w_h = (%+.2f, %+.2f), b_h = %+.3f", h + 1,
               first->W[h], first->W[first->fan_out + h], first->b[h]);
        if (L == 1)
            printf(", v_h = %+.2f", out->W[h]);
        printf("\n");
    }

    wb_array *p = wb_keep(run, wb_map(z, wb_sigmoid));
    return p ? draw_maps(A, z, p, pick, k, &g, run) : -1;
}

/*md
## The variable the hidden layer invented

Chapter 4 found a variable, $u = x_1 x_2$, in which one number and one
threshold part the categories. What did the hidden layer find? Split the
output neuron's weighted input @eq:output by the signs of its weights:

$$z = s_+ - s_- + c, \qquad s_+ = \sum_{v_h > 0} v_h a_h, \qquad
  s_- = \sum_{v_h < 0} |v_h| \, a_h.$$ {#eq:split}

The step computes them for the test sample: the last hidden layer's
outputs $a_h$ for every test point, from `wb_mlp_layer_output`, and for
each point the two sums of @eq:split, `plus` and `minus`.

Each point of the plane becomes two numbers, $(s_-, s_+)$: how strongly
the neurons that push towards category 1 are on there, and how strongly
those that push towards category 0 are. Those are the coordinates the
hidden layer gives the plane, and in them the boundary $p = 1/2$, where
$z = 0$, is the straight line $s_+ = s_- - c$. @fig:hidden_space draws the
test sample in these coordinates (left): the problem that no line solves
in $(x_1, x_2)$, one line solves in $(s_-, s_+)$. That is what a hidden
layer is for. It moves the points to where the output neuron, a logistic
regression, can part them with a line.

The two coordinates are the two terms of @eq:folds: $s_+$ is about
$k |x_1 + x_2|$, the back-to-back neurons along one diagonal (panel a of
@fig:switch_lines), and $s_-$ about $k |x_1 - x_2|$ (panel b). Their
squares differ by chapter 4's variable itself,

$$s_+^2 - s_-^2 \approx 4 k^2 \, x_1 x_2 = 4 k^2 u,$$ {#eq:invented}

since $(x_1 + x_2)^2 - (x_1 - x_2)^2 = 4 x_1 x_2$; so that $s_+ > s_-$
where $u > 0$, and $s_+ < s_-$ where $u < 0$. The hidden layer invented
$u$ by itself; or rather a variable with the sign of $u$, $s_+ - s_-$,
which is all a boundary needs. The right panel draws
$z = s_+ - s_- + c$ against $u$ for each test point: nearly every point
lies where $z$ and $u$ have the same sign. The step measures how closely
$s_+$ and $s_-$ follow $|x_1 + x_2|$ and $|x_1 - x_2|$ over the test
sample, by their correlation coefficients.
*/
/* fold: `draw_hidden_space`, the sample in $(s_-, s_+)$, $z$ against $u$ */
static int draw_hidden_space(wb_run *run, const wb_array *plus,
                             const wb_array *minus, const wb_array *u,
                             const wb_array *z, double c)
{
    const wb_array *space_columns[] = {minus, plus}, *uz_columns[] = {u, z};
    wb_array *space = wb_keep(run, wb_column_stack(space_columns, 2));
    wb_array *uz = wb_keep(run, wb_column_stack(uz_columns, 2));
    double top = 1.05 * fmax(wb_max(plus), wb_max(minus));
    wb_array *s = wb_keep(run, wb_linspace(0, top, 2));
    wb_array *line = wb_keep(run, wb_linspace(-c, top - c, 2));
    if (!space || !uz || !s || !line)
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "hidden_space",
        "The test sample in the hidden layer's coordinates, where a line "
        "parts the categories; and $z$ against chapter 4's $u = x_1 x_2$.");
    wb_figure_size(fig, 1040, 600);
    wb_figure_layout(fig, 1, 2);
    wb_figure_title(fig, "in the hidden layer's coordinates");
    wb_figure_xlabel(fig, "$s_-$, from the neurons with $v_h < 0$");
    wb_figure_ylabel(fig, "$s_+$, from those with $v_h > 0$");
    wb_figure_xrange(fig, 0, top);
    wb_figure_yrange(fig, 0, top);
    wb_figure_square(fig);
    wb_figure_legend(fig, WB_LEGEND_BELOW);
    wb_plot_categories(fig, space, ch.y_test, &(wb_style){.alpha = 0.7});
    wb_plot_line(fig, s, line, &(wb_style){.color = WB_BLACK, .width = 1.5,
                 .label = "$z = 0$, where $p = 1/2$"});
    wb_figure_panel(fig, 1);
    wb_figure_title(fig, "$z$ against $u$");
    wb_figure_xlabel(fig, "$u = x_1 x_2$");
    wb_figure_ylabel(fig, "$z = s_+ - s_- + c$");
    wb_figure_legend(fig, WB_LEGEND_BELOW);
    wb_plot_hline(fig, 0, &(wb_style){.color = WB_BLACK, .dash = WB_DOTTED,
                                       .width = 1});
    wb_plot_vline(fig, 0, &(wb_style){.color = WB_BLACK, .dash = WB_DOTTED,
                                       .width = 1});
    wb_plot_categories(fig, uz, ch.y_test, &(wb_style){.alpha = 0.7});
    return wb_figure_render(fig);
}

static int hidden_space(wb_run *run)
{
    size_t L = ch.net->n_hidden, N = ch.X_test->shape[0];
    const double *v = ch.net->layer[L].W, c = ch.net->layer[L].b[0];
    /* The last hidden layer's outputs over the test sample: (N, H) */
    wb_array *A = wb_keep(run, wb_mlp_layer_output(ch.net, ch.X_test,
                                                   L - 1));
    wb_array *plus = wb_keep(run, wb_vector(N));
    wb_array *minus = wb_keep(run, wb_vector(N));
    if (!A || !plus || !minus)
        return -1;
    for (size_t n = 0; n < N; n++)
        for (size_t h = 0; h < A->shape[1]; h++) {
            double term = fabs(v[h]) * WB_AT(A, n, h);
            if (v[h] > 0)
                plus->data[n] += term;
            else
                minus->data[n] += term;
        }

    /* fold: prints how $s_\pm$ follow the diagonals, and draws both panels */
    wb_array *u = wb_keep(run, wb_vector(N)), *z = wb_keep(run, wb_vector(N));
    wb_array *d_plus = wb_keep(run, wb_vector(N));
    wb_array *d_minus = wb_keep(run, wb_vector(N));
    if (!u || !z || !d_plus || !d_minus)
        return -1;
    size_t agree = 0;
    for (size_t n = 0; n < N; n++) {
        double x1 = WB_AT(ch.X_test, n, 0), x2 = WB_AT(ch.X_test, n, 1);
        u->data[n] = x1 * x2;
        z->data[n] = plus->data[n] - minus->data[n] + c;
        d_plus->data[n] = fabs(x1 + x2);
        d_minus->data[n] = fabs(x1 - x2);
        agree += (z->data[n] > 0) == (u->data[n] > 0);
    }
    char r[32];
    printf("over the test sample, correlation of s+ with |x1 + x2|: %s\n",
           correlation(r, plus, d_plus));
    printf("                      correlation of s- with |x1 - x2|: %s\n",
           correlation(r, minus, d_minus));
    printf("the output's bias c = %.3f; z = s+ - s- + c has the sign of "
           "u = x1 x2\nat %zu of the %zu test points\n", c, agree, N);
    return draw_hidden_space(run, plus, minus, u, z, c);
}

/*md
## The trained network

The diagram of the network again (@fig:trained_network), now with its
trained weights: each edge's colour gives its weight's sign, and its width
its size. It shows the four hidden neurons of @fig:hidden_units, with the
bias under each. Between the inputs and a hidden neuron $h$, the two edges
are $W_{1h}$ and $W_{2h}$; for a neuron folded along a diagonal they have
about the same size, with the same sign for the diagonal $x_1 + x_2 = 0$
and opposite signs for $x_1 - x_2 = 0$, and its bias is nearly 0, since
its fold passes through the centre. From the hidden layer to the output,
the edges are the $v_h$: positive for the two neurons turned towards a
same-sign quadrant, negative for the other two.

Neurons that are off all over the square take no part: no gradient
reaches a neuron that never switches on, and the penalty on the weights
slowly shrinks its weights towards 0. The step lists them. Those that were
dead from the start (@step:start) are among them, and a few more, which
training switched off on its way.
*/
static int trained_network(wb_run *run)
{
    size_t L = ch.net->n_hidden;
    wb_diagram_layer layers[MAX_LAYERS + 2] = {{.size = 2}};

    /* fold: copies each layer's weights and biases into arrays */
    for (size_t l = 0; l <= L; l++) {
        const wb_mlp_layer *layer = &ch.net->layer[l];
        wb_array *W = wb_keep(run, wb_matrix(layer->fan_in, layer->fan_out));
        wb_array *b = wb_keep(run, wb_vector_from(layer->b,
                                                  layer->fan_out));
        if (!W || !b)
            return -1;
        memcpy(W->data, layer->W, W->size * sizeof *W->data);
        layers[l + 1] = (wb_diagram_layer){
            .size = layer->fan_out, .weights = W, .biases = b};
    }

    if (ch.npick > 0) {            /* the hidden units of the maps */
        layers[1].shown = ch.pick;
        layers[1].nshown = ch.npick;
    }

    /* fold: prints the weights' signs and size, and the units that are off */
    size_t positive = 0, negative = 0;
    double largest = 0;
    for (size_t l = 1; l <= L + 1; l++) {
        const wb_array *W = layers[l].weights;
        for (size_t k = 0; k < W->size; k++) {
            positive += W->data[k] > 0;
            negative += W->data[k] < 0;
            largest = fmax(largest, fabs(W->data[k]));
        }
    }
    printf("%zu weights: %zu positive, %zu negative; the largest size "
           "|w| = %.2f\n", positive + negative, positive, negative, largest);
    const char *sep = ":";
    printf("the neurons off all over the square");
    for (size_t h = 0; h < ch.net->layer[0].fan_out; h++)
        if (corners_on(&ch.net->layer[0], h) == 0) {
            printf("%s %zu", sep, h + 1);
            sep = ",";
        }
    printf("%s\n", *sep == ':' ? ": none" : "");

    return wb_diagram_layers(&run->out, "trained_network",
        "The trained network, with the hidden neurons of the maps: each "
        "edge's colour shows its weight's sign, its width the weight's "
        "size; each neuron's bias is under it.", layers, L + 2);
}

/*md
## Other samples

Every number so far belongs to one pair of samples and one draw of the
first weights. This step trains the network again on 10 pairs of samples,
those that `--seed 1` to `--seed 10` draw (seed 1 draws this page's), each
time from first weights of its own: `train_on_seed` seeds a generator,
draws the two samples and then the first weights from it, and trains as
@step:training does, side by side on the processors (`wb_run_each`, as in
@step:compare). The first of the 10 is this page's network again, to the
last bit. For each it keeps the epochs training took, the test
accuracy, how far the farthest mistake lies from an axis, how many folds
pass through the centre and how many neurons end off all over the square;
then it prints how each number spreads: its mean, standard deviation (sd),
smallest and largest.

The test accuracy stays between 97 and 99 points in 100 on every sample,
and its standard deviation over the samples is not much more than the
test sample's alone (@eq:binomial): much of the wander is the test
sample's, and less is the network's. The mistakes always lie within a
few hundredths of an axis, where a small error in the boundary's place
changes a point's side. Training stops after much the same number of
epochs on every sample, within a few per cent. The folds tell the same
story on every sample: most pass through the centre, and a handful of neurons end off all over
the square, a few more than the one in 12 that started dead
(@step:start), since training switches off some of its own.

scikit-learn's network wanders as much. On 10 fresh pairs of samples
(numpy's, with the seeds 0 to 9, and the same `random_state`), its
`MLPClassifier` with the tutorial's settings scores from 0.974 to 0.996,
0.989 on average. (A script, `tests/reference/make_mlp_fixtures.py`,
computed these with scikit-learn 1.2.1 into `tests/fixtures/mlp.txt`, and
`make check` holds this library's network to them.) The two spreads
overlap: the C network and scikit-learn's are as good as each other, and
the original's 0.988 is one draw among theirs.
*/
/* What the step keeps of each sample's network: slot s of each array. */
typedef struct seed_numbers {
    wb_array *epochs, *acc, *farthest, *central, *off;
} seed_numbers;

/* The network of sample s, and its numbers (a job of wb_run_each). */
static int seed_job(wb_run *run, size_t s, void *numbers)
{
    seed_numbers *k = numbers;
    wb_array *X_test, *y_test;
    wb_mlp *net = train_on_seed(run, run->seed + s, hidden, n_hidden,
                                activation, &X_test, &y_test);
    if (!net)
        return -1;
    k->epochs->data[s] = (double)net->n_iter;
    k->acc->data[s] = accuracy(net, X_test, y_test);
    mistakes(&k->farthest->data[s], net, X_test, y_test);
    /* fold: counts its folds through the centre, and its units off */
    const wb_mlp_layer *first = &net->layer[0];
    for (size_t h = 0; h < first->fan_out; h++) {
        k->central->data[s] += fold_of(first, h) == CENTRAL;
        k->off->data[s] += fold_of(first, h) == OFF_ALL;
    }

    return 0;
}

static int seeds(wb_run *run)
{
    /* fold: room for each number over the samples */
    seed_numbers k;
    wb_array **room[] = {&k.epochs, &k.acc, &k.farthest, &k.central, &k.off};
    for (size_t i = 0; i < sizeof room / sizeof *room; i++)
        if (!(*room[i] = wb_keep(run, wb_vector(SAMPLES))))
            return -1;

    /* the samples' networks, side by side on the processors */
    if (wb_run_each(run, SAMPLES, seed_job, &k) != 0)
        return -1;

    /* fold: prints how each number spreads over the samples */
    char spread[96];
    double q = wb_mean(k.acc), n = (double)ch.y_test->size;
    printf("over %d pairs of samples (seeds %llu to %llu, the first this "
           "one's):\n", SAMPLES, (unsigned long long)run->seed,
           (unsigned long long)(run->seed + SAMPLES - 1));
    printf("test accuracy, sample by sample:");
    for (size_t s = 0; s < SAMPLES; s++)
        printf(" %.3f", k.acc->data[s]);
    printf("\ntest accuracy:         %s\n",
           wb_spread_str(spread, sizeof spread, k.acc, 3));
    printf("  a test sample's own sd at %.3f: sqrt(q (1 - q) / %.0f) = "
           "%.3f\n", q, n, sqrt(q * (1 - q) / n));
    printf("epochs:                %s\n",
           wb_spread_str(spread, sizeof spread, k.epochs, 0));
    printf("farthest mistake from an axis: %s\n",
           wb_spread_str(spread, sizeof spread, k.farthest, 3));
    printf("folds through the centre: %s\n",
           wb_spread_str(spread, sizeof spread, k.central, 1));
    printf("units off all over the square: %s\n",
           wb_spread_str(spread, sizeof spread, k.off, 1));
    return 0;
}

/*md
## How many neurons, and which activation

Does the network need 50 hidden neurons, and does it need the ReLU? The
step trains 20 networks: one hidden layer of 2, 3, 5, 10 or 50 neurons,
with each of four activations (the ReLU, tanh, the logistic sigmoid and the
identity), each as the training step trains its own, on 5 pairs of fresh
samples (seeds 1 to 5, the first this page's), and tests each. The table
gives each network's test accuracy over the 5 samples, its mean, standard
deviation and range, and its accuracy and epochs on this page's sample.
@fig:boundaries draws what each of the 20 learned from this page's
sample, its probability map, as TensorFlow Playground shows its network's
output; @fig:loss_curves, the loss of each epoch of the four with 50
neurons.

Read the table, and @fig:boundaries, by activation. The *identity*
draws a straight boundary whatever the number of neurons (@eq:linear): its
maps are a pale tilted wash, and its accuracy over the samples ranges over
what a line gets, from about 1/3 to 2/3, around a coin's 0.5. The
*logistic* neurons learn nothing at any width: their maps are white, $p$
stays close to $1/2$ everywhere, and their accuracy scatters as the
identity's does. @fig:loss_curves shows their loss: it never leaves
$\ln 2$, and a few dozen epochs in, the stopping rule ends the training
(question 1 asks why). The *ReLU* and *tanh* neurons learn the quadrants
when there are enough of them: 10 do nearly as well as 50, and over the
samples they stay within a point or two of their mean. tanh has no kink,
and bends all the same: what a hidden layer needs is an activation that
is not a straight line where its neurons work.

With fewer neurons, the results jump about from one sample to the next:
look at the range of 2, 3 and 5 ReLU neurons, from a coin's to 0.96.
That spread is the networks' own: a test sample of 500 alone moves an
accuracy by a standard deviation of 0.022 at most (@eq:binomial at
$q = 1/2$), and by less than 0.01 near 0.98, as the step prints. A
handful of folds can do in principle: four neurons,
$\mathrm{relu}(x_1 + x_2)$, $\mathrm{relu}(-x_1 - x_2)$,
$\mathrm{relu}(x_1 - x_2)$ and $\mathrm{relu}(x_2 - x_1)$, weighted
$+1, +1, -1, -1$, make $|x_1 + x_2| - |x_1 - x_2|$ exactly (@eq:folds).
But a small network depends on where its weights start, and can settle
with too few useful folds, or lose a neuron that dies on the way; 50
neurons leave plenty to spare.

The step trains 100 networks, which takes a few seconds, most of them for
the tanh neurons, whose activation costs the most. No network needs
another, and each draws its samples and weights from a seed of its own:
`compare_job` trains one, and the runtime's `wb_run_each` hands the 100
jobs to one thread per processor, each thread taking the next job as it
finishes one. Each job writes only its own slot of the table, so the
numbers are those of the 100 trained one after the other, to the last
bit, on a machine of any number of processors.
*/
/* The networks compared: one hidden layer of each width, with each
 * activation. */
static const wb_activation_kind compared_f[] = {WB_RELU, WB_TANH,
                                                WB_SIGMOID, WB_IDENTITY};
static const size_t compared_width[] = {2, 3, 5, 10, 50};
#define NF (sizeof compared_f / sizeof *compared_f)
#define NW (sizeof compared_width / sizeof *compared_width)

/* fold: `print_comparison`, the table */
/* The table of the networks net[i][j] (of activation compared_f[i] and
 * width compared_width[j], trained on this page's sample) and of their
 * test accuracies acc[i][j] over the samples. */
static void print_comparison(wb_mlp *net[NF][NW], wb_array *acc[NF][NW])
{
    printf("hidden layer    test accuracy over %d samples    this sample\n"
           "                 mean     sd   from     to      test  epochs\n",
           COMPARE_SAMPLES);
    for (size_t i = 0; i < NF; i++)
        for (size_t j = 0; j < NW; j++) {
            char name[32];
            snprintf(name, sizeof name, "%zu %s", compared_width[j],
                     wb_activation_get(compared_f[i])->name);
            printf("%-13s  %6.3f  %5.3f  %5.3f  %5.3f    %6.3f  %6zu\n",
                   name, wb_mean(acc[i][j]), wb_std(acc[i][j]),
                   wb_min(acc[i][j]), wb_max(acc[i][j]),
                   acc[i][j]->data[0], net[i][j]->n_iter);
        }
    double n = (double)ch.y_test->size;
    printf("a test sample's own sd, sqrt(q (1 - q) / %.0f): %.3f at q = 0.5, "
           "%.3f at q = 0.98\n", n, sqrt(0.25 / n), sqrt(0.98 * 0.02 / n));
}

/* fold: `draw_boundaries`, the 20 maps side by side */
/* The probability map of each network net[i][j], trained on this page's
 * sample: an activation a column, a width a row; and its test accuracy
 * acc[i][j]->data[0] above it. */
static int draw_boundaries(wb_run *run, wb_mlp *net[NF][NW],
                           wb_array *acc[NF][NW])
{
    static grid g;
    if (make_grid(&g, 50, run) != 0)
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "boundaries",
        "What each network learned from this page's sample: its "
        "probability of category 1, by activation (across) and number of "
        "hidden neurons (down), with its test accuracy; each map is the "
        "square, $x_1$ across and $x_2$ up.");
    wb_figure_size(fig, 1480, 1460);    /* landscape, four maps a row */
    wb_figure_layout(fig, NW, NF);
    for (size_t j = 0; j < NW; j++)
        for (size_t i = 0; i < NF; i++) {
            char title[64];
            wb_array *p = wb_keep(run, wb_mlp_predict_proba(net[i][j],
                                                            g.points));
            if (!p || wb_reshape(p, g.n, g.n) != 0) {
                wb_figure_free(fig);
                return -1;
            }
            snprintf(title, sizeof title, "%zu %s: test %.3f",
                     compared_width[j],
                     wb_activation_get(compared_f[i])->name,
                     acc[i][j]->data[0]);
            wb_figure_panel(fig, (int)(j * NF + i));
            wb_figure_square(fig);
            wb_figure_title(fig, title);
            wb_plot_probability_map(fig, g.xx, g.yy, p);
            wb_figure_legend(fig, WB_LEGEND_NONE);
            wb_figure_tics(fig, 1, 1, 0.5);
            wb_figure_cblabel(fig, "$p$");
            wb_figure_xlabel(fig, "");
            wb_figure_ylabel(fig, "");
        }
    return wb_figure_render(fig);
}

/* fold: `draw_losses`, the loss of each epoch of the four of 50 neurons */
static int draw_losses(wb_run *run, wb_mlp *net[NF][NW])
{
    wb_figure *fig = wb_figure_new(&run->out, "loss_curves",
        "The loss of each epoch of the four networks of 50 hidden neurons "
        "(epochs on a logarithmic scale); the dotted line is $\\ln 2$.");
    wb_figure_xlabel(fig, "epoch");
    wb_figure_ylabel(fig, "loss $L$");
    wb_figure_logscale(fig, true, false);
    wb_figure_yrange(fig, 0, 0.8);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);
    wb_plot_hline(fig, log(2), &(wb_style){.color = WB_BLACK,
                                            .dash = WB_DOTTED, .width = 1});
    for (size_t i = 0; i < NF; i++) {
        const wb_mlp *m = net[i][NW - 1];
        char name[32];
        snprintf(name, sizeof name, "%zu %s", compared_width[NW - 1],
                 wb_activation_get(compared_f[i])->name);
        wb_array *epoch = wb_keep(run, wb_linspace(1, (double)m->n_iter,
                                                   m->n_iter));
        wb_array *loss = wb_keep(run, wb_vector_from(m->loss_curve,
                                                     m->n_iter));
        wb_plot_line(fig, epoch, loss, &(wb_style){.label = name});
    }
    return wb_figure_render(fig);
}

/* fold: `compared`, the networks and their test accuracies */
/* The networks compared, and their test accuracies over the samples. */
typedef struct compared {
    wb_mlp *net[NF][NW];          /* trained on this page's sample */
    wb_array *acc[NF][NW];        /* test accuracies, over the samples */
} compared;

/* Job k of wb_run_each: activation i, width j, sample s. */
static int compare_job(wb_run *run, size_t k, void *table)
{
    compared *c = table;
    size_t s = k % COMPARE_SAMPLES, j = k / COMPARE_SAMPLES % NW,
           i = k / COMPARE_SAMPLES / NW;
    wb_array *Xt, *yt;
    wb_mlp *m = train_on_seed(run, run->seed + s, &compared_width[j], 1,
                              compared_f[i], &Xt, &yt);
    if (!m)
        return -1;
    c->acc[i][j]->data[s] = accuracy(m, Xt, yt);
    if (s == 0)
        c->net[i][j] = m;
    return 0;
}

static int compare(wb_run *run)
{
    compared c;
    /* fold: room for the accuracies */
    for (size_t i = 0; i < NF; i++)
        for (size_t j = 0; j < NW; j++)
            if (!(c.acc[i][j] = wb_keep(run, wb_vector(COMPARE_SAMPLES))))
                return -1;
    /* NF x NW x COMPARE_SAMPLES networks, side by side */
    if (wb_run_each(run, NF * NW * COMPARE_SAMPLES, compare_job, &c) != 0)
        return -1;
    print_comparison(c.net, c.acc);
    return draw_boundaries(run, c.net, c.acc) == 0 &&
                   draw_losses(run, c.net) == 0
               ? 0 : -1;
}

/*md
## The program

`main` hands the steps to the library's runtime, with the chapter's
parameters. Three of them are words or lists, which the runtime keeps as
text: `--hidden 50,20` (two hidden layers, of 50 and 20 neurons),
`--activation` (relu, logistic, tanh or identity) and `--solver` (adam,
sgd or lbfgs). The chapter's `check_params`, which the runtime calls once
the command line is read and before any step, makes sense of them and reads
the `--data` files, so that a bad one stops the program at once, with one
line and exit status 2, like any bad option. `--json` runs only the steps
its numbers need, the samples, the training and the test, silently (the
table of steps names what each step needs, `WB_STEP_NEEDS`), and prints
the fit as one JSON object, to compare it with scikit-learn's.
*/
/* fold: `parse_hidden`, which reads a list of layer sizes */
/* "50" or "50,20": the hidden layers' sizes, into hidden and n_hidden. */
static int parse_hidden(const char *list)
{
    const char *s = list;
    n_hidden = 0;
    for (;;) {
        size_t units = 0, digits = 0;
        for (; isdigit((unsigned char)*s) && units <= MAX_UNITS; s++)
            units = 10 * units + (size_t)(*s - '0'), digits++;
        if (digits == 0 || (*s != ',' && *s != '\0' && units <= MAX_UNITS))
            return wb_fail("'%s' is not a list of layer sizes such as 50 "
                           "or 50,20", list);
        if (units == 0 || units > MAX_UNITS)
            return wb_fail("'%s': a layer has 1 to %d units", list,
                           MAX_UNITS);
        if (n_hidden == MAX_LAYERS)
            return wb_fail("'%s': at most %d hidden layers", list,
                           MAX_LAYERS);
        hidden[n_hidden++] = units;
        if (*s++ == '\0')
            return 0;
    }
}

/* fold: `check_params`, which checks the parameters and reads the samples */
/* The parameters the runtime keeps as text, checked, and the samples that
 * --data and --test-data name, read: all before any step, so that a bad
 * one is a bad command line, refused at once. */
static int check_params(wb_run *run, const char **option)
{
    *option = "hidden";
    if (parse_hidden(hidden_arg) != 0)
        return -1;
    *option = "activation";
    const wb_activation *f = wb_activation_find(activation_arg);
    if (!f)
        return -1;
    activation = f->kind;
    *option = "solver";
    if (wb_solver_find(&solver, solver_arg, WB_MLP_SOLVERS) != 0)
        return -1;
    *option = "predict";
    if (predict && strcmp(predict, "learns") != 0 &&
        strcmp(predict, "fails") != 0)
        return wb_fail("'%s' is neither learns nor fails", predict);
    *option = "data";
    if (data_path &&
        (wb_read_sample(&ch.file_X, &ch.file_y, data_path, 2, true) != 0 ||
         !wb_keep(run, ch.file_X) || !wb_keep(run, ch.file_y)))
        return -1;
    *option = "test-data";
    if (test_path &&
        (wb_read_sample(&ch.file_Xt, &ch.file_yt, test_path, 2, false) != 0 ||
         !wb_keep(run, ch.file_Xt) || !wb_keep(run, ch.file_yt)))
        return -1;
    /* --data alone: a fifth of the file is held out to test on, never the
     * chapter's own test sample, which is another problem than the file's */
    *option = "data";
    held_out = data_path && !test_path;
    if (held_out && wb_hold_out_test(run, &ch.file_X, &ch.file_y, &ch.file_Xt,
                                     &ch.file_yt, data_path) != 0)
        return -1;
    return 0;
}

/* fold: `print_json`, the fit as one JSON object */
/* The fit as one JSON object, each number in the shortest form that reads
 * back exactly. */
static int print_json(wb_run *run, FILE *out)
{
    (void)run;
    fprintf(out, "{\"model\":\"mlp\",\"hidden\":[");
    for (size_t l = 0; l < n_hidden; l++)
        fprintf(out, "%s%zu", l > 0 ? "," : "", hidden[l]);
    fprintf(out, "],\"activation\":\"%s\",\"solver\":\"%s\",\"n_iter\":%zu,"
            "\"converged\":%s,\"loss\":%s,\"train_accuracy\":%s,"
            "\"test_accuracy\":%s,\"test_sample\":\"%s\"}\n",
            wb_activation_get(activation)->name, solver_arg, ch.net->n_iter,
            ch.net->converged ? "true" : "false",
            wb_shortest(ch.net->loss).text,
            wb_shortest(ch.train_accuracy).text,
            wb_shortest(ch.test_accuracy).text,
            held_out ? "held out" : test_path ? "file" : "drawn");
    return ferror(out) ? wb_fail("cannot write the JSON") : 0;
}

/* fold: `main`: the table of steps, and the chapter's options */
int main(int argc, char **argv)
{
    /* Each step after the earlier ones whose work it reads. */
    static const wb_step steps[] = {
        WB_STEP_NEEDS(network, ),
        WB_STEP_NEEDS(samples, ),
        WB_STEP_NEEDS(start, samples),
        WB_STEP_NEEDS(gradient_check, samples),
        WB_STEP_NEEDS(training, samples),
        WB_STEP_NEEDS(test, samples, training),
        WB_STEP_NEEDS(relu, samples, training),
        WB_STEP_NEEDS(switch_lines, training),
        WB_STEP_NEEDS(snapshots, samples, training, test),
        WB_STEP_NEEDS(hidden_maps, training),
        WB_STEP_NEEDS(hidden_space, samples, training),
        WB_STEP_NEEDS(trained_network, training, hidden_maps),
        WB_STEP_NEEDS(seeds, samples),
        WB_STEP_NEEDS(compare, samples),
        {0}};

    static const wb_option options[] = {
        {"hidden", WB_OPT_STRING, &hidden_arg, "LIST",
         "the hidden layers' sizes, as 50 or 50,20", 0, 0},
        {"activation", WB_OPT_STRING, &activation_arg, "F",
         "the hidden units': relu, logistic, tanh, identity", 0, 0},
        {"solver", WB_OPT_STRING, &solver_arg, "S", "adam, sgd or lbfgs",
         0, 0},
        {"alpha", WB_OPT_DOUBLE, &alpha, "A", "the L2 penalty", 0, 100},
        {"learning-rate", WB_OPT_DOUBLE, &learning_rate, "R",
         "adam's and sgd's step size", 1e-7, 10},
        {"batch-size", WB_OPT_INT, &batch_size, "B",
         "samples per mini-batch; 0: min(200, n)", 0, 1e6},
        {"max-iter", WB_OPT_INT, &max_iter, "N",
         "at most N epochs (lbfgs: iterations)", 1, 1e6},
        {"tol", WB_OPT_DOUBLE, &tol, "T",
         "the smallest improvement that counts", 0, 1},
        {"no-shuffle", WB_OPT_FLAG, &no_shuffle, NULL,
         "keep the samples in their order in every epoch", 0, 0},
        {"data", WB_OPT_STRING, &data_path, "FILE",
         "the training sample, a CSV file x1,x2,y (default: drawn)", 0, 0},
        {"test-data", WB_OPT_STRING, &test_path, "FILE",
         "the test sample, a CSV file x1,x2,y (default: drawn; with --data, "
         "a fifth of it, held out)", 0, 0},
        {"predict", WB_OPT_STRING, &predict, "P",
         "exercise 1: learns or fails, checked by the test step", 0, 0},
        {0}};

    static const wb_chapter chapter = {
        .slug = "05_mlp",
        .source = __FILE__,
        .summary = "A hidden layer: the multi-layer perceptron and what its "
                   "hidden neurons do.",
        .steps = steps,
        .options = options,
        .check = check_params,
        .json = print_json,
        .json_needs = WB_NEEDS(training, test),
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- A network with one hidden layer of 50 ReLU neurons: two inputs, 50
  hidden neurons, one output, 201 parameters in all, drawn at first
  uniform within Glorot's bound (@eq:glorot), which leaves about one
  neuron in 12 dead from the start. Its backward pass agrees with finite
  differences.
- Trained with Adam, it stops after some hundreds of epochs and gets 97 to
  99 points in 100 of a fresh test sample right, on every sample (the
  original reports 0.988), as scikit-learn's does; its few mistakes lie
  beside the axes. A test sample of 500 alone moves the number by half a
  point, much of its spread over samples.
- Each hidden ReLU folds the plane along a line. Training turns the folds,
  from every direction to two bundles along the diagonals (@fig:snapshots);
  in the end most pass through the centre, and the output neuron adds them
  up: with a positive weight those that turn on towards a same-sign
  quadrant, with a negative one the others. Back to back, they make
  $|x_1 + x_2|$ and $|x_1 - x_2|$.
- In the hidden layer's coordinates, $s_+$ and $s_-$, a straight line
  parts the categories, and $s_+ - s_-$ has the sign of $x_1 x_2$: the
  network invented a variable that does the work of chapter 4's $u$.
- Without bends there is no bending: with the identity as activation, the
  network is a line again and its test accuracy is a line's; logistic
  neurons, which start out nearly straight, stay stuck there. ReLU and tanh
  neurons learn the quadrants, reliably from 10 of them on.

This is what a hidden layer adds: non-linear activations, summed, bend the
boundary that a single neuron could only draw straight. The appendix maps
each numpy, scikit-learn and matplotlib call of the original tutorial to
the workbook's C, for readers who want to carry on in either language.
*/

/*md
## Exercises

Predict first, then run; the program checks the first. Run them from the
top folder of the workbook. Each question's answer is under it, closed:
open it once you have your own.

1. **Logistic neurons.** The original suggests trying the logistic
   (sigmoid) activation in the hidden layer instead of the ReLU. It has no
   kink, but it bends everywhere. Predict whether 50 logistic neurons learn
   the quadrants (a test accuracy of 0.9 or more) or fail (0.7 or less, no
   better than a line), then check:
   `build/chapters/05_mlp --activation logistic --predict learns` (or
   `fails`). Then explain what happened with their row in the table of the
   last step and `figures/05_mlp/loss.png`: what loss did training stop
   at, what is $\ln 2$, and was that really convergence? Exercise 5.2 below
   asks you to make them learn.

   ::: {.answer question="1"}
   They fail: a test accuracy of 0.314 on this page's samples, and from
   about 0.31 to 0.63 over the five samples of the table, scattered around
   a coin's 0.5. Training stopped after 50 epochs at a loss of 0.691,
   hardly below $\ln 2 = 0.693$, the loss of $p = 1/2$ everywhere: the
   network learned next to nothing. At the start (@step:start) every
   logistic neuron works where the sigmoid is nearly straight, so the
   whole network is nearly linear, and nearly flat; Adam's steps of
   $10^{-3}$ then lower the loss by less than `tol` $= 10^{-4}$ an epoch,
   and after 11 such epochs in a row the stopping rule ends the training
   and calls it converged. It is stuck on a plateau, not at a minimum.
   Its $p$, a hair from $1/2$ everywhere, falls on either side of $1/2$
   along a line set by chance, and a line gets anywhere from about $1/3$
   to $2/3$ of the square right: here less than a coin.
   :::

2. **Four folds.** Run `build/chapters/05_mlp --hidden 4` and read the
   four neurons' weights in the output of the hidden-maps step, and their
   folds in `figures/05_mlp/switch_lines.png`. How close did training come
   to the four neurons that make $|x_1 + x_2| - |x_1 - x_2|$ exactly
   (@eq:folds)? Try `--seed 2` and `--seed 3`: what do the networks that
   fail do with their four folds?

   ::: {.answer question="2"}
   With the first two seeds, three of the four neurons fold near the
   diagonals, each turned towards its own quadrant and weighted with the
   sign of that quadrant, but the fourth quadrant gets no neuron: one
   diagonal has its back-to-back pair, the other a single fold, and the
   network gets about 0.95 of the test sample right. With `--seed 3`, one
   neuron ends with weights of 0 and another nearly off: two folds are
   left, and the accuracy falls to 0.86. A small network has no neurons to
   spare: one that dies, off all over the square, gets no gradient, and
   never comes back.
   :::

3. **Against scikit-learn.** Make a training and a test sample of the
   quadrant problem in Python, save them as CSV files with a header line
   `x1,x2,y`, train scikit-learn's
   `MLPClassifier(hidden_layer_sizes=(50,), max_iter=10000)` on the first
   and score it on the second. Then run
   `build/chapters/05_mlp --data train.csv --test-data test.csv --json`.
   The two networks start from different random weights: how far apart are
   their test accuracies, and how far apart are scikit-learn's own with two
   different values of `random_state`?

   ::: {.answer question="3"}
   By a point or so, and by about as much as scikit-learn's own two runs:
   on the same samples, different first weights move the accuracy by some
   thousandths to a hundredth. Both networks learn the same folds, and
   differ only in where exactly the boundary passes near the axes, where
   a few test points lie. Differences of that size are the luck of the
   weights and of the test sample (@eq:binomial), not a better network.
   :::

The exercises below are checked by the workbook. Each is a small file in
`exercises/` that uses the library's network, `wb_mlp`, as this chapter
does; `make exercise EX=NAME` builds it, trains what it asks for on this
chapter's samples and says whether you got there. `make exercises` lists
every exercise of the book, and which you have done.

@exercises
*/
