# Two commands for a newcomer:  `make serve` (set up, build and serve the site)
#                               `make test`  (set up and run every check and test)
# Both are idempotent: a step re-runs only when what it depends on changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint unit pyodide-test browser-deps bench clean

serve: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs build --strict

test: $(PY_STAMP) $(NODE_STAMP) browser-deps lint
	$(BIN)/python scripts/facts_age.py   # a warning, never a failure, when facts need re-checking
	$(BIN)/pytest
	$(MAKE) --no-print-directory pyodide-test

lint: $(PY_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The checker unit tests again, on Pyodide under Node (wheels cached in .cache/pyodide-wheels).
pyodide-test: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/python tests/pyodide/fetch_wheels.py
	node tests/pyodide/run_tests.mjs

browser-deps:
	@bash scripts/ensure-chromium.sh

$(PY_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[docs,test]'
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Benchmarks are scripts, not tests: each prints its figures and its ratio to a floor.
bench: $(PY_STAMP) $(NODE_STAMP) browser-deps
	$(BIN)/python bench/bench_checklist.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_tokens.py
	node bench/tokens_pyodide.mjs
	$(BIN)/python bench/bench_convert_fix.py

clean:
	rm -rf $(VENV) node_modules site build dist *.egg-info
