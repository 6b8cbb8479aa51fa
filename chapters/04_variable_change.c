/*md
# Changing variables

Chapter 3's logistic regression drew a straight boundary, and it worked
because a straight line could part the two clouds. This chapter gives the
same model a problem that no line can solve: points of a square whose
category is the sign of $x_1 x_2$, a checkerboard of four quadrants
(@fig:sample). It watches the model fail, then rescues it without changing
the model at all, by changing what it is given: not the point
$(x_1, x_2)$, but one number computed from it, $u = x_1 x_2$. The idea of
the chapter is in @fig:maps: the same model, pale and useless on the
coordinates, sharp and right on $u$.

Everything else is what chapters 2 and 3 built: the weighted sum $z$, the
sigmoid $\sigma(z)$, the logistic regression fitted by L-BFGS, its map over
a grid. This chapter is the C program `chapters/04_variable_change.c`. To
go through it one step at a time, run

```sh
build/chapters/04_variable_change --step
```

or give it `--help` to see its options: among them `--data FILE` to fit
examples of your own, and `--json` for a summary of the fit.

The program opens with its options and what the steps share, then the
variable $u$ the logistic regression is given: the tutorial's product,
which the questions at the end ask you to change.
*/

/* fold: the headers, the options, what the steps share */
#include <math.h>
#include <string.h>

#include "wb.h"

/* The chapter's parameters, set with --n, --data and --test-data. */
static long n = 500;                  /* examples in each sample */
static const char *data_path;         /* the training sample's file, if any */
static const char *test_data_path;    /* the test sample's file, if any */
static bool held_out;                 /* the test sample is a fifth of
                                         --data's, held out */

#define SAMPLES 100                   /* the samples of step seeds */

/* What the steps share, as a notebook's cells share variables. */
static struct {
    wb_array *X, *y;              /* the training sample: (n, 2), (n,) */
    wb_array *u;                  /* its variable u: (n,) */
    wb_logreg *line;              /* the logistic regression on (x1, x2) */
    wb_logreg *model;             /* the logistic regression on u */
    wb_array *gridx1, *gridx2;    /* the grid over the square: (100, 100) */
    wb_array *line_map, *u_map;   /* P(category 1) on the grid, each model */
    double linear_train_accuracy, train_accuracy;
    double linear_test_accuracy, test_accuracy;
    wb_array *file_X, *file_y;    /* --data's sample, read before step 1 */
    wb_array *file_Xt, *file_yt;  /* --test-data's */
} ch;

/* The tutorial's variable: u = x1 x2. */
static double product(double x1, double x2)
{
    return x1 * x2;
}

/* The u axis's label in the figures. */
#define U_LABEL "$u = x_1 x_2$"

/*md
## A sample that no line can split

The sample is 500 points drawn uniformly in the square $[-1, 1]^2$: each
coordinate is equally likely to be anywhere between $-1$ and $1$. A point's
category comes from the signs of its coordinates:

- **category 1** when $x_1 x_2 > 0$: both coordinates have the same sign,
  the point is in the top right or the bottom left quadrant;
- **category 0** otherwise: the signs differ, top left or bottom right.

(A point with $x_1 x_2 = 0$ exactly would be in category 0, but a uniform
draw lands on an axis with probability zero.) Here is the library function
that draws it, used by this chapter and the next one:

@code:lib/wb_sample.c:quadrants

*A note on the convention.* The tutorial this workbook retells is not
consistent here: its text calls the same-sign quadrants category 0, but its
code gives them the label 1, and it sorts its training points with
$x_1 x_2 \geq 0$ but its test points with $x_1 x_2 > 0$. The book keeps one
rule everywhere, the one above, for training and testing alike.

The step prints the first five points and their categories, `X[:5]` and
`y[:5]` in numpy's words. In C they need no copy: `head` makes an array
header whose data pointer is `X`'s own, with a shape of 5 rows, since the
rows lie one after the other in memory. Then it draws the sample,
@fig:sample: a checkerboard of four squares, category 1 on one diagonal,
category 0 on the other. To draw each category in its colour, the figure
picks out its points with `where`, numpy's `X[y == k]`: the rows of `X`
whose label is `k`, copied into an array of their own.
*/
/* The examples of X: (n, 2) or (n,) whose label in y is k: numpy's
 * X[y == k]. NULL if there are none. */
static wb_array *where(const wb_array *X, const wb_array *y, double k)
{
    size_t m = 0, cols = X->ndim == 2 ? X->shape[1] : 1;
    for (size_t i = 0; i < y->size; i++)
        m += y->data[i] == k;
    if (m == 0)
        return NULL;
    wb_array *s = X->ndim == 2 ? wb_matrix(m, cols) : wb_vector(m);
    for (size_t i = 0, j = 0; s && i < y->size; i++)
        if (y->data[i] == k)
            memcpy(&s->data[cols * j++], &X->data[cols * i],
                   cols * sizeof *s->data);
    return s;
}

