"""What a client needs to keep copies of the content: the content version (cms/cache.py) as an opaque token."""

import logging

import graphene

from cms.cache import content_version

logger = logging.getLogger(__name__)


class ContentQueries(graphene.ObjectType):
    content_version = graphene.String(
        description=(
            "An opaque token that changes whenever published content changes (pages, translations, glossary terms, "
            "governance documents, who may read what). Cheap to ask on every request: a client that keeps rendered "
            "or fetched content under this token never shows it after a change. Compare it for equality only. "
            "Null when it cannot be told right now; keep nothing then."
        ),
    )

    def resolve_content_version(root, info):
        try:
            return str(content_version())
        except Exception:  # the shared cache is unreachable: clients lose their caching, not their answers
            logger.exception("The content version could not be read from the cache")
            return None
