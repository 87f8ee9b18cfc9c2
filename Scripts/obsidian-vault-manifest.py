#!/usr/bin/env python3
"""Regenerates Tests/Fixtures/obsidian-vault-expected.md from the fixture vault.

It finds every link and embed in the vault's notes (outside fenced code, inline code and
%% comments), computes its 1-based line and column (Unicode characters, column of the
link's first character: `[` of `[[`, `!` of `![[`, `[` of `[text](...)`), resolves it
with a small independent model of Obsidian's rules, and checks the result against the
hand-written expectations below. Any disagreement stops the script.

Usage: python3 Scripts/obsidian-vault-manifest.py
"""
import os
import re
import sys
import urllib.parse

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures")
VAULT = os.path.normpath(os.path.join(ROOT, "obsidian-vault"))
OUT = os.path.normpath(os.path.join(ROOT, "obsidian-vault-expected.md"))

# (file, raw link text) -> expected outcome: a problem kind, or "ok" with what it resolves to.
# Written by hand; the script's own resolver must agree.
EXPECTED = {
    # Home.md
    ("Home.md", "[[Tomato Growing]]"): ("ok", "Tomato Growing.md"),
    ("Home.md", "[[Compost Basics|how the heap works]]"): ("ok", "Compost Basics.md"),
    ("Home.md", "[[Herb Spiral]]"): ("ok", "Herb Spiral.md"),
    ("Home.md", "[[Tomato Growing#Sowing]]"): ("ok", "Tomato Growing.md#Sowing"),
    ("Home.md", "[[Seasonal Calendar]]"): ("ok", "Seasonal Calendar.md"),
    ("Home.md", "[[Bug Guide]]"): ("ok", "Reference/Insects/Field Guide.md (alias, `Aliases:` key)"),
    ("Home.md", "[[Compost]]"): ("ok", "Compost Basics.md (alias, single-string `aliases:`)"),
    ("Home.md", "[[Watering Schedule]]"): ("ok", "Watering Schedule.md"),
    ("Home.md", "[[Rain Barrel]]"): ("ok", "Rain Barrel.md"),
    ("Home.md", "[[Tomato Sauce]]"): ("ok", "Kitchen/Tomato Sauce.md (by file name)"),
    ("Home.md", "[[Kitchen/Pantry List]]"): ("ok", "Kitchen/Pantry List.md (by path)"),
    ("Home.md", "[[Projects/Plan|this year's plan]]"): ("ok", "Projects/Plan.md"),
    ("Home.md", "[[Archive/Plan|last year's plan]]"): ("ok", "Archive/Plan.md"),
    ("Home.md", "[[Glossary.md]]"): ("ok", "Glossary.md (`.md` written)"),
    ("Home.md", "[the heap note](Compost%20Basics.md)"): ("ok", "Compost Basics.md"),
    ("Home.md", "[the spiral](<Herb Spiral.md>)"): ("ok", "Herb Spiral.md"),
    ("Home.md", "[turning a heap](Compost%20Basics.md#Turning%20the%20heap)"): ("ok", "Compost Basics.md#Turning the heap"),
    ("Home.md", "[[Seed Saving]]"): ("problem", "not-created"),
    ("Home.md", "![[Tomato Growing#What's next?]]"): ("ok", "Tomato Growing.md#What's next? (embed of a section)"),
    # Tomato Growing.md
    ("Tomato Growing.md", "[[#Sowing]]"): ("ok", "Tomato Growing.md#Sowing (same note)"),
    ("Tomato Growing.md", "[[#What's next?|what comes after]]"): ("ok", "Tomato Growing.md#What's next? (same note)"),
    ("Tomato Growing.md", "![[seedlings.png|300]]"): ("ok", "attachments/seedlings.png (width 300)"),
    ("Tomato Growing.md", "[[seedlings.png]]"): ("ok", "attachments/seedlings.png (link to an attachment)"),
    ("Tomato Growing.md", "![Seedlings on the sill](attachments/seedlings.png)"): ("ok", "attachments/seedlings.png (Markdown image)"),
    ("Tomato Growing.md", "[[#^spacing]]"): ("ok", "Tomato Growing.md#^spacing (same note, list item)"),
    ("Tomato Growing.md", "[[Seasonal Calendar#^calendar-table|calendar table]]"): ("ok", "Seasonal Calendar.md#^calendar-table (the table)"),
    ("Tomato Growing.md", "[[Watering Schedule]]"): ("ok", "Watering Schedule.md"),
    ("Tomato Growing.md", "[[Field Guide#Ladybirds]]"): ("ok", "Reference/Insects/Field Guide.md#Ladybirds"),
    ("Tomato Growing.md", "![[side-shoots.mp4]]"): ("problem", "missing-asset"),
    ("Tomato Growing.md", "[[Greenhouse Tour]]"): ("problem", "not-created"),
    ("Tomato Growing.md", "[[Tomato Sauce|sauce]]"): ("ok", "Kitchen/Tomato Sauce.md"),
    # Compost Basics.md
    ("Compost Basics.md", "[[Herb Spiral]]"): ("ok", "Herb Spiral.md"),
    ("Compost Basics.md", "[[Field Guide|bug guide]]"): ("ok", "Reference/Insects/Field Guide.md"),
    ("Compost Basics.md", "[[Seasonal Calendar]]"): ("ok", "Seasonal Calendar.md (in footnote [^1])"),
    # Herb Spiral.md
    ("Herb Spiral.md", "![[herb-spiral.png]]"): ("ok", "attachments/herb-spiral.png"),
    ("Herb Spiral.md", "[[Compost Basics]]"): ("ok", "Compost Basics.md (in a callout title)"),
    ("Herb Spiral.md", "[[Compost Basics#Cold heap|top up]]"): ("ok", "Compost Basics.md#Cold heap (callout line 3, in a list)"),
    ("Herb Spiral.md", "[[Compost Basics#Worm bins]]"): ("problem", "missing-heading"),
    ("Herb Spiral.md", "![[Compost Basics#^ratio]]"): ("ok", "Compost Basics.md#^ratio (paragraph)"),
    # Watering Schedule.md
    ("Watering Schedule.md", "![[timer-button.svg]]"): ("ok", "attachments/timer-button.svg (inline icon)"),
    ("Watering Schedule.md", "![[drip-kit-manual.pdf]]"): ("ok", "attachments/drip-kit-manual.pdf"),
    ("Watering Schedule.md", "![[drip-kit-manual.pdf#page=3]]"): ("ok", "attachments/drip-kit-manual.pdf (page 3)"),
    ("Watering Schedule.md", "[[Drip Irrigation]]"): ("problem", "not-created"),
    ("Watering Schedule.md", "![[Rain Barrel]]"): ("ok", "Rain Barrel.md (embed cycle with Rain Barrel)"),
    # Rain Barrel.md
    ("Rain Barrel.md", "![[frog-chorus.mp3]]"): ("problem", "missing-asset"),
    ("Rain Barrel.md", "![[Watering Schedule]]"): ("ok", "Watering Schedule.md (embed cycle with Watering Schedule)"),
    # Seasonal Calendar.md
    ("Seasonal Calendar.md", "[[Tomato Growing\\|tomatoes]]"): ("ok", "Tomato Growing.md (table cell)"),
    ("Seasonal Calendar.md", "[[Herb Spiral\\|spiral herbs]]"): ("ok", "Herb Spiral.md (table cell)"),
    ("Seasonal Calendar.md", "[[Mulch Guide\\|fresh mulch]]"): ("problem", "not-created"),
    ("Seasonal Calendar.md", "[[Tomato Sauce]]"): ("ok", "Kitchen/Tomato Sauce.md (table cell)"),
    ("Seasonal Calendar.md", "[[Tomato Growing#^last-frost]]"): ("problem", "missing-block"),
    ("Seasonal Calendar.md", "![[frost-map.png]]"): ("problem", "missing-asset"),
    ("Seasonal Calendar.md", "[[Tomato Growing#what's NEXT]]"): ("ok", "Tomato Growing.md#What's next? (case and punctuation differ)"),
    ("Seasonal Calendar.md", "![[Pantry List]]"): ("ok", "Kitchen/Pantry List.md (embed chain: it embeds Glossary#Blanching)"),
    # Kitchen/Tomato Sauce.md
    ("Kitchen/Tomato Sauce.md", "[[Tomato Growing]]"): ("ok", "Tomato Growing.md (front matter `parent`)"),
    ("Kitchen/Tomato Sauce.md", "[[Kitchen/Pantry List]]"): ("ok", "Kitchen/Pantry List.md (front matter `related` list)"),
    ("Kitchen/Tomato Sauce.md", "[[Preserving]]"): ("problem", "not-created"),
    ("Kitchen/Tomato Sauce.md", "[[../Tomato Growing]]"): ("ok", "Tomato Growing.md (relative `../`)"),
    ("Kitchen/Tomato Sauce.md", "[[./Pantry List]]"): ("ok", "Kitchen/Pantry List.md (relative `./`)"),
    ("Kitchen/Tomato Sauce.md", "[[Herb Spiral]]"): ("ok", "Herb Spiral.md (list item)"),
    ("Kitchen/Tomato Sauce.md", "[[Glossary#Blanching|blanch]]"): ("ok", "Glossary.md#Blanching (in a callout)"),
    ("Kitchen/Tomato Sauce.md", "[[Glossary#^spoon-rule]]"): ("ok", "Glossary.md#^spoon-rule (in a quote; id after a quote)"),
    # Kitchen/Pantry List.md
    ("Kitchen/Pantry List.md", "![[Glossary#Blanching]]"): ("ok", "Glossary.md#Blanching (embed of a section)"),
    ("Kitchen/Pantry List.md", "[[Glossary#^brine]]"): ("problem", "missing-block"),
    # Glossary.md
    ("Glossary.md", "[[Tomato Growing#Transplanting]]"): ("ok", "Tomato Growing.md#Transplanting"),
    ("Glossary.md", "[[love apples]]"): ("ok", "Tomato Growing.md (alias, list `aliases:`)"),
    ("Glossary.md", "![[Glossary]]"): ("ok", "Glossary.md (the note embeds itself)"),
    # Projects/Plan.md
    ("Projects/Plan.md", "[[Archive/Plan|last year's plan]]"): ("ok", "Archive/Plan.md"),
    ("Projects/Plan.md", "![[bed-layout.svg|200x100]]"): ("ok", "attachments/bed-layout.svg (200x100)"),
    ("Projects/Plan.md", "[the supplier list](Suppliers.md)"): ("problem", "not-created"),
    ("Projects/Plan.md", "[[drip-kit-manual.pdf]]"): ("ok", "attachments/drip-kit-manual.pdf (link to an attachment)"),
    ("Projects/Plan.md", "![[Field Guide|bug guide]]"): ("ok", "Reference/Insects/Field Guide.md (embed with a label)"),
    # Archive/Plan.md
    ("Archive/Plan.md", "[[Projects/Plan]]"): ("ok", "Projects/Plan.md"),
    ("Archive/Plan.md", "[[Compost Basics#Turning the heap]]"): ("ok", "Compost Basics.md#Turning the heap"),
    ("Archive/Plan.md", "![[Harvest Log]]"): ("problem", "not-created"),
    # Reference/Insects/Field Guide.md
    ("Reference/Insects/Field Guide.md", "[[Tomato Growing#Pests#Aphids]]"): ("ok", "Tomato Growing.md#Pests#Aphids (nested headings)"),
    ("Reference/Insects/Field Guide.md", "[[Tomato Growing#Watering#Aphids]]"): ("problem", "missing-heading"),
}

