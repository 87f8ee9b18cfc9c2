#!/usr/bin/env python3
"""`make bench`: peak resident memory of every command on single hostile notes at the size a
note is parsed to (4 MiB; one 50 MB note to show the cut). Each note sits in a collection of
its own; each command runs as a whole process under /usr/bin/time, and the table shows its
peak resident set (VmHWM) in MB. Target: at most 256 MB for any note and command.
Usage: memory-shapes.py BINARY FOLDER"""
import os, subprocess, sys

binary, folder = sys.argv[1], sys.argv[2]
SIZE = 4 << 20
TARGET_MB = 256


def fill(unit, size=SIZE):
    return unit * (size // len(unit.encode()))


shapes = {
    "short paragraphs": lambda: fill("a\n\n"),
    "one line per paragraph": lambda: fill("Lorem ipsum *dolor* [link](x.md) `code`.\n\n"),
    "one paragraph of links": lambda: fill("[a](b.md) "),
    "emphasis runs": lambda: fill("*a* _b_ **c** "),
    "list items": lambda: fill("- item\n"),
    "nested lists": lambda: "".join("  " * (i % 40) + "- x\n" for i in range(SIZE // 48)),
    "quotes nested deep": lambda: fill("> " * 30 + "q\n"),
    "HTML comments": lambda: fill("<!-- c -->\n"),
    "inline HTML tags": lambda: fill("<b>x</b> <i>y "),
    "table, 256 columns": lambda: "|" + "h|" * 256 + "\n|" + "-|" * 256 + "\n" + fill("|" + "c|" * 256 + "\n"),
    "headings": lambda: fill("# h\n"),
    "wikilinks and tags": lambda: fill("[[target]] [[target#Part]] #tag "),
    "embeds": lambda: fill("![[target]]\n"),
    "callouts": lambda: fill("> [!note] c\n> text\n\n"),
    "template tags": lambda: fill('{% hint style="info" %}\nx\n{% endhint %}\n'),
    "one-letter lines": lambda: fill("a\n"),
    "autolinks (www.)": lambda: fill("www.a.io "),
    "table rows": lambda: "|a|b|\n|-|-|\n" + fill("|a|b|\n"),
    "ordered list items": lambda: fill("1. a\n"),
    "entities": lambda: fill("&amp; "),
    "CR line ends": lambda: fill("line\r"),
    "w, where autolinks cut text": lambda: fill("w "),
    "one heading of 4 MB": lambda: "# " + fill("word ", SIZE - 3) + "\n",
    "YAML aliases (bomb)": lambda: "---\na: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)) + "---\n\nBody.\n",
    "a 50 MB note (cut)": lambda: fill("Lorem ipsum *dolor* sit amet, [link](x.md) consectetur.\n\n", 50 << 20),
}


def peak_mb(args, env):
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, timeout=300)
    return int(result.stderr.decode().strip().splitlines()[-1]) / 1024


commands = ["render", "toc", "check", "index", "search", "links"]
print(f"  {'note':24} {'bytes':>11} " + " ".join(f"{c:>7}" for c in commands))
worst = (0.0, "")
for index, (name, make) in enumerate(shapes.items()):
    vault = os.path.join(folder, f"memory-{index}")
    os.makedirs(os.path.join(vault, ".obsidian"), exist_ok=True)
    open(os.path.join(vault, "target.md"), "w").write("# Target\n\n## Part\n\nText. ^block\n")
    note = os.path.join(vault, "shape.md")
    text = make()
    open(note, "w").write(text)
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(folder, f"cache-{index}"),
               XDG_STATE_HOME=os.path.join(folder, f"state-{index}"))
    runs = {
        "render": [binary, "render", "--width", "80", "--color", "never", note],
        "toc": [binary, "toc", vault],
        "check": [binary, "check", vault],
        "index": [binary, "index", vault],
        "search": [binary, "search", "text", vault, "--color", "never"],
        "links": [binary, "links", note],
    }
    row = [peak_mb(runs[c], env) for c in commands]
    top = max(row)
    if top > worst[0]:
        worst = (top, f"{name}, {commands[row.index(top)]}")
    flag = "" if top <= TARGET_MB else "  OVER TARGET"
    print(f"  {name:24} {len(text.encode()):>11,} " + " ".join(f"{m:>7.1f}" for m in row) + flag)
print(f"  peak of all: {worst[0]:.1f} MB ({worst[1]}); target <= {TARGET_MB} MB per note and command")
