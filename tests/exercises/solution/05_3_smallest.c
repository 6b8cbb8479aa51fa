/* Chapter: 5
 * Goal: The smallest hidden layer that reaches 0.95
 *
 * How many ReLU neurons does the hidden layer need? Write two functions
 * with the library's network, `wb_mlp` (`lib/wb_mlp.h`). `test_accuracy`
 * trains a network of one hidden layer of `units` ReLU neurons on
 * `(X, y)` as chapter 5 trains it, scikit-learn's defaults with at most
 * 10000 epochs, drawing its weights from the generator `start`, and
 * returns its accuracy on `(X_test, y_test)`. `smallest_layer` returns the
 * smallest number of units, from 1 up to `max_units`, whose test accuracy
 * reaches 0.95, or 0 if none does. The check gives them the chapter's
 * samples (seed 1) and the generator's state after them, so that your
 * networks are the chapter's.
 *
 * Hint: `wb_mlp_default_options()` gives the options, in which you set
 * `max_iter`; `wb_mlp_create(2, (size_t[]){units}, 1, WB_RELU, &opt)`
 * makes the network that they train; `wb_mlp_fit(net, X, y, &start)`
 * trains it (`start` is your own copy of the generator, so each network
 * starts from the same state); `wb_mlp_predict` and `wb_accuracy` score
 * it. Free what you make: `wb_free` for arrays, `wb_mlp_destroy` for the
 * network. The answer is small: the last step of chapter 5 shows why a
 * few folds can do.
 */
#include <math.h>

#include "wb.h"

/* ==== your code: from here ============================================ */

/* The test accuracy of a hidden layer of `units` ReLU neurons, trained
 * from the generator state `start`. X, X_test: (500, 2); y, y_test:
 * (500,). */
static double test_accuracy(size_t units, const wb_array *X,
                            const wb_array *y, const wb_array *X_test,
                            const wb_array *y_test, wb_rng start)
{
    wb_mlp_options opt = wb_mlp_default_options();
    opt.max_iter = 10000;
    wb_mlp *net = wb_mlp_create(2, (size_t[]){units}, 1, WB_RELU, &opt);
    if (!net || wb_mlp_fit(net, X, y, &start) != 0) {
        wb_mlp_destroy(net);
        return NAN;
    }
    wb_array *predicted = wb_mlp_predict(net, X_test);
    double accuracy = predicted ? wb_accuracy(y_test, predicted) : NAN;
    wb_free(predicted);
    wb_mlp_destroy(net);
    return accuracy;
}

/* The smallest hidden layer, 1 to max_units, that reaches 0.95 on the
 * test sample; 0 if none does. */
static size_t smallest_layer(const wb_array *X, const wb_array *y,
                             const wb_array *X_test, const wb_array *y_test,
                             wb_rng start, size_t max_units)
{
    for (size_t units = 1; units <= max_units; units++)
        if (test_accuracy(units, X, y, X_test, y_test, start) >= 0.95)
            return units;
    return 0;
}

/* ==== your code: to here ============================================== */
