// module.js: the library's numerical layers in WebAssembly
// (book/live/live.c), and the calls the live figures make to them.
//
// The module's bytes are in this script (MODULE, base64, written by the
// Makefile): a page opened from the file system may not fetch a file.
// loadModule() compiles them (asynchronously: a browser refuses to
// compile a large module on the page's thread at once) and resolves to a
// Live, whose methods wrap the module's entry points. Arrays live in the
// module's memory (Doubles); a model is a pointer the module gave, with
// its own object here (Logreg, Net). A call that fails throws an Error
// with the library's message.

// WASI, as far as the module asks for it: the library never opens a file
// and writes only before an assertion stops it; that text goes to the
// console.
function wasiImports(module, memory) {
  var imports = {};
  WebAssembly.Module.imports(module).forEach(function (i) {
    if (i.kind !== 'function') return;
    imports[i.name] = function () { return 52; };     // ENOSYS
  });
  imports.fd_write = function (fd, iovs, count, written) {
    var view = new DataView(memory().buffer), text = '', total = 0;
    for (var k = 0; k < count; k++) {
      var at = view.getUint32(iovs + 8 * k, true);
      var len = view.getUint32(iovs + 8 * k + 4, true);
      text += new TextDecoder().decode(new Uint8Array(memory().buffer,
                                                      at, len));
      total += len;
    }
    view.setUint32(written, total, true);
    if (text.trim()) console.error(text.trim());
    return 0;
  };
  imports.proc_exit = function (status) {
    throw new Error('the module stopped, status ' + status);
  };
  return {wasi_snapshot_preview1: imports};
}

