"""Governance documents: the version in force, earlier versions, and the difference between two versions."""

import difflib
import html
import re

from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from frontends.presenters.languages import name_in_sentence
from frontends.presenters.page import has_glossary_tips, present_body
from frontends.presenters.site import glossary_href

# URL slug of each document and its kind in the API.
KINDS = {"code-of-conduct": "CODE_OF_CONDUCT", "privacy-policy": "PRIVACY_POLICY"}

TAG = re.compile(r"<[^>]+>")
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)
WORDS = re.compile(r"\s+|[^\s]+")


def document_url(lang: str, urls, slug: str, *parts: str) -> str:
    return urls.page(lang, "/".join(["", slug, *parts, ""]))


def present_version(version: dict, lang: str, urls, languages) -> dict:
    blocks, outline = present_body(
        version["body"], lambda path: urls.page(lang, path), term_href=glossary_href(lang, urls)
    )
    return {
        **version,
        "servedLocale": version["locale"],
        "effective": parse_date(version["effectiveDate"]),
        "blocks": blocks,
        "outline": outline,
        "glossary_tips": has_glossary_tips(blocks),
        "language": name_in_sentence(version["locale"], languages) if version["isFallback"] else "",
        "reader_language": name_in_sentence(lang, languages),
    }


def version_list(versions: list[dict], lang: str, urls, slug: str, shown: str, languages) -> list[dict]:
    """Every version so far, newest first, each with its address and a comparison with the one shown."""
    items = []
    for version in versions:
        label = version["label"]
        parts = () if version["isCurrent"] else (label,)
        items.append(
            {
                **version,
                "effective": parse_date(version["effectiveDate"]),
                "href": document_url(lang, urls, slug, *parts),
                "shown": label == shown,
                "compare_href": None
                if label == shown
                else document_url(lang, urls, slug, "compare", *sorted_labels(versions, label, shown)),
                "language": name_in_sentence(version["locale"], languages) if version["isFallback"] else "",
            }
        )
    return items


def sorted_labels(versions: list[dict], first: str, second: str) -> tuple[str, str]:
    """The two labels, older first (versions come newest first)."""
    order = [version["label"] for version in versions]
    if first in order and second in order and order.index(first) < order.index(second):
        return second, first
    return first, second


def paragraphs(body: list[dict]) -> list[str]:
    """The text of a body, one string per paragraph (headings, paragraphs, list items, quotes, table rows)."""
    found = []
    for block in body:
        kind = block["__typename"]
        if kind == "HeadingBlock":
            found.append(block["text"])
        elif "html" in block:
            for part in BLOCK_END.split(block["html"]):
                text = " ".join(html.unescape(TAG.sub(" ", part)).split())
                if text:
                    found.append(text)
        elif kind == "QuoteBlock":
            found.append(" ".join(filter(None, [block["text"], block.get("attribution")])))
        elif kind == "TableBlock":
            for row in [block.get("header") or [], *(block.get("rows") or [])]:
                if any(row):
                    found.append(" | ".join(row))
        elif kind == "ImageBlock" and (block.get("caption") or block.get("altText")):
            found.append(block.get("caption") or block["altText"])
    return found


def _mark(tag: str, text: str, label_attrs: str = "", text_attrs: str = "") -> str:
    """<ins>/<del> with a hidden word saying which, for screen readers (which mostly do not announce them).

    The hidden word is in the reader's language (`label_attrs` marks it so when the text is in another) and the
    text in its version's (`text_attrs`, for deleted text of an older version in another language)."""
    label = gettext("inserted:") if tag == "ins" else gettext("deleted:")
    hidden = '<span class="visually-hidden"' + label_attrs + ">{}</span>"
    return f"<{tag}{text_attrs}>{hidden.format(f'[{label} ')}{html.escape(text)}{hidden.format(']')}</{tag}>"


def diff_words(old: str, new: str, label_attrs: str = "", old_attrs: str = "") -> str:
    """One changed paragraph: its words, with deleted ones in <del> and inserted ones in <ins>."""
    before, after = WORDS.findall(old), WORDS.findall(new)
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            out.append(_mark("del", "".join(before[i1:i2]), label_attrs, old_attrs))
        if j2 > j1:
            out.append(_mark("ins", "".join(after[j1:j2]), label_attrs))
    return "".join(out)


def compare(old_body: list[dict], new_body: list[dict], label_attrs: str = "", old_attrs: str = "") -> list[dict]:
    """The two bodies paragraph by paragraph: unchanged, changed (word by word), deleted or inserted.

    The comparison is in the newer version's language. `label_attrs` (` lang=… dir=…` of the reader's language, when
    it is another) marks the words added for screen readers; `old_attrs` marks text of the older version when it is
    in yet another language."""
    old, new = paragraphs(old_body), paragraphs(new_body)

    def mark(tag: str, text: str) -> str:
        return _mark(tag, text, label_attrs, old_attrs if tag == "del" else "")

    rows = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [{"kind": "same", "html": html.escape(text)} for text in old[i1:i2]]
        elif op == "replace":
            pairs = min(i2 - i1, j2 - j1)
            for offset in range(pairs):
                changed = diff_words(old[i1 + offset], new[j1 + offset], label_attrs, old_attrs)
                rows.append({"kind": "changed", "html": changed})
            rows += [{"kind": "deleted", "html": mark("del", text)} for text in old[i1 + pairs : i2]]
            rows += [{"kind": "inserted", "html": mark("ins", text)} for text in new[j1 + pairs : j2]]
        elif op == "delete":
            rows += [{"kind": "deleted", "html": mark("del", text)} for text in old[i1:i2]]
        else:
            rows += [{"kind": "inserted", "html": mark("ins", text)} for text in new[j1:j2]]
    return [{**row, "html": mark_safe(row["html"])} for row in rows]  # noqa: S308 (every text is escaped above)
