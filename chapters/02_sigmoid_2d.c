/*md
# The sigmoid in two dimensions

In chapter 1 every example was one number, and the neuron's boundary was a
point on a line. Here each example is a point of the plane, two numbers
$(x_1, x_2)$, and the neuron takes both as inputs: it weighs each, adds
them up with its bias, and passes the sum through the same sigmoid. The
idea of this chapter fits in one picture: the neuron's probability over the
whole plane is a slope that climbs from 0 to 1 across a *straight line*,
its boundary, wherever its weights put it.

The chapter builds that picture before any fitting. First a sample, two
round clouds of points, one per category (@fig:sample). Then the sigmoid
of two variables, and a way to see it over the whole plane: compute it on
a grid of points and colour each one. Building that grid, a *meshgrid*, is
a numpy habit the tutorial leans on, and in C we can look at exactly how
it sits in memory. The colours show the boundary, a straight line, and we
find its equation. Fitting the neuron to the sample is chapter 3's work.

The program is `chapters/02_sigmoid_2d.c`; `--step` runs it one step at a
time, and `--w1`, `--w2` and `--b` change the neuron. It opens with the
neuron's parameters, each an option of the command line (`--slope` and
`--intercept` are for the questions at the end), the size of the grid,
and the arrays the steps share.
*/

/* fold: the headers, the parameters, the grid's size, what the steps share */
#include <math.h>
#include <stdio.h>

#include "wb.h"

/* The chapter's parameters, set with --w1, --w2, --b, --slope and
 * --intercept. */
static double w1 = 1;               /* the weight of x1 */
static double w2 = 2;               /* the weight of x2 */
static double b = 0;                /* the bias */
static double slope = NAN;          /* your guess for the boundary's slope */
static double intercept = NAN;      /* ...and for its x2 at x1 = 0 */

/* The grid: NPOINTS values from XMIN to XMAX along each axis. */
#define XMIN (-6.0)
#define XMAX 6.0
#define NPOINTS 51

/* What the steps share. */
static struct {
    wb_array *X, *y;            /* the sample: (1000, 2) and (1000,) */
    wb_array *gridx1, *gridx2;  /* the meshgrid: (51, 51) each */
    wb_array *sigma;            /* the sigmoid at each grid point, (51, 51) */
} ch;

/*md
## Two clouds of points

Each category gets 500 points. Those of category 0 come from a
two-dimensional normal distribution centred on $(0, 0)$, those of
category 1 from one centred on $(2, 2)$. Both have width 1 along each axis
and no link between the axes (their covariance matrix is the identity), so
each cloud is round. The labels follow the categories: 0 and 1.

The library's `wb_sample_gaussians_2d` draws them. Here is all of it:

@code:lib/wb_sample.c:gaussians_2d

Look at its last lines. A model learns from one sample that holds both
categories, so the function *concatenates* the two clouds: the 500 rows of
category 1 come after the 500 of category 0, in one array `X` of 1000 rows
and 2 columns, one point a row, and the labels go the same way into `y`:
500 zeros, then 500 ones. The step prints the two shapes as numpy would,
`(1000, 2)` and `(1000,)`; the lone comma in `(1000,)` is Python's way of
writing a tuple of one element: `y` has one dimension. It prints `X` too,
in numpy's style, an array this long showing only its first and last three
rows, with `...` between: points of category 0 near $(0, 0)$, then points
of category 1 near $(2, 2)$.

Then the mean of each category's points, reading the coordinates of point
$i$ as `WB_AT(X, i, 0)` and `WB_AT(X, i, 1)`: row $i$ of the array,
columns 0 and 1. @fig:sample draws the points half transparent, so that
their colour grows stronger where many pile up, each category in its
colour: the library's `wb_plot_categories` splits the points by their
labels, the same way, into one scatter each,

@code:lib/wb_figure.c:categories

The two centres are $2\sqrt{2} \approx 2.8$ apart, less than three
widths, and the clouds overlap: no line will separate them perfectly.
*/
static int sample(wb_run *run)
{
    wb_array *X, *y;
    if (wb_sample_gaussians_2d(&X, &y, &run->rng, 500) != 0)
        return -1;
    ch.X = wb_keep(run, X);
    ch.y = wb_keep(run, y);
    if (!ch.X || !ch.y)
        return -1;
    char sx[32], sy[32];
    printf("X.shape, y.shape: %s %s\n", wb_shape_str(sx, sizeof sx, ch.X),
           wb_shape_str(sy, sizeof sy, ch.y));
    printf("X:\n");
    wb_print(ch.X);

    for (int c = 0; c <= 1; c++) {
        double sum1 = 0, sum2 = 0;
        size_t count = 0;
        for (size_t i = 0; i < ch.y->size; i++)
            if (ch.y->data[i] == c) {
                sum1 += WB_AT(ch.X, i, 0);
                sum2 += WB_AT(ch.X, i, 1);
                count++;
            }
        printf("category %d: %zu points, mean (%.3f, %.3f)\n", c, count,
               sum1 / (double)count, sum2 / (double)count);
    }

    /* fold: draws the sample, each category in its colour */
    wb_figure *fig = wb_figure_new(&run->out, "sample",
        "The sample: 500 points of each category, drawn half transparent.");
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_square(fig);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);   /* beside the clouds */
    wb_plot_categories(fig, ch.X, ch.y, &(wb_style){.alpha = 0.5});
    return wb_figure_render(fig);
}

