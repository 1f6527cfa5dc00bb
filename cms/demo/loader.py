"""Builds the demo: the handbook from content/toc.txt, glossary, governance documents and their translations.

Identity is by translation key, derived from the content keys, so running the loader again finds what it made and
changes nothing. Translations go through wagtail-localize (source, strings, translation records), exactly as if a
translator had done them in its editor, so translators see them as done and later syncs keep them.
"""

import copy
import tomllib
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.demo.markup import TocEntry, body_blocks, parse_toc
from cms.glossary.models import GlossaryTerm
from cms.governance.models import DocumentKind, GovernanceVersion
from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage
from cms.locales import configured_codes, default_code

CONTENT_DIR = Path(__file__).parent / "content"
KEY_NAMESPACE = uuid.UUID("6f1d8e0a-53a4-4c1e-9a57-9d1b0c2f4e11")
INDEX_KEY = "index"
MEMBERS_GROUP = "Members"
MEMBERS_ONLY_PAGES = ["register-of-members"]


def translation_key(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, f"{kind}:{key}")


class DemoContentError(Exception):
    pass


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def count(self, what: str, number: int = 1):
        if number:
            self.created[what] += number

    def lines(self) -> list[str]:
        if not self.created:
            return ["Demo content already present: nothing to do."]
        return [f"Created {number} {what}." for what, number in sorted(self.created.items())]


def read_language(content_dir: Path, code: str) -> dict:
    """Merge every TOML file of one language's folder."""
    merged: dict = {"pages": {}, "terms": {}, "code_of_conduct": {}, "privacy_policy": {}, "later_edits": {}}
    folder = content_dir / code
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for section, entries in data.items():
            duplicate = set(entries) & set(merged.setdefault(section, {}))
            if duplicate:
                raise DemoContentError(f"{path.name}: {section} {sorted(duplicate)} defined twice")
            merged[section].update(entries)
    return merged


