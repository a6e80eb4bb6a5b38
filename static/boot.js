// Starts the app without inline script (see the CSP in index.html); Trunk.toml's pattern_script writes the meta.
const boot = document.querySelector('meta[name="mailroom-boot"]');
// The static frame in index.html paints first; the app's download starts after it, so it never delays that paint.
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
const { default: init } = await import(boot.dataset.js);
await init({ module_or_path: boot.dataset.wasm });
// After the first visit the page works offline: sw.js caches the built files.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('./sw.js').catch(() => {});