WHERE = {  # why the planted problem is there, for the manifest
    ("Home.md", "[[Seed Saving]]"): "paragraph; em-dashes earlier on the line (columns are characters, not bytes)",
    ("Tomato Growing.md", "[[Greenhouse Tour]]"): "task list item",
    ("Tomato Growing.md", "![[side-shoots.mp4]]"): "video embed, file absent (warning)",
    ("Herb Spiral.md", "[[Compost Basics#Worm bins]]"): "note exists, heading does not",
    ("Watering Schedule.md", "[[Drip Irrigation]]"): "3rd line of a `[!warning]` callout",
    ("Rain Barrel.md", "![[frog-chorus.mp3]]"): "audio embed, file absent (warning)",
    ("Seasonal Calendar.md", "[[Mulch Guide\\|fresh mulch]]"): "table cell, `\\|` label",
    ("Seasonal Calendar.md", "[[Tomato Growing#^last-frost]]"): "note exists, block id does not",
    ("Seasonal Calendar.md", "![[frost-map.png]]"): "image embed, file absent (warning)",
    ("Kitchen/Tomato Sauce.md", "[[Preserving]]"): "front matter `related:` list item",
    ("Kitchen/Pantry List.md", "[[Glossary#^brine]]"): "footnote `[^seals]`",
    ("Projects/Plan.md", "[the supplier list](Suppliers.md)"): "Markdown link; resolves to Projects/Suppliers.md, absent",
    ("Archive/Plan.md", "![[Harvest Log]]"): "embed of a note that does not exist",
    ("Reference/Insects/Field Guide.md", "[[Tomato Growing#Watering#Aphids]]"): "both headings exist, but Aphids is not under Watering",
}

