# The few commands people type. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: run test lint format bench model migrate browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip setuptools wheel
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

model: $(STAMP)
	$(BIN)/huifang model prepare

migrate: $(STAMP)
	$(BIN)/huifang db upgrade

run: $(STAMP) model migrate
	$(BIN)/huifang serve

# Debian's chromium for the browser tests (Playwright drives it; it downloads no browser of its own),
# and CJK fonts so the Chinese pages render in screenshots.
APT_PACKAGES := chromium fonts-noto-cjk
browser:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		sudo=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi

test: $(STAMP) browser
	HUIFANG_ASR__CACHE_DIR=$(CURDIR)/.cache/models $(BIN)/huifang model prepare
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) model
	$(BIN)/python bench/asr.py --limit 12
	$(BIN)/python bench/webhook.py
	$(BIN)/python bench/analyzer.py --labelled bench/unseen/*.jsonl
	$(BIN)/python bench/listing.py

clean:
	rm -rf $(VENV) .cache .pytest_cache .mypy_cache .ruff_cache
