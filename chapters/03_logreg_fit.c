/*md
# Fitting a logistic regression

In chapter 2 we chose the neuron's parameters ourselves, $w_1 = 1$,
$w_2 = 2$, $b = 0$, and their boundary had nothing to do with the sample:
it runs right through category 0's cloud (@fig:sample). This chapter lets
the sample choose. *Fitting* a logistic regression means finding the $w_1$,
$w_2$ and $b$ whose probabilities agree best with the labels of the
examples, and the idea of it is a number: one that says how badly a set of
parameters fits, which the fit makes as small as it can. Its reward is a
map of probabilities whose boundary runs between the clouds.

We fit the way scikit-learn's `LogisticRegression` does, as the tutorial
does: the same objective, the same minimiser, L-BFGS, and the same rules
for stopping, so that the numbers printed here are the ones scikit-learn
finds for the same sample. On the way we read the library's code that
measures how good a set of parameters is. Then, to draw the fitted model
over the plane, we need three array operations the tutorial uses at this
point: flatten, column stack and reshape.

The program is `chapters/03_logreg_fit.c`. It fits chapter 2's sample
unless you give it your own with `--data FILE`, and `--json` prints the
fit as one line of JSON, to compare it with another tool. It opens with
its options, scikit-learn's defaults for the fit, and what the steps
share: the sample, the fitted model, and the grid the model is drawn on.
*/

/* fold: the headers, the options, what the steps share */
#include <math.h>
#include <stdio.h>

#include "wb.h"

/* The chapter's parameters: the sample (--data) and the fit's options
 * (--C, --tol, --max-iter), scikit-learn's defaults unless given. */
static const char *data = NULL;     /* a CSV file x1,x2,y, or the sample */
static double C = 1;                /* the inverse strength of the penalty */
static double tol = 1e-4;           /* converged when max|gradient| <= tol */
static long max_iter = 100;         /* at most this many iterations */
static double your_w1 = NAN;        /* parameters of your own, compared */
static double your_w2 = NAN;        /* with the fit's by step fit */
static double your_b = NAN;

#define NPOINTS 51                  /* the grid: 51 by 51 points */
#define SAMPLES 100                 /* the samples of step seeds */

/* What the steps share. */
static struct {
    wb_array *X, *y;                /* the sample: (n, 2) and (n,) */
    double lo, hi;                  /* the grid covers [lo, hi]^2 */
    wb_logreg *model;               /* the fitted model */
    double accuracy;                /* its accuracy on the sample */
    wb_array *gridx1, *gridx2;      /* the meshgrid: (51, 51) each */
    wb_array *grid;                 /* its points, one a row: (2601, 2) */
    wb_array *prob;                 /* P(category 1) on the grid, (51, 51) */
} ch;

/*md
## The sample

Chapter 2's sample, drawn again: the same function, the same generator and
the same seed give the same 1000 points, to the last digit. @fig:sample
shows them with the line of chapter 2's neuron, which a fit must beat.
With `--data FILE`, the sample is read from a CSV file instead, with a
header line `x1,x2,y` and one example a line, such as

```
x1,x2,y
0.384,-1.0681,0
2.5071,1.9442,1
```

A file the library cannot read is refused before anything runs, with one
line that names the file, the line and what is wrong with it; so is a file
whose examples do not have two features, or hold one category only. The
maps of this chapter cover the square $[-6, 6]^2$, as in chapter 2, or,
for a sample of your own, a square around all its points.
*/
/* fold: `plot_boundary`, which draws a line $w_1 x_1 + w_2 x_2 + b = 0$ */
/* The line w1 x1 + w2 x2 + b = 0 over [lo, hi]: sampled along x1 when it
 * is at most 45 degrees from the horizontal, else along x2 (gnuplot clips
 * what falls outside the map). */
static void plot_boundary(wb_figure *fig, wb_run *run, double w1, double w2,
                          double b, const wb_style *style)
{
    bool flat = fabs(w2) >= fabs(w1);
    wb_array *t = wb_keep(run, wb_linspace(ch.lo, ch.hi, 2 * NPOINTS));
    wb_array *u = wb_keep(run, wb_full_like(t, 0));
    if (!t || !u || (w1 == 0 && w2 == 0))
        return;
    for (size_t k = 0; k < t->size; k++)
        u->data[k] = flat ? -(w1 * t->data[k] + b) / w2
                          : -(w2 * t->data[k] + b) / w1;
    wb_plot_line(fig, flat ? t : u, flat ? u : t, style);
}

static int sample(wb_run *run)
{
    wb_array *X, *y;
    /* A --data file was read before the first step (see check_data). */
    if (!data) {
        if (wb_sample_gaussians_2d(&X, &y, &run->rng, 500) != 0)
            return -1;
        ch.X = wb_keep(run, X);
        ch.y = wb_keep(run, y);
        if (!ch.X || !ch.y)
            return -1;
    }

    /* fold: the square of the maps: $[-6, 6]^2$, or one around your sample */
    ch.lo = -6;
    ch.hi = 6;
    if (data) {     /* a square around every point, with a margin */
        double lo = wb_min(ch.X), hi = wb_max(ch.X);
        double margin = 0.05 * (hi - lo) + 1e-3;
        ch.lo = lo - margin;
        ch.hi = hi + margin;
    }

    /* fold: prints the sample's shapes, and its categories' sizes */
    char sx[32], sy[32];
    printf("the sample: %s\n", data ? data : "chapter 2's, drawn again");
    printf("X.shape, y.shape: %s %s\n", wb_shape_str(sx, sizeof sx, ch.X),
           wb_shape_str(sy, sizeof sy, ch.y));
    if (!data) {    /* chapter 2's sample, to compare; a file's sample
                       could fill a thousand lines */
        printf("X:\n");
        wb_print(ch.X);
    }
    double ones = wb_mean(ch.y) * (double)ch.y->size;
    printf("%.0f examples of category 0, %.0f of category 1\n",
           (double)ch.y->size - ones, ones);
    printf("the grid covers [%g, %g] along x1 and x2\n", ch.lo, ch.hi);

    /* fold: draws the sample, and chapter 2's line $x_1 + 2 x_2 = 0$ */
    wb_figure *fig = wb_figure_new(&run->out, "sample",
        "The sample, and the boundary of chapter 2's neuron: "
        "$x_1 + 2 x_2 = 0$.");
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_square(fig);
    wb_figure_xrange(fig, ch.lo, ch.hi);
    wb_figure_yrange(fig, ch.lo, ch.hi);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);
    wb_plot_categories(fig, ch.X, ch.y, &(wb_style){.alpha = 0.5});
    plot_boundary(fig, run, 1, 2, 0, &(wb_style){.label = "chapter 2's line",
                                                 .color = WB_BLACK,
                                                 .dash = WB_DASHED});
    return wb_figure_render(fig);
}

