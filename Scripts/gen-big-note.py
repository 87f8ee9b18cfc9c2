#!/usr/bin/env python3
"""Writes a synthetic note of about SIZE bytes (default 1 MB) with headings, paragraphs,
nested lists, quotes, tables, links, code and GitBook hints: input for `make bench`."""
import random, sys

size = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
out = sys.argv[1]
rng = random.Random(42)
words = ("community advocate developer docs sample release feedback talk meetup flywheel metric "
         "onboarding tutorial support forum code content pillar signal trust quickstart").split()

def sentence(n=14):
    w = [rng.choice(words) for _ in range(n)]
    w[0] = w[0].capitalize()
    i = rng.randrange(n)
    w[i] = f"**{w[i]}**" if rng.random() < .5 else f"[{w[i]}](../notes/{w[i]}.md#section-{i})"
    return " ".join(w) + "."

parts = ["---\ndescription: A generated note for benchmarks.\n---\n\n# Benchmark note\n"]
total = 0
section = 0
while total < size:
    section += 1
    block = [f"## Section {section}\n", " ".join(sentence() for _ in range(5)) + "\n"]
    block.append("\n".join(f"{'  ' * (i % 3)}- {sentence(8)}" for i in range(9)) + "\n")
    block.append("> " + sentence() + " *" + sentence(6) + "*\n>\n> > " + sentence() + "\n")
    block.append("| Metric | Q1 | Q2 |\n| :--- | :---: | ---: |\n" +
                 "\n".join(f"| {sentence(4)} | {rng.randint(1, 999)} | {rng.randint(1, 999)} |" for _ in range(4)) + "\n")
    block.append("```swift\nlet value = compute(\"" + rng.choice(words) + "\")\nprint(value)\n```\n")
    if section % 3 == 0:
        block.append('{% hint style="info" %}\n' + sentence() + "\n{% endhint %}\n")
    text = "\n".join(block)
    parts.append(text)
    total += len(text.encode())
open(out, "w").write("\n".join(parts))
