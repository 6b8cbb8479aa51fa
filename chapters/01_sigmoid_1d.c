/*md
# The sigmoid in one dimension

A neural network can look like a black box: numbers go in, a verdict comes
out. This chapter opens the box on the smallest network there is, a single
neuron, and finds inside nothing more mysterious than a function of its
input.

The problem is the simplest classification there is. Every example is one
number $x$, and belongs to one of two categories, 0 or 1. We make the
examples ourselves, so we know the truth, and ask a neuron to tell the two
categories apart. Along the way we meet the function at the heart of it, the
*sigmoid*, and its two parameters, the weight $w$ and the bias $b$.

This chapter is also a C program, `chapters/01_sigmoid_1d.c`. Each step
below is a function that prints what it finds and draws figures. To go
through the steps in a terminal, one at a time, run, from the top folder of
the workbook,

```sh
build/chapters/01_sigmoid_1d --step
```

or give it `--help` to see what else it accepts.

The program opens with what every step shares: the library's header
`wb.h`, the chapter's parameters (each one can be changed from the command
line, with `--n`, `--mu`, `--w`, `--b`), and a struct of the arrays that
one step makes and the next ones use.
*/

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wb.h"

#define PI 3.14159265358979323846
#define BINS 50                 /* the histograms' bins over [-5, 5] */

/* The chapter's parameters, set with --n, --mu, --w, --b and --predict. */
static long n = 100;            /* examples in each category */
static double mu = 1.5;         /* the categories are centred at -mu, +mu */
static double w = 1;            /* the neuron's weight */
static double b = 0;            /* the neuron's bias */
static double predict = NAN;    /* your guess for the boundary, if any */

/* What the steps share, as a notebook's cells share variables. */
static struct {
    wb_array *x0, *x1;          /* the examples of categories 0 and 1, (n,) */
    wb_array *y0, *y1;          /* their labels: n zeros, n ones */
    wb_array *x, *y;            /* all the examples and labels, (2n,) */
    wb_logreg *model;           /* the logistic regression fitted to them */
} ch;

/*md
## The normal distribution

Our examples will be drawn at random from a *normal* (or Gaussian)
distribution. Its probability density, for a distribution centred on $\mu$
(its *mean*) with width $s$ (its *standard deviation*), is

$$p(x) = \frac{1}{s\sqrt{2\pi}}\, e^{-(x-\mu)^2 / 2s^2}.$$

The density is not a probability: the probability that a draw falls between
$x_a$ and $x_b$ is the *area* under the curve between them. The whole area
is 1, since every draw lands somewhere. Draws gather where the curve is
high, around $\mu$: about two thirds of them within one width of it.

Here is the density for $\mu = 0$ and $s = 1$, sampled at 100 points, and a
check that the area under it is indeed 1 (the trapezoid rule on $[-6, 6]$;
what lies outside is less than $10^{-8}$).

A word on memory before the first listing. Every array a step makes goes
through `wb_keep`, which hands it to the run: the run frees it when the
program ends, so no step ever calls `free`, even when it stops early on an
error, and an array made in one step can be used in the next.
*/
/* p(x) = exp(-(x - mean)^2 / (2 width^2)) / (width sqrt(2 pi)) */
static double normal_pdf(double x, double mean, double width)
{
    double u = (x - mean) / width;
    return exp(-u * u / 2) / (width * sqrt(2 * PI));
}

static int gaussian(wb_run *run)
{
    wb_array *x = wb_keep(run, wb_linspace(-3, 3, 100));
    wb_array *p = wb_keep(run, wb_full_like(x, 0));
    wb_array *fine = wb_keep(run, wb_linspace(-6, 6, 1201));
    if (!x || !p || !fine)
        return -1;
    for (size_t i = 0; i < x->size; i++)
        p->data[i] = normal_pdf(x->data[i], 0, 1);

    double area = 0, h = fine->data[1] - fine->data[0];
    for (size_t i = 0; i + 1 < fine->size; i++)
        area += h / 2 * (normal_pdf(fine->data[i], 0, 1) +
                         normal_pdf(fine->data[i + 1], 0, 1));
    printf("p(0) = %.4f, the peak\n", normal_pdf(0, 0, 1));
    printf("area under p on [-6, 6] = %.6f\n", area);

    wb_figure *fig = wb_figure_new(&run->out, "gaussian",
        "The normal density for $\\mu = 0$, $s = 1$.");
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "probability density $p(x)$");
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_line(fig, x, p, &(wb_style){0});
    return wb_figure_render(fig);
}

