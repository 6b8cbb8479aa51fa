/* wb_mlp.c: a multi-layer perceptron, its forward and backward passes, and
 * its training by Adam, SGD or L-BFGS (wb_optim.c), computed as
 * scikit-learn 1.2.1's MLPClassifier computes them. See wb_mlp.h.
 *
 * The letters in the shape comments:
 *   n  samples in the training set
 *   N  samples in a batch (N <= B, the batch size)
 *   D  inputs of the network: the features of a sample
 *   L  hidden layers
 *   I  values coming into a layer (D for the first layer)
 *   H  units of a layer (1 for the output unit)
 *   P  parameters: every weight and every bias
 * Every matrix is row-major: W (I, H) holds W[i,h] at W[i * H + h].
 *
 * A batch flows up through the network in the forward pass, one layer at a
 * time, and its gradient flows back down in the backward pass; each
 * backward function sits after the forward functions and names the forward
 * line it differentiates. All the parameters live in one array, params:
 * each layer's W and b are pointers into it, and the gradient is an array
 * of the same layout, so that an optimiser sees the network as one vector
 * of P numbers.
 */
#include "wb_mlp.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb_core.h"

/* The passes forward and backward (WB_MLP_PASS below) are compiled twice:
 * for any x86-64, and for a processor with AVX2, whose vectors hold 4
 * doubles; the program picks the one its processor runs when it starts.
 * The two do the same operations in the same order (AVX2 brings no fused
 * multiply-add), and so give the same numbers to the last bit. */
#if defined __GNUC__ && !defined __clang__ && defined __x86_64__ && \
    defined __GLIBC__
#define WB_MLP_PASS \
    __attribute__((target_clones("avx2", "default"), flatten))
#else
#define WB_MLP_PASS
#endif

/* ---- loops along a row ------------------------------------------------
 * The hot loops run along a row of a layer's H units, contiguous in
 * memory, and the compiler runs them on several values at once (two
 * doubles per instruction with SSE2): the Makefile asks gcc to, with
 * -fvect-cost-model=cheap, since at -O2 alone it does so only when no
 * value is left over after the last full vector. */

/* y += a x      y, x: (n,) */
static inline void add_scaled(double *restrict y, const double *restrict x,
                              double a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] += a * x[k];
}

/* y = a x      y, x: (n,) */
static inline void scale(double *restrict y, const double *restrict x,
                         double a, size_t n)
{
    for (size_t k = 0; k < n; k++)
        y[k] = a * x[k];
}

/* x . y      x, y: (n,). Four running sums, so that an addition does not
 * wait for the one before it to finish. */
static inline double dot(const double *x, const double *y, size_t n)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    size_t k = 0;
    for (; k + 4 <= n; k += 4) {
        s0 += x[k] * y[k];
        s1 += x[k + 1] * y[k + 1];
        s2 += x[k + 2] * y[k + 2];
        s3 += x[k + 3] * y[k + 3];
    }
    for (; k < n; k++)
        s0 += x[k] * y[k];
    return (s0 + s1) + (s2 + s3);
}

/* ---- loops over a batch's rows -----------------------------------------
 * A layer's work for a batch of N samples, row by row. The terms of each
 * sum are added in the order of the formula; two rows at a time when they
 * share an operand, which is then read once for both, with the same
 * additions in the same order, and so the same numbers to the last bit. */

/* C = A^T B:  C[i,:] = A[0,i] B[0,:] + A[1,i] B[1,:] + ... over the N rows
 * C: (I, H)  A: (N, I)  B: (N, H) */
static inline void transpose_times(double *restrict C,
                                   const double *restrict A,
                                   const double *restrict B, size_t N,
                                   size_t I, size_t H)
{
    size_t n = 0;
    memset(C, 0, I * H * sizeof *C);
    for (; n + 2 <= N; n += 2) {                 /* rows n and n + 1 */
        const double *b0 = B + n * H, *b1 = b0 + H;
        for (size_t i = 0; i < I; i++) {
            double a0 = A[n * I + i], a1 = A[(n + 1) * I + i];
            double *c = C + i * H;
            for (size_t h = 0; h < H; h++)
                c[h] = c[h] + a0 * b0[h] + a1 * b1[h];
        }
    }
    for (; n < N; n++)                           /* the last, when N is odd */
        for (size_t i = 0; i < I; i++)
            add_scaled(C + i * H, B + n * H, A[n * I + i], H);
}

/* c = the sum of B's rows:  c = B[0,:] + B[1,:] + ... + B[N-1,:]
 * c: (H,)  B: (N, H) */
static inline void row_sum(double *restrict c, const double *restrict B,
                           size_t N, size_t H)
{
    size_t n = 0;
    memset(c, 0, H * sizeof *c);
    for (; n + 2 <= N; n += 2)
        for (size_t h = 0; h < H; h++)
            c[h] = c[h] + B[n * H + h] + B[(n + 1) * H + h];
    for (; n < N; n++)
        add_scaled(c, B + n * H, 1, H);
}

/* ---- activations ------------------------------------------------------- */

/* region activation */
/* The hidden units' activations, over n values (a sample's row of a
 * layer), forward (A = f(Z), in place) and backward (dZ = dA f'(Z), in
 * place: dZ holds dA on entry). f'(Z) is read off the output A = f(Z),
 * which the forward pass keeps.
 * A, dZ: (n,) */

/* relu(z) = max(0, z) */
static void relu_forward(double *A, size_t n)
{
    for (size_t k = 0; k < n; k++)
        A[k] = A[k] > 0 ? A[k] : 0;
}

