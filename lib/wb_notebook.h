/* wb_notebook.h: --step, the notebook in the terminal (wb_notebook.c).
 *
 * Before each step, the chapter's text since the step before, then the
 * step's title, prose and code, and a prompt: Enter runs the step, e edits
 * the chapter there (wb_rebuild.c), b shows the text again, a runs the
 * rest without stopping, q quits. After it, what the step printed, held
 * back while it ran and then paged, and its figures, drawn in the
 * terminal. At the end, the chapter's last text: its exercises. Without a
 * terminal it shows the same, and never waits.
 *
 * Private to the runtime layer: not installed (see wb.h).
 */
#ifndef WB_NOTEBOOK_H
#define WB_NOTEBOOK_H

#include "wb_mode.h"

extern const wb_mode wb_notebook_mode;

#endif