/*md
## The sigmoid of two variables

The neuron of chapter 1 had one input, one weight and a bias. Give it a
second input with a weight of its own, and its weighted sum becomes

$$z = w_1 x_1 + w_2 x_2 + b.$$ {#eq:sum}

The sigmoid does not change, $\sigma(z) = 1/(1 + e^{-z})$: it still turns
$z$ into a number between 0 and 1, read as the probability of category 1.
The neuron is again a single function, now of two variables, with three
parameters. We take the tutorial's values, $w_1 = 1$, $w_2 = 2$ and
$b = 0$ (`--w1`, `--w2` and `--b` change them).

A few values tell a lot before any picture. A step of 1 to the right adds
$w_1 = 1$ to $z$; a step of 1 upwards adds $w_2 = 2$: the sigmoid climbs
twice as fast going up as going right. And several points give
$z = 0$, hence $\sigma = 1/2$ exactly: the origin, but also $(2, -1)$ and
$(-4, 2)$. They lie on one straight line. Keep it in mind.

@fig:neuron draws the neuron as a network: two inputs, one output, and an
edge from each input whose width grows with its weight.
*/
/* The neuron: sigma(w1 x1 + w2 x2 + b). */
static double sigmoid_2d(double x1, double x2)
{
    return wb_sigmoid(w1 * x1 + w2 * x2 + b);
}

static int neuron(wb_run *run)
{
    const double points[][2] = {{0, 0}, {1, 0}, {0, 1}, {2, -1},
                                {-4, 2}, {-2, -2}, {2, 2}};
    printf("w1 = %g, w2 = %g, b = %g\n", w1, w2, b);
    for (size_t i = 0; i < sizeof points / sizeof *points; i++) {
        double x1 = points[i][0], x2 = points[i][1];
        printf("  (x1, x2) = (%2g, %2g): z = %3g, sigma(z) = %.4f\n", x1,
               x2, w1 * x1 + w2 * x2 + b, sigmoid_2d(x1, x2));
    }

    /* fold: draws the neuron, its edges as wide as its weights */
    wb_array *W = wb_keep(run, wb_matrix(2, 1));    /* (inputs, outputs) */
    if (!W)
        return -1;
    W->data[0] = w1;
    W->data[1] = w2;
    return wb_diagram_network(&run->out, "neuron",
        "The neuron with two inputs: each edge's width shows its weight.",
        (const size_t[]){2, 1}, 2, (const wb_array *const[]){W});
}