/* relu'(z) = 1 where z > 0, that is where A > 0; 0 elsewhere */
static void relu_backward(double *restrict dZ, const double *restrict A,
                          size_t n)
{
    for (size_t k = 0; k < n; k++)
        dZ[k] = A[k] > 0 ? dZ[k] : 0;
}

/* logistic(z) = 1 / (1 + e^-z) */
static void logistic_forward(double *A, size_t n)
{
    for (size_t k = 0; k < n; k++)
        A[k] = wb_sigmoid(A[k]);
}

/* logistic'(z) = logistic(z) (1 - logistic(z)) = A (1 - A) */
static void logistic_backward(double *restrict dZ, const double *restrict A,
                              size_t n)
{
    for (size_t k = 0; k < n; k++)
        dZ[k] = dZ[k] * A[k] * (1 - A[k]);
}

/* tanh(z) = (e^z - e^-z) / (e^z + e^-z) */
static void tanh_forward(double *A, size_t n)
{
    for (size_t k = 0; k < n; k++)
        A[k] = tanh(A[k]);
}

/* tanh'(z) = 1 - tanh(z)^2 = 1 - A^2 */
static void tanh_backward(double *restrict dZ, const double *restrict A,
                          size_t n)
{
    for (size_t k = 0; k < n; k++)
        dZ[k] *= 1 - A[k] * A[k];
}

/* identity(z) = z and identity'(z) = 1 leave A and dZ as they are. The
 * switch picks one loop for the whole layer: no function is looked up
 * per value. */
static void activate(double *A, wb_activation_kind f, size_t n)
{
    switch (f) {
    case WB_RELU:
        relu_forward(A, n);
        break;
    case WB_SIGMOID:
        logistic_forward(A, n);
        break;
    case WB_TANH:
        tanh_forward(A, n);
        break;
    case WB_IDENTITY:
        break;
    }
}

static void activate_backward(double *restrict dZ, const double *restrict A,
                              wb_activation_kind f, size_t n)
{
    switch (f) {
    case WB_RELU:
        relu_backward(dZ, A, n);
        break;
    case WB_SIGMOID:
        logistic_backward(dZ, A, n);
        break;
    case WB_TANH:
        tanh_backward(dZ, A, n);
        break;
    case WB_IDENTITY:
        break;
    }
}
/* endregion activation */

/* ---- the forward pass ------------------------------------------------ */

/* region forward */
/* Z = A B + c, each row:  Z[n,:] = c + A[n,0] B[0,:] + ... + A[n,I-1] B[I-1,:]
 * Z: (N, H)  A: (N, I), I >= 1  B: (I, H)  c: (H,) */
static inline void times_plus(double *restrict Z, const double *restrict A,
                              const double *restrict B,
                              const double *restrict c, size_t N, size_t I,
                              size_t H)
{
    for (size_t n = 0; n < N; n++) {
        for (size_t h = 0; h < H; h++)           /* c + A[n,0] B[0,:]    */
            Z[n * H + h] = c[h] + A[n * I] * B[h];
        for (size_t i = 1; i < I; i++)           /* + A[n,i] B[i,:]      */
            add_scaled(Z + n * H, B + i * H, A[n * I + i], H);
    }
}

/* A hidden layer, for a batch of N samples:
 *     Z = A_in W + b,   A_out = f(Z)
 * A_out: (N, H)  A_in: (N, I) */
WB_MLP_PASS
static void hidden_forward(double *restrict A_out,
                           const double *restrict A_in,
                           const wb_mlp_layer *layer, wb_activation_kind f,
                           size_t N)
{
    size_t I = layer->fan_in, H = layer->fan_out;
    times_plus(A_out, A_in, layer->W, layer->b, N, I, H);  /* Z, in A_out */
    activate(A_out, f, N * H);                   /* A_out = f(Z)         */
}

/* fold: `output_forward`, the output unit: $z = A w + c$, $p = \sigma(z)$ */
/* The output unit: a logistic regression on the last hidden layer,
 *     z = A w + c
 *     p = sigmoid(z)
 * each line over the whole batch in turn, so that the sigmoids, which
 * call libm's exp, do not wait for each other.
 * p: (N,)  A: (N, I)  w: (I,) is the layer's W (one column)  c: its b */
WB_MLP_PASS
static void output_forward(double *restrict p, const double *restrict A,
                           const wb_mlp_layer *out, size_t N)
{
    size_t I = out->fan_in;
    for (size_t n = 0; n < N; n++)
        p[n] = dot(A + n * I, out->W, I) + out->b[0];   /* z, in p */
    for (size_t n = 0; n < N; n++)
        p[n] = wb_sigmoid(p[n]);
}

/* The network, from the inputs up: X -> A_1 -> ... -> A_L -> p.
 * p: (N,)  act[l]: (N, H_l), hidden layer l's outputs  X: (N, D) */
static void forward(double *p, double *const *act, const double *X,
                    const wb_mlp *m, size_t N)
{
    const double *A = X;              /* the inputs feed the first layer */
    for (size_t l = 0; l < m->n_hidden; l++) {
        hidden_forward(act[l], A, &m->layer[l], m->activation, N);
        A = act[l];
    }
    output_forward(p, A, &m->layer[m->n_hidden], N);
}
/* endregion forward */

/* ---- the loss ---------------------------------------------------------- */

/* region loss */
/* The loss of a batch of N samples: the mean log-loss and an L2 penalty
 * on the weights (not on the biases),
 *     L = -1/N sum_n [y_n log p_n + (1 - y_n) log(1 - p_n)]
 *         + alpha / (2 N) sum_l ||W_l||^2
 * with each p_n clipped to [eps, 1 - eps], eps = 2.2e-16, so that a
 * confident mistake costs at most -log(eps) = 36 instead of infinity.
 * p, y: (N,) */
