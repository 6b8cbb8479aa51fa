// main.js: under node, the module alone (for tests/live/module.js); in a
// page, the live figures, once the module is ready.
if (typeof module === 'object' && module.exports) {
  module.exports = {loadModule: loadModule, THEME: THEME};
} else {
  startFigures();
}
