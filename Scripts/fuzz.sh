#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer executable (Fuzz/) with address sanitizer and runs each target for
# FUZZ_SECONDS (default 60) from a seed corpus of our fixtures and sample notes. The working
# corpus is kept in .build-fuzz/corpus between runs; crashes, leaks and hangs are saved under
# Tests/Fixtures/crashers/<target>/, which ScribblesHardeningTests replays on every `make test`.
#
#   FUZZ_SECONDS=600 make fuzz         # ten minutes per target
#   FUZZ_TARGETS="markdown" make fuzz  # one target
#
# The cost target hunts time and memory, not wrong output: inputs up to 256 KB, grown from a
# dictionary of the syntax that nests (Fuzz/cost.dict), an input over 3 s or 1 GB is a finding.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"markdown links search cost"}
build=.build-fuzz
swift=${SWIFT:-swift}

mkdir -p "$build"
for target in $targets; do
    case $target in
        markdown|links|search|cost) ;;
        *) echo "fuzz: unknown target '$target' (markdown, links, search, cost)" >&2; exit 2 ;;
    esac
done
echo "fuzz: building ScribblesFuzzer (release, -sanitize=fuzzer,address)"
if ! SCRIBBLES_FUZZ=1 "$swift" build -c release --build-path "$build" --product ScribblesFuzzer \
        -Xswiftc -sanitize=fuzzer,address >"$build/build.log" 2>&1; then
    grep -E "error" "$build/build.log" | head -5 >&2
    echo "fuzz: ScribblesFuzzer did not build (log: $build/build.log)" >&2
    exit 1
fi

# Seeds: our fixtures and sample notes; SUMMARY files and link lists for links; queries for search.
seed() {
    local target=$1 corpus=$build/corpus/$1
    mkdir -p "$corpus"
    case $target in
        markdown) find Tests/Fixtures/constructs content -name '*.md' -size -64k -exec cp {} "$corpus/" \; ;;
        links) cp Tests/Fixtures/fuzz-seeds/links/* "$corpus/"; find content -name SUMMARY.md -exec cp {} "$corpus/SUMMARY-content.md" \; ;;
        search) cp Tests/Fixtures/fuzz-seeds/search/* "$corpus/" ;;
        cost) find Tests/Fixtures/constructs Tests/Fixtures/obsidian-vault -name '*.md' -size -64k -exec cp {} "$corpus/" \; ;;
    esac
}

status=0
for target in $targets; do
    seed "$target"
    crashers=Tests/Fixtures/crashers/$target
    mkdir -p "$crashers"
    log=$build/fuzz-$target.log
    echo "fuzz: $target for ${seconds}s (log: $log)"
    # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a blow-up is a finding too.
    limits=(-max_len=8192 -timeout=10 -rss_limit_mb=3072)
    if [ "$target" = cost ]; then limits=(-max_len=262144 -len_control=0 -timeout=3 -rss_limit_mb=1024 -dict=Fuzz/cost.dict); fi
    SCRIBBLES_FUZZ_TARGET=$target "$build/release/ScribblesFuzzer" "$build/corpus/$target" -max_total_time="$seconds" \
        "${limits[@]}" -print_final_stats=1 -artifact_prefix="$crashers/" >"$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    if [ $rc -ne 0 ]; then
        status=1
        echo "fuzz: $target FOUND A PROBLEM after ${runs:-?} runs: $(grep -m1 -E 'ERROR|Fatal error|fatal error|SUMMARY' "$log")"
        ls -t "$crashers" | head -1 | sed "s|^|fuzz:   saved $crashers/|"
    else
        echo "fuzz: $target ok, ${runs:-?} runs, corpus $(ls "$build/corpus/$target" | wc -l) inputs"
    fi
done
exit $status