/*md
## Two categories of examples

Now the examples. Category 0 takes $n = 100$ values of $x$ drawn from a
normal distribution centred on $-1.5$, category 1 another 100 from one
centred on $+1.5$; both have width 1, that is standard deviation 1. The
labels are the categories themselves: a 0 for each example of the first, a
1 for each of the second.

The random numbers come from `run->rng`, a generator seeded by the program
(`--seed N` changes the seed): run the chapter twice and you get the same
examples, the same figures and the same numbers as this page.

The step prints each category's shape, mean and standard deviation: the
sample's own estimates of $\mu$ and $s$, close to $-1.5$ or $+1.5$ and 1 but not
equal to them, since 100 draws are only a sample. Its last line gives the
smallest example of category 1 and the largest of category 0: the two
clouds overlap between them, from about $-1.3$ to $2.0$, where both
categories have examples.

A first picture puts each example at its value of $x$ and at the height of
its category. Several figures of the chapter draw the examples this way,
under a curve of their own, so the step starts them with a function of the
chapter, `examples_figure`.
*/
/* A new figure with the examples drawn as in the sample step: x across,
 * the category (or a probability) up, the two categories in two colours.
 * The caller adds its own curves, then renders it. */
static wb_figure *examples_figure(wb_run *run, const char *name,
                                  const char *caption, const char *ylabel)
{
    wb_figure *fig = wb_figure_new(&run->out, name, caption);
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, ylabel);
    wb_figure_xrange(fig, -5, 5);
    wb_figure_legend(fig, WB_LEGEND_BELOW);   /* hiding no example */
    wb_plot_scatter(fig, ch.x0, ch.y0, &(wb_style){.label = "category 0",
                                                    .alpha = 0.6});
    wb_plot_scatter(fig, ch.x1, ch.y1, &(wb_style){.label = "category 1",
                                                    .alpha = 0.6});
    return fig;
}

static int sample(wb_run *run)
{
    ch.x0 = wb_keep(run, wb_random_normal(&run->rng, -mu, 1, (size_t)n));
    ch.x1 = wb_keep(run, wb_random_normal(&run->rng, +mu, 1, (size_t)n));
    ch.y0 = wb_keep(run, wb_full_like(ch.x0, 0));
    ch.y1 = wb_keep(run, wb_full_like(ch.x1, 1));
    if (!ch.x0 || !ch.x1 || !ch.y0 || !ch.y1)
        return -1;

    char shape[32];
    printf("x0: shape %s, mean %6.3f, standard deviation %.3f\n",
           wb_shape_str(shape, sizeof shape, ch.x0), wb_mean(ch.x0),
           wb_std(ch.x0));
    printf("x1: shape %s, mean %6.3f, standard deviation %.3f\n",
           wb_shape_str(shape, sizeof shape, ch.x1), wb_mean(ch.x1),
           wb_std(ch.x1));
    printf("the smallest of category 1: %.3f; "
           "the largest of category 0: %.3f\n",
           wb_min(ch.x1), wb_max(ch.x0));

    wb_figure *fig = examples_figure(run, "sample",
        "The examples: $x$ on the horizontal axis, the category on the "
        "vertical one.", "category");
    wb_figure_yrange(fig, -0.25, 1.25);
    return wb_figure_render(fig);
}

