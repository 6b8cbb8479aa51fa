/*md
# The sigmoid in one dimension

What does a neuron compute? Less than the name suggests. It multiplies its
input by a *weight*, adds a *bias*, and squeezes the result into a number
between 0 and 1, which we read as a probability: the probability that the
input belongs to category 1 rather than to category 0. Where that
probability crosses one half, the neuron changes its verdict. A network of
one such neuron is the smallest network there is, and this chapter opens
it up for inputs that are single numbers.

The inputs are ours to make, so we know the truth about them. Each example
is one number $x$: those of category 0 are drawn around $-1.5$, those of
category 1 around $+1.5$. @fig:sample, the first step's picture, shows a
sample of them: two clouds on a line that overlap in the middle. The
neuron's whole job is to put one point between the clouds, its
*boundary*. We meet the function it uses, the *sigmoid*, see what its
weight and bias do, place the boundary by hand, let a fit place it, and
ask how well any boundary can do.

This chapter is also a C program, `chapters/01_sigmoid_1d.c`. Each step
below is one of its functions: its code, what it printed, what it drew. To
go through the steps one at a time in a terminal, run, from the top folder
of the workbook,

```sh
build/chapters/01_sigmoid_1d --step
```

or give it `--help` to see what else it takes. The program opens with what
every step shares: the library's header `wb.h`, the chapter's parameters,
which the command line can change (`--n`, `--mu`, `--w`, `--b`), and the
arrays that one step makes and the next ones use.
*/
/* fold: the headers, the chapter's parameters, what the steps share */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "wb.h"

#define PI 3.14159265358979323846
#define BINS 50                 /* the histograms' bins over [-5, 5] */
#define SAMPLES 100             /* the samples of step seeds */

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
## Two categories of examples

Category 0 gets $n = 100$ numbers drawn at random around $-1.5$, category
1 another 100 around $+1.5$, each from a *normal distribution* of width
(or *standard deviation*) 1: a bell-shaped spread, most draws near its
centre, fewer and fewer farther out; the next step draws the bell. Each
example's label is its category, 0 or 1. @fig:sample puts each example at
its value of $x$ and at the height of its category: two clouds, which
overlap in the middle.

The random numbers come from `run->rng`, a generator that the program
seeds itself: two runs draw the same sample and print the same numbers as
this page, and `--seed N` draws another. Every number below that depends
on the sample would come out a little differently for another one; the
step *Other samples*, near the end, says by how much.

The step prints each category's shape, as numpy would, its mean and its
standard deviation: the sample's own estimates of the centre and the
width, close to $\mp 1.5$ and 1 without being equal to them. Its last
line gives the smallest example of category 1 and the largest of category
0: between the two, the clouds overlap, and no boundary can sort every
example right. Several figures of the chapter draw the examples as
@fig:sample does, under a curve of their own, with a function of the
chapter, `examples_figure`.
*/
/* fold: `examples_figure`, the examples at the height of their category */
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

/* The examples of the two categories, n each, drawn from rng: x0 from the
 * normal distribution of width 1 centred at -mu, x1 from that at +mu. */
static int draw_examples(wb_run *run, wb_rng *rng, wb_array **x0,
                         wb_array **x1)
{
    *x0 = wb_keep(run, wb_random_normal(rng, -mu, 1, (size_t)n));
    *x1 = wb_keep(run, wb_random_normal(rng, +mu, 1, (size_t)n));
    return *x0 && *x1 ? 0 : -1;
}

static int sample(wb_run *run)
{
    if (draw_examples(run, &run->rng, &ch.x0, &ch.x1) != 0)
        return -1;
    ch.y0 = wb_keep(run, wb_full_like(ch.x0, 0));     /* the labels */
    ch.y1 = wb_keep(run, wb_full_like(ch.x1, 1));
    if (!ch.y0 || !ch.y1)
        return -1;

    /* fold: prints each category's shape, mean and standard deviation */
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

    /* fold: draws the examples */
    wb_figure *fig = examples_figure(run, "sample",
        "The examples: $x$ on the horizontal axis, the category on the "
        "vertical one.", "category");
    wb_figure_yrange(fig, -0.25, 1.25);
    return wb_figure_render(fig);
}

