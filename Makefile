# rj: make demo and make test are all the set-up a fresh machine with Swift needs.

SHELL       := /bin/bash
SWIFT       ?= swift
RJ          := .build/debug/rj
OUT         ?= out
ASAN_BUILD  := .build-asan

.PHONY: all setup build test demo bench conformance evaluate leaks clean

all: build

# libcmark (the CommonMark reference library) is the one system library rj links.
setup:
	@if pkg-config --exists libcmark 2>/dev/null || [ -f /usr/include/cmark.h ]; then \
	  exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing libcmark-dev (the CommonMark library rj renders with)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev >/dev/null; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then \
	  echo "Installing libcmark-dev with sudo (the CommonMark library rj renders with)..."; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev >/dev/null; \
	else \
	  echo "rj needs libcmark-dev (cmark, the CommonMark library), and this account cannot install it." >&2; \
	  echo "Ask an administrator to run: apt-get install libcmark-dev   (macOS: brew install cmark)" >&2; \
	  exit 1; \
	fi

build: setup
	$(SWIFT) build

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --disable-xctest

# Renders the examples into out/ and says where to open them: the Markdown
# document, the template example, and for every example case its checks, its
# outcome agreement, its risk assessment and every participant's pack.
demo: build
	@mkdir -p $(OUT)
	@for file in Examples/documents/*.md; do \
	  name=$$(basename "$$file" .md); \
	  $(RJ) markdown "$$file" --smart --out "$(OUT)/$$name.html" || exit 1; \
	  echo "wrote $(OUT)/$$name.html  (from $$file)"; \
	done
	@set -o pipefail; for file in Examples/templates/*.md; do \
	  name=$$(basename "$$file" .md); \
	  $(RJ) template render "$$file" --data "Examples/templates/$$name.yml" | $(RJ) markdown - --out "$(OUT)/$$name.html" || exit 1; \
	  echo "wrote $(OUT)/$$name.html  (from $$file with Examples/templates/$$name.yml)"; \
	done
	@set -o pipefail; for file in Examples/cases/*.yml; do \
	  name=$$(basename "$$file" .yml); [ "$$name" = service ] && continue; \
	  mkdir -p "$(OUT)/$$name"; \
	  echo "$$name:"; \
	  $(RJ) check "$$file" | sed 's/^/  /' || exit 1; \
	  if grep -q '^agreement:' "$$file"; then \
	    $(RJ) render "$$file" --document outcome-agreement --out "$(OUT)/$$name/outcome-agreement.html" || exit 1; \
	    echo "  wrote $(OUT)/$$name/outcome-agreement.html"; \
	  fi; \
	  $(RJ) render "$$file" --document risk-assessment --for internal --out "$(OUT)/$$name/risk-assessment.html" || exit 1; \
	  echo "  wrote $(OUT)/$$name/risk-assessment.html  (internal: never for participants)"; \
	  $(RJ) pack "$$file" --all --out "$(OUT)/$$name/packs" | sed 's/^/  /' || exit 1; \
	done
	@echo ""
	@echo "Letters (Examples/letters), screened before anyone reads them:"
	@for file in Examples/letters/*.txt; do \
	  printf '  %-45s ' "$$file"; $(RJ) letters screen "$$file" | tail -n 1; \
	done
	@echo "  (rj letters screen FILE shows each finding under its line)"
	@echo ""
	@echo "Open the files in out/ in a web browser; each pack starts at its index.html."

# Each section measures rj against a peer in the same run and prints the ratio.
bench: setup
	$(SWIFT) run -c release --package-path Benchmarks rj-bench

# The public conformance suites in ../shared/conformance, when present.
conformance: setup
	@set -o pipefail; $(SWIFT) test --disable-xctest --filter 'Conformance' 2>&1 \
	  | grep -E '^(CommonMark|Mustache|skipped)|✘|Test run'

# The letter screener measured on public labelled corpora (../shared/evaluation):
# precision and recall per category and per source. `make evaluate ERRORS=1`
# also lists mistakes, from the fixed 20% look slice only.
evaluate: setup
	$(SWIFT) run -c release --package-path Benchmarks rj-evaluate $(if $(ERRORS),--errors)

# Every C allocation is freed: the CommonMark tests under LeakSanitizer. A leak
# makes the run fail with the allocation's stack.
leaks: setup
	$(SWIFT) test --scratch-path $(ASAN_BUILD) --sanitize=address --disable-xctest --filter CommonMarkTests

clean:
	rm -rf .build $(ASAN_BUILD) Benchmarks/.build $(OUT)
