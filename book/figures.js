// book/figures.js: a chapter's SVG figures, as its page shows them
// (book/book.mk):
//
//     node book/figures.js RUN OUT SIZES.json
//
// copies each RUN/NAME.svg, drawn by gnuplot or by cairo, to OUT/NAME.svg,
// with two additions, and writes what the page needs to know of each
// figure to SIZES.json.
//
// The dark theme. A figure's paper and ink are the theme's greys and
// tints (lib/wb_theme.h: WB_THEME_PAPER, WB_THEME_INK...); wherever
// the SVG paints with one of them, it now paints with var(--fig-paper,
// #FFFFFF), and so on, and a style sheet in the SVG gives these variables
// the values of book/style.css's dark theme when the reader's system is
// dark. Every other colour (the series', the colour maps', the white of
// a probability of 1/2) is the data's, and stays as it is drawn: the
// colours the prose names are the colours the reader sees. (Translucent
// marks on the dark paper are drawn in their own colours too, not
// darkened.) A browser that does not apply the style sheet shows the
// figure as drawn, on its paper.
//
// Panels. A figure of several panels (gnuplot's multiplot, read from
// RUN/NAME.gp) gets one view per panel, NAME.svg#panel-1 ..., so that the
// page can lay the panels out to fit the screen, side by side or one under
// the other.
//
// SIZES.json: for each figure, its width and height in the page's CSS
// pixels, the size of most of its text (0 when its letters are drawn as
// shapes, as cairo's are), and its panels' views and their sizes, if any.
'use strict';
const fs = require('fs');
const path = require('path');

const [run, out, sizesFile] = process.argv.slice(2);
const root = path.join(__dirname, '..');
const fail = (what) => {
  console.error(`figures: ${what}`);
  process.exit(1);
};