/*md
## The normal distribution

Where do the examples come from? A normal distribution centred on $\mu$
(its *mean*) with width $s$ (its *standard deviation*) has the probability
*density*

$$p(x) = \frac{1}{s\sqrt{2\pi}}\, e^{-(x-\mu)^2 / 2s^2}.$$ {#eq:normal}

A density is not a probability. The probability that a draw falls between
$x_a$ and $x_b$ is the *area* under the curve between them, and the whole
area is 1, since every draw lands somewhere. Draws gather where the curve
is high, around $\mu$: about two in three within one width of it, and all
but one in three hundred within three widths.

A word on memory, before the arrays multiply. Every array a step makes
goes through `wb_keep`, which hands it to the run: the run frees it when
the program ends, so that no step ever calls `free`, even when it stops
early on an error, and an array made in one step can be used in the next.

The step computes equation @eq:normal for $\mu = 0$ and $s = 1$ at 100
points, drawn in @fig:gaussian, and checks that the area under it is
indeed 1, by the trapezoid rule on $[-6, 6]$ (what lies outside is less
than $10^{-8}$). Category 0's examples come from this curve moved to
$-1.5$, category 1's from the same moved to $+1.5$.
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

    /* fold: draws the density */
    wb_figure *fig = wb_figure_new(&run->out, "gaussian",
        "The normal density for $\\mu = 0$, $s = 1$.");
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "probability density $p(x)$");
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_line(fig, x, p, &(wb_style){0});
    return wb_figure_render(fig);
}

