// Registers the site's service worker (sw.js at the site root; see hooks/templates/sw.js), and
// once this visit has started Python and its worker has kept the runtime files it fetched, asks it
// to keep the rest of the runtime and every page for return visits and offline use (so nothing is
// downloaded twice). Browsers without service workers (or on plain http other than localhost)
// simply go without.
import { onRuntimeKept } from "./worker-client.js";

const WORKER_URL = new URL("../../sw.js", import.meta.url);

export function setUpOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(WORKER_URL, { updateViaCache: "none" }).catch(() => {});
  onRuntimeKept(() =>
    navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: "cache-all" }),
    ),
  );
}