/*md
## A grid over the plane

To see the sigmoid everywhere at once, we compute it at many points of the
plane and give each point a colour. The points form a grid: 51 values of
$x_1$ from $-6$ to $6$, a step of $0.24$ apart, and the same 51 values of
$x_2$. `wb_linspace` makes the values, and `wb_meshgrid` turns the two
lists into the grid: two arrays of shape $(51, 51)$, one value for each
grid point. `gridx1` holds the $x_1$ of each point, `gridx2` its $x_2$.

Row $i$ of the grid is the horizontal line at height $x_2 = -6 + 0.24\,i$;
column $j$ the vertical line at $x_1 = -6 + 0.24\,j$. So along a row
`gridx1` runs through all 51 values while `gridx2` stays put, and along a
column it is the other way around. The printout shows it (numpy's style
again, with `...` for the middle of long rows and columns, and `6.  ` with
a point and padding: the numbers are doubles). Each row of `gridx1` is the
same list, each row of `gridx2` a single repeated value.

It looks wasteful to store 51 copies of the same 51 numbers, 2,601 numbers
in each array, and it is a little. What it buys: any function of $x_1$ and
$x_2$ can now be computed point by point, pairing `gridx1` and `gridx2`
element for element, and its results land in an array of the same shape,
ready to be drawn.
*/
static int meshgrid(wb_run *run)
{
    wb_array *x = wb_keep(run, wb_linspace(XMIN, XMAX, NPOINTS));
    if (!x || wb_meshgrid(&ch.gridx1, &ch.gridx2, x, x) != 0)
        return -1;
    if (!wb_keep(run, ch.gridx1) || !wb_keep(run, ch.gridx2))
        return -1;
    char s1[32], s2[32];
    printf("gridx1.shape, gridx2.shape: %s %s\n",
           wb_shape_str(s1, sizeof s1, ch.gridx1),
           wb_shape_str(s2, sizeof s2, ch.gridx2));
    printf("gridx1:\n");
    wb_print(ch.gridx1);
    printf("gridx2:\n");
    wb_print(ch.gridx2);
    return 0;
}

/*md
## The grid in memory

An array of the library is a block of doubles and a shape. A $(51, 51)$
array holds its rows one after the other, *row-major*: element $(i, j)$ is
`data[i * 51 + j]`. Walking through `gridx1->data` and `gridx2->data` side
by side from the start, the pairs $(x_1, x_2)$ come out as

$$(-6, -6),\ (-5.76, -6),\ (-5.52, -6),\ \dots,\ (6, -6),\
  (-6, -5.76),\ \dots$$

The walk starts at the bottom left corner of the plot, the point with the
smallest $x_1$ and the smallest $x_2$, runs along the bottom row to the
right, then goes up one step of $x_2$ and runs along the next row. Row 0 is
at the *bottom*, where $x_2$ is smallest, which is the opposite of an image
on a screen, whose first row is at the top. The step prints a few of these
pairs with their index.

@fig:memory shows the same walk on a grid of 5 by 5 points over the same
square, small enough to number every point: each point carries its index
`k = i * 5 + j` in memory, and the line joins the points in that order. All
the 2601 points of the big grid are walked the same way.
*/
static int memory(wb_run *run)
{
    const size_t n = NPOINTS;
    const size_t ks[] = {0, 1, 2, n - 1, n, n + 1, n + 2, n * n - 1};
    printf("  k   i   j   (gridx1->data[k], gridx2->data[k])\n");
    for (size_t t = 0; t < sizeof ks / sizeof *ks; t++) {
        size_t k = ks[t], i = k / n, j = k % n;
        printf("%4zu %3zu %3zu   (%g, %g)\n", k, i, j, ch.gridx1->data[k],
               ch.gridx2->data[k]);
    }

    /* fold: draws a 5 by 5 meshgrid, its points joined in memory order */
    wb_array *x = wb_keep(run, wb_linspace(XMIN, XMAX, 5)), *xx, *yy;
    if (!x || wb_meshgrid(&xx, &yy, x, x) != 0)
        return -1;
    if (!wb_keep(run, xx) || !wb_keep(run, yy))
        return -1;
    wb_figure *fig = wb_figure_new(&run->out, "memory",
        "A 5 by 5 meshgrid walked in memory order: point $k$ is "
        "`data[k]` of both arrays.");
    wb_figure_xlabel(fig, "$x_1$ = gridx1->data[k]");
    wb_figure_ylabel(fig, "$x_2$ = gridx2->data[k]");
    wb_figure_square(fig);
    wb_figure_xrange(fig, -7.5, 7.5);
    wb_figure_yrange(fig, -7.5, 7.5);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_line(fig, xx, yy, &(wb_style){.color = WB_SKY, .width = 1.5});
    wb_plot_scatter(fig, xx, yy, &(wb_style){.color = WB_BLUE});
    for (size_t k = 0; k < xx->size; k++) {
        char label[24];
        snprintf(label, sizeof label, "%zu", k);
        wb_plot_text(fig, xx->data[k] + 0.6, yy->data[k] + 0.6, label);
    }
    return wb_figure_render(fig);
}