/* fold: `plot_sample`, which draws the points, each category in its colour */
/* Draws the points of X: (n, 2), one series per category, each point a
 * dot with a dark rim, which shows on any background. */
static void plot_sample(wb_figure *fig, const wb_array *X, const wb_array *y)
{
    for (int k = 0; k <= 1; k++) {
        wb_array *Xk = where(X, y, k);
        wb_array *x1 = wb_column(Xk, 0), *x2 = wb_column(Xk, 1);
        if (!Xk)
            continue;
        wb_plot_scatter(fig, x1, x2, &(wb_style){.color = WB_BLACK,
                                                  .size = 1.0});
        wb_plot_scatter(fig, x1, x2, &(wb_style){
            .label = k ? "category 1" : "category 0",
            .color = k ? WB_ORANGE : WB_BLUE, .size = 0.7});
        wb_free(Xk);
        wb_free(x1);
        wb_free(x2);
    }
}

/* a[:k], the first k rows of a: a view of its first values, not a copy
 * (its data points into a's). */
static wb_array head(const wb_array *a, size_t k)
{
    wb_array h = *a;
    h.shape[0] = k < a->shape[0] ? k : a->shape[0];
    h.size = h.shape[0] * h.shape[1];
    return h;
}

/* fold: `get_sample`, which takes your `--data`'s sample, or draws one */
/* The examples of a sample: the ones read from a file, if given (they
 * were read before the first step: see check_files), else drawn now. */
static int get_sample(wb_run *run, wb_array **X, wb_array **y,
                      wb_array *file_X, wb_array *file_y)
{
    if (file_X) {
        *X = file_X;
        *y = file_y;
        return 0;
    }
    if (wb_sample_quadrants(X, y, &run->rng, (size_t)n) != 0)
        return -1;
    *X = wb_keep(run, *X);
    *y = wb_keep(run, *y);
    return *X && *y ? 0 : -1;
}

static int sample(wb_run *run)
{
    if (get_sample(run, &ch.X, &ch.y, ch.file_X, ch.file_y) != 0)
        return -1;
    wb_array X5 = head(ch.X, 5), y5 = head(ch.y, 5);    /* X[:5], y[:5] */

    /* fold: prints the shapes, the first five points and the categories */
    char shape[32];
    printf("X, the points (x1, x2): shape %s; the first five, X[:5]:\n",
           wb_shape_str(shape, sizeof shape, ch.X));
    wb_print(&X5);
    printf("y, their categories: shape %s; y[:5]:\n",
           wb_shape_str(shape, sizeof shape, ch.y));
    wb_print(&y5);
    printf("points in category 1: %.0f, in category 0: %.0f\n",
           wb_mean(ch.y) * (double)ch.y->size,
           (1 - wb_mean(ch.y)) * (double)ch.y->size);

    /* fold: draws the sample in the square */
    wb_figure *fig = wb_figure_new(&run->out, "sample",
        "The training sample: category 1 where $x_1$ and $x_2$ have the "
        "same sign, category 0 where they differ.");
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_square(fig);
    wb_figure_xrange(fig, -1, 1);
    wb_figure_yrange(fig, -1, 1);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);
    plot_sample(fig, ch.X, ch.y);
    return wb_figure_render(fig);
}

/*md
## A line, fitted all the same

The tutorial only says that a line cannot do this. Let us watch it fail.
The step fits the logistic regression of chapter 3 to the sample, with both
coordinates as inputs, $z = w_1 x_1 + w_2 x_2 + b$, then draws its
probability of category 1 over a grid of $100 \times 100$ points covering
the square, in the palette where white is $1/2$.

The fit converges, and gives up: its weights are tiny, and its probability
stays close to $1/2$ over the whole square; the map, @fig:line_map, is
nearly white. Its accuracy is no better than a coin's: a little above one
half on some samples, a little below on others (step *Other samples*
shows by how much).

Why? Look at the sample in a mirror. Reflect it across the $x_1$ axis,
$x_2 \to -x_2$: the top right quadrant lands on the bottom right, the top
left on the bottom left, and every point changes category. A probability
that rises to the right is right about the top right quadrant, where
category 1 lies, and wrong about its mirror image, the bottom right, where
category 0 lies; on the left it is right above and wrong below. What such
a tilt gains in one half of the square it loses in the other; the mirror
across the $x_2$ axis does the same to a tilt upwards; and a bias that
raises the probability everywhere helps category 1 as much as it hurts
category 0.

In the fit's terms: each mirror pairs every model with one that fits the
sample just as well, its tilt and bias reflected. The loss is a bowl, and
in a bowl the point halfway between two points at the same height is lower
than both; halfway between a model and its mirror image lies a model with
less tilt and less bias. So the bottom of the bowl has none at all:
$w_1 = w_2 = 0$ and $b = 0$, the probability $1/2$ everywhere. On 500
points the symmetry holds only roughly, so the fit finds weights that are
small, not zero, and a boundary (where its faint slope crosses $1/2$) that
lands wherever the sample's noise puts it, and its accuracy with it.

Could another line do better? A little: on average no line is right about
more than two points in three. The best ones cut off a corner, such as the
line $x_1 + x_2 = 2/3$, with category 1 beyond it; the step counts how well
that rule does on the sample. But the logistic regression does not even
look for it: the third of the points on the wrong side would be
confidently wrong, and its loss punishes that more than it rewards the
rest.
*/
/* fold: `make_grid`, the meshgrid of $m \times m$ points over the square */
/* The grid of m x m points over [-1, 1]^2, np.meshgrid(x, x) with
 * x = np.linspace(-1, 1, m), into ch.gridx1 and ch.gridx2: (m, m). */