/*md
## Histograms

With many points on one line, a scatter plot hides how many fall in each
place. A *histogram* counts them: it cuts the axis into bins, here `BINS`
= 50 bins of width 0.2 over $[-5, 5]$, and draws one bar per bin as high as
the number of examples inside it. Drawn half transparent, one over the other, the two
histograms show both the two bumps and where they overlap.

The counts of category 0 are printed below. They come back as an array of
doubles, like every array of the workbook, and print the way numpy prints
floating-point numbers: `4.` is four.

Each histogram is a rough picture of the density it was drawn from: with
more examples (try `--n 10000`) the bars would trace the bell of the first
step. And by eye, the two categories part near $x = 0$: an example with
$x > 0$ is most likely in category 1, one with $x < 0$ in category 0. The
rest of the chapter builds a neuron that draws this boundary itself.
*/
static int histograms(wb_run *run)
{
    wb_array *counts = wb_keep(run, wb_histogram(ch.x0, BINS, -5, 5));
    if (!counts)
        return -1;
    printf("counts of category 0 in the %d bins:\n", BINS);
    wb_print(counts);

    char caption[80];
    snprintf(caption, sizeof caption, "The two categories counted in %d "
             "bins of width %g.", BINS, 10.0 / BINS);
    wb_figure *fig = wb_figure_new(&run->out, "histograms", caption);
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "examples per bin");
    wb_plot_hist(fig, ch.x0, BINS, -5, 5,
                 &(wb_style){.label = "category 0", .alpha = 0.5});
    wb_plot_hist(fig, ch.x1, BINS, -5, 5,
                 &(wb_style){.label = "category 1", .alpha = 0.5});
    return wb_figure_render(fig);
}

/*md
## The sigmoid

The *sigmoid*, or *logistic function*, turns any number into a number
between 0 and 1:

$$\sigma(z) = \frac{1}{1 + e^{-z}}.$$ {#eq:sigmoid}

Follow $e^{-z}$ to see its shape. When $z$ is large, $e^{-z}$ is tiny and
$\sigma(z)$ is close to 1. When $z$ is very negative, $e^{-z}$ is huge and
$\sigma(z)$ is close to 0. In the middle, $e^0 = 1$ gives $\sigma(0) = 1/2$.
A value between 0 and 1 can be read as a probability, and this is how a
classifier uses the sigmoid: as the probability that an example belongs to
category 1.

The library's `wb_sigmoid` computes it for any `double`, even
$z = \pm 10^4$, where a careless formula would overflow. Here is its
source, from the library the chapters share:

@code:lib/wb_activation.c:sigmoid

The step below draws the curve and tries the function on a few values of
$z$, from very negative to very positive.
*/
static int sigmoid(wb_run *run)
{
    wb_array *z = wb_keep(run, wb_linspace(-10, 10, 51));
    wb_array *s = wb_keep(run, wb_sigmoid_array(z));
    if (!z || !s)
        return -1;
    const double probes[] = {-1e4, -10, -2, 0, 2, 10, 1e4};
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
        printf("sigma(%6g) = %.6g\n", probes[i], wb_sigmoid(probes[i]));

    wb_figure *fig = wb_figure_new(&run->out, "sigmoid",
        "The sigmoid $\\sigma(z)$, at 51 points from $z = -10$ to $10$.");
    wb_figure_xlabel(fig, "$z$");
    wb_figure_ylabel(fig, "$\\sigma(z)$");
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_hline(fig, 0.5, &(wb_style){.color = WB_BLACK,
                                         .dash = WB_DOTTED, .width = 1});
    wb_plot_line(fig, z, s, &(wb_style){.color = WB_VERMILION});
    return wb_figure_render(fig);
}

/*md
## A network of one neuron

The network that classifies our examples has one input, the value $x$, and
one output, the probability $p$ that the example belongs to category 1
(category 0 then has probability $1 - p$). It needs no *hidden layer*
between the two: one neuron, the output neuron, does all the work, in two
stages.

1. It computes a *weighted sum* of its input, $z = w x + b$, with two
   parameters: the *weight* $w$ and the *bias* $b$.
2. It passes $z$ through an *activation function*, here the sigmoid, and
   outputs $\sigma(z)$.

So the whole network is one function of $x$,

$$f(x) = \sigma(w x + b),$$

and so is its C version below: one statement, and all a network of one
neuron ever computes. A network of this shape, no hidden layer and a sigmoid at the
output, is what statisticians call a *logistic regression*.

The bias says how easily the neuron fires: with a very large $b$ it outputs
almost 1 whatever its input; with a very negative one, almost 0. Either way
the sigmoid is *saturated*: flat, its output hardly moves when $x$ does.
*/
/* The neuron: f(x) = sigma(w x + b). */
static double neuron(double x, double w, double b)
{
    return wb_sigmoid(w * x + b);
}