/*md
## The sigmoid as a map

Now the sigmoid at every grid point: `sigma->data[k]` is
`sigmoid_2d(gridx1->data[k], gridx2->data[k])`. In numpy one writes
`sigmoid_2d(gridx1, gridx2)` and the function runs over whole arrays; here
it is one loop over the 2601 doubles in memory order. The loop does not
care about the shape: the result takes the shape of the grid, $(51, 51)$,
and that shape is what lets the plot put each value back at its point.

The heat map, @fig:sigmoid_map, draws each value as a coloured cell,
from dark blue (near 0) to yellow (near 1); the colour bar on the right
reads the colours back as numbers. The sigmoid's rise, seen from above,
is a band of colour between two flat regions: almost 0 towards the bottom
left, almost 1 towards the top right. The band runs diagonally, and it is
steeper than the diagonal: moving up changes the colour faster than moving
right, because $w_2 = 2 w_1$.
*/
static int heatmap(wb_run *run)
{
    ch.sigma = wb_keep(run, wb_full_like(ch.gridx1, 0));
    if (!ch.sigma)
        return -1;
    for (size_t k = 0; k < ch.sigma->size; k++)
        ch.sigma->data[k] = sigmoid_2d(ch.gridx1->data[k],
                                       ch.gridx2->data[k]);
    char s[32];
    printf("sigma.shape: %s\n", wb_shape_str(s, sizeof s, ch.sigma));
    printf("bottom left: sigma(-6, -6) = %.3g\n", ch.sigma->data[0]);
    printf("top right:   sigma(6, 6) = 1 - %.3g\n",
           1 - ch.sigma->data[ch.sigma->size - 1]);

    /* fold: draws the map, with its colour bar */
    char caption[128];
    snprintf(caption, sizeof caption, "The sigmoid $\\sigma(w_1 x_1 + w_2 "
             "x_2 + b)$ on the grid, with $w_1 = %g$, $w_2 = %g$, $b = %g$.",
             w1, w2, b);
    wb_figure *fig = wb_figure_new(&run->out, "sigmoid_map", caption);
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_cblabel(fig, "$\\sigma(z)$");
    wb_figure_square(fig);
    wb_plot_heatmap(fig, ch.gridx1, ch.gridx2, ch.sigma, NULL);
    return wb_figure_render(fig);
}

/*md
## The separation line

Where is the neuron undecided, at $\sigma = 1/2$? Where $z = 0$, that is
where

$$w_1 x_1 + w_2 x_2 + b = 0.$$ {#eq:line}

This is one linear equation in two unknowns, and its solutions form a
straight line. When $w_2 \neq 0$, solving it for $x_2$ gives

$$x_2 = -\frac{w_1}{w_2}\, x_1 - \frac{b}{w_2},$$ {#eq:line_x2}

a line of slope $-w_1/w_2$ that crosses the vertical axis at
$x_2 = -b/w_2$. With our parameters, $x_2 = -x_1/2$: through the origin,
down one unit for every two to the right; $(2, -1)$ and $(-4, 2)$ are on
it. On one side $z > 0$ and the neuron says category 1; on the other side
$z < 0$, category 0. This line is the neuron's *decision boundary*, as the
point $x = -b/w$ was in chapter 1. When $w_2 = 0$ it is the vertical line
$x_1 = -b/w_1$; when both weights are 0 there is none, since $\sigma(b)$
is the same everywhere.

`line_point` finds points of the line: it solves equation @eq:line for
$x_2$ given $x_1$, as equation @eq:line_x2 does, or, for a line steeper
than the diagonal, for $x_1$ given $x_2$, so that the points it finds stay
near the map whichever way the line runs. The step prints the line and
checks three of its points: $\sigma$ is exactly $1/2$ on the line, and half
a unit off it, on either side, below $1/2$ on one side and above on the
other.

@fig:boundary draws the line on the map, in another palette: white at
$1/2$, blue below, red above, so that the boundary shows as a white band,
and the line must run along the middle of it. Give `--slope` and
`--intercept`, and the step also says whether your line is the neuron's.
*/
/* fold: `verdict`, which says whether a guess is right */
/* Whether a guess is the true value, within 0.001 (relative, above 1). */
static const char *verdict(double guess, double truth)
{
    return fabs(guess - truth) <= 1e-3 * fmax(1, fabs(truth))
               ? "right!" : "not quite, try again";
}

