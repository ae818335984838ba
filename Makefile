# make run   - check the system (Qt's libraries, python3-venv), create .venv if needed, install the app,
#              open it on the bundled BCP sample
# make test  - same set-up, whole test suite, headless
# make bench - speed figures against floors measured in the same run (not part of make test)
# make fuzz  - the property tests with random seeds and many examples (not part of make test)
# make bundle      - a one-folder app with PyInstaller in dist/BCPViewer (no Python needed to run it)
# make test-bundle - build the bundle, copy it out of the checkout, run it with a bare environment (minutes)
# make install-desktop / uninstall-desktop - menu entry, icon and .bcpv file type for this user (no root)

# Prefer Python 3.12 or newer (PySide6 6.12.0 on 3.11 is broken; 3.11 still works with PySide6 < 6.12).
PYTHON_SEARCH = $(firstword $(foreach p,python3.12 \
	$(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) python3.13 \
	$(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) \
	python3.11 python3,$(shell $(p) -c 'import sys, venv, ensurepip; print(sys.executable)' 2>/dev/null)))
# Searched once when found; searched again when not (the system check may have installed python3-venv).
PYTHON ?= $(or $(PYTHON_FOUND),$(eval PYTHON_FOUND := $(PYTHON_SEARCH))$(PYTHON_FOUND))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.installed-bundle

.PHONY: run test bench fuzz lint sample official-data clean system bundle test-bundle install-desktop uninstall-desktop compiled

# Qt's system libraries, a font and python3-venv: installed with apt-get (as root, or with sudo when it
# needs no password), or else one message naming the command to run. Quick when all is there.
system:
	@bash scripts/check_system.sh "$(if $(wildcard $(BIN)/python),$(abspath $(BIN)/python),$(PYTHON))"

$(BIN)/python: | system
	@test -n "$(PYTHON)" || { echo "No python3 found: install python3 (3.11 or newer) and python3-venv"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# The app's modules compiled ahead (quick when nothing changed): an editable install has no .pyc files,
# and where PYTHONDONTWRITEBYTECODE is set (Docker images, some shells) every start would compile them
# again (tens of ms before the window shows, much more before the sample does).
compiled: $(STAMP)
	@$(BIN)/python -m compileall -q bcpviewer

run: system $(STAMP) compiled
	$(BIN)/bcpviewer

test: system $(STAMP) compiled
	$(BIN)/lint-imports --no-cache
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP) compiled
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/run.py

# the property tests with random seeds and many examples (make test runs them derandomised)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q \
		$$(grep -l "from hypothesis" tests/*.py)

# rebuild resources/official.sqlite from the DfE and Ofsted files in ../shared/data (not at run time)
official-data: $(STAMP)
	$(BIN)/python scripts/build_official_data.py ../shared/data resources/official.sqlite

sample: $(STAMP)
	$(BIN)/python scripts/make_sample.py resources/samples/bcp-childrens-services.xlsx resources/samples/bcp-improvement-plan-2023.xlsx

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bundle]'
	@touch $(BUNDLE_STAMP)

bundle: system $(BUNDLE_STAMP)
	$(BIN)/python packaging/build_bundle.py

test-bundle: system $(BUNDLE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m bundle tests/test_bundle.py

install-desktop: system $(STAMP) compiled
	bash packaging/linux/install-desktop.sh install "$(abspath $(BIN)/bcpviewer)"

uninstall-desktop:
	bash packaging/linux/install-desktop.sh uninstall

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis
