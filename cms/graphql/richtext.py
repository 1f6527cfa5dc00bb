"""Rich text for readers: links to pages point at the reader's language (or its fallback), glossary links
resolve to the term in that language. All links of a response's bodies are looked up in two or three queries."""

import re

from django.utils.html import escape
from wagtail.models import Page

from cms.glossary.models import GlossaryTerm
from cms.handbook.book import Book

LINK = re.compile(r'<a (?P<attrs>[^>]*\blinktype="(?P<type>page|glossary)"[^>]*)>(?P<text>.*?)</a>', re.S)
ID = re.compile(r'\bid="(\d+)"')


class RichTextRenderer:
    def __init__(self, book: Book, sources: list[str]):
        self.book = book
        page_ids, term_ids = set(), set()
        for source in sources:
            for match in LINK.finditer(source):
                found = ID.search(match.group("attrs"))
                if found:
                    (page_ids if match.group("type") == "page" else term_ids).add(int(found.group(1)))
        self.page_keys = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
        self.terms = self._terms(term_ids)

    def _terms(self, term_ids) -> dict:
        if not term_ids:
            return {}
        keys = dict(GlossaryTerm.objects.filter(pk__in=term_ids).values_list("pk", "translation_key"))
        rank = {code: number for number, code in enumerate(self.book.languages)}
        best: dict = {}
        for term in GlossaryTerm.objects.filter(
            translation_key__in=set(keys.values()), locale__language_code__in=rank
        ).select_related("locale"):
            current = best.get(term.translation_key)
            if current is None or rank[term.locale.language_code] < rank[current.locale.language_code]:
                best[term.translation_key] = term
        return {pk: best.get(key) for pk, key in keys.items()}

    def render(self, source: str) -> str:
        return LINK.sub(self._link, source)

    def _link(self, match) -> str:
        found = ID.search(match.group("attrs"))
        text = match.group("text")
        target_id = int(found.group(1)) if found else None
        if match.group("type") == "page":
            node = self.book.find(translation_key=self.page_keys.get(target_id))
            if node is None:
                return text  # the target is gone or not visible to this reader: keep the words, drop the link
            language = "" if node.locale == self.book.locale else f' hreflang="{node.locale}"'
            return (
                f'<a href="{escape(node.path)}" data-page-id="{node.id}" data-locale="{node.locale}"{language}>'
                f"{text}</a>"
            )
        term = self.terms.get(target_id)
        if term is None:
            return text
        return (
            f'<a href="#glossary-{escape(term.slug)}" class="glossary-term" data-glossary-term="{escape(term.slug)}" '
            f'data-locale="{term.locale.language_code}" title="{escape(term.definition)}">{text}</a>'
        )
