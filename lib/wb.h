/* wb.h: the workbook's library, all of it.
 *
 *   wb_core.h        errors, memory, files written safely
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
 *   wb_output.h      where figures go, and what was drawn
 *   wb_plot.h        figures drawn by gnuplot
 *   wb_diagram.h     neurons and networks drawn by cairo
 *   wb_runtime.h     steps and the command line (wb_runtime.c, with the
 *                    plain run, --quiet, --json and --book); --step, the
 *                    notebook, is wb_notebook.c, its terminal wb_pager.c,
 *                    and its e (edit, rebuild, rerun) wb_rebuild.c
 *   wb_lit.h         the literate grammar, read once: a chapter's prose and
 *                    code as tokens, which the weaver and the notebook render
 *   wb_manifest.h    what a book-mode run leaves for the weaver
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
#include "wb_output.h"
#include "wb_plot.h"
#include "wb_diagram.h"
#include "wb_runtime.h"
#include "wb_lit.h"
#include "wb_exercise.h"
#include "wb_manifest.h"

#endif