static double batch_loss(const double *p, const double *y, const wb_mlp *m,
                         double alpha, size_t N)
{
    double log_loss = 0, squares = 0;
    for (size_t n = 0; n < N; n++) {
        double pn = fmin(fmax(p[n], DBL_EPSILON), 1 - DBL_EPSILON);
        log_loss -= y[n] == 1 ? log(pn) : log(1 - pn);
    }
    for (size_t l = 0; l <= m->n_hidden; l++) {
        const wb_mlp_layer *layer = &m->layer[l];
        squares += dot(layer->W, layer->W, layer->fan_in * layer->fan_out);
    }
    return log_loss / N + 0.5 * alpha * squares / N;
}
/* endregion loss */

/* ---- the backward pass ------------------------------------------------- */

/* region layer_backward */
/* fold: `output_backward`, back through $z = A w + c$, from $d = p - y$ */
/* Back through the output unit. Its forward line, with the loss after it:
 *     z = A w + c,   p = sigmoid(z),   L = log-loss(p) + penalty
 * The sigmoid and the log-loss together have the simple derivative
 *     d = p - y                        (N dL/dz, one value per sample)
 * and from z = A w + c:
 *     dw = (A^T d + alpha w) / N       (alpha w: from the penalty)
 *     dc = mean of d over the batch
 *     dA = d w^T                       (N dL/dA, for the layer below)
 * dw: (I,)  dc: (1,)  dA: (N, I), or NULL when A is the input  d: (N,)
 * A: (N, I) */
WB_MLP_PASS
static void output_backward(double *restrict dw, double *restrict dc,
                            double *restrict dA, const double *restrict d,
                            const double *restrict A,
                            const wb_mlp_layer *out, double alpha, size_t N)
{
    size_t I = out->fan_in;
    transpose_times(dw, d, A, N, 1, I);          /* dw = A^T d, as d^T A */
    row_sum(dc, d, N, 1);                        /* dc = sum_n d[n]      */
    if (dA)                                      /* dA = d w^T           */
        for (size_t n = 0; n < N; n++)
            scale(dA + n * I, out->W, d[n], I);
    for (size_t i = 0; i < I; i++)
        dw[i] = (dw[i] + alpha * out->W[i]) / N;
    dc[0] /= N;
}

/* Back through a hidden layer, for a batch of N samples. Its forward lines
 * were
 *     Z = A_in W + b
 *     A_out = f(Z)
 * and the rows of dZ hold N dL/dA_out on entry. The second line first:
 *     dZ = dA_out f'(Z)                (activate_backward, in place)
 * then the first:
 *     dW = (A_in^T dZ + alpha W) / N   (alpha W: from the penalty)
 *     db = mean of dZ over the batch
 *     dA_in = dZ W^T                   (for the layer below)
 * dW: (I, H)  db: (H,)  dA_in: (N, I), or NULL when A_in is the input
 * dZ: (N, H)  A_out: (N, H)  A_in: (N, I) */
WB_MLP_PASS
static void hidden_backward(double *restrict dW, double *restrict db,
                            double *restrict dA_in, double *restrict dZ,
                            const double *restrict A_out,
                            const double *restrict A_in,
                            const wb_mlp_layer *layer, wb_activation_kind f,
                            double alpha, size_t N)
{
    size_t I = layer->fan_in, H = layer->fan_out;
    activate_backward(dZ, A_out, f, N * H);      /* dZ *= f'(Z)          */
    transpose_times(dW, A_in, dZ, N, I, H);      /* dW = A_in^T dZ       */
    row_sum(db, dZ, N, H);                       /* db = sum_n dZ[n,:]   */
    if (dA_in)                                   /* dA_in = dZ W^T       */
        for (size_t n = 0; n < N; n++)
            for (size_t i = 0; i < I; i++)
                dA_in[n * I + i] = dot(dZ + n * H, layer->W + i * H, H);
    for (size_t k = 0; k < I * H; k++)
        dW[k] = (dW[k] + alpha * layer->W[k]) / N;
    for (size_t h = 0; h < H; h++)
        db[h] /= N;
}

/* endregion layer_backward */

/* region backward */
/* fold: `grad_of`, where a block of parameters has its gradient */
/* Where the gradient of a block of m->params sits in grad: (P,). */
static double *grad_of(double *grad, const wb_mlp *m, const double *param)
{
    return grad + (param - m->params);
}

/* The network, from the loss down: p -> A_L -> ... -> A_1.
 * grad: (P,), laid out as m->params  d: (N,)  delta[l]: (N, H_l), N dL/dZ
 * of hidden layer l  p, y: (N,)  act[l]: (N, H_l)  X: (N, D) */
static void backward(double *grad, double *d, double *const *delta,
                     const double *p, const double *y,
                     double *const *act, const double *X, const wb_mlp *m,
                     double alpha, size_t N)
{
    size_t L = m->n_hidden;
    const wb_mlp_layer *out = &m->layer[L];
    /* back through L = log-loss(sigmoid(z)) */
    for (size_t n = 0; n < N; n++)
        d[n] = p[n] - y[n];
    /* back through z = A_L w + c, into delta[L-1] = N dL/dA_L */
    output_backward(grad_of(grad, m, out->W), grad_of(grad, m, out->b),
                    L > 0 ? delta[L - 1] : NULL, d, L > 0 ? act[L - 1] : X,
                    out, alpha, N);
    for (size_t l = L; l-- > 0;) {
        const wb_mlp_layer *layer = &m->layer[l];
        /* back through A = f(Z) and Z = A_in W + b: delta[l] becomes
         * N dL/dZ, and delta[l-1] N dL/dA_in */
        hidden_backward(grad_of(grad, m, layer->W),
                        grad_of(grad, m, layer->b),
                        l > 0 ? delta[l - 1] : NULL, delta[l], act[l],
                        l > 0 ? act[l - 1] : X, layer, m->activation,
                        alpha, N);
    }
}
/* endregion backward */