/*md
## Histograms

With many points on one line, a scatter plot hides how many fall in each
place. A *histogram* counts them: it cuts the axis into bins, here `BINS`
= 50 bins of width 0.2 over $[-5, 5]$, and draws one bar per bin, as high
as the number of examples inside it. In @fig:histograms the two categories'
histograms are drawn half transparent, one over the other, so that both
bumps show, and where they overlap.

The counts of category 0 are printed below. They come back as an array of
doubles, like every array of the workbook, and print the way numpy prints
floating-point numbers: `4.` is four.

Each histogram is a rough picture of the density it was drawn from,
equation @eq:normal: with more examples (try `--n 10000`) its bars would
trace the bell of the last step. And by eye, the two categories part near
$x = 0$: an example with $x > 0$ is most likely of category 1, one with
$x < 0$ of category 0. The rest of the chapter builds a neuron that draws
this boundary itself.
*/
static int histograms(wb_run *run)
{
    wb_array *counts = wb_keep(run, wb_histogram(ch.x0, BINS, -5, 5));
    if (!counts)
        return -1;
    printf("counts of category 0 in the %d bins:\n", BINS);
    wb_print(counts);

    /* fold: draws both histograms, half transparent */
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
$\sigma(z)$ is close to 0. In the middle, $e^0 = 1$ gives
$\sigma(0) = 1/2$. A value between 0 and 1 can be read as a probability,
and this is how a classifier uses the sigmoid: as the probability that an
example belongs to category 1. @fig:sigmoid draws it.

The library's `wb_sigmoid` computes it for any `double`, even
$z = \pm 10^4$, where a careless formula would overflow. Here is its
source, from the library the chapters share:

@code:lib/wb_activation.c:sigmoid

The step tries the function on a few values of $z$, from very negative to
very positive.
*/
static int sigmoid(wb_run *run)
{
    const double probes[] = {-1e4, -10, -2, 0, 2, 10, 1e4};
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++)
        printf("sigma(%6g) = %.6g\n", probes[i], wb_sigmoid(probes[i]));

    /* fold: draws the sigmoid at 51 points from $-10$ to $10$ */
    wb_array *z = wb_keep(run, wb_linspace(-10, 10, 51));
    wb_array *s = wb_keep(run, wb_sigmoid_array(z));
    if (!z || !s)
        return -1;
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
stages (@fig:neuron).

1. It computes a *weighted sum* of its input, $z = w x + b$, with two
   parameters: the *weight* $w$ and the *bias* $b$.
2. It passes $z$ through an *activation function*, here the sigmoid of
   equation @eq:sigmoid, and outputs $\sigma(z)$.

So the whole network is one function of $x$,

$$f(x) = \sigma(w x + b),$$ {#eq:neuron}

and so is its C version below: one statement, all that a network of one
neuron ever computes. A network of this shape, no hidden layer and a
sigmoid at the output, is what statisticians call a *logistic regression*.

The bias says how easily the neuron fires: with a very large $b$ it
outputs almost 1 whatever its input; with a very negative one, almost 0.
Either way the sigmoid is *saturated*: flat, its output hardly moves when
$x$ does.
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

    /* fold: draws the network's diagram */
    return wb_diagram_neuron(&run->out, "neuron",
        "The network of one neuron: a weighted sum, then the sigmoid.");
}

/*md
## The weight

Changing the parameters changes the curve. The weight sets how steep it
is: with a large $w$, the output jumps from 0 to 1 over a short range of
$x$; with a small one it rises slowly. A negative weight turns the curve
around, so that it falls. @fig:weights draws four weights.

How short a range? The sigmoid is 0.9 where $e^{-z} = 1/9$, that is at
$z = \ln 9$, and 0.1 at $z = -\ln 9$. Between the two, $z = wx + b$ climbs
by $2 \ln 9$, which takes a stretch of $x$ of width

$$\Delta x = \frac{2 \ln 9}{w}.$$ {#eq:width}

Double the weight, and the rise is twice as short. The step prints this
width for each weight of the figure.
*/
/* fold: `plot_neuron`, which draws $f(x) = \sigma(wx + b)$ on a figure */
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
    for (size_t i = 0; i < sizeof ws / sizeof *ws; i++)
        printf("w = %-3g: f rises from 0.1 to 0.9 over a width %.2f of x\n",
               ws[i], 2 * log(9) / ws[i]);

    /* fold: draws $f$ for each weight, with $b = 0$ */
    wb_array *x = wb_keep(run, wb_linspace(-6, 6, 241));
    wb_figure *fig = wb_figure_new(&run->out, "weights",
        "The weight sets the steepness of the sigmoid (here $b = 0$).");
    wb_figure_xlabel(fig, "$x$");
    wb_figure_ylabel(fig, "$\\sigma(wx + b)$");
    for (size_t i = 0; i < sizeof ws / sizeof *ws; i++) {
        char label[32];
        snprintf(label, sizeof label, "$w = %g$", ws[i]);
        plot_neuron(fig, x, ws[i], 0, &(wb_style){.label = label});
    }
    return wb_figure_render(fig);
}

/*md
## The bias and the boundary

The bias slides the curve along the $x$ axis without changing its shape.
Where exactly? The output crosses $1/2$ where $z = 0$, that is where
$w x + b = 0$:

$$x = -\frac{b}{w}.$$ {#eq:boundary}

This point is the neuron's *decision boundary*. An example on one side of
it gets a probability above $1/2$ and is put in category 1; an example on
the other side goes to category 0. In @fig:biases the dashed lines mark
the boundary of each curve: with $w = 1$, a bias of $-2$ puts it at
$x = 2$, and one of $+2$ at $x = -2$.
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
    for (size_t i = 0; i < sizeof bs / sizeof *bs; i++)
        printf("w = 1, b = %2g: boundary at x = %g\n", bs[i],
               boundary(1, bs[i]));

    /* fold: draws $f$ and its boundary for each bias, with $w = 1$ */
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
    }
    return wb_figure_render(fig);
}

