// Page entry point. Material's instant navigation swaps pages without reloading scripts, so set up
// on every page change (document$) and tear down the previous page's listeners first.
import { initChecklist } from "./checklist.js";
import { initCompare } from "./compare.js";
import { initCost } from "./cost.js";
import { initDataset } from "./dataset.js";
import { setUpOffline } from "./offline.js";

let cleanups = [];

function setUp() {
  for (const cleanup of cleanups) cleanup();
  cleanups = [
    initChecklist(document),
    initCompare(document),
    initDataset(document),
    initCost(document),
  ];
}

setUpOffline();
if (window.document$) window.document$.subscribe(setUp);
else setUp();
