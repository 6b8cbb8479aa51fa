// tests/live_browser.js OUT CHAPTERS SHOTS: the live figures of the HTML
// book in OUT, opened from the file system in headless Chromium
// (tests/chromium.js), worked as a reader works them, and compared with
// the chapter programs in CHAPTERS:
//
//   chapter 1  the w slider moved from the keyboard, b set: the boundary
//              readout says -b/w, and the counts are the chapter's;
//   chapter 2  a weight moved: the line's readout follows, the map's 1/2
//              is white in light and in dark; the surface turned by a drag;
//   chapter 3  a click adds a point: the coefficients change; Reset
//              brings the chapter's back;
//   chapter 4  seed 7: the accuracies are the chapter's with --seed 7; a
//              seed out of range is refused beside its field;
//   chapter 5  the network the page trains as it opens, and again after
//              Reset and Play: the chapter's epochs and accuracies; the
//              page keeps drawing while it trains; a hidden-unit count, a
//              learning rate and a seed out of range are refused beside
//              their fields, and the map stays a number everywhere;
//
// with no error in the console; then screenshots of each live figure at a
// desktop and a phone width, light and dark, into SHOTS
// (live-1-desktop-light.png, ...). Exits 1 on the first problem.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {execFileSync} = require('child_process');
const chromium = require('./chromium.js');

const out = path.resolve(process.argv[2] || 'book/out');
const chapters = path.resolve(process.argv[3] || 'build/chapters');
const shots = path.resolve(process.argv[4] || 'build/book/screenshots');
fs.mkdirSync(shots, {recursive: true});

const problems = [];
let browser = null;
let page = null;

function check(ok, what) {
  if (!ok) throw new Error(`${page}: ${what}`);
}
// What a chapter program prints; its figures go to a folder of its own.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'live-browser-'));
function native(chapter, args) {
  return execFileSync(path.join(chapters, chapter), args,
                      {encoding: 'utf8', cwd: scratch});
}
// The live figure of a static figure, as a selector.
const live = (id) => `[data-live="${id}"]`;
const readout = (id) => browser.evaluate(
  `document.querySelector('${live(id)} .live-readout').textContent`);

// Waits until `expression` is true in the page (within `ms`).
async function until(expression, what, ms = 10000) {
  for (const start = Date.now(); Date.now() - start < ms;) {
    if (await browser.evaluate(expression)) return;
    await chromium.sleep(50);
  }
  throw new Error(`${page}: ${what}: not within ${ms / 1000} s`);
}
// The next two frames have been drawn.
const frames = () => browser.evaluate(
  'new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');

async function open(file, options = {}) {
  page = file;
  await browser.load(path.join(out, file), options);
  await until(`document.querySelectorAll('.live').length > 0`,
              'the live figures appear');
}
async function show(id) {
  await browser.evaluate(`document.querySelector('${live(id)}')
    .scrollIntoView({block: 'center'})`);
  await frames();
}
// A key pressed on the element of `selector`.
async function key(selector, name, code) {
  await browser.evaluate(`document.querySelector('${selector}').focus()`);
  for (const type of ['rawKeyDown', 'keyUp'])
    await browser.send('Input.dispatchKeyEvent', {type, key: name,
      code: name, windowsVirtualKeyCode: code});
  await frames();
}
// The value given to a slider or field of a live figure, as a reader
// gives it (an input or a change event).
async function set(selector, value, event) {
  await browser.evaluate(`(() => {
    const e = document.querySelector('${selector}');
    e.value = ${JSON.stringify(String(value))};
    e.dispatchEvent(new Event('${event}', {bubbles: true}));
  })()`);
  await frames();
}
// The point (fx, fy), fractions of the canvas's width and height, of a
// canvas, in the viewport.
async function at(selector, fx, fy) {
  return browser.evaluate(`(() => {
    const r = document.querySelector('${selector}').getBoundingClientRect();
    return [r.left + ${fx} * r.width, r.top + ${fy} * r.height];
  })()`);
}
async function mouse(type, [x, y]) {
  await browser.send('Input.dispatchMouseEvent', {type, x, y,
    button: 'left', buttons: type === 'mouseReleased' ? 0 : 1,
    clickCount: 1});
}
async function click(selector, fx, fy) {
  const p = await at(selector, fx, fy);
  await mouse('mousePressed', p);
  await mouse('mouseReleased', p);
  await frames();
}
async function press(id, label) {
  await browser.evaluate(`Array.from(document.querySelectorAll(
    '${live(id)} button')).find((b) => b.textContent === '${label}')
    .click()`);
  await frames();
}
// The message beside a field of a live figure, after it is given `value`.
async function refused(id, label, value) {
  const field = `${live(id)} input[data-label="${label}"]`;
  await set(field, value, 'change');
  const said = await browser.evaluate(`(() => {
    const f = document.querySelector('${field}');
    return f.getAttribute('aria-invalid') === 'true' &&
      document.getElementById(f.getAttribute('aria-describedby'))
        .textContent; })()`);
  check(said, `${label} = ${value} is not refused beside its field`);
  return said;
}

