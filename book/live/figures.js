// figures.js: the live figures of the chapters.
//
// Each chapter's central figure comes alive where it stands: the script
// finds the static figure by its id (FIGURES, below), hides its image and
// puts the live figure in its place, above the same caption. The static
// image stays in the page, for print and for a reader without scripts.
// Every live figure starts in the state of its static twin, and is drawn
// with the chapters' own numbers, computed by the module (module.js).
//
// The controls are HTML controls, each with its label, worked by mouse,
// touch or keyboard; a value out of range is refused with a message
// beside its control, and the figure keeps the last good one. A figure is
// drawn at the next animation frame after a change (drawn only when it is
// on screen), and says how long its last drawing took in data-draw-ms
// (for `make bench`).

// ---- the page's elements -----------------------------------------------

function el(tag, attrs, children) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === 'text') e.textContent = attrs[k];
    else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
    else e.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) e.appendChild(c); });
  return e;
}

var uniqueId = 0;
function newId(stem) { return 'live-' + stem + '-' + ++uniqueId; }

// A slider: {label (HTML), min, max, step, value, format, input(value)}.
// Its value shows beside it.
function slider(spec) {
  var id = newId('slider');
  var input = el('input', {type: 'range', id: id, min: spec.min,
                           max: spec.max, step: spec.step,
                           value: spec.value});
  var out = el('output', {for: id});
  var label = el('label', {for: id});
  label.innerHTML = spec.label;
  var show = function () { out.textContent = spec.format(+input.value); };
  input.addEventListener('input', function () {
    show();
    spec.input(+input.value);
  });
  show();
  var box = el('span', {class: 'live-control'}, [label, input, out]);
  box.set = function (v) { input.value = v; show(); };
  return box;
}

// A field for a number: {label, value, parse(text) -> a number, or throws
// an Error whose message says what it must be, change(value)}. A bad
// value is refused with its message beside the field, and change is not
// called.
function field(spec) {
  var id = newId('field'), errorId = id + '-error';
  var input = el('input', {type: 'text', id: id, value: spec.value,
                           inputmode: spec.inputmode || 'decimal',
                           size: spec.size || 7, autocomplete: 'off',
                           spellcheck: 'false',
                           'aria-describedby': errorId});
  var error = el('span', {class: 'live-error', id: errorId,
                          role: 'status'});
  input.style.width = (spec.size || 7) + 2 + 'ch';
  var label = el('label', {for: id});
  label.innerHTML = spec.label;
  input.setAttribute('data-label', label.textContent);
  var last = String(spec.value);
  var apply = function () {
    var value;
    try {
      value = spec.parse(input.value.trim());
    } catch (e) {
      input.setAttribute('aria-invalid', 'true');
      error.textContent = e.message;
      return;
    }
    input.removeAttribute('aria-invalid');
    error.textContent = '';
    if (input.value.trim() === last) return;
    last = input.value.trim();
    spec.change(value);
  };
  input.addEventListener('change', apply);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter') apply();
  });
  var box = el('span', {class: 'live-control'}, [label, input, error]);
  box.set = function (value) {    // a value the figure chose itself
    input.value = last = String(value);
    input.removeAttribute('aria-invalid');
    error.textContent = '';
  };
  return box;
}

// A whole number from lo to hi, as a field's parse.
function wholeNumber(what, lo, hi) {
  return function (text) {
    if (!/^\d+$/.test(text) || +text < lo || +text > hi)
      throw new Error(what + ': a whole number from ' + lo + ' to ' + hi);
    return +text;
  };
}

// A choice among options [[value, text], ...]: {label, options, value,
// change(value)}.
function choice(spec) {
  var id = newId('choice');
  var select = el('select', {id: id}, spec.options.map(function (o) {
    var option = el('option', {value: o[0], text: o[1]});
    if (o[0] === spec.value) option.selected = true;
    return option;
  }));
  select.addEventListener('change', function () {
    spec.change(select.value);
  });
  var label = el('label', {for: id});
  label.innerHTML = spec.label;
  select.setAttribute('data-label', label.textContent);
  return el('span', {class: 'live-control'}, [label, select]);
}

function button(text, click, label) {
  return el('button', {type: 'button', text: text, onclick: click,
                       'aria-label': label || text});
}

// ---- a live figure in the page -----------------------------------------

var liveFigures = [];

// The live figure that takes the place of the static one whose image has
// the id `id` (in the page): {root, controls, panels, readout, draw (set
// by the chapter), request()}.
function LiveFigure(id, label) {
  this.figure = document.getElementById(id).closest('figure');
  this.figure.classList.add('live-on');
  this.controls = el('div', {class: 'live-controls'});
  this.panels = el('div', {class: 'live-panels'});
  this.readout = el('p', {class: 'live-readout', 'aria-live': 'polite'});
  this.root = el('div', {class: 'live', role: 'group', 'aria-label': label,
                         'data-live': id},
                 [this.controls, this.panels, this.readout]);
  this.figure.insertBefore(this.root, this.figure.querySelector(
    'figcaption'));
  this.visible = true;
  this.dirty = false;
  this.frame = 0;
  var self = this;
  if ('IntersectionObserver' in window)
    new IntersectionObserver(function (entries) {
      self.visible = entries[entries.length - 1].isIntersecting;
      if (self.visible && self.dirty) self.request();
    }).observe(this.root);
  if ('ResizeObserver' in window) {
    var lastWidth = 0;
    new ResizeObserver(function () {
      var w = self.panels.clientWidth;
      if (w && w !== lastWidth) {
        lastWidth = w;
        self.request(true);
      }
    }).observe(this.panels);
  }
  liveFigures.push(this);
}

