/* wb.h: the workbook's library, all of it, layer by layer from the ground
 * up. Each header is one concept, implemented by the .c file of the same
 * name (wb_runtime.h by wb_runtime.c...); a file uses only the layers
 * below its own (tools/check-layers checks it).
 *
 * The ground: what every other file uses.
 *   wb_core.h        errors, memory, files written safely
 * Numbers, models and data: what an exercise, a program of your own or
 * the WebAssembly module of the live book uses alone.
 *   wb_array.h       numpy-like arrays: linspace, meshgrid, reshape, print
 *   wb_rng.h         seeded random numbers: uniform, normal, multivariate
 *   wb_activation.h  sigmoid, ReLU, tanh and their derivatives
 *   wb_optim.h       what the models share: solvers, why a fit stops,
 *                    L-BFGS and Newton's method
 *   wb_logreg.h      logistic regression, fitted like scikit-learn's
 *   wb_mlp.h         the multi-layer perceptron, trained like scikit-learn's
 *   wb_metrics.h     accuracy, log-loss, confusion counts
 *   wb_data.h        samples read from and written to CSV files
 *   wb_sample.h      the tutorial's samples
 * Math text: the TeX of captions and prose.
 *   wb_mathtext.h    its parser, and its rendering as Unicode text
 * Figures, diagrams and the terminal.
 *   wb_output.h      where figures go, and what was drawn
 *   wb_style.h       how a series looks: colours, dashes, legends, maps
 *   wb_figure.h      figures drawn by gnuplot
 *   wb_diagram.h     neurons and networks drawn by cairo
 *   wb_term.h        the book's prose in a terminal
 *   wb_show.h        a figure drawn in a terminal
 * The literate chapter.
 *   wb_lit.h         the literate grammar, read once: a chapter's prose and
 *                    code as tokens, which the weaver and the notebook render
 *   wb_exercise.h    a chapter's checked exercises
 *   wb_manifest.h    what a book-mode run leaves for the weaver
 * The runtime.
 *   wb_runtime.h     steps and the command line (wb_runtime.c, with the
 *                    plain run, --quiet, --json and --book); --step, the
 *                    notebook, is wb_notebook.c, its terminal wb_pager.c,
 *                    and its e (edit, rebuild, rerun) wb_rebuild.c
 *
 * The other headers of lib/ are private to their layer, each beside the
 * files that use it, and are not installed: wb_signals.h (child processes,
 * and the files a signal must remove), wb_gp_process.h, wb_gp_render.h,
 * wb_gp_script.h, wb_gp_string.h, wb_figure_data.h and wb_theme.h (how
 * gnuplot draws a figure), wb_mode.h, wb_notebook.h, wb_pager.h and
 * wb_rebuild.h (how the runtime shows the steps).
 *
 * Who frees what. A function that returns something new (an array, a
 * string, a model, a figure) gives it to the caller, who frees it once
 * (wb_free, free, wb_logreg_destroy, wb_figure_render...); every free
 * function accepts NULL. In a chapter, a step hands each array it makes to
 * wb_keep: the run then owns it and frees it when the run ends, so a step
 * is right on every path, early returns included (wb_runtime.h).
 */
#ifndef WB_H
#define WB_H

#include "wb_core.h"
#include "wb_array.h"
#include "wb_rng.h"
#include "wb_activation.h"
#include "wb_optim.h"
#include "wb_logreg.h"
#include "wb_mlp.h"
#include "wb_metrics.h"
#include "wb_data.h"
#include "wb_sample.h"
#include "wb_mathtext.h"
#include "wb_output.h"
#include "wb_style.h"
#include "wb_figure.h"
#include "wb_diagram.h"
#include "wb_term.h"
#include "wb_show.h"
#include "wb_lit.h"
#include "wb_exercise.h"
#include "wb_manifest.h"
#include "wb_runtime.h"

#endif
