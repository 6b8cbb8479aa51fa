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
neuron we put a *hidden layer* of 50 neurons, and training alone decides
what they compute. It works: the trained network puts more than 98 test
points in 100 in the right category. Then this chapter does what the
original tutorial leaves undone: it opens the network and looks at each
hidden neuron, to see how 50 simple pieces make a curved boundary. The
variable the network invents is not $x_1 x_2$, but it has the same sign.

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
exercises; then the grid over the square that the maps are drawn on, and
what the steps share: the two samples, the trained network and its map.
*/

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb.h"

#define PI 3.14159265358979323846

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

/* What the steps share, as a notebook's cells share variables. */
static struct {
    wb_array *X, *y;            /* the training sample: (N, 2), (N,) */
    wb_array *X_test, *y_test;  /* the test sample: (N, 2), (N,) */
    wb_rng start;               /* the generator after both samples */
    wb_mlp *net;                /* the trained network */
    grid map;                   /* the grid of the maps, 100 x 100 */
    wb_array *proba;            /* p over it: (100, 100) */
    double train_accuracy, test_accuracy;
    wb_array *file_X, *file_y;      /* --data's sample, read before step 1 */
    wb_array *file_Xt, *file_yt;    /* --test-data's */
} ch;

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
settings, not from luck.

To train on the very points you gave scikit-learn, or on a sample of your
own, pass `--data FILE` and `--test-data FILE`: CSV files with a header
line `x1,x2,y` and a label 0 or 1 on each line. With `--data` alone, a
fifth of each category of the file, chosen by the seed, is held out of
training and is the test sample.
*/
/* A sample of 500 points drawn as chapter 4 draws them, or the one read
 * from a file before the first step (see check_params). X: (N, 2), y: (N,). */
static int get_sample(wb_array **X, wb_array **y, wb_array *file_X,
                      wb_array *file_y, wb_run *run)
{
    if (file_X) {
        *X = file_X;
        *y = file_y;
        return 0;
    }
    if (wb_sample_quadrants(X, y, &run->rng, 500) != 0)
        return -1;
    *X = wb_keep(run, *X);
    *y = wb_keep(run, *y);
    return *X && *y ? 0 : -1;
}

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
    if (get_sample(&ch.X, &ch.y, ch.file_X, ch.file_y, run) != 0 ||
        get_sample(&ch.X_test, &ch.y_test, ch.file_Xt, ch.file_yt, run) != 0)
        return -1;
    ch.start = run->rng;
    describe("training", ch.X, ch.y, data_path);
    describe("test", ch.X_test, ch.y_test,
             held_out ? "held out of the training file: a fifth of each "
                        "category" : test_path);
    return 0;
}

