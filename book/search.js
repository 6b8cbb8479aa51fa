// book/search.js: the HTML book's search index, built once here with lunr
// (book/book.mk) and loaded by each page as a script, so that searching
// needs no server and works from the file system:
//
//     node book/search.js OUT.js TOC.json FRAGMENTS-DIR
//
// One entry per section of every page: its title, its prose, its code and
// its outputs (a reader may search for a function's name or a number).
'use strict';
const fs = require('fs');
const path = require('path');
const lunr = require('/usr/share/nodejs/lunr/index.js');

const [outFile, tocFile, dir] = process.argv.slice(2);
const toc = JSON.parse(fs.readFileSync(tocFile, 'utf8'));
const text = (html) => html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<')
  .replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
  .replace(/\s+/g, ' ').trim();

const docs = [];
for (const page of toc.pages) {
  const html = fs.readFileSync(path.join(dir, page.slug + '.html'), 'utf8');
  // The text before the first section (the introduction), then each one.
  const parts = html.split(/(?=<section id="[^"]+" class="level2)/);
  parts.forEach((part, i) => {
    const id = i === 0 ? '' : part.match(/<section id="([^"]+)"/)[1];
    const section = page.sections.find((s) => s.id === id);
    docs.push({
      ref: `${page.slug}.html${id ? '#' + id : ''}`,
      page: `${page.label ? page.label + '. ' : ''}${text(page.title)}`,
      title: section ? `${section.number} ${text(section.title)}`.trim() : '',
      body: text(part),
    });
  });
}
const index = lunr(function () {
  this.ref('ref');
  this.field('title', {boost: 5});
  this.field('page', {boost: 2});
  this.field('body');
  docs.forEach((d) => this.add(d));
});
// What a result shows: where it is, and the text to quote from.
const store = {};
docs.forEach((d) => { store[d.ref] = {page: d.page, title: d.title,
                                      body: d.body.slice(0, 1500)}; });
const js = '// The search index of the book (book/search.js).\n' +
  `window.bookSearch = {index: ${JSON.stringify(index)},\n` +
  `store: ${JSON.stringify(store)}};\n`;
fs.writeFileSync(outFile + '.tmp', js);
fs.renameSync(outFile + '.tmp', outFile);
