// book/search.js: the HTML book's search index, built once here with lunr
// (book/book.mk) and loaded by each page as a script, so that searching
// needs no server and works from the file system:
//
//     node book/search.js OUT.js TOC.json FRAGMENTS-DIR MATH-TEXT
//
// One entry per section of every page, with four fields, weighed so that
// the section that teaches a term comes first: its title and the name of
// its step (section "2.3 A grid over the plane" is the step `meshgrid`,
// and step names are the tutorial's words), then its prose, then, far
// behind, its code and its outputs (a reader may still search for a
// function's name or a number). Words split at spaces, hyphens and
// underscores, so that `wb_meshgrid` is found by "meshgrid" too.
//
// What a result quotes is the section's prose as plain text, its maths
// written in Unicode (σ(z) = 1/(1 + e⁻ᶻ), as in the terminal) by the
// program MATH-TEXT (book/math-text.c).
'use strict';
const fs = require('fs');
const path = require('path');
const {execFileSync} = require('child_process');
const lunr = require('/usr/share/nodejs/lunr/index.js');

const [outFile, tocFile, dir, mathText] = process.argv.slice(2);
const toc = JSON.parse(fs.readFileSync(tocFile, 'utf8'));
const SEPARATOR = /[\s\-_]+/;

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
// Text as it reads: an inline tag (<em>sigmoid</em>,) leaves nothing, the
// others a space.
const text = (html) => unescape(html
  .replace(/<\/?(?:a|b|code|em|i|mark|span|strong|sub|sup)\b[^>]*>/g, '')
  .replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
const MATH = /<span\s+class="math (?:inline|display)">([\s\S]*?)<\/span>/g;

// Every page's sections, with their maths marked \u0000k\u0000 (formula
// k), and the formulas, to be written as text in one run of MATH-TEXT.
// (An equation's number, \tag{1.2}, which the weaver added, follows it.)
const formulas = [];
const mark = (html) => html.replace(MATH, (m, tex) => {
  let tag = '';
  tex = unescape(tex).replace(/\\tag\{([^}]*)\}/, (t, n) => {
    tag = ` (${n})`;
    return '';
  });
  return `\u0000${formulas.push(tex) - 1}\u0000${tag}`;
});
const sections = [];
for (const page of toc.pages) {
  const html = mark(fs.readFileSync(path.join(dir, page.slug + '.html'),
                                    'utf8'));
  // The text before the first section (the introduction), then each one.
  const parts = html.split(/(?=<section id="[^"]+"\s+class="level2)/);
  parts.forEach((part, i) => {
    const id = i === 0 ? '' : part.match(/<section id="([^"]+)"/)[1];
    const section = page.sections.find((s) => s.id === id);
    // Its prose, without its title (a field of its own), the headings'
    // permalinks and the listings' origins (file and lines); its code.
    const code = [];
    const prose = part.replace(/<pre[\s\S]*?<\/pre>/g, (pre) => {
      code.push(text(pre));
      return ' ';
    }).replace(/<h[12][\s>][\s\S]*?<\/h[12]>/g, ' ')
      .replace(/<a class="permalink"[^>]*>#<\/a>/g, '')
      .replace(/(<div class="listing">\s*)<p>[\s\S]*?<\/p>/g, '$1');
    sections.push({
      ref: `${page.slug}.html${id ? '#' + id : ''}`,
      page: `${page.label ? page.label + '. ' : ''}${text(mark(page.title))}`,
      title: section ? `${section.number} ${text(mark(section.title))}`.trim()
        : '',
      name: (id.match(/^step-\d+-(.*)$/) || [])[1] || '',
      body: text(prose),
      code: code.join(' '),
    });
  });
}
let written = [];
if (formulas.length) {
  try {
    written = execFileSync(mathText, {input: formulas.join('\0') + '\0',
      encoding: 'utf8', stdio: ['pipe', 'pipe', 'inherit']}).split('\0');
  } catch (e) {
    console.error(`search: ${mathText} could not write the maths as text`);
    process.exit(1);
  }
}
const plain = (s) => s.replace(/\u0000(\d+)\u0000/g, (m, k) => written[+k])
  .replace(/\s+/g, ' ').trim();
const docs = sections.map((d) => Object.assign(d, {
  page: plain(d.page), title: plain(d.title), body: plain(d.body),
  code: plain(d.code),
}));

lunr.tokenizer.separator = SEPARATOR;
const index = lunr(function () {
  this.ref('ref');
  this.field('title', {boost: 10});
  this.field('name', {boost: 10});
  this.field('page', {boost: 2});
  this.field('body');
  this.field('code', {boost: 0.2});
  docs.forEach((d) => this.add(d));
});
// What a result shows: where it is, and the prose to quote from.
const store = {};
docs.forEach((d) => { store[d.ref] = {page: d.page, title: d.title,
                                      body: d.body}; });
const js = '// The search index of the book (book/search.js).\n' +
  `window.bookSearch = {separator: ${JSON.stringify(SEPARATOR.source)},\n` +
  `index: ${JSON.stringify(index)},\nstore: ${JSON.stringify(store)}};\n`;
fs.writeFileSync(outFile + '.tmp', js);
fs.renameSync(outFile + '.tmp', outFile);