static int make_grid(wb_run *run, size_t m)
{
    wb_array *x = wb_keep(run, wb_linspace(-1, 1, m)), *gx1, *gx2;
    int rc = wb_meshgrid(&gx1, &gx2, x, x);
    ch.gridx1 = wb_keep(run, gx1);
    ch.gridx2 = wb_keep(run, gx2);
    return rc != 0 || !ch.gridx1 || !ch.gridx2 ? -1 : 0;
}

/* fold: `plot_map`, which draws a probability map and a sample on it */
/* Draws a probability map and a sample on top, in the figure's panel. */
static void plot_map(wb_figure *fig, const wb_array *p, const wb_array *X,
                     const wb_array *y)
{
    wb_plot_probability_map(fig, ch.gridx1, ch.gridx2, p);
    plot_sample(fig, X, y);
}

/* The accuracy of a fitted model on the sample (X, y). */
static double logreg_accuracy(const wb_logreg *model, const wb_array *X,
                              const wb_array *y)
{
    wb_array *predicted = wb_logreg_predict(model, X);
    double accuracy = predicted ? wb_accuracy(y, predicted) : NAN;
    wb_free(predicted);
    return accuracy;
}

/* The fraction of points that the rule "category 1 where x1 + x2 > 2/3"
 * puts in their category. */
static double corner_accuracy(const wb_array *X, const wb_array *y)
{
    double right = 0;
    for (size_t i = 0; i < y->size; i++)
        right += (WB_AT(X, i, 0) + WB_AT(X, i, 1) > 2.0 / 3) == y->data[i];
    return right / (double)y->size;
}

static int line(wb_run *run)
{
    ch.line = wb_keep(run, wb_logreg_create(2, NULL));
    if (make_grid(run, 100) != 0 || !ch.line ||
        wb_logreg_fit(ch.line, ch.X, ch.y) != 0)
        return -1;
    const wb_array *cols[] = {wb_keep(run, wb_flatten(ch.gridx1)),
                              wb_keep(run, wb_flatten(ch.gridx2))};
    wb_array *grid = wb_keep(run, wb_column_stack(cols, 2));  /* (10000, 2) */
    ch.line_map = wb_keep(run, wb_logreg_predict_proba(ch.line, grid));
    wb_array *predicted = wb_keep(run, wb_logreg_predict(ch.line, ch.X));
    if (!ch.line_map || !predicted || wb_reshape(ch.line_map, 100, 100))
        return -1;
    ch.linear_train_accuracy = wb_accuracy(ch.y, predicted);

    /* fold: prints the fit, its range of $P$, its accuracy and the corner's */
    printf("w1 = %.4f, w2 = %.4f, b = %.4f\n%s: %s\n", ch.line->coef[0],
           ch.line->coef[1], ch.line->intercept,
           ch.line->converged ? "converged" : "not converged",
           ch.line->message);
    printf("P(category 1) on the grid: from %.3f to %.3f\n",
           wb_min(ch.line_map), wb_max(ch.line_map));
    printf("accuracy on the training sample: %.3f\n",
           ch.linear_train_accuracy);
    printf("the corner rule x1 + x2 > 2/3, for comparison: %.3f\n",
           corner_accuracy(ch.X, ch.y));

    /* fold: draws the map, nearly white */
    wb_figure *fig = wb_figure_new(&run->out, "line_map",
        "The logistic regression on $(x_1, x_2)$: its probability of "
        "category 1 is close to $1/2$ (white) everywhere.");
    plot_map(fig, ch.line_map, ch.X, ch.y);
    return wb_figure_render(fig);
}

/*md
## A new variable, $u = x_1 x_2$

The rule that makes the categories is written in the sample's own code:
category 1 when $x_1 x_2 > 0$. So instead of giving the model the two
coordinates, give it their product,

$$u = x_1 x_2,$$ {#eq:u}

one number per example, positive for every point of category 1 and
negative for every point of category 0. The change of variables is a loop
over the examples, each row $(x_1, x_2)$ of `X` becoming one value of `u`.
It is written for any function of $(x_1, x_2)$, since the exercises look
for others.

Drawn against the category, as the examples of chapter 1 were
(@fig:u_sample), the new variable puts the two categories on either side
of $u = 0$, without any overlap. This is a one-dimensional problem again,
and an easy one.
*/
/* u_i = variable(x_i1, x_i2) for each example. X: (n, 2) -> u: (n,). */
static wb_array *change_variables(const wb_array *X,
                                  double (*variable)(double, double))
{
    wb_array *u = wb_vector(X->shape[0]);
    for (size_t i = 0; u && i < X->shape[0]; i++)
        u->data[i] = variable(WB_AT(X, i, 0), WB_AT(X, i, 1));
    return u;
}

