"""Pure functions: the demo content's table of contents and body markup to Wagtail data.

The markup is described in content/README.md. Nothing here touches the database: links are resolved through
callables passed in by the loader.
"""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.html import escape

LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
BOLD = re.compile(r"\*\*(.+?)\*\*")
ITALIC = re.compile(r"(?<![\*\w])\*(?!\s)(.+?)(?<!\s)\*(?![\*\w])")
CHAPTER_TITLE = re.compile(r"^\d+ ")


class MarkupError(ValueError):
    pass


@dataclass
class TocEntry:
    key: str
    title: str
    depth: int
    parent: "TocEntry | None" = None
    children: list["TocEntry"] = field(default_factory=list)

    @property
    def is_chapter(self) -> bool:
        return self.depth == 0 and bool(CHAPTER_TITLE.match(self.title))

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def parse_toc(text: str) -> list[TocEntry]:
    """Top-level entries of an indented `- key | Title` outline, with children attached."""
    roots: list[TocEntry] = []
    stack: list[TocEntry] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if indent % 2 or not body.startswith("- ") or " | " not in body:
            raise MarkupError(f"toc line {number}: expected '- key | Title' indented by two spaces a level")
        key, title = (part.strip() for part in body[2:].split(" | ", 1))
        depth = indent // 2
        if depth > len(stack):
            raise MarkupError(f"toc line {number}: indented more than one level below its parent")
        del stack[depth:]
        entry = TocEntry(key=key, title=title, depth=depth, parent=stack[-1] if stack else None)
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    keys = [entry.key for root in roots for entry in root.walk()]
    duplicates = {key for key in keys if keys.count(key) > 1}
    if duplicates:
        raise MarkupError(f"toc keys must be unique: {sorted(duplicates)}")
    return roots


LinkResolver = Callable[[str, str], tuple[str, str]]
"""(scheme, key) -> (linktype, id) for page: and term: links."""


def inline_html(text: str, resolve: LinkResolver) -> str:
    """Inline markup to Wagtail's rich text database HTML."""
    parts = []
    position = 0
    for match in LINK.finditer(text):
        parts.append(_emphasis(escape(text[position : match.start()])))
        label, target = match.group(1), match.group(2)
        scheme, _, key = target.partition(":")
        if scheme in ("page", "term"):
            linktype, target_id = resolve(scheme, key)
            parts.append(f'<a linktype="{linktype}" id="{target_id}">{_emphasis(escape(label))}</a>')
        elif target.startswith("https://"):
            parts.append(f'<a href="{escape(target)}">{_emphasis(escape(label))}</a>')
        else:
            raise MarkupError(f"unknown link target {target!r}")
        position = match.end()
    parts.append(_emphasis(escape(text[position:])))
    return "".join(parts)


def plain_text(text: str) -> str:
    """Inline markup reduced to its text, for plain-text fields such as quotations."""
    text = LINK.sub(lambda match: match.group(1), text)
    return ITALIC.sub(r"\1", BOLD.sub(r"\1", text))


def _emphasis(html: str) -> str:
    return ITALIC.sub(r"<i>\1</i>", BOLD.sub(r"<b>\1</b>", html))


def body_blocks(markup: str, resolve: LinkResolver, block_ids: list[str] | None = None) -> list[dict]:
    """Body markup to StreamField raw data. `block_ids` reuses the ids of another version's blocks, so a
    translation's segments line up with its source's."""
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", markup.strip()) if chunk.strip()]
    if block_ids is not None and len(block_ids) != len(chunks):
        raise MarkupError(f"has {len(chunks)} blocks where the source has {len(block_ids)}")
    blocks = []
    for index, chunk in enumerate(chunks):
        block = _block(chunk, resolve)
        block["id"] = block_ids[index] if block_ids is not None else str(uuid.uuid4())
        blocks.append(block)
    return blocks


def _block(chunk: str, resolve: LinkResolver) -> dict:
    lines = [line.strip() for line in chunk.splitlines()]
    first = lines[0]
    joined = " ".join(lines)
    if first.startswith("## "):
        return {"type": "heading", "value": {"text": plain_text(joined[3:].strip()), "level": "h2"}}
    for kind in ("note", "warning"):
        if first.startswith(f"!{kind} "):
            text = joined[len(kind) + 2 :].strip()
            return {
                "type": "callout",
                "value": {"kind": kind, "text": f"<p>{inline_html(text, resolve)}</p>"},
            }
    if first.startswith("> "):
        text = " ".join(line.removeprefix(">").strip() for line in lines)
        return {"type": "quote", "value": {"text": plain_text(text), "attribution": ""}}
    if first.startswith("- "):
        if not all(line.startswith("- ") for line in lines):
            raise MarkupError(f"a list block has a line that is not an item: {chunk[:60]!r}")
        items = "".join(f"<li>{inline_html(line[2:].strip(), resolve)}</li>" for line in lines)
        return {"type": "paragraph", "value": f"<ul>{items}</ul>"}
    if first.startswith("|"):
        rows = [[plain_text(cell.strip()) for cell in line.strip().strip("|").split("|")] for line in lines]
        if len({len(row) for row in rows}) != 1:
            raise MarkupError(f"table rows have different numbers of cells: {chunk[:60]!r}")
        return {
            "type": "table",
            "value": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": "",
            },
        }
    return {"type": "paragraph", "value": f"<p>{inline_html(joined, resolve)}</p>"}
