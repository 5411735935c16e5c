# hedui — make review / make test are the Quick start.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup bytecode review test bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	@set -o pipefail; $(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | { grep -v 'is ignored' || true; }
	@set -o pipefail; $(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | { grep -v 'is ignored' || true; }
	@touch $(STAMP)

# hedui's modules compiled as pip compiles an installed package's (an editable install is not,
# and under PYTHONDONTWRITEBYTECODE every start would compile them again); only changed ones
bytecode: setup
	@$(BIN)/python -m compileall -q tui >/dev/null

review: bytecode
	@$(BIN)/hedui review seeds/

test: setup
	@$(BIN)/python -m pytest
	@$(BIN)/lint-imports --no-cache >/dev/null && echo "import contracts: the core's layers, the app's layers, no textual in the core (all kept)"

bench: bytecode
	@$(BIN)/python -m tests.bench.run

clean:
	rm -rf $(VENV) .pytest_cache
