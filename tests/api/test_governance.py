"""Governance documents through the API: the version in force, earlier ones by label, drafts and future never."""

import json
import uuid
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.glossary.models import GlossaryTerm
from cms.governance.models import DocumentKind, GovernanceVersion
from portal.schema import schema

VERSION_FIELDS = """
  label effectiveDate changeSummary locale isFallback isCurrent
  body { __typename ... on HeadingBlock { text level } ... on ParagraphBlock { html } }
"""
DOCUMENT = f"""
query($kind: GovernanceDocumentKind!, $locale: String!, $label: String!) {{
  governanceDocument(kind: $kind, locale: $locale) {{
    kind title
    current {{ {VERSION_FIELDS} }}
    versions {{ {VERSION_FIELDS} }}
    version(label: $label) {{ {VERSION_FIELDS} }}
  }}
}}
"""


def run(document, **variables):
    request = RequestFactory().post("/graphql/")
    request.user = AnonymousUser()
    return schema.execute(document, variable_values=variables, context_value=request)


def document(kind="CODE_OF_CONDUCT", locale="en", label="1.0"):
    result = run(DOCUMENT, kind=kind, locale=locale, label=label)
    assert result.errors is None, result.errors
    return result.data["governanceDocument"]


def served(version):
    return (version["label"], version["locale"], version["isFallback"], version["isCurrent"])


def add_version(kind, label, effective_date, change_summary, locale, body=None, source=None, live=True):
    return GovernanceVersion.objects.create(
        kind=kind,
        version_label=label,
        effective_date=effective_date,
        change_summary=change_summary,
        body=body or [{"type": "paragraph", "value": f"<p>{change_summary}</p>"}],
        locale=locale,
        translation_key=source.translation_key if source else uuid.uuid4(),
        live=live,
    )


def test_the_current_version_and_the_earlier_ones_newest_first(small_demo):
    code = document()
    assert (code["kind"], code["title"]) == ("CODE_OF_CONDUCT", "Code of conduct")
    assert served(code["current"]) == ("2.0", "en", False, True)
    assert code["current"]["effectiveDate"] == "2025-06-01"
    assert [served(version) for version in code["versions"]] == [
        ("2.0", "en", False, True),
        ("1.0", "en", False, False),
    ]
    assert document("PRIVACY_POLICY")["current"]["label"] == "1.0"


def test_a_missing_translation_is_served_from_the_fallback(small_demo):
    german = document(locale="de")
    assert served(german["current"]) == ("2.0", "en", True, True)
    assert german["current"]["changeSummary"] == "Adds recorded sessions."
    spanish = document(locale="es")
    assert served(spanish["current"]) == ("2.0", "es", False, True)
    assert spanish["current"]["changeSummary"] == "Añade las sesiones grabadas."
    assert spanish["current"]["body"][0]["html"] == "<p>Sé amable en cada espacio, grabado o no.</p>"
    assert spanish["current"]["body"][1] == {"__typename": "HeadingBlock", "text": "Denuncias", "level": 2}
    # Only 2.0 was translated: Spanish readers read 1.0 in English.
    assert [served(version) for version in spanish["versions"]] == [
        ("2.0", "es", False, True),
        ("1.0", "en", True, False),
    ]


def test_an_earlier_version_is_readable_by_label(small_demo):
    first = document(locale="es", label="1.0")["version"]
    assert served(first) == ("1.0", "en", True, False)
    assert first["changeSummary"] == "First version."
    assert first["effectiveDate"] == "2023-09-01"
    assert first["body"][0] == {"__typename": "ParagraphBlock", "html": "<p>Be kind in every space.</p>"}
    assert document(label="9.9")["version"] is None


def test_a_version_scheduled_ahead_never_appears(small_demo):
    for locale in ["en", "es", "de"]:
        code = document(locale=locale, label="3.0")
        assert code["version"] is None
        assert "3.0" not in [version["label"] for version in code["versions"]]
        assert code["current"]["label"] == "2.0"
        text = json.dumps(code)
        assert "Scheduled for the future." not in text
        assert "Be kind, always." not in text


