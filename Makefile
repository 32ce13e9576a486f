# Two commands for a newcomer: `make extract` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install extract test test-fast lint report bench stress fuzz clean

install: $(STAMP)

# (Re)create the virtual environment when it is missing or pyproject.toml is newer.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev,camelot]'
	touch $(STAMP)

extract: $(STAMP)
	$(BIN)/reportparse extract --raw raw --out extracted

# The tests run in one process per core (pytest-xdist), at most four.
TEST_PROCESSES := -n auto --maxprocesses 4
# Python keeps the project's modules compiled in __pycache__ (and pytest its rewritten
# tests) even where the environment says not to (PYTHONDONTWRITEBYTECODE): each test process
# and each command a test starts then reads them instead of compiling them again.
test test-fast: export PYTHONDONTWRITEBYTECODE :=

test: $(STAMP)
	$(BIN)/python -m pytest $(TEST_PROCESSES)

# The edit-and-test loop: everything but the tests marked slow or process (see pyproject.toml).
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(TEST_PROCESSES) -m "not slow and not process"

# A static HTML quality report in report/ (beside extracted/, not part of it).
report: $(STAMP)
	$(BIN)/reportparse report --raw raw --out report

# Cell accuracy of reportparse and plain extractors against the truth, timings, and the ICDAR
# 2013 table competition where ICDAR2013_DIR names the set (see the README), and the layout
# fuzzer's tuning and fresh seeds printed by three producers (tests/fuzz/): docs/benchmark.md.
# The public held-out tables (tests/truth/public/) where PUBLIC_TABLES_DIR names clones of
# their source repositories (see the README; scripts/public.py runs them alone).
# BASELINE: the git revision whose speed this tree is measured against (scripts/speed.py).
BASELINE ?= main
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --raw raw --truth tests/truth --write docs/benchmark.md \
		--baseline $(BASELINE)

# The full-size reliability cases (9 GiB bombs, SIGKILLs while publishing, concurrent runs,
# killed runs' workers): a few minutes; exit status 1 if a guarantee broke.
stress: $(STAMP)
	$(BIN)/python scripts/stress.py

# Property-based fuzzing of every reader (PDF, HTML, specs, datapackage.json), a bounded time
# each (scripts/fuzz.py; FUZZ_SECONDS per reader); exit status 1 if a reader crashed.
# `make test` runs its short seed corpus (tests/test_fuzz_readers.py).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --seconds $(FUZZ_SECONDS)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts setup.py schemas
	$(BIN)/ruff format --check src tests scripts setup.py schemas

clean:
	rm -rf $(VENV) .cache .pytest_cache .ruff_cache report inspect