/*md
## The network

The network has three layers. The *input layer* is just the two numbers
$x_1$ and $x_2$. The *hidden layer* has 50 neurons, numbered $h = 1$ to 50,
each one like chapter 1's neuron with two inputs instead of one: neuron $h$
computes a weighted sum and passes it through an activation function $f$,

$$z_h = W_{1h} x_1 + W_{2h} x_2 + b_h, \qquad a_h = f(z_h),$$

here the ReLU, $f(z) = \max(0, z)$. The *output layer* is one sigmoid
neuron that reads the 50 values $a_h$ as a logistic regression reads its
inputs:

$$p = \sigma\Big(\sum_h v_h a_h + c\Big),$$

the probability of category 1. Every hidden neuron has 3 parameters (two
weights and a bias), and the output neuron 51 (a weight for each hidden
neuron, and a bias): 201 numbers in all, for training to find. (The
original asks scikit-learn for `hidden_layer_sizes=(50)`, which Python
reads as the number 50, not the tuple `(50,)` of one layer; scikit-learn
accepts either. Here the layers are `--hidden 50`, or `--hidden 50,20` for
two.)

A program computes this for many points at once, as matrix products. With
$N$ points in the rows of $X$, and $b$ added to every row,

$$A = f(X W + b), \qquad p = \sigma(A v + c).$$

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
hidden layers, each feeding the next; the loop of `hidden_forward` computes
one row of $Z = A_{in} W + b$ at a time (`weighted_input`, which starts
from the biases and adds each input times its row of weights), then passes
it through the activation.

@code:lib/wb_mlp.c:forward

The step makes the network and prints its layers' shapes. Its weights are
all zero until training draws them; the diagram shows 4 of the hidden
neurons, an ellipsis for the next 43, and the last 3.
*/
static int network(wb_run *run)
{
    wb_mlp *net = wb_keep(run, wb_mlp_create(2, hidden, n_hidden,
                                              activation, NULL));
    if (!net)
        return -1;
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
## The backward pass, checked

Training looks for the 201 parameters that make the loss small. The loss is
the log-loss that chapter 3's logistic regression minimised, averaged over
the $N$ samples of a batch, plus a small penalty on the size of the weights
(not the biases), with $\alpha = 10^{-4}$:

$$L = -\frac{1}{N} \sum_n \big[ y_n \ln p_n + (1 - y_n) \ln (1 - p_n) \big]
      + \frac{\alpha}{2N} \sum W^2.$$

@code:lib/wb_mlp.c:loss

To lower it, the optimiser needs its *gradient*: how much $L$ changes when
each parameter changes a little. The *backward pass* computes all 201
derivatives at once with the chain rule, from the loss back down the
network: first the output neuron, whose sigmoid and log-loss together have
the derivative $p - y$, then each hidden layer, through its activation and
then its weighted sum. Each function says which forward line it
differentiates.

@code:lib/wb_mlp.c:backward

Hand-written derivatives are easy to get wrong, and a wrong gradient does
not crash: training just goes badly. So every derivative deserves a
*gradient check*: nudge a parameter by a small $\epsilon$ either way and
measure the change of the loss,

$$\frac{\partial L}{\partial \theta} \approx
  \frac{L(\theta + \epsilon) - L(\theta - \epsilon)}{2 \epsilon}.$$

For the hidden neurons' biases, the chain rule of the backward pass comes
down to a formula short enough to write here. A change of $b_h$ changes
$z_h$ by as much, hence $a_h$ by $f'(z_h)$ times that, hence the output's
weighted sum by $v_h$ times that; and the sigmoid and the log-loss turn a
change of the weighted sum into $p - y$ times it:

$$\frac{\partial L}{\partial b_h} = \frac{1}{N} \sum_n (p_n - y_n)\, v_h\,
  f'(z_{nh}).$$

The step computes these 50 derivatives three ways, at the weights training
starts from: with this formula, with the library's backward pass, and by
finite differences. Finite differences have one blind spot: a sample
within $\epsilon$ of a neuron's kink, where the nudge crosses the kink and
measures no derivative at all. The step leaves such neurons out, and says
how many (none, here). The formula needs $f'$, the derivative of the
activation, which the library gives; exercise 5.1 asks you to write
ReLU's, and checks it this way.
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
not enough. "Converged" means no more than that: the figure shows the loss
still going down when training stops, only by less than `tol` per epoch.
The dotted line is $\ln 2 = 0.693$, the loss of a network that answers
$p = 1/2$ for every point, which is about where training starts.

In a terminal, a line shows the epochs going by while the network trains.
*/
/* The line of progress, shown on a terminal only (every 10 epochs). */
static int show_progress(void *run, size_t epoch, double loss)
{
    if (epoch % 10 == 0)
        wb_progress(run, "epoch %zu, loss %.4f", epoch, loss);
    return 0;
}

/* scikit-learn's defaults, changed by the chapter's parameters. */
static wb_mlp_options training_options(wb_run *run)
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
    return opt;
}

/* A network of hidden layers sizes[0..L-1], trained on the training sample
 * from the generator's saved state; NULL after an error. */
