/* tests/wasm/models.c: the library's numerical layers at work, built
 * twice: for WebAssembly (wasm32-wasi, run under node's WASI by
 * tests/wasm/run.mjs) and natively. tests/test_wasm.c compares what the
 * two print, one number a line, "name value":
 *
 *   - chapter 3's sample (seed 1), and its logistic regression fitted by
 *     Newton's method;
 *   - chapter 5's samples and network (500 points, 50 ReLU units, Adam,
 *     at most 10000 epochs), trained from the same seed;
 *   - "lbfgs present" or "lbfgs absent": whether the build has L-BFGS
 *     (the WebAssembly build has no liblbfgs; a fit that asks for it must
 *     fail and say so).
 */
#include <stdio.h>
#include <string.h>

#include "wb_core.h"
#include "wb_logreg.h"
#include "wb_metrics.h"
#include "wb_mlp.h"
#include "wb_sample.h"

static int failed(const char *what)
{
    fprintf(stderr, "models: %s: %s\n", what, wb_error());
    return 1;
}

static void put(const char *name, double value)
{
    printf("%s %.17g\n", name, value);
}

/* Chapter 3: the two clouds, and their fit by Newton's method. */
static int logistic_regression(void)
{
    wb_rng rng;
    wb_array *X, *y;
    wb_logreg_options o = wb_logreg_default_options();
    wb_logreg *model;
    int status = 0;

    wb_rng_seed(&rng, 1);
    if (wb_sample_gaussians_2d(&X, &y, &rng, 500) != 0)
        return failed("chapter 3's sample");
    put("sample_x1", WB_AT(X, 0, 0));
    put("sample_x2", WB_AT(X, 999, 1));
    put("sample_mean", wb_mean(X));
    o.solver = WB_NEWTON;
    model = wb_logreg_create(2, &o);
    if (!model || wb_logreg_fit(model, X, y) != 0) {
        status = failed("the fit by Newton's method");
    } else {
        put("newton_w1", model->coef[0]);
        put("newton_w2", model->coef[1]);
        put("newton_b", model->intercept);
        put("newton_n_iter", (double)model->n_iter);
        put("newton_loss", model->loss);
        model->options.solver = WB_LBFGS;
        if (wb_logreg_fit(model, X, y) == 0)
            printf("lbfgs present\n");
        else if (strstr(wb_error(), "no L-BFGS"))
            printf("lbfgs absent\n");
        else
            status = failed("the fit by L-BFGS");
    }
    wb_logreg_destroy(model);
    wb_free(X);
    wb_free(y);
    return status;
}

/* Chapter 5: its network, trained as the chapter trains it. */
static int network(void)
{
    wb_rng rng;
    wb_array *X, *y, *X_test, *y_test, *predicted = NULL;
    wb_mlp_options o = wb_mlp_default_options();
    wb_mlp *net;
    int status = 0;

    wb_rng_seed(&rng, 1);
    if (wb_sample_quadrants(&X, &y, &rng, 500) != 0 ||
        wb_sample_quadrants(&X_test, &y_test, &rng, 500) != 0)
        return failed("chapter 5's samples");
    o.max_iter = 10000;
    net = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, &o);
    if (!net || wb_mlp_fit(net, X, y, &rng) != 0 ||
        !(predicted = wb_mlp_predict(net, X_test))) {
        status = failed("chapter 5's network");
    } else {
        put("mlp_epochs", (double)net->n_iter);
        put("mlp_converged", net->converged);
        put("mlp_loss", net->loss);
        put("mlp_w", net->params[0]);
        put("mlp_test_accuracy", wb_accuracy(y_test, predicted));
    }
    wb_free(predicted);
    wb_mlp_destroy(net);
    wb_free(X);
    wb_free(y);
    wb_free(X_test);
    wb_free(y_test);
    return status;
}

int main(void)
{
    int status = logistic_regression();
    if (status == 0)
        status = network();
    return status;
}