async function chapter1() {
  const id = 'fig-1-classify';
  await open('01_sigmoid_1d.html');
  await show(id);
  const slider = `${live(id)} input[type=range]`;
  await key(slider, 'ArrowRight', 39);           // w: 1 -> 1.05
  await set(`${live(id)} .live-control:nth-child(2) input`, 3, 'input');
  let text = await readout(id);
  check(/x = −b\/w = −2\.857/.test(text),
        `w = 1.05, b = 3: the readout says "${text}", not x = −2.857`);
  await set(slider, 2, 'input');
  text = await readout(id);
  check(/x = −b\/w = −1\.5;/.test(text),
        `w = 2, b = 3: the readout says "${text}", not x = −1.5`);
  const m = /right: (\d+) of 100 in category 0, (\d+) of 100/.exec(
    native('01_sigmoid_1d', ['--only', 'classify', '--w', '2', '--b', '3',
                             '--out', scratch, '--format', 'svg']));
  check(text.includes(`misclassified (circled): ${100 - m[1]} of ` +
                      `category 0, ${100 - m[2]} of category 1`),
        `the counts "${text}" are not the chapter's (right: ${m[1]}, ${m[2]})`);
}

// The colour of the middle of a map's colour bar (P = 1/2), [r, g, b]:
// the bar stands 10 to 22 pixels right of the frame (data-box).
const middle = (id) => browser.evaluate(`(() => {
  const c = document.querySelector('${live(id)} canvas');
  const [, top, right, bottom] = c.dataset.box.split(' ').map(Number);
  const ratio = c.width / c.getBoundingClientRect().width;
  return Array.from(c.getContext('2d').getImageData(
    Math.round((right + 16) * ratio), Math.round((top + bottom) / 2 * ratio),
    1, 1).data.slice(0, 3)); })()`);

async function chapter2() {
  const id = 'fig-2-boundary';
  for (const dark of [false, true]) {
    await open('02_sigmoid_2d.html', {dark});
    await show(id);
    const white = await middle(id);
    check(white && white.every((c) => Math.abs(c - 247) <= 2),
          `the map's 1/2 is ${white} in ${dark ? 'dark' : 'light'}, ` +
          'not #F7F7F7');
  }
  await set(`${live(id)} .live-control:nth-child(2) input`, 1, 'input');
  const text = await readout(id);
  check(/x₂ = −1 x₁ \+ 0/.test(text),
        `w2 = 1: the readout says "${text}"`);
  const surface = 'fig-2-surface';
  await show(surface);
  check((await readout(surface)).includes('w = |(w₁, w₂)| = 1.414'),
        'the surface does not follow the weights of the map');
  const canvas = `${live(surface)} canvas`;
  await mouse('mousePressed', await at(canvas, 0.5, 0.5));
  await mouse('mouseMoved', await at(canvas, 0.6, 0.5));
  await mouse('mouseReleased', await at(canvas, 0.6, 0.5));
  await frames();
  check(!(await readout(surface)).includes('55°, 30°'),
        'a drag does not turn the surface');
}

