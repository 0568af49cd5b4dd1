# The newcomer's two commands: `make run` and `make test`. Both start with `make setup`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the browser tests need: headless Chromium and a Chinese font to render with;
# LibreOffice and poppler render the year-end office files to PDF (invoke contributors --pdf,
# and the tests that count their pages). Publishing: rsync over OpenSSH and rclone upload the
# site; the tests start nginx (with Brotli) and sshd on 127.0.0.1. jing validates the Atom feeds.
DEB_PACKAGES := chromium fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils \
	nginx libnginx-mod-http-brotli-filter openssh-server openssh-client rsync rclone jing hugo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup run test debs lint clean

setup: $(STAMP) debs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

debs:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

run: setup
	$(BIN)/invoke build serve

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf output cache .pytest_cache
