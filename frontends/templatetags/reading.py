from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def lang_attrs(context, code):
    """` lang="…" dir="…"` for text in another language than the page's (WCAG 3.1.2), else nothing."""
    if not code or code == context.get("lang"):
        return ""
    direction = context.get("directions", {}).get(code, "ltr")
    return format_html(' lang="{}" dir="{}"', code, direction)
