// bench/live.js OUT BUILD SIZE: the live book's timings, for `make bench`
// (bench/run adds what it prints, a Markdown section, to its page).
//
// In headless Chromium (tests/chromium.js), on the pages of the HTML book
// in OUT, as a reader works them:
//   - chapters 1 to 4: the work a move of a control costs (its handler,
//     which computes, and the figure's drawing): a slider of chapters 1
//     and 2, an arrow key that turns chapter 2's surface, a click that
//     adds a point and refits chapter 3's model, a new seed for chapter
//     4's two models; median and largest of 20 moves, after one that
//     warms the page up;
//   - chapter 5: its network trained from its first weights to the end of
//     its default training, Play to the stop, the page drawing each frame
//     meanwhile; and the longest time between two frames;
//   - the sizes of the script (its module inside) and its style sheet.
// Beside them, the same training and fit in native code and under node's
// WebAssembly (BUILD/wasm/models-native and models.wasm, which train
// chapter 5's network and fit chapter 3's model). SIZE tiny, for make
// check: the sizes, and two moves of chapter 1's slider.
'use strict';
const fs = require('fs');
const path = require('path');
const {execFileSync} = require('child_process');
const chromium = require('../tests/chromium.js');

const [outDir, build, size] = process.argv.slice(2);
const tiny = size === 'tiny';
const runs = tiny ? 2 : 20, trainings = 5;
const out = path.resolve(outDir);

const median = (a) => {
  const s = a.slice().sort((x, y) => x - y), m = s.length;
  return m % 2 ? s[(m - 1) / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
};
const ms = (x) => `${x < 10 ? x.toFixed(2) : x.toFixed(1)} ms`;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// The work of one move, in the page: `act` (a statement) runs the
// control's handler; then the figure draws at the next frame. Returns
// handler time + drawing time, in ms.
function move(id, act) {
  return `(async () => {
    const fig = document.querySelector('[data-live="${id}"]');
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    await frame();
    const start = performance.now();
    ${act}
    const handled = performance.now() - start;
    await frame();
    await frame();
    return handled + Number(fig.getAttribute('data-draw-ms'));
  })()`;
}

// A value set on a control, and its event.
const input = (id, selector, value, event) => `{
  const e = document.querySelector('[data-live="${id}"] ${selector}');
  e.value = String(${value});
  e.dispatchEvent(new Event('${event}', {bubbles: true}));
}`;
// A click at (fx, fy) of a live figure's canvas.
const click = (id, fx, fy) => `{
  const c = document.querySelector('[data-live="${id}"] canvas');
  const r = c.getBoundingClientRect();
  c.dispatchEvent(new MouseEvent('click', {bubbles: true,
    clientX: r.left + ${fx} * r.width, clientY: r.top + ${fy} * r.height}));
}`;

async function times(browser, page, id, act) {
  await browser.load(path.join(out, page));
  await browser.evaluate(`new Promise((r) => { (function wait() {
    const f = document.querySelector('[data-live="${id}"]');
    if (f && f.hasAttribute('data-draw-ms')) {
      f.scrollIntoView({block: 'center'});
      r();
    } else setTimeout(wait, 20); })(); })`);
  const t = [];
  await browser.evaluate(move(id, act(runs)));      // the warm-up
  for (let k = 0; k < runs; k++)
    t.push(await browser.evaluate(move(id, act(k))));
  return t;
}

async function chapters(browser) {
  const rows = [];
  const row = (what, t) => rows.push(`| ${what} | ${ms(median(t))} | ` +
    `${ms(Math.max(...t))} | under 16 ms | ` +
    `${median(t) < 16 ? 'yes' : 'no'} |`);
  row('1: the slider of *w*', await times(browser, '01_sigmoid_1d.html',
    'fig-1-classify', (k) => input('fig-1-classify', 'input[type=range]',
                                   -4 + 0.4 * k, 'input')));
  if (tiny) return rows;
  row('2: the slider of $w_1$, the map', await times(browser,
    '02_sigmoid_2d.html', 'fig-2-boundary', (k) => input('fig-2-boundary',
      'input[type=range]', -4 + 0.4 * k, 'input')));
  row('2: the surface turned (an arrow key)', await times(browser,
    '02_sigmoid_2d.html', 'fig-2-surface', () => `document.querySelector(
      '[data-live="fig-2-surface"] canvas').dispatchEvent(new KeyboardEvent(
      'keydown', {key: 'ArrowRight', bubbles: true}));`));
  row('3: a click that adds a point, and the fit again', await times(browser,
    '03_logreg_fit.html', 'fig-3-probability_map',
    (k) => click('fig-3-probability_map', 0.2 + 0.02 * k, 0.3)));
  row('4: a new seed, two samples and two fits', await times(browser,
    '04_variable_change.html', 'fig-4-maps', (k) => input('fig-4-maps',
      'input[data-label="seed"]', 2 + k, 'change')));
  return rows;
}

// Chapter 5's network, Play to its stop: seconds, and the longest gap
// between two frames, in ms.
async function training(browser) {
  const id = 'fig-5-probability_map';
  await browser.load(path.join(out, '05_mlp.html'));
  const results = [];
  for (let k = 0; k < trainings; k++)
    results.push(await browser.evaluate(`new Promise((resolve) => {
      const fig = document.querySelector('[data-live="${id}"]');
      const button = (text) => Array.from(fig.querySelectorAll('button'))
        .find((b) => b.textContent === text);
      (function ready() {
        if (fig.getAttribute('data-state') !== 'stopped')
          return setTimeout(ready, 20);
        fig.scrollIntoView({block: 'center'});
        button('Reset').click();
        requestAnimationFrame(() => {
          let last = performance.now(), gap = 0, start = last;
          button('Play').click();
          (function watch() {
            const now = performance.now();
            gap = Math.max(gap, now - last);
            last = now;
            if (fig.getAttribute('data-state') === 'stopped')
              resolve({seconds: (now - start) / 1000, gap,
                       epochs: +fig.getAttribute('data-epochs')});
            else requestAnimationFrame(watch);
          })();
        });
      })(); })`));
  return results;
}

// A whole program's wall-clock time, median of `n` runs, in ms.
function program(argv, n) {
  const t = [];
  for (let k = 0; k < n; k++) {
    const start = process.hrtime.bigint();
    execFileSync(argv[0], argv.slice(1), {stdio: 'ignore'});
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(t);
}

// The sizes: the script, its style sheet, and the module in the script
// (its base64 text, 4 characters for 3 bytes).
function sizes() {
  const script = fs.readFileSync(path.join(out, 'live.js'), 'utf8');
  const base64 = /var MODULE = '([^']*)'/.exec(script)[1].length;
  return {script: Buffer.byteLength(script), base64,
          module: base64 / 4 * 3,
          style: fs.statSync(path.join(out, 'live.css')).size};
}