static int network(wb_run *run)
{
    printf("the neuron with w = %g, b = %g:\n", w, b);
    for (double x = -3; x <= 3; x += 1.5)
        printf("  f(%4.1f) = sigma(%5.2f) = %.4f\n", x, w * x + b,
               neuron(x, w, b));
    return wb_diagram_neuron(&run->out, "neuron",
        "The network of one neuron: a weighted sum, then the sigmoid.");
}

/*md
## The weight

Changing the parameters changes the curve. The weight sets how steep it is:
with a large $w$, the output jumps from 0 to 1 over a short range of $x$;
with a small one it rises slowly. A negative weight turns the curve around,
so that it falls.
*/
/* Draws f(x) = sigma(w x + b) against x on the figure. */
static void plot_neuron(wb_figure *fig, const wb_array *x, double w,
                        double b, const wb_style *style)
{
    wb_array *f = wb_full_like(x, 0);
    for (size_t i = 0; f && i < x->size; i++)
        f->data[i] = neuron(x->data[i], w, b);
    wb_plot_line(fig, x, f, style);
    wb_free(f);
}

static int weight(wb_run *run)
{
    const double ws[] = {0.5, 1, 2, 5};
    wb_array *x = wb_keep(run, wb_linspace(-6, 6, 241));
    wb_figure *fig = wb_figure_new(&run->out, "weights",
        "The weight sets the steepness of the sigmoid (here $b = 0$).");
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "$\\sigma(wx + b)$");
    for (size_t i = 0; i < sizeof ws / sizeof *ws; i++) {
        char label[32];
        snprintf(label, sizeof label, "$w = %g$", ws[i]);
        plot_neuron(fig, x, ws[i], 0, &(wb_style){.label = label});
        printf("w = %-3g: f rises from 0.1 to 0.9 over a width %.2f of x\n",
               ws[i], 2 * log(9) / ws[i]);
    }
    return wb_figure_render(fig);
}

/*md
## The bias and the boundary

The bias slides the curve along the $x$ axis without changing its shape.
Where exactly? The output crosses $1/2$ where $z = 0$, that is where
$w x + b = 0$:

$$x = -\frac{b}{w}.$$ {#eq:boundary}

This point is the neuron's *decision boundary*. An example on one side of it
gets a probability above $1/2$ and is put in category 1; an example on the
other side goes to category 0. The dashed lines mark the boundary of each
curve.
*/
/* The boundary, -b/w. (Written 0 - b/w because -b/w is -0 when b = 0, and
 * printf shows -0 as "-0".) */
static double boundary(double w, double b)
{
    return 0 - b / w;
}

static int bias(wb_run *run)
{
    const double bs[] = {-2, 0, 2};
    wb_array *x = wb_keep(run, wb_linspace(-6, 6, 241));
    wb_figure *fig = wb_figure_new(&run->out, "biases",
        "The bias moves the sigmoid; its boundary is at $x = -b/w$ "
        "(here $w = 1$).");
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "$\\sigma(wx + b)$");
    for (size_t i = 0; i < sizeof bs / sizeof *bs; i++) {
        char label[32];
        snprintf(label, sizeof label, "$b = %g$", bs[i]);
        plot_neuron(fig, x, 1, bs[i],
                    &(wb_style){.label = label, .color = (int)i + 1});
        wb_plot_vline(fig, boundary(1, bs[i]),
                      &(wb_style){.color = (int)i + 1, .dash = WB_DASHED});
        printf("w = 1, b = %2g: boundary at x = %g\n", bs[i],
               boundary(1, bs[i]));
    }
    return wb_figure_render(fig);
}

