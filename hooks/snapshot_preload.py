"""Run inside Pyodide before the site's memory snapshot is written (hooks/snapshot.mjs): import
what the first request of each page needs and read the criteria, so a page restored from the
snapshot answers at once. Nothing here may depend on the day or the machine: the snapshot is made
once, at build time, and restored in every reader's browser."""

import checker.compare
import checker.compare.metrics
import checker.compare.render
import checker.cost
import checker.dataset.render
import checker.dataset.session
import checker.web
import checker.web.repair
from checker.readiness.criteria import load_criteria

load_criteria()
checker.web.assess_answers("{}")
