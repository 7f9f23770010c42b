# Liaison — thin Makefile. `make run` serves the demo on http://127.0.0.1:8000 (`PORT=8001 make run`, or
# `make run HOST=0.0.0.0 PORT=8001`, for another address); `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export LIAISON_DEV ?= 1

.PHONY: bench run demo-federation test test-postgres test-compiled test-ftm e2e fuzz lint types check-migrations ci messages clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	LIAISON_DEBUG=1 $(BIN)/liaison migrate --no-input -v0
	LIAISON_DEBUG=1 $(BIN)/liaison demo
	@echo "Liaison is at http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	LIAISON_DEBUG=1 $(BIN)/liaison serve $(HOST):$(PORT)

demo-federation: $(STAMP)
	BIN=$(BIN) bash scripts/demo-federation.sh

test: $(STAMP)
	LIAISON_TESTING=1 $(BIN)/pytest -m "not e2e and not ftm" -q $(PYTEST_ARGS)

test-postgres: $(STAMP)
	LIAISON_TESTING=1 LIAISON_DATABASE_URL=$${LIAISON_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/liaison} \
		$(BIN)/pytest -m "not e2e and not ftm" -q $(PYTEST_ARGS)

e2e: $(STAMP)
	LIAISON_TESTING=1 $(BIN)/pytest -m e2e -q $(PYTEST_ARGS)

# schemathesis over the whole API against a live server with the demo data; no request may get a server error
# (.ci/fuzz says how: FUZZ_EXAMPLES, FUZZ_MAX_TIME, FUZZ_SEED, FUZZ_PHASES).
fuzz: $(STAMP)
	BIN=$(BIN) .ci/fuzz

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks setup.py

types: $(STAMP)
	LIAISON_TESTING=1 $(BIN)/mypy

check-migrations: $(STAMP)
	LIAISON_TESTING=1 $(BIN)/liaison makemigrations --check --dry-run

messages: $(STAMP)
	cd src/liaison && LIAISON_TESTING=1 ../../$(BIN)/liaison makemessages -l vi -l ko -l zh_Hans -l ru -l fr --no-obsolete
	cd src/liaison && LIAISON_TESTING=1 ../../$(BIN)/liaison compilemessages

# The benchmark runs in its own environment: its peers (nomenklatura, followthemoney) pin tools that clash with
# the dev tools, and pyicu builds from source (apt-get install libicu-dev pkg-config g++).
BENCH := .venv-bench
$(BENCH)/.installed: requirements-bench.lock pyproject.toml
	test -x $(BENCH)/bin/python || $(PYTHON) -m venv $(BENCH)
	$(BENCH)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
	touch $(BENCH)/.installed

# The benchmark measures namematch as it is deployed: its query path compiled with mypyc (setup.py,
# docs/decisions/0016-namematch-compiled-with-mypyc.md), rebuilt whenever its source changes. `build/` is
# setuptools' scratch folder: emptied first, so nothing from an earlier build slips into this one.
NAMEMATCH_SRC := setup.py $(wildcard src/namematch/*.py)
$(BENCH)/.namematch: $(BENCH)/.installed $(NAMEMATCH_SRC)
	rm -rf build
	NAMEMATCH_USE_MYPYC=1 $(BENCH)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps .
	rm -rf build
	touch $@

# namematch's tests, and those of the screening and person search built on it, on the compiled build
COMPILED_DIR := var/namematch-compiled
test-compiled: $(STAMP)
	rm -rf build $(COMPILED_DIR)
	NAMEMATCH_USE_MYPYC=1 $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --target $(COMPILED_DIR) .
	rm -rf build
	NAMEMATCH_EXPECT_COMPILED=1 LIAISON_TESTING=1 $(BIN)/pytest -o pythonpath=$(COMPILED_DIR) -m "not e2e and not ftm" -q \
		tests/namematch tests/screening tests/people $(PYTEST_ARGS)

# The FollowTheMoney export validated by the followthemoney library, which lives in .venv-bench only
# (docs/decisions/0012-ftm-validation.md).
test-ftm: $(STAMP) $(BENCH)/.installed
	LIAISON_TESTING=1 $(BIN)/pytest -m ftm -q $(PYTEST_ARGS)

bench: $(BENCH)/.namematch
	$(BENCH)/bin/python benchmarks/namematch/run.py --size $${SIZE:-small}

clean:
	rm -rf $(VENV) var build .pytest_cache .mypy_cache .ruff_cache
