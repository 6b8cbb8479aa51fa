/* The check of exercises/01_2_log_odds.c: sigma(w x + b) against the
 * exact probability of category 1 for two normal categories, then a
 * logistic regression fitted to a large sample of chapter 1's. */
#include "check.h"

/* P(category 1 | x) for equally likely categories N(m0, s), N(m1, s):
 * p1 / (p0 + p1), computed from the densities themselves. */
static double check_posterior(double x, double m0, double m1, double s)
{
    double p0 = exp(-(x - m0) * (x - m0) / (2 * s * s));
    double p1 = exp(-(x - m1) * (x - m1) / (2 * s * s));
    return p1 / (p0 + p1);
}

int main(void)
{
    static const double cases[][3] = {
        {-1.5, 1.5, 1}, {-1, 2, 1}, {0, 1, 0.5}, {3, -1, 2}};
    /* The densities are exact to rounding; 1e-9 leaves room for the
     * exponentials' relative error near x = +-4 widths. */
    const double tol = 1e-9;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double m0 = cases[i][0], m1 = cases[i][1], s = cases[i][2];
        double w = NAN, b = NAN;
        log_odds_neuron(&w, &b, m0, m1, s);
        for (int k = -4; k <= 4; k++) {
            double x = (m0 + m1) / 2 + k * s;
            char what[256];
            snprintf(what, sizeof what, "m0 = %g, m1 = %g, s = %g, your "
                     "w = %g and b = %g: sigma(w x + b) at x = %g", m0, m1,
                     s, w, b, x);
            check_close(what, wb_sigmoid(w * x + b),
                        check_posterior(x, m0, m1, s), tol, 0);
        }
    }
    if (check_failures)
        return check_verdict("");

    /* The fit tends to the exact neuron as the sample grows; with 100000
     * examples of each category its w and b are within 0.03 of it (their
     * standard errors are about 0.01, and the penalty's pull is 1e-5). */
    wb_rng rng;
    wb_array *x, *y;
    wb_rng_seed(&rng, CHECK_SEED);
    if (wb_sample_gaussians_1d(&x, &y, &rng, 100000, 1.5) != 0)
        return check_error("the sample");
    wb_logreg *fit = wb_logreg_create(1, NULL);
    if (!fit || wb_logreg_fit(fit, x, y) != 0)
        return check_error("the fit");
    double w, b;
    log_odds_neuron(&w, &b, -1.5, 1.5, 1);
    printf("  chapter 1's categories: yours w = %g, b = %g; fitted to "
           "2 x 100000 examples\n  (seed %d): w = %.4f, b = %.4f\n", w, b,
           CHECK_SEED, fit->coef[0], fit->intercept);
    check_close("the fitted w", fit->coef[0], w, 0.03, 0);
    check_close("the fitted b", fit->intercept, b, 0.03, 0);
    wb_logreg_destroy(fit);
    wb_free(x);
    wb_free(y);
    return check_verdict("sigma(w x + b) is the probability of category 1 "
                         "for all four pairs of categories");
}
