// Page entry point. Material's instant navigation swaps pages without reloading scripts, so set up
// on every page change (document$) and tear down the previous page's listeners first. A tool's
// script is loaded only on the page that has it, so reading pages stay light.
import { initChecklist } from "./checklist.js";
import { setUpOffline } from "./offline.js";
import { nameCodeNavs } from "./theme-fixes.js";

const TOOLS = [
  ["[data-ftr-compare]", () => import("./compare.js").then((module) => module.initCompare)],
  ["[data-ftr-dataset]", () => import("./dataset.js").then((module) => module.initDataset)],
  ["[data-ftr-cost]", () => import("./cost.js").then((module) => module.initCost)],
];

let cleanups = [];
let generation = 0;

function setUp() {
  for (const cleanup of cleanups) cleanup();
  const mine = ++generation;
  cleanups = [initChecklist(document), nameCodeNavs(document)];
  for (const [selector, load] of TOOLS) {
    if (!document.querySelector(selector)) continue;
    load().then((init) => {
      if (mine !== generation) return;
      cleanups.push(init(document));
      // Marks the tool as listening (its form, drop zone and buttons), for tests and styles.
      for (const tool of document.querySelectorAll(selector)) tool.dataset.ftrReady = "true";
    });
  }
}

setUpOffline();
if (window.document$) window.document$.subscribe(setUp);
else setUp();
