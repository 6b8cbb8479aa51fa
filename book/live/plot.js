// plot.js: a small plotting layer on canvas, in the look of the static
// figures: their font, their colours (THEME, from lib/wb_theme.c) and
// their palettes. What the data means keeps its colour in light and dark
// (a map's 1/2 is white in both, category 1 is orange in both); the text,
// the axes and the grid take the page's colours (its --text, --muted,
// --rule and --bg), as the page's own text does.

var FONT = '"' + THEME.font + '", "DejaVu Sans", Verdana, sans-serif';
var FONT_SIZE = 13;
var MINUS = '\u2212';

function themeColour(name) {
  for (var k = 0; k < THEME.colours.length; k++)
    if (THEME.colours[k].name === name) return THEME.colours[k].rgb;
  throw new Error('no colour ' + name + ' in the theme');
}
// Category 0 and 1, as wb_plot_categories draws them from a first colour.
function categoryColours(first) {
  var k = THEME.colours.map(function (c) { return c.name; }).indexOf(first);
  return [THEME.colours[k].rgb, THEME.colours[k + 1].rgb];
}

// The page's colours for what is not data, read when a figure is drawn:
// they change with the reader's light or dark theme. Points drawn on the
// page are a little transparent, where they overlap; more opaque in the
// dark, so that they keep the colour the prose names.
function inks() {
  var style = getComputedStyle(document.documentElement);
  var get = function (name, fallback) {
    return style.getPropertyValue(name).trim() || fallback;
  };
  var dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {text: get('--text', '#1f2328'), muted: get('--muted', '#636c76'),
          rule: get('--rule', '#d8dee4'), bg: get('--bg', '#ffffff'),
          alpha: dark ? 0.85 : 0.6};
}

// What a map's own marks are drawn in (its legend, a line across it): the
// map's colours are the same in light and dark, and so are these.
var PAPER = {text: '#000000', bg: '#ffffff'};

function rgbOf(hex) {
  var v = parseInt(hex.slice(1), 16);
  return [v >> 16 & 255, v >> 8 & 255, v & 255];
}

// A palette's colours at 257 values from 0 to 1 (1/2 among them), mixed
// between its stops as gnuplot mixes them: [r, g, b, r, g, b, ...]; the
// colour of t is at index round(256 t).
var STEPS = 256;
function paletteTable(stops) {
  var table = new Uint8Array(3 * (STEPS + 1));
  for (var i = 0; i <= STEPS; i++) {
    var t = i / STEPS, k = 1;
    while (k < stops.length - 1 && stops[k][0] < t) k++;
    var a = stops[k - 1], b = stops[k];
    var f = Math.min(1, Math.max(0, (t - a[0]) / (b[0] - a[0])));
    var ca = rgbOf(a[1]), cb = rgbOf(b[1]);
    for (var c = 0; c < 3; c++)
      table[3 * i + c] = Math.round(ca[c] + f * (cb[c] - ca[c]));
  }
  return table;
}
var PALETTES = {viridis: paletteTable(THEME.viridis),
                diverging: paletteTable(THEME.diverging)};

// A number as the figures write it: at most `digits` significant digits,
// no trailing zeros, a true minus sign; fixed(x, d): d decimals.
function fmt(x, digits) {
  var s = String(Number(x.toPrecision(digits || 4)));
  if (/e/.test(s)) s = x.toExponential(2);
  return s.replace('-', MINUS);
}
function fixed(x, decimals) {
  return x.toFixed(decimals).replace('-', MINUS);
}

