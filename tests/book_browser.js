// tests/book_browser.js OUT SHOTS: loads every page of the HTML book in
// OUT from the file system, in headless Chromium, and fails when a page
// logs an error to its console, throws, fails to load a file (an image, a
// style sheet, a script, a font), shows an image that did not decode, or
// links to a file or an anchor that is not there; then takes screenshots
// of every page, whole, at a desktop and a phone width, light and dark,
// into SHOTS (PAGE-desktop-light.png, ...). Chromium is driven through
// its DevTools protocol over a pipe (--remote-debugging-pipe): no network,
// no port, no package beyond Debian's chromium and node.
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

let browser = null;
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
    // The search box works: a word of the book finds its sections.
    if (rel === 'index.html') {
      const found = await evaluate(`new Promise(function (resolve) {
        var box = document.getElementById('search');
        if (!box || box.closest('form').hidden) return resolve(-1);
        box.value = 'sigmoid';
        box.dispatchEvent(new Event('input'));
        var tries = 0;
        (function wait() {
          var n = document.querySelectorAll('#search-results a').length;
          if (n || ++tries > 100) return resolve(n);
          setTimeout(wait, 50);
        })(); })`);
      if (found <= 0) problem(rel, 'the search box finds nothing for "sigmoid"');
    }
    if (!shoot) continue;
    for (const [width, mobile, name] of [[1300, false, 'desktop'],
                                         [420, true, 'phone']]) {
      for (const dark of [false, true]) {
        await load(file, width, mobile, dark);
        const height = await evaluate('document.documentElement.scrollHeight');
        const wide = await evaluate('document.documentElement.scrollWidth');
        if (wide > width + 1)
          problem(rel, `at ${width} px the page is ${wide} px wide: ` +
            'it scrolls sideways');
        fs.writeFileSync(path.join(shots,
          `${rel.replace(/\.html$/, '')}-${name}-${dark ? 'dark' : 'light'}.png`),
          await browser.screenshot(width, Math.min(height, 16000)));
      }
    }
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
    'source pages load without an error, a broken image or a broken link' +
    (shoot ? `; screenshots in ${path.relative(process.cwd(), shots)}` : ''));
}, (e) => finish(1, `book_browser: ${e.message}\n` +
                    (browser ? browser.stderr().slice(-2000) : '')));
