// Session Web service worker: keeps the app shell (index.html and the hashed assets it names)
// so the installed app opens without a network, then talks to the relay again when it can.
// Relay traffic (/relay/…) is never cached or touched.
'use strict';

const CACHE = 'session-web-shell-v1';
const SHELL = '/index.html';
// The install icons are not part of the shell: the browser fetches them itself when the app is
// installed, and they are cached when fetched. Leaving them out keeps the first load small.
const STATIC = ['/manifest.webmanifest'];
// Message catalogues of languages other than English: fetched only by those who use them, so
// not part of the shell; kept once fetched (network first, as their names carry no hash).
const CATALOGUES = '/i18n/';

// Same-origin files named by the page: scripts, styles, preloads, the wasm.
function assetsOf(html) {
  const found = new Set();
  // Attribute values quoted or not (Trunk minifies index.html), and module imports.
  const re = /\b(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))|\bfrom\s*['"]([^'"]+)['"]/g;
  let m;
  while ((m = re.exec(html)) !== null) {
    const url = (m[1] || m[2] || m[3] || m[4] || '').split(/[?#]/)[0];
    if (!url) continue;
    if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/relay/')) {
      found.add(url);
    } else if (!url.includes(':') && !url.startsWith('//')) {
      found.add('/' + url.replace(/^\.\//, ''));
    }
  }
  return [...found];
}

// Fetches the current index.html and everything it names into the cache, then drops files no
// longer named (older builds).
async function refreshShell() {
  const cache = await caches.open(CACHE);
  const resp = await fetch(SHELL, { cache: 'no-store' });
  if (!resp.ok) throw new Error('index.html: ' + resp.status);
  const html = await resp.clone().text();
  const wanted = new Set([SHELL, ...STATIC, ...assetsOf(html)]);
  await Promise.all([...wanted].filter((u) => u !== SHELL).map(async (url) => {
    if (await cache.match(url)) return;
    try {
      const r = await fetch(url);
      if (r.ok) await cache.put(url, r);
    } catch (_) { /* offline: keep what we have */ }
  }));
  await cache.put(SHELL, resp);
  for (const req of await cache.keys()) {
    const path = new URL(req.url).pathname;
    if (!wanted.has(path) && !path.startsWith(CATALOGUES)) await cache.delete(req);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/relay/')) return;

  if (req.mode === 'navigate') {
    // Network first, so a new version shows at once; the cached shell when offline.
    event.respondWith((async () => {
      try {
        const resp = await fetch(req);
        if (resp.ok) event.waitUntil(refreshShell().catch(() => {}));
        return resp;
      } catch (_) {
        const cached = await caches.match(SHELL);
        return cached || new Response('Offline', { status: 503, statusText: 'Offline' });
      }
    })());
    return;
  }

  if (url.pathname.startsWith(CATALOGUES)) {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const resp = await fetch(req, { cache: 'no-cache' });
        if (resp.ok) event.waitUntil(cache.put(url.pathname, resp.clone()));
        return resp;
      } catch (_) {
        const cached = await cache.match(url.pathname);
        return cached || new Response('Offline', { status: 503, statusText: 'Offline' });
      }
    })());
    return;
  }

  // Hashed assets never change: cache first, then the network (kept for next time).
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(url.pathname);
    if (cached) return cached;
    const resp = await fetch(req);
    if (resp.ok && resp.type === 'basic') event.waitUntil(cache.put(url.pathname, resp.clone()));
    return resp;
  })());
});
