// Registers the site's service worker (sw.js at the site root; see hooks/templates/sw.js), and
// once this visit has started Python, asks it to keep the runtime and every page for return
// visits and offline use. Browsers without service workers (or on plain http other than
// localhost) simply go without.
import { onStatus } from "./worker-client.js";

const WORKER_URL = new URL("../../sw.js", import.meta.url);
let asked = false;

export function setUpOffline() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(WORKER_URL, { updateViaCache: "none" }).catch(() => {});
  onStatus(({ phase }) => {
    if (phase !== "ready" || asked) return;
    asked = true;
    navigator.serviceWorker.ready.then((registration) =>
      registration.active?.postMessage({ type: "cache-all" }),
    );
  });
}