async function chapter3() {
  const id = 'fig-3-probability_map';
  await open('03_logreg_fit.html');
  await show(id);
  const before = await readout(id);
  const theirs = JSON.parse(native('03_logreg_fit', ['--json']));
  check(before.includes(`w₁ = ${theirs.w[0].toFixed(4)}, w₂ = ` +
                        `${theirs.w[1].toFixed(4)}, b = ` +
                        `${theirs.b.toFixed(4).replace('-', '−')}`),
        `"${before}" are not the chapter's ${JSON.stringify(theirs)}`);
  await click(`${live(id)} canvas`, 0.3, 0.2);     // a point of category 1
  const after = await readout(id);
  check(after !== before && after.includes('501 of category 1'),
        `a click does not change the fit: "${after}"`);
  await press(id, 'Reset');
  check(await readout(id) === before, 'Reset does not bring the sample back');
}

async function chapter4() {
  const id = 'fig-4-maps';
  await open('04_variable_change.html');
  await show(id);
  await set(`${live(id)} input[data-label="seed"]`, 7, 'change');
  const notes = await browser.evaluate(`Array.from(document.querySelectorAll(
    '${live(id)} .live-note')).map((n) => n.textContent)`);
  const theirs = JSON.parse(native('04_variable_change',
                                   ['--json', '--seed', '7']));
  const say = (train, test) => `accuracy ${train.toFixed(3)} on the ` +
    `training sample, ${test.toFixed(3)} on the test sample`;
  check(notes[0].includes(say(theirs.linear_train_accuracy,
                              theirs.linear_test_accuracy)) &&
        notes[1].includes(say(theirs.train_accuracy, theirs.test_accuracy)),
        `seed 7: "${notes}" are not the chapter's ${JSON.stringify(theirs)}`);
  await refused(id, 'seed', '-3');
  await refused(id, 'seed', '99999999999');
  check((await readout(id)).startsWith('seed 7'),
        'a refused seed changed the figure');
}

// Trains chapter 5's network from its start (Play), and says how long it
// took and the longest time between two frames meanwhile.
async function playground() {
  const id = 'fig-5-probability_map';
  await press(id, 'Reset');
  check((await readout(id)).startsWith('epoch 0;'), 'Reset: not at epoch 0');
  await browser.evaluate(`window.liveGaps = {last: performance.now(),
    max: 0, on: true}; (function gap() {
      const g = window.liveGaps, now = performance.now();
      g.max = Math.max(g.max, now - g.last);
      g.last = now;
      if (g.on) requestAnimationFrame(gap); })()`);
  const start = Date.now();
  await press(id, 'Play');
  await until(`/converged|stopped/.test(document.querySelector(
    '${live(id)} .live-readout').textContent)`, 'training to its end', 30000);
  const gap = await browser.evaluate('liveGaps.on = false, liveGaps.max');
  return {seconds: (Date.now() - start) / 1000, gap};
}