// The width for a plot in this figure: the panels' width, at most `max`
// pixels, or half of it when `two` plots stand side by side.
LiveFigure.prototype.width = function (max, two) {
  var w = this.panels.clientWidth || 560;
  if (two && w >= 600) w = Math.floor((w - 16) / 2);
  return Math.min(max || 640, w);
};

// A drawing at the next frame (`resized`: the plots are sized again
// first). A figure off screen is drawn once it comes into view, unless
// `now` (its first drawing, the state it shows in a screenshot or to a
// reader who scrolls to it).
LiveFigure.prototype.request = function (resized, now) {
  var self = this;
  if (resized) this.resized = true;
  if (!this.visible && !now) {
    this.dirty = true;
    return;
  }
  if (this.frame) return;
  this.frame = requestAnimationFrame(function () {
    self.frame = 0;
    self.dirty = false;
    var start = performance.now();
    self.draw(self.resized);
    self.resized = false;
    self.root.setAttribute('data-draw-ms',
                           (performance.now() - start).toFixed(2));
  });
};

// Says `text` under the figure (and to a screen reader).
LiveFigure.prototype.say = function (text) {
  this.readout.textContent = text;
};

// A canvas in the figure's panels, with an accessible name; its plot.
function canvasPlot(fig, label, options, parent) {
  var canvas = el('canvas', {role: 'img', 'aria-label': label});
  (parent || fig.panels).appendChild(canvas);
  return new Plot(canvas, options);
}

// ---- chapter 1: the neuron's weight and bias ---------------------------

function chapter1(live, fig) {
  var rng = live.rng(1);
  var sample = live.sample('gaussians_1d', 100, rng);
  live.free(rng);
  var n = sample.n, x = sample.X.copy(), y = sample.y.copy();
  var curveX = live.linspace(-5, 5, 201), curve = live.doubles(201);
  var p = live.doubles(n);
  var state = {w: 1, b: 0};
  var colours = categoryColours('blue');
  var vermilion = themeColour('vermilion');
  var plot = canvasPlot(fig, 'the neuron\'s output over the examples',
                        {x: [-5, 5], y: [-0.06, 1.06], xlabel: '*x*',
                         ylabel: 'probability of category 1',
                         legendLow: true});
  fig.controls.appendChild(slider({
    label: '<i>w</i>', min: -5, max: 5, step: 0.05, value: 1,
    format: function (v) { return fmt(v, 3); },
    input: function (v) { state.w = v; fig.request(); }}));
  fig.controls.appendChild(slider({
    label: '<i>b</i>', min: -5, max: 5, step: 0.05, value: 0,
    format: function (v) { return fmt(v, 3); },
    input: function (v) { state.b = v; fig.request(); }}));

  fig.draw = function (resized) {
    var w = state.w, b = state.b;
    if (resized) plot.size(fig.width(680));
    live.neuron(p, sample.X, n, w, b);
    live.neuron(curve, curveX, 201, w, b);
    var out = p.view(), wrong = [0, 0];
    var mistaken = function (i) { return (out[i] > 0.5 ? 1 : 0) !== y[i]; };
    for (var i = 0; i < n; i++) wrong[y[i]] += mistaken(i);
    var boundary = 0 - b / w, has = w !== 0 && isFinite(boundary);

    plot.begin();
    for (var k = 0; k < 2; k++)
      plot.points(x, y, n, {colour: colours[k], alpha: plot.ink.alpha,
                            radius: 3.5},
                  function (i) { return y[i] === k; });
    plot.points(x, y, n, {colour: 'rgba(0,0,0,0)', ring: plot.ink.text,
                          radius: 5}, mistaken);
    plot.line(curveX.view(), curve.view(), {colour: vermilion});
    if (has)
      plot.segment(boundary, -0.06, boundary, 1.06,
                   {colour: plot.ink.text, dash: 'dashed'});
    plot.axes([{label: 'category 0', colour: colours[0], kind: 'point',
                alpha: plot.ink.alpha},
               {label: 'category 1', colour: colours[1], kind: 'point',
                alpha: plot.ink.alpha},
               {label: '\u03c3(*wx* + *b*)', colour: vermilion, kind: 'line'}]);
    var right = (n - wrong[0] - wrong[1]) / n;
    fig.say((has ? 'the boundary is at x = \u2212b/w = ' + fmt(boundary)
                 : 'w = 0: the output is \u03c3(b) for every x, no boundary')
            + '; misclassified (circled): ' + wrong[0] +
            ' of category 0, ' + wrong[1] + ' of category 1; accuracy ' +
            right.toFixed(3));
  };
}

// ---- chapter 2: the sigmoid of two variables ---------------------------

// The neuron's parameters, shared by the two live figures of chapter 2:
// a slider of one moves the other's.
function sharedParams(values) {
  var listeners = [];
  return {
    values: values,
    set: function (name, v, from) {
      values[name] = v;
      listeners.forEach(function (l) { l(name, v, from); });
    },
    listen: function (l) { listeners.push(l); }
  };
}