/*md
## The neuron over the examples

Now put the neuron to work. Drawn over the examples, $f(x)$ says for each
one the probability of category 1; the rule "category 1 when $f(x) > 1/2$"
sorts them, and we can count how many it gets right.

With the default parameters, $w = 1$ and $b = 0$, the boundary sits at
$x = 0$, just where our eyes put it. The output counts the examples on the
right side: not all of them, since the two clouds overlap, and every
example of the overlap that lies on the other side of $x = 0$ is a miss.
Is that a poor score? No boundary can expect much better. For categories
centred at $\pm 1.5$ with width 1, the best rule on new examples is
"category 1 when $x > 0$", and it is right for the share $\Phi(1.5) =
0.933$ of each category (with $\Phi$ the normal distribution's cumulative
probability); the step prints it too. With many more examples
(`--n 10000`), the accuracy of $w = 1$, $b = 0$ comes out at 0.932.

What places the boundary is $-b/w$, as equation @eq:boundary says, not $b$
alone: $w = 4$, $b = -4$ puts it at $x = 1$ just as $w = 1$, $b = -1$ does.
The weight then says how sure the neuron is: the larger $w$, the closer to
0 or 1 the probabilities away from the boundary. Any $w$ and $b$ with
$-b/w$ between the clouds sort the examples about as well; a fit picks one
pair, the one whose probabilities agree best with the labels. Finding it
from the examples, rather than by eye, is what *fitting* a logistic
regression means. The next step does it.
*/
static int classify(wb_run *run)
{
    size_t right0 = 0, right1 = 0;
    for (size_t i = 0; i < ch.x0->size; i++)
        right0 += neuron(ch.x0->data[i], w, b) <= 0.5;
    for (size_t i = 0; i < ch.x1->size; i++)
        right1 += neuron(ch.x1->data[i], w, b) > 0.5;
    /* No boundary when w = 0, nor when -b/w is beyond any double (a tiny
     * w): the output is then sigma(b) everywhere, as far as a double can
     * tell. */
    bool has_boundary = w != 0 && isfinite(boundary(w, b));
    /* The verdict comes first, so that the boundary below it does not
     * give the answer away before the reader sees it. */
    if (!isnan(predict) && !has_boundary)
        printf("your prediction, x = %g: not quite: with w = %g there is "
               "no boundary\n", predict, w);
    else if (!isnan(predict))
        printf("your prediction, x = %g: %s\n", predict,
               fabs(predict - boundary(w, b)) < 1e-9 ? "right!"
                                             : "not quite, try again");
    if (has_boundary)
        printf("w = %g, b = %g: the boundary is at x = -b/w = %g\n", w, b,
               boundary(w, b));
    else
        printf("w = %g: the output is sigma(b) = %g for every x, so there "
               "is no boundary\n", w, wb_sigmoid(b));
    printf("right: %zu of %zu in category 0, %zu of %zu in category 1; "
           "accuracy %.3f\n", right0, ch.x0->size, right1, ch.x1->size,
           (double)(right0 + right1) / (double)(ch.x0->size + ch.x1->size));
    printf("the best any boundary can expect on new examples: "
           "Phi(mu) = %.3f\n", 0.5 * erfc(-mu / sqrt(2)));

    wb_array *x = wb_keep(run, wb_linspace(-5, 5, 201));
    wb_figure *fig = examples_figure(run, "classify",
        "The neuron's output over the examples, and its boundary.",
        "probability of category 1");
    plot_neuron(fig, x, w, b, &(wb_style){.label = "$\\sigma(wx + b)$",
                                          .color = WB_VERMILION});
    if (has_boundary)
        wb_plot_vline(fig, boundary(w, b), &(wb_style){.color = WB_BLACK,
                                                        .dash = WB_DASHED});
    return wb_figure_render(fig);
}

