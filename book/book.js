// The HTML book's conveniences. The book reads the same without them.
//   * Copy buttons on listings and commands (the line numbers, drawn by the
//     style sheet, are not copied); a listing with folds copies whole.
//   * Left and right arrow keys turn the pages, unless something under
//     them scrolls sideways (a wide listing on a narrow screen), or the
//     reader is typing.
//   * The sidebar marks the section being read.
//   * Search, over the index built with the book (search-index.js), with
//     lunr: every word of the query must appear; a result quotes the
//     section's prose around the first one. "/" goes to the search box.
'use strict';

function addCopyButtons() {
  document.querySelectorAll('div.sourceCode').forEach(function (box) {
    if (box.closest('.output')) return;
    var code = box.querySelector('pre code');
    if (!code) return;
    // A listing with folds has one button, on its first part, which
    // copies every line of it, folded or not.
    var listing = box.closest('.listing');
    var parts = listing && listing.querySelector('details.fold')
      ? listing.querySelectorAll('div.sourceCode pre code') : null;
    if (parts && parts[0] !== code) return;
    var button = document.createElement('button');
    button.className = 'copy';
    button.type = 'button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'copy this code');
    button.addEventListener('click', function () {
      var text = parts
        ? Array.prototype.map.call(parts, function (p) {
            return p.textContent.replace(/\n$/, '');
          }).join('\n')
        : code.innerText.replace(/\n$/, '');
      var done = function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {
          fallbackCopy(text) && done();
        });
      } else if (fallbackCopy(text)) {
        done();
      }
    });
    box.insertBefore(button, box.firstChild);
  });
}

// Pages opened from the file system are not a "secure context" for the
// clipboard API in every browser: a selection and execCommand still work.
function fallbackCopy(text) {
  var area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  var ok = false;
  try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
  document.body.removeChild(area);
  return ok;
}

function scrollsSideways(el) {
  for (; el && el !== document.body; el = el.parentElement)
    if (el.scrollWidth > el.clientWidth + 1 &&
        getComputedStyle(el).overflowX !== 'visible')
      return true;
  return false;
}

// Is a sideways-scrolling block (a listing, an output, a table) on screen?
function wideBlockInView() {
  var blocks = document.querySelectorAll('pre, figure a.zoom, table, .katex-display');
  for (var i = 0; i < blocks.length; i++) {
    var r = blocks[i].getBoundingClientRect();
    if (r.bottom > 0 && r.top < window.innerHeight &&
        scrollsSideways(blocks[i]))
      return true;
  }
  return document.documentElement.scrollWidth >
         document.documentElement.clientWidth + 1;
}

function arrowKeys() {
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))
      return;
    if (e.key === '/') {
      var box = document.getElementById('search');
      if (box && !box.closest('form').hidden) {
        e.preventDefault();
        box.focus();
      }
      return;
    }
    var rel = e.key === 'ArrowLeft' ? 'prev'
            : e.key === 'ArrowRight' ? 'next' : null;
    if (!rel || wideBlockInView()) return;
    var link = document.querySelector('link[rel=' + rel + ']');
    if (link) window.location.href = link.href;
  });
}

function scrollSpy() {
  var links = document.querySelectorAll('.sidebar .sections a');
  if (!links.length || !('IntersectionObserver' in window)) return;
  var byId = {};
  links.forEach(function (a) { byId[a.getAttribute('href').slice(1)] = a; });
  var sections = Array.prototype.filter.call(
    document.querySelectorAll('main section.level2'),
    function (s) { return byId[s.id]; });
  var mark = function () {
    var current = sections[0];
    sections.forEach(function (s) {
      if (s.getBoundingClientRect().top < window.innerHeight * 0.3)
        current = s;
    });
    links.forEach(function (a) { a.classList.remove('here'); });
    if (current) byId[current.id].classList.add('here');
  };
  var observer = new IntersectionObserver(mark);
  sections.forEach(function (s) { observer.observe(s); });
  window.addEventListener('scroll', mark, {passive: true});
  mark();
}

