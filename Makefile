# Two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_URL ?= redis://127.0.0.1:6379/1

.PHONY: run test test-postgres lint migrate demo bench bench-compare bench-scale bench-stack clean stack stack-stop test-stack docs-screenshots site-screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

migrate: $(STAMP)
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo --admin

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=tcmtips.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: lint
	$(BIN)/pytest

# The same suite against the local PostgreSQL and Redis (what CI runs second).
test-postgres: lint
	DATABASE_URL=$(PG_URL) CACHE_URL=$(REDIS_URL) $(BIN)/pytest

# Ratios to a static file in one run: page cache on, page cache off with fragments warm, every cache off.
# The cache is the local Redis (db 12), as in production; BENCH_CACHE_URL=locmemcache:// needs no Redis.
BENCH_CACHE_URL ?= redis://127.0.0.1:6379/12
bench: $(STAMP)
	BENCH_CACHE_URL=$(BENCH_CACHE_URL) $(BIN)/python -m benchmarks.bench

# This checkout against an earlier commit, side by side in one run: make bench-compare AGAINST=a0c5215
# (every cache off by default; BENCH_STATES=no-cache,fragments, BENCH_PAGES=article,home).
bench-compare: $(STAMP)
	AGAINST=$(AGAINST) $(BIN)/python -m benchmarks.compare

# The demo against a site grown by load_scale (10,000 articles), page by page, on PostgreSQL at PG_URL:
# queries and time per page side by side. The large database is reused when already built.
bench-scale: $(STAMP)
	PG_URL=$(PG_URL) $(BIN)/python -m benchmarks.scale

# A mixed read load through the running stack (make stack) while an editor publishes every 2 s: throughput,
# p50/p99, Varnish's hit ratio, errors and publish-to-fresh times (docs/performance.md).
bench-stack: $(STAMP)
	$(BIN)/python -m benchmarks.stack

# --- The production-like stack on loopback ---
# Varnish :8080 -> nginx :8081 -> gunicorn :8001 + :8002 -> PostgreSQL tcmtips_stack + Redis db 2.
stack: $(STAMP)
	deploy/stack-start.sh

stack-stop:
	deploy/stack-stop.sh

# Integration tests through the running stack (start it with `make stack`); `make test` skips them.
test-stack: $(STAMP)
	STACK_TESTS=1 $(BIN)/pytest tests/stack -v -s -p no:cacheprovider

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .admin-login .stack

# Editors' guide (docs/editors.md): retake its screenshots from a throwaway demo site with Playwright and
# Debian's Chromium.
docs-screenshots: $(STAMP)
	$(BIN)/python docs/screenshots.py

# The reader's site at 390 and 1280 px (docs/img/site/): home, article, a point on each figure, the product.
site-screenshots: $(STAMP)
	$(BIN)/python docs/site_screenshots.py

# --- Backups: a dated PostgreSQL dump and media archive; restore only into an empty database.
BACKUP_DIR ?= backups
.PHONY: backup restore
backup: $(STAMP)
	$(BIN)/python manage.py backup --output-dir $(BACKUP_DIR)

restore: $(STAMP)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=$(BACKUP_DIR)/tcmtips-YYYYmmdd-HHMMSS.dump"; exit 2; }
	$(BIN)/python manage.py restore $(FILE)

# A bounded hostile probe through the running stack (make stack): 50,000 fuzzed requests, admin forms included,
# counted by status; fails if any answer is a 5xx. PROBE_TARGET may name an app server on loopback instead.
.PHONY: probe
probe: $(STAMP)
	$(BIN)/python -m benchmarks.probe