function neuronSliders(fig, params) {
  var names = {w1: '<i>w</i><sub>1</sub>', w2: '<i>w</i><sub>2</sub>',
               b: '<i>b</i>'};
  var boxes = {};
  Object.keys(names).forEach(function (name) {
    boxes[name] = slider({
      label: names[name], min: -5, max: 5, step: 0.05,
      value: params.values[name],
      format: function (v) { return fmt(v, 3); },
      input: function (v) { params.set(name, v, fig); }});
    fig.controls.appendChild(boxes[name]);
  });
  params.listen(function (name, v, from) {
    if (from !== fig) boxes[name].set(v);
    fig.request();
  });
}

var chapter2Params = null;
// The chapter's grid (51 x 51 over [-6, 6]) and the sigmoid on it.
function chapter2Map(live) {
  if (!chapter2Params) {
    chapter2Params = sharedParams({w1: 1, w2: 2, b: 0});
    chapter2Params.grid = live.grid(-6, 6, 51);
    chapter2Params.sigma = live.doubles(51 * 51);
  }
  var P = chapter2Params, v = P.values;
  live.neuron(P.sigma, P.grid, 51 * 51, v.w1, v.b, v.w2);
  return P;
}

function chapter2(live, fig) {
  var P = chapter2Map(live);
  var plot = canvasPlot(fig, 'the sigmoid of w1 x1 + w2 x2 + b on the grid, '
                        + 'and its boundary line',
                        {x: [-6, 6], y: [-6, 6], square: true,
                         xlabel: '*x*\u2081',
                         ylabel: '*x*\u2082',
                         colorbar: {label: '\u03c3(*z*)', range: [0, 1],
                                    palette: 'diverging'}});
  neuronSliders(fig, P);
  fig.draw = function (resized) {
    var v = P.values, w1 = v.w1, w2 = v.w2, b = v.b;
    if (resized) plot.size(fig.width(560));
    chapter2Map(live);
    plot.begin();
    plot.map(P.sigma.view(), 51, -6, 6, 'diverging', [0, 1]);
    var none = w1 === 0 && w2 === 0, flat = Math.abs(w2) >= Math.abs(w1);
    var legend = [];
    if (!none) {
      plot.zeroLine(w1, w2, b, {colour: '#000', dash: 'dashed'});
      var checked = [-4, 0, 4].map(function (t) {
        return flat ? [t, 0 - (w1 * t + b) / w2] : [0 - (w2 * t + b) / w1, t];
      });
      plot.points(checked.map(function (c) { return c[0]; }),
                  checked.map(function (c) { return c[1]; }), 3,
                  {colour: '#000', radius: 3.5});
      legend = [{label: '*w*\u2081*x*\u2081 + *w*\u2082*x*\u2082 + *b* = 0',
                 colour: '#000', kind: 'dashed'}];
    }
    plot.axes(legend);
    fig.say(none ? 'w\u2081 = w\u2082 = 0: \u03c3 = ' +
                   fmt(1 / (1 + Math.exp(-b))) + ' everywhere, no boundary'
            : w2 === 0 ? 'the boundary: the vertical line x\u2081 = ' +
                         fmt(0 - b / w1)
            : 'the boundary: x\u2082 = ' + fmt(-w1 / w2) + ' x\u2081 + ' +
              fmt(0 - b / w2));
  };
}