/*md
## What fitting minimises

The neuron gives each example $i$ a score $z_i = w_1 x_{i1} + w_2 x_{i2} +
b$ and the probability $p_i = \sigma(z_i)$ that it is in category 1. A good
set of parameters gives high probability to the labels actually seen: $p_i$
near 1 for the examples of category 1, $1 - p_i$ near 1 for those of
category 0. The *loss* of one example measures how far from that it is:
minus the log of the probability given to its own label,

$$\text{loss}_i = -\log p_i \text{ if } y_i = 1, \qquad
  \text{loss}_i = -\log(1 - p_i) \text{ if } y_i = 0.$$ {#eq:loss}

A right answer given with confidence costs almost nothing; a wrong one
given with confidence costs a lot, without limit. Both cases fit in one
formula of the score, $\log(1 + e^{z}) - y z$. Here is the library's
code for it, written so that it never overflows, even for a score of
$10^4$:

@code:lib/wb_logreg.c:loss

The care is all in the exponential. For a score of $10^4$, $e^{z}$ is
beyond the largest double, and $\log(1 + e^{z})$ would come out as
infinity. So the code never takes $e^{z}$ of a positive $z$: it takes
$e^{-|z|}$, which lies between 0 and 1 for any score, and writes the loss
on each side of 0 with it, $\log(1 + e^{z}) = z + \log(1 + e^{-z})$ for
$z > 0$. Its caller computes $e^{-|z|}$ and its `log1p` for a whole block
of examples at once, as the next listing shows.

The *objective* is the sum of the losses over the sample, plus a penalty
on the weights:

$$f(w, b) = \sum_i \text{loss}_i + \frac{1}{2C} \|w\|^2,
  \qquad \|w\|^2 = w_1^2 + w_2^2.$$ {#eq:objective}

The sum asks the model to fit the examples; the penalty asks it to keep its
weights small, which keeps the probabilities from growing more confident
than the sample warrants. $C$ sets the balance: a large $C$ makes the
penalty weak, a small one strong. scikit-learn's default, $C = 1$, is
ours. The bias is not penalised.

To go downhill, the minimiser also needs the *gradient*, how fast $f$
changes with each parameter. The loss of example $i$ changes with its
score as $\sigma(z_i) - y_i$, the probability minus the label, and the
score with the parameters as $x_{i1}$, $x_{i2}$ and 1; the chain rule
multiplies the two:

$$\frac{\partial f}{\partial w_j} = \sum_i (\sigma(z_i) - y_i)\, x_{ij}
  + \frac{w_j}{C}, \qquad
  \frac{\partial f}{\partial b} = \sum_i (\sigma(z_i) - y_i).$$ {#eq:gradient}

The library computes $f$ and its gradient together, equations
@eq:objective and @eq:gradient, which its comment numbers (3) to (5). It
takes the examples by blocks of 256, and computes the scores of a block,
their exponentials and their logarithms in loops that the compiler turns
into instructions working on two or four numbers at once (folded below);
then one pass takes each example's loss and adds the sums up, in the
order of the examples:

@code:lib/wb_logreg.c:objective

The step evaluates $f$ at three points. At $w = 0$, $b = 0$ every $p_i$ is
$1/2$, and $f = n \log 2$, about 693 for 1000 examples. The gradient there
is negative along $w_1$ and $w_2$: raising them lowers $f$. Chapter 2's
neuron does better, and a guess that puts the line between the clouds
better still. @fig:loss shows the loss of one example against its score.
*/
static int objective(wb_run *run)
{
    const double params[][3] = {{0, 0, 0}, {1, 2, 0}, {1, 1, -2}};
    printf("   w1    w2     b   f(w, b)   gradient (w1, w2, b)\n");
    for (size_t k = 0; k < 3; k++) {
        double g[3];
        double f = wb_logreg_objective(g, params[k], ch.X, ch.y, C);
        printf("%5g %5g %5g   %7.2f   (%.1f, %.1f, %.1f)\n", params[k][0],
               params[k][1], params[k][2], f, g[0], g[1], g[2]);
    }
    printf("n log 2 = %.2f\n", (double)ch.y->size * log(2));

    /* fold: draws the loss of one example of each label, against its score */
    wb_array *z = wb_keep(run, wb_linspace(-6, 6, 121));
    wb_array *loss0 = wb_keep(run, wb_full_like(z, 0));
    wb_array *loss1 = wb_keep(run, wb_full_like(z, 0));
    if (!z || !loss0 || !loss1)
        return -1;
    for (size_t k = 0; k < z->size; k++) {
        loss0->data[k] = log1p(exp(z->data[k]));     /* -log(1 - p) */
        loss1->data[k] = log1p(exp(-z->data[k]));    /* -log p */
    }
    wb_figure *fig = wb_figure_new(&run->out, "loss",
        "The loss of one example against its score $z$: small when the "
        "score agrees with the label.");
    wb_figure_xlabel(fig, "score $z = w_1 x_1 + w_2 x_2 + b$");
    wb_figure_ylabel(fig, "loss");
    wb_figure_legend(fig, WB_LEGEND_TOP);  /* between the curves' ends */
    wb_figure_yrange(fig, 0, 8.5);      /* room for the legend */
    wb_figure_size(fig, 960, 480);
    wb_plot_line(fig, z, loss0, &(wb_style){.label = "label 0: "
                                            "$-\\log(1 - \\sigma(z))$"});
    wb_plot_line(fig, z, loss1, &(wb_style){.label = "label 1: "
                                            "$-\\log \\sigma(z)$"});
    return wb_figure_render(fig);
}

