"""Small content builders for tests that need trees of a chosen size."""

from django.utils.text import slugify

from cms.handbook.models import HandbookPage


def add_page(parent, title: str, body=None, **fields) -> HandbookPage:
    page = HandbookPage(title=title, slug=slugify(title), summary=f"About {title}.", body=body or [], **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def link_to(page, text: str = "link") -> str:
    return f'<a linktype="page" id="{page.pk}">{text}</a>'


def grow(parent, count: int, prefix: str = "Extra", link_target=None) -> list[HandbookPage]:
    """`count` pages under `parent`, each linking to `link_target` when given."""
    body = [paragraph(f"<p>See {link_to(link_target)}.</p>")] if link_target else []
    return [add_page(parent, f"{prefix} {number}", body=body) for number in range(count)]
