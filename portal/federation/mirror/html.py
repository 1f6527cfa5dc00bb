"""A partner page's body as sanitised HTML: its blocks rendered to HTML, then cleaned through an allowlist.

Pure functions. Whatever the partner sends, the result has only the tags and attributes below; text is escaped;
scripts, styles and embedded content are dropped with what they contain; links are http(s) or mailto only, and
addresses relative to the partner's site are made absolute, so that they lead to the partner, not to us.
"""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "a", "ul", "ol", "li", "blockquote", "footer", "aside",
    "code", "pre", "table", "caption", "thead", "tbody", "tr", "th", "td", "sup", "sub", "hr", "figure", "figcaption",
}  # fmt: skip
VOID_TAGS = {"br", "hr"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_href(href: str, base_url: str) -> str | None:
    href = href.strip()
    if not href or href.startswith("#"):
        return href or None
    absolute = urljoin(base_url.rstrip("/") + "/", href)
    return absolute if urlsplit(absolute).scheme in SAFE_SCHEMES else None


class Sanitiser(HTMLParser):
    def __init__(self, base_url: str):
        super().__init__(convert_charrefs=True)
        self.base_url = base_url
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        attributes = ""
        if tag == "a":
            href = safe_href(dict(attrs).get("href") or "", self.base_url)
            if href:
                attributes = f' href="{escape(href)}" rel="noopener"'
        self.out.append(f"<{tag}{attributes}>")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS and not self.dropping and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:  # close what the partner left open inside it
            closing = self.open.pop()
            self.out.append(f"</{closing}>")
            if closing == tag:
                break

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{tag}>" for tag in reversed(self.open))


def sanitise(html: str, base_url: str) -> str:
    parser = Sanitiser(base_url)
    parser.feed(html)
    return parser.result()


def text(value) -> str:
    return escape(str(value or ""), quote=False)


def render_block(block: dict) -> str:
    kind = block.get("__typename")
    if kind == "HeadingBlock":
        level = block.get("level") if block.get("level") in (2, 3, 4) else 2
        return f"<h{level}>{text(block.get('text'))}</h{level}>"
    if kind == "ParagraphBlock":
        return str(block.get("html") or "")
    if kind == "QuoteBlock":
        attribution = f"<footer>{text(block['attribution'])}</footer>" if block.get("attribution") else ""
        return f"<blockquote><p>{text(block.get('text'))}</p>{attribution}</blockquote>"
    if kind == "CalloutBlock":
        return f"<aside>{block.get('html') or ''}</aside>"
    if kind == "ImageBlock" and block.get("url"):
        caption = f"<figcaption>{text(block['caption'])}</figcaption>" if block.get("caption") else ""
        return f'<figure><a href="{escape(block["url"])}">{text(block.get("altText"))}</a>{caption}</figure>'
    if kind == "TableBlock":
        caption = f"<caption>{text(block['caption'])}</caption>" if block.get("caption") else ""
        header = "".join(f"<th>{text(cell)}</th>" for cell in block.get("header") or [])
        head = f"<thead><tr>{header}</tr></thead>" if header else ""
        rows = "".join(
            "<tr>" + "".join(f"<td>{text(cell)}</td>" for cell in row) + "</tr>" for row in block.get("rows") or []
        )
        return f"<table>{caption}{head}<tbody>{rows}</tbody></table>"
    return ""  # files only the partner's members may fetch, and block types we do not know


def body_html(blocks: list, base_url: str) -> str:
    return sanitise("".join(render_block(block) for block in blocks), base_url)