/*md
## The neuron over the examples

Now put the neuron to work. Drawn over the examples (@fig:classify),
$f(x)$ says for each one the probability of category 1; the rule
"category 1 when $f(x) > 1/2$" sorts them, and we can count how many it
gets right. That count, over the number of examples, is the neuron's
*accuracy*.

With the chapter's parameters, $w = 1$ and $b = 0$, the boundary sits at
$x = 0$, just where our eyes put it. The step counts the examples on the
right side: not all of them, since the two clouds overlap, and each
example of the overlap that lies on the other side of $x = 0$ is a miss.

Is that a poor score? No boundary can expect much better. For categories
centred at $\pm 1.5$ with width 1, the best rule for new examples is
"category 1 when $x > 0$", and it is right for the share $\Phi(1.5) =
0.933$ of each category, $\Phi$ being the normal distribution's
cumulative probability: the area under the bell of equation @eq:normal
to the left of a point. The step prints it too. On a sample of 200, the
count wanders around that share, a little above or below it: step *Other
samples* shows by how much.

What places the boundary is $-b/w$, equation @eq:boundary, not $b$ alone:
$w = 4$, $b = -4$ puts it at $x = 1$ just as $w = 1$, $b = -1$ does. The
weight then says how sure the neuron is: the larger $w$, the closer to 0
or 1 the probabilities away from the boundary. Any $w$ and $b$ with $-b/w$
between the clouds sort the examples about as well; a fit picks one pair,
the one whose probabilities agree best with the labels. Finding it from
the examples, rather than by eye, is what *fitting* a logistic regression
means, and the next step does it.

Give your own guess of the boundary with `--predict X` (see the questions
at the end of the chapter), and the step first says whether it is right.
*/
/* The accuracy of the neuron (w, b) on the examples x0 (category 0) and x1
 * (category 1), which it puts in category 1 where f(x) > 1/2; right[k]:
 * how many of category k it puts in k. */
static double neuron_accuracy(size_t right[2], const wb_array *x0,
                              const wb_array *x1, double w, double b)
{
    right[0] = right[1] = 0;
    for (size_t i = 0; i < x0->size; i++)
        right[0] += neuron(x0->data[i], w, b) <= 0.5;
    for (size_t i = 0; i < x1->size; i++)
        right[1] += neuron(x1->data[i], w, b) > 0.5;
    return (double)(right[0] + right[1]) / (double)(x0->size + x1->size);
}

static int classify(wb_run *run)
{
    size_t right[2];
    double accuracy = neuron_accuracy(right, ch.x0, ch.x1, w, b);
    /* No boundary when w = 0, nor when -b/w is beyond any double (a tiny
     * w): the output is then sigma(b) everywhere, as far as a double can
     * tell. */
    bool has_boundary = w != 0 && isfinite(boundary(w, b));

    /* fold: says whether your `--predict` is right, before the answer */
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
           "accuracy %.3f\n", right[0], ch.x0->size, right[1], ch.x1->size,
           accuracy);
    printf("the best any boundary can expect on new examples: "
           "Phi(mu) = %.3f\n", 0.5 * erfc(-mu / sqrt(2)));

    /* fold: draws the neuron's output over the examples, and its boundary */
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
examples: the library's logistic regression, `wb_logreg`, finds the $w$
and $b$ whose probabilities $\sigma(wx + b)$ agree best with the labels,
the way scikit-learn's `LogisticRegression` does (chapter 3 opens it up to
show how). It wants the whole sample in one array, so the step
concatenates the two categories: $x$, of shape $(200,)$, and the labels
$y$ the same way.

@fig:fit draws the fitted curve over the examples, its boundary dashed,
with the neuron of $w = 1$, $b = 0$ for comparison: the fit is steeper,
more confident away from the boundary, and its boundary lands near
$x = 0$, though not on it: the sample is not quite symmetric, and the fit
sees only the sample.

