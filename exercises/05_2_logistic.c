/* Chapter: 5
 * Goal: Switch to logistic neurons, make them learn
 *
 * Chapter 5's 50 hidden neurons use the ReLU. Switch them to the logistic
 * (sigmoid) activation, `WB_SIGMOID`, in `configure`, and the network
 * fails: trained as the chapter trains it, it stays no better than a
 * coin. Then change the training options (see `wb_mlp_options` in
 * `lib/wb_mlp.h`: the solver, the learning rate, ...) until 50 logistic
 * neurons learn the quadrants. The check trains the network on the
 * chapter's sample (seed 1) with your activation and options, within the
 * chapter's budget of 10000 epochs, and wants a test accuracy of 0.95.
 *
 * Hint: At the start, with weights drawn within
 * $\pm\sqrt{2/52} = \pm 0.2$, every logistic neuron works near $z = 0$,
 * where the sigmoid is almost a straight line: the whole network starts
 * out almost linear, and Adam's small steps of 0.001 stop (no improvement)
 * before they bend it. Larger steps (`opt->learning_rate`), or another
 * optimiser (`opt->solver = WB_LBFGS`, which follows the curvature) get it
 * out.
 */
#include "wb.h"

/* ==== your code: from here ============================================ */

/* The hidden layer's activation, and the training options. opt holds
 * scikit-learn's defaults, with max_iter = 10000 as in chapter 5. */
static void configure(wb_activation_kind *activation, wb_mlp_options *opt)
{
    (void)opt;
    *activation = WB_RELU;     /* chapter 5's: switch it to WB_SIGMOID */
}

/* ==== your code: to here ============================================== */
