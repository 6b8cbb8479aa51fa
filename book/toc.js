// book/toc.js: the HTML book's table of contents, from the fragments
// pandoc made of its pages (book/book.mk):
//
//     node book/toc.js TOC.json FRAGMENTS-DIR PAGE...
//
// For each page in reading order (index, the chapters, the appendices):
// its name, its label (the chapter's number, the appendix's letter), its
// title and its sections, as pandoc numbered and named them, and the
// chapter's source file. The file is rewritten only when it changes, so
// that a chapter whose sections did not change rebuilds its page alone.
'use strict';
const fs = require('fs');
const path = require('path');

const [tocFile, dir, ...names] = process.argv.slice(2);
const meta = fs.readFileSync(path.join(__dirname, 'metadata.yaml'), 'utf8');
const field = (name) => (meta.match(new RegExp(`^${name}: (.*)$`, 'm')) ||
  [])[1] || '';

const strip = (html) => html.replace(/<a class="permalink"[^>]*>#<\/a>/, '')
  .replace(/<span class="header-section-number">[^<]*<\/span>\s*/, '')
  .replace(/\s+/g, ' ').trim();

let appendix = 0;
const pages = names.map((slug) => {
  const html = fs.readFileSync(path.join(dir, slug + '.html'), 'utf8');
  const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/);
  const page = {slug, label: '',
                title: slug === 'index' ? 'Contents' : h1 ? strip(h1[1]) : slug,
                sections: [], source: ''};
  const chapter = slug.match(/^0*(\d+)_/);
  if (chapter) {
    page.label = chapter[1];
    page.source = `chapters/${slug}.c`;
  } else if (slug.startsWith('appendix')) {
    page.label = String.fromCharCode(65 + appendix++);
  }
  if (slug === 'index') return page;
  // (pandoc may break the tag's line between its attributes)
  const re = new RegExp('<section id="([^"]+)"\\s+class="level2[^"]*"[^>]*>' +
    '\\s*<h2([^>]*)>([\\s\\S]*?)</h2>', 'g');
  for (let m; (m = re.exec(html)) !== null;) {
    const number = (m[2].match(/data-number="([^"]*)"/) || [])[1] || '';
    page.sections.push({id: m[1], number, title: strip(m[3])});
  }
  return page;
});
const toc = JSON.stringify({title: field('title'), subtitle: field('subtitle'),
                            pages}, null, 1) + '\n';
let old = null;
try { old = fs.readFileSync(tocFile, 'utf8'); } catch (e) { /* first build */ }
if (old !== toc) {
  fs.writeFileSync(tocFile + '.tmp', toc);
  fs.renameSync(tocFile + '.tmp', tocFile);
}