/* fold: `plot_u`, which draws each $u$ at the height of its category */
/* Draws the values u: (n,) at the height of their category. */
static void plot_u(wb_figure *fig, const wb_array *u, const wb_array *y)
{
    for (int k = 0; k <= 1; k++) {
        wb_array *uk = where(u, y, k);
        wb_array *yk = wb_full_like(uk, k);
        if (uk)
            wb_plot_scatter(fig, uk, yk, &(wb_style){
                .label = k ? "category 1" : "category 0",
                .color = k ? WB_ORANGE : WB_BLUE, .alpha = 0.5});
        wb_free(uk);
        wb_free(yk);
    }
}

static int variable(wb_run *run)
{
    ch.u = wb_keep(run, change_variables(ch.X, product));
    wb_array *u0 = wb_keep(run, where(ch.u, ch.y, 0));
    wb_array *u1 = wb_keep(run, where(ch.u, ch.y, 1));
    if (!ch.u || !u0 || !u1)
        return -1;

    /* fold: prints $u$ of the first five points, and each category's range */
    char shape[32];
    printf("u: shape %s; the first five points:\n",
           wb_shape_str(shape, sizeof shape, ch.u));
    printf("      x1       x2        u  category\n");
    for (size_t i = 0; i < 5 && i < ch.u->size; i++)
        printf("%8.4f %8.4f %8.4f  %.0f\n", WB_AT(ch.X, i, 0),
               WB_AT(ch.X, i, 1), ch.u->data[i], ch.y->data[i]);
    printf("category 0: u from %.3g to %.3g\n", wb_min(u0), wb_max(u0));
    printf("category 1: u from %.3g to %.3g\n", wb_min(u1), wb_max(u1));

    /* fold: draws $u$ against the category */
    wb_figure *fig = wb_figure_new(&run->out, "u_sample",
        "The new variable $u$ of each example, at the height of its "
        "category.");
    wb_figure_xlabel(fig, U_LABEL);
    wb_figure_ylabel(fig, "category");
    wb_figure_yrange(fig, -0.25, 1.25);
    wb_figure_legend(fig, WB_LEGEND_TOP_LEFT);
    plot_u(fig, ch.u, ch.y);
    return wb_figure_render(fig);
}

/*md
## A logistic regression on $u$

Now the model of chapter 1, one input and one neuron,

$$P(\text{category 1} \mid u) = \sigma(w u + b),$$ {#eq:model_u}

fitted with the very function that fitted the line, `wb_logreg_fit`, given
a sample of one feature: `u` has shape $(n,)$, so the model has $d = 1$
weight. The fit is the same as scikit-learn's, with its default penalty on
$w$, which keeps the weight finite even though a threshold at $u = 0$ sorts
every example.

Its boundary is where $w u + b = 0$, at $u = -b/w$: close to 0, as it
should be. In @fig:u_fit the curve rises from 0 to 1 over a short stretch
of $u$ around it, with the examples of category 0 below and those of
category 1 above.
*/
static int fit(wb_run *run)
{
    ch.model = wb_keep(run, wb_logreg_create(1, NULL));
    if (!ch.model || wb_logreg_fit(ch.model, ch.u, ch.y) != 0)
        return -1;
    double w = ch.model->coef[0], b = ch.model->intercept;
    wb_array *predicted = wb_keep(run, wb_logreg_predict(ch.model, ch.u));
    if (!predicted)
        return -1;
    ch.train_accuracy = wb_accuracy(ch.y, predicted);

    /* fold: prints the fit, its boundary in $u$ and its accuracy */
    printf("w = %.4f, b = %.4f\n%s: %s\n", w, b,
           ch.model->converged ? "converged" : "not converged",
           ch.model->message);
    if (isfinite(-b / w))
        printf("the boundary: u = -b/w = %.4f\n", -b / w);
    else    /* a fit that could not move from w = 0 */
        printf("no boundary: w = %g, and P = %.4f for every u\n", w,
               wb_sigmoid(b));
    printf("accuracy on the training sample: %.3f\n", ch.train_accuracy);

    /* fold: draws $\sigma(wu + b)$ over the examples */
    double lo = fmin(-1, wb_min(ch.u)), hi = fmax(1, wb_max(ch.u));
    wb_array *u = wb_keep(run, wb_linspace(lo, hi, 100));
    wb_array *p = wb_keep(run, wb_logreg_predict_proba(ch.model, u));
    if (!u || !p)
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "u_fit",
        "The logistic regression on $u$: the probability of category 1, "
        "over the examples.");
    wb_figure_xlabel(fig, U_LABEL);
    wb_figure_ylabel(fig, "$P$(category 1 | $u$)");
    wb_figure_yrange(fig, -0.25, 1.25);
    /* The legend in the top corner that the curve leaves empty. */
    wb_figure_legend(fig, w >= 0 ? WB_LEGEND_TOP_LEFT : WB_LEGEND_TOP_RIGHT);
    plot_u(fig, ch.u, ch.y);
    wb_plot_line(fig, u, p, &(wb_style){.label = "$\\sigma(wu + b)$",
                                         .color = WB_VERMILION});
    return wb_figure_render(fig);
}