/* ---- what training needs besides the model ----------------------------- */

/* Allocated once, at the start of a fit (or of a prediction), for batches
 * of at most B samples; nothing is allocated while training runs. */
typedef struct work {
    size_t B;
    double *X;       /* (B, D): the batch's inputs, in the shuffled order */
    double *y;       /* (B,): their labels */
    double **act;    /* (L,): act[l] is (B, H_l), hidden layer l's outputs */
    double **delta;  /* (L,): delta[l] is (B, H_l), N dL/dZ of layer l */
    double *p;       /* (B,): the output unit's probabilities */
    double *d;       /* (B,): p - y */
    double *grad;    /* (P,): dL/dparams, laid out as params */
    double *m1;      /* (P,): Adam's first moment, or SGD's velocity */
    double *m2;      /* (P,): Adam's second moment */
    size_t *order;   /* (n,): the samples in the order of this epoch */
    double *memory;  /* the one block every double array above points
                        into */
} work;

static void work_free(work *w)
{
    free(w->memory);
    free(w->act);
    free(w->order);
}

/* a b + c, or SIZE_MAX when that does not fit in a size_t (which no
 * allocation can then satisfy). */
static size_t size_mul_add(size_t a, size_t b, size_t c)
{
    if (b != 0 && a > (SIZE_MAX - c) / b)
        return SIZE_MAX;
    return a * b + c;
}

/* The workspace for batches of B samples; order holds n indices, 0 to
 * n - 1. */
static int work_alloc(work *w, const wb_mlp *m, size_t B, size_t n)
{
    size_t L = m->n_hidden, D = m->n_inputs, P = m->n_params, units = 0;
    size_t per_sample, count;
    double *next;
    *w = (work){.B = B};
    for (size_t l = 0; l < L; l++)
        units += m->layer[l].fan_out;
    per_sample = size_mul_add(2, units, D + 3);     /* X, y, p, d, act,
                                                       delta */
    count = size_mul_add(B, per_sample, size_mul_add(3, P, 0));
    w->memory = wb_calloc(count, sizeof *next);
    w->act = wb_calloc(2 * L, sizeof *w->act);
    w->order = wb_calloc(n, sizeof *w->order);
    if (!w->memory || !w->act || !w->order) {
        work_free(w);
        return -1;
    }
    w->delta = w->act + L;
    next = w->memory;
    w->X = next, next += B * D;
    w->y = next, next += B;
    w->p = next, next += B;
    w->d = next, next += B;
    for (size_t l = 0; l < L; l++) {
        w->act[l] = next, next += B * m->layer[l].fan_out;
        w->delta[l] = next, next += B * m->layer[l].fan_out;
    }
    w->grad = next, next += P;
    w->m1 = next, next += P;
    w->m2 = next;
    for (size_t i = 0; i < n; i++)
        w->order[i] = i;
    return 0;
}

/* ---- checking what comes in ------------------------------------------ */

/* Bad options are errors, not bugs: a reader sets them from the command
 * line or an exercise. */
static int check_options(const wb_mlp_options *opt)
{
    if ((unsigned)opt->solver > WB_NEWTON ||
        !(WB_MLP_SOLVERS & WB_SOLVER(opt->solver)))
        return wb_fail("solver %d is not adam, sgd or lbfgs",
                       (int)opt->solver);
    if (!(opt->alpha >= 0) || !isfinite(opt->alpha))
        return wb_fail("alpha = %g: the L2 penalty must be >= 0 and finite",
                       opt->alpha);
    if (!(opt->learning_rate > 0) || !isfinite(opt->learning_rate))
        return wb_fail("learning_rate = %g: it must be > 0 and finite",
                       opt->learning_rate);
    if (opt->max_iter == 0)
        return wb_fail("max_iter = 0: training needs at least one epoch");
    if (!(opt->tol >= 0))
        return wb_fail("tol = %g: it must be >= 0", opt->tol);
    if (opt->n_iter_no_change == 0)
        return wb_fail("n_iter_no_change = 0: it must be at least 1");
    if (!(opt->beta1 >= 0 && opt->beta1 < 1) ||
        !(opt->beta2 >= 0 && opt->beta2 < 1))
        return wb_fail("beta1 = %g, beta2 = %g: both must be in [0, 1)",
                       opt->beta1, opt->beta2);
    if (!(opt->epsilon > 0) || !isfinite(opt->epsilon))
        return wb_fail("epsilon = %g: it must be > 0 and finite",
                       opt->epsilon);
    if (!(opt->momentum >= 0 && opt->momentum <= 1))
        return wb_fail("momentum = %g: it must be in [0, 1]",
                       opt->momentum);
    if (opt->max_fun == 0)
        return wb_fail("max_fun = 0: L-BFGS needs at least one evaluation");
    if (!(opt->ftol >= 0))
        return wb_fail("ftol = %g: it must be >= 0", opt->ftol);
    return 0;
}

