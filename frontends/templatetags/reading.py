from django import template

from frontends.presenters.languages import lang_attributes

register = template.Library()


@register.simple_tag(takes_context=True)
def lang_attrs(context, code):
    """` lang="…" dir="…"` for text in another language than the page's (WCAG 3.1.2), else nothing."""
    return lang_attributes(code, context.get("lang"), context.get("directions", {}))