// The index (search-index.js) and lunr are loaded the first time the
// reader turns to the search box, not with every page.
function loadScript(src, then) {
  var script = document.createElement('script');
  script.src = src;
  script.onload = then;
  document.head.appendChild(script);
}

function search() {
  var form = document.querySelector('form.search');
  var box = document.getElementById('search');
  var list = document.getElementById('search-results');
  if (!form) return;
  var index = null, store = null, loading = false;
  form.hidden = false;
  var escape = function (s) {
    return s.replace(/[&<>"]/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c];
    });
  };
  // The words of the query, as the index split and stemmed those of the
  // book (search-index.js gives the separator); the last may be the start
  // of a word, being typed.
  var terms = function (q) {
    var words = q.toLowerCase().split(new RegExp(window.bookSearch.separator));
    return words.map(function (w, i) {
      var token = lunr.trimmer(new lunr.Token(w, {}));
      if (!token.toString() || !lunr.stopWordFilter(token)) return null;
      return {stem: lunr.stemmer(token).toString(),
              last: i === words.length - 1};
    }).filter(Boolean);
  };
  // A quote of the section's prose around the first word found, that word
  // marked.
  var quote = function (body, stems) {
    var at = -1, len = 0;
    stems.forEach(function (stem) {
      var m = new RegExp('(^|[^a-z0-9])(' +
        stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '\\w*)', 'i').exec(body);
      if (m && (at < 0 || m.index + m[1].length < at)) {
        at = m.index + m[1].length;
        len = m[2].length;
      }
    });
    if (at < 0)
      return escape(body.slice(0, 140)) + (body.length > 140 ? '…' : '');
    var from = Math.max(0, body.lastIndexOf(' ', Math.max(0, at - 60)));
    var to = body.indexOf(' ', at + len + 80);
    to = to < 0 ? body.length : to;
    return (from ? '…' : '') + escape(body.slice(from, at)) + '<mark>' +
      escape(body.slice(at, at + len)) + '</mark>' +
      escape(body.slice(at + len, to)) + (to < body.length ? '…' : '');
  };
  var show = function () {
    if (!index) { load(); return; }
    var q = box.value.trim();
    list.innerHTML = '';
    if (q.length < 2) { list.hidden = true; return; }
    var query = terms(q), hits = [];
    // Every word must appear.
    if (query.length)
      hits = index.query(function (builder) {
        query.forEach(function (t) {
          builder.term(t.stem, {usePipeline: false,
            presence: lunr.Query.presence.REQUIRED,
            wildcard: t.last ? lunr.Query.wildcard.TRAILING
                             : lunr.Query.wildcard.NONE});
        });
      });
    if (!hits.length) {
      list.innerHTML = '<p class="none">Nothing found.</p>';
    }
    var stems = query.map(function (t) { return t.stem; });
    hits.slice(0, 12).forEach(function (hit) {
      var doc = store[hit.ref];
      var a = document.createElement('a');
      a.href = hit.ref;
      a.innerHTML = '<span class="where">' + escape(doc.page) +
        (doc.title ? ' › ' + escape(doc.title) : '') + '</span>' +
        '<span class="quote">' + quote(doc.body, stems) + '</span>';
      list.appendChild(a);
    });
    list.hidden = false;
  };
  var load = function () {
    if (loading) return;
    loading = true;
    loadScript('lunr.min.js', function () {
      loadScript('search-index.js', function () {
        lunr.tokenizer.separator = new RegExp(window.bookSearch.separator);
        index = lunr.Index.load(window.bookSearch.index);
        store = window.bookSearch.store;
        show();
      });
    });
  };
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var first = list.querySelector('a');
    if (first) window.location.href = first.href;
  });
  box.addEventListener('focus', load);
  box.addEventListener('input', show);
  box.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { box.value = ''; show(); box.blur(); }
  });
  document.addEventListener('click', function (e) {
    if (!form.contains(e.target)) list.hidden = true;
  });
}

document.addEventListener('DOMContentLoaded', function () {
  addCopyButtons();
  arrowKeys();
  scrollSpy();
  search();
});