// The theme's greys and tints: '#RRGGBB' -> their name (ink, paper...).
const themeFile = path.join(root, 'lib/wb_theme.h');
const theme = new Map();
for (const m of fs.readFileSync(themeFile, 'utf8')
  .matchAll(/^#define WB_THEME_([A-Z]+) 0x([0-9A-Fa-f]{6})\b/gm))
  theme.set('#' + m[2].toUpperCase(), m[1].toLowerCase());

// Their values in the dark: style.css's --fig-NAME, in its dark theme.
const css = fs.readFileSync(path.join(root, 'book/style.css'), 'utf8');
const darkBlock = css.match(
  /@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}/);
if (!darkBlock)
  fail('book/style.css has no dark theme (:root in a dark @media)');
// A value may be another variable of the block: --fig-paper: var(--bg).
const declared = new Map([...darkBlock[1].matchAll(/(--[\w-]+):\s*([^;]+);/g)]
  .map((m) => [m[1], m[2].trim()]));
const value = (v) => {
  const m = v.match(/^var\((--[\w-]+)\)$/);
  return m && declared.has(m[1]) ? value(declared.get(m[1])) : v;
};
const dark = [...declared].filter(([k]) => k.startsWith('--fig-'))
  .map(([k, v]) => [k, k.slice(6), value(v)]);
for (const [k, , v] of dark)
  if (!/^#[0-9a-fA-F]{6}$/.test(v))
    fail(`book/style.css: ${k}: ${v} is no colour`);
const named = new Set(dark.map((d) => d[1]));
for (const name of theme.values())
  if (!named.has(name))
    fail(`book/style.css's dark theme has no --fig-${name} for WB_THEME_` +
      `${name.toUpperCase()} (lib/wb_theme.h)`);
for (const name of named)
  if (![...theme.values()].includes(name))
    fail(`book/style.css's --fig-${name} is no colour of lib/wb_theme.h`);
// Translucent data on the dark paper would darken into other colours
// (orange into brown): there a mark is nearly opaque, and where marks
// overlap each of their red, green and blue is the lighter one's, so
// that, as on the white paper, their colour grows stronger where they
// pile up and mixes where two colours meet. (On a colour map,
// translucent marks are left as drawn: the map is their paper, in both
// themes.) And two rules for any theme:
// the bands of gnuplot's colour bar, polygons side by side, meet without
// a seam of paper between them; a heat map, an image of one pixel a
// value, shows its cells as cells, as in the PNG, not blurred.
const style = '<style>polygon { shape-rendering: crispEdges; } ' +
  'image { image-rendering: pixelated; } ' +
  '@media (prefers-color-scheme: dark) { :root { ' +
  dark.map(([k, , v]) => `${k}: ${v};`).join(' ') + ' } ' +
  '.glass { opacity: 0.85; fill-opacity: 1; stroke-opacity: 1; ' +
  'mix-blend-mode: lighten; } }</style>';

// A colour as gnuplot or cairo writes it -> '#RRGGBB', or null.
const hex2 = (v) => Math.round(v).toString(16).toUpperCase().padStart(2, '0');
function normal(value) {
  const v = value.trim().toLowerCase();
  if (v === 'white') return '#FFFFFF';
  if (v === 'black') return '#000000';
  let m = v.match(/^#([0-9a-f]{6})$/);
  if (m) return '#' + m[1].toUpperCase();
  m = v.match(/^rgb\(\s*([\d.]+)(%?)\s*,\s*([\d.]+)%?\s*,\s*([\d.]+)%?\s*\)$/);
  if (!m) return null;
  const k = m[2] ? 2.55 : 1;
  return '#' + hex2(m[1] * k) + hex2(m[3] * k) + hex2(m[4] * k);
}
// 'rgb(34,34,34)' -> 'var(--fig-ink, #222222)' when it is the theme's.
function themed(value) {
  const c = normal(value);
  return c && theme.has(c) ? `var(--fig-${theme.get(c)}, ${c})` : null;
}

const PAINT = new Set(['fill', 'stroke', 'color', 'flood-color', 'stop-color']);
const OPACITY = new Set(['opacity', 'fill-opacity', 'stroke-opacity']);
// One start tag: its colour attributes, and the colours in its style
// attribute, painted with the theme's variables (a presentation attribute
// cannot hold var(): such a colour moves into the style attribute). Data
// drawn translucent on the paper are marked as glass (with `glass` true).
function retag(tag, glass) {
  const m = tag.match(/^<([\w:-]+)([\s\S]*?)(\/?)>$/);
  if (!m) return tag;
  const attrs = [...m[2].matchAll(/([\w:-]+)\s*=\s*("[^"]*"|'[^']*')/g)]
    .map((a) => [a[1], a[2].slice(1, -1)]);
  const moved = [];
  let changed = false;
  const kept = attrs.filter(([name, value]) => {
    const t = PAINT.has(name) && themed(value);
    if (t) moved.push(`${name}:${t}`);
    return !t;
  }).map(([name, value]) => {
    if (name !== 'style') return [name, value];
    return [name, value.replace(/([\w-]+)\s*:\s*([^;]+)/g, (d, prop, v) => {
      const t = PAINT.has(prop) && themed(v);
      if (!t) return d;
      changed = true;
      return `${prop}:${t}`;
    })];
  });
  if (glass && !moved.length && !changed &&
      attrs.some(([name, value]) => OPACITY.has(name) && +value < 1))
    kept.push(['class', 'glass']);
  else if (!moved.length && !changed) return tag;
  const styled = kept.find(([name]) => name === 'style');
  if (styled) styled[1] = moved.concat(styled[1] ? [styled[1]] : []).join(';');
  else if (moved.length) kept.push(['style', moved.join(';')]);
  return `<${m[1]}` + kept.map(([n, v]) =>
    ` ${n}="${v.replace(/"/g, '&quot;')}"`).join('') + `${m[3]}>`;
}

// The views of a multiplot's panels: gnuplot's `set multiplot layout R,C`
// gives each panel an equal cell, row by row.
function views(gp, width, height) {
  const m = gp.match(/^set multiplot layout (\d+),(\d+)$/m);
  if (!m) return [];
  const rows = +m[1], cols = +m[2], list = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++)
      list.push({id: `panel-${list.length + 1}`,
                 box: [c * width / cols, r * height / rows, width / cols,
                       height / rows].map((x) => +x.toFixed(2))});
  return list;
}

// The size of most of the text: the font size most letters are set in.
function textSize(svg) {
  const count = new Map();
  for (const m of svg.matchAll(/font-size[=:]\s*"?([\d.]+)/g))
    count.set(+m[1], (count.get(+m[1]) || 0) + 1);
  let best = 0, most = 0;
  count.forEach((n, size) => { if (n > most) { best = size; most = n; } });
  return best;
}

fs.mkdirSync(out, {recursive: true});
const sizes = {};
const files = fs.readdirSync(run).filter((f) => f.endsWith('.svg')).sort();
for (const file of files) {
  const name = file.slice(0, -4);
  const svg = fs.readFileSync(path.join(run, file), 'utf8');
  const open = svg.match(/<svg\b[^>]*>/);
  const box = open && open[0].match(
    /viewBox="\s*[\d.-]+[\s,]+[\d.-]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/);
  if (!box) fail(`${run}/${file} is no SVG with a viewBox`);
  const width = +box[1], height = +box[2];
  // Its size on the page: the width it asks for, in CSS pixels.
  const asked = open[0].match(/\swidth="([\d.]+)(pt|px)?"/);
  const scale = asked ? asked[1] * (asked[2] === 'pt' ? 4 / 3 : 1) / width : 1;
  const css = (x) => +(x * scale).toFixed(2);
  const gpFile = path.join(run, name + '.gp');
  const panels = fs.existsSync(gpFile)
    ? views(fs.readFileSync(gpFile, 'utf8'), width, height) : [];
  const head = style + panels.map((v) =>
    `<view id="${v.id}" viewBox="${v.box.join(' ')}"/>`).join('');
  const at = open.index + open[0].length;
  // Glass: translucent marks of a plot (gnuplot's, drawn from a script)
  // with no colour map. (A diagram's translucent edge is a faint one, and
  // stays faint.)
  const glass = fs.existsSync(gpFile) && !/<image\b/.test(svg);
  const body = svg.slice(at).replace(/<[\w:-]+(?:\s[^<>]*)?\/?>/g,
    (tag) => retag(tag, glass));
  const tmp = path.join(out, `.${file}.tmp`);
  fs.writeFileSync(tmp, svg.slice(0, at) + '\n' + head + body);
  fs.renameSync(tmp, path.join(out, file));
  sizes[name] = {width: css(width), height: css(height),
                 text: css(textSize(svg)),
                 panels: panels.map((v) => ({id: v.id, width: css(v.box[2]),
                                             height: css(v.box[3])}))};
}
fs.writeFileSync(sizesFile + '.tmp', JSON.stringify(sizes, null, 1) + '\n');
fs.renameSync(sizesFile + '.tmp', sizesFile);