// The surface: the same 51 x 51 values as heights, seen from the angles
// of gnuplot's `set view rx, rz` (the static figure's 55, 30), turned by
// dragging it or by the arrow keys.
function chapter2Surface(live, fig) {
  var P = chapter2Map(live);
  var view = {rx: 55, rz: 30};
  var canvas = el('canvas', {role: 'img', tabindex: '0', class: 'live-turn',
                             'aria-label': 'the sigmoid as a surface above '
                             + 'the plane: drag it, or use the arrow keys, '
                             + 'to turn it'});
  fig.panels.appendChild(canvas);
  var plot = new Plot(canvas, {x: [0, 1], y: [0, 1], aspect: 0.62});
  var blue = themeColour('blue');
  neuronSliders(fig, P);
  var turn = function (drz, drx) {
    view.rz = (view.rz + drz + 360) % 360;
    view.rx = Math.min(180, Math.max(0, view.rx + drx));
    fig.request();
  };
  var from = null;
  canvas.addEventListener('pointerdown', function (e) {
    from = [e.clientX, e.clientY];
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', function (e) {
    if (!from) return;
    turn((e.clientX - from[0]) * 0.5, (e.clientY - from[1]) * 0.5);
    from = [e.clientX, e.clientY];
  });
  canvas.addEventListener('pointerup', function () { from = null; });
  canvas.addEventListener('keydown', function (e) {
    var d = {ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, -5],
             ArrowDown: [0, 5]}[e.key];
    if (!d) return;
    e.preventDefault();
    e.stopPropagation();            // the arrows turn it, not the page
    turn(d[0], d[1]);
  });

  fig.draw = function (resized) {
    if (resized) plot.size(fig.width(680));
    chapter2Map(live);
    var s = P.sigma.view(), m = 51;
    var rx = view.rx * Math.PI / 180, rz = view.rz * Math.PI / 180;
    var cz = Math.cos(rz), sz = Math.sin(rz), cx = Math.cos(rx),
        sx = Math.sin(rx);
    var b = plot.box, scale = Math.min(b.right - b.left, b.bottom - b.top)
                              * 0.42;
    var ox = (b.left + b.right) / 2, oy = (b.top + b.bottom) / 2;
    // A point of the box [-1, 1]^2 x [-0.5, 0.5], on the canvas, and its
    // depth (larger: nearer).
    var project = function (u, v, h) {
      var x = u * cz + v * sz, y = -u * sz + v * cz;
      return [ox + scale * x, oy - scale * (y * cx + h * sx),
              -y * sx + h * cx];
    };
    var pts = [];
    for (var k = 0; k < m * m; k++)
      pts.push(project(-1 + 2 * (k % m) / (m - 1),
                       -1 + 2 * Math.floor(k / m) / (m - 1), s[k] - 0.5));
    // Every line of the grid, or every other one on a narrow screen, where
    // 51 would merge into one colour.
    var quads = [], d = plot.width < 500 ? 2 : 1;
    for (var i = 0; i + d < m; i += d)
      for (var j = 0; j + d < m; j += d) {
        var q = [i * m + j, i * m + j + d, (i + d) * m + j + d,
                 (i + d) * m + j];
        quads.push({q: q, depth: pts[q[0]][2] + pts[q[1]][2] + pts[q[2]][2]
                                 + pts[q[3]][2]});
      }
    quads.sort(function (a, c) { return a.depth - c.depth; });
    plot.begin();
    var c = plot.ctx;
    c.restore();
    c.lineWidth = 0.8;
    c.strokeStyle = blue;
    c.fillStyle = plot.ink.bg;
    quads.forEach(function (quad) {
      c.beginPath();
      quad.q.forEach(function (k, n) {
        c[n ? 'lineTo' : 'moveTo'](pts[k][0], pts[k][1]);
      });
      c.closePath();
      c.fill();
      c.stroke();
    });
    // The floor's edges with their ticks, and the height's axis.
    c.strokeStyle = plot.ink.muted;
    c.lineWidth = 1;
    var edge = function (a, z) {
      c.beginPath();
      c.moveTo(a[0][0], a[0][1]);
      c.lineTo(a[1][0], a[1][1]);
      c.stroke();
      if (z) plot.text(z.text, z.at[0], z.at[1]);
    };
    var front = function (u, v) { return project(u, v, -0.5); };
    edge([front(-1, -1), front(1, -1)],
         {text: '*x*\u2081', at: front(0, -1.4)});
    edge([front(1, -1), front(1, 1)],
         {text: '*x*\u2082', at: front(1.4, 0)});
    [-6, 0, 6].forEach(function (t) {
      var a = front(t / 6, -1.2), d = front(1.2, t / 6);
      plot.text(fmt(t), a[0], a[1]);
      plot.text(fmt(t), d[0], d[1]);
    });
    var foot = project(-1, -1, -0.5), top = project(-1, -1, 0.5);
    edge([foot, top]);
    [0, 0.5, 1].forEach(function (h) {
      var at = project(-1, -1, h - 0.5);
      plot.text(fmt(h), at[0] - 10, at[1] - 3, 'right');
    });
    plot.text('\u03c3(*z*)', top[0], top[1] - 14);
    var v = P.values, norm = Math.hypot(v.w1, v.w2);
    fig.say('across the boundary, \u03c3 rises like \u03c3(wx) with w = '
            + '|(w\u2081, w\u2082)| = ' + fmt(norm) +
            '; the view: ' + Math.round(view.rx) + '\u00b0, ' +
            Math.round(view.rz) + '\u00b0');
  };
}

// ---- a map the reader points at ------------------------------------------

// Clicks, taps and the keyboard on a map's canvas: the arrow keys move a
// cross (by `step`, ten times with Shift), Enter or Space acts at it;
// act(x, y) is called with the point of the data.
function pointable(plot, fig, step, act) {
  var canvas = plot.canvas, o = plot.o;
  var cursor = [(o.x[0] + o.x[1]) / 2, (o.y[0] + o.y[1]) / 2];
  canvas.setAttribute('tabindex', '0');
  canvas.addEventListener('click', function (e) {
    var r = canvas.getBoundingClientRect();
    var at = plot.at(e.clientX - r.left, e.clientY - r.top);
    if (plot.inside(at[0], at[1])) act(at[0], at[1]);
  });
  canvas.addEventListener('keydown', function (e) {
    var d = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1],
             ArrowDown: [0, -1]}[e.key];
    var s = e.shiftKey ? 10 * step : step;
    if (d) {
      cursor[0] = Math.min(o.x[1], Math.max(o.x[0], cursor[0] + d[0] * s));
      cursor[1] = Math.min(o.y[1], Math.max(o.y[0], cursor[1] + d[1] * s));
      fig.request();
    } else if (e.key === 'Enter' || e.key === ' ') {
      act(cursor[0], cursor[1]);
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();            // the arrows move the cross, not the page
  });
  canvas.addEventListener('focus', function () { fig.request(); });
  canvas.addEventListener('blur', function () { fig.request(); });
  // Draws the cross, when the canvas has the focus.
  return function () {
    if (document.activeElement !== canvas) return;
    var x = plot.px(cursor[0]), y = plot.py(cursor[1]), c = plot.ctx;
    c.beginPath();
    c.moveTo(x - 8, y);
    c.lineTo(x + 8, y);
    c.moveTo(x, y - 8);
    c.lineTo(x, y + 8);
    plot.stroke({colour: '#000', width: 2});
  };
}

// ---- chapter 3: a sample the reader edits, fitted again ------------------