/* fold: `has_slope`, whether the boundary has a slope and an intercept */
/* Whether the boundary is a line x2 = slope x1 + intercept whose slope
 * and intercept are numbers: not when w2 = 0, nor when w2 is so small
 * beside w1 or b that -w1/w2 or -b/w2 is beyond any double. */
static bool has_slope(void)
{
    return isfinite(-w1 / w2) && isfinite(b / w2);
}

/* fold: `check_guesses`, which checks your `--slope` and `--intercept` */
/* Says whether the reader's slope and intercept, if given, are the
 * boundary's. */
static void check_guesses(void)
{
    const char *none =
        w1 == 0 && w2 == 0 ? "not quite: with w1 = w2 = 0 there is no boundary"
        : w2 == 0 ? "not quite: with w2 = 0 the boundary is vertical, and has "
                    "none"
                  : "not quite: with w2 this small beside w1 and b, the "
                    "boundary has none";
    if (!isnan(slope))
        printf("your slope, %g: %s\n", slope,
               has_slope() ? verdict(slope, -w1 / w2) : none);
    if (!isnan(intercept))
        printf("your intercept, %g: %s\n", intercept,
               has_slope() ? verdict(intercept, 0 - b / w2) : none);
}

/* fold: `line_point`, which finds a point of the line to draw it through */
/* The point of the line w1 x1 + w2 x2 + b = 0 where x1 = t, if the line
 * is at most 45 degrees from the horizontal (|w2| >= |w1|), or else where
 * x2 = t. With t within the map, the point is not far from it. */
static void line_point(double *x1, double *x2, double t)
{
    bool flat = fabs(w2) >= fabs(w1);
    *x1 = flat ? t : 0 - (w2 * t + b) / w1;
    *x2 = flat ? 0 - (w1 * t + b) / w2 : t;
}

/* fold: `plot_boundary`, which draws the line across the map */
/* The boundary line, drawn across the map (gnuplot clips its ends). */
static void plot_boundary(wb_figure *fig, wb_run *run)
{
    wb_array *x1 = wb_keep(run, wb_linspace(XMIN, XMAX, 2 * NPOINTS));
    wb_array *x2 = wb_keep(run, wb_full_like(x1, 0));
    for (size_t k = 0; x1 && x2 && k < x1->size; k++)
        line_point(&x1->data[k], &x2->data[k], x1->data[k]);
    wb_plot_line(fig, x1, x2, &(wb_style){
        .label = "$w_1 x_1 + w_2 x_2 + b = 0$", .color = WB_BLACK,
        .dash = WB_DASHED});
}

static int boundary(wb_run *run)
{
    /* a line x2 = s x1 + c; or a vertical one, x1 = -b/w1; or, when the
     * weights are too small beside b for either, none within reach */
    bool vertical = !has_slope() && isfinite(b / w1);
    bool none = !has_slope() && !vertical, flat = fabs(w2) >= fabs(w1);
    wb_array *p1 = wb_keep(run, wb_vector(3));     /* the points checked */
    wb_array *p2 = wb_keep(run, wb_vector(3));
    if (!p1 || !p2)
        return -1;
    if (none)
        printf("%s: sigma = %g everywhere, no boundary\n",
               w1 == 0 && w2 == 0 ? "w1 = w2 = 0"
                                  : "z = b, to within any double's digits",
               wb_sigmoid(b));
    else if (vertical)
        printf("the boundary: the vertical line x1 = %g%s\n", 0 - b / w1,
               w2 == 0 ? "" : " (w2 is too small beside w1 for a slope)");
    else
        printf("the boundary: x2 = %g x1 + %g\n", -w1 / w2, 0 - b / w2);
    for (size_t k = 0; !none && k < 3; k++) {
        double x1, x2, d1 = flat ? 0 : 0.5, d2 = flat ? 0.5 : 0;
        line_point(&x1, &x2, -4 + 4.0 * (double)k);   /* t = -4, 0, 4 */
        if (k == 0)
            printf("on the line:       sigma    at %s - 0.5    at %s + "
                   "0.5\n", flat ? "x2" : "x1", flat ? "x2" : "x1");
        printf("  (%5.2f, %5.2f)   %.4f   %.4f          %.4f\n", x1, x2,
               sigmoid_2d(x1, x2), sigmoid_2d(x1 - d1, x2 - d2),
               sigmoid_2d(x1 + d1, x2 + d2));
        p1->data[k] = x1;
        p2->data[k] = x2;
    }
    check_guesses();

    /* fold: draws the map in a palette white at 1/2, the line, the points */
    wb_figure *fig = wb_figure_new(&run->out, "boundary",
        "The map in a palette white at $\\sigma = 1/2$, the line "
        "$w_1 x_1 + w_2 x_2 + b = 0$ and the points checked on it.");
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_cblabel(fig, "$\\sigma(z)$");
    wb_figure_square(fig);
    wb_figure_palette(fig, WB_PALETTE_DIVERGING);
    wb_figure_legend(fig, WB_LEGEND_OUTSIDE);   /* the line may go anywhere */
    wb_plot_heatmap(fig, ch.gridx1, ch.gridx2, ch.sigma, NULL);
    if (!none) {
        plot_boundary(fig, run);
        wb_plot_scatter(fig, p1, p2, &(wb_style){.label = "points checked",
                                                 .color = WB_BLACK});
    }
    return wb_figure_render(fig);
}

