"""Small handbooks translated through wagtail-localize, for the dashboard's and the life cycle's tests."""

from django.utils.text import slugify
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from cms.handbook.models import HandbookIndexPage, HandbookSectionPage
from tests.factories import add_page, paragraph


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def translate_strings(source: TranslationSource, target: Locale, share: float = 1.0) -> int:
    """Translate the first `share` of the source's strings (as a translator would in the editor); returns how many."""
    segments = list(StringSegment.objects.filter(source=source).select_related("string").order_by("order"))
    chosen = segments[: round(len(segments) * share)]
    for segment in chosen:
        data = segment.string.data
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=target,
            context=segment.context,
            defaults={"data": f"{target.language_code.upper()} {data}", "translation_type": "manual"},
        )
    return len(chosen)


def translate(instance, target: Locale, *, share: float = 1.0, publish: bool = True):
    """Submit `instance` to wagtail-localize, translate a share of its strings and save the translation.

    Publishing happens when the transaction commits: wrap calls in `django_capture_on_commit_callbacks`.
    """
    source, _ = TranslationSource.update_or_create_from_instance(instance)
    Translation.objects.get_or_create(source=source, target_locale=target, defaults={"enabled": True})
    translate_strings(source, target, share)
    translated, _ = source.create_or_update_translation(target, publish=publish, fallback=True)
    return translated


def handbook(with_chapter: str = "Chapter") -> tuple[HandbookIndexPage, HandbookSectionPage]:
    """An English handbook index with one chapter, both published."""
    index = HandbookIndexPage(title="Handbook", slug="handbook", locale=locale("en"))
    Page.get_first_root_node().add_child(instance=index)
    index.save_revision().publish()
    chapter = HandbookSectionPage(title=with_chapter, slug=slugify(with_chapter), locale=index.locale)
    index.add_child(instance=chapter)
    chapter.save_revision().publish()
    return index, chapter


def page_with_text(parent, title: str, words: int = 12):
    text = " ".join(["word"] * (words - 1))
    return add_page(parent, title, body=[paragraph(f"<p>{title.split()[0]} {text}</p>")])
