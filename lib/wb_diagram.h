/* wb_diagram.h: pictures of neurons and networks, drawn with cairo.
 *
 * gnuplot draws data; a network is a drawing: circles, boxes, arrows and
 * formulas. These functions draw them directly with cairo, into NAME.png
 * (for the HTML book and the screen) and NAME.pdf (vector, for the printed
 * book), or NAME.svg, as the output asks (wb_output.h), through temporary
 * files like every file the workbook writes: all the formats, or none. They
 * are drawn by the same code, so they show the same picture.
 */
#ifndef WB_DIAGRAM_H
#define WB_DIAGRAM_H

#include <stddef.h>

#include "wb_array.h"
#include "wb_output.h"

/* The one-neuron network: the input x enters the neuron, which computes the
 * weighted sum z = w x + b, then applies the sigmoid, and outputs sigma(z),
 * the probability of category 1. Saved as NAME.png and NAME.pdf and recorded
 * in the output like a figure, with `caption`. */
int wb_diagram_neuron(wb_output *out, const char *name, const char *caption);

/* A fully connected network with nlayers layers of sizes[0..nlayers-1]
 * neurons (inputs first, the output last). weights[l], when given, is the
 * (sizes[l], sizes[l+1]) matrix of layer l's weights: each edge is drawn
 * with a width that grows with |w| and a colour for its sign. weights may
 * be NULL, and so may any weights[l], to draw plain edges. Large layers are
 * drawn with their first and last neurons and an ellipsis between. */
int wb_diagram_network(wb_output *out, const char *name, const char *caption,
                       const size_t *sizes, size_t nlayers,
                       const wb_array *const *weights);

/* One layer of a network's picture, for wb_diagram_layers. Only `size` is
 * needed; the rest, when given, shows more of a trained network. */
typedef struct wb_diagram_layer {
    size_t size;              /* its neurons */
    const size_t *shown;      /* the neurons to draw, counted from 0, in
                                 this order, and an ellipsis after them for
                                 the others; NULL: every neuron of a small
                                 layer, the first and last ones of a large
                                 one */
    size_t nshown;            /* how many `shown` lists */
    const wb_array *weights;  /* (size of the layer before, size): the
                                 weights of the edges coming in, drawn as
                                 by wb_diagram_network; NULL: plain edges
                                 (and always for the input layer) */
    const wb_array *biases;   /* (size,): each neuron's bias, written under
                                 it; or NULL */
} wb_diagram_layer;

/* The network of layers[0..nlayers-1], inputs first, the output last, as
 * wb_diagram_network draws it, with the neurons each layer chooses to show
 * and their biases. A neuron keeps its number (h_13 is neuron 12 of the
 * hidden layer), and an edge its weight, whichever neurons are drawn. */
int wb_diagram_layers(wb_output *out, const char *name, const char *caption,
                      const wb_diagram_layer *layers, size_t nlayers);

#endif
