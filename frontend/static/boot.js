// Loads the wasm app (kept out of index.html so the Content-Security-Policy needs no inline script).
import init from '/samenstad_web.js';
init();