/*md
## Fitting with L-BFGS

Whatever the sample, the objective is a bowl: it has a single lowest point
and no other dip to get stuck in (it is *convex*, as each loss is, and the
penalty too). Any method that keeps going downhill ends at the bottom. The
question is how fast it gets there.

L-BFGS, scikit-learn's default and ours, starts at $w = 0$, $b = 0$. Each
iteration chooses a direction, then a distance along it: it tries a step,
and lengthens or shortens it until $f$ has fallen enough (a *line
search*). The direction is where the method is clever. Straight down the
slope, along minus the gradient, is a poor choice in a long narrow valley,
where it zigzags from side to side. Newton's method corrects the slope by
the curvature of $f$, how the slope itself changes, and in a bowl that
points to the bottom; but it needs all the second derivatives. L-BFGS
estimates the curvature instead, from how the gradient changed over its
last few steps (the last 10 here): the "L" stands for *limited memory*.
It needs only $f$ and its gradient, and little memory, however many
parameters there are.

After each iteration the fit checks whether to stop, with scikit-learn's
own tests, in its order:

@code:lib/wb_optim.c:stopping

Test (6) is a budget: a fit that runs out of iterations stops where it is,
and says it has not converged (`--max-iter 3` shows one). Test (7) says
the fit is at the bottom, to within `tol`; test (8) says
that L-BFGS is no longer getting anywhere, once an iteration improves $f$
by a few billionths of its value or less. Which one ends the fit depends
on the sample and the options, and the step prints it. Either way the fit
stops after the same number of iterations as scikit-learn's, with the same
parameters to many digits (a test of the workbook checks it on samples
written to files, as `--data` reads them).

The step prints the fitted parameters, the iterations, why the fit
stopped, and its *accuracy* on the sample (`wb_accuracy`): the fraction of
the examples whose predicted category, 1 where $z > 0$ and 0 elsewhere, is
their label. Give parameters of your own with `--w1`, `--w2` and `--b`,
and the step measures them the same way, next to the fit.

For comparison, the two distributions the sample is drawn from are best
separated by the line $x_1 + x_2 = 2$, halfway between the centres and
across the segment that joins them; the exact probabilities they give are
those of $w_1 = w_2 = 2$, $b = -4$. Because the clouds overlap, even that
line gets only $\Phi(\sqrt 2) = 0.921$ of the examples right on average
($\Phi$ is the normal distribution's cumulative probability); on one
sample of 1000, a little more or a little less (step *Other samples* says
how much).
*/
/* fold: `compare_yours`, which measures your `--w1`, `--w2`, `--b` */
/* Parameters of the reader's, yours = (w1, w2, b), measured as the fit
 * is: f and the accuracy. */
static int compare_yours(const double *yours, wb_run *run)
{
    wb_logreg *model = wb_keep(run, wb_logreg_create(2, NULL));
    if (!model)
        return -1;
    model->coef[0] = yours[0];
    model->coef[1] = yours[1];
    model->intercept = yours[2];
    wb_array *predicted = wb_keep(run, wb_logreg_predict(model, ch.X));
    if (!predicted)
        return -1;
    double g[3], f = wb_logreg_objective(g, yours, ch.X, ch.y, C);
    double accuracy = wb_accuracy(ch.y, predicted);
    printf("yours: w1 = %g, w2 = %g, b = %g: f = %.4f, accuracy %.3f\n",
           yours[0], yours[1], yours[2], f, accuracy);
    /* Lower by more than rounding: the fit stops within 1e-6 of f's
     * minimum, relative, or closer. */
    printf("a lower f than the fit's: %s\n",
           f < ch.model->loss * (1 - 1e-6) ? "yes!" : "no");
    printf("a higher accuracy than the fit's: %s\n",
           accuracy > ch.accuracy ? "yes!" : "no");
    return 0;
}

static int fit(wb_run *run)
{
    wb_logreg_options options = wb_logreg_default_options();
    options.C = C;
    options.tol = tol;
    options.max_iter = (size_t)max_iter;
    ch.model = wb_keep(run, wb_logreg_create(2, &options));
    if (!ch.model || wb_logreg_fit(ch.model, ch.X, ch.y) != 0)
        return -1;
    wb_array *predicted = wb_keep(run, wb_logreg_predict(ch.model, ch.X));
    if (!predicted)
        return -1;
    ch.accuracy = wb_accuracy(ch.y, predicted);

    /* fold: prints the fit: its parameters, iterations, $f$, accuracy */
    const wb_logreg *m = ch.model;
    printf("w1 = %.4f, w2 = %.4f, b = %.4f\n", m->coef[0], m->coef[1],
           m->intercept);
    printf("iterations: %zu, evaluations of f: %zu\n", m->n_iter, m->n_fun);
    printf("%s: %s\n", m->converged ? "converged" : "not converged",
           m->message);
    printf("f = %.4f\n", m->loss);
    printf("training accuracy: %.3f\n", ch.accuracy);

    /* fold: measures your own parameters too, if you gave any */
    if (isnan(your_w1) && isnan(your_w2) && isnan(your_b))
        return 0;
    const double yours[3] = {isnan(your_w1) ? 0 : your_w1,      /* 0 where */
                             isnan(your_w2) ? 0 : your_w2,      /* not given */
                             isnan(your_b) ? 0 : your_b};
    return compare_yours(yours, run);
}

/*md
## The loss, iteration by iteration

The model keeps the value of $f$ after each iteration in
`model->loss_curve`: $n_{iter} + 1$ numbers, from the start, $n \log 2$,
to the end. After each iteration, the minimiser that runs L-BFGS (shared
by the library's two models) hands the new value to the model, which
records it; then it applies the tests of the last step, which decide
whether to go on:

@code:lib/wb_optim.c:progress

The step prints the curve with how much each iteration gained, and draws
it in @fig:loss_curve.

Almost all the way down is covered in the first few iterations. The last
ones gain less and less, and polish digits that change nothing in the
pictures, until one of the tests ends the fit.
*/
static int loss_curve(wb_run *run)
{
    const wb_logreg *m = ch.model;
    size_t n = m->n_iter + 1;       /* f at the start, and after each */
    wb_array *f = wb_keep(run, wb_vector_from(m->loss_curve, n));
    if (!f)
        return -1;

    /* fold: prints $f$ and what each iteration gained */
    printf("iteration   f(w, b)      gain\n");
    for (size_t k = 0; k < n; k++) {
        printf("%9zu   %10.4f", k, f->data[k]);
        if (k > 0)
            printf("   %.3g", f->data[k - 1] - f->data[k]);
        printf("\n");
    }

    /* fold: draws $f$ against the iterations */
    wb_array *iteration = wb_keep(run, wb_vector(n));
    for (size_t k = 0; iteration && k < n; k++)
        iteration->data[k] = (double)k;
    wb_figure *fig = wb_figure_new(&run->out, "loss_curve",
        "The objective $f(w, b)$ after each iteration of L-BFGS.");
    wb_figure_xlabel(fig, "iteration");
    wb_figure_ylabel(fig, "$f(w, b)$");
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_figure_size(fig, 960, 420);
    wb_plot_line(fig, iteration, f, &(wb_style){.color = WB_BLUE});
    wb_plot_scatter(fig, iteration, f, &(wb_style){.color = WB_BLUE});
    return wb_figure_render(fig);
}

