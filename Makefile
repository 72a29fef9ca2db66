# One entry point per task. `make run` and `make test` work on a fresh machine with only
# Python 3.11+: they create .venv, install the locked dependencies and use the project's
# own PostgreSQL server unless DATABASE_URL is set.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench loadtest backup restore lock install messages clean

run: $(INSTALLED)  ## install, migrate, load the demo content; serve http://127.0.0.1:8000/ with a worker
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py refresh_outputs --verbosity 0
	LMEC_HOST=$(HOST) LMEC_PORT=$(PORT) $(BIN)/honcho -f Procfile.dev start

test: $(INSTALLED)  ## lint and check the layers, then the whole test suite against a throwaway PostgreSQL database
	scripts/system-packages test
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/pytest --numprocesses 2

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(INSTALLED)  ## run every benchmarks/bench_*.py; each prints its figures
	scripts/system-packages bench
	@for script in benchmarks/bench_*.py; do \
		[ -e "$$script" ] || continue; echo "== $$script"; $(PY) "$$script" || exit 1; done

# make loadtest [DURATION=60] [CONCURRENCY=32] [MAX_REQUESTS=200000] [LOADTEST_PORT=…]
#               [WORKERS=…] [CACHE=on|off] [FAULT=db-restart|cache-down [STOP_MODE=fast|immediate]
#               [DOWN_SECONDS=…] [FAULT_AT=…] [DB_RESTART_COMMAND='…']] [USE_DATABASE_URL=1];
#               see docs/operations.md
DURATION ?= 60
CONCURRENCY ?= 32
MAX_REQUESTS ?= 200000

loadtest: $(INSTALLED)  ## readers against gunicorn on the loopback; FAULT=db-restart restarts PostgreSQL, FAULT=cache-down stops Redis
	scripts/system-packages bench
	$(PY) benchmarks/loadtest.py --duration $(DURATION) --concurrency $(CONCURRENCY) \
		--max-requests $(MAX_REQUESTS) $(if $(LOADTEST_PORT),--port $(LOADTEST_PORT)) \
		$(if $(WORKERS),--workers $(WORKERS)) $(if $(CACHE),--cache $(CACHE)) \
		$(if $(FAULT),--fault $(FAULT)) $(if $(FAULT_AT),--fault-at $(FAULT_AT)) \
		$(if $(STOP_MODE),--stop-mode $(STOP_MODE)) $(if $(DOWN_SECONDS),--down-seconds $(DOWN_SECONDS)) \
		$(if $(DB_RESTART_COMMAND),--restart-command "$(DB_RESTART_COMMAND)") \
		$(if $(USE_DATABASE_URL),--use-database-url)

backup: $(INSTALLED)  ## write var/backups/lmec-backup-<time>/: database dump, media files, manifest
	$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: $(INSTALLED)  ## make restore BACKUP=var/backups/lmec-backup-…: replace database and media
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=path/to/lmec-backup-…"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

install: $(INSTALLED)

$(INSTALLED): requirements.lock scripts/bootstrap scripts/system-packages
	scripts/system-packages run
	scripts/bootstrap $(PYTHON) $(VENV)
	@touch $@

lock:  ## re-resolve pyproject.toml's dependencies into requirements.lock
	$(BIN)/pip install --quiet "uv==0.13.9"
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock

# Every interface language but English, whose text is the source strings themselves.
MESSAGE_LOCALES := zh_Hans th vi lo km my

messages: $(INSTALLED)  ## update the catalogs with the code's strings (msgmerge) and compile them (needs GNU gettext)
	$(PY) manage.py makemessages $(addprefix --locale ,$(MESSAGE_LOCALES)) --no-obsolete \
		--ignore ".venv/*" --ignore "var/*" --ignore "tests/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

clean:  ## remove the virtual environment (the database in var/ is kept)
	rm -rf $(VENV)
