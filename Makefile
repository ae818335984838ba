# make run   - create .venv if needed, install the app, open it on the bundled BCP sample
# make test  - same environment, whole test suite, headless
# make bench - speed figures against floors measured in the same run (not part of make test)

# Prefer Python 3.12 or newer (PySide6 6.12.0 on 3.11 is broken; 3.11 still works with PySide6 < 6.12).
PYTHON ?= $(firstword $(foreach p,python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3.13 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) \
	python3.11 python3,$(shell $(p) -c 'import sys, venv, ensurepip; print(sys.executable)' 2>/dev/null)))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint sample clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "No python3 found: install python3 (3.11 or newer) and python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/bcpviewer

test: $(STAMP)
	$(BIN)/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

sample: $(STAMP)
	$(BIN)/python scripts/make_sample.py resources/samples/bcp-childrens-services.xlsx resources/samples/bcp-improvement-plan-2023.xlsx

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
