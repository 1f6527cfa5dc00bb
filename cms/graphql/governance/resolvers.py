"""Governance documents served in a reader's language.

Which versions exist is decided by the source language: its published versions in force, newest first. Each is
served in the first language of the reader's fallback chain that has a published translation of it. A document
costs the same number of queries whatever its number of versions: the versions in two, their bodies' links in
at most three more (one renderer for every body of the document), the state of every version in every language
in at most four more (one look at the published translations, then `bulk_freshness`, which also decides when a
handbook page's translation is outdated).
"""

from dataclasses import dataclass, field

from django.utils import translation
from wagtail.models import Locale

from cms.governance.models import DocumentKind, GovernanceVersion
from cms.graphql.blocks import rich_text_sources, serialise_body
from cms.graphql.richtext import RichTextRenderer
from cms.locales import configured_codes, default_code, fallback_chain
from cms.translation_status import Freshness, Status, bulk_freshness


@dataclass(eq=False)
class ServedVersion:
    """A version as served to one reader."""

    source: GovernanceVersion  # the source-language version: label, effective date and order
    version: GovernanceVersion  # the served language version
    locale: str
    document: "DocumentView"

    @property
    def is_fallback(self) -> bool:
        return self.locale != self.document.locale

    @property
    def is_current(self) -> bool:
        return self is self.document.current


@dataclass(eq=False)
class DocumentView:
    """One kind of governance document in one requested language."""

    kind: str
    locale: str  # the requested language
    versions: list[ServedVersion] = field(default_factory=list)  # newest first
    _renderer: RichTextRenderer | None = None
    _translated: dict[tuple, Freshness] | None = None  # (translation_key, language) -> freshness

    @property
    def current(self) -> ServedVersion:
        return self.versions[0]

    @property
    def title(self) -> str:
        return self.title_in(self.locale)

    def title_in(self, code: str) -> str:
        with translation.override(code):
            return str(DocumentKind(self.kind).label)

    def translations(self, served: ServedVersion) -> list[dict]:
        """Every configured language with the state of `served` in it, and the document's name in that language.

        A missing language's site still shows the document under its own name, in its first fallback language."""
        translated = self._translations_of_every_version()
        key = served.source.translation_key
        items = []
        for code in configured_codes():
            if code == default_code():
                status = Status.CURRENT
            elif (key, code) not in translated:
                status = Status.MISSING
            else:
                status = Status.OUTDATED if translated[key, code].is_outdated else Status.CURRENT
            items.append({"locale": code, "status": status, "title": self.title_in(code)})
        return items

    def _translations_of_every_version(self) -> dict[tuple, Freshness]:
        """The freshness of every published translation of every version, for all of them at once."""
        if self._translated is None:
            sources = {served.source.translation_key: served.source for served in self.versions}
            source_locale_id = self.current.source.locale_id
            rows = (
                GovernanceVersion.objects.published()
                .filter(translation_key__in=list(sources), locale__language_code__in=configured_codes())
                .exclude(locale_id=source_locale_id)
                .values_list("translation_key", "locale_id", "locale__language_code", "last_published_at")
            )
            codes, published = {}, {}
            for key, locale_id, code, published_at in rows:
                codes[locale_id] = code
                published[key, locale_id] = published_at
            changed = {key: source.last_published_at for key, source in sources.items()}
            freshness = bulk_freshness(source_locale_id, changed, published)
            self._translated = {(key, codes[locale_id]): value for (key, locale_id), value in freshness.items()}
        return self._translated

    def version(self, label: str) -> ServedVersion | None:
        return next((served for served in self.versions if served.source.version_label == label), None)

    def body(self, served: ServedVersion, book) -> list:
        if self._renderer is None:
            self._renderer = RichTextRenderer(book, rich_text_sources([each.version.body for each in self.versions]))
        return serialise_body(served.version.body, self._renderer)


def document(kind: str, locale: str) -> DocumentView | None:
    """The document with every version in force, or None when no version is in force yet."""
    sources = list(GovernanceVersion.objects.history(kind, Locale.get_default()))
    if not sources:
        return None
    languages = [locale, *fallback_chain(locale)]
    found = {source.translation_key: {default_code(): source} for source in sources}
    others = [code for code in languages if code != default_code()]
    if others:
        translations = (
            GovernanceVersion.objects.published()
            .filter(translation_key__in=list(found), locale__language_code__in=others)
            .select_related("locale")
        )
        for version in translations:
            found[version.translation_key][version.locale.language_code] = version
    view = DocumentView(kind=kind, locale=locale)
    for source in sources:
        versions = found[source.translation_key]
        code = next(code for code in languages if code in versions)
        view.versions.append(ServedVersion(source=source, version=versions[code], locale=code, document=view))
    return view