/*md
## Back in the plane

The model only ever sees $u$, but $u$ is a function of the point, so the
model gives a probability to every point of the plane: the probability
that the point $(x_1, x_2)$ is in category 1 is equation @eq:model_u with
$u$ from equation @eq:u, $\sigma(w x_1 x_2 + b)$.
To draw it, the step computes $u$ at each point of the $100 \times 100$
grid, flattens the $100 \times 100$ values into one array of 10000, has the
model turn them into probabilities, and gives the result back the shape of
the grid: the flatten and reshape of chapter 3, with one column instead of
two.

In the plane, the boundary $w x_1 x_2 + b = 0$ is no longer a line. With
$b$ close to 0 it is close to the two axes, $x_1 x_2 = 0$: the model that
could not draw one line now draws the two that the problem needs. The map,
@fig:u_map, is red in the quadrants of category 1 and blue in the others,
and pales only near the axes, where $u$ is close to 0 whatever the point's
distance from the centre.
*/
static int plane(wb_run *run)
{
    wb_array *gridu = wb_keep(run, wb_full_like(ch.gridx1, 0));
    if (!gridu)
        return -1;
    for (size_t i = 0; i < gridu->size; i++)
        gridu->data[i] = product(ch.gridx1->data[i], ch.gridx2->data[i]);
    wb_array *us = wb_keep(run, wb_flatten(gridu));           /* (10000,) */
    ch.u_map = wb_keep(run, wb_logreg_predict_proba(ch.model, us));
    if (!us || !ch.u_map)
        return -1;

    /* fold: prints the shapes on the way */
    char shape[32];
    printf("gridu: shape %s\n", wb_shape_str(shape, sizeof shape, gridu));
    printf("us, flattened: shape %s\n",
           wb_shape_str(shape, sizeof shape, us));
    printf("its probabilities: shape %s\n",
           wb_shape_str(shape, sizeof shape, ch.u_map));

    if (wb_reshape(ch.u_map, 100, 100) != 0)
        return -1;
    printf("reshaped for the map: shape %s\n",
           wb_shape_str(shape, sizeof shape, ch.u_map));

    /* fold: draws the map in the plane, with the sample */
    wb_figure *fig = wb_figure_new(&run->out, "u_map",
        "The logistic regression on $u$, seen in the plane: the "
        "probability of category 1 at each point $(x_1, x_2)$.");
    plot_map(fig, ch.u_map, ch.X, ch.y);
    return wb_figure_render(fig);
}

/*md
## On fresh examples

A model is judged on examples it has not seen. The step draws a test
sample of 500 new points, from the same generator, after the training
sample, and asks both models for their categories: the line, given
$(x_1, x_2)$, and the model on $u$, given $x_1 x_2$. The confusion counts
say where the mistakes are: category 0 taken for 1, or 1 taken for 0.

The two maps side by side, @fig:maps, with the test points on top, tell the
story at a glance: the same logistic regression, pale and useless on the
left, sharp and right on the right, and the only difference is the variable
it was given. Its few mistakes lie along the axes, where $u$ is so close to
0 that a boundary a hair away from $u = 0$ puts a point on the wrong side.
*/
static int test(wb_run *run)
{
    wb_array *Xt, *yt;
    if (get_sample(run, &Xt, &yt, ch.file_Xt, ch.file_yt) != 0)
        return -1;
    wb_array *ut = wb_keep(run, change_variables(Xt, product));
    wb_array *by_line = wb_keep(run, wb_logreg_predict(ch.line, Xt));
    wb_array *by_u = wb_keep(run, wb_logreg_predict(ch.model, ut));
    if (!ut || !by_line || !by_u)
        return -1;
    ch.linear_test_accuracy = wb_accuracy(yt, by_line);
    ch.test_accuracy = wb_accuracy(yt, by_u);
    wb_confusion c = wb_confusion_counts(yt, by_u);

    /* fold: prints both accuracies, and the mistakes of the model on $u$ */
    printf("the test sample: %zu points%s\n", yt->size,
           held_out ? ", held out of the training file (a fifth of each "
                      "category)" : "");
    printf("accuracy of the line: %.3f\n", ch.linear_test_accuracy);
    printf("accuracy of the model on u: %.3f\n", ch.test_accuracy);
    printf("its mistakes: %zu of category 0 taken for 1, %zu of category 1 "
           "taken for 0\n", c.fp, c.fn);

    /* fold: draws the two maps side by side, the test sample on each */
    wb_figure *fig = wb_figure_new(&run->out, "maps",
        "The same model given $(x_1, x_2)$ (left) and $u = x_1 x_2$ "
        "(right), with the test sample on top: blue dots for category 0, "
        "orange for category 1.");
    wb_figure_size(fig, 1280, 560);
    wb_figure_layout(fig, 1, 2);
    wb_figure_title(fig, "given $x_1$ and $x_2$: a line");
    plot_map(fig, ch.line_map, Xt, yt);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_figure_panel(fig, 1);
    wb_figure_title(fig, "given " U_LABEL);
    plot_map(fig, ch.u_map, Xt, yt);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    return wb_figure_render(fig);
}

