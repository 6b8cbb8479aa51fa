/* wb_activation.c: sigmoid, ReLU, tanh, identity. See wb_activation.h. */
#include "wb_activation.h"

#include <math.h>
#include <string.h>

#include "wb_core.h"

/* region sigmoid */
/* Written directly, 1 / (1 + e^-z) gives the right value for every z in
 * IEEE arithmetic, but for z < -709 it gets there through e^-z = inf (an
 * overflow, and 1 / inf = 0, which -ffast-math does not promise). So each
 * side uses the form whose exponential stays in (0, 1]:
 *     z >= 0:  1 / (1 + e^-z)
 *     z <  0:  e^z / (1 + e^z)      (the same value, times e^z / e^z)    */
double wb_sigmoid(double z)
{
    if (z >= 0)
        return 1 / (1 + exp(-z));
    double e = exp(z);
    return e / (1 + e);
}
/* endregion sigmoid */

/* d sigmoid/dz = sigmoid(z) (1 - sigmoid(z)), with 1 - sigmoid(z) taken as
 * sigmoid(-z) so that it keeps its digits when sigmoid(z) is close to 1. */
double wb_sigmoid_prime(double z)
{
    return wb_sigmoid(z) * wb_sigmoid(-z);
}

double wb_relu(double z)
{
    return z > 0 ? z : 0;
}

double wb_relu_prime(double z)
{
    return z > 0 ? 1 : 0;
}

double wb_tanh(double z)
{
    return tanh(z);
}

double wb_tanh_prime(double z)
{
    double t = tanh(z);
    return 1 - t * t;
}

double wb_identity(double z)
{
    return z;
}

double wb_identity_prime(double z)
{
    (void)z;
    return 1;
}

static const wb_activation activations[] = {
    [WB_IDENTITY] = {WB_IDENTITY, "identity", wb_identity,
                     wb_identity_prime},
    [WB_SIGMOID] = {WB_SIGMOID, "logistic", wb_sigmoid, wb_sigmoid_prime},
    [WB_TANH] = {WB_TANH, "tanh", wb_tanh, wb_tanh_prime},
    [WB_RELU] = {WB_RELU, "relu", wb_relu, wb_relu_prime},
};

const wb_activation *wb_activation_get(wb_activation_kind kind)
{
    WB_ASSERT(kind >= WB_IDENTITY && kind <= WB_RELU, "no activation %d",
              (int)kind);
    return &activations[kind];
}

const wb_activation *wb_activation_find(const char *name)
{
    if (strcmp(name, "sigmoid") == 0)
        name = "logistic";
    for (size_t i = 0; i < sizeof activations / sizeof *activations; i++)
        if (strcmp(activations[i].name, name) == 0)
            return &activations[i];
    wb_fail("unknown activation '%s' (expected identity, logistic, tanh "
            "or relu)", name);
    return NULL;
}

wb_array *wb_sigmoid_array(const wb_array *z)
{
    return wb_map(z, wb_sigmoid);
}
