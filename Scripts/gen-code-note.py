#!/usr/bin/env python3
"""Writes a note of about SIZE bytes, half of it code blocks in eight languages (for `make
bench`: the cost of colouring code). Usage: gen-code-note.py OUT.md [SIZE]"""
import random
import sys

SAMPLES = {
    "python": 'def handler(event, context):\n    """Handle one {n}."""\n    total = sum(x * 2 for x in event["items"])  # {n}\n    return {{"status": 200, "total": total}}\n',
    "js": 'export async function load{n}(url) {{\n  const res = await fetch(`${{url}}/items?page={n}`);\n  if (!res.ok) throw new Error("bad " + res.status);\n  return res.json();\n}}\n',
    "go": 'func Sum{n}(xs []int) (total int) {{\n\tfor _, x := range xs {{\n\t\ttotal += x // {n}\n\t}}\n\treturn\n}}\n',
    "rust": 'pub fn parse_{n}(s: &str) -> Result<u32, ParseIntError> {{\n    let v: u32 = s.trim().parse()?;\n    Ok(v * {n})\n}}\n',
    "yaml": 'service_{n}:\n  image: "example/app:{n}"\n  ports: [8080, 9090]\n  enabled: true # on\n',
    "sql": "SELECT id, name, COUNT(*) AS n{n}\nFROM users u JOIN orders o ON o.user_id = u.id\nWHERE created_at > '2024-01-01'\nGROUP BY id, name;\n",
    "bash": 'for f in *.md; do\n  echo "note {n}: $f" | tee -a log.txt\ndone\n',
    "json": '{{"id": {n}, "tags": ["a", "b"], "ok": true, "score": 1.5}}\n',
}


def main():
    path = sys.argv[1]
    size = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    rng = random.Random(5)
    out, written, n = [], 0, 0
    while written < size:
        n += 1
        lang = rng.choice(sorted(SAMPLES))
        block = (f"## Part {n}\n\nSome prose about part {n} of the sample, with a few words between "
                 f"the blocks so that it reads like documentation.\n\n```{lang}\n"
                 + SAMPLES[lang].format(n=n) + "```\n\n")
        out.append(block)
        written += len(block)
    with open(path, "w") as f:
        f.write("".join(out))


if __name__ == "__main__":
    main()
