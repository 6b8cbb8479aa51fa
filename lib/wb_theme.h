/* wb_theme.h: the colours and the font of every figure and diagram.
 *
 * Private to the figures and diagrams layer: not installed (see wb.h).
 */
#ifndef WB_THEME_H
#define WB_THEME_H

#include <stdint.h>

/* The font of every text. */
#define WB_THEME_FONT "DejaVu Sans"

typedef struct wb_theme_colour {
    uint32_t rgb;         /* 0xRRGGBB */
    const char *name;
} wb_theme_colour;

/* The colours of series, in the order of WB_BLUE ... WB_BLACK: those of
 * Okabe and Ito, told apart also by readers with colour blindness. They
 * are the data's colours: the same in every picture of the book. */
enum { WB_THEME_NCOLOURS = 8 };
extern const wb_theme_colour wb_theme_colours[WB_THEME_NCOLOURS];

/* The palettes of the maps, as stops along the values from 0 to 1:
 * viridis (dark blue to yellow) for any quantity, and a diverging one
 * (blue, white at the middle, red) for a probability, whose 1/2 is
 * white. The colours between two stops are mixed from them. */
typedef struct wb_theme_stop {
    double at;            /* 0 to 1 */
    uint32_t rgb;         /* 0xRRGGBB */
} wb_theme_stop;
enum { WB_THEME_VIRIDIS_STOPS = 8, WB_THEME_DIVERGING_STOPS = 3 };
extern const wb_theme_stop wb_theme_viridis[WB_THEME_VIRIDIS_STOPS];
extern const wb_theme_stop wb_theme_diverging[WB_THEME_DIVERGING_STOPS];

/* The paper and the ink: greys and tints. In the HTML book's dark theme
 * each of these becomes the colour of its name in book/style.css
 * (--fig-ink for WB_THEME_INK...), while the colours above, the colour
 * maps and WB_THEME_CARD stay as drawn: so every value here is a colour
 * of its own, used for nothing else. */
#define WB_THEME_INK 0x222222          /* texts; black lines on the paper */
#define WB_THEME_AXIS 0x404040         /* the axes of a figure */
#define WB_THEME_GRID 0xE3E3E3         /* its grid */
#define WB_THEME_MUTED 0x666666        /* captions and small titles */
#define WB_THEME_FAINT 0xBBBBBB        /* the axes inside a diagram */
#define WB_THEME_EDGE 0x999999         /* an edge without a weight */
#define WB_THEME_PAPER 0xFFFFFF
#define WB_THEME_PANEL 0xF4F4F4        /* the inside of the neuron */
#define WB_THEME_INPUT 0xFCEFD6        /* inputs: orange, light */
#define WB_THEME_OUTPUT 0xD9F0E9       /* outputs: green, light */

/* The legend of a plot with a colour map: a card, light in any theme,
 * since the lines and points it names are drawn on the map, which keeps
 * its colours; its text is black. */
#define WB_THEME_CARD 0xFAFAFA

#endif
