# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test install lint typecheck eval bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/communique ingest examples/
	$(BIN)/communique stats

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

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
