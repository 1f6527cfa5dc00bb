"""Rich text from the API, made ready for one language site.

Page links in the API's HTML point at paths within the requested language's handbook (`href="/a/b/"`, with a
`data-page-id`); the site prefixes them with its own address for that language. Links to glossary terms
(`href="#glossary-SLUG"`) point at the term on the language's glossary page, with the definition as a tooltip.
"""

import html
import re
from collections.abc import Callable, Iterator

from frontends.presenters.languages import direction

ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')


def link_pages(markup: str, href: Callable[[str], str]) -> str:
    def rewrite(tag: re.Match) -> str:
        text = tag.group(0)
        if "data-page-id=" not in text:
            return text
        return HREF.sub(lambda m: f'href="{html.escape(href(html.unescape(m.group(1))))}"', text, count=1)

    return ANCHOR.sub(rewrite, markup)


GLOSSARY_LINK = re.compile(
    r"<a\b(?P<attrs>[^>]*\bclass=\"glossary-term\"[^>]*)>(?P<text>.*?)</a>", re.IGNORECASE | re.S
)
ATTRIBUTE = re.compile(r'\b(?P<name>[a-z-]+)="(?P<value>[^"]*)"')


def link_glossary(markup: str, term_href: Callable[[str], str], ids: Iterator[int]) -> str:
    """Glossary links point at the term's entry on the glossary page and carry their definition as a tooltip.

    The definition moves from `title` (shown on hover only, never on keyboard focus) to a span after the link,
    visually hidden until the link is hovered or focused (CSS), and named by the link's aria-describedby.
    `ids` numbers the tooltips so that their ids stay unique on the whole page.
    """

    def rewrite(match: re.Match) -> str:
        attrs = {m.group("name"): html.unescape(m.group("value")) for m in ATTRIBUTE.finditer(match.group("attrs"))}
        slug = attrs.get("data-glossary-term", "")
        if not slug:
            return match.group(0)
        definition = attrs.get("title", "")
        tip_id = f"glossary-tip-{next(ids)}"
        locale = attrs.get("data-locale", "")
        lang = f' data-locale="{html.escape(locale)}"' if locale else ""
        link = (
            f'<a href="{html.escape(term_href(slug))}" class="glossary-term" data-glossary-term="{html.escape(slug)}"'
            f'{lang} aria-describedby="{tip_id}">{match.group("text")}</a>'
        )
        if not definition:
            return link.replace(f' aria-describedby="{tip_id}"', "")
        # The definition may come from another language than the page's: its own language and direction.
        tip_lang = f' lang="{html.escape(locale)}" dir="{direction(locale)}"' if locale else ""
        tip = f'<span class="glossary-tip" id="{tip_id}" role="tooltip"{tip_lang}>{html.escape(definition)}</span>'
        return f'<span class="glossary">{link}{tip}</span>'

    return GLOSSARY_LINK.sub(rewrite, markup)
