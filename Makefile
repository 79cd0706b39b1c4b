# adopt — set-up, report and tests on a fresh Debian machine.
#   make report   install LAPACK/OpenBLAS if missing, build, regenerate Reports/
#   make test     install LAPACK/OpenBLAS if missing, build and run every test

SWIFT ?= swift
SYSTEM_PACKAGES := liblapack-dev libopenblas-dev
ADOPT := .build/release/adopt
SERIES := Data/series
SCENARIOS := $(wildcard Data/scenarios/*.toml)

.PHONY: report test deps build release clean bench

deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing$$missing" >&2; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

# The command line links the Swift runtime statically: it starts in about 6 ms instead of 11.
release: deps
	$(SWIFT) build -c release --product adopt --static-swift-stdlib

report: release
	@for s in $(SCENARIOS); do \
	  n=$$(basename $$s .toml); \
	  $(ADOPT) forecast $$s --format md --output Reports/$$n.md || exit $$?; \
	  $(ADOPT) forecast $$s --format csv --output Reports/$$n.csv || exit $$?; \
	  $(ADOPT) forecast $$s --format csv --table stages --output Notebooks-export/$$n-stages.csv || exit $$?; \
	  $(ADOPT) forecast $$s --format json --output Notebooks-export/$$n.json || exit $$?; \
	  echo "wrote Reports/$$n.md, Reports/$$n.csv, Notebooks-export/$$n-stages.csv, Notebooks-export/$$n.json" >&2; \
	done
	$(ADOPT) fit --data $(SERIES)/durables.csv --y adopters --series series --model bass \
	  --horizon 1975 --profile --format md --output Reports/fit-durables.md
	$(ADOPT) fit --data $(SERIES)/durables.csv --y adopters --series series --model bass \
	  --format csv --output Reports/fit-durables.csv
	$(ADOPT) fit --data $(SERIES)/durables.csv --y adopters --series series --model auto \
	  --format md --output Reports/fit-durables-models.md
	$(ADOPT) fit --data $(SERIES)/durables.csv --y adopters --series series --model auto --holdout 3 \
	  --format md --output Reports/fit-durables-backtest.md
	@echo "wrote Reports/fit-durables.md, Reports/fit-durables.csv, Reports/fit-durables-models.md, Reports/fit-durables-backtest.md" >&2

test: deps
	$(SWIFT) test

bench: deps
	cd Benchmarks && $(SWIFT) package benchmark

clean:
	rm -rf .build
