// The site's service worker, written into the built site by hooks/offline.py. It caches same-origin
// GET responses in a cache named for this build, so a return visit, and the site offline, needs no
// network; a new build has a new name, and activating it deletes the old caches.
//
// Pages, styles and scripts are kept as they are used. Python's runtime (Pyodide's files, the
// checker's wheel, the memory snapshot and the tokenizer's vocabulary) lives in a cache of its own
// (BUILD.runtimeCache) that the page's worker fills as it fetches those files (it checks each one
// against runtime.json's hashes on every read, and drops what this build no longer uses). Once the
// worker has kept what it fetched ({type: "cache-all"}), this worker keeps every page and the rest
// of the runtime, skipping whatever is kept already: a first visit downloads each file once, and a
// reader who never uses a tool downloads nothing extra.

const BUILD = __BUILD__; // {version, shell, runtime: [paths], runtimeCache} or null (`mkdocs serve`)
const PREFIX = "ftr-";
const CACHE = BUILD ? PREFIX + BUILD.version : null;
const RUNTIME_CACHE = BUILD ? BUILD.runtimeCache : null;
const SCOPE = new URL("./", self.location).href;
const RUNTIME_URLS = new Set(BUILD ? BUILD.runtime.map((path) => new URL(path, SCOPE).href) : []);

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE && key !== RUNTIME_CACHE)
          await caches.delete(key);
      }
      // A development server rebuilds on every change: nothing is cached there.
      if (!BUILD) return self.registration.unregister();
      await self.clients.claim();
    })(),
  );
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
  // The page's worker reads the runtime from its cache itself (and checks it); when it asks the
  // network, the file it holds is missing or did not match, so this worker must not answer.
  if (RUNTIME_URLS.has(request.url)) return;
  event.respondWith(respond(event));
});

async function cacheAll() {
  const runtime = await caches.open(RUNTIME_CACHE);
  const shell = await caches.open(CACHE);
  for (const [cache, paths] of [
    [runtime, BUILD.runtime],
    [shell, BUILD.shell],
  ]) {
    for (const path of paths) {
      const url = new URL(path, SCOPE).href;
      if (await caches.match(url)) continue;
      try {
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch {
        // Offline or the server is gone: what is cached so far still serves.
      }
    }
  }
}

self.addEventListener("message", (event) => {
  if (BUILD && event.data && event.data.type === "cache-all") event.waitUntil(cacheAll());
});
