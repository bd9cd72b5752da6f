# Two commands on a bare machine (Python 3.11+, make, a C compiler): `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test bench lint format check clean

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed (found %s)" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

run: $(STAMP)
	PORT=$(PORT) $(PY) -m portal.embedded run --port $(PORT)

test: $(STAMP)
	$(PY) -m portal.embedded exec --data-dir .data/test --fast -- $(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || echo "bench.load needs wrk: apt-get install wrk"
	$(PY) -m portal.embedded exec --data-dir .data/bench --fast --shared-buffers 1GB -- $(PY) -m bench $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(STAMP)
	$(PY) -m portal.embedded exec --data-dir .data/test --fast -- sh -c '$(PY) manage.py check && $(PY) manage.py makemigrations --check --dry-run'

clean:
	rm -rf .data/test .data/bench

# Vietnamese catalogues: merge the msgids of Wagtail, Django and taggit after an upgrade,
# list what is untranslated, compile the .mo files (needs gettext's msgfmt).
.PHONY: messages
messages: $(STAMP)
	$(PY) scripts/messages.py
