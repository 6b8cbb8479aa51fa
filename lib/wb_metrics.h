/* wb_metrics.h: how good are a classifier's answers?
 *
 * Three measures of predictions against the true labels (0 or 1) of the
 * same n examples, as scikit-learn's sklearn.metrics computes them:
 *
 *   accuracy    the fraction of predicted labels that are right
 *   log-loss    the mean of minus the log of the probability given to the
 *               true label: it punishes a confident mistake hard
 *   confusion   how many of each category went to each prediction
 *
 * The arrays are 1-D or 2-D; what counts is their size, n, which must be
 * the same for both (a bug in the calling program otherwise: it aborts
 * with a message). The accuracy and the log-loss of no examples are NaN.
 */
#ifndef WB_METRICS_H
#define WB_METRICS_H

#include <stddef.h>

#include "wb_array.h"

/* accuracy = (1/n) sum_i [y_pred_i == y_true_i]
 * y_true, y_pred: (n,) labels. */
double wb_accuracy(const wb_array *y_true, const wb_array *y_pred);

/* The probabilities are kept within [eps, 1 - eps], eps = 2^-52, so that
 * a probability of exactly 0 for the true label costs -log(eps) = 36.04
 * instead of infinity; scikit-learn 1.2's log_loss does the same. */
#define WB_LOG_LOSS_EPS 2.220446049250313e-16

/* log_loss = -(1/n) sum_i [ y_i log(p_i) + (1 - y_i) log(1 - p_i) ]
 * y_true: (n,) labels, 0 or 1 (NaN if any is not); p: (n,) probabilities
 * of category 1, such as wb_logreg_predict_proba gives. */
double wb_log_loss(const wb_array *y_true, const wb_array *p);

/* Counts of the four outcomes, category 1 being the "positive" one:
 *
 *                     predicted 0   predicted 1
 *     truly 0             tn            fp
 *     truly 1             fn            tp
 *
 * An example whose label or prediction is neither 0 nor 1 is counted in
 * none of them. */
typedef struct wb_confusion {
    size_t tn, fp, fn, tp;
} wb_confusion;

wb_confusion wb_confusion_counts(const wb_array *y_true,
                                 const wb_array *y_pred);

#endif