async function chapter5() {
  const id = 'fig-5-probability_map';
  const theirs = JSON.parse(native('05_mlp', ['--json']));
  const expected = `epoch ${theirs.n_iter}; loss ${theirs.loss.toFixed(4)}` +
    `; training accuracy ${theirs.train_accuracy.toFixed(3)}; test ` +
    `accuracy ${theirs.test_accuracy.toFixed(3)}; converged`;
  await open('05_mlp.html');
  await show(id);
  await until(`/converged/.test(document.querySelector(
    '${live(id)} .live-readout').textContent)`,
              'the network trained as the page opens');
  check((await readout(id)).startsWith(expected),
        `as it opens: "${await readout(id)}", not "${expected}"`);
  const run = await playground();
  check((await readout(id)).startsWith(expected),
        `after Play: "${await readout(id)}", not "${expected}"`);
  check(run.gap < 500, `the page froze for ${run.gap} ms while it trained`);
  console.log(`live_browser: chapter 5 trained to its end in ` +
              `${run.seconds.toFixed(2)} s, frames at most ` +
              `${run.gap.toFixed(0)} ms apart`);
  for (const [label, value] of [['hidden units', '0'],
                                ['hidden units', '2.5'],
                                ['learning rate', '5'],
                                ['learning rate', 'fast'],
                                ['seed', '-1']])
    await refused(id, label, value);
  check((await readout(id)).startsWith(expected),
        'a refused value changed the network');
  // A rate that makes the loss blow up: said, and no NaN in the map.
  await set(`${live(id)} input[data-label="learning rate"]`, '1', 'change');
  await set(`${live(id)} select[data-label="activation"]`, 'identity',
            'change');
  await press(id, 'Play');
  await until(`document.querySelector('${live(id)}').dataset.state !==
    'training'`, 'a fast rate to stop', 30000);
  const said = await readout(id);
  check(!/NaN/.test(said), `NaN in "${said}"`);
  console.log(`live_browser: chapter 5, the identity at a rate of 1: ` +
              `"${said}"`);
}

async function screenshots() {
  const figures = [['01_sigmoid_1d', 'fig-1-classify'],
                   ['02_sigmoid_2d', 'fig-2-boundary'],
                   ['02_sigmoid_2d', 'fig-2-surface'],
                   ['03_logreg_fit', 'fig-3-probability_map'],
                   ['04_variable_change', 'fig-4-maps'],
                   ['05_mlp', 'fig-5-probability_map']];
  for (const [file, id] of figures)
    for (const [width, mobile, name] of [[1300, false, 'desktop'],
                                         [420, true, 'phone']])
      for (const dark of [false, true]) {
        await open(`${file}.html`, {width, mobile, dark});
        await show(id);
        if (id.startsWith('fig-5'))
          await until(`/converged/.test(document.querySelector(
    '${live(id)} .live-readout').textContent)`, 'the network trained');
        const box = await browser.evaluate(`(() => {
          const r = document.querySelector('${live(id)}').closest('figure')
            .getBoundingClientRect();
          return [r.top + scrollY, r.height]; })()`);
        fs.writeFileSync(path.join(shots, `live-${id.slice(4)}-${name}-` +
                                          `${dark ? 'dark' : 'light'}.png`),
          await browser.screenshot(width, box[1] + 24, {y: box[0] - 12}));
      }
}

async function main() {
  browser = await chromium.open();
  browser.listen((msg) => {
    const p = msg.params;
    if (msg.method === 'Runtime.consoleAPICalled' &&
        (p.type === 'error' || p.type === 'warning'))
      problems.push(`${page}: console ${p.type}: ` +
        p.args.map((a) => a.value || a.description).join(' '));
    else if (msg.method === 'Runtime.exceptionThrown')
      problems.push(`${page}: exception: ${p.exceptionDetails.exception
        ? p.exceptionDetails.exception.description : p.exceptionDetails.text}`);
  });
  for (const test of [chapter1, chapter2, chapter3, chapter4, chapter5,
                      screenshots]) {
    await test();
    if (problems.length) throw new Error(problems.join('\n'));
  }
}

process.on('exit', () => fs.rmSync(scratch, {recursive: true, force: true}));
main().then(() => browser.close().then(() => {
  console.log('live_browser: the live figures of chapters 1 to 5 work and ' +
              'compute the chapters\' numbers, with no error; screenshots ' +
              `in ${path.relative(process.cwd(), shots)}`);
}), (e) => {
  console.log(`live_browser: ${e.message}`);
  (browser ? browser.close() : Promise.resolve())
    .then(() => process.exit(1));
});