NOTE_EXT = ".md"


def notes_and_files():
    notes, files = [], []
    for dirpath, dirnames, filenames in os.walk(VAULT):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, f), VAULT).replace(os.sep, "/")
            (notes if f.endswith(NOTE_EXT) else files).append(rel)
    return notes, files


def front_matter(lines):
    """Returns (end index of the closing ---, or 0), and a dict of lower-cased keys -> list of values."""
    if not lines or lines[0].rstrip() != "---":
        return 0, {}
    props, key = {}, None
    for i in range(1, len(lines)):
        line = lines[i].rstrip("\n")
        if line.rstrip() == "---":
            return i + 1, props
        m = re.match(r"^([A-Za-z_][\w-]*):\s*(.*)$", line)
        if m:
            key = m.group(1).lower()
            value = m.group(2).strip()
            props[key] = []
            if value.startswith("[") and not value.startswith("[["):
                props[key] = [v.strip().strip('"') for v in value[1:-1].split(",") if v.strip()]
            elif value:
                props[key] = [value.strip('"')]
        elif key and re.match(r"^\s+-\s+", line):
            props[key].append(re.sub(r"^\s+-\s+", "", line).strip().strip('"'))
    return 0, {}


def mask(s, start, end):
    return s[:start] + " " * (end - start) + s[end:]