function chapter3(live, fig) {
  var rng = live.rng(1), chapter = live.sample('gaussians_2d', 500, rng);
  live.free(rng);
  var start = {X: chapter.X.copy(), y: chapter.y.copy()};
  chapter.X.free();
  chapter.y.free();
  var points = null, labels = null, mode = '1', problem = '';
  var model = null, accuracy = 0;
  var grid = live.grid(-6, 6, 51), prob = live.doubles(51 * 51);
  var map = null, colours = categoryColours('sky blue');
  var plot = canvasPlot(fig, 'the fitted probability of category 1, the ' +
                        'sample, and the line where it is 1/2; click to ' +
                        'change the sample',
                        {x: [-6, 6], y: [-6, 6], square: true,
                         xlabel: '*x*\u2081', ylabel: '*x*\u2082',
                         colorbar: {label: 'P(category 1)', range: [0, 1],
                                    palette: 'diverging'}});

  // The sample as it is now, fitted: the map and the line follow.
  var refit = function () {
    var n = labels.length, X = live.doubles(2 * n), y = live.doubles(n);
    X.set(points);
    y.set(labels);
    try {
      var fitted = live.logreg(X, y, n, 2);
      fitted.proba(prob, grid, 51 * 51);
      accuracy = fitted.accuracy(X, y, n);
      if (model) model.destroy();
      model = fitted;
      map = prob.copy();
      problem = '';
    } catch (e) {
      problem = 'no fit: ' + e.message;
    }
    X.free();
    y.free();
    fig.request();
  };
  var reset = function () {
    points = Array.from(start.X);
    labels = Array.from(start.y);
    refit();
  };
  // Adds a point of the chosen category at (x1, x2), or removes the point
  // nearest to it, within 0.3.
  var act = function (x1, x2) {
    if (mode === 'remove') {
      var best = -1, near = 0.3;
      for (var i = 0; i < labels.length; i++) {
        var d = Math.hypot(points[2 * i] - x1, points[2 * i + 1] - x2);
        if (d < near) {
          near = d;
          best = i;
        }
      }
      if (best < 0) return;
      points.splice(2 * best, 2);
      labels.splice(best, 1);
    } else {
      points.push(x1, x2);
      labels.push(+mode);
    }
    refit();
  };
  var cross = pointable(plot, fig, 0.1, act);
  fig.controls.appendChild(choice({
    label: 'a click', value: mode,
    options: [['0', 'adds a point of category 0'],
              ['1', 'adds a point of category 1'],
              ['remove', 'removes the nearest point']],
    change: function (v) { mode = v; }}));
  fig.controls.appendChild(button('Reset', reset,
                                  'reset to the chapter\'s sample'));

  fig.draw = function (resized) {
    if (resized) plot.size(fig.width(560));
    plot.begin();
    if (map) plot.map(map, 51, -6, 6, 'diverging', [0, 1]);
    var n = labels.length;
    for (var k = 0; k < 2; k++)
      plot.points(points, null, n, {colour: colours[k], alpha: 0.8,
                                    radius: 2.8},
                  function (i) { return labels[i] === k; });
    if (model)
      plot.zeroLine(model.w[0], model.w[1], model.b,
                    {colour: '#000', dash: 'dashed'});
    cross();
    plot.axes([{label: 'category 0', colour: colours[0], kind: 'point'},
               {label: 'category 1', colour: colours[1], kind: 'point'},
               {label: 'P = 1/2', colour: '#000', kind: 'dashed'}]);
    var ones = labels.reduce(function (a, v) { return a + v; }, 0);
    fig.say((problem ? problem + '. The last fit: ' : '') +
            'w\u2081 = ' + fixed(model.w[0], 4) + ', w\u2082 = ' +
            fixed(model.w[1], 4) + ', b = ' + fixed(model.b, 4) +
            ' (Newton\'s method, ' + model.nIter + ' iterations); f = ' +
            model.f.toFixed(4) + '; training accuracy ' +
            accuracy.toFixed(3) + '; ' + (n - ones) +
            ' points of category 0, ' + ones + ' of category 1');
  };
  reset();
}

// ---- chapter 4: a line, or the variable u = x1 x2 ----------------------

