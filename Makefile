# Craft Cities of Kazakhstan. `make html` builds the site, `make test` tests it;
# both create .venv and install the pinned dependencies on first use.

PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
PELICANOPTS ?=

BASEDIR := $(CURDIR)
INPUTDIR ?= $(BASEDIR)/content
OUTPUTDIR ?= $(BASEDIR)/output
CONFFILE ?= $(BASEDIR)/pelicanconf.py
PUBLISHCONF ?= $(BASEDIR)/publishconf.py
CATALOGS := theme/translations
LANGS := kk ru
# Editions made from a language at build time (generator/publish/latin.py), as Pagefind names their index.
EDITIONS := kk-latn
MO := $(LANGS:%=$(CATALOGS)/%/LC_MESSAGES/messages.mo)
# One wrapping width for every catalog tool, so a new string is a small diff.
PO_WIDTH := --width=100
PORT ?= 8000
GITHUB_PAGES_BRANCH ?= gh-pages
# The source articles live beside the repository, not in it (see README, "The sources").
SOURCES_ARCHIVE ?= $(abspath $(BASEDIR)/../shared/sources)
FINGERPRINT := content/data/fingerprint.json

INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.DEFAULT_GOAL := help

help:
	@echo 'Craft Cities of Kazakhstan'
	@echo ''
	@echo '  make html              build the site into output/ (development, relative links)'
	@echo '  make test              run every test (build, browser, accessibility, HTML, links)'
	@echo '  make clean             remove output/, compiled catalogs, caches and build leftovers'
	@echo '  make regenerate        rebuild on every change to content/ or theme/'
	@echo '  make serve [PORT=8000] serve output/ at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)'
	@echo '  make devserver         regenerate and serve together (Ctrl+C stops it)'
	@echo '  make publish           build for the web: SITEURL=https://USER.github.io/REPO make publish'
	@echo '  make github            publish, then push output/ to the $(GITHUB_PAGES_BRANCH) branch'
	@echo '  make bench [PROFILE=1] build-time, scale and page-weight benchmarks'
	@echo '  make extract-catalogs  collect interface strings into theme/translations/messages.pot'
	@echo '  make update-catalogs   extract, then merge new strings into the kk and ru catalogs'
	@echo '  make compile-catalogs  compile the catalogs (html and test do this)'
	@echo '  make lint              ruff over the Python code'
	@echo '  make fingerprint       refresh $(FINGERPRINT) from the article archive'

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

venv: $(INSTALLED)

$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CATALOGS)/%/LC_MESSAGES/messages.mo: $(CATALOGS)/%/LC_MESSAGES/messages.po $(INSTALLED)
	$(BIN)/pybabel compile -l $* -i $< -o $@

compile-catalogs: $(MO)

# The committed stand-in for the article archive: hashed word runs, numbers and dates.
fingerprint: $(INSTALLED)
	$(BIN)/python -m generator fingerprint "$(SOURCES_ARCHIVE)" $(FINGERPRINT)

extract-catalogs: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --add-comments=TRANSLATORS: $(PO_WIDTH) \
	  --project="Craft Cities of Kazakhstan" -o $(CATALOGS)/messages.pot .

update-catalogs: extract-catalogs
	$(BIN)/pybabel update -D messages -d $(CATALOGS) -i $(CATALOGS)/messages.pot --ignore-obsolete --no-fuzzy-matching $(PO_WIDTH)

# Build into a scratch folder and swap it in only when Pelican and the search index
# (Pagefind, generator/publish/search_index.py) succeed, so a failed build leaves the last good
# output/ as it was. Quiet commands: the first line an editor sees names the first broken file.
html: $(INSTALLED) $(MO)
	@rm -rf "$(OUTPUTDIR).partial"
	@$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR).partial" -s "$(CONFFILE)" --fatal warnings $(PELICANOPTS)
	@$(BIN)/python -m generator.publish.search_index "$(OUTPUTDIR).partial" --langs "$(LANGS) $(EDITIONS)"
	rm -rf "$(OUTPUTDIR).old"
	if [ -d "$(OUTPUTDIR)" ]; then mv "$(OUTPUTDIR)" "$(OUTPUTDIR).old"; fi
	mv "$(OUTPUTDIR).partial" "$(OUTPUTDIR)"
	rm -rf "$(OUTPUTDIR).old"

# A published build needs the address it will live at; root-absolute links are never wanted.
export SITEURL
publish: $(INSTALLED) $(MO)
	@if [ -z "$(SITEURL)" ]; then \
	  echo "make publish: SITEURL is not set; give the address the site will live at," \
	    "e.g. SITEURL=https://USER.github.io/REPO make publish (the Pages workflow sets it)" >&2; \
	  exit 2; fi
	$(MAKE) html CONFFILE="$(PUBLISHCONF)"

github: publish
	$(BIN)/ghp-import -m "Publish the site" -b $(GITHUB_PAGES_BRANCH) --no-jekyll "$(OUTPUTDIR)"
	git push origin $(GITHUB_PAGES_BRANCH)

clean:
	rm -rf "$(OUTPUTDIR)" "$(OUTPUTDIR).partial" "$(OUTPUTDIR).old" .cache .pytest_cache .ruff_cache $(MO)
	find . -name __pycache__ -type d -not -path './.venv/*' -not -path './node_modules/*' -prune \
	  -exec rm -rf {} +

regenerate: $(INSTALLED) $(MO)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

# Pelican only logs a busy port and exits 0: check it first, so the command fails as it should.
serve: $(INSTALLED)
	$(BIN)/python -m generator port-free $(PORT)
	$(PELICAN) -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b 127.0.0.1 -p $(PORT)

devserver: $(INSTALLED) $(MO)
	$(BIN)/python -m generator port-free $(PORT)
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b 127.0.0.1 -p $(PORT) $(PELICANOPTS)

# Two workers, one per core: builds, Chromium and vnu each keep one core busy. A module's tests
# stay on one worker, so its module fixtures are made once; a test class's too (the page
# walk's shards in tests/test_pages.py are classes, so both workers share the walk).
# PYTESTOPTS=-n0 runs in one process.
PYTESTOPTS ?= -n 2 --dist loadscope --durations=20
test: $(INSTALLED) $(NODE_INSTALLED) $(MO)
	$(BIN)/python -m pytest $(PYTESTOPTS)

lint: $(INSTALLED)
	$(BIN)/ruff check generator tests bench pelicanconf.py publishconf.py

# PROFILE=1 also writes a pyinstrument profile of the largest build to bench-results/.
# Lighthouse (bench/lighthouse.py) is for the bench only: its own package.json and lock, never needed by make test.
BENCH_NPM := bench/npm/node_modules/.installed
$(BENCH_NPM): bench/npm/package.json bench/npm/package-lock.json
	npm ci --prefix bench/npm --no-audit --no-fund --loglevel=error
	touch $@

bench: $(INSTALLED) $(MO) $(BENCH_NPM)
	$(BIN)/python -m bench $(if $(PROFILE),--profile) $(BENCHOPTS)

.PHONY: help venv html publish github clean regenerate serve devserver test lint bench \
	compile-catalogs extract-catalogs update-catalogs fingerprint