async function main() {
  console.log('\n## The live book, in a browser\n');
  if (!fs.existsSync(path.join(out, 'live.js'))) {
    console.log('The HTML book was not built (`make html`): its live ' +
                'figures were not measured.');
    return;
  }
  const load = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ')
    .slice(0, 3).join(' ');
  const loadStart = load();
  const browser = await chromium.open();
  let rows, trained;
  try {
    rows = await chapters(browser);
    trained = tiny ? null : await training(browser);
  } finally {
    await browser.close();
  }
  const size = sizes(), total = size.script + size.style;
  console.log(`Each chapter's central figure is live in its page: the ` +
    `library's numerical layers, compiled to WebAssembly, compute it in ` +
    `the reader's browser. Measured here in headless Chromium ` +
    `(${browser.product}), the pages opened from the file system at a ` +
    `desktop width.\n`);
  console.log('A move of a control costs the work of its handler (which ' +
    'computes) and of the figure\'s drawing, at the next frame; the ' +
    `median and the largest of ${runs} moves, after one that warms the ` +
    'page up. The goal is a frame: 16 ms, at 60 frames a second; ' +
    '*reached* says whether the median is under it. The largest is the ' +
    'move that other programs on the machine delayed most (the load ' +
    `average was ${loadStart} at the start, ${load()} at the end).\n`);
  console.log('| chapter: the move | median | largest | goal | reached |');
  console.log('|---|--:|--:|--:|:-:|');
  rows.forEach((r) => console.log(r));
  if (trained) {
    const seconds = median(trained.map((t) => t.seconds));
    const gap = Math.max(...trained.map((t) => t.gap));
    const native = program([path.join(build, 'wasm', 'models-native')],
                           trainings);
    const node = program(['node', '--experimental-wasi-unstable-preview1',
                          '--no-warnings', 'tests/wasm/run.mjs',
                          path.join(build, 'wasm', 'models.wasm')],
                         trainings);
    console.log(`\nChapter 5's network (500 points, 50 ReLU units, Adam), ` +
      `trained in the page from its first weights to the end of its ` +
      `default training, ${trained[0].epochs} epochs, drawn at each frame ` +
      `(Play to the stop, median of ${trainings}); beside it, the whole ` +
      `program tests/wasm/models.c, which trains the same network and ` +
      `fits chapter 3's model, natively and under node's WebAssembly ` +
      `(median of ${trainings}):\n`);
    console.log('| | time | goal | reached |');
    console.log('|---|--:|--:|:-:|');
    console.log(`| in the page, Play to the stop | ${(seconds * 1000)
      .toFixed(0)} ms | under 1 s | ${seconds < 1 ? 'yes' : 'no'} |`);
    console.log(`| the longest time between two frames meanwhile | ` +
                `${gap.toFixed(0)} ms | | |`);
    console.log(`| tests/wasm/models.c, native | ${native.toFixed(0)} ms ` +
                '| | |');
    console.log(`| the same, WebAssembly under node | ${node.toFixed(0)} ` +
                'ms | | |');
  }
  console.log(`\nThe script, \`live.js\`, is ${kb(size.script)}, of ` +
    `which ${kb(size.base64)} are the module (${kb(size.module)} of ` +
    `WebAssembly, in base64); with its style sheet, ${kb(total)} ` +
    `(the goal: under 300 KB, ` +
    `${total < 300 * 1024 ? 'reached' : 'not reached'}).`);
}

main().catch((e) => {
  console.error(`bench/live.js: ${e.stack}`);
  process.exit(1);
});
