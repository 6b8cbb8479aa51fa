// tests/book_browser.js OUT SHOTS: loads every page of the HTML book in
// OUT from the file system, in headless Chromium, and fails when a page
// logs an error to its console, throws, fails to load a file (an image, a
// style sheet, a script, a font), shows an image that did not decode, or
// links to a file or an anchor that is not there. Then it reads every
// page at a desktop and a phone width, light and dark, and fails when the
// page scrolls sideways, a figure is wider than the column or its text
// smaller than 9 pixels, a block that scrolls sideways does not show it,
// or a link of the top bar is cut; when the dark theme changes a colour
// the prose names (the white of a probability of 1/2, the categories'
// blue and orange) or leaves a figure's paper white; and when search does
// not find a term's own section first, or quotes TeX. It takes
// screenshots of every page, whole, into SHOTS (PAGE-desktop-light.png,
// and PAGE-desktop-light-2.png... for the rest of a long page), and of
// each figure alone (SHOTS/figures/fig-1-sigmoid-phone-dark.png). Chromium
// is driven through its DevTools protocol over a pipe
// (--remote-debugging-pipe): no network, no port, no package beyond
// Debian's chromium and node.
'use strict';
const fs = require('fs');
const path = require('path');
const chromium = require('./chromium.js');

const out = path.resolve(process.argv[2] || 'book/out');
const shots = path.resolve(process.argv[3] || 'build/book/screenshots');
const shoot = process.env.BOOK_SHOTS !== '0';
fs.mkdirSync(shots, {recursive: true});
const pages = fs.readdirSync(out).filter((f) => f.endsWith('.html')).sort();
const sources = fs.existsSync(path.join(out, 'src'))
  ? listHtml(path.join(out, 'src')).map((f) => path.relative(out, f)) : [];

function listHtml(dir) {
  return fs.readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? listHtml(path.join(dir, e.name))
      : e.name.endsWith('.html') ? [path.join(dir, e.name)] : []);
}

const {sleep} = chromium;
let browser = null;

// The pixels of a PNG that Chromium wrote (8 bits a channel, RGB or RGBA,
// not interlaced): {width, height, at(x, y) -> '#RRGGBB'}.
function decodePng(buf) {
  const zlib = require('zlib');
  const width = buf.readUInt32BE(16), height = buf.readUInt32BE(20);
  const depth = buf[24], type = buf[25];
  if (depth !== 8 || (type !== 2 && type !== 6) || buf[28] !== 0)
    throw new Error(`a PNG of depth ${depth}, type ${type}: not read here`);
  const channels = type === 6 ? 4 : 3, stride = width * channels;
  const parts = [];
  for (let at = 8; at < buf.length;) {
    const len = buf.readUInt32BE(at);
    const kind = buf.toString('ascii', at + 4, at + 8);
    if (kind === 'IDAT') parts.push(buf.slice(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(parts));
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.slice(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[y * stride + i - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? px[(y - 1) * stride + i - channels]
        : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b),
          pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + i] = v & 255;
    }
  }
  const hex = (v) => v.toString(16).toUpperCase().padStart(2, '0');
  return {width, height, at: (x, y) => {
    const i = y * stride + x * channels;
    return '#' + hex(px[i]) + hex(px[i + 1]) + hex(px[i + 2]);
  }};
}

// The colours the prose names, in figures that show them: each must be
// drawn in the dark theme as in the light one, pixel for pixel. The white
// of 1/2 is the middle of the diverging palette (lib/wb_gp_script.c), the
// categories' blue and orange the theme's (lib/wb_theme.c).
const namedColours = [
  {page: '05_mlp.html', figure: 'fig-5-probability_map',
   what: 'the white of 1/2', colours: ['#F7F7F7']},
  {page: '04_variable_change.html', figure: 'fig-4-sample',
   what: "the categories' blue and orange", colours: ['#0072B2', '#E69F00']},
];
// The search: a term, and the section that defines it, which must come
// first.
const defines = [
  {term: 'meshgrid', section: '02_sigmoid_2d.html#step-2-meshgrid'},
];

const problems = [];
function problem(page, what) { problems.push(`${page}: ${what}`); }

