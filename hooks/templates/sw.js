// The site's service worker, written into the built site by hooks/offline.py. It caches same-origin
// GET responses in a cache named for this build, so a return visit, and the site offline, needs no
// network; a new build has a new name, and activating it deletes the old caches.
//
// Pages, styles and scripts are kept as they are used. Python's runtime (14 MB) and the checker's
// wheel are kept, with every page, only after a page has started Python and asked for it
// ({type: "cache-all"}), so a reader who never uses a checklist downloads nothing extra.

const BUILD = __BUILD__; // {version, shell: [paths], runtime: [paths]} or null under `mkdocs serve`
const PREFIX = "ftr-";
const CACHE = BUILD ? PREFIX + BUILD.version : null;
const SCOPE = new URL("./", self.location).href;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    // A development server rebuilds on every change: nothing is cached there.
    if (!BUILD) return self.registration.unregister();
    await self.clients.claim();
  })());
});

async function respond(event) {
  const { request } = event;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") {
    event.waitUntil(cache.put(request, response.clone()));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!BUILD || request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.headers.has("range")) return;
  event.respondWith(respond(event));
});

async function cacheAll() {
  const cache = await caches.open(CACHE);
  for (const path of [...BUILD.runtime, ...BUILD.shell]) {
    const url = new URL(path, SCOPE).href;
    if (await cache.match(url)) continue;
    try {
      const response = await fetch(url);
      if (response.ok) await cache.put(url, response);
    } catch {
      // Offline or the server is gone: what is cached so far still serves.
    }
  }
}

self.addEventListener("message", (event) => {
  if (BUILD && event.data && event.data.type === "cache-all") event.waitUntil(cacheAll());
});