function decodeBase64(text) {
  var bytes = atob(text), out = new Uint8Array(bytes.length);
  for (var i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return out;
}

function loadModule() {
  return WebAssembly.compile(decodeBase64(MODULE)).then(function (module) {
    var exports = null;
    var memory = function () { return exports.memory; };
    return WebAssembly.instantiate(module, wasiImports(module, memory))
      .then(function (instance) {
        exports = instance.exports;
        exports._initialize();
        return new Live(exports);
      });
  });
}

// n doubles in the module's memory, at ptr. view() is a Float64Array over
// them: a fresh one at each call, since memory that grows moves its
// buffer.
function Doubles(live, n) {
  this.live = live;
  this.n = n;
  this.ptr = live.x.live_doubles(n);
  live.check(this.ptr);
}
Doubles.prototype.view = function () {
  return new Float64Array(this.live.x.memory.buffer, this.ptr, this.n);
};
Doubles.prototype.copy = function () { return this.view().slice(); };
Doubles.prototype.set = function (values) { this.view().set(values); };
Doubles.prototype.free = function () {
  this.live.x.live_free(this.ptr);
  this.ptr = 0;
};

// The samples by name, in live_sample's order.
var PROBLEMS = ['gaussians_1d', 'gaussians_2d', 'quadrants', 'circle',
                'band'];

function Live(exports) {
  this.x = exports;
  this.activations = [];
  for (var k = 0, name; (name = exports.live_activation_name(k)); k++)
    this.activations.push(this.string(name));
}

Live.prototype.string = function (ptr) {
  var bytes = new Uint8Array(this.x.memory.buffer, ptr);
  return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
};
// A result of the module that says it failed (0, a null pointer, or -1
// when minusOne) throws the library's message.
Live.prototype.check = function (result, minusOne) {
  if (minusOne ? result === -1 : !result)
    throw new Error(this.string(this.x.live_error()));
  return result;
};
Live.prototype.doubles = function (n) { return new Doubles(this, n); };

// A generator seeded as a chapter's --seed seeds it (a pointer; free it
// with live.free).
Live.prototype.rng = function (seed) {
  return this.check(this.x.live_rng(seed));
};
Live.prototype.free = function (ptr) { this.x.live_free(ptr); };

// The sample `problem` (a name of PROBLEMS) of n points (of each category
// for the Gaussians), drawn from rng: {X, y, n, d}, X and y Doubles.
Live.prototype.sample = function (problem, n, rng) {
  var k = PROBLEMS.indexOf(problem);
  var count = k < 2 ? 2 * n : n, d = k === 0 ? 1 : 2;
  var X = this.doubles(count * d), y = this.doubles(count);
  this.check(this.x.live_sample(X.ptr, y.ptr, rng, k, n) === count);
  return {X: X, y: y, n: count, d: d};
};
Live.prototype.linspace = function (lo, hi, m) {
  var x = this.doubles(m);
  this.check(this.x.live_linspace(x.ptr, lo, hi, m) === 0);
  return x;
};
// The chapters' m x m grid over [lo, hi]^2: (m * m, 2), row by row from
// the bottom (x2 = lo) up.
Live.prototype.grid = function (lo, hi, m) {
  var points = this.doubles(2 * m * m);
  this.check(this.x.live_grid(points.ptr, lo, hi, m) === 0);
  return points;
};
// p = sigma(w x + b) at the n values of x, or sigma(w x1 + w2 x2 + b) at
// the n points of x when w2 is given.
Live.prototype.neuron = function (p, x, n, w, b, w2) {
  var twoD = w2 !== undefined;
  this.x.live_neuron(p.ptr, x.ptr, n, twoD ? 1 : 0, w, twoD ? w2 : 0, b);
};
Live.prototype.product = function (u, X, n) {
  this.x.live_product(u.ptr, X.ptr, n);
};
Live.prototype.logreg = function (X, y, n, d) {
  return new Logreg(this, X, y, n, d);
};
Live.prototype.net = function (samples, rng, hidden, activation, rate) {
  return new Net(this, samples, rng, hidden, activation, rate);
};

// The logistic regression fitted to n examples of d features, by
// Newton's method: w (d,), b, f (the objective at the fit), nIter,
// converged.
function Logreg(live, X, y, n, d) {
  var x = live.x;
  this.live = live;
  this.d = d;
  this.ptr = live.check(x.live_logreg_fit(X.ptr, y.ptr, n, d));
  this.w = [];
  for (var j = 0; j < d; j++) this.w.push(x.live_logreg_result(this.ptr, j));
  this.b = x.live_logreg_result(this.ptr, d);
  this.f = x.live_logreg_result(this.ptr, d + 1);
  this.nIter = x.live_logreg_result(this.ptr, d + 2);
  this.converged = x.live_logreg_result(this.ptr, d + 3) === 1;
}
Logreg.prototype.proba = function (p, X, n) {
  this.live.check(this.live.x.live_logreg_proba(p.ptr, this.ptr, X.ptr, n)
                  === 0);
};
Logreg.prototype.accuracy = function (X, y, n) {
  return this.live.check(this.live.x.live_logreg_accuracy(this.ptr, X.ptr,
                                                          y.ptr, n), true);
};
Logreg.prototype.destroy = function () {
  this.live.x.live_logreg_destroy(this.ptr);
  this.ptr = 0;
};

// Chapter 5's network on samples = {train, test} (each {X, y, n}), its
// training started from rng's state and reset; `activation` is a name of
// live.activations.
function Net(live, samples, rng, hidden, activation, rate) {
  var kind = live.activations.indexOf(activation);
  this.live = live;
  this.hidden = hidden;
  this.ptr = live.check(live.x.live_net_create(
    samples.train.X.ptr, samples.train.y.ptr, samples.test.X.ptr,
    samples.test.y.ptr, samples.train.n, rng, hidden, kind, rate));
}
// One epoch: 0 to go on, 1 once training has stopped; throws when the
// loss stops being finite.
Net.prototype.epoch = function () {
  return this.live.check(this.live.x.live_net_epoch(this.ptr), true);
};
Net.prototype.reset = function () {
  this.live.check(this.live.x.live_net_reset(this.ptr) === 0);
};
// {epochs, loss, converged, stopped (by the stopping rule), train,
// test}: the last two, accuracies.
Net.prototype.state = function () {
  var x = this.live.x, p = this.ptr;
  return {epochs: x.live_net_state(p, 0), loss: x.live_net_state(p, 1),
          converged: x.live_net_state(p, 2) === 1,
          stopped: x.live_net_state(p, 3) === 1,
          train: x.live_net_state(p, 4), test: x.live_net_state(p, 5)};
};
Net.prototype.lossCurve = function () {
  var n = this.live.x.live_net_state(this.ptr, 0);
  return new Float64Array(this.live.x.memory.buffer,
                          this.live.x.live_net_loss_curve(this.ptr), n)
    .slice();
};
Net.prototype.message = function () {
  return this.live.string(this.live.x.live_net_message(this.ptr));
};
// The hidden units: W (2, H) row-major, b (H,), and the output weights v
// (H,): copies.
Net.prototype.units = function () {
  var x = this.live.x, H = this.hidden, buffer = x.memory.buffer;
  var at = function (ptr, n) {
    return new Float64Array(buffer, ptr, n).slice();
  };
  return {W: at(x.live_net_weights(this.ptr, 0, 0), 2 * H),
          b: at(x.live_net_weights(this.ptr, 0, 1), H),
          v: at(x.live_net_weights(this.ptr, 1, 0), H)};
};
// P(category 1) at the n points of X into out (unit undefined), or the
// output of hidden unit `unit`.
Net.prototype.map = function (out, X, n, unit) {
  this.live.check(this.live.x.live_net_map(
    out.ptr, this.ptr, X.ptr, n, unit === undefined ? -1 : unit) === 0);
};
Net.prototype.destroy = function () {
  this.live.x.live_net_destroy(this.ptr);
  this.ptr = 0;
};