// Every link of a page: the file exists, and so does the anchor in it.
const idsOf = new Map();
function idsIn(file) {
  if (!idsOf.has(file)) {
    const html = fs.readFileSync(file, 'utf8');
    idsOf.set(file, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return idsOf.get(file);
}
function checkLinks(page, file, hrefs) {
  for (const href of hrefs) {
    if (/^(https?:|mailto:)/.test(href)) {
      problem(page, `links to the network: ${href}`);
      continue;
    }
    if (!href.startsWith('file://')) continue;
    const url = new URL(href);
    const target = decodeURIComponent(url.pathname);
    if (!fs.existsSync(target)) {
      problem(page, `links to ${path.relative(out, target)}, which is not there`);
      continue;
    }
    const id = decodeURIComponent(url.hash.slice(1));
    if (id && target.endsWith('.html') && !idsIn(target).has(id))
      problem(page, `links to #${id} in ${path.relative(out, target)}, ` +
        'which has no such anchor');
  }
}

async function main() {
  browser = await chromium.open();
  let current = null;
  browser.listen((msg) => {
    if (!current) return;
    const p = msg.params;
    if (msg.method === 'Runtime.consoleAPICalled' &&
        (p.type === 'error' || p.type === 'warning' || p.type === 'assert'))
      problem(current, `console ${p.type}: ` +
        p.args.map((a) => a.value || a.description).join(' '));
    else if (msg.method === 'Runtime.exceptionThrown')
      problem(current, `exception: ${p.exceptionDetails.exception
        ? p.exceptionDetails.exception.description : p.exceptionDetails.text}`);
    else if (msg.method === 'Log.entryAdded' && p.entry.level === 'error')
      problem(current, `${p.entry.source}: ${p.entry.text} ${p.entry.url || ''}`);
    else if (msg.method === 'Network.loadingFailed')
      problem(current, `could not load: ${p.errorText} (${p.requestId})`);
    else if (msg.method === 'Network.requestWillBeSent' &&
             !/^(file|data|about):/.test(p.request.url))
      problem(current, `asks the network for ${p.request.url}`);
  });
  const load = (file, width, mobile, dark) =>
    browser.load(file, {width, mobile, dark});
  const evaluate = (expression) => browser.evaluate(expression);

  for (const rel of [...pages, ...sources]) {
    const file = path.join(out, rel);
    current = rel;
    await load(file, 1300, false, false);
    const broken = await evaluate(`Array.from(document.images)
      .filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src)`);
    broken.forEach((src) => problem(rel, `an image does not show: ${src}`));
    const hrefs = await evaluate(`Array.from(document.querySelectorAll(
      'a[href], link[href], script[src], img[src]'))
      .map((e) => e.href || e.src)`);
    checkLinks(rel, file, hrefs);
    if (rel.startsWith('src/')) continue;
    // The search box works: a word of the book finds its sections, the
    // section that defines a term first; its quotes are plain text.
    if (rel === 'index.html') {
      const search = (words) => evaluate(`new Promise(function (resolve) {
        var box = document.getElementById('search');
        if (!box || box.closest('form').hidden) return resolve(null);
        box.value = ${JSON.stringify(words)};
        box.dispatchEvent(new Event('input'));
        var tries = 0;
        (function wait() {
          var hits = document.querySelectorAll('#search-results a');
          if (hits.length || ++tries > 100)
            return resolve(Array.from(hits).map(function (a) {
              return {href: a.getAttribute('href'),
                      quote: a.querySelector('.quote').textContent};
            }));
          setTimeout(wait, 50);
        })(); })`);
      const found = await search('sigmoid');
      if (!found || !found.length)
        problem(rel, 'the search box finds nothing for "sigmoid"');
      for (const {term, section} of defines) {
        const hits = await search(term);
        if (!hits || !hits.length || hits[0].href !== section)
          problem(rel, `the search for "${term}" shows ` +
            `${hits && hits.length ? hits[0].href : 'nothing'} first, not ` +
            `${section}, which defines it`);
      }
      for (const words of ['sigmoid', 'meshgrid', 'logistic regression',
                           'times']) {
        const hits = await search(words) || [];
        if (!hits.length)
          problem(rel, `the search box finds nothing for "${words}"`);
        hits.filter((h) => /\\[a-zA-Z]|[_^]\{/.test(h.quote)).forEach((h) =>
          problem(rel, `the search for "${words}" quotes TeX: ${h.quote}`));
      }
    }
    for (const [width, mobile, name] of [[1300, false, 'desktop'],
                                         [420, true, 'phone']]) {
      for (const dark of [false, true]) {
        await load(file, width, mobile, dark);
        const where = `at ${width} px, ${dark ? 'dark' : 'light'}`;
        (await evaluate(layoutProblems)).forEach((p) =>
          problem(rel, `${where}: ${p}`));
        if (!mobile)
          await checkColours(rel, dark, evaluate);
        if (!shoot) continue;
        const height = await evaluate('document.documentElement.scrollHeight');
        const base = `${rel.replace(/\.html$/, '')}-${name}-` +
          `${dark ? 'dark' : 'light'}`;
        // Each figure alone, too: SHOTS/figures/ID-phone-dark.png...
        const boxes = await evaluate(`Array.from(document.querySelectorAll(
          'figure')).map(function (f) {
            var r = f.getBoundingClientRect();
            return {id: (f.querySelector('[id]') || {}).id, x: r.left + scrollX,
                    y: r.top + scrollY, width: r.width, height: r.height};
          }).filter(function (b) { return b.id && b.width > 0 && b.height > 0; })`);
        fs.mkdirSync(path.join(shots, 'figures'), {recursive: true});
        for (const b of boxes) {
          fs.writeFileSync(path.join(shots, 'figures',
            `${b.id}-${name}-${dark ? 'dark' : 'light'}.png`),
            await browser.screenshot(Math.round(b.width),
              Math.round(b.height), {x: Math.round(b.x), y: Math.round(b.y)}));
        }
        for (let y = 0, k = 1; y < height; y += SHOT_HEIGHT, k++) {
          fs.writeFileSync(
            path.join(shots, `${base}${k > 1 ? '-' + k : ''}.png`),
            await browser.screenshot(width,
              Math.min(SHOT_HEIGHT, height - y), {y}));
        }
      }
    }
  }
}

// A screenshot is at most this high; a longer page takes several.
const SHOT_HEIGHT = 8000;

// What a reader of the page at this width would see go wrong, as a list
// of sentences (run in the page).
const layoutProblems = `(function () {
  var out = [], width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    // The element that reaches furthest, outside any block that scrolls
    // by itself, to say where to look.
    var widest = null, right = 0;
    var inScroller = function (e) {
      for (e = e.parentElement; e && e !== document.body; e = e.parentElement)
        if (getComputedStyle(e).overflowX !== 'visible') return true;
      return false;
    };
    document.querySelectorAll('body *').forEach(function (e) {
      var r = e.getBoundingClientRect().right;
      if (r > right && !inScroller(e)) { right = r; widest = e; }
    });
    out.push('the page is ' + document.documentElement.scrollWidth +
      ' px wide: it scrolls sideways' + (widest ? ' (a ' +
      widest.tagName.toLowerCase() + ' reaches ' + Math.round(right) +
      ' px: ' + widest.textContent.slice(0, 50) + ')' : ''));
  }
  var main = document.querySelector('main');
  var column = main ? main.getBoundingClientRect() : null;
  document.querySelectorAll('figure').forEach(function (f) {
    var name = (f.querySelector('[id]') || {}).id || 'a figure';
    var zoom = f.querySelector('a.zoom') || f;
    if (zoom.scrollWidth > zoom.clientWidth + 1)
      out.push(name + ' scrolls sideways');
    // A live figure hides its static twin (checked when the twin is shown,
    // below): the live one must then fit the column itself.
    var live = f.querySelector('.live');
    if (live) {
      var l = live.getBoundingClientRect();
      if (column && (l.left < column.left - 1 || l.right > column.right + 1))
        out.push(name + "'s live figure is wider than the column (" +
          Math.round(l.width) + ' px in ' + Math.round(column.width) + ')');
    }
    f.querySelectorAll('img').forEach(function (img) {
      if (!img.getClientRects().length) return;
      var r = img.getBoundingClientRect();
      if (column && (r.left < column.left - 1 || r.right > column.right + 1))
        out.push(name + ' is wider than the column (' + Math.round(r.width) +
          ' px in ' + Math.round(column.width) + ')');
      var text = +img.dataset.text;
      var natural = +img.getAttribute('width');
      if (text && natural && text * r.width / natural < 9)
        out.push(name + "'s text is " + (text * r.width / natural).toFixed(1) +
          ' px high, under 9');
    });
  });
  // A block that scrolls sideways shows a shadow at its edge (style.css).
  document.querySelectorAll('pre, table, .katex-display').forEach(function (b) {
    if (b.scrollWidth > b.clientWidth + 1 &&
        getComputedStyle(b).backgroundAttachment.indexOf('local') < 0)
      out.push('a ' + b.tagName.toLowerCase() + ' scrolls sideways with ' +
        'nothing to show it: ' + b.textContent.slice(0, 40));
  });
  document.querySelectorAll('.pager.top a').forEach(function (a) {
    var r = a.getBoundingClientRect();
    if (a.scrollWidth > a.clientWidth + 1 || r.left < 0 || r.right > width + 1)
      out.push('the top bar cuts its link "' + a.textContent + '"');
  });
  return out;
})()`;

// The colours the prose names (namedColours): the pixels of each colour in
// the light figure are the same colour in the dark one; and the paper of
// the figure is white in the light theme, the page's own in the dark.
const lightPixels = new Map();
async function checkColours(rel, dark, evaluate) {
  for (const check of namedColours.filter((c) => c.page === rel)) {
    const box = await evaluate(`(function () {
      var f = document.getElementById('${check.figure}');
      if (!f) return null;
      // A live figure stands in for its static twin, which readers without
      // scripts and print still see: that twin is the one checked here.
      var fig = f.closest('figure.live-on');
      if (fig) fig.classList.replace('live-on', 'live-was-on');
      f.scrollIntoView();
      var r = f.getBoundingClientRect();
      return {x: r.left + scrollX, y: r.top + scrollY, width: r.width,
              height: r.height,
              page: getComputedStyle(document.documentElement).backgroundColor};
    })()`);
    if (!box) {
      problem(rel, `no figure ${check.figure}, whose colours are checked`);
      continue;
    }
    const png = decodePng(await browser.screenshot(Math.round(box.width),
      Math.round(box.height), {x: Math.round(box.x), y: Math.round(box.y)}));
    await evaluate(`document.querySelectorAll('figure.live-was-on').forEach(
      function (f) { f.classList.replace('live-was-on', 'live-on'); })`);
    const paper = png.at(2, 2);
    const rgb = box.page.match(/\d+/g).slice(0, 3).map((v) =>
      (+v).toString(16).toUpperCase().padStart(2, '0'));
    const page = '#' + rgb.join('');
    if (paper !== (dark ? page : '#FFFFFF'))
      problem(rel, `${check.figure}'s paper is ${paper} in the ` + (dark
        ? `dark theme, not the page's ${page}` : 'light theme, not white'));
    if (!dark) {
      const found = check.colours.map((c) => {
        const at = [];
        // Inside a run of the colour, where no edge blends it with what is
        // next to it.
        for (let y = 0; y < png.height; y++)
          for (let x = 1; x + 1 < png.width; x++)
            if (png.at(x, y) === c && png.at(x - 1, y) === c &&
                png.at(x + 1, y) === c)
              at.push([x, y]);
        if (at.length < 4)
          problem(rel, `${check.figure} shows no ${c} (${check.what}) ` +
            'to check');
        return at;
      });
      lightPixels.set(check.figure, found);
      continue;
    }
    (lightPixels.get(check.figure) || []).forEach((at, i) => {
      const c = check.colours[i];
      const changed = at.filter(([x, y]) => png.at(x, y) !== c);
      if (changed.length)
        problem(rel, `the dark theme changes ${check.what} in ` +
          `${check.figure}: ${changed.length} of ${at.length} pixels of ${c} ` +
          `become ${png.at(...changed[0])}, ...`);
    });
  }
}

// Chromium ends, and so does the test.
function finish(status, message) {
  if (message) console.log(message);
  (browser ? browser.close() : Promise.resolve())
    .then(() => process.exit(status));
}

main().then(() => {
  if (problems.length) {
    finish(1, problems.map((p) => 'book_browser: ' + p).join('\n') +
      `\nbook_browser: ${problems.length} problem(s) in the HTML book`);
    return;
  }
  finish(0, `book_browser: ${pages.length} pages and ${sources.length} ` +
    'source pages load without an error, a broken image or a broken link; ' +
    'on a desktop and a phone, light and dark, they fit the screen, their ' +
    'figures keep the colours the prose names, and search finds a term\'s ' +
    'own section first' +
    (shoot ? `; screenshots in ${path.relative(process.cwd(), shots)}` : ''));
}, (e) => finish(1, `book_browser: ${e.message}\n` +
                    (browser ? browser.stderr().slice(-2000) : '')));
