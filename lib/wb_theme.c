/* wb_theme.c: the theme's colours. See wb_theme.h. */
#include "wb_theme.h"

const wb_theme_colour wb_theme_colours[WB_THEME_NCOLOURS] = {
    {0x0072B2, "blue"},   {0xE69F00, "orange"},   {0x009E73, "green"},
    {0xD55E00, "vermilion"}, {0xCC79A7, "purple"}, {0x56B4E9, "sky blue"},
    {0xF0E442, "yellow"}, {0x000000, "black"},
};
