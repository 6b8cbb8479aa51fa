/* wb_theme.c: the theme's colours. See wb_theme.h. */
#include "wb_theme.h"

const wb_theme_colour wb_theme_colours[WB_THEME_NCOLOURS] = {
    {0x0072B2, "blue"},   {0xE69F00, "orange"},   {0x009E73, "green"},
    {0xD55E00, "vermilion"}, {0xCC79A7, "purple"}, {0x56B4E9, "sky blue"},
    {0xF0E442, "yellow"}, {0x000000, "black"},
};

/* Viridis, as eight stops evenly spaced (gnuplot has none built in). */
const wb_theme_stop wb_theme_viridis[WB_THEME_VIRIDIS_STOPS] = {
    {0 / 7.0, 0x440154}, {1 / 7.0, 0x46337E}, {2 / 7.0, 0x365C8D},
    {3 / 7.0, 0x277F8E}, {4 / 7.0, 0x1FA187}, {5 / 7.0, 0x4AC16D},
    {6 / 7.0, 0x9FDA3A}, {7 / 7.0, 0xFDE725},
};

const wb_theme_stop wb_theme_diverging[WB_THEME_DIVERGING_STOPS] = {
    {0, 0x2166AC}, {0.5, 0xF7F7F7}, {1, 0xB2182B},
};
