// tests/live_module.js LIVE_JS CHAPTERS: the live book's module computes
// the chapters' numbers. LIVE_JS is the book's script (live.js, which
// carries the module), CHAPTERS the folder of the chapter programs; for
// the default seed (and a few others), each number the live figures show
// is compared with the one the native chapter prints (its --json, its
// output) or draws (the data of its figures, written with 17 digits):
//
//   chapter 1  the sample, and the counts of examples on each side of
//              w x + b = 0: equal;
//   chapter 2  the sigmoid on the grid: the grid equal, the sigmoid
//              within SIGMOID_RTOL (wasi-libc's exp is not glibc's: they
//              may differ in the last bit);
//   chapters 3, 4  the logistic regression: the page fits by Newton's
//              method, the chapters by L-BFGS, which stops on the way to
//              the same minimum: the coefficients within COEF_TOL, relative
//              to max(1, |value|), the probability maps within MAP_ATOL,
//              the accuracies equal;
//   chapter 5  the network, trained epoch by epoch: the epochs, whether it
//              converged and the accuracies equal, the loss within
//              NET_RTOL, the probability map within NET_ATOL; also for
//              another shape, activation and rate, and on the exercises'
//              circle, drawn by the module and read by the chapter from
//              CSV files.
//
// Prints what it compared and the largest differences it measured; exits
// 1 at the first disagreement.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {execFileSync} = require('child_process');

const SIGMOID_RTOL = 1e-15;   // measured: 0, the same doubles
const COEF_TOL = 1e-5;        // measured: 5.4e-7
const MAP_ATOL = 1e-5;        // measured: 3.1e-7
const NET_RTOL = 1e-13;       // measured: 1.9e-16
const NET_ATOL = 1e-12;       // measured: 7.8e-16

const live = require(path.resolve(process.argv[2]));
const chapters = path.resolve(process.argv[3]);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'live-module-'));
const measured = {};

function fail(what) {
  console.log(`live_module: ${what}`);
  fs.rmSync(tmp, {recursive: true, force: true});
  process.exit(1);
}
function run(chapter, args) {
  return execFileSync(path.join(chapters, chapter), args,
                      {encoding: 'utf8', cwd: tmp});
}
function json(chapter, args) {
  return JSON.parse(run(chapter, ['--json'].concat(args || [])));
}
// The rows (x, y, z) of the first block of a figure's data file (its
// scans are parted by blank lines; the next block starts with "# index").
function figureValues(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  for (const line of lines.slice(1)) {
    if (line.startsWith('# index')) break;
    if (line !== '') out.push(line.split(' ').map(Number));
  }
  return out;
}
function equal(what, ours, theirs) {
  if (ours !== theirs) fail(`${what}: ${ours} in the page, ${theirs} in ` +
                            'the chapter');
}
// |ours - theirs| <= tol * scale(theirs); the largest seen, by name.
function near(name, what, ours, theirs, tol, scale) {
  const d = Math.abs(ours - theirs) / scale(theirs);
  measured[name] = Math.max(measured[name] || 0, d);
  if (!(d <= tol)) fail(`${what}: ${ours} in the page, ${theirs} in the ` +
                        `chapter (${d.toExponential(2)} > ${tol})`);
}
const relative = (x) => Math.abs(x);
const unit = (x) => Math.max(1, Math.abs(x));
const absolute = () => 1;