/*md
## Newton's method

L-BFGS guesses the bowl's curvature from the gradients it has seen. For a
model with three parameters nothing stops us from computing it exactly:
the second derivatives of $f$ form a $3 \times 3$ matrix, the *Hessian*

$$H = \sum_i \sigma(z_i)\,(1 - \sigma(z_i))\; \tilde x_i \tilde x_i^\top
+ \frac{1}{C}\,\mathrm{diag}(1, 1, 0),$$ {#eq:hessian}

where $\tilde x_i = (x_{i1}, x_{i2}, 1)$ is an example with a 1 for the
bias, and the penalty adds $1/C$ to the curvature of $w_1$ and $w_2$ but
not of $b$, which it leaves alone. Newton's method steps to the bottom of
the bowl that has this curvature and the current gradient $g$: it solves
$H\,\delta = -g$ and moves by $\delta$, halving the step until $f$ falls
by enough (`lib/wb_optim.c`, its region `newton`, has the details). Each
iteration costs a pass over the sample and a $3 \times 3$ solve; near the
bottom the number of correct digits doubles at each one.

The step fits the same sample again with `solver = WB_NEWTON`, to the same
tolerance, and compares. Since $f$ has one lowest point, both methods must
find the same parameters, to within their tolerance; the step prints how
far apart they are. @fig:newton draws, for each method, how far $f$ still
is above its lowest value after each iteration, on a logarithmic scale: a
straight descent for L-BFGS, a plunge for Newton.

With many features Newton's method pays for its exactness: the Hessian has
$d^2$ entries, and solving with it costs $d^3$. L-BFGS keeps a few vectors
of $d$ numbers instead, which is why it is the default. Here the choice is
free, and the live figure of this chapter, in the browser, refits with
Newton's method at every click: it needs no library beyond the chapter's
own C, and lands where L-BFGS does.
*/
static int newton(wb_run *run)
{
    wb_logreg_options options = ch.model->options;
    options.solver = WB_NEWTON;
    wb_logreg *m = wb_keep(run, wb_logreg_create(2, &options));
    if (!m || wb_logreg_fit(m, ch.X, ch.y) != 0)
        return -1;
    /* the lowest value of f, to the last digits: Newton's, run to the end */
    options.tol = 0;
    options.max_iter = 50;
    wb_logreg *exact = wb_keep(run, wb_logreg_create(2, &options));
    if (!exact || wb_logreg_fit(exact, ch.X, ch.y) != 0)
        return -1;

    /* fold: prints both fits, and how far apart they are */
    const wb_logreg *l = ch.model;
    printf("L-BFGS: %2zu iterations, w1 = %.6f, w2 = %.6f, b = %.6f\n",
           l->n_iter, l->coef[0], l->coef[1], l->intercept);
    printf("Newton: %2zu iterations, w1 = %.6f, w2 = %.6f, b = %.6f\n",
           m->n_iter, m->coef[0], m->coef[1], m->intercept);
    double apart = fmax(fabs(l->intercept - m->intercept),
                        fmax(fabs(l->coef[0] - m->coef[0]),
                             fabs(l->coef[1] - m->coef[1])));
    printf("largest difference between their parameters: %.1e\n", apart);
    printf("f: L-BFGS %.10f, Newton %.10f, lowest %.10f\n", l->loss, m->loss,
           exact->loss);

    /* fold: draws $f$ minus its lowest value, per iteration, for both */
    wb_figure *fig = wb_figure_new(&run->out, "newton",
        "How far $f$ is above its lowest value after each iteration, for "
        "L-BFGS and for Newton's method (a logarithmic scale).");
    wb_figure_xlabel(fig, "iteration");
    wb_figure_ylabel(fig, "$f - f_{min}$");
    wb_figure_logscale(fig, false, true);
    wb_figure_legend(fig, WB_LEGEND_TOP_RIGHT);
    wb_figure_size(fig, 960, 420);
    const wb_logreg *fits[] = {l, m};
    const char *names[] = {"L-BFGS", "Newton"};
    const int colors[] = {WB_BLUE, WB_ORANGE};
    for (size_t k = 0; k < 2; k++) {
        size_t n = 0;               /* the iterations above rounding */
        while (n <= fits[k]->n_iter &&
               fits[k]->loss_curve[n] - exact->loss > 1e-12 * exact->loss)
            n++;
        wb_array *it = wb_keep(run, wb_vector(n));
        wb_array *gap = wb_keep(run, wb_vector(n));
        if (!it || !gap)
            return -1;
        for (size_t i = 0; i < n; i++) {
            it->data[i] = (double)i;
            gap->data[i] = fits[k]->loss_curve[i] - exact->loss;
        }
        wb_plot_line(fig, it, gap, &(wb_style){.color = colors[k],
                                              .label = names[k]});
        wb_plot_scatter(fig, it, gap, &(wb_style){.color = colors[k]});
    }
    return wb_figure_render(fig);
}

