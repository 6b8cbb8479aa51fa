/* The check of exercises/05_2_logistic.c: 50 hidden neurons of the
 * activation configure chooses, trained with its options on chapter 5's
 * sample, reach a test accuracy of 0.95. */
#include "quadrants.h"

/* The chapter's budget, and the accuracy that says the network learned
 * the quadrants (the chapter's ReLU network gets 0.984; a line at most
 * 2/3). */
#define MAX_EPOCHS 10000
#define ENOUGH 0.95

int main(void)
{
    wb_activation_kind activation = WB_RELU;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = MAX_EPOCHS;
    configure(&activation, &opt);
    const char *name = wb_activation_get(activation)->name;
    if (activation != WB_SIGMOID) {
        check_fail("the hidden neurons' activation\n    expected logistic "
                   "(WB_SIGMOID), got %s", name);
        return check_verdict("");
    }
    if (opt.max_iter > MAX_EPOCHS || opt.max_fun > 15000) {
        check_fail("opt->max_iter (%zu) and opt->max_fun (%zu)\n    "
                   "expected at most %d and 15000, the chapter's budget",
                   opt.max_iter, opt.max_fun, MAX_EPOCHS);
        return check_verdict("");
    }
    opt.progress = NULL;
    quadrants q;
    wb_rng rng;
    if (quadrants_draw(&q) != 0)
        return check_error("the samples");
    wb_mlp *net = wb_mlp_create(2, (size_t[]){50}, 1, activation, &opt);
    if (!net)
        return check_error("your options");
    rng = q.start;
    if (wb_mlp_fit(net, q.X, q.y, &rng) != 0)
        return check_error("the training");
    double accuracy = quadrants_test_accuracy(net, &q);
    printf("  50 %s neurons, %s (learning rate %g): %s after %zu %s, "
           "loss %.4f\n  test accuracy %.3f (seed %d)\n", name,
           wb_solver_name(opt.solver), opt.learning_rate,
           wb_stop_name(net->stop), net->n_iter,
           opt.solver == WB_LBFGS ? "iterations" : "epochs", net->loss,
           accuracy, CHECK_SEED);
    if (!(accuracy >= ENOUGH))
        check_fail("the test accuracy\n    expected %g or more, got %.3f",
                   ENOUGH, accuracy);
    wb_mlp_destroy(net);
    quadrants_free(&q);
    return check_verdict("50 logistic neurons learn the quadrants");
}