function chapter4(live, fig) {
  var seed = 1, show = 'both', state = null;
  var grid = live.grid(-1, 1, 100), gridU = live.doubles(100 * 100);
  live.product(gridU, grid, 100 * 100);
  var colours = categoryColours('blue');
  var options = function (title) {
    return {x: [-1, 1], y: [-1, 1], square: true, xlabel: '*x*\u2081',
            ylabel: '*x*\u2082', title: title,
            colorbar: {label: 'P(category 1)', range: [0, 1],
                       palette: 'diverging'}};
  };
  var boxes = [el('div', {class: 'live-panel'}), el('div',
                                                    {class: 'live-panel'})];
  boxes.forEach(function (b) { fig.panels.appendChild(b); });
  var plots = [
    canvasPlot(fig, 'the logistic regression given x1 and x2',
               options('given *x*\u2081 and *x*\u2082: a line'), boxes[0]),
    canvasPlot(fig, 'the logistic regression given u = x1 x2',
               options('given *u* = *x*\u2081*x*\u2082'), boxes[1])];
  var notes = boxes.map(function (b) {
    return b.appendChild(el('p', {class: 'live-note'}));
  });

  // The two samples of the seed, the two models, their maps and
  // accuracies.
  var compute = function () {
    var rng = live.rng(seed);
    var train = live.sample('quadrants', 500, rng);
    var test = live.sample('quadrants', 500, rng);
    live.free(rng);
    var u = live.doubles(500), uTest = live.doubles(500);
    live.product(u, train.X, 500);
    live.product(uTest, test.X, 500);
    var map = live.doubles(100 * 100), models = [
      {fit: live.logreg(train.X, train.y, 500, 2), X: train.X,
       Xt: test.X, grid: grid},
      {fit: live.logreg(u, train.y, 500, 1), X: u, Xt: uTest, grid: gridU}];
    var out = {test: {X: test.X.copy(), y: test.y.copy()}, models: []};
    models.forEach(function (m) {
      m.fit.proba(map, m.grid, 100 * 100);
      out.models.push({map: map.copy(), w: m.fit.w, b: m.fit.b,
                       train: m.fit.accuracy(m.X, train.y, 500),
                       test: m.fit.accuracy(m.Xt, test.y, 500)});
      m.fit.destroy();
    });
    [train.X, train.y, test.X, test.y, u, uTest, map].forEach(function (d) {
      d.free();
    });
    state = out;
    fig.request();
  };
  fig.controls.appendChild(field({
    label: 'seed', value: seed, inputmode: 'numeric', size: 10,
    parse: wholeNumber('the seed', 0, 4294967295),
    change: function (v) { seed = v; compute(); }}));
  fig.controls.appendChild(choice({
    label: 'the model', value: show,
    options: [['both', 'both, side by side'], ['line', 'given x\u2081 and '
              + 'x\u2082'], ['u', 'given u = x\u2081x\u2082']],
    change: function (v) { show = v; fig.request(true); }}));

  fig.draw = function (resized) {
    var both = show === 'both';
    boxes[0].hidden = show === 'u';
    boxes[1].hidden = show === 'line';
    if (resized)
      plots.forEach(function (p, k) {
        p.size(fig.width(both ? 640 : 520, both));
        boxes[k].style.width = p.width + 'px';
      });
    var t = state.test, n = t.y.length;
    plots.forEach(function (plot, k) {
      var m = state.models[k];
      plot.begin();
      plot.map(m.map, 100, -1, 1, 'diverging', [0, 1]);
      for (var c = 0; c < 2; c++)
        plot.points(t.X, null, n, {colour: colours[c], radius: 2.4},
                    function (i) { return t.y[i] === c; });
      plot.axes();
      notes[k].textContent = (k ? 'w = ' + fixed(m.w[0], 4) :
                              'w\u2081 = ' + fixed(m.w[0], 4) +
                              ', w\u2082 = ' + fixed(m.w[1], 4)) +
        ', b = ' + fixed(m.b, 4) + '; accuracy ' + m.train.toFixed(3) +
        ' on the training sample, ' + m.test.toFixed(3) + ' on the test '
        + 'sample';
    });
    fig.say('seed ' + seed + (seed === 1 ? ' (the chapter\'s)' : '') +
            ': 500 training points, 500 test points; blue dots for ' +
            'category 0, orange for category 1');
  };
  compute();
}

// ---- chapter 5: the playground ---------------------------------------------