/*md
## Flatten, column stack, reshape

The fitted model gives the probability of category 1 at any point, and we
want to draw it over the plane, as in chapter 2. But its
`wb_logreg_predict_proba`, like scikit-learn's `predict_proba`, takes the
points as one array of shape $(n, 2)$, a point a row, while a meshgrid is
two arrays of shape $(51, 51)$, one per coordinate. Three operations go
from one to the other. First on small arrays, as the tutorial shows them:

- *flatten* lays an array out in one dimension, in memory order: $[[0, 1],
  [2, 3]]$ becomes $[0, 1, 2, 3]$. In row-major memory this is the order
  the numbers are already in: they are copied as they are, and only the
  shape changes.
- *column stack* (numpy's `np.c_`, or `np.column_stack`) sets 1-D arrays
  side by side as the columns of a 2-D array. Two arrays of 4 make an array
  of shape $(4, 2)$ whose row $i$ pairs their elements $i$. In memory, row
  after row, the two arrays come out interleaved: 0 4 1 5 2 6 3 7.
- *reshape* gives the same numbers another shape: $[0, 1, 2, 3]$ reshaped
  to $(2, 2)$ is $[[0, 1], [2, 3]]$. Nothing moves in memory; what changes
  is how it is read. The sizes must agree: 4 numbers cannot become
  $(3, 2)$.

The tutorial's arrays hold integers and print as `[0 1 2 3]`. Ours hold
doubles, like every array of the library, and print as numpy prints
floating-point numbers: `0.` is zero, `[0. 1. 2. 3.]` the same four numbers.
(In C the step's `a`, `b`, `c` and `d` are local to it: unlike the
notebook's `b`, they cannot overwrite anyone's bias.)
*/
static int reshaping(wb_run *run)
{
    wb_array *a = wb_keep(run, wb_vector_from((double[]){0, 1, 2, 3}, 4));
    wb_array *b = wb_keep(run, wb_vector_from((double[]){4, 5, 6, 7}, 4));
    if (!a || !b || wb_reshape(a, 2, 2) != 0 || wb_reshape(b, 2, 2) != 0)
        return -1;                                  /* (2, 2) each */
    wb_array *a_flat = wb_keep(run, wb_flatten(a));                /* (4,) */
    wb_array *b_flat = wb_keep(run, wb_flatten(b));
    const wb_array *columns[] = {a_flat, b_flat};
    wb_array *c = wb_keep(run, wb_column_stack(columns, 2));    /* (4, 2) */
    wb_array *d = wb_keep(run, wb_vector_from((double[]){0, 1, 2, 3}, 4));
    if (!c || !d)
        return -1;

    /* fold: prints `a`, the two flattened, `c` and its memory, then `d` */
    char s[32];
    printf("a:\n");
    wb_print(a);
    printf("a flattened: ");
    wb_print(a_flat);
    printf("b flattened: ");
    wb_print(b_flat);
    printf("c, the two flattened arrays as columns:\n");
    wb_print(c);
    printf("c.shape: %s\nc in memory:", wb_shape_str(s, sizeof s, c));
    for (size_t k = 0; k < c->size; k++)
        printf(" %g", c->data[k]);
    printf("\nd: ");
    wb_print(d);

    if (wb_reshape(d, 2, 2) != 0)
        return -1;
    printf("d reshaped to (2, 2):\n");
    wb_print(d);
    return 0;
}

/*md
## The grid as a list of points

Now the same operations on the grid, a meshgrid of 51 by 51 points over
the square of the maps. Flattened, `gridx1` and `gridx2` become two lists
of 2601 numbers, in chapter 2's memory order: the bottom row first, from
left to right. Stacked as two columns, they make `grid`, of shape
$(2601, 2)$: one grid point a row, $x_1$ then $x_2$, just what
`wb_logreg_predict_proba` takes. It returns one probability for each row,
an array of shape $(2601,)$. Reshaped to $(51, 51)$, it lines up with
`gridx1` and `gridx2` again, point for point: its element $(i, j)$ is the
probability at the point whose coordinates are the elements $(i, j)$ of
the two grids. That is the shape a heat map needs.

`wb_logreg_predict_proba` is the neuron itself, run over the rows: the
score of each point, then its sigmoid.

@code:lib/wb_logreg.c:decision_function

@code:lib/wb_logreg.c:predict_proba

One difference with the tutorial: scikit-learn's `predict_proba` returns
the probability of each category, an array of shape $(2601, 2)$ whose
second column, `prob[:, 1]`, is the probability of category 1. The library
returns that column alone; the probability of category 0 is 1 minus it.
*/
static int grid(wb_run *run)
{
    wb_array *x = wb_keep(run, wb_linspace(ch.lo, ch.hi, NPOINTS));
    if (!x || wb_meshgrid(&ch.gridx1, &ch.gridx2, x, x) != 0)
        return -1;
    if (!wb_keep(run, ch.gridx1) || !wb_keep(run, ch.gridx2))
        return -1;
    wb_array *flat1 = wb_keep(run, wb_flatten(ch.gridx1));
    wb_array *flat2 = wb_keep(run, wb_flatten(ch.gridx2));
    const wb_array *columns[] = {flat1, flat2};
    ch.grid = wb_keep(run, wb_column_stack(columns, 2));
    ch.prob = wb_keep(run, wb_logreg_predict_proba(ch.model, ch.grid));
    if (!ch.prob)
        return -1;

    /* fold: prints the shapes on the way, and the grid's points */
    char s1[32], s2[32];
    printf("gridx1.shape, gridx2.shape: %s %s\n",
           wb_shape_str(s1, sizeof s1, ch.gridx1),
           wb_shape_str(s2, sizeof s2, ch.gridx2));
    printf("flattened: %s %s\n", wb_shape_str(s1, sizeof s1, flat1),
           wb_shape_str(s2, sizeof s2, flat2));
    printf("grid.shape: %s\ngrid:\n", wb_shape_str(s1, sizeof s1, ch.grid));
    wb_print(ch.grid);
    printf("prob.shape: %s\n", wb_shape_str(s1, sizeof s1, ch.prob));

    if (wb_reshape(ch.prob, NPOINTS, NPOINTS) != 0)
        return -1;
    printf("reshaped to %s\n", wb_shape_str(s1, sizeof s1, ch.prob));
    return 0;
}

/*md
## The probability map

At last the picture, @fig:probability_map: the probability of category 1
at each grid point as a colour, with the sample on top. The palette is the
one chapter 2 used to show its boundary: blue where category 0 is the more
likely, red where category 1 is, white where the model cannot tell. The
dashed line is where $P = 1/2$, that is where $z = 0$: the line
$w_1 x_1 + w_2 x_2 + b = 0$ with the fitted parameters.

Two calls of the library draw the map and the sample, as in the chapters
that follow: `wb_plot_probability_map` sets up the figure for a
probability (the palette, its range from 0 to 1, the labels) and draws the
map; `wb_plot_categories`, whose code chapter 2 showed, puts the sample on
top, here in sky blue and yellow so that the points stand out from the
map's blue and red.

@code:lib/wb_figure.c:probability_map

The fitted line runs between the two clouds, across the segment joining
their centres, close to the best line for the two distributions,
$x_2 = -x_1 + 2$; on another sample it would tilt and shift a little
(*Other samples* gives its slope and intercept over a hundred samples).
The logistic regression separates the categories well.
Not perfectly: where the clouds overlap, some points lie on the wrong side
of any line, and they are the examples the accuracy counts as wrong.
*/

