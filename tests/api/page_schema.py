"""A stand-in schema for the caching tests, whose answer changes when a page is published.

The real schema's page queries are written elsewhere; the view is the same, only the schema differs.
"""

import graphene
from django.utils.translation import get_language
from wagtail.models import Page

from cms.demo.loader import translation_key


class Query(graphene.ObjectType):
    title = graphene.String(key=graphene.String(required=True), description="A live page's title, or null.")
    broken = graphene.String(description="Always fails, as a resolver might for a moment.")

    def resolve_title(root, info, key):
        page = Page.objects.live().filter(
            translation_key=translation_key("page", key), locale__language_code=get_language()
        )
        return page.values_list("title", flat=True).first()

    def resolve_broken(root, info):
        raise RuntimeError("the search index is rebuilding")


schema = graphene.Schema(query=Query)
