/* quadrants.h: chapter 5's samples, for the checks of its exercises: 500
 * training points of the quadrant problem, then 500 test points, drawn
 * from the generator seeded with CHECK_SEED, and the generator's state
 * after both, from which every network starts. With the chapter's
 * default seed these are the chapter's samples and networks. */
#ifndef CHECK_QUADRANTS_H
#define CHECK_QUADRANTS_H

#include "check.h"

typedef struct quadrants {
    wb_array *X, *y;              /* the training sample: (500, 2), (500,) */
    wb_array *X_test, *y_test;    /* the test sample */
    wb_rng start;                 /* the generator after both */
} quadrants;

static inline int quadrants_draw(quadrants *q)
{
    wb_rng_seed(&q->start, CHECK_SEED);
    if (wb_sample_quadrants(&q->X, &q->y, &q->start, 500) != 0)
        return -1;
    return wb_sample_quadrants(&q->X_test, &q->y_test, &q->start, 500);
}

static inline void quadrants_free(quadrants *q)
{
    wb_free(q->X);
    wb_free(q->y);
    wb_free(q->X_test);
    wb_free(q->y_test);
}

/* The fraction of the test sample that the network puts in its category;
 * NAN when memory runs out. */
static inline double quadrants_test_accuracy(const wb_mlp *net,
                                             const quadrants *q)
{
    wb_array *predicted = wb_mlp_predict(net, q->X_test);
    double accuracy = predicted ? wb_accuracy(q->y_test, predicted) : NAN;
    wb_free(predicted);
    return accuracy;
}

#endif
