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
MO := $(LANGS:%=$(CATALOGS)/%/LC_MESSAGES/messages.mo)
PORT ?= 8000
GITHUB_PAGES_BRANCH ?= gh-pages

INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.DEFAULT_GOAL := help

help:
	@echo 'Craft Cities of Kazakhstan'
	@echo ''
	@echo '  make html              build the site into output/ (development, relative links)'
	@echo '  make test              run every test (build, browser, accessibility, HTML, links)'
	@echo '  make clean             remove output/ and build leftovers'
	@echo '  make regenerate        rebuild on every change to content/ or theme/'
	@echo '  make serve [PORT=8000] serve output/ at http://127.0.0.1:$(PORT)/'
	@echo '  make devserver         regenerate and serve together'
	@echo '  make publish           build for the web with publishconf.py (SITEURL=...)'
	@echo '  make github            publish, then push output/ to the $(GITHUB_PAGES_BRANCH) branch'
	@echo '  make bench [PROFILE=1] build-time, scale and page-weight benchmarks'
	@echo '  make extract-catalogs  collect interface strings into theme/translations/messages.pot'
	@echo '  make update-catalogs   extract, then merge new strings into the kk and ru catalogs'
	@echo '  make compile-catalogs  compile the catalogs (html and test do this)'
	@echo '  make lint              ruff over the Python code'

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

extract-catalogs: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --add-comments=TRANSLATORS: \
	  --project="Craft Cities of Kazakhstan" -o $(CATALOGS)/messages.pot .

update-catalogs: extract-catalogs
	$(BIN)/pybabel update -D messages -d $(CATALOGS) -i $(CATALOGS)/messages.pot --ignore-obsolete --no-fuzzy-matching

# Build into a scratch folder and swap it in only when Pelican and the search index
# (Pagefind, generator/search_index.py) succeed, so a failed build leaves the last good output/ as it was.
html: $(INSTALLED) $(MO)
	rm -rf "$(OUTPUTDIR).partial"
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR).partial" -s "$(CONFFILE)" --fatal warnings $(PELICANOPTS)
	$(BIN)/python -m generator.search_index "$(OUTPUTDIR).partial" --langs "$(LANGS)"
	rm -rf "$(OUTPUTDIR).old"
	if [ -d "$(OUTPUTDIR)" ]; then mv "$(OUTPUTDIR)" "$(OUTPUTDIR).old"; fi
	mv "$(OUTPUTDIR).partial" "$(OUTPUTDIR)"
	rm -rf "$(OUTPUTDIR).old"

publish: $(INSTALLED) $(MO)
	$(MAKE) html CONFFILE="$(PUBLISHCONF)"

github: publish
	$(BIN)/ghp-import -m "Publish the site" -b $(GITHUB_PAGES_BRANCH) --no-jekyll "$(OUTPUTDIR)"
	git push origin $(GITHUB_PAGES_BRANCH)

clean:
	rm -rf "$(OUTPUTDIR)" "$(OUTPUTDIR).partial" "$(OUTPUTDIR).old" .pytest_cache

regenerate: $(INSTALLED) $(MO)
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: $(INSTALLED)
	$(PELICAN) -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b 127.0.0.1 -p $(PORT)

devserver: $(INSTALLED) $(MO)
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b 127.0.0.1 -p $(PORT) $(PELICANOPTS)

test: $(INSTALLED) $(NODE_INSTALLED) $(MO)
	$(BIN)/python -m pytest $(PYTESTOPTS)

lint: $(INSTALLED)
	$(BIN)/ruff check generator tests bench pelicanconf.py publishconf.py

# PROFILE=1 also writes a pyinstrument profile of the largest build to bench-results/.
bench: $(INSTALLED) $(MO)
	$(BIN)/python -m bench $(if $(PROFILE),--profile) $(BENCHOPTS)

.PHONY: help venv html publish github clean regenerate serve devserver test lint bench \
	compile-catalogs extract-catalogs update-catalogs
