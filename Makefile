# The two commands of the README: `make site` and `make test`.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: site test build deps deps-test bench sanitize test-sanitize clean

site: deps build
	./$(BUILD)/kapstok build --out site
	@echo "Site written: $(CURDIR)/site/index.html"

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) test-sanitize

# AddressSanitizer + UndefinedBehaviorSanitizer build in its own folder, running
# the unit and end-to-end tests (not the browser, vnu and fuzz gates: they check
# the site, not memory safety; the fuzzers bring their own sanitizers).
SANITIZE_BUILD ?= build-asan
test-sanitize sanitize: deps-test
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAPSTOK_SANITIZE=ON >/dev/null
	cmake --build $(SANITIZE_BUILD) -j $(JOBS)
	cd $(SANITIZE_BUILD) && ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) -LE 'browser|html|fuzz'

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
