#!/usr/bin/env python3
"""Writes a synthetic Obsidian vault for `make bench`: NOTES notes of about 5 KB in FOLDERS
folders, titled by their file names (no H1), with front-matter tags and aliases, wikilinks by
name (to headings and blocks too), callouts (some folded), embeds of sections and images,
block ids, inline tags and highlights. About 1 link in 200 names a note not written yet."""
import os, random, sys

out = sys.argv[1]
notes = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
folders = int(sys.argv[3]) if len(sys.argv) > 3 else 40
rng = random.Random(11)
words = ("compost tomato herb spiral water barrel seed soil mulch bean trellis frost harvest sauce "
         "pantry jar beetle aphid ladybird worm leaf root pot tray").split()
per = notes // folders
names = [(f"Area {f:02d}", f"{rng.choice(words).title()} {rng.choice(words)} {f}-{n}") for f in range(folders) for n in range(per)]

def sentence(n=12):
    return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

def link():
    _, name = rng.choice(names)
    if rng.random() < 0.005:
        return f"[[{name} draft]]"
    r = rng.random()
    if r < 0.2:
        return f"[[{name}#Details]]"
    if r < 0.3:
        return f"[[{name}#^key|the key point]]"
    return f"[[{name}|{rng.choice(words)}]]" if r < 0.6 else f"[[{name}]]"

os.makedirs(os.path.join(out, ".obsidian"), exist_ok=True)
open(os.path.join(out, ".obsidian", "app.json"), "w").write("{}\n")
os.makedirs(os.path.join(out, "attachments"), exist_ok=True)
open(os.path.join(out, "attachments", "photo.png"), "wb").write(b"\x89PNG\r\n\x1a\n")
for folder, name in names:
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    _, other = rng.choice(names)
    body = [f"---\ntags: [{rng.choice(words)}, garden/{rng.choice(words)}]\naliases: [{name} alias]\nstatus: draft\n---\n"]
    body.append(f"{sentence()} {link()} #{rng.choice(words)} ==" + sentence(4)[:-1] + "==. ^key\n")
    body.append(f"> [!{rng.choice(['tip', 'note', 'warning', 'faq'])}]{rng.choice(['', '-', '+'])} {sentence(4)}\n> {sentence()} {link()}\n> {sentence()}\n")
    body.append("## Summary\n")
    body.append("\n".join(f"{'  ' * (i % 3)}- {sentence(6)} {link()}" for i in range(8)) + "\n")
    body.append("## Details\n")
    body.append(" ".join(sentence() for _ in range(8)) + f" See {link()}.\n")
    body.append(f"![[{other}#Summary]]\n\n![[photo.png|300]]\n")
    body.append("| Plant | Sow | Harvest |\n| :--- | :---: | ---: |\n" +
                "\n".join(f"| {sentence(3)} | {rng.randint(1, 12)} | {rng.randint(1, 12)} |" for _ in range(4)) + "\n")
    body.append("## Notes\n")
    body.append("\n".join(f"{'  ' * (i % 4)}* {sentence(9)} #{rng.choice(words)}" for i in range(14)) + "\n")
    body.append(" ".join(sentence() for _ in range(10)) + " %%a private remark%%\n")
    with open(os.path.join(out, folder, name + ".md"), "w") as fh:
        fh.write("\n".join(body))