// Ticks for [lo, hi]: steps of 1, 2 or 5 times a power of ten, about
// `count` of them (at least count - 2), as gnuplot chooses them.
function ticks(lo, hi, count) {
  var raw = (hi - lo) / (count || 6);
  var power = Math.pow(10, Math.floor(Math.log10(raw)));
  var step = [1, 2, 5, 10].map(function (m) { return m * power; })
    .find(function (s) { return s >= raw; });
  var out = [];
  for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9;
       v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

// A plot on a canvas: a frame for x in [x0, x1] and y in [y0, y1],
// labels, and what is drawn in it. options: {x: [x0, x1], y: [y0, y1],
// xlabel, ylabel, title, square (x and y at one scale), colorbar:
// {label, range: [lo, hi], palette}, xticks, yticks}. size(width) fits it
// to a width in CSS pixels; a drawing starts with begin() and ends with
// axes(), which draws the frame, ticks and labels over it.
function Plot(canvas, options) {
  this.canvas = canvas;
  this.o = options;
  this.ctx = canvas.getContext('2d');
}

Plot.prototype.size = function (width) {
  var o = this.o, c = this.ctx;
  c.font = FONT_SIZE + 'px ' + FONT;
  var widest = function (values) {
    return Math.max.apply(null, values.map(function (v) {
      return c.measureText(fmt(v)).width;
    }));
  };
  var bar = o.colorbar ? 26 + widest(ticks(o.colorbar.range[0],
                                           o.colorbar.range[1], 5)) +
                         (o.colorbar.label ? 22 : 0) : 0;
  var m = {left: (o.ylabel ? 24 : 4) + widest(o.yticks || ticks(o.y[0],
                                                                o.y[1])) + 8,
           right: 14 + bar, top: o.title ? 30 : 12,
           bottom: o.xlabel ? 46 : 26};
  var inner = width - m.left - m.right;
  // (a narrow plot a little higher, so that its curves keep their slope)
  var h = o.square ? inner * (o.y[1] - o.y[0]) / (o.x[1] - o.x[0])
                   : inner * (o.aspect || 0.6) * (width < 500 ? 1.3 : 1);
  var height = Math.round(h + m.top + m.bottom);
  var ratio = window.devicePixelRatio || 1;
  this.canvas.style.width = width + 'px';
  this.canvas.style.height = height + 'px';
  this.canvas.width = Math.round(width * ratio);
  this.canvas.height = Math.round(height * ratio);
  this.ratio = ratio;
  this.width = width;
  this.height = height;
  this.box = {left: m.left, top: m.top, right: m.left + inner,
              bottom: m.top + h};
  // The frame, in CSS pixels, for a test that points into it.
  this.canvas.setAttribute('data-box', [m.left, m.top, m.left + inner,
                                        m.top + h].join(' '));
};

Plot.prototype.px = function (x) {
  var b = this.box, r = this.o.x;
  return b.left + (x - r[0]) / (r[1] - r[0]) * (b.right - b.left);
};
Plot.prototype.py = function (y) {
  var b = this.box, r = this.o.y;
  return b.bottom - (y - r[0]) / (r[1] - r[0]) * (b.bottom - b.top);
};
// The point of the data at the canvas's CSS pixel (cx, cy).
Plot.prototype.at = function (cx, cy) {
  var b = this.box, o = this.o;
  return [o.x[0] + (cx - b.left) / (b.right - b.left) * (o.x[1] - o.x[0]),
          o.y[0] + (b.bottom - cy) / (b.bottom - b.top) * (o.y[1] - o.y[0])];
};
Plot.prototype.inside = function (x, y) {
  var o = this.o;
  return x >= o.x[0] && x <= o.x[1] && y >= o.y[0] && y <= o.y[1];
};

Plot.prototype.begin = function () {
  var c = this.ctx;
  this.ink = inks();
  c.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
  c.clearRect(0, 0, this.width, this.height);
  c.save();
  c.beginPath();
  var b = this.box;
  c.rect(b.left, b.top, b.right - b.left, b.bottom - b.top);
  c.clip();
};

// A map of m x m values over the grid of [lo, hi]^2 that live.grid makes
// (row by row from the bottom), each cell centred on its point, coloured
// by `palette` from range[0] to range[1].
Plot.prototype.map = function (values, m, lo, hi, palette, range) {
  var table = PALETTES[palette], image = this.mapImage || (this.mapImage =
    document.createElement('canvas'));
  image.width = image.height = m;
  var ictx = image.getContext('2d'), data = ictx.createImageData(m, m);
  var span = range[1] - range[0];
  for (var i = 0; i < m; i++) {
    for (var j = 0; j < m; j++) {
      var v = values[i * m + j], t = (v - range[0]) / span;
      var k = Math.round(STEPS * Math.min(1, Math.max(0, t)));
      var at = 4 * ((m - 1 - i) * m + j);
      data.data[at] = table[3 * k];
      data.data[at + 1] = table[3 * k + 1];
      data.data[at + 2] = table[3 * k + 2];
      data.data[at + 3] = isFinite(v) ? 255 : 0;
    }
  }
  ictx.putImageData(data, 0, 0);
  var half = (hi - lo) / (m - 1) / 2, c = this.ctx;
  var x0 = this.px(lo - half), x1 = this.px(hi + half);
  var y0 = this.py(hi + half), y1 = this.py(lo - half);
  c.imageSmoothingEnabled = false;
  c.drawImage(image, x0, y0, x1 - x0, y1 - y0);
  this.shown = {palette: palette, range: range};
};

// style: {colour, width, dash ('dashed', 'dotted'), alpha}
Plot.prototype.stroke = function (style) {
  var c = this.ctx;
  c.strokeStyle = style.colour || this.ink.text;
  c.lineWidth = style.width || 1.5;
  c.globalAlpha = style.alpha === undefined ? 1 : style.alpha;
  c.setLineDash(style.dash === 'dashed' ? [6, 4]
                : style.dash === 'dotted' ? [1.5, 3] : []);
  c.stroke();
  c.globalAlpha = 1;
  c.setLineDash([]);
};
Plot.prototype.line = function (xs, ys, style) {
  var c = this.ctx;
  c.beginPath();
  for (var i = 0; i < xs.length; i++)
    c[i ? 'lineTo' : 'moveTo'](this.px(xs[i]), this.py(ys[i]));
  this.stroke(style);
};
Plot.prototype.segment = function (x0, y0, x1, y1, style) {
  this.line([x0, x1], [y0, y1], style);
};
// Points (x_i, y_i), or the points of X (n, 2) when ys is null; where
// `keep` is given, only those with keep(i). style: {colour, alpha,
// radius, ring (a colour for an outline)}
Plot.prototype.points = function (xs, ys, n, style, keep) {
  var c = this.ctx, r = style.radius || 3;
  c.fillStyle = style.colour;
  c.globalAlpha = style.alpha === undefined ? 1 : style.alpha;
  c.beginPath();
  for (var i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    var x = this.px(ys ? xs[i] : xs[2 * i]);
    var y = this.py(ys ? ys[i] : xs[2 * i + 1]);
    c.moveTo(x + r, y);
    c.arc(x, y, r, 0, 2 * Math.PI);
  }
  c.fill();
  c.globalAlpha = 1;
  if (style.ring) {
    c.strokeStyle = style.ring;
    c.lineWidth = 1.2;
    c.stroke();
  }
};
// The line w1 x + w2 y + b = 0, across the frame (nothing when w1 = w2 =
// 0).
Plot.prototype.zeroLine = function (w1, w2, b, style) {
  var o = this.o, x = o.x, y = o.y;
  if (w1 === 0 && w2 === 0) return;
  if (Math.abs(w2) >= Math.abs(w1))
    this.segment(x[0], -(w1 * x[0] + b) / w2, x[1], -(w1 * x[1] + b) / w2,
                 style);
  else
    this.segment(-(w2 * y[0] + b) / w1, y[0], -(w2 * y[1] + b) / w1, y[1],
                 style);
};

// Text at (x, y); in s, *...* is in italics (a variable), as the
// figures set their labels.
Plot.prototype.text = function (s, x, y, align, baseline, colour) {
  var c = this.ctx, parts = String(s).split('*');
  var font = function (k) {
    return (k % 2 ? 'italic ' : '') + FONT_SIZE + 'px ' + FONT;
  };
  var width = 0;
  parts.forEach(function (p, k) {
    c.font = font(k);
    width += c.measureText(p).width;
  });
  var left = align === 'left' ? x : align === 'right' ? x - width
           : x - width / 2;
  c.fillStyle = colour || this.ink.text;
  c.textAlign = 'left';
  c.textBaseline = baseline || 'middle';
  parts.forEach(function (p, k) {
    c.font = font(k);
    c.fillText(p, left, y);
    left += c.measureText(p).width;
  });
  return width;
};

// The frame, the grid's ticks and labels, the title and the colour bar;
// legend: [{label, colour, kind ('point', 'line', 'dashed')}].
Plot.prototype.axes = function (legend) {
  var c = this.ctx, o = this.o, b = this.box, ink = this.ink, self = this;
  c.restore();
  c.strokeStyle = ink.muted;
  c.lineWidth = 1;
  c.strokeRect(b.left + 0.5, b.top + 0.5, b.right - b.left - 1,
               b.bottom - b.top - 1);
  (o.xticks || ticks(o.x[0], o.x[1], this.width < 400 ? 4 : 6))
    .forEach(function (v) {
      var x = self.px(v);
      c.beginPath();
      c.moveTo(x, b.bottom);
      c.lineTo(x, b.bottom + 4);
      c.stroke();
      self.text(fmt(v), x, b.bottom + 15);
    });
  (o.yticks || ticks(o.y[0], o.y[1])).forEach(function (v) {
    var y = self.py(v);
    c.beginPath();
    c.moveTo(b.left - 4, y);
    c.lineTo(b.left, y);
    c.stroke();
    self.text(fmt(v), b.left - 7, y, 'right');
  });
  if (o.xlabel)
    this.text(o.xlabel, (b.left + b.right) / 2, b.bottom + 36);
  if (o.ylabel) {
    c.save();
    c.translate(10, (b.top + b.bottom) / 2);
    c.rotate(-Math.PI / 2);
    this.text(o.ylabel, 0, 0);
    c.restore();
  }
  if (o.title) this.text(o.title, (b.left + b.right) / 2, 14);
  if (o.colorbar) this.colorbar(o.colorbar);
  if (legend) this.legend(legend, o.colorbar ? PAPER : this.ink);
};

Plot.prototype.colorbar = function (bar) {
  var c = this.ctx, b = this.box, table = PALETTES[bar.palette];
  var x = b.right + 10, w = 12, self = this, widest = 0;
  for (var y = b.top; y < b.bottom; y++) {
    var k = Math.round(STEPS * (b.bottom - y) / (b.bottom - b.top));
    c.fillStyle = 'rgb(' + table[3 * k] + ',' + table[3 * k + 1] + ',' +
                  table[3 * k + 2] + ')';
    c.fillRect(x, y, w, 1.5);
  }
  c.strokeStyle = this.ink.muted;
  c.strokeRect(x + 0.5, b.top + 0.5, w - 1, b.bottom - b.top - 1);
  var lo = bar.range[0], hi = bar.range[1];
  ticks(lo, hi, 5).forEach(function (v) {
    var y = b.bottom - (v - lo) / (hi - lo) * (b.bottom - b.top);
    widest = Math.max(widest, self.text(fmt(v), x + w + 5, y, 'left'));
  });
  if (bar.label) {
    c.save();
    c.translate(x + w + widest + 18, (b.top + b.bottom) / 2);
    c.rotate(-Math.PI / 2);
    this.text(bar.label, 0, 0);
    c.restore();
  }
};

// A legend at the left, at the top or (options.legendLow) a quarter of
// the way down: items [{label, colour, kind ('point', 'line', 'dashed'),
// alpha}], on a box of the colours `on` (the page's, or a map's PAPER).
Plot.prototype.legend = function (items, on) {
  var c = this.ctx, b = this.box, self = this;
  var x = b.left + 10, w = 0;
  var y = this.o.legendLow ? b.top + (b.bottom - b.top) / 4 : b.top + 13;
  items.forEach(function (i) {
    c.font = FONT_SIZE + 'px ' + FONT;
    w = Math.max(w, c.measureText(i.label.replace(/\*/g, '')).width);
  });
  c.fillStyle = on.bg;
  c.globalAlpha = 0.8;
  c.fillRect(x - 5, y - 10, w + 40, 19 * items.length + 2);
  c.globalAlpha = 1;
  items.forEach(function (item, k) {
    var yy = y + 19 * k;
    if (item.kind === 'point') {
      c.fillStyle = item.colour;
      c.globalAlpha = item.alpha || 1;
      c.beginPath();
      c.arc(x + 10, yy, 3.5, 0, 2 * Math.PI);
      c.fill();
      c.globalAlpha = 1;
    } else {
      c.beginPath();
      c.moveTo(x, yy);
      c.lineTo(x + 20, yy);
      self.stroke({colour: item.colour, dash: item.kind, width: 1.5});
    }
    self.text(item.label, x + 28, yy, 'left', 'middle', on.text);
  });
};
