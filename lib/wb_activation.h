/* wb_activation.h: activation functions and their derivatives.
 *
 * A neuron computes z = w . x + b and passes it through an activation f.
 * The output neuron of a binary classifier uses the sigmoid, whose value is
 * read as a probability; hidden neurons usually use ReLU or tanh.
 *
 * Every function here is finite and exact to rounding for any finite z,
 * including z = -1e4 and z = 1e4 where the textbook 1 / (1 + exp(-z))
 * overflows exp.
 */
#ifndef WB_ACTIVATION_H
#define WB_ACTIVATION_H

#include "wb_array.h"

/* sigmoid(z) = 1 / (1 + e^-z), in (0, 1); sigmoid(0) = 1/2,
 * sigmoid(-z) = 1 - sigmoid(z). */
double wb_sigmoid(double z);
/* sigmoid'(z) = sigmoid(z) (1 - sigmoid(z)); at most 1/4, at z = 0. */
double wb_sigmoid_prime(double z);

/* relu(z) = max(0, z): continuous everywhere; its derivative jumps from 0
 * to 1 at z = 0 (taken as 0 there, as scikit-learn does). */
double wb_relu(double z);
double wb_relu_prime(double z);

/* tanh(z) = (e^z - e^-z) / (e^z + e^-z) = 2 sigmoid(2z) - 1, in (-1, 1). */
double wb_tanh(double z);
/* tanh'(z) = 1 - tanh(z)^2. */
double wb_tanh_prime(double z);

/* identity(z) = z; identity'(z) = 1. */
double wb_identity(double z);
double wb_identity_prime(double z);

/* The activations by name, for models and command lines that choose one. */
typedef enum wb_activation_kind {
    WB_IDENTITY,
    WB_SIGMOID,
    WB_TANH,
    WB_RELU
} wb_activation_kind;

typedef struct wb_activation {
    wb_activation_kind kind;
    const char *name;            /* "identity", "logistic", "tanh", "relu" */
    double (*f)(double z);
    double (*prime)(double z);
} wb_activation;

/* The activation of a kind; the names are scikit-learn's. */
const wb_activation *wb_activation_get(wb_activation_kind kind);
/* The activation called `name`, or NULL with an error. "sigmoid" is
 * accepted as another name for "logistic". */
const wb_activation *wb_activation_find(const char *name);

/* wb_map with the sigmoid: a new array of sigmoid(z) for every z. */
wb_array *wb_sigmoid_array(const wb_array *z);

#endif