/* X: (n, D) finite, y: (n,) of 0 and 1. */
static int check_data(const wb_array *X, const wb_array *y)
{
    size_t n = X->shape[0], D = X->shape[1];
    if (n == 0)
        return wb_fail("no samples to train on (X has 0 rows)");
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < D; j++)
            if (!isfinite(WB_AT(X, i, j)))
                return wb_fail("X[%zu][%zu] = %g: every input must be "
                               "finite", i, j, WB_AT(X, i, j));
    for (size_t i = 0; i < n; i++)
        if (y->data[i] != 0 && y->data[i] != 1)
            return wb_fail("y[%zu] = %g: the labels must be 0 or 1", i,
                           y->data[i]);
    return 0;
}

/* ---- creating a network ------------------------------------------------ */

/* The model, its layers and its parameters are one allocation:
 *     [wb_mlp][layer 0 ... layer L][padding][params: P doubles]
 * The padding puts params on a boundary fit for any type. */
wb_mlp *wb_mlp_create(size_t n_inputs, const size_t *hidden, size_t n_hidden,
                      wb_activation_kind activation,
                      const wb_mlp_options *options)
{
    wb_mlp_options o = options ? *options : wb_mlp_default_options();
    size_t L = n_hidden, P = 0, n_weights = 0, fan_in = n_inputs, head;
    size_t align = _Alignof(max_align_t);
    double *W, *b;
    wb_mlp *m;

    WB_ASSERT(activation >= WB_IDENTITY && activation <= WB_RELU,
              "no activation %d", (int)activation);
    WB_ASSERT(hidden || n_hidden == 0, "hidden sizes missing");
    if (n_inputs == 0) {
        wb_fail("a network needs at least one input (n_inputs = 0)");
        return NULL;
    }
    if (check_options(&o) != 0)
        return NULL;
    /* P = the sum over the layers of I H + H. liblbfgs counts the
     * parameters in an int, which also bounds every size below. */
    for (size_t l = 0; l <= L; l++) {
        size_t H = l < L ? hidden[l] : 1;
        if (H == 0) {
            wb_fail("hidden layer %zu has no unit: every layer needs at "
                    "least one", l + 1);
            return NULL;
        }
        if (fan_in >= INT_MAX || H > (INT_MAX - P) / (fan_in + 1)) {
            wb_fail("the network has more than %d parameters, more than "
                    "liblbfgs can count", INT_MAX);
            return NULL;
        }
        P += (fan_in + 1) * H;
        n_weights += fan_in * H;
        fan_in = H;
    }

    head = sizeof *m + (L + 1) * sizeof(wb_mlp_layer);
    head = (head + align - 1) / align * align;
    m = wb_calloc(1, size_mul_add(P, sizeof(double), head));
    if (!m)
        return NULL;
    m->n_inputs = n_inputs;
    m->n_hidden = L;
    m->activation = activation;
    m->layer = (wb_mlp_layer *)(m + 1);
    m->n_params = P;
    m->params = (double *)((char *)m + head);
    m->options = o;
    m->stop = WB_STOP_NOT_FITTED;
    snprintf(m->message, sizeof m->message, "not fitted yet");

    /* Every W first, then every b: scikit-learn's packing. */
    W = m->params;
    b = m->params + n_weights;
    fan_in = n_inputs;
    for (size_t l = 0; l <= L; l++) {
        size_t H = l < L ? hidden[l] : 1;
        m->layer[l] = (wb_mlp_layer){fan_in, H, W, b};
        W += fan_in * H;
        b += H;
        fan_in = H;
    }
    return m;
}

void wb_mlp_destroy(wb_mlp *m)
{
    if (!m)
        return;
    free(m->loss_curve);
    free(m);
}

/* region init */
/* Glorot and Bengio's uniform initialisation, with scikit-learn's bounds:
 * every weight and bias of a layer of I inputs and H units is drawn
 * uniform in [-r, r),
 *     r = sqrt(6 / (I + H)),   sqrt(2 / (I + H)) for logistic units,
 * so that a unit's input neither fades nor blows up from layer to layer.
 * The draws go layer by layer, the output unit last; in each layer, W in
 * row-major order, then b. */
void wb_mlp_init(wb_mlp *m, wb_rng *rng)
{
    double factor = m->activation == WB_SIGMOID ? 2 : 6;
    for (size_t l = 0; l <= m->n_hidden; l++) {
        wb_mlp_layer *layer = &m->layer[l];
        size_t I = layer->fan_in, H = layer->fan_out;
        double r = sqrt(factor / (double)(I + H));
        for (size_t k = 0; k < I * H; k++)
            layer->W[k] = wb_rng_uniform(rng, -r, r);
        for (size_t h = 0; h < H; h++)
            layer->b[h] = wb_rng_uniform(rng, -r, r);
    }
}
/* endregion init */

wb_mlp_options wb_mlp_default_options(void)
{
    return (wb_mlp_options){
        .solver = WB_ADAM,
        .alpha = 1e-4,
        .learning_rate = 1e-3,
        .batch_size = 0,
        .max_iter = 200,
        .tol = 1e-4,
        .n_iter_no_change = 10,
        .shuffle = true,
        .beta1 = 0.9,
        .beta2 = 0.999,
        .epsilon = 1e-8,
        .momentum = 0.9,
        .nesterov = true,
        .max_fun = 15000,
        .ftol = WB_FTOL,
        .warm_start = false,
        .progress = NULL,
        .progress_data = NULL,
    };
}

/* ---- optimisers -------------------------------------------------------- */

/* region adam */
/* One step of Adam (Kingma and Ba), as scikit-learn writes it. For every
 * parameter theta, with g its gradient:
 *     m = beta1 m + (1 - beta1) g         a running mean of g
 *     v = beta2 v + (1 - beta2) g^2       a running mean of g^2
 *     theta -= lr_t m / (sqrt(v) + eps)
 *     lr_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)
 * m and v start at 0 and so lean towards 0 at first; lr_t undoes that
 * (the bias correction) for step t = 1, 2, ..., counted over the whole
 * fit. eps is added to sqrt(v), not to the corrected sqrt(v / (1 -
 * beta2^t)) of the paper: the same for all but tiny gradients.
 * theta, m, v, g: (P,) */