/*md
## Fitting the neuron

The last step chose $w$ and $b$ by eye. *Fitting* chooses them from the
examples: the library's logistic regression, `wb_logreg`, finds the $w$ and
$b$ whose probabilities $\sigma(wx + b)$ agree best with the labels, the
way scikit-learn's `LogisticRegression` does (chapter 3 opens it up to show
how). It wants the whole sample in one array, so the step concatenates the
two categories: $x$, of shape $(200,)$, and the labels $y$ the same way.

How good is the fitted boundary? To compare, the step tries every boundary
there is on this sample: between each two neighbouring examples, once they
are sorted, and at both ends, each with category 1 on the right or on the
left, and keeps the one that gets the most examples right. No neuron can do
better on this sample, since any neuron's boundary falls in one of these
gaps. The best boundary is chosen on the very examples it is scored on, so
its accuracy flatters it a little: on new examples from the same two
distributions no rule can expect more than $\Phi(1.5) = 0.933$, the share
of each category on its own side of $x = 0$. And with ever more examples,
the penalty that keeps the weight small (chapter 3) would matter less and
less, and the fit would tend to $w = 2\mu = 3$ and $b = 0$: then
$wx + b = 3x$ is the exact log of the odds of category 1 against 0 for
these two distributions.

The figure draws the fitted curve over the examples, with its boundary
dashed, and the neuron of $w = 1$, $b = 0$ for comparison: the fit is
steeper, more confident away from the boundary.
*/
/* Orders (x, y) pairs by x, for qsort. */
static int by_value(const void *a, const void *b)
{
    const double *u = a, *v = b;
    return (u[0] > v[0]) - (u[0] < v[0]);
}

/* The boundary t with the best accuracy on the examples x: (n,) with
 * labels y: (n,), among the thresholds halfway between two neighbours
 * once sorted, and past either end, with category 1 above t or below it.
 * Stores that accuracy. pairs: room for (n, 2) numbers. */
static double best_boundary(double *accuracy, const wb_array *x,
                            const wb_array *y, double *pairs)
{
    size_t n = x->size;
    size_t right = 0;       /* how many "category 1 when x > t" gets right */
    for (size_t i = 0; i < n; i++) {
        pairs[2 * i] = x->data[i];
        pairs[2 * i + 1] = y->data[i];
        right += y->data[i] == 1;   /* with t below every example */
    }
    qsort(pairs, n, 2 * sizeof *pairs, by_value);
    double best_t = pairs[0] - 1;
    size_t best = right > n - right ? right : n - right;
    for (size_t i = 0; i < n; i++) {
        /* t moves past example i, which is now on category 0's side */
        if (pairs[2 * i + 1] == 0)
            right++;
        else
            right--;
        if (i + 1 < n && pairs[2 * i + 2] == pairs[2 * i])
            continue;               /* no threshold between equal values */
        size_t correct = right > n - right ? right : n - right;
        if (correct > best) {
            best = correct;
            best_t = i + 1 < n ? (pairs[2 * i] + pairs[2 * i + 2]) / 2
                               : pairs[2 * i] + 1;
        }
    }
    *accuracy = (double)best / (double)n;
    return best_t;
}

static int fit(wb_run *run)
{
    ch.x = wb_keep(run, wb_concatenate(ch.x0, ch.x1));     /* (2n,) */
    ch.y = wb_keep(run, wb_concatenate(ch.y0, ch.y1));
    ch.model = wb_keep(run, wb_logreg_create(1, NULL));
    wb_array *pairs = wb_keep(run, ch.x ? wb_matrix(ch.x->size, 2) : NULL);
    if (!ch.x || !ch.y || !ch.model || !pairs ||
        wb_logreg_fit(ch.model, ch.x, ch.y) != 0)
        return -1;
    wb_array *predicted = wb_keep(run, wb_logreg_predict(ch.model, ch.x));
    if (!predicted)
        return -1;
    double fw = ch.model->coef[0], fb = ch.model->intercept, best_acc;
    double best = best_boundary(&best_acc, ch.x, ch.y, pairs->data);
    printf("fitted: w = %.4f, b = %.4f (%zu iterations, %s)\n", fw, fb,
           ch.model->n_iter, ch.model->converged ? "converged" : "not "
           "converged");
    printf("its boundary: x = -b/w = %.4f, accuracy %.3f\n",
           boundary(fw, fb), wb_accuracy(ch.y, predicted));
    printf("the best boundary on this sample: x = %.4f, accuracy %.3f\n",
           best, best_acc);
    printf("the best on new examples: x = 0, accuracy Phi(mu) = %.3f\n",
           0.5 * erfc(-mu / sqrt(2)));

    wb_array *x = wb_keep(run, wb_linspace(-5, 5, 201));
    wb_figure *fig = examples_figure(run, "fit",
        "The fitted logistic regression over the examples, and the neuron "
        "of $w = 1$, $b = 0$.", "probability of category 1");
    plot_neuron(fig, x, 1, 0, &(wb_style){.label = "$w = 1$, $b = 0$",
                                          .color = WB_BLACK,
                                          .dash = WB_DOTTED});
    plot_neuron(fig, x, fw, fb, &(wb_style){.label = "fitted",
                                            .color = WB_VERMILION});
    wb_plot_vline(fig, boundary(fw, fb), &(wb_style){.color = WB_VERMILION,
                                                      .dash = WB_DASHED});
    return wb_figure_render(fig);
}