def strip_quote_prefix(line):
    m = re.match(r"^(\s{0,3}>\s?)*", line)
    return line[m.end():]


LINK_RE = re.compile(r"!?\[\[((?:[^\]\\]|\\.)+?)\]\]|!?\[([^\]\[]*)\]\((<[^>]*>|[^)\s]+)\)")


def scan(rel):
    with open(os.path.join(VAULT, rel), encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    fm_end, props = front_matter(lines)
    found = []
    in_fence = None
    in_comment = False
    for idx, line in enumerate(lines):
        lineno = idx + 1
        text = line
        if idx < fm_end:
            if 0 < idx < fm_end - 1:
                for m in re.finditer(r"\[\[([^\]]+)\]\]", text):
                    found.append((lineno, m.start() + 1, m.group(0), "property"))
            continue
        inner = strip_quote_prefix(text)
        fence = re.match(r"^\s{0,3}(`{3,}|~{3,})", inner)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0] and len(fence.group(1)) >= len(in_fence):
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        if in_comment:
            if "%%" in text:
                in_comment = False
                text = mask(text, 0, text.index("%%") + 2)
            else:
                continue
        # inline code spans
        for m in list(re.finditer(r"(`+)(.+?)\1", text)):
            text = mask(text, m.start(), m.end())
        # inline comments, and the start of a block comment
        while "%%" in text:
            a = text.index("%%")
            b = text.find("%%", a + 2)
            if b < 0:
                in_comment = True
                text = mask(text, a, len(text))
                break
            text = mask(text, a, b + 2)
        for m in LINK_RE.finditer(text):
            raw = m.group(0)
            if m.group(3) is not None and re.match(r"^<?[a-z]+:", m.group(3)):
                found.append((lineno, m.start() + 1, raw, "external"))
                continue
            found.append((lineno, m.start() + 1, raw, "body"))
        for m in re.finditer(r"(?<![(<\w])https?://[^\s)>]+", text):
            found.append((lineno, m.start() + 1, m.group(0), "external"))
    return lines, props, found


