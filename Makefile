# vaxical: `make build` then `make test` on a fresh machine (Python 3.11+, make).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: `make build` installs only what building needs; `make test` and `make lint`
# add the test extra (Playwright, mypy, ruff, hypothesis, lxml...), ten times the size.
STAMP := $(VENV)/.installed-build
TEST_STAMP := $(VENV)/.installed-test
# Test-only JavaScript (Mozilla's ical.js for the interop tests), pinned by package-lock.json.
NODE_STAMP := node_modules/.package-lock.json

.PHONY: build test lint bench clean golden templates help published site changed

help:
	@echo "make build   create .venv, install vaxical, write build/ from schedules/*.toml"
	@echo "make test    run the test suite"
	@echo "make lint    ruff and mypy --strict"
	@echo "make bench   measure builds against the dependency import and icalendar (bench/results.json)"
	@echo "make golden  rewrite tests/examples/*/expected after an intended change (review the diff)"
	@echo "make templates  compile templates/*.html into vaxical/render/compiled/ (after editing one)"
	@echo "make clean   remove build/, .venv and caches"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml setup.cfg | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(STAMP)

# The test extra holds vaxical and its dependencies too: building is then ready as well.
$(TEST_STAMP): pyproject.toml setup.cfg | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP) $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

build: $(STAMP)
	$(BIN)/vaxical build

# Compiled bytecode is kept (in the ignored __pycache__/ folders, which `make clean` removes)
# even where the environment sets PYTHONDONTWRITEBYTECODE: otherwise each test worker
# recompiles and re-rewrites the assertions of every test module at each run (1.4 s a
# worker), and each `python -m vaxical` the tests start recompiles vaxical (60 ms).
# One worker more than the cores make may use (a container's or taskset's limit, not the
# host's count): with one per core, the cores idled about 8 % of the run while workers
# waited on Chromium, Node.js, `vaxical serve`, make or pip; the extra worker computes
# meanwhile (on 2 cores, 1-5 s less in 9 of 11 paired runs). `make test TEST_WORKERS=n`
# sets it. Whole modules go to the workers (--dist loadfile), longest first
# (tests/conftest.py).
# The two pytest plugins are named rather than found: pytest rewrites the assertions of
# every module in the package of a plugin it finds by itself (all of hypothesis and
# xdist), which each process of a fresh clone's run did anew, about 0.7 s apiece.
# The count runs with -S: it needs no site-packages, and the site module's start-up was
# most of its CPU (about 35 of 50 ms here).
TEST_WORKERS ?= $(shell $(PYTHON) -S -c "import os; print(len(os.sched_getaffinity(0)) + 1 if hasattr(os, 'sched_getaffinity') else (os.cpu_count() or 1) + 1)")
test: $(TEST_STAMP) $(NODE_STAMP)
	PYTHONDONTWRITEBYTECODE= PYTEST_DISABLE_PLUGIN_AUTOLOAD=1 $(BIN)/python -m pytest \
	  -p xdist.plugin -p _hypothesis_pytestplugin \
	  -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(TEST_STAMP)
	$(BIN)/ruff check vaxical tests scripts bench
	$(BIN)/ruff format --check vaxical tests scripts bench
	$(BIN)/mypy
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/publish.yml

# Publishing (.github/workflows/publish.yml): the published site is the previous build.
PUBLISHED_DIR ?= published
BUILD_DIR ?= build
PUBLISHED_URL ?=

# The fetch replaces PUBLISHED_DIR only once every file is downloaded (offline: unchanged).
published: $(STAMP)
	$(BIN)/python scripts/published.py fetch --out $(PUBLISHED_DIR) $(if $(PUBLISHED_URL),--url $(PUBLISHED_URL))

# SITE_FLAGS: once, to stop publishing a calendar on purpose (SITE_FLAGS="--retire ID"):
# its feeds stay online without events, and later builds keep them so from PUBLISHED_DIR.
# DEFINITIONS: the definitions to publish, when not every schedules/*.toml.
SITE_FLAGS ?=
DEFINITIONS ?=
site: $(STAMP)
	$(BIN)/vaxical build $(DEFINITIONS) --previous $(PUBLISHED_DIR) --out $(BUILD_DIR) $(SITE_FLAGS)

changed: $(STAMP)
	@$(BIN)/python scripts/published.py compare $(BUILD_DIR) $(PUBLISHED_DIR)

# The peers (icalendar, ics.py, vobject, ical-generator) are test-only tools.
bench: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/python bench/run.py

golden: $(STAMP) templates
	$(BIN)/python -m tests.golden

templates: $(STAMP)
	$(BIN)/python scripts/compile_templates.py

clean:
	rm -rf build published $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis .setuptools-build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