/*md
## Other samples

A sample of 500 points is small, and each number above belongs to one
sample: the line's faint tilt, its accuracy, the weight of $u$. This step
draws 100 pairs of samples, a training sample and a test sample from each
of the seeds 1 to 100 (seed 1 draws this page's), fits both models on
each, and prints how their numbers spread: mean, standard deviation (sd),
smallest and largest.

The line's probabilities over the square reach furthest from $1/2$ at its
corners, where $|z|$ is largest: at most $|w_1| + |w_2| + |b|$, so that the
step needs no grid to find how pale its map is. Its accuracy wanders around
one half, and much more than a coin's would. A rule that guesses right
half the time scores on 500 points with a standard deviation of
$\sqrt{0.5 \cdot 0.5 / 500} = 0.022$, which the step computes; the line's
accuracy spreads several times as wide, from about one third to about two
thirds, for its faint tilt still cuts the square somewhere, and where it
cuts decides whether it wins a corner of the checkerboard or loses one.
The corner rule of the second step does better on every sample, around two
in three. The model on $u$ is right on nearly every point of every sample,
training or test, and its weight, held back by the penalty alone, hardly
moves.
*/
static int seeds(wb_run *run)
{
    /* fold: room for each number over the samples */
    wb_array *pale = wb_keep(run, wb_vector(SAMPLES));
    wb_array *line_train = wb_keep(run, wb_vector(SAMPLES));
    wb_array *line_test = wb_keep(run, wb_vector(SAMPLES));
    wb_array *corner = wb_keep(run, wb_vector(SAMPLES));
    wb_array *u_w = wb_keep(run, wb_vector(SAMPLES));
    wb_array *u_train = wb_keep(run, wb_vector(SAMPLES));
    wb_array *u_test = wb_keep(run, wb_vector(SAMPLES));
    if (!pale || !line_train || !line_test || !corner || !u_w || !u_train ||
        !u_test)
        return -1;

    for (size_t s = 0; s < SAMPLES; s++) {
        wb_rng rng;
        wb_array *X, *y, *Xt, *yt;
        wb_rng_seed(&rng, s + 1);     /* the samples of --seed s + 1 */
        if (wb_sample_quadrants(&X, &y, &rng, (size_t)n) != 0 ||
            !wb_keep(run, X) || !wb_keep(run, y) ||
            wb_sample_quadrants(&Xt, &yt, &rng, (size_t)n) != 0 ||
            !wb_keep(run, Xt) || !wb_keep(run, yt))
            return -1;
        wb_array *u = wb_keep(run, change_variables(X, product));
        wb_array *ut = wb_keep(run, change_variables(Xt, product));
        wb_logreg *line = wb_keep(run, wb_logreg_create(2, NULL));
        wb_logreg *model = wb_keep(run, wb_logreg_create(1, NULL));
        if (!u || !ut || !line || !model || wb_logreg_fit(line, X, y) ||
            wb_logreg_fit(model, u, y))
            return -1;

        /* fold: keeps each number: accuracies, the line's $|z|$, $w$ */
        double reach = fabs(line->coef[0]) + fabs(line->coef[1]) +
                       fabs(line->intercept);
        pale->data[s] = wb_sigmoid(reach) - 0.5;
        line_train->data[s] = logreg_accuracy(line, X, y);
        line_test->data[s] = logreg_accuracy(line, Xt, yt);
        corner->data[s] = corner_accuracy(X, y);
        u_w->data[s] = model->coef[0];
        u_train->data[s] = logreg_accuracy(model, u, y);
        u_test->data[s] = logreg_accuracy(model, ut, yt);
    }

    /* fold: prints how each number spreads over the samples */
    char spread[96];
    printf("over %d pairs of samples of %ld points (seeds 1 to %d):\n",
           SAMPLES, n, SAMPLES);
    printf("the line, |P - 1/2| at most: %s\n",
           wb_spread_str(spread, sizeof spread, pale, 3));
    printf("  accuracy, training:  %s\n",
           wb_spread_str(spread, sizeof spread, line_train, 3));
    printf("  accuracy, test:      %s\n",
           wb_spread_str(spread, sizeof spread, line_test, 3));
    printf("  a coin's sd on %ld points: sqrt(0.5 0.5 / %ld) = %.3f\n", n, n,
           sqrt(0.25 / (double)n));
    printf("the corner rule:       %s\n",
           wb_spread_str(spread, sizeof spread, corner, 3));
    printf("the model on u, w:     %s\n",
           wb_spread_str(spread, sizeof spread, u_w, 2));
    printf("  accuracy, training:  %s\n",
           wb_spread_str(spread, sizeof spread, u_train, 3));
    printf("  accuracy, test:      %s\n",
           wb_spread_str(spread, sizeof spread, u_test, 3));
    return 0;
}

