/* book/live/theme.c: prints the figures' theme (lib/wb_theme.c) as a
 * JavaScript object, for the live figures of book/live/live.js to draw in
 * the colours and the font of the static ones:
 *
 *     var THEME = {"font": "DejaVu Sans",
 *                  "colours": [{"name": "blue", "rgb": "#0072B2"}, ...],
 *                  "viridis": [[0, "#440154"], ...],
 *                  "diverging": [[0, "#2166AC"], [0.5, "#F7F7F7"], ...]};
 *
 * The colours come in the order of WB_BLUE ... WB_BLACK; a palette's
 * stops go from 0 to 1. The Makefile builds it and runs it when it makes
 * the script. */
#include <stdio.h>

#include "wb_theme.h"

static void put_stops(const char *name, const wb_theme_stop *stops,
                      size_t n)
{
    printf(",\n  \"%s\": [", name);
    for (size_t k = 0; k < n; k++)
        printf("%s[%.17g, \"#%06X\"]", k ? ", " : "", stops[k].at,
               (unsigned)stops[k].rgb);
    printf("]");
}

int main(void)
{
    printf("var THEME = {\n  \"font\": \"%s\",\n  \"colours\": [",
           WB_THEME_FONT);
    for (size_t k = 0; k < WB_THEME_NCOLOURS; k++)
        printf("%s\n    {\"name\": \"%s\", \"rgb\": \"#%06X\"}", k ? "," : "",
               wb_theme_colours[k].name, (unsigned)wb_theme_colours[k].rgb);
    printf("]");
    put_stops("viridis", wb_theme_viridis, WB_THEME_VIRIDIS_STOPS);
    put_stops("diverging", wb_theme_diverging, WB_THEME_DIVERGING_STOPS);
    printf("\n};\n");
    return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