class DemoLoader:
    def __init__(self, content_dir: Path = CONTENT_DIR):
        self.content_dir = content_dir
        self.report = LoadReport()
        self.toc = parse_toc((content_dir / "toc.txt").read_text(encoding="utf-8"))
        self.entries = {entry.key: entry for root in self.toc for entry in root.walk()}
        self.source = read_language(content_dir, default_code())
        self.pages: dict[str, Page] = {}
        self.terms: dict[str, GlossaryTerm] = {}
        self.versions: dict[tuple[str, str], GovernanceVersion] = {}

    @transaction.atomic
    def run(self) -> LoadReport:
        self.locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in configured_codes()}
        self.source_locale = self.locales[default_code()]
        self.ensure_index()
        self.ensure_terms()
        self.ensure_pages()
        self.ensure_governance()
        self.ensure_members_only()
        for code in configured_codes():
            if code != default_code():
                self.ensure_translations(code)
        self.apply_later_edits()
        return self.report

    # English sources

    def resolve_link(self, scheme: str, key: str) -> tuple[str, str]:
        try:
            if scheme == "page":
                return "page", str(self.pages[key].pk)
            return "glossary", str(self.terms[key].pk)
        except KeyError:
            raise DemoContentError(f"link to unknown {scheme} {key!r}") from None

    def find(self, model, kind: str, key: str, locale):
        return model.objects.filter(translation_key=translation_key(kind, key), locale=locale).first()

    def ensure_index(self):
        data = self.source["pages"].get(INDEX_KEY) or {}
        index = self.find(HandbookIndexPage, "page", INDEX_KEY, self.source_locale)
        if index is None:
            root = Page.get_first_root_node()
            index = HandbookIndexPage(
                title=data.get("title", "Handbook"),
                slug="handbook",
                summary=data.get("summary", ""),
                locale=self.source_locale,
                translation_key=translation_key("page", INDEX_KEY),
            )
            root.add_child(instance=index)
            index.save_revision().publish()
            self.report.count("handbook index pages")
            self.point_default_site_at(index)
        self.pages[INDEX_KEY] = index

    def point_default_site_at(self, index):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=index, is_default_site=True)
            return
        placeholder = site.root_page
        site.root_page = index
        site.save()
        # Wagtail's initial migration leaves a bare "Welcome" page; it has no place in a headless handbook.
        if placeholder.specific_class is Page and placeholder.depth == 2 and not placeholder.get_children():
            placeholder.delete()

    def ensure_terms(self):
        created = []
        for key, data in self.source["terms"].items():
            term = self.find(GlossaryTerm, "term", key, self.source_locale)
            if term is None:
                term = GlossaryTerm.objects.create(
                    term=data["term"],
                    slug=key,
                    definition=data["definition"],
                    locale=self.source_locale,
                    translation_key=translation_key("term", key),
                )
                created.append(key)
            self.terms[key] = term
        for key in created:
            related = self.source["terms"][key].get("related", [])
            self.terms[key].related_terms.set([self.terms[other] for other in related if other in self.terms])
        self.report.count("glossary terms", len(created))

    def ensure_pages(self):
        missing = [key for key in self.entries if key not in self.source["pages"]]
        if missing:
            raise DemoContentError(f"no English content for {missing}")
        created: list[tuple[Page, TocEntry]] = []
        for root in self.toc:
            for entry in root.walk():
                page = self.find(Page, "page", entry.key, self.source_locale)
                if page is None:
                    page = self.create_page(entry)
                    created.append((page, entry))
                self.pages[entry.key] = page
        # Bodies second: they link to pages that the first pass had yet to create.
        for page, entry in created:
            page.body = body_blocks(self.source["pages"][entry.key]["body"], self.resolve_link)
            page.save_revision().publish()
        self.report.count("handbook pages", len(created))

    def create_page(self, entry: TocEntry) -> Page:
        data = self.source["pages"][entry.key]
        page_class = HandbookSectionPage if entry.is_chapter else HandbookPage
        page = page_class(
            title=entry.title,
            slug=slugify(entry.title) or entry.key,
            summary=data.get("summary", ""),
            keywords=", ".join(data.get("keywords", [])),
            locale=self.source_locale,
            translation_key=translation_key("page", entry.key),
            live=False,
        )
        parent = self.pages[entry.parent.key if entry.parent else INDEX_KEY]
        parent.add_child(instance=page)
        return page

    def ensure_governance(self):
        for kind in DocumentKind.values:
            for label, data in self.source[kind].items():
                version = self.find(GovernanceVersion, "governance", f"{kind}:{label}", self.source_locale)
                if version is None:
                    version = GovernanceVersion.objects.create(
                        kind=kind,
                        version_label=label,
                        effective_date=data["effective_date"],
                        change_summary=data["change_summary"],
                        body=body_blocks(data["body"], self.resolve_link),
                        locale=self.source_locale,
                        translation_key=translation_key("governance", f"{kind}:{label}"),
                    )
                    version.save_revision().publish()
                    self.report.count("governance document versions")
                self.versions[(kind, label)] = version

    def ensure_members_only(self):
        members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
        for key in MEMBERS_ONLY_PAGES:
            page = self.pages[key]
            if not PageViewRestriction.objects.filter(page=page).exists():
                restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
                restriction.groups.set([members])
                self.report.count("members-only restrictions")

    # Translations

    def ensure_translations(self, code: str):
        content = read_language(self.content_dir, code)
        locale = self.locales[code]
        page_keys = [INDEX_KEY] + [key for key in self.entries if key in content["pages"]]
        unknown = set(content["pages"]) - set(page_keys)
        if unknown:
            raise DemoContentError(f"{code}: translations of unknown pages {sorted(unknown)}")
        for key in page_keys:
            if key not in content["pages"]:
                continue
            entry = self.entries.get(key)
            parent_key = (entry.parent.key if entry.parent else INDEX_KEY) if entry else None
            if parent_key and parent_key not in content["pages"]:
                raise DemoContentError(f"{code}: {key!r} is translated but its parent {parent_key!r} is not")
            data = content["pages"][key]
            if not data.get("title"):
                raise DemoContentError(f"{code}: {key}: missing title")
            self.translate(
                self.pages[key].specific,
                locale,
                title=data["title"],
                slug=self.translated_slug(key, data),
                summary=data.get("summary", ""),
                body=data.get("body", ""),
                what="page translations",
            )
        for key, data in content["terms"].items():
            self.translate(
                self.terms[key],
                locale,
                term=data["term"],
                definition=data["definition"],
                what="glossary term translations",
            )
        for kind in DocumentKind.values:
            for label, data in content[kind].items():
                self.translate(
                    self.versions[(kind, label)],
                    locale,
                    change_summary=data["change_summary"],
                    body=data["body"],
                    what="governance document translations",
                )

    def translated_slug(self, key: str, data: dict) -> str:
        """ASCII slugs: wagtail-localize re-slugifies without Unicode on every sync, so an Arabic slug would not
        survive the first sync. A title with no Latin letters keeps the English page's slug."""
        if data.get("slug"):
            return data["slug"]
        slug = slugify(data["title"])
        if not slug or slug.replace("-", "").isdigit():
            return self.pages[key].slug
        return slug

    def translate(self, source_object, locale, *, what: str, body: str | None = None, **values):
        if source_object.get_translation_or_none(locale) is not None:
            return
        translated = copy.copy(source_object)
        for name, value in values.items():
            setattr(translated, name, value)
        if body is not None:
            source_ids = [block.id for block in source_object.body]
            try:
                translated.body = body_blocks(body, self.resolve_link, block_ids=source_ids)
            except ValueError as error:
                raise DemoContentError(f"{locale.language_code} translation of {source_object}: {error}") from None
        source, _ = TranslationSource.get_or_create_from_instance(source_object)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        strings = defaultdict(list)
        for segment in extract_segments(translated):
            if isinstance(segment, StringSegmentValue):
                strings[segment.path].append(segment.string.data)
        po = translation.export_po()
        used = defaultdict(int)
        for entry in po:
            if entry.obsolete:
                continue
            candidates = strings.get(entry.msgctxt, [])
            position = used[entry.msgctxt]
            if position >= len(candidates):
                raise DemoContentError(
                    f"{locale.language_code} translation of {source_object}: nothing for {entry.msgctxt!r}"
                )
            entry.msgstr = candidates[position]
            used[entry.msgctxt] += 1
        leftovers = {path for path, items in strings.items() if len(items) != used[path]}
        if leftovers:
            raise DemoContentError(
                f"{locale.language_code} translation of {source_object}: segments do not match at {sorted(leftovers)}"
            )
        translation.import_po(po)
        is_page = isinstance(source_object, Page)
        translated, _ = source.create_or_update_translation(
            locale, publish=not is_page, fallback=False, copy_parent_pages=False
        )
        if is_page:
            self.publish_page_translation(translated)
        self.report.count(what)

    def publish_page_translation(self, page: Page):
        """Publish now, from the page as the database holds it.

        Asked to publish, wagtail-localize does it when the transaction commits, saving the page as it was when
        translated: a parent translated before its children would be saved back with no children counted
        (treebeard's numchild), and adding a page under it later would collide on its path. Reading the revision
        afresh publishes the page with its tree fields as they are now; children translated later update the
        count in the database.
        """
        Revision.objects.get(pk=page.latest_revision_id).publish()

    # Edits made after translating, so the demo shows outdated translations

    def apply_later_edits(self):
        for key, data in self.source["later_edits"].items():
            page = self.pages[key].specific
            addition = body_blocks(data["append"], self.resolve_link)
            marker = addition[0]["value"] if addition else ""
            if not addition or any(block.get_prep_value()["value"] == marker for block in page.body):
                continue
            page.body = [*page.body.raw_data, *addition]
            page.save_revision().publish()
            self.report.count("later edits to translated pages")
