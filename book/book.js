// The HTML book's conveniences. The book reads the same without them.
//   * Copy buttons on listings and commands (the line numbers, drawn by the
//     style sheet, are not copied).
//   * Left and right arrow keys turn the pages, unless something under
//     them scrolls sideways (a wide listing on a narrow screen), or the
//     reader is typing.
//   * The sidebar marks the section being read.
//   * Search, over the index built with the book (search-index.js), with
//     lunr; "/" goes to the search box.
'use strict';

function addCopyButtons() {
  document.querySelectorAll('div.sourceCode').forEach(function (box) {
    if (box.closest('.output')) return;
    var code = box.querySelector('pre code');
    if (!code) return;
    var button = document.createElement('button');
    button.className = 'copy';
    button.type = 'button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'copy this code');
    button.addEventListener('click', function () {
      var text = code.innerText.replace(/\n$/, '');
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
  var show = function () {
    if (!index) { load(); return; }
    var q = box.value.trim();
    list.innerHTML = '';
    if (q.length < 2) { list.hidden = true; return; }
    var hits = [];
    try {
      // Every word must appear; the last may be the start of a word.
      var words = q.toLowerCase().split(/\s+/).map(function (w, i, all) {
        w = w.replace(/[:*~^+\-]/g, '');
        return w ? '+' + w + (i === all.length - 1 ? '*' : '') : '';
      });
      hits = index.search(words.join(' '));
    } catch (e) { hits = []; }
    if (!hits.length) {
      list.innerHTML = '<p class="none">Nothing found.</p>';
    }
    hits.slice(0, 12).forEach(function (hit) {
      var doc = store[hit.ref];
      var word = q.split(/\s+/)[0].toLowerCase();
      var at = doc.body.toLowerCase().indexOf(word);
      var from = Math.max(0, at - 60);
      var quote = at < 0 ? doc.body.slice(0, 140)
                         : (from ? '…' : '') + doc.body.slice(from, at + 100) + '…';
      var a = document.createElement('a');
      a.href = hit.ref;
      a.innerHTML = '<span class="where">' + escape(doc.page) +
        (doc.title ? ' › ' + escape(doc.title) : '') + '</span>' +
        '<span class="quote">' + escape(quote) + '</span>';
      list.appendChild(a);
    });
    list.hidden = false;
  };
  var load = function () {
    if (loading) return;
    loading = true;
    loadScript('lunr.min.js', function () {
      loadScript('search-index.js', function () {
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
