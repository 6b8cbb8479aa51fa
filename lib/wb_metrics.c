/* wb_metrics.c: accuracy, log-loss, confusion counts. See wb_metrics.h. */
#include "wb_metrics.h"

#include <math.h>

#include "wb_core.h"

static size_t same_size(const wb_array *a, const wb_array *b)
{
    WB_ASSERT(a && b, "two arrays are required");
    WB_ASSERT(a->size == b->size, "the arrays hold %zu and %zu values",
              a->size, b->size);
    return a->size;
}

double wb_accuracy(const wb_array *y_true, const wb_array *y_pred)
{
    size_t n = same_size(y_true, y_pred), right = 0;
    if (n == 0)
        return NAN;
    for (size_t i = 0; i < n; i++)
        right += y_pred->data[i] == y_true->data[i];
    return (double)right / (double)n;
}

/* region log_loss */
/* The mean binary cross-entropy of the probabilities p_i of category 1:
 *
 *     log_loss = -(1/n) sum_i [ y_i log(p_i) + (1 - y_i) log(1 - p_i) ]
 *
 * Only one of the two terms counts for each example: log(p_i) when
 * y_i = 1, log(1 - p_i) when y_i = 0. p_i is first kept within
 * [eps, 1 - eps], so that a certain mistake costs -log(eps) = 36.04, not
 * infinity.
 */
double wb_log_loss(const wb_array *y_true, const wb_array *p)
{
    size_t n = same_size(y_true, p);
    double sum = 0;
    if (n == 0)
        return NAN;
    for (size_t i = 0; i < n; i++) {
        double y = y_true->data[i], p_i = p->data[i];
        if (p_i < WB_LOG_LOSS_EPS)
            p_i = WB_LOG_LOSS_EPS;
        if (p_i > 1 - WB_LOG_LOSS_EPS)
            p_i = 1 - WB_LOG_LOSS_EPS;
        if (y == 1)
            sum += log(p_i);
        else if (y == 0)
            sum += log(1 - p_i);
        else
            return NAN;
    }
    return -sum / (double)n;
}
/* endregion log_loss */

wb_confusion wb_confusion_counts(const wb_array *y_true,
                                 const wb_array *y_pred)
{
    size_t n = same_size(y_true, y_pred);
    wb_confusion c = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        double t = y_true->data[i], q = y_pred->data[i];
        c.tn += t == 0 && q == 0;
        c.fp += t == 0 && q == 1;
        c.fn += t == 1 && q == 0;
        c.tp += t == 1 && q == 1;
    }
    return c;
}
