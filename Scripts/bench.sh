#!/usr/bin/env bash
# `make bench`: whole-process timings side by side with peer tools, medians and ratios.
# Usage: Scripts/bench.sh path/to/scribbles
set -euo pipefail
bin=${1:?usage: bench.sh BINARY}
out=${BENCH_OUT:-bench-out}
mkdir -p "$out"
python3 Scripts/gen-big-note.py "$out/big.md" 1000000
echo "Input: $out/big.md ($(wc -c <"$out/big.md") bytes)"

hyperfine --warmup 3 --runs "${BENCH_RUNS:-30}" -N --export-json "$out/render.json" \
  -n scribbles "$bin render --width 100 --color never $out/big.md" \
  -n lowdown "lowdown -Tterm $out/big.md" >/dev/null

python3 - "$out/render.json" <<'PY'
import json, sys, statistics
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
s = statistics.median(runs["scribbles"]["times"]) * 1000
l = statistics.median(runs["lowdown"]["times"]) * 1000
print(f"render 1 MB note, median of {len(runs['scribbles']['times'])} runs:")
print(f"  scribbles render --width 100 --color never  {s:8.1f} ms")
print(f"  lowdown -Tterm                              {l:8.1f} ms")
print(f"  ratio scribbles/lowdown                     {s / l:8.2f}x  (target <= 1.0x)")
PY

# Where scribbles spends its time (SCRIBBLES_TIMING phases, medians of 15 runs).
for _ in $(seq 15); do SCRIBBLES_TIMING=1 "$bin" render --width 100 --color never "$out/big.md" 2>&1 >/dev/null; done \
  | python3 -c '
import sys, statistics, collections
phases = collections.OrderedDict()
for line in sys.stdin:
    for part in line.split(":", 1)[1].split(","):
        name, value, _ = part.split()
        phases.setdefault(name, []).append(float(value))
print("  phases (median ms): " + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in phases.items()))'