static int probability_map(wb_run *run)
{
    const wb_logreg *m = ch.model;
    if (m->coef[1] != 0)
        printf("the line P = 1/2: x2 = %.4f x1 + %.4f\n",
               -m->coef[0] / m->coef[1], 0 - m->intercept / m->coef[1]);
    if (!data)
        printf("the best line for the distributions: x2 = -x1 + 2\n");

    /* fold: draws the map, the sample on it, and the line $P = 1/2$ */
    wb_figure *fig = wb_figure_new(&run->out, "probability_map",
        "The fitted probability of category 1, the sample, and the line "
        "where the probability is 1/2.");
    wb_plot_probability_map(fig, ch.gridx1, ch.gridx2, ch.prob);
    wb_plot_categories(fig, ch.X, ch.y, &(wb_style){.color = WB_SKY,
                                                    .alpha = 0.6,
                                                    .size = 0.8});
    plot_boundary(fig, run, m->coef[0], m->coef[1], m->intercept,
                  &(wb_style){.label = "$P = 1/2$", .color = WB_BLACK,
                              .dash = WB_DASHED});
    return wb_figure_render(fig);
}

/*md
## Why the boundary is a line

The boundary is straight, and no fit could have bent it. Follow the
neuron's two stages. The score $z = w_1 x_1 + w_2 x_2 + b$ is a linear
function of the point, so the points where it takes any one value form a
straight line, and the lines of different values are parallel. The sigmoid
then squeezes $z$ into $(0, 1)$, but it keeps the order: a larger score
always gives a larger probability. So the points where $P = \sigma(z)$
takes some value are exactly the points where $z$ takes one value: a
straight line again. The sigmoid changes the numbers written on the
plane, never the lines along which they stay the same.

@fig:levels shows it side by side. On the left, the score $z$ of the fitted
model over the grid, with the lines where $z$ is $-4$, $-2$, 0, 2 and 4. On
the right, the probability $P$, with the lines where $P$ is
$\sigma(-4) = 0.018$, $\sigma(-2) = 0.119$, 0.5, 0.881 and 0.982. gnuplot
traces each set of lines from its own grid of numbers, and finds the same
five parallel lines. They are evenly spaced, $2 / \|w\|$ apart, and the
step prints the distance of each from the boundary, $z / \|w\|$.

So a logistic regression, a neuron with no hidden layer, always splits the
plane along a straight line (along a plane in three dimensions, a
*hyperplane* in more): it is a *linear classifier*. That suits this
sample, whose categories lie on either side of a line. Chapter 4 brings one
where no line will do.
*/
static int linear(wb_run *run)
{
    const double zs[] = {-4, -2, 0, 2, 4};
    double ps[5], norm = hypot(ch.model->coef[0], ch.model->coef[1]);
    wb_array *z = wb_keep(run, wb_logreg_decision_function(ch.model,
                                                           ch.grid));
    if (!z || wb_reshape(z, NPOINTS, NPOINTS) != 0)
        return -1;
    printf("    z   P = sigma(z)   distance from the boundary\n");
    for (size_t k = 0; k < 5; k++) {
        ps[k] = wb_sigmoid(zs[k]);
        if (norm > 0)
            printf("%5g   %10.4f   %26.4f\n", zs[k], ps[k], zs[k] / norm);
        else
            printf("%5g   %10.4f   %26s\n", zs[k], ps[k],
                   "none: w = 0, P is flat");
    }

    /* fold: draws $z$ and $P$ side by side, each with its five level lines */
    /* (a flat map too, w = 0 and b = 0, has colours from -1 to 1) */
    double zmax = fmax(1, ceil(fmax(-wb_min(z), wb_max(z))));
    wb_figure *fig = wb_figure_new(&run->out, "levels",
        "The score $z$ (left) and the probability $P = \\sigma(z)$ "
        "(right) of the fitted model, each with five of its level lines: "
        "the same lines.");
    wb_figure_size(fig, 1440, 600);
    wb_figure_layout(fig, 1, 2);
    for (int k = 0; k < 2; k++) {
        wb_figure_panel(fig, k);
        wb_figure_title(fig, k == 0 ? "the score $z$" : "the probability $P$");
        wb_figure_xlabel(fig, "$x_1$");
        wb_figure_ylabel(fig, "$x_2$");
        wb_figure_cblabel(fig, k == 0 ? "$z$" : "$P = \\sigma(z)$");
        wb_figure_square(fig);
        wb_figure_legend(fig, WB_LEGEND_NONE);
        wb_figure_palette(fig, k == 0 ? WB_PALETTE_VIRIDIS
                                      : WB_PALETTE_DIVERGING);
        if (k == 0)     /* z = 0 in the middle of the colours */
            wb_figure_cbrange(fig, -zmax, zmax);
        wb_plot_heatmap(fig, ch.gridx1, ch.gridx2, k == 0 ? z : ch.prob,
                        NULL);
        wb_plot_contour(fig, ch.gridx1, ch.gridx2, k == 0 ? z : ch.prob,
                        k == 0 ? zs : ps, 5,
                        &(wb_style){.color = WB_BLACK, .width = 1.5});
    }
    return wb_figure_render(fig);
}

