// Keeps Mailroom working when the classroom network fails. Installing caches the page and every file its
// index.html names (the hashed wasm, JS and CSS); afterwards each same-origin GET goes to the network first,
// refreshing the cache, and falls back to the cache when the network is gone.
const CACHE = 'mailroom-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const index = await fetch('./', { cache: 'no-cache' });
  const html = await index.clone().text();
  // The release build's index.html is minified: attribute values may be quoted or not.
  const files = [...html.matchAll(/\b(?:href|src|data-js|data-wasm)=(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)]
    .map((m) => new URL(m[1] ?? m[2] ?? m[3], self.location.href))
    .filter((url) => url.origin === self.location.origin)
    .map((url) => url.href);
  await cache.put('./', index);
  await cache.addAll([...new Set(files)]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      // Any query (?lesson=, ?lang=) is the same page: the app reads the query itself.
      .catch(() => caches.match(request, { ignoreSearch: request.mode === 'navigate' })
        .then((cached) => cached ?? (request.mode === 'navigate' ? caches.match('./') : undefined))
        .then((cached) => cached ?? Response.error())),
  );
});
