#!/usr/bin/env python3
"""Writes a synthetic GitBook-form collection for `make bench`: NOTES notes of about 5 KB in
FOLDERS folders, with front matter, nested bullets, quotes, tables, page-refs and relative links
between notes (about 1 in 200 broken on purpose), and a SUMMARY.md listing every note. Words
come from a vocabulary of 24,021 with Zipf's distribution; OUT-vocabulary.txt, beside the
collection's folder, lists them by rank (for the benchmark's queries)."""
import os, random, sys

out = sys.argv[1]
notes = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
folders = int(sys.argv[3]) if len(sys.argv) > 3 else 100
rng = random.Random(7)
# The vocabulary: 21 common words first, then 24,000 made-up ones, drawn by Zipf's law (the
# word of rank r about 1/r as often as the commonest), as real text is: a query of a rare word
# matches a few notes, not every one.
common = ("community advocate developer docs sample release feedback talk meetup flywheel metric "
          "onboarding tutorial support forum code content pillar signal trust quickstart").split()
onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z",
          "br", "cr", "dr", "fl", "gr", "pl", "st", "tr", "sh", "ch", "th"]
vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
codas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk"]
vocabulary, seen = list(common), set(common)
while len(vocabulary) < 24_021:
    word = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(rng.choice((1, 2, 2, 3))))
    if len(word) >= 3 and word not in seen:
        seen.add(word)
        vocabulary.append(word)
cumulative, total = [], 0.0
for rank in range(len(vocabulary)):
    total += 1.0 / (rank + 1)
    cumulative.append(total)
drawn = []

def draw():
    if not drawn:
        drawn.extend(rng.choices(vocabulary, cum_weights=cumulative, k=100_000))
    return drawn.pop()

words = common
per = notes // folders
paths = [(f"section-{f:03d}", f"note-{n:04d}.md") for f in range(folders) for n in range(per)]

def sentence(n=12):
    w = [draw() for _ in range(n)]
    return " ".join(w).capitalize() + "."

def link(here):
    folder, name = rng.choice(paths)
    target = name if folder == here else f"../{folder}/{name}"
    if rng.random() < 0.005:
        target = target.replace(".md", "-missing.md")
    anchor = "#details" if rng.random() < 0.3 else ""
    return f"[{rng.choice(words)}]({target}{anchor})"

os.makedirs(out, exist_ok=True)
summary = ["# Table of contents", "", "* [Home](README.md)"]
with open(os.path.join(out, "README.md"), "w") as f:
    f.write("---\ndescription: A generated collection.\n---\n\n# Home\n\n" + sentence() + "\n")
for f in range(folders):
    folder = f"section-{f:03d}"
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    summary += ["", f"## Section {f} <a href=\"#{folder}\" id=\"{folder}\"></a>", ""]
    for n in range(per):
        name = f"note-{n:04d}.md"
        summary.append(f"* [Note {f}.{n}]({folder}/{name})")
        body = [f"---\ndescription: >-\n  {sentence()}\n---\n", f"# Note {f}.{n}\n", "## Summary\n"]
        body.append("\n".join(f"{'  ' * (i % 3)}- {sentence(6)} {link(folder)}" for i in range(8)) + "\n")
        body.append(f"> {sentence()} **{rng.choice(words)}** *{sentence(4)}*\n")
        body.append("## Details\n")
        body.append(" ".join(sentence() for _ in range(8)) + f" See {link(folder)}.\n")
        body.append("| Metric | Q1 | Q2 |\n| :--- | :---: | ---: |\n" +
                    "\n".join(f"| {sentence(3)} | {rng.randint(1, 99)} | {rng.randint(1, 99)} |" for _ in range(4)) + "\n")
        other_folder, other = rng.choice(paths)
        ref = other if other_folder == folder else f"../{other_folder}/{other}"
        body.append(f'{{% page-ref page="{ref}" %}}\n')
        body.append("## Scribbles\n")
        body.append("\n".join(f"{'  ' * (i % 4)}* {sentence(9)}" for i in range(14)) + "\n")
        body.append(" ".join(sentence() for _ in range(10)) + "\n")
        with open(os.path.join(out, folder, name), "w") as fh:
            fh.write("\n".join(body))
with open(os.path.join(out, "SUMMARY.md"), "w") as f:
    f.write("\n".join(summary) + "\n")
with open(os.path.join(os.path.dirname(os.path.abspath(out)), os.path.basename(os.path.abspath(out)) + "-vocabulary.txt"), "w") as f:
    f.write("\n".join(vocabulary) + "\n")
