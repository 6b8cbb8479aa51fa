/* variable.h: chapter 4's test of a change of variables, for the checks
 * of its exercises. A problem draws points uniform in [-1, 1]^2, as the
 * chapter does, and gives each its category by a rule of wb_sample.h (a
 * wb_rule, given to wb_sample_square); the logistic regression is fitted
 * to the reader's variable u on a training sample, then scored on a fresh
 * test sample drawn after it from the same generator. The right variable
 * sorts the test sample with an accuracy of 0.95 to 1 from most seeds; a
 * wrong one rarely passes 0.87. */
#ifndef CHECK_VARIABLE_H
#define CHECK_VARIABLE_H

#include "check.h"

#define VARIABLE_POINTS 500
#define VARIABLE_ENOUGH 0.93

/* u_i = variable(x_i1, x_i2): a new (n,) array. */
static inline wb_array *variable_apply(const wb_array *X,
                                       double (*variable)(double, double))
{
    wb_array *u = wb_vector(X->shape[0]);
    for (size_t i = 0; u && i < X->shape[0]; i++)
        u->data[i] = variable(WB_AT(X, i, 0), WB_AT(X, i, 1));
    return u;
}

/* The problem as a picture: where category 1 lies in the square (#) and
 * where category 0 does (.), x1 across and x2 up. */
static inline void variable_picture(wb_rule rule)
{
    printf("  the problem, x1 from -1 to 1 across, x2 from -1 to 1 up "
           "(#: category 1):\n");
    for (int r = 0; r < 15; r++) {
        printf("    ");
        for (int c = 0; c < 41; c++)
            putchar(rule(-1 + (c + 0.5) * 2 / 41.0,
                         1 - (r + 0.5) * 2 / 15.0) ? '#' : '.');
        putchar('\n');
    }
}

/* The check: the model on the reader's variable, trained and tested on
 * samples of the problem `rule` (seed CHECK_SEED), must reach an accuracy
 * of VARIABLE_ENOUGH on the test sample. `name` is the reader's
 * function's name. */
static inline int variable_check(wb_rule rule,
                                 double (*variable)(double, double),
                                 const char *name)
{
    wb_rng rng;
    wb_array *X, *y, *X_test, *y_test;
    wb_rng_seed(&rng, CHECK_SEED);
    if (wb_sample_square(&X, &y, &rng, VARIABLE_POINTS, rule) != 0 ||
        wb_sample_square(&X_test, &y_test, &rng, VARIABLE_POINTS, rule) != 0)
        return check_error("the samples");
    wb_array *u = variable_apply(X, variable);
    wb_array *u_test = variable_apply(X_test, variable);
    wb_logreg *model = wb_logreg_create(1, NULL);
    if (!u || !u_test || !model)
        return check_error("the model");
    for (size_t i = 0; i < u->size; i++)
        if (!isfinite(u->data[i])) {
            check_fail("your %s(%g, %g) is %g: u must be a number", name,
                       WB_AT(X, i, 0), WB_AT(X, i, 1), u->data[i]);
            return check_verdict("");
        }
    if (wb_logreg_fit(model, u, y) != 0)
        return check_error("the fit");
    wb_array *predicted = wb_logreg_predict(model, u_test);
    if (!predicted)
        return check_error("the predictions");
    double accuracy = wb_accuracy(y_test, predicted);
    printf("  a training and a test sample of %d points each (seed %d);\n"
           "  the logistic regression on your u: w = %.4f, b = %.4f, test "
           "accuracy %.3f\n", VARIABLE_POINTS, CHECK_SEED, model->coef[0],
           model->intercept, accuracy);
    if (accuracy < VARIABLE_ENOUGH) {
        check_fail("the test accuracy of the model on your u\n    expected "
                   "%g or more, got %.3f", VARIABLE_ENOUGH, accuracy);
        variable_picture(rule);
    }
    wb_free(X);
    wb_free(y);
    wb_free(X_test);
    wb_free(y_test);
    wb_free(u);
    wb_free(u_test);
    wb_free(predicted);
    wb_logreg_destroy(model);
    return check_verdict("your variable sorts the test sample");
}

#endif