function chapter5(live, fig) {
  var settings = {problem: 'quadrants', hidden: 50, activation: 'relu',
                  rate: 0.001, seed: 1, speed: 'fast'};
  var net = null, samples = null, rng = 0, playing = false, failed = '';
  var unit = 0, frameBudget = 10;
  var grid = live.grid(-1, 1, 100), map = live.doubles(100 * 100);
  var pictures = {map: null, unit: null, units: null, curve: null};
  var colours = categoryColours('blue');
  var green = themeColour('green'), vermilion = themeColour('vermilion');

  var left = el('div', {class: 'live-panel'});
  var right = el('div', {class: 'live-panel'});
  fig.panels.appendChild(left);
  fig.panels.appendChild(right);
  var mapPlot = canvasPlot(fig, 'the network\'s probability of category 1, '
                           + 'the test sample, and the line where each '
                           + 'hidden unit switches on',
                           {x: [-1, 1], y: [-1, 1], square: true,
                            xlabel: '*x*\u2081', ylabel: '*x*\u2082',
                            colorbar: {label: 'P(category 1)',
                                       range: [0, 1], palette: 'diverging'}},
                           left);
  var lossPlot = canvasPlot(fig, 'the loss of each epoch',
                            {x: [0, 1], y: [0, 0.8], xlabel: 'epoch',
                             ylabel: 'loss *L*', aspect: 0.45}, right);
  var unitPlot = canvasPlot(fig, 'the output of the hidden unit chosen',
                            {x: [-1, 1], y: [-1, 1], square: true,
                             xlabel: '*x*\u2081', ylabel: '*x*\u2082',
                             title: 'unit 1',
                             colorbar: {label: '*a*\u2095', range: [0, 1],
                                        palette: 'viridis'}}, right);

  // A new network for the settings, at epoch 0.
  var rebuild = function () {
    pause();
    if (net) net.destroy();
    if (samples) {
      [samples.train, samples.test].forEach(function (s) {
        s.X.free();
        s.y.free();
      });
      live.free(rng);
    }
    rng = live.rng(settings.seed);
    samples = {train: live.sample(settings.problem, 500, rng),
               test: live.sample(settings.problem, 500, rng)};
    samples.testX = samples.test.X.copy();
    samples.testY = samples.test.y.copy();
    net = live.net(samples, rng, settings.hidden, settings.activation,
                   settings.rate);
    unit = Math.min(unit, settings.hidden - 1);
    unitField.set(unit + 1);
    failed = '';
    look();
  };
  // What the network is now: its map, its units, its loss curve (drawn
  // at once when `now`, on screen or not: the end of a training).
  var look = function (now) {
    if (!failed) {
      net.map(map, grid, 100 * 100);
      pictures.map = map.copy();
      net.map(map, grid, 100 * 100, unit);
      pictures.unit = map.copy();
      pictures.units = net.units();
      pictures.curve = net.lossCurve();
      pictures.state = net.state();
    }
    fig.request(false, now);
  };
  // At most `epochs` epochs, for at most `budget` ms (0: no limit), then
  // a look. While playing, tick does it again at each frame.
  var train = function (epochs, budget) {
    var start = performance.now(), status = 0, done = 0;
    try {
      do {
        status = net.epoch();
      } while (status === 0 && ++done < epochs &&
               (!budget || performance.now() - start < budget));
    } catch (e) {
      failed = e.message;
      status = -1;
    }
    if (status !== 0) pause();
    look(status !== 0);
    return status;
  };
  var tick = function () {
    if (!playing) return;
    if (settings.speed === 'fast') train(Infinity, frameBudget);
    else train(+settings.speed, frameBudget);
    if (playing) requestAnimationFrame(tick);
  };
  var playButton = button('Play', function () {
    if (playing) pause();
    else play();
  }, 'play: train epoch after epoch');
  var play = function () {
    if (failed || (pictures.state && pictures.state.stopped)) return;
    playing = true;
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-label', 'pause the training');
    requestAnimationFrame(tick);
  };
  var pause = function () {
    playing = false;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-label', 'play: train epoch after epoch');
  };
  var step = button('Step', function () {
    pause();
    if (!failed) train(1, 0);
  }, 'one epoch');
  var reset = button('Reset', function () {
    pause();
    net.reset();
    failed = '';
    look();
  }, 'reset: the first weights again, epoch 0');

  var rebuildWith = function (name) {
    return function (v) {
      settings[name] = v;
      rebuild();
    };
  };
  var unitField = field({
    label: 'unit shown', value: 1, inputmode: 'numeric', size: 3,
    parse: function (text) {
      return wholeNumber('the unit', 1, settings.hidden)(text) - 1;
    },
    change: function (v) { unit = v; look(); }});
  [playButton, step, reset].forEach(function (b) {
    fig.controls.appendChild(b);
  });
  fig.controls.appendChild(choice({
    label: 'data', value: settings.problem,
    options: [['quadrants', 'the quadrants'], ['circle', 'a circle'],
              ['band', 'a band']],
    change: rebuildWith('problem')}));
  fig.controls.appendChild(field({
    label: 'hidden units', value: settings.hidden, inputmode: 'numeric',
    size: 3, parse: wholeNumber('hidden units', 1, 200),
    change: rebuildWith('hidden')}));
  fig.controls.appendChild(choice({
    label: 'activation', value: settings.activation,
    options: live.activations.map(function (a) { return [a, a]; }),
    change: rebuildWith('activation')}));
  fig.controls.appendChild(field({
    label: 'learning rate', value: settings.rate, size: 7,
    parse: function (text) {
      var v = Number(text);
      if (!/^[0-9.e+-]+$/i.test(text) || !(v >= 1e-5 && v <= 1))
        throw new Error('the learning rate: a number from 0.00001 to 1');
      return v;
    },
    change: rebuildWith('rate')}));
  fig.controls.appendChild(field({
    label: 'seed', value: settings.seed, inputmode: 'numeric', size: 8,
    parse: wholeNumber('the seed', 0, 4294967295),
    change: rebuildWith('seed')}));
  fig.controls.appendChild(choice({
    label: 'speed', value: settings.speed,
    options: [['fast', 'as fast as it goes'],
              ['5', 'five epochs a frame'], ['1', 'one epoch a frame']],
    change: function (v) { settings.speed = v; }}));
  fig.controls.appendChild(unitField);

  // A click on the map shows the unit whose fold passes nearest, within
  // 0.05.
  mapPlot.canvas.addEventListener('click', function (e) {
    var r = mapPlot.canvas.getBoundingClientRect(), u = pictures.units;
    var p = mapPlot.at(e.clientX - r.left, e.clientY - r.top);
    var H = settings.hidden, best = -1, near = 0.05;
    for (var h = 0; h < H; h++) {
      var w1 = u.W[h], w2 = u.W[H + h], norm = Math.hypot(w1, w2);
      var d = Math.abs(w1 * p[0] + w2 * p[1] + u.b[h]) / norm;
      if (d < near && fold(w1, w2, u.b[h])) {
        near = d;
        best = h;
      }
    }
    if (best < 0) return;
    unit = best;
    unitField.set(best + 1);
    look();
  });

  // The segment of the line w1 x1 + w2 x2 + b = 0 inside [-1, 1]^2, or
  // null.
  function fold(w1, w2, b) {
    var ends = [];
    [-1, 1].forEach(function (t) {
      if (w2 !== 0) {
        var y = -(w1 * t + b) / w2;
        if (y >= -1 && y <= 1) ends.push([t, y]);
      }
      if (w1 !== 0) {
        var x = -(w2 * t + b) / w1;
        if (x > -1 && x < 1) ends.push([x, t]);
      }
    });
    return ends.length >= 2 ? ends : null;
  }

  fig.draw = function (resized) {
    if (resized) {
      var w = fig.width(1000), two = w >= 700;
      mapPlot.size(two ? Math.min(460, w - 316) : Math.min(w, 520));
      lossPlot.size(two ? 300 : Math.min(w, 520));
      unitPlot.size(two ? 300 : Math.min(w, 520));
    }
    var s = pictures.state, H = settings.hidden, u = pictures.units;
    // the map, the test sample, the folds
    mapPlot.begin();
    mapPlot.map(pictures.map, 100, -1, 1, 'diverging', [0, 1]);
    for (var c = 0; c < 2; c++)
      mapPlot.points(samples.testX, null, samples.testY.length,
                     {colour: colours[c], radius: 2.2},
                     function (i) { return samples.testY[i] === c; });
    for (var h = 0; h < H; h++) {
      var seg = fold(u.W[h], u.W[H + h], u.b[h]);
      if (seg)
        mapPlot.segment(seg[0][0], seg[0][1], seg[1][0], seg[1][1],
                        {colour: h === unit ? vermilion
                                 : u.v[h] > 0 ? '#000' : green,
                         width: h === unit ? 2.5 : 1, alpha: 0.8});
    }
    mapPlot.axes([{label: 'a fold, *v*\u2095 > 0', colour: '#000',
                   kind: 'line'},
                  {label: 'a fold, *v*\u2095 < 0', colour: green,
                   kind: 'line'}]);
    // the loss curve
    var curve = pictures.curve, n = curve.length;
    lossPlot.o.x = [0, Math.max(10, n)];
    lossPlot.begin();
    lossPlot.segment(0, Math.LN2, Math.max(10, n), Math.LN2,
                     {colour: lossPlot.ink.muted, dash: 'dotted', width: 1});
    var xs = [];
    for (var e = 1; e <= n; e++) xs.push(e);
    if (n) lossPlot.line(xs, curve, {colour: themeColour('blue')});
    lossPlot.axes();
    // the unit's map
    var top = 0;
    for (var k = 0; k < pictures.unit.length; k++)
      top = Math.max(top, pictures.unit[k]);
    var lo = settings.activation === 'tanh' ? -1
           : settings.activation === 'identity' ? -top : 0;
    unitPlot.o.title = 'unit ' + (unit + 1) + ', *v*\u2095 = ' +
                       (u.v[unit] >= 0 ? '+' : '') + fmt(u.v[unit], 3);
    unitPlot.o.colorbar.range = [Math.min(lo, top - 1e-9), Math.max(top, 1e-9)];
    unitPlot.begin();
    unitPlot.map(pictures.unit, 100, -1, 1, 'viridis',
                 unitPlot.o.colorbar.range);
    var own = fold(u.W[unit], u.W[H + unit], u.b[unit]);
    if (own)
      unitPlot.segment(own[0][0], own[0][1], own[1][0], own[1][1],
                       {colour: vermilion, width: 2});
    unitPlot.axes();
    fig.root.setAttribute('data-epochs', s.epochs);
    fig.root.setAttribute('data-state', failed ? 'failed' : playing
                          ? 'training' : s.stopped ? 'stopped' : 'paused');
    // A screen reader hears the readout once training pauses or stops.
    fig.readout.setAttribute('aria-busy', playing ? 'true' : 'false');
    fig.say((failed ? failed + '. ' : '') + 'epoch ' + s.epochs + '; loss ' +
            (n ? s.loss.toFixed(4) : '\u2013') + '; training accuracy ' +
            s.train.toFixed(3) + '; test accuracy ' + s.test.toFixed(3) +
            (s.stopped ? '; ' + (s.converged ? 'converged' : 'stopped') +
                         ': ' + net.message() : playing ? '; training' : ''));
  };
  rebuild();
  // It starts as the chapter's network, trained to its end, as the static
  // figure shows it.
  play();
}

