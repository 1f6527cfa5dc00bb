"""Glossary consistency: the terms a segment uses, their approved translations, the report and the editor's hints."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from cms.glossary.models import GlossaryTerm
from cms.translations.glossary import (
    GlossaryIndex,
    find_inconsistencies,
    glossary_links,
    hints_for_translation,
    plain_text,
    uses_wording,
)

# Pure text functions


def test_plain_text_drops_inline_tags_and_entities():
    assert plain_text('We meet in <a id="a1">BBB</a> rooms &amp; halls.') == "We meet in BBB rooms & halls."


def test_glossary_links_read_wagtail_localize_attributes():
    attrs = {"a1": {"linktype": "glossary", "id": "7"}, "a2": {"linktype": "page", "id": "3"}}
    segment = 'See <a id="a1">BBB</a> and <a id="a2">the rules</a>.'
    assert glossary_links(segment, attrs) == [(7, "BBB")]
    assert glossary_links(segment, None) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Every space has a steward.", True),
        ("STEWARD of the rooms", True),
        ("the stewards", False),  # word boundaries: inflected forms do not count
        ("a co-steward", True),  # a hyphen is a boundary
        ("misstewarded", False),
        ('a <a id="a1">steward</a>', True),
    ],
)
def test_uses_wording_is_case_insensitive_on_word_boundaries(text, found):
    assert uses_wording(text, ["steward"]) is found


# Against the small demo: "We meet in [BBB](term:…) rooms that members steward together." and its translations


@pytest.fixture
def languages(small_demo):
    return {code: small_demo.locale(code) for code in ("en", "es", "ar")}


def add_term(languages, wording: str, **translations) -> GlossaryTerm:
    term = GlossaryTerm.objects.create(
        term=wording, slug=wording, definition=f"About {wording}.", locale=languages["en"]
    )
    for code, translated in translations.items():
        copy = term.copy_for_translation(languages[code])
        copy.term = translated
        copy.save()
    return term


def principles_translation(small_demo, code="es") -> Translation:
    page = small_demo.page("principles")
    return Translation.objects.get(source__object_id=page.translation_key, target_locale__language_code=code)


def bbb_segment(translation) -> StringSegment:
    return StringSegment.objects.get(source=translation.source, string__data__contains="BBB")


def retranslate(translation, segment, text: str):
    StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale=translation.target_locale
    ).update(data=text)


def test_a_linked_term_and_its_approved_translation(small_demo, languages):
    translation = principles_translation(small_demo)
    [use] = GlossaryIndex().uses(
        bbb_segment(translation).string.data,
        json.loads(bbb_segment(translation).attrs),
        languages["en"].pk,
        languages["es"].pk,
    )
    assert (use.source_wording, use.approved, use.kept_short_form) == (
        "BBB - Big Blue Button",
        "BBB - Big Blue Button",
        "BBB",
    )


def test_the_small_demo_is_consistent(small_demo):
    assert find_inconsistencies(["es", "ar"]) == []


def test_a_translation_that_drops_the_term_is_reported(small_demo, languages):
    translation = principles_translation(small_demo)
    segment = bbb_segment(translation)
    retranslate(translation, segment, "Nos reunimos en salas de videollamada que cuidamos entre todas.")

    [report] = find_inconsistencies(["es", "ar"])
    assert report.locale.language_code == "es"
    [row] = report.rows
    assert row.translation == translation
    assert row.field == "body"
    assert row.source == "We meet in BBB rooms that members steward together."
    assert row.translated == "Nos reunimos en salas de videollamada que cuidamos entre todas."
    assert row.term.approved == "BBB - Big Blue Button"
    assert row.edit_url == reverse("wagtailadmin_pages:edit", args=[small_demo.page("principles", "es").pk])


def test_plain_occurrences_of_the_english_wording_count(small_demo, languages):
    add_term(languages, "steward", es="responsable")
    rows = [row for report in find_inconsistencies(["es"]) for row in report.rows]
    # "…members steward together." became "…que cuidamos entre todas.": not the approved "responsable".
    # The table cell "Steward" became "Responsable" and "Every space has a steward." "…una responsable.": both fine.
    assert [(row.source, row.term.approved) for row in rows] == [
        ("We meet in BBB rooms that members steward together.", "responsable")
    ]


def test_a_term_without_approved_translation_says_so(small_demo, languages):
    add_term(languages, "forum")  # no Spanish term yet
    [report] = find_inconsistencies(["es"])
    [row] = report.rows
    assert row.source == "Our spaces are rooms, a forum and shared files."
    assert row.missing_approved_term
    assert row.term.source_wording == "forum"


def test_untranslated_segments_are_not_reported(small_demo, languages):
    translation = principles_translation(small_demo)
    segment = bbb_segment(translation)
    StringTranslation.objects.filter(translation_of=segment.string, locale=translation.target_locale).delete()
    assert find_inconsistencies(["es"]) == []


def test_the_report_takes_a_fixed_number_of_queries(small_demo, languages, django_assert_num_queries):
    retranslate(principles_translation(small_demo), bbb_segment(principles_translation(small_demo)), "Salas.")
    add_term(languages, "forum")
    find_inconsistencies(["es", "ar"])  # content types are cached after the first look-up
    with django_assert_num_queries(5):  # translations, terms, segments, strings, translated pages
        reports = find_inconsistencies(["es", "ar"])
    assert sum(len(report.rows) for report in reports) == 2


def test_hints_for_the_editor(small_demo, languages, django_assert_num_queries):
    add_term(languages, "steward", es="responsable")
    translation = principles_translation(small_demo)
    index = GlossaryIndex()
    with django_assert_num_queries(2):  # the translation's source, its segments
        hints = hints_for_translation(translation, index)
    by_source = {
        segment.string.data: [(use.source_wording, use.approved) for use in hints[segment.pk]]
        for segment in StringSegment.objects.filter(pk__in=hints).select_related("string")
    }
    assert by_source == {
        'We meet in <a id="a1">BBB</a> rooms that members steward together.': [
            ("BBB - Big Blue Button", "BBB - Big Blue Button"),
            ("steward", "responsable"),
        ],
        "Steward": [("steward", "responsable")],
    }


# In the admin


@pytest.fixture
def spanish_translator(django_user_model):
    user = django_user_model.objects.create_user("traductora", password="x")
    user.groups.add(Group.objects.get(name="Translators: Español"))
    return user


def test_the_editor_shows_approved_terms(small_demo, languages, spanish_translator, client):
    add_term(languages, "forum")
    client.force_login(spanish_translator)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[small_demo.page("spaces", "es").pk]))
    assert response.status_code == 200
    hints = response.context["hints"]
    forum = StringSegment.objects.get(
        source__object_id=small_demo.page("spaces").translation_key, string__data__contains="forum"
    )
    assert hints["segments"] == {str(forum.pk): [{"source": "forum", "approved": None, "kept": None}]}
    assert "no approved translation in Español yet" in hints["labels"]["missing"]
    assert b'id="glossary-hints"' in response.content
    assert b"translations/glossary-hints.js" in response.content


def test_the_report_in_the_admin(small_demo, languages, spanish_translator, client, admin_user):
    translation = principles_translation(small_demo)
    retranslate(translation, bbb_segment(translation), "Nos reunimos en salas de videollamada.")
    url = reverse("translations_glossary_report")

    client.force_login(spanish_translator)
    response = client.get(url)
    assert response.status_code == 200
    assert [report.locale.language_code for report in response.context["reports"]] == ["es"]
    content = response.content.decode()
    assert "Nos reunimos en salas de videollamada." in content
    assert reverse("wagtailadmin_pages:edit", args=[small_demo.page("principles", "es").pk]) in content
    # Another language's report is not theirs to see, even when asked for.
    assert [report.locale.language_code for report in client.get(url, {"language": "ar"}).context["reports"]] == ["es"]

    client.force_login(admin_user)
    assert [report.locale.language_code for report in client.get(url).context["reports"]] == ["es"]
    assert client.get(url, {"language": "ar"}).context["reports"] == []


def test_the_report_is_for_translators_and_editors(small_demo, outsider, client):
    client.force_login(outsider)
    response = client.get(reverse("translations_glossary_report"))
    assert response.status_code in (302, 403)
