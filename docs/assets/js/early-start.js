// Loaded as an async module from <head> on pages that run Python: starts the worker while the
// rest of the page is still parsing. app.js imports the same worker-client module and finds it
// already running.
import { startWorker } from "./worker-client.js";

startWorker();
