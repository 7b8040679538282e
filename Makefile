# Two commands for a newcomer:  `make serve` (set up, build and serve the site)
#                               `make test`  (set up and run every check and test)
# Both are idempotent: a step re-runs only when what it depends on changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint unit pyodide-test browser-deps bench clean lock dist facts-review

serve: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/mkdocs build --strict

test: $(PY_STAMP) $(NODE_STAMP) browser-deps lint
	$(BIN)/python scripts/facts_age.py   # a warning, never a failure, when facts need re-checking
	$(BIN)/pytest --tracing=retain-on-failure --output=test-results   # a failed browser test keeps its trace
	$(MAKE) --no-print-directory pyodide-test

# Every provider fact with its source and checked date, oldest first, and the shared sources.
facts-review: $(PY_STAMP)
	$(BIN)/python scripts/facts_review.py

lint: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	node_modules/.bin/biome ci .   # JavaScript: lint and format (config in biome.json)

# The checker unit tests again, on Pyodide under Node (wheels cached in .cache/pyodide-wheels).
pyodide-test: $(PY_STAMP) $(NODE_STAMP)
	$(BIN)/python tests/pyodide/fetch_wheels.py
	node tests/pyodide/run_tests.mjs

browser-deps:
	@bash scripts/ensure-chromium.sh

# Every third-party package comes from the hashed lock files (pip itself too); the project is
# then installed on top with no dependencies and no build isolation (setuptools is locked).
$(PY_STAMP): pyproject.toml requirements/pip.lock requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# Re-pin after editing the extras in pyproject.toml (with Python 3.11, the version CI uses).
lock:
	test -x .venv-lock/bin/pip-compile || ($(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet pip-tools==7.6.2)
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra docs --extra test --extra release -o requirements/dev.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra docs -o requirements/docs.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --extra release -o requirements/release.lock pyproject.toml
	.venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/pip.lock requirements/pip.in

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# What the release workflow does before it publishes: the sdist and the wheel, twine check, and
# the wheel installed alone in a fresh environment running every command.
dist: $(PY_STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist
	$(BIN)/python -m twine check --strict dist/*
	$(BIN)/python scripts/smoke_wheel.py dist

# Benchmarks are scripts, not tests: each prints its figures and its ratio to a floor.
bench: $(PY_STAMP) $(NODE_STAMP) browser-deps
	$(BIN)/python bench/bench_checklist.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_tokens.py
	node bench/tokens_pyodide.mjs
	$(BIN)/python bench/bench_convert_fix.py

clean:
	rm -rf $(VENV) .venv-lock node_modules site build dist *.egg-info