/*md
## The same neuron as a network

The tutorial fits the same sample a second time with scikit-learn's
neural-network classifier, `MLPClassifier`, given no hidden layer and the
L-BFGS solver: a network of one neuron, the sigmoid of $wx + b$. The
library's `wb_mlp` trains networks the same way. Its first argument is the
number of inputs, then the sizes of the hidden layers, here none; it wants
its examples as a 2-D array, one a row, which is what `np.c_[x]` makes of
$x$ in numpy and `wb_column_stack` here: shape $(200, 1)$. The network's
weight and bias are then read from its only layer.

The two fits find nearly the same curve, but not quite: the network's is
steeper. They minimise slightly different things. Both add to the losses
of the examples a penalty on the weight, to keep it small, but the
logistic regression adds $\frac{1}{2C} w^2$, with $C = 1$, to their sum,
while the network adds $\frac{\alpha}{2n} w^2$, with $\alpha = 10^{-4}$
and $n = 200$, to their mean. Multiply the network's objective by $n$ to
compare: its penalty is $\frac{\alpha}{2} w^2$ against the regression's
$\frac{1}{2} w^2$, $1/\alpha = 10^4$ times weaker. With hardly any
penalty, the network's weight can grow larger.
*/
static int mlp(wb_run *run)
{
    const wb_array *columns[] = {ch.x};
    wb_array *X = wb_keep(run, wb_column_stack(columns, 1));   /* np.c_[x] */
    wb_mlp_options options = wb_mlp_default_options();
    options.solver = WB_LBFGS;
    wb_mlp *net = wb_keep(run, wb_mlp_create(1, NULL, 0, WB_RELU, &options));
    if (!X || !net || wb_mlp_fit(net, X, ch.y, &run->rng) != 0)
        return -1;
    double mw = net->layer[0].W[0], mb = net->layer[0].b[0];
    double fw = ch.model->coef[0], fb = ch.model->intercept;
    printf("X.shape: (%zu, %zu)\n", X->shape[0], X->shape[1]);
    printf("logistic regression: w = %.4f, b = %.4f\n", fw, fb);
    printf("network, one neuron: w = %.4f, b = %.4f (%zu iterations, %s)\n",
           mw, mb, net->n_iter, net->converged ? "converged" : "not "
           "converged");

    wb_array *x = wb_keep(run, wb_linspace(-5, 5, 201));
    wb_figure *fig = examples_figure(run, "mlp",
        "The logistic regression and the network of one neuron, fitted to "
        "the same examples.", "probability of category 1");
    plot_neuron(fig, x, fw, fb, &(wb_style){.label = "logistic regression",
                                            .color = WB_VERMILION});
    plot_neuron(fig, x, mw, mb, &(wb_style){.label = "network",
                                            .color = WB_BLUE,
                                            .dash = WB_DASHED});
    return wb_figure_render(fig);
}

