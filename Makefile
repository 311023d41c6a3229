# Missive — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test setup setup-test sysdeps lint bench screenshots i18n clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP)

setup-test: $(TEST_STAMP)

sysdeps:
	bash scripts/install-system-deps.sh

run: sysdeps setup
	$(PY) main.py $(ARGS)

test: sysdeps setup-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests

lint: setup-test
	$(VENV)/bin/ruff check .

bench: setup-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

screenshots: setup-test
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build *.egg-info
