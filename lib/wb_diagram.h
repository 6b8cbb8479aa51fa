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

#endif
