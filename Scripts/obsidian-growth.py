#!/usr/bin/env python3
"""`make bench`: how the cost of each hostile Obsidian shape grows with its size. Each shape is
written at n and 8n into a vault of its own and rendered and checked as whole processes
(median of 3); a ratio near 8 is linear, near 64 quadratic.
Usage: obsidian-growth.py BINARY FOLDER"""
import os, statistics, subprocess, sys, time

binary, folder = sys.argv[1], sys.argv[2]
shapes = {
    "callouts nested deep": lambda n: "".join("> " * i + f"[!note]- level {i}\n" for i in range(1, n // 8 + 1)),
    "embeds, 3 a line": lambda n: "![[target]] ![[target#Part]] ![[pic.png|30]]\n" * n,
    "embeds on one line": lambda n: "![[target]] [[target#Part]] " * n + "\n",
    "unclosed == %% [[ ^[ $": lambda n: "==open %%open [[open ^[open $open " * n + "\n",
    "a ^id on every line": lambda n: "".join(f"line {i} ^id-{i}\n" for i in range(n)),
    "^id paragraphs alone": lambda n: "^a\n\n" * n,
    "[[ that never closes": lambda n: "[[" * (10 * n) + "\n",
    "tags": lambda n: "#tag #nested/tag " * n + "\n",
    "heading paths #A#B": lambda n: "# A\n" * n + "[[shape#A#A#B]]\n" * n,
    "missing headings": lambda n: "# A\n" * n + "[[shape#Z]]\n" * n,
    "unclosed $$ lines": lambda n: "$$a\n" * n,
    "a run of backticks": lambda n: "x" + "`" * (10 * n) + "\n",
    "zero-width + [": lambda n: "\u200b[" * (4 * n) + "\n",
}

def median_run(args):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000

print(f"  {'shape':26} {'size n':>9} {'render n':>10} {'render 8n':>10} {'ratio':>6} {'check 8n':>10}")
for index, (name, make) in enumerate(shapes.items()):
    row = []
    for scale in (1, 8):
        vault = os.path.join(folder, f"growth-{index}-{scale}")
        os.makedirs(os.path.join(vault, ".obsidian"), exist_ok=True)
        open(os.path.join(vault, "target.md"), "w").write("# Target\n\n## Part\n\nText. ^block\n")
        note = os.path.join(vault, "shape.md")
        text = make(4_000 * scale)
        open(note, "w").write(text)
        row.append((len(text.encode()), median_run([binary, "render", "--width", "80", "--color", "never", note]),
                    median_run([binary, "check", vault])))
    (size, render1, _), (_, render8, check8) = row
    ratio = render8 / max(render1, 0.001)
    flag = "" if ratio < 16 else "  SUPERLINEAR?"
    print(f"  {name:26} {size:>9,} {render1:>8.1f}ms {render8:>8.1f}ms {ratio:>6.1f} {check8:>8.1f}ms{flag}")
