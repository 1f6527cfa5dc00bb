"""Governance documents served in a reader's language.

Which versions exist is decided by the source language: its published versions in force, newest first. Each is
served in the first language of the reader's fallback chain that has a published translation of it. A document
costs the same number of queries whatever its number of versions: the versions in two, their bodies' links in
at most three more (one renderer for every body of the document).
"""

from dataclasses import dataclass, field

from django.utils import translation
from wagtail.models import Locale

from cms.governance.models import DocumentKind, GovernanceVersion
from cms.graphql.blocks import rich_text_sources, serialise_body
from cms.graphql.richtext import RichTextRenderer
from cms.locales import default_code, fallback_chain


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

    @property
    def current(self) -> ServedVersion:
        return self.versions[0]

    @property
    def title(self) -> str:
        with translation.override(self.locale):
            return str(DocumentKind(self.kind).label)

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
