/* The check of exercises/05_1_relu.c: relu against max(0, z); relu_prime
 * against finite differences of relu; then relu_prime in chapter 5's
 * gradient check of the hidden biases, against finite differences of the
 * library's loss. */
#include "quadrants.h"

/* The finite differences' step, for relu and for the loss. */
#define EPS 1e-6

/* The bias gradients by the formula with the reader's relu_prime, and by
 * central differences of the loss; units with a sample within EPS of
 * their kink are left out, as the chapter leaves them out. */
static int check_bias_gradient(const quadrants *q)
{
    wb_mlp *net = wb_mlp_create(2, (size_t[]){50}, 1, WB_RELU, NULL);
    wb_rng rng = q->start;
    if (!net)
        return -1;
    wb_mlp_init(net, &rng);
    wb_array *Z = wb_mlp_layer_z(net, q->X, 0);    /* Z = X W + b: (N, H) */
    wb_array *p = wb_mlp_predict_proba(net, q->X);
    if (!Z || !p)
        return -1;
    size_t N = Z->shape[0], H = Z->shape[1], checked = 0;
    const double *v = net->layer[1].W;
    for (size_t h = 0; h < H; h++) {
        bool kink = false;
        double formula = 0, up, down, b = net->layer[0].b[h];
        for (size_t n = 0; n < N; n++) {
            kink = kink || fabs(WB_AT(Z, n, h)) < EPS;
            formula += (p->data[n] - q->y->data[n]) * v[h] *
                       relu_prime(WB_AT(Z, n, h));
        }
        formula /= (double)N;
        net->layer[0].b[h] = b + EPS;
        int rc = wb_mlp_loss_grad(&up, NULL, net, q->X, q->y, 1e-4);
        net->layer[0].b[h] = b - EPS;
        rc |= wb_mlp_loss_grad(&down, NULL, net, q->X, q->y, 1e-4);
        net->layer[0].b[h] = b;
        if (rc != 0)
            return -1;
        if (kink)
            continue;
        char what[128];
        snprintf(what, sizeof what, "unit %zu: dL/db_h by the formula with "
                 "your relu_prime (finite differences are the expected)",
                 h + 1);
        /* The central difference errs by rounding, 1e-16 L / EPS, and
         * nothing else on a piecewise linear unit away from its kink:
         * 1e-8 plus 1e-6 relative, as the chapter's check. */
        check_close(what, formula, (up - down) / (2 * EPS), 1e-8, 1e-6);
        checked++;
    }
    printf("  the gradient check: %zu of the %zu hidden units compared "
           "(seed %d)\n", checked, H, CHECK_SEED);
    wb_free(Z);
    wb_free(p);
    wb_mlp_destroy(net);
    return 0;
}

int main(void)
{
    static const double zs[] = {-1e4, -3, -0.5, -1e-300, 0, 1e-300, 0.5,
                                3, 1e4};
    char what[128];
    for (size_t i = 0; i < sizeof zs / sizeof *zs; i++) {
        snprintf(what, sizeof what, "your relu(%g)", zs[i]);
        /* max(0, z) is exact: no tolerance. */
        check_close(what, relu(zs[i]), fmax(0, zs[i]), 0, 0);
    }
    for (size_t i = 0; i < sizeof zs / sizeof *zs; i++) {
        double z = zs[i];
        if (fabs(z) <= EPS)
            continue;
        double h = EPS * (1 + fabs(z));
        double fd = (relu(z + h) - relu(z - h)) / (2 * h);
        snprintf(what, sizeof what, "your relu_prime(%g) (finite "
                 "differences of your relu are the expected)", z);
        check_close(what, relu_prime(z), fd, 1e-6, 1e-6);
    }
    double at_kink = relu_prime(0);
    if (!(at_kink >= 0 && at_kink <= 1))
        check_fail("your relu_prime(0)\n    expected a value from 0 to 1, "
                   "got %g", at_kink);
    if (check_failures)
        return check_verdict("");

    quadrants q;
    if (quadrants_draw(&q) != 0 || check_bias_gradient(&q) != 0)
        return check_error("the gradient check");
    quadrants_free(&q);
    return check_verdict("relu is max(0, z), and relu_prime its derivative: "
                         "the gradient check agrees");
}
