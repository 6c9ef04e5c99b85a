# Two commands matter: `make run` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck imports pytest bench soak reliability chaos redis fonts clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependency list changes. -qq: errors only (pip's per-package
# warnings about a machine's index settings filled a newcomer's first screen).
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Setting up $(VENV) (first run only)..."
	$(BIN)/python -m pip install -qq --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -qq --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

.venv: $(STAMP)

run: $(STAMP) fonts
	$(BIN)/python -m bot

# The Redis contract tests need a real redis-server; install it from apt when missing.
redis:
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "Installing redis-server from apt (needed by the storage tests)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq redis-server >/dev/null; }

# The timeline picture draws its words in DejaVu Sans ("½", "–"); without it Pillow's own
# font is used and the golden-image test is skipped. Install it from apt when missing.
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
fonts:
	@test -f $(FONT) || ! command -v apt-get >/dev/null 2>&1 || { \
	  echo "Installing fonts-dejavu-core from apt (the timeline picture's font)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-dejavu-core >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

imports: $(STAMP)
	$(BIN)/lint-imports

# The whole suite, then the Telegram tests again over python-telegram-bot's own httpx
# transport (TELEGRAM_TRANSPORT=httpx), so both transports stay working.
pytest: $(STAMP) redis fonts
	$(BIN)/pytest
	TELEGRAM_TRANSPORT=httpx $(BIN)/pytest tests/telegram

test: lint typecheck imports pytest

# docs/benchmarks.md: the core's micro-benchmarks and our bot / a bare PTB echo bot (about
# 30 s). Neither this nor the soak uses Redis or the timeline picture's font.
bench: $(STAMP)
	$(BIN)/python -m bench

# Many sessions for 5 minutes (SOAK_SECONDS, SOAK_CHATS): memory and reply latency over time.
soak: $(STAMP)
	$(BIN)/python -m bench.soak

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

# docs/reliability.md: every fault and bad-input test, run and tabulated (about 5 minutes).
reliability: $(STAMP) redis
	$(BIN)/python -m tests.reliability.report

# Kill -9 at random moments while people answer, in three modes (long polling, webhook with
# Telegram's redelivery, during picture uploads; about 5 minutes): answers lost, sent twice.
chaos: $(STAMP) fonts
	$(BIN)/python -m tests.reliability.chaos --mode all --details