/*md
## The program

The steps above run in the order of this table, which `main` hands to the
library's runtime. The runtime reads the command line, runs the steps, and
gives the program its options: `--list` shows the steps, `--only classify`
runs one step (after running the ones before it silently), `--seed 7` draws
other examples. The chapter's own parameters are declared here too, with
what `--help` says of them.
*/
int main(int argc, char **argv)
{
    static const wb_step steps[] = {
        WB_STEP(gaussian), WB_STEP(sample), WB_STEP(histograms),
        WB_STEP(sigmoid), WB_STEP(network), WB_STEP(weight),
        WB_STEP(bias), WB_STEP(classify), WB_STEP(fit), WB_STEP(mlp),
        {0}};
    static const wb_option options[] = {
        {"n", WB_OPT_INT, &n, "N", "examples in each category", 1, 1e5},
        {"mu", WB_OPT_DOUBLE, &mu, "MU",
         "the categories are centred at -MU and +MU", 0, 10},
        {"w", WB_OPT_DOUBLE, &w, "W", "the neuron's weight", -100, 100},
        {"b", WB_OPT_DOUBLE, &b, "B", "the neuron's bias", -100, 100},
        {"predict", WB_OPT_DOUBLE, &predict, "X",
         "your guess for the boundary, checked by step classify",
         -1e6, 1e6},
        {0}};
    static const wb_chapter chapter = {
        .slug = "01_sigmoid_1d",
        .source = __FILE__,
        .summary = "The sigmoid in one dimension: a network of one neuron.",
        .steps = steps,
        .options = options,
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- Two categories of examples, drawn from normal distributions centred at
  $-1.5$ and $+1.5$ with standard deviation 1. Their histograms show two
  bumps that overlap: in the run above, from about $-1.3$ to $2.0$.
- The sigmoid $\sigma(z) = 1/(1 + e^{-z})$, equation @eq:sigmoid, turns any
  number into a probability; it is $1/2$ at $z = 0$, and the library
  computes it even at $z = \pm 10^4$ without overflow.
- A network of one neuron computes $\sigma(wx + b)$. Its boundary is the
  point $x = -b/w$, equation @eq:boundary; the weight says how steeply the
  probability changes around it, that is how sure the neuron is.
- The neuron of $w = 1$, $b = 0$ gets 0.920 of the sample right, close to
  the 0.933 that no boundary can beat on new examples.
- Fitting finds $w$ and $b$ from the examples: the logistic regression put
  its boundary within 0.02 of $x = 0$ with a weight above 2; the network of
  one neuron found nearly the same curve, steeper, because its penalty on
  the weight is weaker.

With one input, a boundary is a point on a line. The next chapter gives
the neuron two inputs: its boundary becomes a line in the plane, and to see
the sigmoid over the whole plane we draw it on a grid of points.
*/

/*md
## Exercises

Predict first, then run. The program checks the first question: the
others you check by what it prints and draws. Run them from the top folder
of the workbook.

1. **Predict the boundary.** With $w = 2$ and $b = 3$, where does the neuron
   switch from category 0 to category 1? Write your answer as `X` in
   `build/chapters/01_sigmoid_1d --only classify --w 2 --b 3 --predict X`
   and look at the last line, then at `figures/01_sigmoid_1d/classify.png`.
2. **Turn the neuron around.** What happens with $w = -1$, $b = 0$? Predict
   the accuracy before you run it. Why is the boundary where it was?
3. **Bring the categories closer.** With `--mu 0.5`, the centres are at
   $\pm 0.5$. Predict whether the accuracy of $w = 1$, $b = 0$ goes up or
   down, then look at the histograms. Can any $w$ and $b$ do much better?
4. **In the code.** Change the histograms to 20 bins (edit `BINS` at the
   top of the chapter, then `make` and run `--only histograms`). What do
   wider bins hide, and what do they show better?
5. **More examples.** With 100 times more examples (`--only fit --n
   10000`), predict whether the fitted $w$ moves towards $2\mu = 3$ or
   away from it, and whether the best boundary's accuracy on the sample
   moves towards $\Phi(1.5) = 0.933$. Then run it.

The exercises below are checked by the workbook. Each is a small file in
`exercises/` with a marked place for your code; `make exercise EX=NAME`
builds it against the library, checks what it computes, and says what it
expected, what came out, and what to try. `make exercises` lists every
exercise of the book, and which you have done.

@exercises
*/
