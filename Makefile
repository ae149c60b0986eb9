# wijkregie: two commands for a new user (README.md).
#   make run    installs everything, prepares the SQLite database with the Den Helder demo, serves it
#   make test   installs what the tests need and runs every test on SQLite and on PostgreSQL
#   make bench  load test at municipal scale against the /health floor (bench/README.md)

HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
PYTHON ?= python3
UV := .tools/bin/uv
WR := .venv/bin/wijkregie
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export SUDO

.PHONY: run test lint test-sqlite test-postgresql deps deps-dev assets system-packages system-test-packages clean bench bench-clean system-bench-packages soak

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.8,<1"

# WeasyPrint (the plan's PDF) needs Pango and a font from Debian.
system-packages:
	@if ! ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || ! ls /usr/share/fonts/truetype/dejavu >/dev/null 2>&1; then \
		echo "installeren: libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null; \
	fi

deps: $(UV) system-packages
	$(UV) sync --frozen --no-dev --quiet

deps-dev: $(UV) system-packages
	$(UV) sync --frozen --quiet

assets:
	scripts/assets.sh

run: export WIJKREGIE_DEMO ?= 1
run: deps assets
	$(WR) migrate --no-input -v0
	@# The marker lets the README's `wijkregie …` commands run in the same (demo) mode as this installation.
	@d="$${WIJKREGIE_DATA_DIR:-var}"; if [ "$$WIJKREGIE_DEMO" = 1 ]; then mkdir -p "$$d" && touch "$$d/demomodus"; else rm -f "$$d/demomodus"; fi
	@if [ "$$WIJKREGIE_DEMO" = 1 ]; then $(WR) demo --if-empty && $(WR) portaal demo; else echo "Geen demomodus: geen demogegevens geladen."; fi
	$(WR) collectstatic --no-input -v0
	$(WR) herinneringen
	$(WR) audit verify --wachtrij
	$(WR) monitor vooraf --wachtrij
	@echo "wijkregie draait op http://$(HOST):$(PORT)/  (stoppen: Ctrl+C)"
	@# The background worker (reminders, PDFs) runs beside the web server and stops with it.
	$(WR) db_worker --no-reload --interval 1 >/dev/null 2>&1 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	.venv/bin/gunicorn wijkregie.config.wsgi --bind $(HOST):$(PORT) --workers 2 --preload \
		--access-logfile - --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'

# Chromium for the browser tests and PostgreSQL for the second run, from Debian, when missing.
system-test-packages:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "installeren:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# The two databases' runs go side by side (two cores): each run's output is shown whole when it ends.
test: deps-dev assets system-test-packages
	$(MAKE) --no-print-directory lint
	@echo "== tests op SQLite en PostgreSQL, naast elkaar (de uitvoer van elke run volgt als die klaar is) =="
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgresql

# ruff (pyproject.toml: pyflakes, pycodestyle, import order, pyupgrade, bugbear, Django rules), no model change
# without its migration, and mypy over services and selectors (docs/ontwikkelen.md). The Django checks run in demo
# mode in a throw-away data directory.
lint:
	@echo "== ruff, migraties en mypy =="
	.venv/bin/ruff check src bench
	@d=$$(mktemp -d); WIJKREGIE_DEMO=1 WIJKREGIE_DATA_DIR=$$d $(WR) makemigrations --check --dry-run; rc=$$?; rm -rf $$d; exit $$rc
	@d=$$(mktemp -d); WIJKREGIE_DEMO=1 WIJKREGIE_DATA_DIR=$$d .venv/bin/mypy; rc=$$?; rm -rf $$d; exit $$rc

test-sqlite:
	@echo "== tests op SQLite =="
	env -u DATABASE_URL .venv/bin/pytest $(PYTEST_ARGS)

test-postgresql:
	@echo "== tests op PostgreSQL =="
	scripts/with-postgres.sh .venv/bin/pytest $(PYTEST_ARGS)

# The bench: BENCH_DB=sqlite|postgresql BENCH_SIZE=den-helder|utrecht|miljoen BENCH_SESSIONS BENCH_SECONDS
# (also BENCH_SEED, BENCH_THINK, BENCH_WORKERS, BENCH_WARMUP, BENCH_MIX). Datasets are cached in bench/data/ (make bench-clean).
# BENCH_MODE=capacity climbs to the knee, BENCH_REPLICA=1 adds a streaming replica, BENCH_DATA moves the datasets.
export BENCH_DB BENCH_SIZE BENCH_SESSIONS BENCH_SECONDS BENCH_SEED BENCH_THINK BENCH_WORKERS BENCH_WARMUP BENCH_MIX
export BENCH_MODE BENCH_REPLICA BENCH_DATA

system-bench-packages:
	@if [ "$$BENCH_DB" = postgresql ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installeren: postgresql"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql >/dev/null; \
	fi

bench: $(UV) system-packages assets system-bench-packages
	$(UV) sync --frozen --group bench --quiet
	.venv/bin/python bench/run.py

# make soak: a write load with faults; nothing acknowledged may be lost (bench/README.md, "make soak").
# SOAK_DB=postgresql|sqlite SOAK_SECONDS=600 SOAK_SESSIONS=50; PostgreSQL is installed when missing.
soak: BENCH_DB = $(if $(filter sqlite,$(SOAK_DB)),sqlite,postgresql)
soak: $(UV) system-packages assets system-bench-packages
	$(UV) sync --frozen --group bench --quiet
	.venv/bin/python bench/soak.py

bench-clean:
	rm -rf bench/data

clean:
	rm -rf var .venv .tools node_modules src/wijkregie/core/static/vendor
