# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test install lint typecheck eval bench clean browser-deps vendor postgres

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# the Spark engine's tests need pyspark (the `spark` extra) and Java; without Java they skip and say so
SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	@touch $(SPARK_STAMP)

demo: $(STAMP)
	$(BIN)/communique ingest examples/
	$(BIN)/communique stats
	@echo "serving the UI at http://127.0.0.1:8000 (Ctrl-C stops it; set COMMUNIQUE_TOKEN to curate)"
	$(BIN)/communique serve

test: $(STAMP) $(SPARK_STAMP) browser-deps postgres
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Debian's chromium and its driver for the browser test (tests/web/test_browser.py), installed
# when missing. Never fails the build: without them the browser test skips and says so.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "notice: chromium/chromedriver missing and no apt-get: the browser test will be skipped"; \
	else \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
		if [ "$$SUDO" = none ]; then echo "notice: installing chromium needs root: the browser test will be skipped"; \
		else echo "installing chromium and chromium-driver for the browser test"; \
			{ $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; } \
			|| echo "notice: apt-get could not install chromium/chromium-driver: the browser test will be skipped"; fi; \
	fi

# Debian's PostgreSQL server for the store and API tests over PostgreSQL (the suite starts a
# throwaway server itself), installed when missing. Never fails the build: without it
# those tests skip and the test summary says so loudly.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then :; \
	elif ! command -v apt-get >/dev/null 2>&1; then \
		echo "notice: PostgreSQL missing and no apt-get: the PostgreSQL store and API tests will be skipped"; \
	else \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
		if [ "$$SUDO" = none ]; then echo "notice: installing PostgreSQL needs root: the PostgreSQL tests will be skipped"; \
		else echo "installing Debian's postgresql for the PostgreSQL store and API tests"; \
			{ $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; } \
			|| echo "notice: apt-get could not install postgresql: the PostgreSQL tests will be skipped"; fi; \
	fi

# Front-end assets, pinned in package.json/package-lock.json, copied into the package with
# their licences (the copies are committed: the app never loads anything from a CDN).
VENDOR := src/communique/web/static/vendor
vendor:
	npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(VENDOR)/cytoscape-*
	version=$$(node -p "require('./node_modules/cytoscape/package.json').version") && \
		mkdir -p $(VENDOR)/cytoscape-$$version && \
		cp node_modules/cytoscape/dist/cytoscape.min.js node_modules/cytoscape/LICENSE $(VENDOR)/cytoscape-$$version/

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/communique bench $(SHARED)/corpus/seeds $(SHARED)/corpus/vie-publique-statements $(SHARED)/corpus/whitehouse-briefing-room

clean:
	rm -rf $(VENV) .communique .pytest_cache .mypy_cache .ruff_cache

GOLD_CORPUS := $(SHARED)/corpus/seeds $(SHARED)/corpus/vie-publique-statements $(SHARED)/corpus/whitehouse-briefing-room

eval: $(STAMP)
	@mkdir -p .communique
	$(BIN)/communique extract --select tests/gold $(GOLD_CORPUS) -o .communique/gold-records.jsonl
	$(BIN)/communique eval tests/gold .communique/gold-records.jsonl

# after a change that raises quality: record the new figures (commit them with the change)
baseline: eval
	$(BIN)/communique eval tests/gold .communique/gold-records.jsonl --format json | $(BIN)/python -c "import json,sys; d=json.load(sys.stdin); [d.pop(k, None) for k in ('documents', 'unmatched_records')]; print(json.dumps(d, indent=2, ensure_ascii=False))" > tests/gold/BASELINE.json
