// Loads the wasm app (kept out of index.html so the Content-Security-Policy needs no inline script).
//
// A page the server sent with its content (crates/api/src/first_html.rs) is painted first: the
// app's code and wasm are fetched once that content has had its largest paint, so they do not
// compete with it on a slow connection (the app then takes the content's place, see
// frontend/src/lib.rs). A page without content (its <main> says "Laden…") loads them at once,
// as its <head> preloads them.
const start = () => {
  const wasm = fetch('/samenstad_web_bg.wasm');
  import('/samenstad_web.js').then((app) => app.default({ module_or_path: wasm }));
};
const main = document.querySelector('main');
const hasContent = main !== null && main.querySelector(':scope > :not(.loading):not(noscript)') !== null;
if (!hasContent) {
  start();
} else {
  let started = false;
  const once = () => { if (!started) { started = true; start(); } };
  // After the next frame has been painted.
  const afterPaint = () => requestAnimationFrame(() => setTimeout(once, 0));
  if (PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint')) {
    new PerformanceObserver((_, observer) => { observer.disconnect(); afterPaint(); })
      .observe({ type: 'largest-contentful-paint', buffered: true });
  } else {
    afterPaint();
  }
  // A tab opened in the background paints nothing: start anyway.
  setTimeout(once, 1500);
}
