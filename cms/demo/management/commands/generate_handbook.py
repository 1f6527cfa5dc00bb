"""Generate a handbook of a chosen size in every content language, for benchmarks (see bench/README.md).

English pages are created live straight away (no revisions: nothing to publish); every other language gets a
real wagtail-localize translation of every page, copying the English text (`fallback=True`), made live from the
revision wagtail-localize saves. Chapters hold 10 to 25 pages nested up to three levels (chapter, page, sub-page);
bodies are a heading and two short paragraphs with links to earlier pages. Same size, same handbook: the random
choices are seeded.
"""

import random
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from modelsearch import index as search_index
from modelsearch.backends import get_search_backend
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Locale, Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import Translation, TranslationSource

from cms.handbook.models import HandbookIndexPage, HandbookPage, HandbookSectionPage
from cms.locales import configured_codes, default_code

WORDS = (
    "member assembly budget care commons consent delegate dues equity governance host meeting minutes mutual "
    "proposal rota share solidarity space steward surplus treasurer vote workshop welcome agenda circle"
).split()
SEARCH_WORD = "quorum"  # in one summary in five; bench/ searches for it


class Command(BaseCommand):
    help = "Build a generated handbook of N pages per language (in an empty, migrated database)."

    def add_arguments(self, parser):
        parser.add_argument("--pages-per-locale", type=int, required=True, help="Pages per language, index included.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, pages_per_locale, seed, **options):
        if pages_per_locale < 2:
            raise CommandError("--pages-per-locale must be at least 2.")
        if Page.objects.filter(depth__gt=1).exclude(content_type__model="page").exists():
            raise CommandError("The database already has content: generate_handbook needs an empty database.")
        self.rng = random.Random(seed)  # noqa: S311 (content, not secrets)
        self.sources = {}
        started = time.monotonic()
        locales = [Locale.objects.get_or_create(language_code=code)[0] for code in configured_codes()]
        source_locale = next(locale for locale in locales if locale.language_code == default_code())
        with without_indexing(), transaction.atomic():
            pages = self.build_source(source_locale, pages_per_locale)
            self.stdout.write(f"{len(pages)} {default_code()} pages in {time.monotonic() - started:.0f}s")
            for locale in locales:
                if locale != source_locale:
                    self.translate(pages, locale)
                    self.stdout.write(f"{len(pages)} {locale.language_code} pages in {time.monotonic() - started:.0f}s")
            self.index()
        self.stdout.write(f"Indexed for search and references in {time.monotonic() - started:.0f}s")

    def index(self):
        """What saving would have indexed page by page: the search index in bulk, then the reference index."""
        pages = list(Page.objects.filter(depth__gt=1).specific())
        backend = get_search_backend()
        for model in {type(page) for page in pages}:
            backend.add_bulk(model, [page for page in pages if type(page) is model])
        for page in pages:
            ReferenceIndex.create_or_update_for_object(page)

    # The source language

    def build_source(self, locale, total: int) -> list[Page]:
        now = timezone.now()
        live = {"live": True, "has_unpublished_changes": False, "first_published_at": now, "last_published_at": now}
        index = HandbookIndexPage(title="Handbook", slug="handbook", summary="Generated.", locale=locale, **live)
        Page.get_first_root_node().add_child(instance=index)
        self.point_default_site_at(index)
        pages = [index]
        chapter_number = 0
        while len(pages) < total:
            chapter_number += 1
            size = min(self.rng.randint(10, 25), total - len(pages))
            chapter = self.add(index, HandbookSectionPage, f"{chapter_number} {self.phrase()}", pages, live)
            top = None  # the chapter's latest page: later pages may be its sub-pages (three levels at most)
            for number in range(1, size):
                parent = top if top is not None and self.rng.random() < 0.35 else chapter
                page = self.add(parent, HandbookPage, f"{self.phrase()} {chapter_number}.{number}", pages, live)
                top = page if parent is chapter else top
        return pages

    def add(self, parent, page_class, title: str, pages: list, live: dict) -> Page:
        earlier = self.rng.sample(pages, min(3, len(pages)))
        links = ", ".join(f'<a linktype="page" id="{page.pk}">{page.title}</a>' for page in earlier)
        page = page_class(
            title=title,
            slug=slugify(title),
            summary=f"{self.sentence()}{' ' + SEARCH_WORD if self.rng.random() < 0.2 else ''}.",
            keywords=", ".join(self.rng.sample(WORDS, 3)),
            locale=parent.locale,
            body=[
                {"type": "heading", "value": {"text": self.phrase(), "level": "h2"}},
                {"type": "paragraph", "value": f"<p>{self.sentence()}. {self.sentence()}.</p>"},
                {"type": "paragraph", "value": f"<p>{self.sentence()}; see {links}.</p>"},
            ],
            **live,
        )
        parent.add_child(instance=page)
        pages.append(page)
        return page

    def phrase(self) -> str:
        return " ".join(self.rng.sample(WORDS, 2)).capitalize()

    def sentence(self) -> str:
        return " ".join(self.rng.sample(WORDS, 8)).capitalize()

    def point_default_site_at(self, index):
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=index, is_default_site=True)
            return
        placeholder, site.root_page = site.root_page, index
        site.save()
        if placeholder.specific_class is Page and placeholder.depth == 2:
            placeholder.delete()  # Wagtail's bare "Welcome" page

    # Translations

    def translate(self, pages: list[Page], locale):
        """Parents first (pages are in tree order), so each translation finds its translated parent.

        wagtail-localize saves each translation with a revision; publishing it page by page would run Wagtail's
        whole publish action (log entries, signals) on every page, so all are made live with one update instead.
        """
        translated = []
        for page in pages:
            if page.pk not in self.sources:
                self.sources[page.pk] = TranslationSource.get_or_create_from_instance(page)[0]
            source = self.sources[page.pk]
            Translation.objects.create(source=source, target_locale=locale, enabled=True)
            translated.append(source.create_or_update_translation(locale, publish=False, fallback=True)[0].pk)
        now = timezone.now()
        Page.objects.filter(pk__in=translated).update(
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            live_revision_id=F("latest_revision_id"),
        )


@contextmanager
def without_indexing():
    """Saving a page updates the search and reference indexes; generating saves each page five times or more."""
    models = [model for model in search_index.get_indexed_models() if issubclass(model, Page)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