/*md
## Finding the variable by hand

The rescue worked because we knew the answer. We made the sample, so we
knew that the category is the sign of $x_1 x_2$, and handed the model that
very product. Given the right variable, a model that can only draw one
boundary, $u = -b/w$, solves a problem that no line in the plane could.

In general nobody tells us. Here the picture gave the answer away, and two
inputs are easy to look at. With ten inputs there is no picture to look at;
the boundary may be curved in ways no simple formula describes; and the
right variable may be a combination of many inputs at once. Guessing it is
slow, uncertain work, and it has to be done again for every new problem.
The exercises below give a taste of it, on problems that still fit in a
picture.

The next chapter lets the network find such variables by itself. Between
the inputs and the output neuron it puts a *hidden layer* of neurons, each
computing its own function of $(x_1, x_2)$; the output neuron then does
what it did here, a logistic regression, on what the hidden layer computed.
Training chooses those functions along with the output's weights.
*/

/*md
## The program

The table of steps, and the chapter's options. `--data FILE` fits the
models to a sample of your own, a CSV file with the header `x1,x2,y` and
one line per point (the format of `lib/wb_data.h`), and `--test-data FILE`
tests them on another; each replaces the sample the chapter would draw.
With `--data` alone, a fifth of each category of the file, chosen by the
seed, is held out of the fit and is the test sample. A
file that breaks the format stops the program with one line that names the
file, the line and the problem. `--n N` changes the size of
the samples drawn.

`--json` runs every step silently and prints one line that sums the fit
up:

- `"model": "logreg_u"`, the logistic regression on the variable $u$;
- `"w"` and `"b"`, its weight and bias: $P(\text{category 1}) =
  \sigma(w u + b)$;
- `"n_iter"`, the iterations its fit took;
- `"linear_train_accuracy"` and `"linear_test_accuracy"`, the accuracies of
  the logistic regression on $(x_1, x_2)$ on the training and test samples;
- `"train_accuracy"` and `"test_accuracy"`, those of the model on $u$.
*/
/* fold: `json`, which prints the fit as one JSON object */
static int json(wb_run *run, FILE *out)
{
    (void)run;
    fprintf(out, "{\"model\":\"logreg_u\",\"w\":%s,\"b\":%s,"
            "\"n_iter\":%zu,\"linear_train_accuracy\":%s,"
            "\"linear_test_accuracy\":%s,\"train_accuracy\":%s,"
            "\"test_accuracy\":%s}\n", wb_shortest(ch.model->coef[0]).text,
            wb_shortest(ch.model->intercept).text, ch.model->n_iter,
            wb_shortest(ch.linear_train_accuracy).text,
            wb_shortest(ch.linear_test_accuracy).text,
            wb_shortest(ch.train_accuracy).text,
            wb_shortest(ch.test_accuracy).text);
    return 0;
}

/* fold: `check_files`, which reads `--data` and `--test-data` first */
/* --data and --test-data, read before any step: a file that cannot be
 * read is a bad command line, refused at once. The training sample must
 * hold both categories. With --data alone, a fifth of each category of the
 * file, chosen by the seed, is held out to test on: never the chapter's
 * own test sample, drawn from another problem than the file's. */
static int check_files(wb_run *run, const char **option)
{
    *option = "data";
    if (data_path &&
        (wb_read_sample(&ch.file_X, &ch.file_y, data_path, 2, true) != 0 ||
         !wb_keep(run, ch.file_X) || !wb_keep(run, ch.file_y)))
        return -1;
    *option = "test-data";
    if (test_data_path &&
        (wb_read_sample(&ch.file_Xt, &ch.file_yt, test_data_path, 2,
                        false) != 0 ||
         !wb_keep(run, ch.file_Xt) || !wb_keep(run, ch.file_yt)))
        return -1;
    *option = "data";
    held_out = data_path && !test_data_path;
    if (held_out && wb_hold_out_test(run, &ch.file_X, &ch.file_y, &ch.file_Xt,
                                     &ch.file_yt, data_path) != 0)
        return -1;
    return 0;
}

