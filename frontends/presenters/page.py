"""A handbook page: body blocks, outline, notices about its language, links and its link diagram."""

import itertools
from urllib.parse import urljoin

from django.utils.dateparse import parse_datetime
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from frontends.diagram import link_diagram
from frontends.presenters.languages import alternates, name_in_sentence, source_language, switcher
from frontends.presenters.site import glossary_href, site_frame
from frontends.richtext import link_glossary, link_pages

BLOCK_TEMPLATES = {
    "HeadingBlock": "frontends/blocks/heading.html",
    "ParagraphBlock": "frontends/blocks/paragraph.html",
    "QuoteBlock": "frontends/blocks/quote.html",
    "CalloutBlock": "frontends/blocks/callout.html",
    "ImageBlock": "frontends/blocks/image.html",
    "TableBlock": "frontends/blocks/table.html",
    "NextcloudFileBlock": "frontends/blocks/nextcloud_file.html",
}
# Ids the page's frame uses; headings get others.
RESERVED_IDS = {"main", "site-nav-title", "languages-title", "outline-title", "children-title", "links-here-title"}


def heading_id(text: str, taken: set[str]) -> str:
    base = slugify(text, allow_unicode=True) or "section"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def present_body(body: list[dict], href, asset_base: str = "", term_href=None) -> tuple[list[dict], list[dict]]:
    """The blocks ready for their templates, and the outline of the page's headings.

    `term_href(slug)` is the address of a glossary term's entry; glossary links then get their tooltip."""
    blocks, outline, taken = [], [], set(RESERVED_IDS)
    tip_ids = itertools.count(1)
    for block in body:
        template = BLOCK_TEMPLATES.get(block["__typename"])
        if template is None:
            continue  # a block type this front end does not know yet
        block = {**block, "template": template}
        if block["__typename"] == "HeadingBlock":
            block["anchor"] = heading_id(block["text"], taken)
            outline.append({"id": block["anchor"], "text": block["text"], "level": block["level"]})
        if block.get("file") and block["file"].get("modified"):
            block["file"] = {**block["file"], "modified": parse_datetime(block["file"]["modified"])}
        if block.get("url"):
            block["url"] = urljoin(asset_base + "/", block["url"]) if asset_base else block["url"]
        if "html" in block:
            # The API's rich text is sanitised by the CMS; only page links are rewritten for this site.
            markup = link_pages(block["html"], href)
            if term_href is not None:
                markup = link_glossary(markup, term_href, tip_ids)
            block["html"] = mark_safe(markup)  # noqa: S308
        blocks.append(block)
    return blocks, outline


def has_glossary_tips(blocks: list[dict]) -> bool:
    """Whether a glossary definition opens in these blocks: the page then loads the script that lets Escape close it."""
    return any('class="glossary-tip"' in (block.get("html") or "") for block in blocks)


def notices(page: dict, lang: str, languages, urls) -> list[dict]:
    """What the reader should know about the language of what they read."""
    found = []
    if page["isFallback"]:
        found.append(
            {
                "kind": "fallback",
                "language": name_in_sentence(lang, languages),
                "original": name_in_sentence(page["servedLocale"], languages),
            }
        )
    if page["freshness"]["isOutdated"]:
        source = source_language(languages)
        version = next((v for v in page["translations"] if v["locale"] == source and v["path"]), None)
        found.append(
            {
                "kind": "outdated",
                "original": name_in_sentence(source, languages),
                "source": source,
                "href": urls.page(source, version["path"]) if version else None,
            }
        )
    return found


def provenance(data: dict | None) -> dict | None:
    """Where a page mirrored from a partner co-op comes from."""
    if data is None:
        return None
    return {**data, "synced": parse_datetime(data["lastSyncedAt"])}


def page_context(data: dict, lang: str, urls, asset_base: str = "") -> dict:
    page = data.get("page")
    context = site_frame(data, lang, urls, page["path"] if page else None)
    if page is None:
        return context

    def href(path: str) -> str:
        return urls.page(lang, path)

    def links(items):
        return [{**item, "href": href(item["path"])} for item in items or []]

    languages = context["languages"]
    served = page["servedLocale"]
    blocks, outline = present_body(page["body"], href, asset_base, glossary_href(lang, urls))
    breadcrumbs = links(page["breadcrumbs"])
    presented = {
        **page,
        "href": href(page["path"]),
        "blocks": blocks,
        "breadcrumbs": breadcrumbs,
        "children": links(page["children"]),
        "previous": links([page["previous"]])[0] if page["previous"] else None,
        "next": links([page["next"]])[0] if page["next"] else None,
        "links_in": links(page["linksIn"]),
        "links_out": links(page["linksOut"]),
        "updated": parse_datetime(page["lastPublishedAt"]) if page["lastPublishedAt"] else None,
        "provenance": provenance(page.get("provenance")),
    }
    canonical_version = next((v for v in page["translations"] if v["locale"] == served and v["path"]), None)
    context.update(
        page=presented,
        handbook_locale=breadcrumbs[0]["locale"] if breadcrumbs else served,
        outline=outline,
        glossary_tips=has_glossary_tips(blocks),
        notices=notices(page, lang, languages, urls),
        switcher=switcher(languages, lang, urls, page),
        alternates=alternates(page, languages, urls),
        canonical=urls.absolute(served, canonical_version["path"]) if canonical_version else None,
        diagram=link_diagram(
            {"title": page["title"], "href": presented["href"], "locale": served},
            presented["links_in"],
            presented["links_out"],
            rtl=context["dir"] == "rtl",
        ),
    )
    return context
