# Scribbles: `make run` opens the sample notes, `make test` runs every test.
# Both first install missing Debian packages (with apt-get when run as root, else they
# print the exact command to run).

SWIFT       ?= swift
CONFIG      ?= release
BUILD_FLAGS ?=
# Release builds link Swift's runtime and Foundation into the executable: every process then
# starts about 5 ms sooner (no dynamic Foundation to load and bind), which `search`, `toc` and
# `render` are measured by. And the executable is not position-independent: its 87,000
# pointers are not relocated at each start (about 4 ms more off `search` and `toc`); the C
# libraries stay shared and randomized (see DECISIONS.md). `make RELEASE_FLAGS=` builds the
# usual way.
RELEASE_FLAGS ?= --static-swift-stdlib -Xlinker -no-pie
BIN          = .build/$(CONFIG)/scribbles
DEB_PACKAGES = pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libncursesw5-dev libsqlite3-dev libkf5syntaxhighlighting-dev libmimalloc-dev tmux
BENCH_PACKAGES = lowdown hyperfine ripgrep cmark-gfm

.PHONY: all deps build run test bench fuzz leaks clean

all: build

deps:
	@Scripts/install-deps.sh $(DEB_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG) $(if $(filter release,$(CONFIG)),$(RELEASE_FLAGS)) $(BUILD_FLAGS)

# `make run` opens the reader on the sample notes in content/.
run: build
	$(BIN) content

# The hostile-collection properties run the release build as whole processes (SCRIBBLES_BIN).
test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) build -c release $(RELEASE_FLAGS) $(BUILD_FLAGS)
	SCRIBBLES_BIN=$(BIN) $(SWIFT) test --skip-build $(BUILD_FLAGS)
	Scripts/cli-tests.sh .build/release/scribbles
	Scripts/e2e.sh .build/release/scribbles

bench: deps
	@Scripts/install-deps.sh $(BENCH_PACKAGES)
	$(SWIFT) build -c release $(RELEASE_FLAGS) $(BUILD_FLAGS)
	Scripts/bench.sh .build/release/scribbles

# libFuzzer targets with address sanitizer, FUZZ_SECONDS (default 60) each; crashers are saved
# under Tests/Fixtures/crashers/ and replayed by `make test`.
fuzz: deps
	Scripts/fuzz.sh

# The Swift tests under address sanitizer with LeakSanitizer (in .build-asan). The suites that
# run the release binary as whole processes are skipped: they test that binary, not this build.
leaks: deps
	$(SWIFT) build --build-tests --sanitize=address --build-path .build-asan $(BUILD_FLAGS)
	ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt \
		$(SWIFT) test --skip-build --sanitize=address --build-path .build-asan \
		--skip "HostileCommandTests|TerminalProcessTests|CacheSurvivalTests" $(BUILD_FLAGS)

clean:
	rm -rf .build