// ---- where they go -------------------------------------------------------

// The static figures that come alive: the id of their image, the chapter's
// function, and the live figure's name for a screen reader.
var FIGURES = [
  ['fig-1-classify', chapter1, 'the neuron of chapter 1, live: move w and b'],
  ['fig-2-boundary', chapter2, 'the sigmoid of two variables, live: move '
   + 'w1, w2 and b'],
  ['fig-2-surface', chapter2Surface, 'the sigmoid as a surface, live: move '
   + 'w1, w2 and b, turn it'],
  ['fig-3-probability_map', chapter3, 'the fitted logistic regression, '
   + 'live: add or remove points'],
  ['fig-4-maps', chapter4, 'the two models of chapter 4, live: choose the '
   + 'sample'],
  ['fig-5-probability_map', chapter5, 'the network of chapter 5, live: '
   + 'train it']];

// The live figures of this page, once the module is ready; a page without
// WebAssembly keeps its static figures.
function startFigures() {
  var here = FIGURES.filter(function (f) {
    return document.getElementById(f[0]);
  });
  if (!here.length || typeof WebAssembly !== 'object') return;
  document.head.appendChild(el('link', {rel: 'stylesheet',
                                        href: 'live.css'}));
  loadModule().then(function (live) {
    here.forEach(function (f) {
      var fig = new LiveFigure(f[0], f[2]);
      f[1](live, fig);
      fig.request(true, true);
    });
    window.matchMedia('(prefers-color-scheme: dark)')
      .addEventListener('change', function () {
        liveFigures.forEach(function (fig) { fig.request(); });
      });
  });
}