/*md
## The sigmoid in three dimensions

The same values can stand up as heights above the plane. The wireframe of
@fig:surface joins the grid's points at height $\sigma$: a low flat floor
near 0, a high flat plateau near 1, and between them a single step whose
edge follows the separation line.

The surface is the sigmoid of chapter 1, stretched sideways. Along any line
parallel to the boundary, $z$ does not change, and neither does $\sigma$.
Across the boundary, along the direction $(w_1, w_2)$, $z$ grows by

$$\|w\| = \sqrt{w_1^2 + w_2^2}$$ {#eq:norm}

for each unit of distance: the profile of the step is chapter 1's sigmoid
with a weight of $\|w\|$, rising from 0.1 to 0.9 over a distance
$2 \ln 9 / \|w\|$, as in chapter 1. The step prints both: the larger the
weights, the steeper the step, even when the line stays where it is.
*/
static int surface(wb_run *run)
{
    double norm = sqrt(w1 * w1 + w2 * w2);
    printf("across the boundary, sigma rises like sigma(w x) with "
           "w = |(w1, w2)| = %.4f\n", norm);
    if (norm > 0)
        printf("from 0.1 to 0.9 over a distance 2 ln 9 / |w| = %.3f\n",
               2 * log(9) / norm);

    /* fold: draws the sigmoid as a wireframe above the plane */
    wb_figure *fig = wb_figure_new(&run->out, "surface",
        "The sigmoid as a surface above the plane: a step along the "
        "boundary line.");
    wb_figure_xlabel(fig, "$x_1$");
    wb_figure_ylabel(fig, "$x_2$");
    wb_figure_zlabel(fig, "$\\sigma(z)$");
    wb_figure_zrange(fig, 0, 1);
    wb_figure_view(fig, 55, 30);
    wb_figure_legend(fig, WB_LEGEND_NONE);
    wb_plot_surface(fig, ch.gridx1, ch.gridx2, ch.sigma,
                    &(wb_style){.color = WB_BLUE, .width = 1});
    return wb_figure_render(fig);
}

/*md
## The program

The table of steps, and the chapter's own options. `--slope` and
`--intercept` take your prediction of the boundary line
$x_2 = \text{slope} \cdot x_1 + \text{intercept}$, which the `boundary`
step checks.
*/
/* fold: `main`: the table of steps, and the chapter's options */
int main(int argc, char **argv)
{
    static const wb_step steps[] = {
        WB_STEP(sample), WB_STEP(neuron), WB_STEP(meshgrid),
        WB_STEP(memory), WB_STEP(heatmap), WB_STEP(boundary),
        WB_STEP(surface), {0}};
    static const wb_option options[] = {
        {"w1", WB_OPT_DOUBLE, &w1, "W1", "the weight of x1", -100, 100},
        {"w2", WB_OPT_DOUBLE, &w2, "W2", "the weight of x2", -100, 100},
        {"b", WB_OPT_DOUBLE, &b, "B", "the bias", -100, 100},
        {"slope", WB_OPT_DOUBLE, &slope, "S",
         "your guess for the boundary's slope, checked by step boundary",
         -1e6, 1e6},
        {"intercept", WB_OPT_DOUBLE, &intercept, "I",
         "your guess for the boundary's x2 at x1 = 0, checked too",
         -1e6, 1e6},
        {0}};
    static const wb_chapter chapter = {
        .slug = "02_sigmoid_2d",
        .source = __FILE__,
        .summary = "The sigmoid in two dimensions: maps, meshgrids and the "
                   "separation line.",
        .steps = steps,
        .options = options,
    };
    return wb_main(&chapter, argc, argv);
}