def test_drafts_never_appear(small_demo):
    en, es = small_demo.locale("en"), small_demo.locale("es")
    # A new version still in draft, which would be current if it were published.
    add_version(DocumentKind.CODE_OF_CONDUCT, "2.5", date(2025, 7, 1), "CANARY-new-draft-7f3a", en, live=False)
    # Unpublished changes to a published version live in its revisions, not in what readers get.
    policy = GovernanceVersion.objects.get(kind=DocumentKind.PRIVACY_POLICY, locale=en)
    policy.change_summary = "CANARY-unpublished-edit-7f3a"
    policy.save_revision()
    # A translation still in draft: Spanish readers get the English version.
    add_version(
        DocumentKind.PRIVACY_POLICY, "1.0", policy.effective_date, "CANARY-draft-translation-7f3a", es, source=policy,
        live=False,
    )  # fmt: skip
    responses = [
        document(kind, locale, label)
        for kind in ["CODE_OF_CONDUCT", "PRIVACY_POLICY"]
        for locale in ["en", "es", "de"]
        for label in ["1.0", "2.5"]
    ]
    assert "CANARY" not in json.dumps(responses)
    assert all(response["version"] is None for response in responses[1::2])
    assert document()["current"]["label"] == "2.0"
    assert served(document("PRIVACY_POLICY", "es")["current"]) == ("1.0", "en", True, True)


def test_no_version_in_force_gives_null(small_demo):
    GovernanceVersion.objects.filter(kind=DocumentKind.PRIVACY_POLICY).update(effective_date=date(2099, 1, 1))
    assert document("PRIVACY_POLICY") is None


def test_an_unknown_locale_is_an_error(small_demo):
    result = run(DOCUMENT, kind="CODE_OF_CONDUCT", locale="xx", label="1.0")
    assert result.errors[0].message.startswith("Unknown locale 'xx'")
    assert (result.data or {}).get("governanceDocument") is None


def grow_policy(small_demo, first, count):
    """Privacy policy versions `first` to `count`, every other one in Spanish, each body linking to the glossary."""
    en, es = small_demo.locale("en"), small_demo.locale("es")
    term = GlossaryTerm.objects.get(locale=en)
    for number in range(first, count):
        body = [
            {"type": "heading", "value": {"text": f"Version {number}", "level": "h2"}},
            {"type": "paragraph", "value": f'<p>Held in <a linktype="glossary" id="{term.pk}">BBB</a> rooms.</p>'},
        ]
        label = f"1.{number + 1}"
        source = add_version(DocumentKind.PRIVACY_POLICY, label, date(2024, 2, number + 1), f"Edit {number}", en, body)
        if number % 2:
            add_version(DocumentKind.PRIVACY_POLICY, label, source.effective_date, f"Cambio {number}", es, body, source)


def queries_for(**variables):
    with CaptureQueriesContext(connection) as queries:
        result = document(**variables)
    return len(queries), result


@pytest.mark.parametrize("locale", ["en", "es"])
def test_a_document_costs_the_same_queries_whatever_its_number_of_versions(small_demo, locale):
    grow_policy(small_demo, 0, 1)  # 1.0 and 1.1
    few, result = queries_for(kind="PRIVACY_POLICY", locale=locale, label="1.0")
    assert len(result["versions"]) == 2
    grow_policy(small_demo, 1, 9)  # up to 1.9
    many, result = queries_for(kind="PRIVACY_POLICY", locale=locale, label="1.0")
    assert [version["label"] for version in result["versions"]] == [f"1.{number}" for number in range(9, -1, -1)]
    assert 'data-glossary-term="bbb-big-blue-button"' in result["current"]["body"][1]["html"]
    assert few == many


TRANSLATIONS = """
query($kind: GovernanceDocumentKind!, $locale: String!, $label: String!) {
  governanceDocument(kind: $kind, locale: $locale) {
    translations { locale status title }
    versions { label translations { locale status title } }
    version(label: $label) { translations { locale status } }
  }
}
"""


def translations(kind="CODE_OF_CONDUCT", locale="en", label="1.0"):
    result = run(TRANSLATIONS, kind=kind, locale=locale, label=label)
    assert result.errors is None, result.errors
    return result.data["governanceDocument"]