static wb_mlp *train(wb_run *run, const size_t *sizes, size_t L,
                     wb_activation_kind f)
{
    wb_rng rng = ch.start;
    wb_mlp_options opt = training_options(run);
    wb_mlp *net = wb_keep(run, wb_mlp_create(2, sizes, L, f, &opt));
    int rc = net ? wb_mlp_fit(net, ch.X, ch.y, &rng) : -1;
    wb_progress_done(run);
    return rc == 0 ? net : NULL;
}

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
    ch.net = train(run, hidden, n_hidden, activation);
    if (!ch.net)
        return -1;
    ch.train_accuracy = accuracy(ch.net, ch.X, ch.y);
    printf("%s after %zu epochs (%zu steps of %s)\n",
           ch.net->converged ? "converged" : "stopped", ch.net->n_iter,
           ch.net->n_steps, solver_arg);
    printf("why it stopped: %s\n", ch.net->message);
    printf("final loss %.4f; training accuracy %.3f\n", ch.net->loss,
           ch.train_accuracy);

    wb_array *epoch = wb_keep(run, wb_linspace(1, (double)ch.net->n_iter,
                                               ch.net->n_iter));
    wb_array *loss = wb_keep(run, wb_vector_from(ch.net->loss_curve,
                                                 ch.net->n_iter));
    wb_figure *fig = wb_figure_new(&run->out, "loss",
        "The loss of each epoch while the network trains; the dotted line "
        "is the loss of $p = 1/2$ everywhere.");
    wb_figure_xlabel(fig, "epoch");
    wb_figure_ylabel(fig, "loss $L$");
    wb_figure_yrange(fig, 0, 0.8);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_hline(fig, log(2), &(wb_style){.color = WB_BLACK,
                                            .dash = WB_DOTTED, .width = 1});
    wb_plot_text(fig, 0.75 * (double)ch.net->n_iter, log(2) + 0.04,
                 "$\\ln 2 = 0.693$");
    wb_plot_line(fig, epoch, loss, &(wb_style){.color = WB_BLUE});
    return wb_figure_render(fig);
}

/*md
## Testing on fresh points

Now the test sample, which training never saw. The *accuracy* is the
fraction of its points that the network puts in the right category, that
is on the side of $p = 1/2$ where their category lies.

The original tutorial reports 0.988 for its network on its own test sample.
The number depends on the samples, which are random: scikit-learn gets 0.988
to 0.992 on fresh ones, and this chapter, with its default seed, gets the
number printed below. Run it with `--seed 2`, `--seed 3`, ... to see it
move: from one seed to the next it ranges over about 0.97 to 0.99.

The map shows the probability of category 1 over a grid of $100 \times 100$
points covering the square, with the test sample on top (the grid and its
reshaping are chapter 3's, and so are the two calls that draw them,
`wb_plot_probability_map` and `wb_plot_categories`). The boundary, where the map turns from blue to
red through white, follows the two axes almost exactly; the few points the
network gets wrong sit right beside them, where a small error in the
boundary's place is enough to change their side.
*/
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

