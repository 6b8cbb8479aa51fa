/* Tests of wb_activation: values, symmetry, extremes, and every derivative
 * against a finite difference. */
#include <criterion/criterion.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wb_activation.h"
#include "wb_core.h"

/* Relative tolerance for values computed two ways (a few ulps). */
#define RTOL 1e-15
/* Central differences with step H are accurate to about H^2 f''' ~ 1e-10
 * and lose about eps / H ~ 1e-11 to rounding: 1e-7 leaves a wide margin. */
#define H 1e-5
#define GRAD_TOL 1e-7

static bool near(double a, double b, double rtol, double atol)
{
    return fabs(a - b) <= atol + rtol * fabs(b);
}

Test(activation, sigmoid_known_values)
{
    cr_assert_eq(wb_sigmoid(0), 0.5);
    cr_assert(near(wb_sigmoid(1), 1 / (1 + exp(-1.0)), RTOL, 0));
    cr_assert(near(wb_sigmoid(-2), 1 / (1 + exp(2.0)), RTOL, 0));
    cr_assert(near(wb_sigmoid(log(3.0)), 0.75, RTOL, 0));
}

/* sigmoid(-z) = 1 - sigmoid(z), to within the rounding of the subtraction
 * (one ulp of 1, DBL_EPSILON). */
Test(activation, sigmoid_symmetry)
{
    for (double z = -40; z <= 40; z += 0.37)
        cr_assert(near(wb_sigmoid(-z), 1 - wb_sigmoid(z), 0, DBL_EPSILON),
                  "z = %g", z);
}

Test(activation, sigmoid_is_finite_and_right_at_the_extremes)
{
    for (double z = -1e4; z <= 1e4; z += 0.5) {
        double s = wb_sigmoid(z);
        cr_assert(isfinite(s) && s >= 0 && s <= 1, "sigmoid(%g) = %g", z, s);
    }
    cr_assert_eq(wb_sigmoid(1e4), 1.0);
    cr_assert_eq(wb_sigmoid(-1e4), 0.0);
    /* Far out on the left the value is e^z, to full relative precision. */
    cr_assert(near(wb_sigmoid(-700), exp(-700.0), 1e-14, 0));
    cr_assert(near(wb_sigmoid(-40), exp(-40.0) / (1 + exp(-40.0)), RTOL, 0));
    cr_assert(isfinite(wb_sigmoid_prime(1e4)) && wb_sigmoid_prime(1e4) >= 0);
    cr_assert(isfinite(wb_sigmoid_prime(-1e4)));
}

Test(activation, sigmoid_is_increasing)
{
    double prev = wb_sigmoid(-50);
    for (double z = -49.9; z <= 50; z += 0.1) {
        double s = wb_sigmoid(z);
        cr_assert(s >= prev, "decreases at %g", z);
        prev = s;
    }
}

Test(activation, relu_and_identity)
{
    cr_assert_eq(wb_relu(-3), 0);
    cr_assert_eq(wb_relu(0), 0);
    cr_assert_eq(wb_relu(2.5), 2.5);
    cr_assert_eq(wb_relu_prime(-1), 0);
    cr_assert_eq(wb_relu_prime(0), 0, "scikit-learn's convention at 0");
    cr_assert_eq(wb_relu_prime(1), 1);
    cr_assert_eq(wb_identity(-7.25), -7.25);
    cr_assert_eq(wb_identity_prime(3), 1);
}

Test(activation, tanh_is_twice_a_stretched_sigmoid)
{
    for (double z = -5; z <= 5; z += 0.25)
        cr_assert(near(wb_tanh(z), 2 * wb_sigmoid(2 * z) - 1, 1e-14, 1e-15),
                  "z = %g", z);
}

/* Every derivative against a central finite difference, away from ReLU's
 * kink at 0. */
Test(activation, derivatives_match_finite_differences)
{
    for (int k = WB_IDENTITY; k <= WB_RELU; k++) {
        const wb_activation *a = wb_activation_get((wb_activation_kind)k);
        for (double z = -6.05; z <= 6; z += 0.1) {
            double fd = (a->f(z + H) - a->f(z - H)) / (2 * H);
            cr_assert(near(a->prime(z), fd, GRAD_TOL, GRAD_TOL),
                      "%s'(%g) = %.12g, finite difference %.12g", a->name,
                      z, a->prime(z), fd);
        }
    }
}

Test(activation, lookup_by_name)
{
    cr_assert_eq(wb_activation_find("relu"), wb_activation_get(WB_RELU));
    cr_assert_eq(wb_activation_find("logistic"),
                 wb_activation_get(WB_SIGMOID));
    cr_assert_eq(wb_activation_find("sigmoid"),
                 wb_activation_get(WB_SIGMOID));
    cr_assert_null(wb_activation_find("softplus"));
    cr_assert(strstr(wb_error(), "softplus"), "%s", wb_error());
    /* An activation knows its kind: a name leads to the kind a model
     * takes. */
    for (int k = WB_IDENTITY; k <= WB_RELU; k++) {
        const wb_activation *a = wb_activation_get((wb_activation_kind)k);
        cr_assert_eq(a->kind, (wb_activation_kind)k);
        cr_assert_eq(wb_activation_find(a->name)->kind, a->kind);
    }
    cr_assert_eq(wb_activation_find("sigmoid")->kind, WB_SIGMOID);
}

Test(activation, sigmoid_array)
{
    wb_array *z = wb_linspace(-10, 10, 51);
    wb_array *s = wb_sigmoid_array(z);
    cr_assert(s);
    cr_assert_eq(s->size, 51);
    cr_assert_eq(s->data[25], 0.5);
    for (size_t i = 0; i < 51; i++)
        cr_assert_eq(s->data[i], wb_sigmoid(z->data[i]));
    wb_free(z);
    wb_free(s);
    cr_assert_null(wb_sigmoid_array(NULL));
}
