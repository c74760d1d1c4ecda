# casereview: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint setup clean system-deps bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime-installed $@

# Browser tests drive Debian's Chromium (never a downloaded browser build); pdftoppm checks rendered PDFs.
/usr/bin/chromium /usr/bin/pdftoppm:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium poppler-utils

# WeasyPrint (PDF packs and submissions) needs Pango from the system.
system-deps:
	@ldconfig -p | grep -q libpangoft2-1.0 || ($(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core)

setup: system-deps $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py encrypt_existing_files
	$(BIN)/python manage.py load_demo

# The web server, the background worker (sends the outbox's e-mail) and the scheduler (daily deadline scan, sweep
# of overdue mail) together; Ctrl-C, or the web server stopping, stops all three.
run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ with the background worker and the scheduler (Ctrl-C stops all three)"
	@$(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: system-deps $(VENV)/.test-installed /usr/bin/chromium /usr/bin/pdftoppm
	$(BIN)/python -m pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .

# Benchmarks (issue 8): never part of `make test` or CI. Each scale gets its own fresh database under bench/.
BENCH_SCALES ?= 0.001 0.01
BENCH_N ?= 30
# BENCH_DB=postgresql runs on the machine's cluster (started by .ci/start-postgres) instead of SQLite.
BENCH_DB ?= sqlite
/usr/bin/wrk:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq wrk

bench: $(VENV)/.test-installed /usr/bin/wrk
	set -e; fresh=--fresh; for scale in $(BENCH_SCALES); do \
	  if [ "$(BENCH_DB)" = postgresql ]; then \
	    bash .ci/start-postgres > /dev/null; \
	    name="casereview_bench_$$(echo $$scale | tr . _)"; \
	    PGPASSWORD=casereview dropdb -h 127.0.0.1 -U casereview --if-exists "$$name"; \
	    PGPASSWORD=casereview createdb -h 127.0.0.1 -U casereview "$$name"; \
	    export DATABASE_URL="postgres://casereview:casereview@127.0.0.1:5432/$$name"; \
	  else \
	    db="$(CURDIR)/bench/bench-$$scale.sqlite3"; rm -f "$$db" "$$db-wal" "$$db-shm"; \
	    export DATABASE_URL="sqlite:///$$db"; \
	  fi; \
	  $(BIN)/python manage.py migrate --noinput > /dev/null; \
	  $(BIN)/python bench/generate.py --scale $$scale; \
	  $(BIN)/python manage.py audit_verify; \
	  $(BIN)/python bench/run.py --scale $$scale -n $(BENCH_N) $$fresh; fresh=; \
	done
	# Throughput against /healthz and the 60 s soak, on a real server, at the largest scale just generated.
	last="$(lastword $(BENCH_SCALES))"; \
	  if [ "$(BENCH_DB)" = postgresql ]; then \
	    export DATABASE_URL="postgres://casereview:casereview@127.0.0.1:5432/casereview_bench_$$(echo $$last | tr . _)"; \
	  else export DATABASE_URL="sqlite:///$(CURDIR)/bench/bench-$$last.sqlite3"; fi; \
	  $(BIN)/python bench/load.py --scale $$last
	@echo "Results: bench/results/latest.md and bench/results/latest.json"

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm staticfiles