Where would the fit go with ever more examples? To $w = 2\mu = 3$ and
$b = 0$. For these two distributions, $3x$ is exactly the log of the odds
that an example at $x$ is of category 1 rather than 0, so that
$\sigma(3x)$ *is* the probability of category 1 (exercise 1.2 works it
out). With few examples, a penalty that keeps the weight small (chapter 3
says why) pulls the fitted $w$ below 3.
*/
static int fit(wb_run *run)
{
    ch.x = wb_keep(run, wb_concatenate(ch.x0, ch.x1));     /* (2n,) */
    ch.y = wb_keep(run, wb_concatenate(ch.y0, ch.y1));
    ch.model = wb_keep(run, wb_logreg_create(1, NULL));
    if (!ch.x || !ch.y || !ch.model ||
        wb_logreg_fit(ch.model, ch.x, ch.y) != 0)
        return -1;
    wb_array *predicted = wb_keep(run, wb_logreg_predict(ch.model, ch.x));
    if (!predicted)
        return -1;
    double fw = ch.model->coef[0], fb = ch.model->intercept;
    printf("fitted: w = %.4f, b = %.4f (%zu iterations, %s)\n", fw, fb,
           ch.model->n_iter, ch.model->converged ? "converged" : "not "
           "converged");
    printf("its boundary: x = -b/w = %.4f, accuracy %.3f\n",
           boundary(fw, fb), wb_accuracy(ch.y, predicted));

    /* fold: draws the fitted neuron, and the neuron of $w = 1$, $b = 0$ */
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
## The best boundary for this sample

How good is the fitted boundary? To compare, the step tries every boundary
there is on this sample. Sorted, the 200 examples leave 201 gaps: before
the first, between each two neighbours, after the last. A boundary in a
gap sorts the sample the same wherever it sits in it, so trying one point
per gap, halfway between the neighbours, with category 1 on the right or
on the left, tries them all. No neuron can do better on this sample,
since any neuron's boundary falls in one of these gaps.

The sweep costs one pass once the examples are sorted: moving the
threshold past one example changes its verdict alone, so the count of
right answers goes up or down by one.

The best boundary is chosen on the very examples it is scored on, so its
accuracy flatters it a little: on new examples from the same two
distributions, no rule can expect more than $\Phi(1.5) = 0.933$. The fit
is not after the best count, but after the best probabilities; it comes
close all the same.
*/
/* fold: `by_value`, which orders (x, y) pairs by x, for qsort */
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
    /* fold: sorts the examples by x, as pairs (x, y) */
    size_t n = x->size;
    for (size_t i = 0; i < n; i++) {
        pairs[2 * i] = x->data[i];
        pairs[2 * i + 1] = y->data[i];
    }
    qsort(pairs, n, 2 * sizeof *pairs, by_value);

    /* With t below every example, "category 1 when x > t" gets right the
     * examples of category 1, and its opposite those of category 0. */
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += pairs[2 * i + 1] == 1;
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

static int best(wb_run *run)
{
    wb_array *pairs = wb_keep(run, wb_matrix(ch.x->size, 2));
    if (!pairs)
        return -1;
    double best_acc, at = best_boundary(&best_acc, ch.x, ch.y, pairs->data);

    /* fold: prints it, and the best boundary for new examples */
    printf("the best boundary on this sample: x = %.4f, accuracy %.3f\n",
           at, best_acc);
    printf("the best on new examples: x = 0, accuracy Phi(mu) = %.3f\n",
           0.5 * erfc(-mu / sqrt(2)));
    return 0;
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

The two fits find nearly the same curve, but not quite: in @fig:mlp the
network's is steeper. They minimise slightly different things. Both add to
the losses of the examples a penalty on the weight, to keep it small, but
the logistic regression adds $\frac{1}{2C} w^2$, with $C = 1$, to their
sum, while the network adds $\frac{\alpha}{2n} w^2$, with
$\alpha = 10^{-4}$ and $n = 200$, to their mean. Multiply the network's
objective by $n$ to compare: its penalty is $\frac{\alpha}{2} w^2$ against
the regression's $\frac{1}{2} w^2$, $1/\alpha = 10^4$ times weaker. With
hardly any penalty, the network's weight can grow larger.
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

    /* fold: draws the two fitted curves over the examples */
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
## Other samples

Every number the steps printed from the sample, a mean, an accuracy, a
fitted weight, would come out differently for another sample. Which of
them can we trust? This step draws 100 samples, with the seeds 1 to 100
(seed 1 draws this page's), and on each does again what the steps above
did: it counts what the neuron $w = 1$, $b = 0$ gets right, fits the
logistic regression, finds the best boundary, and trains the network of
one neuron. It prints how each number spreads over the 100 samples: its
mean, its standard deviation (sd), and the smallest and largest values.

Read the spreads against one more number, which takes no sample at all. A
rule right on a share $p$ of new examples gets a number of a sample's
examples right that varies like a coin tossed $2n$ times: its accuracy on
a sample of $2n$ has the standard deviation $\sqrt{p (1 - p) / 2n}$,
about $0.018$ for $p = 0.933$ and $2n = 200$. The step computes it. The
accuracy of $w = 1$, $b = 0$ wanders by about that much from sample to
sample; a difference of 0.01 between two accuracies on one sample of 200
says nothing, a difference of 0.05 says something.

The fit's boundary and weight wander too, and the network's weight with
them; but in every sample the network comes out steeper than the logistic
regression, for the reason of the last step.
*/
static int seeds(wb_run *run)
{
    /* fold: room for each number over the samples; the network's options */
    wb_array *acc = wb_keep(run, wb_vector(SAMPLES));
    wb_array *fit_w = wb_keep(run, wb_vector(SAMPLES));
    wb_array *fit_at = wb_keep(run, wb_vector(SAMPLES));
    wb_array *fit_acc = wb_keep(run, wb_vector(SAMPLES));
    wb_array *best_acc = wb_keep(run, wb_vector(SAMPLES));
    wb_array *net_w = wb_keep(run, wb_vector(SAMPLES));
    wb_array *pairs = wb_keep(run, wb_matrix(2 * (size_t)n, 2));
    wb_mlp_options options = wb_mlp_default_options();
    options.solver = WB_LBFGS;
    if (!acc || !fit_w || !fit_at || !fit_acc || !best_acc || !net_w ||
        !pairs)
        return -1;

    size_t steeper = 0;
    for (size_t s = 0; s < SAMPLES; s++) {
        wb_rng rng;
        wb_array *x0, *x1;
        size_t right[2];
        wb_rng_seed(&rng, s + 1);     /* the sample of --seed s + 1 */
        if (draw_examples(run, &rng, &x0, &x1) != 0)
            return -1;
        acc->data[s] = neuron_accuracy(right, x0, x1, w, b);

        wb_array *x = wb_keep(run, wb_concatenate(x0, x1));
        wb_logreg *model = wb_keep(run, wb_logreg_create(1, NULL));
        if (!x || !model || wb_logreg_fit(model, x, ch.y) != 0)
            return -1;
        double fw = model->coef[0], fb = model->intercept;
        fit_w->data[s] = fw;
        fit_at->data[s] = boundary(fw, fb);
        fit_acc->data[s] = neuron_accuracy(right, x0, x1, fw, fb);
        best_boundary(&best_acc->data[s], x, ch.y, pairs->data);

        const wb_array *columns[] = {x};
        wb_array *X = wb_keep(run, wb_column_stack(columns, 1));
        wb_mlp *net = wb_keep(run, wb_mlp_create(1, NULL, 0, WB_RELU,
                                                 &options));
        if (!X || !net || wb_mlp_fit(net, X, ch.y, &rng) != 0)
            return -1;
        net_w->data[s] = net->layer[0].W[0];
        steeper += net_w->data[s] > fw;
    }

    /* fold: prints how each number spreads over the samples */
    char spread[96];
    double p = 0.5 * erfc(-mu / sqrt(2));
    printf("over %d samples of %ld + %ld examples (seeds 1 to %d):\n",
           SAMPLES, n, n, SAMPLES);
    printf("accuracy of w = %g, b = %g:  %s\n", w, b,
           wb_spread_str(spread, sizeof spread, acc, 3));
    printf("  a coin's sd for p = Phi(mu) = %.3f: sqrt(p (1 - p) / %ld) = "
           "%.3f\n", p, 2 * n, sqrt(p * (1 - p) / (double)(2 * n)));
    printf("best boundary's accuracy: %s\n",
           wb_spread_str(spread, sizeof spread, best_acc, 3));
    printf("fitted w:                 %s\n",
           wb_spread_str(spread, sizeof spread, fit_w, 3));
    printf("fitted boundary -b/w:     %s\n",
           wb_spread_str(spread, sizeof spread, fit_at, 3));
    printf("fitted accuracy:          %s\n",
           wb_spread_str(spread, sizeof spread, fit_acc, 3));
    printf("network's w:              %s\n",
           wb_spread_str(spread, sizeof spread, net_w, 3));
    printf("the network steeper than the regression: in %zu of %d "
           "samples\n", steeper, SAMPLES);
    return 0;
}

/*md
## The program

The steps above run in the order of this table, which `main` hands to the
library's runtime. Each step names the earlier ones whose work it reads:
`classify` reads the examples that `sample` drew. The runtime reads the
command line, runs the steps, and gives the program its options: `--list`
shows the steps, `--only classify` runs one step (after running the ones
it needs silently: here `sample`), `--skip seeds` leaves one out,
`--seed 7` draws other examples. The chapter's own
parameters are declared here too, with what `--help` says of them.
*/
/* fold: `main`: the table of steps, and the chapter's options */
int main(int argc, char **argv)
{
    /* Each step after the earlier ones whose work it reads. */
    static const wb_step steps[] = {
        WB_STEP(sample),
        WB_STEP_NEEDS(gaussian, ),
        WB_STEP_NEEDS(histograms, sample),
        WB_STEP_NEEDS(sigmoid, ),
        WB_STEP_NEEDS(network, ),
        WB_STEP_NEEDS(weight, ),
        WB_STEP_NEEDS(bias, ),
        WB_STEP_NEEDS(classify, sample),
        WB_STEP_NEEDS(fit, sample),
        WB_STEP_NEEDS(best, fit),
        WB_STEP_NEEDS(mlp, sample, fit),    /* sample: its random numbers */
        WB_STEP_NEEDS(seeds, fit),
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

- Two categories of examples, drawn from normal distributions of width 1
  centred at $-1.5$ and $+1.5$ (equation @eq:normal). Their histograms
  show two bumps that overlap, so that no boundary sorts every example.
- The sigmoid $\sigma(z) = 1/(1 + e^{-z})$, equation @eq:sigmoid, turns
  any number into a probability; it is $1/2$ at $z = 0$, and the library
  computes it even at $z = \pm 10^4$ without overflow.
- A network of one neuron computes $f(x) = \sigma(wx + b)$, equation
  @eq:neuron. Its boundary is the point $x = -b/w$, equation
  @eq:boundary; the weight says how steeply the probability changes
  around it (over a width $2 \ln 9 / w$, equation @eq:width), that is how
  sure the neuron is.
- The neuron of $w = 1$, $b = 0$ gets about as many examples right as the
  best a boundary can expect, $\Phi(1.5) = 0.933$: above it on some
  samples, below on others, by about the $0.018$ that a sample of 200
  allows (*Other samples*).
- Fitting finds $w$ and $b$ from the examples. The logistic regression
  puts its boundary near $x = 0$ and scores close to the best boundary of
  its sample; the network of one neuron finds nearly the same curve,
  steeper on every sample, because its penalty on the weight is weaker.

With one input, a boundary is a point on a line. The next chapter gives
the neuron two inputs: its boundary becomes a line in the plane, and to
see the sigmoid over the whole plane we draw it on a grid of points.
*/

/*md
## Exercises

Predict first, then run. The program checks the first question; the
others you check by what it prints and draws. Run them from the top
folder of the workbook. Each question's answer is under it, closed: open
it once you have your own.

1. **Predict the boundary.** With $w = 2$ and $b = 3$, where does the
   neuron switch from category 0 to category 1? Write your answer as `X`
   in `build/chapters/01_sigmoid_1d --only classify --w 2 --b 3 --predict
   X` and look at the last line, then at
   `figures/01_sigmoid_1d/classify.png`.

   ::: {.answer question="1"}
   At $x = -b/w = -3/2 = -1.5$, equation @eq:boundary: there
   $2x + 3 = 0$ and $f(x) = 1/2$. To its right $2x + 3 > 0$, so the
   neuron says category 1. The boundary moved left of $x = 0$: the neuron
   now calls category 1 the examples of category 0 between $-1.5$ and 0,
   and its accuracy drops.
   :::

2. **Turn the neuron around.** What happens with $w = -1$, $b = 0$?
   Predict the accuracy before you run it. Why is the boundary where it
   was?

   ::: {.answer question="2"}
   The boundary stays at $x = -b/w = 0$, since $b = 0$; but the curve now
   falls, so category 1 is on the left. Every example that $w = 1$ sorted
   right, this neuron sorts wrong, and the other way round: its accuracy
   is one minus that of $w = 1$, $b = 0$ on the same sample.
   :::

3. **Bring the categories closer.** With `--mu 0.5`, the centres are at
   $\pm 0.5$. Predict whether the accuracy of $w = 1$, $b = 0$ goes up or
   down, then look at the histograms. Can any $w$ and $b$ do much better?

   ::: {.answer question="3"}
   Down: the bells overlap much more, and the best any rule can expect on
   new examples is now $\Phi(0.5) = 0.691$ (the step prints it). No $w$
   and $b$ do much better: by symmetry, the best boundary for the
   distributions is still $x = 0$, which $w = 1$, $b = 0$ already has. On
   a sample the best boundary may score a little above 0.691, by luck.
   :::

4. **In the code.** Change the histograms to 20 bins (edit `BINS` at the
   top of the chapter, then `make` and run `--only histograms`). What do
   wider bins hide, and what do they show better?

   ::: {.answer question="4"}
   Bins of width 0.5 hold more examples each, so the bars jump less from
   one bin to the next and the two bells show more clearly; but they hide
   where inside a bin the examples lie, such as the exact edges of the
   overlap.
   :::

5. **More examples.** With 100 times more examples, predict whether the
   fitted $w$ moves towards $2\mu = 3$ or away from it, and whether the
   best boundary's accuracy on the sample moves towards
   $\Phi(1.5) = 0.933$. Then run `--only fit --n 10000` and `--only best
   --n 10000`.

   ::: {.answer question="5"}
   Both move towards their limits. The penalty on $w$ is added to the sum
   of the losses, which grows with the number of examples: against 20000
   of them it hardly matters, and $w$ comes close to 3. And the best
   boundary flatters itself less on a large sample: with so many
   examples, the lucky gaps of a small sample are gone, and its accuracy
   comes close to 0.933, as the accuracy of $w = 1$, $b = 0$ does.
   :::

The exercises below are checked by the workbook. Each is a small file in
`exercises/` with a marked place for your code; `make exercise EX=NAME`
builds it against the library, checks what it computes, and says what it
expected, what came out, and what to try. `make exercises` lists every
exercise of the book, and which you have done.

@exercises
*/