/* fold: `main`: the table of steps, and the chapter's options */
int main(int argc, char **argv)
{
    static const wb_step steps[] = {
        WB_STEP(sample), WB_STEP(line), WB_STEP(variable), WB_STEP(fit),
        WB_STEP(plane), WB_STEP(test), WB_STEP(seeds), {0}};
    static const wb_option options[] = {
        {"n", WB_OPT_INT, &n, "N", "points in each sample drawn", 20, 1e5},
        {"data", WB_OPT_STRING, &data_path, "FILE",
         "the training sample, from a CSV file x1,x2,y", 0, 0},
        {"test-data", WB_OPT_STRING, &test_data_path, "FILE",
         "the test sample, from a CSV file x1,x2,y (default: drawn; with "
         "--data, a fifth of it, held out)", 0, 0},
        {0}};
    static const wb_chapter chapter = {
        .slug = "04_variable_change",
        .source = __FILE__,
        .summary =
            "Changing variables: a problem no line solves, and u = x1 x2.\n"
            "\n"
            "--json prints {\"model\": \"logreg_u\", \"w\", \"b\", "
            "\"n_iter\", \"linear_train_accuracy\",\n"
            "\"linear_test_accuracy\", \"train_accuracy\", "
            "\"test_accuracy\"}: w and b of the\n"
            "logistic regression on u, P(category 1) = sigma(w u + b), "
            "its iterations, and\n"
            "the accuracies of the line on (x1, x2) and of the model on u.",
        .steps = steps,
        .options = options,
        .check = check_files,
        .json = json,
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- A sample that no line can split: 500 points spread over the square
  $[-1, 1]^2$, in category 1 where $x_1$ and $x_2$ have the same sign.
- A logistic regression fitted to it all the same does no better than a
  coin: its probabilities stay close to $1/2$ over the whole square, and
  its accuracy, on its training sample or a fresh one, lands anywhere
  from about one third to two thirds, around one half on average
  (*Other samples*, over a hundred samples).
- The new variable $u = x_1 x_2$, equation @eq:u, puts the two categories
  on either side of $u = 0$. A logistic regression on $u$ alone is right
  on nearly every point, on the training sample and on a fresh one alike,
  whatever the sample.
- Drawn back in the plane, the model on $u$ has a boundary made of the two
  axes: a line in $u$ is a curve in $(x_1, x_2)$.

But we found $u$ by looking at the problem, which a model cannot do, and
which we cannot do when the boundary has no simple formula. The next
chapter puts a hidden layer between the inputs and the output, and lets
training find a variable of its own.
*/

/*md
## Exercises

Predict first, then run. Each answer is under its question, closed.

1. **Variables that say the same.** Which of these would change the
   accuracy of the model on $u$: $u = x_1 x_2 + 0.2$, $u = -x_1 x_2$,
   $u = 3 x_1 x_2$, $u = (x_1 x_2)^3$? Predict, then try each in
   `product` (at the top of the chapter). Look at `u_fit.png` for the last
   one: what happens to the examples near $u = 0$?

   ::: {.answer question="1"}
   The first three are lines of $x_1 x_2$, and a logistic regression fits
   its own $w$ and $b$, so that $\sigma(wu + b)$ can be the same function
   of the point: $b$ takes up the 0.2, a negative $w$ the minus sign, a
   smaller $w$ the factor 3. Only the penalty on $w$ sees a difference: it
   holds back $w$, not $3w$, so the factor 3 even sharpens the model a
   little. The cube keeps the sign of $x_1 x_2$, so a threshold at 0 would
   still sort every point; but it squeezes the small products towards 0,
   a few thousandths for points near the axes, and the fitted curve, whose
   weight the penalty holds back, cannot rise steeply enough to sort them:
   the accuracy drops sharply, as `u_fit.png` shows.
   :::

2. **Another sample.** Run the chapter with `--seed 2`, then `--seed 3`.
   Before you look: will the line's accuracy be the same? Its weights? Why
   does the model on $u$ barely change?

   ::: {.answer question="2"}
   Neither: the line's weights are the noise of its sample, and its
   accuracy lands anywhere from about one third to two thirds (step
   *Other samples*). The model on $u$ barely changes, since on every
   sample the categories part at $u = 0$; only how far the nearest points
   lie from 0, and so the exact weight, changes a little.
   :::

3. **The weight of $u$.** The model on $u$ has a weight below 10, on this
   sample and on the others (*Other samples*), though a threshold at
   $u = 0$ is never wrong on the training sample. What keeps it small?
   (The fit's penalty, $w^2/2C$ with $C = 1$, scikit-learn's default.)
   Predict how the map of `--n 5000` differs, then run it.

   ::: {.answer question="3"}
   The penalty $w^2/2$: a larger $w$ would make the probabilities more
   confident and lower the sum of the losses, but each unit of $w$ costs
   more penalty than it saves. With `--n 5000`, the sum of the losses is
   ten times larger and the penalty weighs ten times less against it: $w$
   grows, the probability rises more steeply across the axes, and the
   map's pale cross around them grows thinner.
   :::

The exercises below are checked by the workbook. Each is a small file in
`exercises/` where you write the variable $u$ for a problem of its own;
`make exercise EX=NAME` fits the logistic regression to your $u$ and
judges it on a fresh test sample. `make exercises` lists every exercise
of the book, and which you have done.

@exercises
*/
