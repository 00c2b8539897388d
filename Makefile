# The two commands of the README: `make site` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: site test build deps deps-test bench sanitize clean

site: deps build
	./$(BUILD)/kapstok build --out site
	@echo "Site written: $(CURDIR)/site/index.html"

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

deps:
	scripts/install-deps.sh build

deps-test:
	scripts/install-deps.sh build test

bench: deps
	scripts/install-deps.sh bench
	$(MAKE) build
	bench/run.sh

clean:
	rm -rf $(BUILD) site
