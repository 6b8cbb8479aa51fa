// tests/chromium.js: headless Chromium for the book's browser tests and
// benchmarks (tests/book_browser.js, tests/live_browser.js,
// bench/live.js), driven through its DevTools protocol over a pipe
// (--remote-debugging-pipe): no network, no port, no package beyond
// Debian's chromium and node.
//
//   const browser = await chromium.open();
//   browser.listen((msg) => ...);              // every event of the page
//   await browser.load(file, {width, mobile, dark});
//   const value = await browser.evaluate('document.title');
//   const png = await browser.screenshot(width, height);   // a Buffer
//   await browser.close();
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const {spawn} = require('child_process');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'book-chromium-'));
  const chrome = spawn(process.env.CHROMIUM || '/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--hide-scrollbars',
    '--allow-file-access-from-files', `--user-data-dir=${profile}`,
    '--remote-debugging-pipe', 'about:blank',
  ], {stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe']});
  let stderr = '';
  chrome.stderr.on('data', (d) => { stderr += d; });

  let nextId = 1;
  const waiting = new Map();
  const listeners = [];
  let buffer = Buffer.alloc(0);
  chrome.stdio[4].on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let end; (end = buffer.indexOf(0)) >= 0;) {
      const msg = JSON.parse(buffer.slice(0, end).toString('utf8'));
      buffer = buffer.slice(end + 1);
      if (msg.id && waiting.has(msg.id)) {
        const {resolve, reject} = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (msg.error) reject(new Error(JSON.stringify(msg.error)));
        else resolve(msg.result);
      } else if (msg.method) {
        listeners.forEach((f) => f(msg));
      }
    }
  });
  function send(method, params = {}, sessionId) {
    const id = nextId++;
    const msg = {id, method, params};
    if (sessionId) msg.sessionId = sessionId;
    chrome.stdio[3].write(JSON.stringify(msg) + '\0');
    return new Promise((resolve, reject) => {
      waiting.set(id, {resolve, reject});
      setTimeout(() => {
        if (waiting.has(id)) {
          waiting.delete(id);
          reject(new Error(`${method}: no answer in 30 s`));
        }
      }, 30000);
    });
  }

  const {product} = await send('Browser.getVersion');
  const {targetInfos} = await send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'page');
  const {sessionId} = await send('Target.attachToTarget',
    {targetId: target.targetId, flatten: true});
  const s = (m, p) => send(m, p, sessionId);
  await s('Page.enable');
  await s('Runtime.enable');
  await s('Log.enable');
  await s('Network.enable');

  return {
    send: s,
    product,              // "HeadlessChrome/120.0..."
    stderr: () => stderr,
    // f(msg) for every event of the page.
    listen(f) {
      listeners.push((msg) => { if (msg.sessionId === sessionId) f(msg); });
    },
    // Loads a file at a width (mobile: as a phone), light or dark, and
    // waits for its fonts.
    async load(file, {width = 1300, mobile = false, dark = false} = {}) {
      await s('Emulation.setDeviceMetricsOverride', {width, height: 900,
        deviceScaleFactor: 1, mobile});
      await s('Emulation.setEmulatedMedia', {features: [
        {name: 'prefers-color-scheme', value: dark ? 'dark' : 'light'}]});
      const loaded = new Promise((resolve) => {
        const f = (msg) => {
          if (msg.sessionId === sessionId &&
              msg.method === 'Page.loadEventFired') {
            listeners.splice(listeners.indexOf(f), 1);
            resolve();
          }
        };
        listeners.push(f);
      });
      await s('Page.navigate', {url: 'file://' + path.resolve(file)});
      await loaded;
      await this.evaluate('document.fonts.ready');
      await sleep(100);
    },
    // The value of an expression in the page (a promise is awaited);
    // an exception in it rejects.
    async evaluate(expression) {
      const r = await s('Runtime.evaluate', {expression,
        returnByValue: true, awaitPromise: true});
      if (r.exceptionDetails)
        throw new Error(`in the page: ${r.exceptionDetails.exception
          ? r.exceptionDetails.exception.description
          : r.exceptionDetails.text}`);
      return r.result.value;
    },
    // A PNG of the page from its top, `width` wide and `height` high (or
    // the part shown by clip: {x, y, width, height}).
    async screenshot(width, height, clip) {
      const shot = await s('Page.captureScreenshot', {format: 'png',
        captureBeyondViewport: true,
        clip: Object.assign({x: 0, y: 0, width, height, scale: 1},
                            clip || {})});
      return Buffer.from(shot.data, 'base64');
    },
    // Chromium closes (or, after 5 s, is killed), then its profile goes
    // (its last processes may still be writing there: a few tries).
    close() {
      return new Promise((resolve) => {
        const killer = setTimeout(() => chrome.kill(), 5000);
        chrome.once('exit', () => {
          clearTimeout(killer);
          try {
            fs.rmSync(profile, {recursive: true, force: true,
                                maxRetries: 10, retryDelay: 100});
          } catch (e) {
            console.error(`chromium.js: ${profile} is left: ${e.message}`);
          }
          resolve();
        });
        send('Browser.close').catch(() => chrome.kill());
      });
    },
  };
}

module.exports = {open, sleep};