def statuses(items):
    return {item["locale"]: item["status"] for item in items}


def test_translations_list_every_language_with_its_status_and_the_documents_name_in_it(small_demo):
    code = translations(locale="de")
    # The version in force (2.0) is translated into Spanish only; 1.0 into no language.
    assert statuses(code["translations"]) == {
        "en": "CURRENT", "es": "CURRENT", "fr": "MISSING", "de": "MISSING", "ar": "MISSING"
    }  # fmt: skip
    assert {item["locale"]: item["title"] for item in code["translations"]} == {
        "en": "Code of conduct",
        "es": "Código de conducta",
        "fr": "Code de conduite",
        "de": "Verhaltenskodex",
        "ar": "مدونة السلوك",
    }
    by_label = {version["label"]: statuses(version["translations"]) for version in code["versions"]}
    assert by_label["2.0"] == statuses(code["translations"])
    assert by_label["1.0"] == {"en": "CURRENT", "es": "MISSING", "fr": "MISSING", "de": "MISSING", "ar": "MISSING"}
    assert statuses(code["version"]["translations"]) == by_label["1.0"]
    # The same whatever the language asked for.
    assert translations(locale="es") == code
    policy = translations("PRIVACY_POLICY")
    assert statuses(policy["translations"])["es"] == "MISSING"
    assert policy["translations"][0]["title"] == "Privacy policy"


def test_a_translation_is_outdated_once_its_source_is_published_again(small_demo):
    source = GovernanceVersion.objects.get(
        kind=DocumentKind.CODE_OF_CONDUCT, version_label="2.0", locale=small_demo.locale("en")
    )
    GovernanceVersion.objects.filter(pk=source.pk).update(last_published_at=timezone.now() + timedelta(minutes=1))
    code = translations()
    assert statuses(code["translations"])["es"] == "OUTDATED"
    assert statuses(code["translations"])["en"] == "CURRENT"


def test_drafts_are_missing_translations(small_demo):
    policy = GovernanceVersion.objects.get(kind=DocumentKind.PRIVACY_POLICY, locale=small_demo.locale("en"))
    add_version(
        DocumentKind.PRIVACY_POLICY, "1.0", policy.effective_date, "Borrador", small_demo.locale("fr"), source=policy,
        live=False,
    )  # fmt: skip
    assert statuses(translations("PRIVACY_POLICY")["translations"])["fr"] == "MISSING"


def translate_policy(small_demo, codes):
    """A published translation into each of `codes` of every privacy policy version that has none yet."""
    english = GovernanceVersion.objects.filter(kind=DocumentKind.PRIVACY_POLICY, locale=small_demo.locale("en"))
    for version in english:
        for code in codes:
            locale = small_demo.locale(code)
            if not GovernanceVersion.objects.filter(translation_key=version.translation_key, locale=locale).exists():
                add_version(
                    version.kind, version.version_label, version.effective_date, "Traduit", locale, source=version
                )


def test_translations_cost_the_same_queries_whatever_the_versions_and_languages(small_demo):
    grow_policy(small_demo, 0, 1)  # 1.0 and 1.1
    translate_policy(small_demo, ["fr"])
    with CaptureQueriesContext(connection) as few:
        small = translations("PRIVACY_POLICY", label="1.1")
    assert len(small["versions"]) == 2
    grow_policy(small_demo, 1, 9)  # up to 1.9, every other one in Spanish
    translate_policy(small_demo, ["fr", "de"])
    with CaptureQueriesContext(connection) as many:
        large = translations("PRIVACY_POLICY", label="1.1")
    assert len(large["versions"]) == 10
    assert statuses(large["versions"][0]["translations"]) == {
        "en": "CURRENT", "es": "MISSING", "fr": "CURRENT", "de": "CURRENT", "ar": "MISSING"
    }  # fmt: skip
    by_label = {version["label"]: statuses(version["translations"]) for version in large["versions"]}
    assert (by_label["1.2"]["es"], by_label["1.1"]["es"]) == ("CURRENT", "MISSING")  # every other one in Spanish
    assert statuses(large["version"]["translations"]) == by_label["1.1"]
    assert len(few) == len(many)