WB_MLP_PASS
static void adam_step(double *restrict theta, double *restrict m,
                      double *restrict v, const double *restrict g,
                      const wb_mlp_options *opt, size_t t, size_t P)
{
    double b1 = opt->beta1, b2 = opt->beta2, eps = opt->epsilon;
    double lr_t = opt->learning_rate * sqrt(1 - pow(b2, (double)t)) /
                  (1 - pow(b1, (double)t));
    for (size_t k = 0; k < P; k++) {
        m[k] = b1 * m[k] + (1 - b1) * g[k];
        v[k] = b2 * v[k] + (1 - b2) * (g[k] * g[k]);
        theta[k] -= lr_t * m[k] / (sqrt(v[k]) + eps);
    }
}
/* endregion adam */

/* region sgd */
/* One step of gradient descent with momentum, as scikit-learn writes it.
 * The velocity u remembers past steps,
 *     u = momentum u - lr g
 * and the step is u, or, with Nesterov's momentum, a look one velocity
 * further along:
 *     theta += u                     (plain momentum)
 *     theta += momentum u - lr g     (Nesterov)
 * theta, u, g: (P,) */
static void sgd_step(double *restrict theta, double *restrict u,
                     const double *restrict g, const wb_mlp_options *opt,
                     size_t P)
{
    double mu = opt->momentum, lr = opt->learning_rate;
    for (size_t k = 0; k < P; k++) {
        u[k] = mu * u[k] - lr * g[k];
        theta[k] += opt->nesterov ? mu * u[k] - lr * g[k] : u[k];
    }
}
/* endregion sgd */

/* Appends a loss to m->loss_curve, which doubles its room when full: an
 * allocation every so many epochs, never inside one. */
static int record_loss(wb_mlp *m, double loss)
{
    if (m->n_iter == m->loss_capacity) {
        size_t cap = m->loss_capacity ? 2 * m->loss_capacity : 256;
        double *curve = wb_reallocarray(m->loss_curve, cap, sizeof *curve);
        if (!curve)
            return -1;
        m->loss_curve = curve;
        m->loss_capacity = cap;
    }
    m->loss_curve[m->n_iter++] = loss;
    m->loss = loss;
    return 0;
}

/* Why Adam or SGD stopped, in words. */
static void describe_epochs(wb_mlp *m, const wb_mlp_options *opt)
{
    if (m->stop == WB_STOP_NO_IMPROVEMENT)
        snprintf(m->message, sizeof m->message, "the loss did not improve "
                 "by tol = %g for %zu epochs in a row", opt->tol,
                 m->no_improvement);
    else if (m->stop == WB_STOP_MAX_ITER)
        snprintf(m->message, sizeof m->message, "stopped at max_iter = %zu "
                 "epochs", opt->max_iter);
    else
        snprintf(m->message, sizeof m->message, "stopped by the progress "
                 "hook after %zu epochs", m->n_iter);
}

/* region batch */
/* One mini-batch: the samples order[0..N-1] of X: (n, D) and y: (n,)
 * go forward, give their loss, come back as a gradient, and the optimiser
 * takes one step. Returns the batch's loss, before the step. */
static double train_batch(wb_mlp *m, work *w, const double *X,
                          const double *y, const size_t *order, size_t N,
                          const wb_mlp_options *opt)
{
    size_t D = m->n_inputs;
    double loss;
    for (size_t n = 0; n < N; n++) {
        for (size_t j = 0; j < D; j++)    /* a sample: a few numbers */
            w->X[n * D + j] = X[order[n] * D + j];
        w->y[n] = y[order[n]];
    }
    forward(w->p, w->act, w->X, m, N);
    loss = batch_loss(w->p, w->y, m, opt->alpha, N);
    backward(w->grad, w->d, w->delta, w->p, w->y, w->act, w->X, m,
             opt->alpha, N);
    m->n_steps++;
    if (opt->solver == WB_ADAM)
        adam_step(m->params, w->m1, w->m2, w->grad, opt, m->n_steps,
                  m->n_params);
    else
        sgd_step(m->params, w->m1, w->grad, opt, m->n_params);
    return loss;
}
/* endregion batch */

/* region epoch */
/* Adam's or SGD's training under way: what one epoch hands the next. */
struct wb_mlp_training {
    wb_mlp *m;
    wb_mlp_options opt;     /* the model's options when training began */
    const double *X, *y;    /* (n, D), (n,) */
    size_t n;
    wb_rng *rng;            /* the shuffles draw from it */
    work w;                 /* the batch, the gradient, Adam's moments */
    bool done;              /* stopped, or failed */
};

/* Adam or SGD, one epoch. The epoch shuffles the order of the n samples
 * (each shuffle starting from the last order), cuts it into consecutive
 * batches of B (the last one may be shorter) and trains on each in turn.
 * Its loss is the mean of its batch losses, each weighted by its batch's
 * size and computed before that batch's step.
 *
 * The stopping rule: an epoch whose loss is above best - tol, best being
 * the lowest loss so far, brings no improvement; more than
 * n_iter_no_change such epochs in a row stop the training, which has then
 * converged. Otherwise it stops after max_iter epochs. */