function chapter1(L) {
  const rng = L.rng(1), s = L.sample('gaussians_1d', 100, rng);
  const p = L.doubles(200), y = s.y.view();
  for (const [w, b] of [[1, 0], [2, 3], [-1, 0], [0.5, -0.7]]) {
    L.neuron(p, s.X, 200, w, b);
    const out = p.view(), right = [0, 0];
    for (let i = 0; i < 200; i++)
      right[y[i]] += (out[i] > 0.5) === (y[i] === 1);
    const text = run('01_sigmoid_1d', ['--only', 'classify', '--w', w, '--b',
                                       b, '--out', tmp, '--format', 'svg']);
    const m = /right: (\d+) of 100 in category 0, (\d+) of 100/.exec(text);
    if (!m) fail(`chapter 1 printed no counts:\n${text}`);
    const what = `chapter 1, w = ${w}, b = ${b}: right in category`;
    equal(`${what} 0`, right[0], +m[1]);
    equal(`${what} 1`, right[1], +m[2]);
  }
  console.log('live_module: chapter 1: the counts of 4 neurons are the ' +
              'chapter\'s');
}

function chapter2(L) {
  const grid = L.grid(-6, 6, 51), sigma = L.doubles(51 * 51);
  for (const [w1, w2, b] of [[1, 2, 0], [-1.5, 0.5, 2]]) {
    L.neuron(sigma, grid, 51 * 51, w1, b, w2);
    run('02_sigmoid_2d', ['--only', 'heatmap', '--w1', w1, '--w2', w2,
                          '--b', b, '--out', tmp, '--format', 'svg']);
    const theirs = figureValues(path.join(tmp, 'sigmoid_map.dat'));
    const g = grid.view(), s = sigma.view();
    equal('chapter 2: points on the grid', theirs.length, 51 * 51);
    theirs.forEach(([x1, x2, z], k) => {
      equal(`chapter 2: grid point ${k}`, `${g[2 * k]} ${g[2 * k + 1]}`,
            `${x1} ${x2}`);
      near('sigmoid', `chapter 2: sigma at (${x1}, ${x2})`, s[k], z,
           SIGMOID_RTOL, relative);
    });
  }
  console.log('live_module: chapter 2: the grid and the sigmoid on it are ' +
              'the chapter\'s');
}

// The probability map of a logistic regression and of the chapter.
function compareMap(name, what, ours, file, tol) {
  const theirs = figureValues(file);
  equal(`${what}: points of the map`, theirs.length, ours.length);
  theirs.forEach(([x1, x2, p], k) =>
    near(name, `${what} at (${x1}, ${x2})`, ours[k], p, tol, absolute));
}

function chapter3(L) {
  const rng = L.rng(1), s = L.sample('gaussians_2d', 500, rng);
  const fit = L.logreg(s.X, s.y, 1000, 2), theirs = json('03_logreg_fit');
  near('coef', 'chapter 3: w1', fit.w[0], theirs.w[0], COEF_TOL, unit);
  near('coef', 'chapter 3: w2', fit.w[1], theirs.w[1], COEF_TOL, unit);
  near('coef', 'chapter 3: b', fit.b, theirs.b, COEF_TOL, unit);
  equal('chapter 3: converged', fit.converged, theirs.converged);
  equal('chapter 3: training accuracy', fit.accuracy(s.X, s.y, 1000),
        theirs.train_accuracy);
  const grid = L.grid(-6, 6, 51), p = L.doubles(51 * 51);
  fit.proba(p, grid, 51 * 51);
  run('03_logreg_fit', ['--only', 'probability_map', '--out', tmp,
                        '--format', 'svg']);
  compareMap('map', 'chapter 3: the probability map', p.view(),
             path.join(tmp, 'probability_map.dat'), MAP_ATOL);
  console.log('live_module: chapter 3: the fit and its map are the ' +
              'chapter\'s');
}

