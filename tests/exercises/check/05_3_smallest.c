/* The check of exercises/05_3_smallest.c: test_accuracy against networks
 * the check trains itself, as chapter 5 does, and smallest_layer against
 * the first of them to reach 0.95. */
#include "quadrants.h"

#define ENOUGH 0.95
#define MAX_UNITS 50

/* The chapter's network of `units` ReLU neurons, trained from q->start. */
static double check_accuracy(size_t units, const quadrants *q)
{
    wb_rng rng = q->start;
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = 10000;
    wb_mlp *net = wb_mlp_create(2, (size_t[]){units}, 1, WB_RELU, &opt);
    double accuracy = net && wb_mlp_fit(net, q->X, q->y, &rng) == 0
                          ? quadrants_test_accuracy(net, q) : NAN;
    wb_mlp_destroy(net);
    return accuracy;
}

int main(void)
{
    quadrants q;
    if (quadrants_draw(&q) != 0)
        return check_error("the samples");
    size_t answer = 0;
    printf("  units  your test accuracy (the chapter's samples, seed %d)\n",
           CHECK_SEED);
    for (size_t units = 1; units <= MAX_UNITS && !answer; units++) {
        double expected = check_accuracy(units, &q);
        double yours = test_accuracy(units, q.X, q.y, q.X_test, q.y_test,
                                     q.start);
        printf("  %5zu  %.3f\n", units, yours);
        char what[96];
        snprintf(what, sizeof what, "your test_accuracy(%zu)", units);
        /* The same training in the same order gives the same network, to
         * the last bit: 1e-12 allows for nothing else. */
        if (!check_close(what, yours, expected, 1e-12, 0))
            break;
        if (expected >= ENOUGH)
            answer = units;
    }
    if (!check_failures) {
        size_t yours = smallest_layer(q.X, q.y, q.X_test, q.y_test, q.start,
                                      MAX_UNITS);
        if (yours != answer)
            check_fail("your smallest_layer\n    expected %zu, got %zu",
                       answer, yours);
    }
    quadrants_free(&q);
    return check_verdict("your networks are the chapter's, and the smallest "
                         "layer is the first to reach 0.95");
}
