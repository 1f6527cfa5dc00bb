"""Rich text from the API, made ready for one language site.

Page links in the API's HTML point at paths within the requested language's handbook (`href="/a/b/"`, with a
`data-page-id`); the site prefixes them with its own address for that language.
"""

import html
import re
from collections.abc import Callable

ANCHOR = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]*)"')


def link_pages(markup: str, href: Callable[[str], str]) -> str:
    def rewrite(tag: re.Match) -> str:
        text = tag.group(0)
        if "data-page-id=" not in text:
            return text
        return HREF.sub(lambda m: f'href="{html.escape(href(html.unescape(m.group(1))))}"', text, count=1)

    return ANCHOR.sub(rewrite, markup)
