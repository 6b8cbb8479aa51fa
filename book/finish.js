// book/finish.js: one page of the HTML book, from the fragment pandoc made
// of it (book/book.mk):
//
//     node book/finish.js PAGE FRAGMENT TOC OUT [FIGURES]
//
// PAGE is the page's name (index, a chapter's slug, an appendix's); TOC is
// the book's table of contents (book/toc.js); FIGURES, a chapter's, the
// sizes of its figures (book/figures.js). The page gets the book's
// frame (book/template.html): the bar with the search box, the PDF and the
// pages before and after; the contents in a sidebar, with this page's
// sections open; links to the chapter's source. Its maths, left as TeX by
// pandoc, is typeset here by KaTeX, as HTML (what the reader sees, with no
// script) and MathML (what a screen reader reads), so that the page shows
// the same formulas as the printed book, in any browser. A formula KaTeX
// cannot read stops the build, with the page and the formula. A figure is
// shown at its own size, or narrower on a narrow screen; one of several
// panels is laid out panel by panel, as many side by side as the screen
// holds with their text still readable.
'use strict';
const fs = require('fs');
const path = require('path');
const katex = require('/usr/share/javascript/katex/katex.js');

const [page, fragmentFile, tocFile, outFile, figuresFile] =
  process.argv.slice(2);
const toc = JSON.parse(fs.readFileSync(tocFile, 'utf8'));
const fragment = fs.readFileSync(fragmentFile, 'utf8');
const template = fs.readFileSync(path.join(__dirname, 'template.html'),
  'utf8');

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  .replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeHtml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const plain = (html) => unescapeHtml(html.replace(/<[^>]*>/g, ''));

const pages = toc.pages;
const k = pages.findIndex((p) => p.slug === page);
if (k < 0) {
  console.error(`finish: ${page} is not in ${tocFile}`);
  process.exit(1);
}
const me = pages[k];
const label = (p) => p.label ? `${p.label}. ` : '';

// The contents in the sidebar: every page; this one open on its sections.
function sidebar() {
  const items = pages.filter((p) => p.slug !== 'index').map((p) => {
    const current = p === me;
    let li = `<li${current ? ' class="current"' : ''}><a href="${p.slug}.html"` +
      `${current ? ' aria-current="page"' : ''}><span class="label">` +
      `${p.label || ''}</span> ${p.title}</a>`;
    if (current && p.sections.length) {
      li += '\n<ol class="sections">' + p.sections.map((s) =>
        `<li><a href="#${s.id}"><span class="label">${s.number || ''}</span> ` +
        `${s.title}</a></li>`).join('\n') + '</ol>';
    }
    return li + '</li>';
  });
  return '<ol>\n' + items.join('\n') + '\n</ol>';
}

// The contents page: every page with links to each of its sections.
function contents() {
  return '<ol class="contents">\n' + pages.filter((p) => p !== me).map((p) =>
    `<li><a class="chapter" href="${p.slug}.html"><span class="label">` +
    `${p.label || ''}</span> ${p.title}</a>` +
    (p.sections.length ? '\n<ul class="sections">' + p.sections.map((s) =>
      `<li><a href="${p.slug}.html#${s.id}">${s.title}</a></li>`).join('\n') +
      '</ul>' : '') + '</li>').join('\n') + '\n</ol>';
}

function pager(where) {
  const prev = pages[k - 1], next = pages[k + 1];
  return `<nav class="pager ${where}" aria-label="pages">` +
    (prev ? `<a class="prev" href="${prev.slug}.html">← ${label(prev)}` +
            `${prev.title}</a>` : '') +
    (next ? `<a class="next" href="${next.slug}.html">${label(next)}` +
            `${next.title} →</a>` : '') + '</nav>';
}

let body = fragment;
if (page === 'index')
  body = body.replace('<!-- contents -->', contents());
// A figure opens, full size, when the reader taps it.
const figures = figuresFile ? JSON.parse(fs.readFileSync(figuresFile, 'utf8'))
  : {};
// The narrowest a panel may be: where its text is 10 CSS pixels high.
const READABLE = 10;
body = body.replace(/<figure>\s*<img src="([^"]+)"([^>]*)>/g,
  (m, src, rest) => {
    const size = figures[path.basename(src).replace(/\.svg$/, '')];
    if (!size)
      return `<figure>\n<a class="zoom" href="${src}"><img src="${src}"` +
        `${rest}></a>`;
    // Its size, and the size of its text at that size (which the book's
    // test reads).
    const wh = (s) => `width="${Math.round(s.width)}" ` +
      `height="${Math.round(s.height)}"` +
      (size.text ? ` data-text="${size.text}"` : '');
    if (!size.panels.length)
      return `<figure>\n<a class="zoom" href="${src}"><img src="${src}" ` +
        `${wh(size)}${rest}></a>`;
    // The panels, in a grid: the figure's id and its description go on the
    // grid; each panel is a view of the one SVG file.
    const id = (rest.match(/\sid="([^"]*)"/) || [])[1];
    const alt = (rest.match(/\salt="([^"]*)"/) || [])[1] || '';
    const panel = size.panels[0];
    const cols = Math.round(size.width / panel.width);
    const least = Math.ceil(panel.width * READABLE /
                            (size.text || READABLE));
    return `<figure>\n<a class="zoom panels" href="${src}"` +
      (id ? ` id="${id}"` : '') + ` aria-label="${alt}" ` +
      `style="--cols: ${cols}; --panel-min: ${least}px; ` +
      `--panel-max: ${Math.round(panel.width)}px">` +
      size.panels.map((p) => `<img src="${src}#${p.id}" ${wh(p)} alt="" ` +
        `style="aspect-ratio: ${p.width} / ${p.height}">`).join('') + '</a>';
  });

const vars = {
  title: me.title,
  pagetitle: page === 'index' ? toc.title : `${label(me)}${plain(me.title)}`,
  booktitle: toc.title,
  subtitle: toc.subtitle,
  prev: pages[k - 1] ? `<link rel="prev" href="${pages[k - 1].slug}.html">` : '',
  next: pages[k + 1] ? `<link rel="next" href="${pages[k + 1].slug}.html">` : '',
  sidebar: sidebar(),
  pager: pager('top'),
  pagerbottom: pager('bottom'),
  source: me.source ? `<p class="source">The program of this chapter: ` +
    `<a href="src/${me.source}.html"><code>${me.source}</code></a>, ` +
    `highlighted with its line numbers.</p>` : '',
  body: body,
};
let html = template.replace(/\{\{(\w+)\}\}/g, (m, name) => {
  if (!(name in vars)) {
    console.error(`finish: template.html asks for {{${name}}}, unknown`);
    process.exit(1);
  }
  return name === 'pagetitle' ? escapeHtml(plain(vars[name])) : vars[name];
});

// The maths, in the page and in its frame (titles with formulas).
html = html.replace(/<span\s+class="math (inline|display)">([\s\S]*?)<\/span>/g,
  (m, kind, tex) => {
    try {
      return katex.renderToString(unescapeHtml(tex), {
        displayMode: kind === 'display', output: 'htmlAndMathml',
        throwOnError: true, strict: 'error', trust: false,
      });
    } catch (e) {
      console.error(`finish: ${page}: cannot typeset $${unescapeHtml(tex)}$: ` +
        `${e.message}`);
      process.exit(1);
    }
  });
const tmp = outFile + '.tmp';
fs.writeFileSync(tmp, html);
fs.renameSync(tmp, outFile);