/*md
## Other samples

The fit found its parameters, its iterations, its objective and its
accuracy on one sample. This step fits 100 samples of chapter 2's two
distributions, drawn with the seeds 1 to 100 (seed 1 draws this page's
sample, whatever `--data` says), with the same options, and prints how
each number spreads: its mean, its standard deviation (sd), its smallest
and largest values. It also scores on each sample the best line for the
two distributions, $x_1 + x_2 = 2$, which no fit chose.

The parameters wander from sample to sample, but less than the clouds'
width: the line they draw stays between the clouds, tilted and shifted a
little, around the best line's slope $-1$ and intercept 2. The accuracy
wanders more than one would like to read into a single run. A line right
on a share $p$ of new examples scores on 1000 of them like a coin tossed
1000 times: with a standard deviation of $\sqrt{p (1 - p) / 1000}$, about
0.009 for $p = \Phi(\sqrt 2) = 0.921$, as the step computes. Two
accuracies on one sample that differ by 0.005 tell the two lines apart no
better than a coin; the fit's accuracy and the best line's go up and down
together, with the sample.
*/
static int seeds(wb_run *run)
{
    /* fold: room for the numbers, the options, $x_1 + x_2 = 2$ as a model */
    wb_array *w1 = wb_keep(run, wb_vector(SAMPLES));
    wb_array *w2 = wb_keep(run, wb_vector(SAMPLES));
    wb_array *b = wb_keep(run, wb_vector(SAMPLES));
    wb_array *iterations = wb_keep(run, wb_vector(SAMPLES));
    wb_array *f = wb_keep(run, wb_vector(SAMPLES));
    wb_array *accuracy = wb_keep(run, wb_vector(SAMPLES));
    wb_array *best = wb_keep(run, wb_vector(SAMPLES));
    wb_array *slope = wb_keep(run, wb_vector(SAMPLES));
    wb_array *intercept = wb_keep(run, wb_vector(SAMPLES));
    if (!w1 || !w2 || !b || !iterations || !f || !accuracy || !best ||
        !slope || !intercept)
        return -1;
    wb_logreg_options options = wb_logreg_default_options();
    options.C = C;
    options.tol = tol;
    options.max_iter = (size_t)max_iter;
    wb_logreg *best_line = wb_keep(run, wb_logreg_create(2, NULL));
    if (!best_line)
        return -1;
    best_line->coef[0] = best_line->coef[1] = 2;    /* x1 + x2 = 2 */
    best_line->intercept = -4;

    for (size_t s = 0; s < SAMPLES; s++) {
        wb_rng rng;
        wb_array *X, *y;
        wb_rng_seed(&rng, s + 1);     /* the sample of --seed s + 1 */
        if (wb_sample_gaussians_2d(&X, &y, &rng, 500) != 0 ||
            !wb_keep(run, X) || !wb_keep(run, y))
            return -1;
        wb_logreg *m = wb_keep(run, wb_logreg_create(2, &options));
        if (!m || wb_logreg_fit(m, X, y) != 0)
            return -1;
        wb_array *predicted = wb_keep(run, wb_logreg_predict(m, X));
        wb_array *by_best = wb_keep(run, wb_logreg_predict(best_line, X));
        if (!predicted || !by_best)
            return -1;

        /* fold: keeps each number of this sample's fit */
        w1->data[s] = m->coef[0];
        w2->data[s] = m->coef[1];
        b->data[s] = m->intercept;
        slope->data[s] = -m->coef[0] / m->coef[1];
        intercept->data[s] = -m->intercept / m->coef[1];
        iterations->data[s] = (double)m->n_iter;
        f->data[s] = m->loss;
        accuracy->data[s] = wb_accuracy(y, predicted);
        best->data[s] = wb_accuracy(y, by_best);
    }

    /* fold: prints how each number spreads over the samples */
    char spread[96];
    double p = 0.5 * erfc(-1);          /* Phi(sqrt 2) */
    printf("over %d samples of 500 + 500 points (seeds 1 to %d):\n",
           SAMPLES, SAMPLES);
    printf("w1:          %s\n", wb_spread_str(spread, sizeof spread, w1, 3));
    printf("w2:          %s\n", wb_spread_str(spread, sizeof spread, w2, 3));
    printf("b:           %s\n", wb_spread_str(spread, sizeof spread, b, 3));
    printf("iterations:  %s\n",
           wb_spread_str(spread, sizeof spread, iterations, 1));
    printf("f:           %s\n", wb_spread_str(spread, sizeof spread, f, 2));
    printf("the line P = 1/2, x2 = slope x1 + intercept:\n");
    printf("  slope:     %s\n",
           wb_spread_str(spread, sizeof spread, slope, 3));
    printf("  intercept: %s\n",
           wb_spread_str(spread, sizeof spread, intercept, 3));
    printf("accuracy of the fit:          %s\n",
           wb_spread_str(spread, sizeof spread, accuracy, 3));
    printf("accuracy of x1 + x2 > 2:      %s\n",
           wb_spread_str(spread, sizeof spread, best, 3));
    printf("  a coin's sd for p = Phi(sqrt 2) = %.3f: sqrt(p (1 - p) / 1000) "
           "= %.3f\n", p, sqrt(p * (1 - p) / 1000));
    return 0;
}

/*md
## The program

The table of steps and the chapter's options. With `--json` the program
runs every step silently and prints the fit as one JSON object, each
number in the shortest form that reads back exactly:

```
{"model":"logreg","w":[W1,W2],"b":B,"n_iter":N,"converged":true,
 "train_accuracy":A}
```

(on one line). `--w1`, `--w2` and `--b` set parameters of your own, which
the `fit` step compares with the fitted ones (see the exercises).
*/
/* fold: `print_json`, which prints the fit as one JSON object */
/* The --json summary. */
static int print_json(wb_run *run, FILE *out)
{
    const wb_logreg *m = ch.model;
    (void)run;
    if (fprintf(out, "{\"model\":\"logreg\",\"w\":[%s,%s],\"b\":%s,"
                "\"n_iter\":%zu,\"converged\":%s,\"train_accuracy\":%s}\n",
                wb_shortest(m->coef[0]).text, wb_shortest(m->coef[1]).text,
                wb_shortest(m->intercept).text, m->n_iter,
                m->converged ? "true" : "false",
                wb_shortest(ch.accuracy).text) < 0)
        return wb_fail("cannot write the JSON object");
    return 0;
}

/* fold: `check_data`, which reads `--data` before any step */
/* --data, read before any step: a file that cannot be read is a bad
 * command line, refused at once. */
static int check_data(wb_run *run, const char **option)
{
    wb_array *X, *y;
    if (!data)
        return 0;
    *option = "data";
    if (wb_read_sample(&X, &y, data, 2, true) != 0)
        return -1;
    ch.X = wb_keep(run, X);
    ch.y = wb_keep(run, y);
    return ch.X && ch.y ? 0 : -1;
}

