/* wb_pager.h: the terminal under the notebook (wb_pager.c): its size and
 * colours, keys read one at a time, prompts, and pages.
 *
 * The notebook shows text in blocks (a step's prose and code, its output,
 * a figure). On a terminal, a block that does not fit in what is left of
 * the screen stops when the screen is full, with a prompt, as `less` does:
 * nothing the reader has not seen scrolls away. Keys are read one at a
 * time, with the terminal in non-canonical mode only while a prompt waits;
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT put the terminal back as it was
 * before the program dies, as the end of the program does. A terminal
 * whose TERM is "dumb", or unset, gets no escape sequence at all.
 *
 * Private to the runtime layer: not installed (see wb.h).
 */
#ifndef WB_PAGER_H
#define WB_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "wb_core.h"

/* A block of text that can be drawn again for another screen (the prose
 * and code of a step): appends it to `out`, for the screen's width as
 * wb_pager has it now. */
typedef void wb_pager_render(wb_buf *out, void *ctx);

typedef struct wb_pager {
    bool interactive;     /* standard input and output are terminals */
    bool escapes;         /* the terminal takes escape sequences: TERM is
                             set and is not "dumb" */
    bool styled;          /* bold and colours allowed (escapes, and no
                             NO_COLOR) */
    bool paging;          /* stop when the screen is full; false once the
                             reader asked to run all the rest */
    int cols, rows;       /* the screen, read again before each block */
    int used;             /* rows written since the reader's last key */
    wb_pager_render *kept;    /* the last block shown with */
    void *kept_ctx;           /* wb_pager_keep_block, for showing it again */
    bool edit_key;        /* the prompt at a full screen also takes e */
} wb_pager;

/* What a prompt returns, beside the keys it was asked for: the screen's
 * size changed while it waited (SIGWINCH). */
#define WB_KEY_RESIZE 0x100

/* Reads what the terminal is: interactive, styled, its size; and from
 * then on notes when its size changes. */
void wb_pager_init(wb_pager *pg);
void wb_pager_free(wb_pager *pg);
/* Reads the screen's size again (it may have changed). */
void wb_pager_resize(wb_pager *pg);

/* Whether the terminal on standard output takes escape sequences: TERM
 * is set, and not "dumb". */
bool wb_pager_escapes_allowed(void);
/* Whether colour is allowed on standard output: a terminal that takes
 * escape sequences, NO_COLOR not set. */
bool wb_pager_colour_allowed(void);

/* Asks the terminal for its primary device attributes (ESC [ c); a reply
 * listing attribute 4 means it draws sixel graphics. Waits at most 0.3 s,
 * with the terminal restored on every path, a signal included. */
bool wb_pager_terminal_has_sixel(void);

/* Writes a block of text (lines ending in newlines), stopping at each full
 * screen, as less does, for Space (a page), Enter (a line), b (a page
 * back), G (the end of the block), q (close the block: the rest is not
 * shown) and, with edit_key, e. Returns 0 once the whole block is shown,
 * 'q' when the reader closed it, or 'e' to edit. Without a terminal, or
 * when paging is off, it writes the text straight out. */
int wb_pager_page(wb_pager *pg, const char *text);
/* Writes an image `rows` rows high (sixel), on the screen as a whole:
 * after a prompt when it does not fit in what is left of it. */
int wb_pager_page_image(wb_pager *pg, const char *data, size_t len, int rows);
/* wb_pager_page for a block that render(out, ctx) writes: when the
 * screen's size changes while the reader reads it, it is written again
 * for the new width, from its top. */
int wb_pager_show(wb_pager *pg, wb_pager_render *render, void *ctx);
/* wb_pager_show, and keeps the block for wb_pager_page_again (ctx must
 * live as long as the block is kept). */
int wb_pager_keep_block(wb_pager *pg, wb_pager_render *render, void *ctx);
/* The kept block again, from its top, on a cleared screen (on a dumb
 * terminal, after what is there), for the screen as it is now. */
int wb_pager_page_again(wb_pager *pg);

/* A prompt on the last line, in bold: `text`, which names the keys. Waits
 * for one of the characters in `keys` ('\n' stands for Enter) and returns
 * it, or WB_KEY_RESIZE when the screen's size changed, or 'q' at the end
 * of the input. The prompt is erased afterwards. */
int wb_pager_ask(wb_pager *pg, const char *text, const char *keys);

#endif
