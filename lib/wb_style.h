/* wb_style.h: how a series of a figure looks (types only): its style, the
 * theme's colours, dashes, where the legend goes, the colour maps. The
 * figures (wb_figure.h) and the diagrams (wb_diagram.h) speak it. */
#ifndef WB_STYLE_H
#define WB_STYLE_H

/* How a series is drawn. Zero fields take the theme's defaults, so
 * &(wb_style){.label = "category 0"} is a complete style. */
typedef struct wb_style {
    const char *label;   /* legend entry (math markup allowed); NULL: none */
    int color;           /* 1..8: a colour of the theme; 0: the next one */
    double alpha;        /* opacity in (0, 1]; 0: opaque */
    double width;        /* line width; 0: the theme's (2) */
    double size;         /* point size; 0: the theme's */
    int dash;            /* WB_SOLID (0), WB_DASHED, WB_DOTTED */
} wb_style;

enum { WB_SOLID, WB_DASHED, WB_DOTTED };

/* The theme's colours (colour-blind safe, after Okabe and Ito). Black is
 * the ink of the page where it is drawn on the paper, so that the book's
 * dark theme shows it light; on a heat map it is black. */
enum {
    WB_BLUE = 1,
    WB_ORANGE,
    WB_GREEN,
    WB_VERMILION,
    WB_PURPLE,
    WB_SKY,
    WB_YELLOW,
    WB_BLACK
};

/* Where the legend goes: inside the plot, where it hides no data, or
 * outside it. */
typedef enum wb_legend {
    WB_LEGEND_TOP_LEFT,     /* the default */
    WB_LEGEND_TOP_RIGHT,
    WB_LEGEND_BOTTOM_LEFT,
    WB_LEGEND_BOTTOM_RIGHT,
    WB_LEGEND_OUTSIDE,      /* right of the plot */
    WB_LEGEND_NONE,
    WB_LEGEND_TOP,          /* the middle of the top side */
    WB_LEGEND_BELOW         /* under the plot, its entries side by side */
} wb_legend;

typedef enum wb_palette {
    WB_PALETTE_VIRIDIS,     /* dark blue to yellow: any quantity (default) */
    WB_PALETTE_DIVERGING    /* blue, white at the middle, red: a probability */
} wb_palette;

#endif