function chapter4(L) {
  for (const seed of [1, 7]) {
    const rng = L.rng(seed);
    const train = L.sample('quadrants', 500, rng);
    const test = L.sample('quadrants', 500, rng);
    const u = L.doubles(500), ut = L.doubles(500);
    L.product(u, train.X, 500);
    L.product(ut, test.X, 500);
    const line = L.logreg(train.X, train.y, 500, 2);
    const model = L.logreg(u, train.y, 500, 1);
    const theirs = json('04_variable_change', ['--seed', seed]);
    const what = `chapter 4, seed ${seed}`;
    near('coef', `${what}: w`, model.w[0], theirs.w, COEF_TOL, unit);
    near('coef', `${what}: b`, model.b, theirs.b, COEF_TOL, unit);
    equal(`${what}: the line's training accuracy`,
          line.accuracy(train.X, train.y, 500), theirs.linear_train_accuracy);
    equal(`${what}: the line's test accuracy`,
          line.accuracy(test.X, test.y, 500), theirs.linear_test_accuracy);
    equal(`${what}: the training accuracy on u`,
          model.accuracy(u, train.y, 500), theirs.train_accuracy);
    equal(`${what}: the test accuracy on u`,
          model.accuracy(ut, test.y, 500), theirs.test_accuracy);
  }
  console.log('live_module: chapter 4: both models, seeds 1 and 7, are the ' +
              'chapter\'s');
}

// A network of the playground, trained epoch by epoch to its end.
function train(L, samples, rng, hidden, activation, rate) {
  const net = L.net(samples, rng, hidden, activation, rate);
  while (net.epoch() === 0);
  return net;
}
function compareNet(what, net, theirs) {
  const s = net.state();
  equal(`${what}: epochs`, s.epochs, theirs.n_iter);
  equal(`${what}: converged`, s.converged, theirs.converged);
  near('loss', `${what}: loss`, s.loss, theirs.loss, NET_RTOL, relative);
  equal(`${what}: training accuracy`, s.train, theirs.train_accuracy);
  equal(`${what}: test accuracy`, s.test, theirs.test_accuracy);
}
function csv(file, X, y) {
  const x = X.view(), l = y.view();
  let text = 'x1,x2,y\n';
  for (let i = 0; i < l.length; i++)
    text += `${x[2 * i]},${x[2 * i + 1]},${l[i]}\n`;
  fs.writeFileSync(file, text);
}

function chapter5(L) {
  const rng = L.rng(1);
  const samples = {train: L.sample('quadrants', 500, rng),
                   test: L.sample('quadrants', 500, rng)};
  const net = train(L, samples, rng, 50, 'relu', 1e-3);
  compareNet('chapter 5', net, json('05_mlp'));
  const grid = L.grid(-1, 1, 100), p = L.doubles(100 * 100);
  net.map(p, grid, 100 * 100);
  run('05_mlp', ['--only', 'test', '--out', tmp, '--format', 'svg']);
  compareMap('net map', 'chapter 5: the probability map', p.view(),
             path.join(tmp, 'probability_map.dat'), NET_ATOL);
  compareNet('chapter 5, 5 tanh units, rate 0.01',
             train(L, samples, rng, 5, 'tanh', 0.01),
             json('05_mlp', ['--hidden', '5', '--activation', 'tanh',
                             '--learning-rate', '0.01']));
  // The circle: the chapter reads the module's samples, and trains from
  // the seed's first numbers, as the page does given them.
  const circle = L.rng(1);
  const drawn = {train: L.sample('circle', 500, circle),
                 test: L.sample('circle', 500, circle)};
  csv(path.join(tmp, 'train.csv'), drawn.train.X, drawn.train.y);
  csv(path.join(tmp, 'test.csv'), drawn.test.X, drawn.test.y);
  compareNet('chapter 5 on the circle', train(L, drawn, L.rng(1), 50,
                                              'relu', 1e-3),
             json('05_mlp', ['--data', 'train.csv', '--test-data',
                             'test.csv']));
  console.log('live_module: chapter 5: three networks and a map are the ' +
              'chapter\'s');
}

live.loadModule().then((L) => {
  chapter1(L);
  chapter2(L);
  chapter3(L);
  chapter4(L);
  chapter5(L);
  console.log('live_module: the largest differences measured: ' +
              Object.keys(measured).map((k) =>
                `${k} ${measured[k].toExponential(2)}`).join(', '));
  fs.rmSync(tmp, {recursive: true, force: true});
}, (e) => fail(e.stack));