/* fold: `main`: the table of steps, and the chapter's options */
int main(int argc, char **argv)
{
    static const wb_step steps[] = {
        WB_STEP(sample), WB_STEP(objective), WB_STEP(fit),
        WB_STEP(loss_curve), WB_STEP(newton), WB_STEP(reshaping),
        WB_STEP(grid), WB_STEP(probability_map), WB_STEP(linear),
        WB_STEP(seeds), {0}};
    static const wb_option options[] = {
        {"data", WB_OPT_STRING, &data, "FILE",
         "fit the sample in FILE (CSV: x1,x2,y) instead of chapter 2's",
         0, 0},
        {"C", WB_OPT_DOUBLE, &C, "C",
         "the inverse strength of the penalty ||w||^2 / (2C)", 1e-6, 1e6},
        {"tol", WB_OPT_DOUBLE, &tol, "TOL",
         "converged when max|gradient| <= TOL", 0, 1e3},
        {"max-iter", WB_OPT_INT, &max_iter, "N",
         "at most N iterations of L-BFGS", 1, 100000},
        {"w1", WB_OPT_DOUBLE, &your_w1, "W1",
         "your own w1, measured next to the fit (also --w2, --b)",
         -1e4, 1e4},
        {"w2", WB_OPT_DOUBLE, &your_w2, "W2", "your own w2", -1e4, 1e4},
        {"b", WB_OPT_DOUBLE, &your_b, "B", "your own b", -1e4, 1e4},
        {0}};
    static const wb_chapter chapter = {
        .slug = "03_logreg_fit",
        .source = __FILE__,
        .summary = "Fitting a logistic regression: L-BFGS, reshaping, and "
                   "the probability map.",
        .steps = steps,
        .options = options,
        .check = check_data,
        .json = print_json,
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- Fitting a logistic regression minimises the examples' log-loss plus a
  penalty on the weights, $f(w, b)$ of equation @eq:objective: 693.15,
  that is $n \log 2$, with every parameter at 0.
- L-BFGS finds its minimum in about a dozen iterations, most of the gain
  in the first five, and its parameters, to many digits, are
  scikit-learn's. On a hundred samples, they draw lines that stay between
  the clouds, near the best line for the two distributions,
  $x_2 = -x_1 + 2$, and score as well as it does, around
  $\Phi(\sqrt 2) = 0.921$, give or take the 0.009 that a sample of 1000
  allows (*Other samples*).
- To draw the model over the plane, the grid's two arrays are flattened,
  stacked as the two columns of a $(2601, 2)$ array of points, given to the
  model, and the 2601 probabilities reshaped into the $51 \times 51$ map.
- The boundary is a line for any data: the probability is $1/2$ exactly
  where the score $z = w_1 x_1 + w_2 x_2 + b$ is 0, and the score's level
  lines are all parallel.

A line is all one neuron can draw. The next chapter poses a problem whose
categories no line can separate, and finds a way out that does not yet
need a hidden layer.
*/

/*md
## Exercises

Predict first, then run; the program checks what it can. Run the commands
from the top folder of the workbook; the figures go to
`figures/03_logreg_fit/`. Each answer is under its question, closed.

1. **Beat the fit.** Find parameters with a lower $f$ than the fit's. Try
   chapter 2's neuron, then the best line for the two distributions,
   $w_1 = w_2 = 2$, $b = -4$:
   `build/chapters/03_logreg_fit --only fit --w1 2 --w2 2 --b -4`. The
   step says whether your $f$ is lower. Before you run: can it be, when the
   fit has converged? Why is the best line for the distributions not the
   best for this sample?

   ::: {.answer question="1"}
   It cannot: $f$ is a bowl with one lowest point (it is convex), and the
   fit stops within a millionth of it. Any other parameters, the best
   line's included, give a higher $f$ on this sample. The best line is
   best on average over all samples of the two distributions; this sample
   is one draw, a little lopsided, and the fit follows its lopsidedness:
   that is what fitting the sample means.
   :::

2. **Accuracy is not the objective.** Now look for parameters with a
   *higher accuracy* than the fit's, with the same options (small changes
   of $b$ are a good start). The step says when you have one. Why does the
   fit not look for the parameters of highest accuracy? Think of how the
   accuracy changes when $b$ changes a little, and what a gradient of it
   would be.

   ::: {.answer question="2"}
   Some may exist, a point or two better: moving or turning the line a
   little can put one more point on its right side. But the accuracy is a
   staircase in $b$: flat
   while the line moves between two points, then a jump of $1/1000$. Its
   gradient is 0 almost everywhere, and tells a minimiser nothing; the
   loss, smooth and convex, tells it which way to go. And a gain of one
   point in a thousand is less than the 0.009 by which a sample's
   accuracy wanders anyway.
   :::

3. **The penalty.** Predict what `--C 0.001` does to the weights, to the
   line and to the white band of the map, then run it and look at
   `probability_map.png`. Then `--C 1000`. Does either move the line
   much? The penalty does not touch $b$, and yet $b$ changes with $C$:
   why must it?

   ::: {.answer question="3"}
   With $C = 0.001$ the penalty is a thousand times stronger: the weights
   shrink, the probability rises slowly across the plane, and the white
   band grows wide. With $C = 1000$ they grow a little, the band narrows a
   little. The line moves little either way: it is the ratio of the
   parameters that places it. But the line is where
   $w_1 x_1 + w_2 x_2 + b = 0$: for it to stay between the clouds, $b$
   must shrink or grow with the weights.
   :::

4. **A sample of your own.** The workbook's tests keep samples in
   `tests/fixtures/`. `logreg_separable.csv` has two clouds far apart.
   Predict the accuracy, then run
   `build/chapters/03_logreg_fit --data tests/fixtures/logreg_separable.csv`.
   What happens to the weights with `--C 1000`, and with `--C 1e6`? (When a
   line separates the categories, making $w$ longer always lowers the sum
   of the losses: only the penalty stops it.) Then break a copy of the file
   (a letter in a number, a label 2) and see what the program says.

   ::: {.answer question="4"}
   An accuracy of 1: a line separates the clouds. The weights grow with
   $C$, since only the penalty holds them back, but slowly: the losses are
   already tiny, and a longer $w$ lowers them less and less. The map's
   white band narrows towards a sharp edge. A
   broken file stops the program before any step, with one line naming
   the file, its line and what is wrong there.
   :::

5. **In the code.** In the `grid` step, stack the columns the other way
   round, `{flat2, flat1}`, and predict the new map before you run
   `make` and `--only probability_map`. Why does it change so little for
   this sample?

   ::: {.answer question="5"}
   The model then reads each point as $(x_2, x_1)$: the map is the true
   one reflected across the diagonal $x_1 = x_2$. This sample's two clouds
   lie on that diagonal, and the fitted line is nearly perpendicular to
   it, with $w_1 \approx w_2$: reflected, it hardly moves. The dashed line,
   drawn from the parameters and not from the map, stays where it was.
   :::

The exercises below are checked by the workbook, as in chapter 1.

@exercises
*/