def norm_heading(s):
    return re.sub(r"[^0-9a-z]+", "", s.lower())


def outline(lines):
    """Headings (level, text) and block ids of a note, outside code fences."""
    heads, blocks, in_fence = [], set(), None
    for line in lines:
        inner = strip_quote_prefix(line)
        fence = re.match(r"^\s{0,3}(`{3,}|~{3,})", inner)
        if in_fence:
            if fence and fence.group(1)[0] == in_fence[0]:
                in_fence = None
            continue
        if fence:
            in_fence = fence.group(1)
            continue
        h = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if h:
            heads.append((len(h.group(1)), h.group(2)))
        b = re.search(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$", line)
        if b:
            blocks.add(b.group(1))
    return heads, blocks


def heading_path_exists(heads, parts):
    """parts[0..n]: each must be a heading nested under the previous one."""
    want = [norm_heading(p) for p in parts]

    def search(start, depth, parent_level):
        for i in range(start, len(heads)):
            level, text = heads[i]
            if parent_level is not None and level <= parent_level:
                return False
            if norm_heading(text) == want[depth]:
                if depth == len(want) - 1 or search(i + 1, depth + 1, level):
                    return True
        return False

    return search(0, 0, None)


class Resolver:
    def __init__(self, notes, files):
        self.notes, self.files = notes, files
        self.info = {}
        self.alias = {}
        for n in notes:
            with open(os.path.join(VAULT, n), encoding="utf-8") as fh:
                lines = fh.read().split("\n")
            _, props = front_matter(lines)
            self.info[n] = outline(lines)
            for a in props.get("aliases", []):
                self.alias.setdefault(a.lower(), []).append(n)

    def note(self, source, target):
        if target == "":
            return source
        t = target[:-3] if target.lower().endswith(".md") else target
        if t.startswith("./") or t.startswith("../"):
            p = os.path.normpath(os.path.join(os.path.dirname(source), t)).replace(os.sep, "/")
            return p + ".md" if p + ".md" in self.notes else None
        exact = [n for n in self.notes if n[:-3].lower() == t.lower()]
        if exact:
            return exact[0]
        by_name = [n for n in self.notes if n[:-3].lower().endswith("/" + t.lower()) or n[:-3].lower() == t.lower()]
        if len(by_name) == 1:
            return by_name[0]
        if len(by_name) > 1:
            raise SystemExit(f"ambiguous link {target!r} in {source}: {by_name}")
        al = self.alias.get(t.lower(), [])
        return al[0] if len(al) == 1 else None

    def asset(self, source, target, markdown):
        if markdown:
            p = os.path.normpath(os.path.join(os.path.dirname(source), target)).replace(os.sep, "/")
            return p if p in self.files else None
        hits = [f for f in self.files if f == target or f.endswith("/" + target)]
        return hits[0] if hits else None

    def resolve(self, source, raw):
        """Returns ('ok', target) or ('problem', kind)."""
        markdown = not raw.lstrip("!").startswith("[[")
        if markdown:
            dest = re.match(r"^!?\[[^\]]*\]\((.*)\)$", raw).group(1)
            if dest.startswith("<"):
                dest = dest[1:-1]
            else:
                dest = urllib.parse.unquote(dest)
            path, _, frag = dest.partition("#")
            if not path.endswith(".md"):
                return ("ok", self.asset(source, path, True)) if self.asset(source, path, True) else ("problem", "missing-asset")
            full = os.path.normpath(os.path.join(os.path.dirname(source), path)).replace(os.sep, "/")
            if full not in self.notes:
                # In a vault a Markdown link to a note nobody wrote is, as a wikilink, a note not created yet.
                return ("problem", "not-created")
            note, subs = full, [frag] if frag else []
        else:
            inner = raw.lstrip("!")[2:-2]
            inner = re.split(r"\\?\|", inner, maxsplit=1)[0]
            path, *subs = inner.split("#")
            ext = os.path.splitext(path)[1].lower()
            if ext and ext != ".md":
                hit = self.asset(source, path, False)
                return ("ok", hit) if hit else ("problem", "missing-asset")
            note = self.note(source, path)
            if note is None:
                return ("problem", "not-created")
        heads, blocks = self.info[note]
        if subs and subs[0].startswith("^"):
            return ("ok", note) if subs[0][1:] in blocks else ("problem", "missing-block")
        if subs and not heading_path_exists(heads, subs):
            return ("problem", "missing-heading")
        return ("ok", note)


def md_escape(s):
    return s.replace("|", "\\|")


def main():
    notes, files = notes_and_files()
    resolver = Resolver(notes, files)
    rows, externals, errors = [], [], []
    seen = set()
    for rel in notes:
        _, _, found = scan(rel)
        for lineno, col, raw, where in found:
            if where == "external":
                externals.append((rel, lineno, col, raw))
                continue
            key = (rel, raw)
            if key in seen:
                errors.append(f"{rel}: {raw} occurs more than once; make the key unique")
            seen.add(key)
            exp = EXPECTED.get(key)
            got = resolver.resolve(rel, raw)
            if exp is None:
                errors.append(f"{rel}:{lineno}:{col} {raw} not in EXPECTED (resolver says {got})")
                continue
            if exp[0] != got[0] or (exp[0] == "problem" and exp[1] != got[1]) or (
                exp[0] == "ok" and not exp[1].startswith(got[1])
            ):
                errors.append(f"{rel}:{lineno}:{col} {raw}: expected {exp}, resolver says {got}")
            rows.append((rel, lineno, col, raw, where, exp))
    for key in EXPECTED:
        if key not in seen:
            errors.append(f"expected link not found: {key}")
    if errors:
        print("\n".join(errors), file=sys.stderr)
        sys.exit(1)

    def target_of(raw):
        if raw.lstrip("!").startswith("[["):
            return re.split(r"\\?\|", raw.lstrip("!")[2:-2], maxsplit=1)[0]
        dest = re.match(r"^!?\[[^\]]*\]\((.*)\)$", raw).group(1)
        return dest

    problems = [r for r in rows if r[5][0] == "problem"]
    oks = [r for r in rows if r[5][0] == "ok"]
    out = []
    out.append("# Obsidian fixture vault: expected links\n")
    out.append("Generated by `python3 Scripts/obsidian-vault-manifest.py` from `Tests/Fixtures/obsidian-vault/`;")
    out.append("every row was also checked by hand. Lines and columns are 1-based; columns count Unicode")
    out.append("characters (not bytes) and point at the link's first character: the `[` of `[[`, the `!`")
    out.append("of `![[`, the `[` of `[text](...)`; for a front-matter property, the `[` of the `[[`")
    out.append("inside the YAML value. Lines are counted from the top of the file, front matter included.")
    out.append("")
    out.append(f"## Planted problems ({len(problems)})\n")
    out.append("`scribbles check` on the vault should list exactly these. `missing-asset` rows are warnings,")
    out.append("`not-created` rows infos (notes not written yet: `--strict` counts them), the others errors.\n")
    out.append("| # | File | Line | Col | Target as written | Link as written | Kind | Where |")
    out.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for i, (rel, lineno, col, raw, where, exp) in enumerate(problems, 1):
        out.append(
            f"| {i} | `{rel}` | {lineno} | {col} | `{md_escape(target_of(raw))}` | `{md_escape(raw)}` | {exp[1]} | {md_escape(WHERE.get((rel, raw), ''))} |"
        )
    out.append("")
    out.append(f"## Links that resolve ({len(oks)})\n")
    out.append("`file:line:col link → resolves to`. Note links resolve by path, then by file name")
    out.append("(shortest path), then by alias; attachments by file name anywhere in the vault;")
    out.append("Markdown links relative to the note's folder, percent-decoded. Headings match ignoring")
    out.append("case and punctuation; `A#B` needs heading B nested under heading A.\n")
    for rel, lineno, col, raw, where, exp in oks:
        out.append(f"- `{rel}:{lineno}:{col}` `{raw}` → {exp[1]}")
    out.append("")
    out.append(f"## Not vault links ({len(externals)} external URLs, not checked)\n")
    for rel, lineno, col, raw in externals:
        out.append(f"- `{rel}:{lineno}:{col}` `{raw}`")
    out.append("")
    out.append("## Must stay literal (never reported, never resolved)\n")
    out.append("- `Home.md`: the fenced ```` ```markdown ```` block holds `> [!note] Summary`, `[[Related note]]`")
    out.append("  and `![[photo-name.png]]`; the inline code `` `[[` `` on the line before it.")
    out.append("- `Tomato Growing.md`: `#8b4513` in inline code and `#blight` in a URL are not tags.")
    out.append("- `Watering Schedule.md`: `#123` is not a tag.")
    out.append("- `Seasonal Calendar.md`: `$5 and $10` is not math.")
    out.append("- `Herb Spiral.md`: the ```` ```text ```` block inside the `[!hint]` callout.")
    out.append("")
    out.append("## Titles\n")
    out.append("| Note | Title | From |")
    out.append("| --- | --- | --- |")
    for rel in notes:
        with open(os.path.join(VAULT, rel), encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        fm_end, props = front_matter(lines)
        h1 = next((l[2:].strip() for l in lines[fm_end:] if l.startswith("# ")), None)
        if props.get("title"):
            title, source = props["title"][0], "front matter `title:`"
        elif h1:
            title, source = h1, "H1"
        else:
            title, source = os.path.basename(rel)[:-3], "file name (no H1)"
        out.append(f"| `{rel}` | {title} | {source} |")
    out.append("")
    out.append("## Embeds of notes\n")
    out.append("- Chain: `Seasonal Calendar` embeds `Pantry List`, which embeds `Glossary#Blanching`.")
    out.append("- Cycle: `Watering Schedule` embeds `Rain Barrel`, which embeds `Watering Schedule`.")
    out.append("- Self: `Glossary` embeds `Glossary` (under its last heading, `Printable copy`).")
    out.append("- Sections and blocks: `Home` embeds `Tomato Growing#What's next?` (which holds")
    out.append("  `[[Greenhouse Tour]]` and `![[side-shoots.mp4]]`: reported once, in `Tomato Growing.md`,")
    out.append("  not again where embedded); `Herb Spiral` embeds `Compost Basics#^ratio`; `Projects/Plan`")
    out.append("  embeds `Field Guide` with the label `bug guide` (its broken link is reported in")
    out.append("  `Field Guide.md` only).")
    out.append("")
    out.append("## Block ids\n")
    out.append("- End of a paragraph: `Compost Basics#^ratio`, `Tomato Growing#^sowing-depth`.")
    out.append("- End of a list item: `Tomato Growing#^spacing`.")
    out.append("- Own line after a table: `Seasonal Calendar#^calendar-table`.")
    out.append("- Own line after a quote: `Glossary#^spoon-rule`.")
    out.append("")
    out.append("Table cells write a wikilink's `|` as `\\|` (`[[Mulch Guide\\|fresh mulch]]` in the file);")
    out.append("in the tables above, `|` inside code is escaped again for Markdown.")
    out.append("")
    out.append("## Attachments\n")
    out.append("Present: " + ", ".join(f"`{f}`" for f in files if not f.startswith(".")) + ".")
    out.append("Absent on purpose: `frost-map.png`, `frog-chorus.mp3`, `side-shoots.mp4`.")
    out.append("")
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))
    print(f"{len(problems)} problems, {len(oks)} resolving links, {len(externals)} external -> {OUT}")


if __name__ == "__main__":
    main()