static int test(wb_run *run)
{
    ch.test_accuracy = accuracy(ch.net, ch.X_test, ch.y_test);
    printf("test accuracy %.3f (the original: 0.988, on its own sample)\n",
           ch.test_accuracy);
    wb_array *predicted = wb_keep(run, wb_mlp_predict(ch.net, ch.X_test));
    if (!predicted)
        return -1;
    size_t wrong = 0;
    double farthest = 0;    /* of a mistake from the nearest axis */
    for (size_t i = 0; i < ch.y_test->size; i++)
        if (predicted->data[i] != ch.y_test->data[i]) {
            wrong++;
            farthest = fmax(farthest, fmin(fabs(WB_AT(ch.X_test, i, 0)),
                                           fabs(WB_AT(ch.X_test, i, 1))));
        }
    printf("%zu mistakes, all within %.3f of an axis\n", wrong, farthest);
    if (predict)
        check_prediction(ch.test_accuracy);

    if (make_grid(&ch.map, 100, run) != 0)
        return -1;
    ch.proba = wb_keep(run, wb_mlp_predict_proba(ch.net, ch.map.points));
    if (!ch.proba || wb_reshape(ch.proba, 100, 100) != 0)
        return -1;
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
$$z = v \cdot (W^\top x + b) + c = (W v) \cdot x + (b \cdot v + c),$$
one weight vector $W v$ and one bias: a straight line again, whatever the
number of neurons or layers, since linear functions of linear functions are
linear. The curve must come from the activation function $f$.

The ReLU, $f(z) = \max(0, z)$, is two straight pieces: 0 for $z < 0$, and
$z$ itself for $z > 0$. The original tutorial says the non-linearity comes
from its *discontinuity* at $z = 0$, but the ReLU has none: both pieces
reach 0 there, and a small change of $z$ makes a small change of $f(z)$ on
either side. What breaks at $z = 0$ is its slope, 0 on the left and 1 on
the right: the ReLU has a *kink*, and its derivative (right-hand panel) is
the one that jumps. The kink is the whole of the non-linearity: in the
plane, a ReLU neuron is flat on one side of the line $z_h = 0$ and a
tilted plane on the other, and a sum of such folded planes can bend along
every fold.

The step prints the ReLU and its slope on either side of 0. Then it
removes the kinks from the trained network: the same weights, with
$f(z) = z$. What is left is one line, $(W v) \cdot x + (b \cdot v + c) = 0$,
and its accuracy on the test sample falls to what a line can do. No line
does well here: the best one cuts off a corner of the square, as
$x_1 + x_2 > 2/3$, and gets only $2/3$ of it right.
*/
static int relu(wb_run *run)
{
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
$$W_{1h} x_1 + W_{2h} x_2 + b_h = 0,$$
its fold. Its two weights, the vector $\mathbf{w}_h = (W_{1h}, W_{2h})$,
are perpendicular to that line and point to the side where it is on. Each
line is read from the trained network's first layer, the columns of $W$ and
the entries of $b$, and drawn over the probability map: in black when the
output neuron gives the hidden one a positive weight $v_h$, so that it
pushes its side towards category 1, in green when $v_h < 0$ and it pushes
towards category 0.

Here is what training made of them. Most folds pass through the centre of
the square, fanned out around its two diagonals, and none of them lies
along the axes, where the categories meet. The neurons folded through the centre
come in four groups, one turned towards each quadrant, and the output
neuron gives those turned towards a same-sign quadrant a positive weight,
the others a negative one. Now,
$\mathrm{relu}(t) + \mathrm{relu}(-t) = |t|$: two neurons folded along the
same diagonal, back to back, make an absolute value. So the network
computes, roughly,
$$z \approx k \, \big(|x_1 + x_2| - |x_1 - x_2|\big)
  = 2k \, \mathrm{sign}(x_1 x_2) \min(|x_1|, |x_2|),$$
with $k > 0$: positive in the same-sign quadrants and negative in the
others, as $u = x_1 x_2$ was in chapter 4. Nobody told the network about
products or signs. Folds along the two diagonals were enough, and the
boundary, where the two absolute values are equal, is the pair of axes.

Of the other neurons, a few fold across a corner of the square, with small
output weights; the rest are on all over the square, where they add a
plain tilted plane, or off all over it, where they do nothing at all.
*/
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

/* The quadrant a vector (w1, w2) points into, counted anticlockwise from
 * x1 > 0, x2 > 0 (0) to x1 > 0, x2 < 0 (3). */
static int quadrant(double w1, double w2)
{
    return w2 >= 0 ? (w1 >= 0 ? 0 : 1) : (w1 < 0 ? 2 : 3);
}

static int switch_lines(wb_run *run)
{
    static const char *names[] = {"x1 > 0, x2 > 0", "x1 < 0, x2 > 0",
                                  "x1 < 0, x2 < 0", "x1 > 0, x2 < 0"};
    const wb_mlp_layer *layer = &ch.net->layer[0];
    /* The output neuron's weights, when it reads this layer. */
    const double *v = ch.net->n_hidden == 1 ? ch.net->layer[1].W : NULL;
    size_t H = layer->fan_out, on_all = 0, off_all = 0, central = 0;
    size_t count[4] = {0};
    double v_elsewhere = 0;    /* the largest |v_h| of the other folds */
    double off_diagonal = 0;   /* the central folds' largest angle from a
                                  diagonal, in degrees */
    double v_min[4] = {INFINITY, INFINITY, INFINITY, INFINITY};
    double v_max[4] = {-INFINITY, -INFINITY, -INFINITY, -INFINITY};
    wb_array *x1 = wb_keep(run, wb_vector(2)), *x2 = wb_keep(run,
                                                             wb_vector(2));
    if (!x1 || !x2)
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "switch_lines",
        "Where each hidden neuron switches on, over the probability map.");
    wb_plot_probability_map(fig, ch.map.xx, ch.map.yy, ch.proba);
    const char *labels[] = {v ? "a fold, $v_h < 0$" : "a fold",
                            v ? "a fold, $v_h > 0$" : "a fold"};
    for (size_t h = 0; h < H; h++) {
        double w1 = layer->W[h], w2 = layer->W[H + h], b = layer->b[h];
        int on = corners_on(layer, h), q = quadrant(w1, w2);
        on_all += on == 4;
        off_all += on == 0;
        if (on == 0 || on == 4)
            continue;
        if (fabs(b) / hypot(w1, w2) < 0.05) {  /* through the centre */
            double angle = atan2(w2, w1) * 180 / PI;   /* of w_h: 45 on a
                                                          diagonal */
            central++;
            count[q]++;
            off_diagonal = fmax(off_diagonal,
                                fabs(fmod(angle + 360, 90) - 45));
            v_min[q] = v ? fmin(v_min[q], v[h]) : NAN;
            v_max[q] = v ? fmax(v_max[q], v[h]) : NAN;
        } else if (v) {
            v_elsewhere = fmax(v_elsewhere, fabs(v[h]));
        }
        int up = !v || v[h] > 0;
        if (clip_line(x1, x2, w1, w2, b)) {
            wb_plot_line(fig, x1, x2, &(wb_style){.label = labels[up],
                .color = up ? WB_BLACK : WB_GREEN, .width = 1.5});
            labels[up] = NULL;    /* one legend entry for each colour */
        }
    }
    size_t elsewhere = H - on_all - off_all - central;
    printf("the first hidden layer's %zu units:\n", H);
    printf("  folded along a line through the centre (within 0.05): %3zu\n"
           "  folded along a line elsewhere in the square:          %3zu",
           central, elsewhere);
    if (v && elsewhere > 0)
        printf(", |v_h| at most %.2f", v_elsewhere);
    printf("\n  on all over the square:                               %3zu\n"
           "  off all over the square:                              %3zu\n",
           on_all, off_all);
    printf("the %zu folds through the centre, by the quadrant their unit "
           "turns on towards:\n", central);
    for (int q = 0; q < 4; q++) {
        printf("  %s: %2zu", names[q], count[q]);
        if (v && count[q] > 0)
            printf(", output weights v_h from %+.2f to %+.2f", v_min[q],
                   v_max[q]);
        printf("\n");
    }
    printf("all %zu within %.0f degrees of a diagonal (an axis is 45 degrees "
           "away)\n", central, off_diagonal);
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

/* Column h of A: (n * n, H) as a map over the grid g, (n, n). */
static wb_array *unit_map(const wb_array *A, size_t h, const grid *g,
                          wb_run *run)
{
    wb_array *map = wb_keep(run, wb_column(A, h));
    return map && wb_reshape(map, g->n, g->n) == 0 ? map : NULL;
}

/* The correlation coefficient of a and b: (n,). */
static double correlation(const wb_array *a, const wb_array *b)
{
    double ma = wb_mean(a), mb = wb_mean(b), ab = 0, aa = 0, bb = 0;
    for (size_t i = 0; i < a->size; i++) {
        ab += (a->data[i] - ma) * (b->data[i] - mb);
        aa += (a->data[i] - ma) * (a->data[i] - ma);
        bb += (b->data[i] - mb) * (b->data[i] - mb);
    }
    return ab / sqrt(aa * bb);
}

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
    size_t L = ch.net->n_hidden, pick[4];
    const wb_mlp_layer *first = &ch.net->layer[0], *out = &ch.net->layer[L];
    double score[MAX_UNITS];
    if (make_grid(&g, 50, run) != 0)
        return -1;
    wb_array *A = wb_keep(run, wb_mlp_layer_output(ch.net, g.points, 0));
    wb_array *z = wb_keep(run, wb_mlp_layer_z(ch.net, g.points, L));
    wb_array *folds = wb_keep(run, wb_matrix(g.n, g.n));
    if (!A || !z || !folds || wb_reshape(z, g.n, g.n) != 0)
        return -1;
    for (size_t n = 0; n < folds->size; n++) {
        double x1 = WB_AT(g.points, n, 0), x2 = WB_AT(g.points, n, 1);
        folds->data[n] = fabs(x1 + x2) - fabs(x1 - x2);
    }
    printf("correlation of z with |x1 + x2| - |x1 - x2| over the grid: "
           "%.3f\n", correlation(z, folds));
    influence(score, A, L == 1 ? out->W : NULL);
    size_t k = pick_units(pick, score);
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
## The trained network

The diagram of the network again, now with its trained weights: each
edge's colour gives its weight's sign, and its width its size. Between the
inputs and a hidden neuron $h$, the two edges are $W_{1h}$ and $W_{2h}$;
for a neuron folded along a diagonal they have about the same size, with
the same sign for the diagonal $x_1 + x_2 = 0$ and opposite signs for
$x_1 - x_2 = 0$. From the hidden layer to the output, the edges are the
$v_h$. Neurons that are off all over the square keep only thin edges: no
gradient reaches a neuron that never switches on, and the penalty on the
weights slowly shrinks them towards 0. Neuron 4 is one of them, and was
from the start: in the gradient check, its derivative is exactly 0.
*/
static int trained_network(wb_run *run)
{
    size_t L = ch.net->n_hidden, sizes[MAX_LAYERS + 2] = {2};
    const wb_array *weights[MAX_LAYERS + 1];
    size_t positive = 0, negative = 0;
    double largest = 0;
    for (size_t l = 0; l <= L; l++) {
        const wb_mlp_layer *layer = &ch.net->layer[l];
        wb_array *W = wb_keep(run, wb_matrix(layer->fan_in, layer->fan_out));
        if (!W)
            return -1;
        memcpy(W->data, layer->W, W->size * sizeof *W->data);
        for (size_t k = 0; k < W->size; k++) {
            positive += W->data[k] > 0;
            negative += W->data[k] < 0;
            largest = fmax(largest, fabs(W->data[k]));
        }
        weights[l] = W;
        sizes[l + 1] = layer->fan_out;
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
    return wb_diagram_network(&run->out, "trained_network",
        "The trained network: each edge's colour shows its weight's sign, "
        "its width the weight's size.", sizes, L + 2, weights);
}

/*md
## How many neurons, and which activation

Does the network need 50 hidden neurons, and does it need the ReLU? The
step trains eight networks on the same sample, from the same state of the
random generator and with the same settings, and tests each on the test
sample. The table gives for each its number of epochs, why it stopped
(`no improvement` is the rule of the training step), and its accuracies;
the figure, the loss of each epoch.

No hidden layer, and a hidden layer of 50 linear neurons (`identity`), do
about as well as a coin, like chapter 4's logistic regression on $x_1$ and
$x_2$: both draw a straight boundary, and training finds no line worth
drawing. The 50 ReLU neurons come out exactly as in the training step,
since they start from the same weights with the same settings. With fewer
ReLU neurons the results jump about. A handful of folds can do in
principle: four neurons, $\mathrm{relu}(x_1 + x_2)$,
$\mathrm{relu}(-x_1 - x_2)$, $\mathrm{relu}(x_1 - x_2)$ and
$\mathrm{relu}(x_2 - x_1)$, weighted $+1, +1, -1, -1$, make
$|x_1 + x_2| - |x_1 - x_2|$ exactly. But a small network depends on where
its weights start, and can settle with too few useful folds; 50 neurons
leave plenty to spare. As for 50 *logistic* neurons, look at their row
and at their loss, before exercise 1 asks you why.
*/
static int compare(wb_run *run)
{
    static const struct {
        size_t units;           /* 0: no hidden layer */
        wb_activation_kind f;
    } rows[] = {{0, WB_RELU},  {50, WB_IDENTITY}, {50, WB_SIGMOID},
                {50, WB_RELU}, {2, WB_RELU},      {3, WB_RELU},
                {5, WB_RELU},  {10, WB_RELU}};
    wb_figure *fig = wb_figure_new(&run->out, "loss_curves",
        "The loss of each epoch, for each network of the table (epochs on a "
        "logarithmic scale).");
    wb_figure_xlabel(fig, "epoch");
    wb_figure_ylabel(fig, "loss $L$");
    wb_figure_logscale(fig, true, false);
    wb_figure_yrange(fig, 0, 0.8);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);
    printf("hidden layer  epochs  stopped by      training  test\n");
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        wb_mlp *net = train(run, &rows[i].units, rows[i].units > 0,
                            rows[i].f);
        if (!net)
            return -1;
        char name[32] = "none";
        if (rows[i].units > 0)
            snprintf(name, sizeof name, "%zu %s", rows[i].units,
                     wb_activation_get(rows[i].f)->name);
        printf("%-12s  %6zu  %-14s  %8.3f  %.3f\n", name, net->n_iter,
               wb_stop_name(net->stop), accuracy(net, ch.X, ch.y),
               accuracy(net, ch.X_test, ch.y_test));
        wb_array *epoch = wb_keep(run, wb_linspace(1, (double)net->n_iter,
                                                   net->n_iter));
        wb_array *loss = wb_keep(run, wb_vector_from(net->loss_curve,
                                                     net->n_iter));
        wb_plot_line(fig, epoch, loss, &(wb_style){.label = name});
    }
    return wb_figure_render(fig);
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
line and exit status 2, like any bad option. `--json` runs every step silently and prints the fit as one JSON
object, to compare it with scikit-learn's.
*/
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

int main(int argc, char **argv)
{
    static const wb_step steps[] = {
        WB_STEP(samples), WB_STEP(network), WB_STEP(gradient_check),
        WB_STEP(training), WB_STEP(test), WB_STEP(relu),
        WB_STEP(switch_lines), WB_STEP(hidden_maps),
        WB_STEP(trained_network), WB_STEP(compare), {0}};
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
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- A network with one hidden layer of 50 ReLU neurons: two inputs, 50
  hidden units, one output, 201 parameters in all. Its backward pass agrees
  with finite differences.
- Trained with Adam, it stopped after 730 epochs, and got 0.986 of a fresh
  test sample right (the original reports 0.988); its 7 mistakes all lie
  within 0.019 of an axis.
- Each hidden ReLU folds the plane along a line; 31 of the 50 fold it
  through the centre, along a diagonal, and the output neuron adds up the
  folds: with a positive weight those that turn on towards a same-sign
  quadrant, with a negative one the others. The sum has the sign of
  $x_1 x_2$: the network invented a variable that does the work of $u$.
- Without kinks there is no bending: with the identity as activation, the
  network is a line again and its test accuracy falls to about a coin's;
  the comparison of hidden layers shows what size and activation need.

This is what a hidden layer adds: non-linear activations, summed, bend the
boundary that a single neuron could only draw straight. The appendix maps
each numpy, scikit-learn and matplotlib call of the original tutorial to
the workbook's C, for readers who want to carry on in either language.
*/

/*md
## Exercises

Predict first, then run; the program checks the first. Run them from the
top folder of the workbook.

1. **Logistic neurons.** The original suggests trying the logistic
   (sigmoid) activation in the hidden layer instead of the ReLU. It has no
   kink, but it bends everywhere. Predict whether 50 logistic neurons learn
   the quadrants (a test accuracy of 0.9 or more) or fail (0.7 or less, no
   better than a line), then check:
   `build/chapters/05_mlp --activation logistic --predict learns` (or
   `fails`). Then explain what happened with their row in the table and
   `figures/05_mlp/loss.png`: what loss did training stop at, what is
   $\ln 2$, and was that really convergence? Exercise 5.2 below asks you
   to make them learn.
2. **Four folds.** Run `build/chapters/05_mlp --hidden 4` and read the
   four neurons' weights in the output of the hidden-maps step, and their
   folds in `figures/05_mlp/switch_lines.png`. How close did training come
   to the four neurons that make $|x_1 + x_2| - |x_1 - x_2|$ exactly (see
   the last step)? Try `--seed 2` and `--seed 3`: what do the networks
   that fail do with their four folds?
3. **Against scikit-learn.** Make a training and a test sample of the
   quadrant problem in Python, save them as CSV files with a header line
   `x1,x2,y`, train scikit-learn's
   `MLPClassifier(hidden_layer_sizes=(50,), max_iter=10000)` on the first
   and score it on the second. Then run
   `build/chapters/05_mlp --data train.csv --test-data test.csv --json`.
   The two networks start from different random weights: how far apart are
   their test accuracies, and how far apart are scikit-learn's own with two
   different values of `random_state`?

The exercises below are checked by the workbook. Each is a small file in
`exercises/` that uses the library's network, `wb_mlp`, as this chapter
does; `make exercise EX=NAME` builds it, trains what it asks for on this
chapter's samples and says whether you got there. `make exercises` lists
every exercise of the book, and which you have done.

@exercises
*/
