/* wb_rebuild.h: e in the notebook (wb_rebuild.c): the chapter opened in the
 * reader's editor at a step, rebuilt with make, and started again at that
 * step with the change.
 *
 * Private to the runtime layer: not installed (see wb.h).
 */
#ifndef WB_REBUILD_H
#define WB_REBUILD_H

#include <stddef.h>

#include "wb_mode.h"
#include "wb_pager.h"

/* e at step k: opens s->source in $VISUAL, else $EDITOR, else vi, at the
 * step's first line; if the reader changed it, rebuilds the program with
 * make in s->root and starts the new one at step k, with the same options
 * (execv: this does not return). When the source is unchanged or does not
 * build, says so (make's errors on pages of pg) and returns. Before the
 * new program starts, the figures are all drawn and the terminal is as it
 * was. */
void wb_rebuild(wb_session *s, wb_pager *pg, size_t k);

#endif
