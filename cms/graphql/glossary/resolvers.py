"""Glossary terms served in a reader's language, each from the first language of its fallback chain that has it.

Terms are read in one query per request and language; the related terms of every term handed out so far are read
together the first time any of them is asked for, so a list costs the same number of queries whatever its length
(one more per level of `related` nesting).
"""

from dataclasses import dataclass

from cms.glossary.models import GlossaryTerm
from cms.graphql.context import api_context
from cms.locales import default_code, fallback_chain


@dataclass(eq=False)
class ServedTerm:
    """A term as served to one reader: the best language version there is."""

    term: GlossaryTerm
    locale: str  # the served language
    glossary: "Glossary"

    @property
    def is_fallback(self) -> bool:
        return self.locale != self.glossary.locale

    def related(self) -> list["ServedTerm"]:
        return self.glossary.related(self)


def sort_key(served: ServedTerm) -> tuple:
    return (served.term.term.casefold(), served.term.term)


class Glossary:
    """One language's glossary for one request."""

    def __init__(self, locale: str):
        self.locale = locale
        self.languages = [locale, *fallback_chain(locale)]
        self._rank = {code: number for number, code in enumerate(self.languages)}
        self._served: dict = {}  # translation key -> ServedTerm
        self._related: dict = {}  # translation key -> translation keys of its related terms
        self._complete = False

    def all(self) -> list[ServedTerm]:
        if not self._complete:
            self._load(GlossaryTerm.objects.all())
            self._complete = True
        return sorted(self._served.values(), key=sort_key)

    def by_slug(self, slug: str) -> ServedTerm | None:
        """The term with this slug; the slug is the same in every language, but the reader's language wins."""
        if self._complete:
            rows = [served.term for served in self._served.values() if served.term.slug == slug]
        else:
            matching = GlossaryTerm.objects.filter(slug=slug, locale__language_code__in=self.languages)
            rows = self._load(GlossaryTerm.objects.filter(translation_key__in=matching.values("translation_key")))
            rows = [term for term in rows if term.slug == slug]
        if not rows:
            return None
        best = min(rows, key=lambda term: self._rank[term.locale.language_code])
        return self._served.get(best.translation_key)

    def related(self, served: ServedTerm) -> list[ServedTerm]:
        key = served.term.translation_key
        if key not in self._related:
            self._load_related()
        found = (self._served.get(other) for other in self._related.get(key, ()))
        return sorted((term for term in found if term is not None), key=sort_key)

    def _load(self, terms) -> list[GlossaryTerm]:
        rows = list(terms.filter(locale__language_code__in=self.languages).select_related("locale"))
        for term in rows:
            code = term.locale.language_code
            current = self._served.get(term.translation_key)
            if current is None or self._rank[code] < self._rank[current.locale]:
                self._served[term.translation_key] = ServedTerm(term=term, locale=code, glossary=self)
        return rows

    def _load_related(self):
        """Related terms of every term served so far, read from the source-language terms where editors set them."""
        pending = [key for key in self._served if key not in self._related]
        links = GlossaryTerm.related_terms.through.objects.filter(
            from_glossaryterm__locale__language_code=default_code()
        )
        if not self._complete:
            links = links.filter(from_glossaryterm__translation_key__in=pending)
        related: dict = {key: [] for key in pending}
        for source, target in links.values_list(
            "from_glossaryterm__translation_key", "to_glossaryterm__translation_key"
        ).order_by("pk"):
            if source in related and target != source and target not in related[source]:
                related[source].append(target)
        missing = {target for targets in related.values() for target in targets} - self._served.keys()
        if missing:
            self._load(GlossaryTerm.objects.filter(translation_key__in=missing))
        self._related.update(related)


def glossary(info, locale: str) -> Glossary:
    """The request's glossary in `locale`, shared by every field of the response."""
    return api_context(info).memo(("glossary", locale), lambda: Glossary(locale))