int wb_mlp_train_epoch(wb_mlp_training *t)
{
    wb_mlp *m = t->m;
    const wb_mlp_options *opt = &t->opt;
    size_t n = t->n, epoch = m->n_iter + 1;
    double sum = 0, loss;
    bool asked_to_stop;

    if (t->done)
        return m->stop == WB_STOP_NOT_FITTED ? -1 : 1;
    if (opt->shuffle)
        wb_rng_shuffle(t->rng, t->w.order, n);
    for (size_t start = 0; start < n; start += t->w.B) {
        size_t N = n - start < t->w.B ? n - start : t->w.B;
        sum += N * train_batch(m, &t->w, t->X, t->y, t->w.order + start, N,
                               opt);
    }
    loss = sum / n;
    if (!isfinite(loss)) {
        t->done = true;
        return wb_fail("the training diverged: the loss is %g at epoch %zu "
                       "(try a smaller learning rate)", loss, epoch);
    }
    if (record_loss(m, loss) != 0) {
        t->done = true;
        return -1;
    }
    asked_to_stop = opt->progress &&
                    opt->progress(opt->progress_data, epoch, loss);

    if (loss > m->best_loss - opt->tol)
        m->no_improvement++;
    else
        m->no_improvement = 0;
    if (loss < m->best_loss)
        m->best_loss = loss;
    if (m->no_improvement > opt->n_iter_no_change)
        m->stop = WB_STOP_NO_IMPROVEMENT;
    else if (asked_to_stop)
        m->stop = WB_STOP_HOOK;
    else if (epoch >= opt->max_iter)
        m->stop = WB_STOP_MAX_ITER;
    else
        return 0;               /* on to the next epoch */
    t->done = true;
    m->converged = wb_stop_converged(m->stop);
    describe_epochs(m, opt);
    return 1;
}
/* endregion epoch */

/* ---- L-BFGS ------------------------------------------------------------ */

/* The loss of all n samples at the model's weights, and its gradient into
 * grad: (P,) when grad is not NULL; w's batch size must be n. */
static double full_loss_grad(double *grad, const wb_mlp *m, work *w,
                             const double *X, const double *y, size_t n,
                             double alpha)
{
    double loss;
    forward(w->p, w->act, X, m, n);
    loss = batch_loss(w->p, y, m, alpha, n);
    if (grad)
        backward(grad, w->d, w->delta, w->p, y, w->act, X, m, alpha, n);
    return loss;
}

/* What L-BFGS's callbacks need. */
typedef struct lbfgs_run {
    wb_mlp *m;
    work *w;
    const double *X, *y;       /* (n, D), (n,) */
    size_t n;
    const wb_mlp_options *opt;
} lbfgs_run;

/* The loss at x: (P,), the model's own params, which L-BFGS moves along
 * each line search, and its gradient g: (P,). */
static double lbfgs_loss(double *g, const double *x, void *data)
{
    lbfgs_run *run = data;
    if (x != run->m->params)
        memcpy(run->m->params, x, run->m->n_params * sizeof *x);
    return full_loss_grad(g, run->m, run->w, run->X, run->y, run->n,
                          run->opt->alpha);
}

/* After iteration k >= 1: the loss curve, and the progress hook. */
static int lbfgs_iteration(void *data, size_t k, double loss)
{
    lbfgs_run *run = data;
    const wb_mlp_options *opt = run->opt;
    if (k == 0)
        return 0;
    if (record_loss(run->m, loss) != 0)
        return -1;
    return opt->progress && opt->progress(opt->progress_data, k, loss);
}

/* Full-batch L-BFGS on the loss of all n samples, as scikit-learn runs
 * scipy's (see wb_optim.c). */
static int fit_lbfgs(wb_mlp *m, work *w, const double *X, const double *y,
                     size_t n, const wb_mlp_options *opt)
{
    lbfgs_run run = {m, w, X, y, n, opt};
    wb_objective f = {lbfgs_loss, NULL, lbfgs_iteration, &run};
    wb_optim_settings s = {opt->tol, opt->ftol, opt->max_iter, opt->max_fun};
    wb_optim_result r;
    if (wb_minimize(&r, m->params, m->n_params, &f, &s, WB_LBFGS) != 0)
        return -1;
    m->n_fun = r.n_fun;
    m->loss = r.f;
    m->stop = r.stop;
    m->lbfgs_status = r.lbfgs_status;
    memcpy(m->message, r.message, sizeof r.message);
    return 0;
}

/* ---- fitting ----------------------------------------------------------- */

/* What every fit does before its first epoch or iteration: checks what
 * comes in, draws the first weights (unless warm_start), forgets what the
 * last fit said, and allocates the workspace w, for batches of B samples
 * (all n for L-BFGS). */
static int fit_begin(work *w, wb_mlp *m, const wb_array *X,
                     const wb_array *y, wb_rng *rng)
{
    const wb_mlp_options *opt = &m->options;
    size_t n, B;

    WB_ASSERT(X->ndim == 2 && X->shape[1] == m->n_inputs,
              "X must be (n, %zu)", m->n_inputs);
    WB_ASSERT(y->size == X->shape[0], "y has %zu labels for %zu samples",
              y->size, X->shape[0]);
    if (check_options(opt) != 0 || check_data(X, y) != 0)
        return -1;
    WB_ASSERT(rng || (opt->warm_start && (!opt->shuffle ||
                                          opt->solver == WB_LBFGS)),
              "this fit draws random numbers: it needs a wb_rng");
    n = X->shape[0];
    if (opt->solver == WB_LBFGS)
        B = n;
    else if (opt->batch_size == 0)
        B = n < 200 ? n : 200;
    else
        B = opt->batch_size < n ? opt->batch_size : n;

    if (!opt->warm_start)
        wb_mlp_init(m, rng);
    m->n_iter = m->n_steps = m->n_fun = m->no_improvement = 0;
    m->loss = m->best_loss = NAN;
    m->stop = WB_STOP_NOT_FITTED;
    m->converged = false;
    m->lbfgs_status = 0;
    snprintf(m->message, sizeof m->message, "not fitted: the fit failed");
    return work_alloc(w, m, B, n);
}

