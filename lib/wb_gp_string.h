/* wb_gp_string.h: texts as gnuplot strings (wb_gp_string.c).
 *
 * Private to the figures layer: not installed (see wb.h).
 */
#ifndef WB_GP_STRING_H
#define WB_GP_STRING_H

#include <stdbool.h>

/* `text` as a gnuplot string that shows it literally and cannot run
 * anything: single-quoted, with '' for a quote, control characters replaced
 * by spaces, and gnuplot's enhanced-text characters (^ _ @ & ~ { } \)
 * escaped. With `math` true, $...$ spans are turned into enhanced text (see
 * wb_mathtext.h); wrong math is an error. A new string, or NULL with
 * an error. */
char *wb_gp_string(const char *text, bool math);

#endif