/*md
## What we saw

- A sample of 1000 points in the plane, 500 of each category, around
  $(0, 0)$ and $(2, 2)$, held as an array `X` of shape $(1000, 2)$ and the
  labels `y`.
- The neuron with two inputs computes $\sigma(w_1 x_1 + w_2 x_2 + b)$,
  equation @eq:sum: the same sigmoid, of a weighted sum of both
  coordinates.
- A meshgrid of $51 \times 51$ points over $[-6, 6]^2$, two arrays whose
  elements, walked in memory order, run along the bottom row first: point
  $k$ is `data[k]` of both.
- On the grid, the sigmoid is a map; where it is $1/2$ lies the line of
  equation @eq:line, here $x_2 = -0.5 x_1$, and every point of it gives
  exactly 0.5.
- Seen as a surface, the sigmoid is a step across that line, as steep as
  chapter 1's sigmoid with the weight $\|w\|$ of equation @eq:norm,
  2.24 here.

The weights $w_1 = 1$, $w_2 = 2$, $b = 0$ were our choice, and their line
runs through category 0's cloud instead of between the two. The next
chapter lets the data choose: it fits the neuron to the sample.
*/

/*md
## Exercises

Predict first, then run; the program checks the lines you predict. Run
the commands from the top folder of the workbook; the figures go to
`figures/02_sigmoid_2d/`. Each answer is under its question, closed.

1. **Move the line.** With $w_1 = 1$, $w_2 = 2$ and $b = 4$, what are the
   slope and the intercept of the boundary? Check with
   `build/chapters/02_sigmoid_2d --only boundary --b 4 --slope S
   --intercept I`, then look at `boundary.png`. Which way did the line
   move, and why that way?

   ::: {.answer question="1"}
   By equation @eq:line_x2, the slope is $-w_1/w_2 = -0.5$, as before, and
   the intercept $-b/w_2 = -2$. The line moved down by 2, parallel to
   itself, towards the bottom left: a bias of 4 adds 4 to $z$ everywhere,
   so $z = 0$ now needs a smaller $w_1 x_1 + w_2 x_2$, which lies further
   down and left. More of the plane says category 1.
   :::

2. **Another line.** Predict the line for $w_1 = 3$, $w_2 = -1$, $b = 2$
   and check it with `--w1 3 --w2 -1 --b 2 --slope S --intercept I`. On
   which side of the line is category 1 now? The map says.

   ::: {.answer question="2"}
   $x_2 = 3 x_1 + 2$: slope $-3/(-1) = 3$, intercept $-2/(-1) = 2$.
   Category 1 is where $z = 3 x_1 - x_2 + 2 > 0$, that is
   $x_2 < 3 x_1 + 2$: below the line, to its right. A negative $w_2$ turns
   the map upside down compared with chapter 2's neuron.
   :::

3. **Stronger weights.** Multiply all three parameters by 5
   (`--w1 5 --w2 10 --b 0`). Does the line move? Check it with `--slope`
   and `--intercept`. What changes on the map and on the surface, and what
   does the `surface` step print?

   ::: {.answer question="3"}
   The line does not move: its slope $-w_1/w_2$ and intercept $-b/w_2$ are
   ratios, which the factor 5 leaves alone. The band of colour around it
   is five times narrower, and the surface's step five times steeper: the
   step prints $\|w\| = 11.18$, and a rise from 0.1 to 0.9 over
   $2 \ln 9 / \|w\| = 0.393$ instead of 1.965.
   :::

4. **In the code: a coarser grid.** Change `NPOINTS` to 11 and run the
   chapter again. What do the map's cells look like, and where is the
   line drawn compared to the cells' colours?

   ::: {.answer question="4"}
   The cells are 1.2 wide, eleven to a side, and the band of colour turns
   into a staircase. The line, computed from its equation and not from the
   grid, still runs straight, through the cells whose colour is nearest
   white: each cell shows the sigmoid at one point, and the line passes
   between points, not along the cells' edges.
   :::

The exercises below are checked by the workbook, as in chapter 1.

@exercises
*/