wb_mlp_training *wb_mlp_train_start(wb_mlp *m, const wb_array *X,
                                    const wb_array *y, wb_rng *rng)
{
    wb_mlp_training *t;
    if (m->options.solver == WB_LBFGS) {
        wb_fail("L-BFGS trains by iterations, not epochs: use wb_mlp_fit");
        return NULL;
    }
    t = wb_calloc(1, sizeof *t);
    if (!t || fit_begin(&t->w, m, X, y, rng) != 0) {
        free(t);
        return NULL;
    }
    t->m = m;
    t->opt = m->options;
    t->X = X->data;
    t->y = y->data;
    t->n = X->shape[0];
    t->rng = rng;
    m->best_loss = INFINITY;
    return t;
}

void wb_mlp_train_end(wb_mlp_training *t)
{
    if (!t)
        return;
    work_free(&t->w);
    free(t);
}

int wb_mlp_fit(wb_mlp *m, const wb_array *X, const wb_array *y,
               wb_rng *rng)
{
    const wb_mlp_options opt = m->options;
    work w;
    int status;

    if (opt.solver != WB_LBFGS) {   /* Adam or SGD: epoch after epoch */
        wb_mlp_training *t = wb_mlp_train_start(m, X, y, rng);
        if (!t)
            return -1;
        while ((status = wb_mlp_train_epoch(t)) == 0)
            ;
        wb_mlp_train_end(t);
        return status > 0 ? 0 : -1;
    }
    if (fit_begin(&w, m, X, y, rng) != 0)
        return -1;
    status = fit_lbfgs(m, &w, X->data, y->data, X->shape[0], &opt);
    work_free(&w);
    if (status != 0) {
        m->stop = WB_STOP_NOT_FITTED;
        return -1;
    }
    m->converged = wb_stop_converged(m->stop);
    return 0;
}

/* ---- using a network --------------------------------------------------- */

/* Rows go through the network in chunks of this many, so that a
 * prediction over a large grid needs little memory. */
#define CHUNK 256

/* Layer l's weighted inputs Z (when z) or its outputs, for every row of
 * X, into a new (n, H_l) array: the forward pass up to layer l. */
static wb_array *layer_values(const wb_mlp *m, const wb_array *X, size_t l,
                              bool z)
{
    size_t n, H;
    wb_array *out;
    work w;

    WB_ASSERT(X->ndim == 2 && X->shape[1] == m->n_inputs,
              "X must be (n, %zu)", m->n_inputs);
    WB_ASSERT(l <= m->n_hidden, "layer %zu of a network of %zu hidden "
              "layers", l, m->n_hidden);
    n = X->shape[0];
    H = m->layer[l].fan_out;
    out = wb_matrix(n, H);
    if (!out || work_alloc(&w, m, CHUNK, 0) != 0) {
        wb_free(out);
        return NULL;
    }
    for (size_t start = 0; start < n; start += CHUNK) {
        size_t N = n - start < CHUNK ? n - start : CHUNK;
        const wb_mlp_layer *layer = &m->layer[l];
        const double *A = X->data + start * m->n_inputs;   /* (N, I) */
        double *rows = out->data + start * H;               /* (N, H) */
        for (size_t k = 0; k < l; k++) {    /* the layers below l */
            hidden_forward(w.act[k], A, &m->layer[k], m->activation, N);
            A = w.act[k];
        }
        if (z)
            times_plus(rows, A, layer->W, layer->b, N, layer->fan_in, H);
        else if (l < m->n_hidden)
            hidden_forward(rows, A, layer, m->activation, N);
        else
            output_forward(rows, A, layer, N);
    }
    work_free(&w);
    return out;
}

wb_array *wb_mlp_layer_output(const wb_mlp *m, const wb_array *X, size_t l)
{
    return layer_values(m, X, l, false);
}

wb_array *wb_mlp_layer_z(const wb_mlp *m, const wb_array *X, size_t l)
{
    return layer_values(m, X, l, true);
}

wb_array *wb_mlp_predict_proba(const wb_mlp *m, const wb_array *X)
{
    wb_array *p = wb_mlp_layer_output(m, X, m->n_hidden);
    if (p && wb_reshape_1d(p, p->size) != 0) {
        wb_free(p);
        return NULL;
    }
    return p;
}

wb_array *wb_mlp_predict(const wb_mlp *m, const wb_array *X)
{
    wb_array *p = wb_mlp_predict_proba(m, X);
    if (p)
        for (size_t i = 0; i < p->size; i++)
            p->data[i] = p->data[i] > 0.5;
    return p;
}

int wb_mlp_loss_grad(double *loss, double *grad, const wb_mlp *m,
                     const wb_array *X, const wb_array *y, double alpha)
{
    work w;
    WB_ASSERT(X->ndim == 2 && X->shape[1] == m->n_inputs,
              "X must be (n, %zu)", m->n_inputs);
    WB_ASSERT(y->size == X->shape[0], "y has %zu labels for %zu samples",
              y->size, X->shape[0]);
    WB_ASSERT(X->shape[0] > 0, "the loss of no sample");
    if (work_alloc(&w, m, X->shape[0], 0) != 0)
        return -1;
    *loss = full_loss_grad(grad, m, &w, X->data, y->data, X->shape[0],
                           alpha);
    work_free(&w);
    return 0;
}
